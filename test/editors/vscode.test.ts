/**
 * The VS Code extension (editors/vscode): its TextMate grammar is generated from the lexer's keyword
 * list (and must be regenerated, `pnpm grammar`, when a keyword is added), its language configuration
 * agrees with the Monarch one, and it packages as a .vsix with @vscode/vsce whose bundled language
 * server answers `initialize`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rpc from 'vscode-jsonrpc/node';
import { describe, expect, it } from 'vitest';
import { keywords } from '@payplan/syntax';
import { configuration } from '../../grammar/monarch.js';
import { textMateGrammar } from '../../grammar/textmate.js';
import { root } from '../support/plans.js';

const extension = join(root, 'editors/vscode');
const grammar = JSON.parse(readFileSync(join(extension, 'syntaxes/payplan.tmLanguage.json'), 'utf8'));
type Rule = { name?: string; match?: string };
const wordRules = grammar.repository.word.patterns as Rule[];
const rule = (name: string) => new RegExp(wordRules.find((r) => r.name === name)!.match!, 'u');

describe('the TextMate grammar', () => {
  it('is the generated one (run `pnpm grammar` after changing a keyword)', () => {
    expect(grammar).toEqual(JSON.parse(JSON.stringify(textMateGrammar())));
  });

  it('highlights exactly the lexer keywords as keywords', () => {
    const listed = /\(\?:([^)]*)\)/.exec(wordRules[0]!.match!)![1]!.split('|');
    expect([...listed].sort()).toEqual([...keywords].sort());
    const keyword = rule('keyword.other.payplan');
    for (const k of keywords) expect(keyword.exec(` ${k} `)?.[0], k).toBe(k);
    // Not inside a longer name, whatever its letters.
    for (const name of ['payee_total', 'planned', 'rebase', 'überbonus', 'bonus2']) expect(keyword.exec(name), name).toBeNull();
  });

  it('compiles every pattern, and reads a plan line by line as expected', () => {
    const all: string[] = [];
    JSON.stringify(grammar, (k, v: unknown) => ((k === 'match' || k === 'begin' || k === 'end') && typeof v === 'string' ? (all.push(v), v) : v));
    for (const source of all) expect(() => new RegExp(source, 'u'), source).not.toThrow();
    expect(new RegExp(grammar.repository.literal.patterns[1].match, 'u').exec('period=2026-Q1 ')?.[0]).toBe('2026-Q1');
    expect(new RegExp(grammar.repository.literal.patterns[2].match, 'u').exec('pay 12.5% of')?.[0]).toBe('12.5%');
    expect(rule('storage.type.payplan').exec('  price  money  # unit price')?.[0]).toBe('money');
  });
});

describe('the language configuration', () => {
  it('comments and brackets as the playground has them', () => {
    const lc = JSON.parse(readFileSync(join(extension, 'language-configuration.json'), 'utf8'));
    expect(lc.comments).toEqual(configuration.comments);
    expect(lc.brackets).toEqual(configuration.brackets);
    const indent = new RegExp(lc.indentationRules.increaseIndentPattern);
    expect(indent.test('commission on margin whole  ')).toBe(true);
    expect(indent.test('for each deal in deals')).toBe(true);
    expect(indent.test('const Pmin = 80.00')).toBe(false);
  });
});

describe('the extension', () => {
  it('packages as a .vsix with the grammar, the configuration, the client and the server', () => {
    execFileSync('npx', ['-y', 'pnpm@10.34.9', 'run', 'package'], { cwd: extension, stdio: 'pipe' });
    const files = execFileSync('unzip', ['-Z1', join(extension, 'dist/payplan.vsix')], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(files).toEqual(['[Content_Types].xml', 'extension.vsixmanifest', 'extension/dist/extension.cjs', 'extension/dist/server.cjs', 'extension/language-configuration.json', 'extension/package.json', 'extension/readme.md', 'extension/syntaxes/payplan.tmLanguage.json']);
    const manifest = JSON.parse(execFileSync('unzip', ['-p', join(extension, 'dist/payplan.vsix'), 'extension/package.json'], { encoding: 'utf8' }));
    expect(manifest.contributes.grammars).toEqual([{ language: 'payplan', scopeName: 'source.payplan', path: './syntaxes/payplan.tmLanguage.json' }]);
  }, 300_000);

  it('bundles a language server that answers initialize', async () => {
    const child = spawn(process.execPath, [join(extension, 'dist/server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
    connection.listen();
    const init = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as { capabilities: { renameProvider?: unknown }; serverInfo?: { name: string } };
    expect(init.serverInfo?.name).toBe('payplan');
    expect(init.capabilities.renameProvider).toEqual({ prepareProvider: true });
    connection.dispose();
    child.kill();
  }, 60_000);
});
