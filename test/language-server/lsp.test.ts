/**
 * The language server, headless: starts `payplan lsp` as an editor would (a child process speaking
 * LSP over stdio), opens plans, and checks each answer — diagnostics, hover, completion with
 * documentation and snippets, definition, references, rename, formatting, document symbols and
 * semantic tokens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node';
import type { CompletionItem, DocumentSymbol, Hover, Location, PublishDiagnosticsParams, SemanticTokens, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '@payplan/syntax';
import { snippets } from '@payplan/language-server';
import { root } from '../support/plans.js';

const planPath = join(root, 'examples/account-executive/plan.payplan');
const uri = pathToFileURL(planPath).href;
const text = readFileSync(planPath, 'utf8');
const lines = text.split('\n');
/** The zero-based position of the `nth` occurrence of `word` on the first line containing `lineHas`. */
function at(lineHas: string, word: string, nth = 0): { line: number; character: number } {
  const line = lines.findIndex((l) => l.includes(lineHas));
  let character = -1;
  for (let i = 0; i <= nth; i++) character = lines[line]!.indexOf(word, character + 1);
  if (line < 0 || character < 0) throw new Error(`no ${word} on a line with ${lineHas}`);
  return { line, character };
}

let child: ChildProcess;
let connection: rpc.MessageConnection;
const diagnostics = new Map<string, PublishDiagnosticsParams>();
const published = (u: string) =>
  new Promise<PublishDiagnosticsParams>((resolve) => {
    const poll = () => (diagnostics.has(u) ? resolve(diagnostics.get(u)!) : setTimeout(poll, 20));
    poll();
  });
const request = <R>(method: string, params: object) => connection.sendRequest(method, params) as Promise<R>;
const doc = { textDocument: { uri } };

beforeAll(async () => {
  child = spawn(process.execPath, [join(root, 'packages/cli/bin/payplan.js'), 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout!), new rpc.StreamMessageWriter(child.stdin!));
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void diagnostics.set(p.uri, p));
  connection.listen();
  const init = await request<{ capabilities: Record<string, unknown> }>('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {} });
  expect(Object.keys(init.capabilities)).toEqual(expect.arrayContaining(['hoverProvider', 'completionProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'documentFormattingProvider', 'documentSymbolProvider', 'semanticTokensProvider']));
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'payplan', version: 1, text } });
}, 60_000);

afterAll(async () => {
  await request('shutdown', {});
  await connection.sendNotification('exit');
  connection.dispose();
  child.kill();
});

