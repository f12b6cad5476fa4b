/**
 * Deep nesting never crashes (issue 11): parentheses, signs, `not`, long `and` and `+` chains and
 * chains of `let`s, far past the limits of grammar/README.md ("Limits"), get a coded diagnostic
 * (P006 at the token that passes the limit, S017 where a chain of definitions does) with exit 1 and
 * nothing on stdout from every command; plans at the limits check, run, compile and format, and the
 * compiled module agrees with the interpreter. The folders `deep-parens`, `and-chain` and
 * `let-chain` are the reproducers filed with the issue.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, load } from '@payplan/core';
import { evaluate } from '@payplan/interpreter';
import { analyze, complete, format, hover, runSession } from '@payplan/language-service';
import { MAX_NESTING, MAX_OPERATORS, parsePlan } from '@payplan/syntax';
import { importCompiled } from '../compiler/support.js';
import { runCli } from '../support/cli.js';

const reproducers = join(import.meta.dirname, 'deep-nesting');
const scratch = mkdtempSync(join(tmpdir(), 'payplan-deep-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const head = 'plan "deep"\n  currency CNY\n  settle monthly\n  year 2026\n\ntable sales per payee per period\n  revenue money\n\n';
/** The first line after the header and table. */
const firstLine = head.split('\n').length;
const sales = 'payee,period,revenue\nana,2026-01,1000\nbob,2026-01,250\ncat,2026-01,40\n';

/** Each shape at `n`: the plan text, and where (line, column) its first expression line starts. */
const shapes = {
  parens: (n: number) => `let x = ${'('.repeat(n)}revenue${')'.repeat(n)}\ncommission on x pay 1%\n`,
  signs: (n: number) => `let x = ${'- '.repeat(n)}revenue\ncommission on x pay 1%\n`,
  nots: (n: number) => `bonus when ${'not '.repeat(n)}revenue > 100 pay 10\n`,
  // `revenue > k` and … : two operators a term (the comparison and the `and`).
  and: (n: number) => `bonus when ${Array.from({ length: n }, (_, i) => `revenue > ${i % 50}`).join(' and ')} pay 10\n`,
  // `=` and n − 1 `+`: n operators.
  plus: (n: number) => `let x = ${Array(n).fill('revenue').join(' + ')}\ncommission on x pay 1%\n`,
  lets: (n: number) => `${Array.from({ length: n }, (_, i) => `let a${i + 1} = ${i ? `a${i}` : 'revenue'} + 1\n`).join('')}commission on a${n} pay 1%\n`,
} as const;
type Shape = keyof typeof shapes;

function writePlan(name: string, body: string): string {
  const file = join(scratch, `${name}.payplan`);
  writeFileSync(file, head + body);
  writeFileSync(join(scratch, 'sales.csv'), sales);
  return file;
}

/** Column (1-based) of the `k`-th (1-based) match of `pattern` in `line`. */
function columnOf(line: string, pattern: RegExp, k: number): number {
  const all = [...line.matchAll(new RegExp(pattern.source, 'g'))];
  return all[k - 1]!.index + 1;
}

describe('the reproducers filed with issue 11', () => {
  const cases = [
    { folder: 'deep-parens', code: 'P006', at: 'plan.payplan:23:74', words: 'more than 64 parentheses, signs and `not`' },
    { folder: 'and-chain', code: 'P006', at: 'plan.payplan:38:2267', words: 'this line has more than 250 operators' },
    { folder: 'let-chain', code: 'S017', at: 'plan.payplan:1307:13', words: '`z1249` is built on 251 definitions chained one on another (z1249 → z1250 → … → z1499)' },
  ];
  for (const c of cases) {
    for (const command of ['check', 'run', 'compile']) {
      it(`${c.folder}: payplan ${command} reports ${c.code} at ${c.at}, exit 1, nothing on stdout`, async () => {
        const plan = join(reproducers, c.folder, 'plan.payplan');
        const r = await runCli([command, plan]);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(`error[${c.code}]: `);
        expect(r.stderr).toContain(c.words);
        expect(r.stderr).toContain(`${plan.replace('plan.payplan', '')}${c.at}`);
        expect(r.stderr).toMatch(/^1 error$/m);
        expect(r.stderr).not.toMatch(/RangeError|Maximum call stack|\n\s+at /);
      });
    }
  }
});

