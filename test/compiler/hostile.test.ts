/**
 * Safety of generated code: a plan whose names are JavaScript reserved words, prototype members,
 * the module's own helper names and Unicode, and whose strings hold quotes, backslashes, comment
 * ends, template placeholders and line breaks, compiles to a module that parses, type-checks, runs
 * and agrees with the interpreter — and contains no eval or Function. The name and string mappings
 * are also checked on arbitrary input.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compilePlan, commentText, jsName, jsString, toJavaScript } from '@payplan/compiler';
import { evaluate } from '@payplan/interpreter';
import { root } from '../support/plans.js';
import { generatedDir, importCompiled, loadRaw, planWithData, rawInputs, writeGenerated, type CompiledModule } from './support.js';

const plan = 'test/compiler/hostile/hostile.payplan';

describe('a hostile plan', () => {
  it('compiles to a module without eval or Function that agrees with the interpreter', async () => {
    const { ir, text, data } = planWithData(plan);
    const { module: m, code } = await importCompiled(ir, text, 'hostile');
    expect(code).not.toMatch(/\beval\s*\(|\bFunction\s*\(|new\s+Function\b/);
    expect(m.plan.name).toBe(ir.name);
    const expected = evaluate(ir, data);
    expect(expected.value?.statements.length).toBeGreaterThan(0);
    expect(m.evaluate(data)).toEqual(expected);
    expect(m.evaluate(data, { fast: false })).toEqual(expected);
    const raw = rawInputs(ir, data);
    expect(m.computeStatements(raw)).toEqual(evaluate(ir, loadRaw(ir, raw)).value);
  });

  it('type-checks under the workspace settings', () => {
    const { ir, text } = planWithData(plan);
    const code = compilePlan(ir, { source: text }).code!;
    mkdirSync(generatedDir, { recursive: true });
    const file = join(generatedDir, 'hostile-typecheck.ts');
    writeFileSync(file, code);
    const program = ts.createProgram([file], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      skipLibCheck: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      types: ['node'],
    });
    const problems = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file || !d.file);
    expect(problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    // A whole TypeScript program is type-checked: 10-20 s on a quiet 2-core machine, more under load.
  }, 120_000);

  it('compiles to JavaScript and declarations that run the same', async () => {
    const { ir, text, data } = planWithData(plan);
    const { js, dts } = await toJavaScript(compilePlan(ir, { source: text }).code!);
    expect(js).not.toMatch(/\beval\s*\(|\bFunction\s*\(/);
    expect(dts).toMatch(/export declare function computeStatements\(/);
    expect(dts).toMatch(/export interface 交易Row/);
    const m = (await import(pathToFileURL(writeGenerated('hostile-js', js, 'js')).href)) as CompiledModule;
    expect(m.evaluate(data)).toEqual(evaluate(ir, data));
  });
});

/** Runs `main` (a TypeScript module's text) under tsx, which reads TypeScript with esbuild; returns its stdout. */
function underTsx(name: string, main: string): string {
  const file = writeGenerated(name, main, 'ts');
  return execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
}

describe('a name in a letter newer than the toolchains know (unicode16-name: U+1E5D0)', () => {
  const plan16 = 'test/compiler/hostile/unicode16-name/plan.payplan';

  it('compiles to a module that tsx, TypeScript and the --js output all load, agreeing with the interpreter', async () => {
    const { ir, text, data } = planWithData(plan16);
    const code = compilePlan(ir, { source: text }).code!;
    expect(code).toContain('function $u1e5d0$(');
    const raw = rawInputs(ir, data);
    const expected = evaluate(ir, loadRaw(ir, raw)).value;
    expect(expected?.statements.length).toBeGreaterThan(0);
    const { module: m } = await importCompiled(ir, text, 'unicode16-name');
    expect(m.evaluate(data)).toEqual(evaluate(ir, data));
    const moduleFile = writeGenerated('unicode16-name-tsx', code, 'ts');
    const main = `import { computeStatements } from ${JSON.stringify(pathToFileURL(moduleFile).href)};\nprocess.stdout.write(JSON.stringify(computeStatements(${JSON.stringify(raw)})));\n`;
    expect(JSON.parse(underTsx('unicode16-name-main', main))).toEqual(JSON.parse(JSON.stringify(expected)));
    const { js } = await toJavaScript(code);
    const j = (await import(pathToFileURL(writeGenerated('unicode16-name-js', js, 'js')).href)) as CompiledModule;
    expect(j.computeStatements(raw)).toEqual(expected);
  });

  it('keeps as itself only identifier characters that TypeScript and esbuild both know', () => {
    const kept: string[] = [];
    for (let c = 0x80; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      if (!jsName(`a${ch}`).includes('$')) {
        kept.push(ch);
        expect(ts.isIdentifierPart(c, ts.ScriptTarget.ES2022), ch).toBe(true);
        if (!jsName(ch).includes('$')) expect(ts.isIdentifierStart(c, ts.ScriptTarget.ES2022), ch).toBe(true);
      }
    }
    expect(kept).toContain('交');
    expect(jsName('𞗐')).toBe('$u1e5d0$');
    expect(jsName('\u{a7cb}a')).toBe('$ua7cb$a'); // Latin, but new in Unicode 16
    const declarations = kept.map((ch, i) => `const a${ch} = ${i};`);
    expect(underTsx('kept-letters', `${declarations.join('\n')}\nexport {};\nprocess.stdout.write("ok");\n`)).toBe('ok');
  });
});

const idStart = /[\p{ID_Start}$_]/u;
const idPart = /[\p{ID_Continue}$\u200c\u200d]/u;
const isIdentifier = (s: string) => [...s].every((ch, i) => (i === 0 ? idStart : idPart).test(ch));

describe('names and strings in generated code', () => {
  it('maps every plan name to a distinct, valid, unreserved identifier', () => {
    const planName = fc.stringMatching(/^[\p{L}_][\p{L}\p{N}_]{0,8}$/u);
    fc.assert(
      fc.property(planName, planName, (a, b) => {
        expect(isIdentifier(jsName(a))).toBe(true);
        expect(['__proto__', 'constructor', 'delete', 'eval', 'Function'].includes(jsName(a))).toBe(false);
        if (a !== b) expect(jsName(a)).not.toBe(jsName(b));
      }),
    );
    for (const name of ['delete', 'constructor', '__proto__', 'eval', 'Function', 'Dec', 'x²', '交易', 'new', 'prototype']) expect(isIdentifier(jsName(name))).toBe(true);
    expect(jsName('x²')).toBe('x$ub2$');
    expect(jsName('delete')).toBe('delete$');
  });

  it('writes any string as a literal that reads back the same and cannot break out', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const lit = jsString(s);
        expect(JSON.parse(lit)).toBe(s);
        expect(lit).not.toMatch(/[\u2028\u2029\n\r]/);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const c = commentText(s);
        expect(c).not.toContain('*/');
        expect(c).not.toMatch(/[\u2028\u2029\n\r]/);
      }),
    );
  });
});