describe('payplan lsp over stdio', () => {
  it('publishes no diagnostics for a good plan, and the CLI-worded error for a broken one', async () => {
    expect((await published(uri)).diagnostics).toEqual([]);
    const broken = 'file:///tmp/broken.payplan';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: broken, languageId: 'payplan', version: 1, text: text.replace('over deals', 'over deal') } });
    const d = (await published(broken)).diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 1, code: 'N004', source: 'payplan', range: { start: at('base margin', 'deals') } });
    expect(d[0]!.message).toMatch(/^error\[N004\]: /);
  });

  it('hovers a name with its kind and unit', async () => {
    const h = await request<Hover>('textDocument/hover', { ...doc, position: at('commission on margin', 'margin') });
    expect((h.contents as { value: string }).value).toContain('margin');
    expect((h.contents as { value: string }).value).toMatch(/money/);
    expect(h.range).toEqual({ start: at('commission on margin', 'margin'), end: { ...at('commission on margin', 'margin'), character: at('commission on margin', 'margin').character + 6 } });
  });

  it('completes names in scope with documentation, and offers rule snippets at the start of a line', async () => {
    const inRule = await request<CompletionItem[]>('textDocument/completion', { ...doc, position: at('bonus when margin', 'margin') });
    const margin = inRule.find((i) => i.label === 'margin');
    expect(margin).toMatchObject({ kind: 6, textEdit: { newText: 'margin' } });
    expect(inRule.find((i) => i.label === 'T1')).toBeDefined();
    const atStart = await request<CompletionItem[]>('textDocument/completion', { ...doc, position: { line: at('bonus when', 'bonus').line, character: 0 } });
    const ladder = atStart.find((i) => i.label === 'commission ladder');
    expect(ladder).toMatchObject({ kind: 15, insertTextFormat: 2 });
    expect((ladder!.documentation as { value: string }).value).toContain('marginal');
    expect(atStart.find((i) => i.label === 'bonus' && i.kind === 14)?.documentation).toBeDefined();
  });

  it('every snippet, its placeholders filled, parses', () => {
    const header = 'plan "P"\n  currency USD\n  settle quarterly\n  year 2026\n\n';
    for (const s of snippets) {
      const filled = s.body.replace(/\$\{\d+\|([^,|]+)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1');
      expect(parsePlan(header + filled, 's.payplan').diagnostics, s.label).toEqual([]);
    }
  });

  it('goes to the definition', async () => {
    const def = await request<Location>('textDocument/definition', { ...doc, position: at('T1 .. T2', 'T2') });
    expect(def).toEqual({ uri, range: { start: at('let T2', 'T2'), end: { ...at('let T2', 'T2'), character: at('let T2', 'T2').character + 2 } } });
  });

  it('finds references, example cells included', async () => {
    const refs = await request<Location[]>('textDocument/references', { ...doc, position: at('  qty ', 'qty'), context: { includeDeclaration: true } });
    expect(refs.map((r) => r.range.start.line + 1)).toEqual([
      lines.findIndex((l) => l.includes('  qty ')) + 1,
      lines.findIndex((l) => l.startsWith('base margin')) + 1,
      lines.findIndex((l) => l.includes('price_difference when')) + 1,
      ...lines.flatMap((l, i) => (l.includes(' qty=') ? [i + 1] : [])),
    ]);
  });

  it('renames everywhere the name is written, and refuses a rename that would break the plan', async () => {
    const edit = await request<WorkspaceEdit>('textDocument/rename', { ...doc, position: at('let T3', 'T3'), newName: 'stretch' });
    const edits = edit.changes![uri]!;
    expect(edits.map((e) => [e.range.start.line, e.newText])).toEqual([
      [at('let T3', 'T3').line, 'stretch'],
      [at('bonus when margin >= T3', 'T3').line, 'stretch'],
    ]);
    await expect(request('textDocument/rename', { ...doc, position: at('let T3', 'T3'), newName: 'T1' })).rejects.toThrow(/would break the plan/);
    await expect(request('textDocument/rename', { ...doc, position: at('let T3', 'T3'), newName: 'commission' })).rejects.toThrow(/not a name/);
  });

  it('formats with the formatter payplan fmt uses', async () => {
    const messy = 'file:///tmp/messy.payplan';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: messy, languageId: 'payplan', version: 1, text: text.replace('const Pmin = 80.00', 'const   Pmin =   80.00') } });
    const edits = await request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: messy }, options: { tabSize: 2, insertSpaces: true } });
    expect(edits).toHaveLength(1);
    expect(edits[0]!.newText).toBe(text);
    expect(await request<TextEdit[]>('textDocument/formatting', { ...doc, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
  });

  it('outlines the plan: tables with their columns, values, rules', async () => {
    const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', doc);
    expect(symbols.map((s) => s.name)).toEqual(['deals', 'quotas', 'Pmin', 'Pp', 'rp', 'T1', 'T2', 'T3', 'margin', 'commission', 'bonus', 'price_difference']);
    expect(symbols[0]!.children!.map((c) => c.name)).toEqual(['id', 'rep', 'closed', 'qty', 'price', 'cost']);
  });

  it('colours names by what they denote', async () => {
    const tokens = await request<SemanticTokens>('textDocument/semanticTokens/full', doc);
    // Decode the relative encoding into [line, character, length, type, modifiers].
    const decoded: number[][] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [dl, dc, len, type, mods] = tokens.data.slice(i, i + 5) as [number, number, number, number, number];
      line += dl;
      character = dl ? dc : character + dc;
      decoded.push([line, character, len, type, mods]);
    }
    const typeAt = (p: { line: number; character: number }) => decoded.find((t) => t[0] === p.line && t[1] === p.character)?.slice(3);
    // Legend: keyword, type, property, variable, function, parameter, number, string, comment; modifiers: declaration 1, readonly 2.
    expect(typeAt(at('table deals', 'table'))).toEqual([0, 0]);
    expect(typeAt(at('table deals', 'deals'))).toEqual([1, 1]);
    expect(typeAt(at('base margin', 'price'))).toEqual([2, 0]);
    expect(typeAt(at('const Pmin', 'Pmin'))).toEqual([3, 3]);
    expect(typeAt(at('require price >= Pmin', 'Pmin'))).toEqual([3, 2]);
    expect(typeAt(at('const Pmin', '80.00'))).toEqual([6, 0]);
    expect(typeAt({ line: 0, character: 0 })).toEqual([8, 0]);
  });
});