describe('10,000 deep, through the whole CLI', () => {
  const n = 10_000;
  const line = (s: Shape) => shapes[s](n).split('\n')[0]!;
  /** Where each shape passes its limit. */
  const expected: Record<Shape, { code: string; line: number; column: number }> = {
    parens: { code: 'P006', line: firstLine, column: columnOf(line('parens'), /\(/, MAX_NESTING + 1) },
    signs: { code: 'P006', line: firstLine, column: columnOf(line('signs'), /-/, MAX_NESTING + 1) },
    nots: { code: 'P006', line: firstLine, column: columnOf(line('nots'), /not/, MAX_NESTING + 1) },
    and: { code: 'P006', line: firstLine, column: columnOf(line('and'), / > | and /, MAX_OPERATORS + 1) + 1 },
    plus: { code: 'P006', line: firstLine, column: columnOf(line('plus'), /\+/, MAX_OPERATORS) },
    // a251 = a250 + 1 is the first value 502 levels deep: reported at its `a250`.
    lets: { code: 'S017', line: firstLine + 250, column: 'let a251 = '.length + 1 },
  };

  it('the expected places are where the limits say', () => {
    expect(expected.parens.column).toBe('let x = '.length + 65);
    expect(expected.signs.column).toBe('let x = '.length + 2 * 64 + 1);
    expect(expected.plus.column).toBe('let x = revenue '.length + 249 * 'revenue + '.length + 1);
  });

  for (const shape of Object.keys(shapes) as Shape[]) {
    for (const command of ['check', 'run', 'compile'] as const) {
      it(`${shape}: payplan ${command} reports ${expected[shape].code} at line ${expected[shape].line}, column ${expected[shape].column}`, async () => {
        const plan = writePlan(`${shape}-${command}`, shapes[shape](n));
        const r = await runCli(command === 'compile' ? [command, plan, '-o', join(scratch, `${shape}.ts`)] : [command, plan]);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(`error[${expected[shape].code}]: `);
        expect(r.stderr).toContain(`${plan}:${expected[shape].line}:${expected[shape].column}`);
        expect(r.stderr).toMatch(/^1 error$/m);
      });
    }

    it(`${shape}: payplan fmt ${shape === 'lets' ? 'formats the plan, which still reports S017' : 'reports P006 and leaves the file alone'}`, async () => {
      const plan = writePlan(`${shape}-fmt`, shapes[shape](n));
      const r = await runCli(['fmt', plan]);
      if (shape === 'lets') {
        // A long chain is valid syntax: fmt lays it out (aligning the run of `let`s) and keeps its meaning.
        expect(r.code).toBe(0);
        expect(r.stdout.split('\n').filter((l) => l.startsWith('let a'))).toHaveLength(n);
        expect(r.stdout).toContain(`let a${n} = a${n - 1} + 1\n`);
        expect(r.stdout).toContain(`let a1${' '.repeat(String(n).length - 1)} = revenue + 1\n`);
        expect(check(r.stdout).diagnostics.map((d) => d.code)).toEqual(['S017']);
      } else {
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(`error[P006]: `);
        expect(r.stderr).toContain(`${plan}:${expected[shape].line}:${expected[shape].column}`);
      }
      expect(readFileSync(plan, 'utf8')).toBe(head + shapes[shape](n));
    });
  }

  it('a declaration past a limit is skipped, and the others are still parsed and reported', () => {
    const text = `${head}let x = ${'('.repeat(n)}1${')'.repeat(n)}\nlet y = 2 +\nlet z = ${'-'.repeat(n)}1\n`;
    const d = parsePlan(text).diagnostics;
    expect(d.map((x) => x.code)).toEqual(['P006', 'P001', 'P006']);
  });
});

describe('at the limits, a plan works end to end', () => {
  /** The largest of each shape the limits allow. */
  const atLimit: Record<Shape, number> = {
    parens: MAX_NESTING,
    signs: MAX_NESTING,
    nots: MAX_NESTING,
    and: MAX_OPERATORS / 2,
    plus: MAX_OPERATORS,
    // a249 is 498 levels deep; the commission naming it, 499.
    lets: 249,
  };
  const inputs = [{ table: 'sales', file: 'sales.csv', bytes: sales }];

  for (const shape of Object.keys(shapes) as Shape[]) {
    it(`${shape} at ${atLimit[shape]}: checks, runs, compiles to a module that agrees, and formats`, async () => {
      const text = head + shapes[shape](atLimit[shape]);
      const checked = check(text);
      expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const data = load(checked.ir!, inputs).data;
      const interpreted = evaluate(checked.ir!, data);
      const payouts = interpreted.value!.statements.map((s) => `${s.payee} ${s.period} ${s.payout}`);
      const want: Record<Shape, string[]> = {
        parens: ['ana 2026-01 10.00', 'bob 2026-01 2.50', 'cat 2026-01 0.40'],
        signs: ['ana 2026-01 10.00', 'bob 2026-01 2.50', 'cat 2026-01 0.40'],
        nots: ['ana 2026-01 10.00', 'bob 2026-01 10.00', 'cat 2026-01 0.00'],
        and: ['ana 2026-01 10.00', 'bob 2026-01 10.00', 'cat 2026-01 0.00'],
        plus: ['ana 2026-01 2500.00', 'bob 2026-01 625.00', 'cat 2026-01 100.00'],
        lets: ['ana 2026-01 12.49', 'bob 2026-01 4.99', 'cat 2026-01 2.89'],
      };
      expect(payouts).toEqual(want[shape]);
      const { module } = await importCompiled(checked.ir!, text, `deep-${shape}`);
      expect(module.evaluate(data)).toEqual(interpreted);
      expect(module.evaluate(data, { fast: false })).toEqual(interpreted);

      const plan = writePlan(`${shape}-limit`, shapes[shape](atLimit[shape]));
      const formatted = await runCli(['fmt', plan]);
      expect(formatted.code).toBe(0);
      const again = check(formatted.stdout);
      expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      // The same statements: the layout moves source positions, nothing else.
      const reformatted = evaluate(again.ir!, load(again.ir!, inputs).data).value!.statements;
      expect(reformatted.map((s) => `${s.payee} ${s.period} ${s.payout}`)).toEqual(want[shape]);
    });

    it(`${shape} one past the limit is reported`, () => {
      expect(check(head + shapes[shape](atLimit[shape] + 1)).diagnostics.map((d) => d.code)).toEqual([shape === 'lets' ? 'S017' : 'P006']);
    });
  }

  it('signs and `not` close where their operand ends: long lines of them stay within the nesting limit', () => {
    // 80 of each: more than the nesting limit if they never closed, fewer operators than a line allows.
    const many = (term: string, join: string) => Array.from({ length: 80 }, () => term).join(join);
    const lines = [
      `let x = ${many('-revenue', ' + ')}`,
      `let y = ${many('-(revenue)', ' * ')}`,
      `let z = min(${many('-revenue', ', ')})`,
      `bonus when ${many('not revenue > 0', ' and ')} pay 1`,
      `bonus big when ${many('not (revenue > 0)', ' or ')} pay 1`,
    ];
    const d = parsePlan(`${head}${lines.join('\n')}\n`).diagnostics;
    expect(d).toEqual([]);
  });
});

describe('the language service on deep text', () => {
  const texts = (Object.keys(shapes) as Shape[]).map((s) => head + shapes[s](10_000));

  it('never throws, on the whole text or cut in its deep part, as the playground sends it while typing', () => {
    for (const text of texts) {
      for (const cut of [text.length, head.length + 5_000]) {
        const typed = text.slice(0, cut);
        expect(() => {
          const a = analyze(typed);
          return [hover(a, typed.length - 3), complete(a, typed.length), format(a)];
        }).not.toThrow();
      }
    }
  });

  it('past the nesting limit, completion still offers the plan\'s names (without walking the grammar that deep)', () => {
    const typed = `${head}bonus when ${'not '.repeat(10_000)}`;
    const labels = complete(analyze(typed), typed.length).items.map((i) => i.label);
    expect(labels).toContain('revenue');
  });

  it('reports the coded error as a marker in a session', () => {
    const session = runSession({ plan: texts[0]!, tables: [{ name: 'sales', header: ['payee', 'period', 'revenue'], rows: [['ana', '2026-01', '1000']] }] });
    expect(session.problems.map((p) => [p.code, p.line, p.column])).toEqual([['P006', firstLine, 'let x = '.length + 65]]);
    expect(session.result).toBeUndefined();
  });
});
