/**
 * The payplan language server: LSP over the language service's pure functions. Diagnostics on open
 * and change (the CLI's wording), hover, completion (with documentation, and snippets for the shapes
 * of rules at the start of a line), go to definition, references, rename, formatting (the formatter
 * `payplan fmt` uses), document symbols and semantic tokens. One analysis per document version.
 */
import { analyze, complete, definition, format, hover, markers, rangeOf, type Analysis, type CompletionKind, type PlanSymbol } from '@payplan/language-service';
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  ResponseError,
  SemanticTokensBuilder,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CompletionItem,
  type Connection,
  type DocumentSymbol,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { offsetOf, toLsp } from './convert.js';
import { occurrences, rename, symbolAt } from './references.js';
import { semanticTokens, tokenModifiers, tokenTypes } from './semantic-tokens.js';
import { snippets } from './snippets.js';

const completionKinds: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  value: CompletionItemKind.Variable,
  column: CompletionItemKind.Field,
  table: CompletionItemKind.Class,
  type: CompletionItemKind.TypeParameter,
  function: CompletionItemKind.Function,
  variable: CompletionItemKind.Variable,
  component: CompletionItemKind.Method,
  setting: CompletionItemKind.EnumMember,
};

const symbolKinds: Record<PlanSymbol['kind'], SymbolKind> = {
  table: SymbolKind.Class,
  group: SymbolKind.Variable,
  column: SymbolKind.Field,
  const: SymbolKind.Constant,
  let: SymbolKind.Variable,
  base: SymbolKind.Variable,
  rates: SymbolKind.Variable,
  team: SymbolKind.Namespace,
  component: SymbolKind.Method,
  row: SymbolKind.Variable,
};

const severities = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** A file URI's path, as diagnostics name the plan; other URIs as they are. */
const fileName = (uri: string): string => (uri.startsWith('file://') ? decodeURIComponent(new URL(uri).pathname) : uri);

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new Map<string, { version: number; analysis: Analysis }>();
  const analysisOf = (uri: string): Analysis | undefined => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const hit = cache.get(uri);
    if (hit?.version === doc.version) return hit.analysis;
    const analysis = analyze(doc.getText(), fileName(uri));
    cache.set(uri, { version: doc.version, analysis });
    return analysis;
  };

  connection.onInitialize(
    (): InitializeResult => ({
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Full,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', ' '] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentFormattingProvider: true,
        documentSymbolProvider: true,
        semanticTokensProvider: { legend: { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] }, full: true },
      },
      serverInfo: { name: 'payplan' },
    }),
  );

  documents.onDidChangeContent(({ document }) => {
    const a = analysisOf(document.uri);
    if (!a) return;
    const diagnostics = markers(a.diagnostics, a.source).map((m) => ({
      range: toLsp(m),
      severity: severities[m.severity],
      code: m.code,
      source: 'payplan',
      message: m.message,
      relatedInformation: m.related.map((r) => ({ location: { uri: document.uri, range: toLsp(r.range) }, message: r.message })),
    }));
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  });
  documents.onDidClose(({ document }) => {
    cache.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onHover(({ textDocument, position }) => {
    const a = analysisOf(textDocument.uri);
    const h = a && hover(a, offsetOf(a.text, position));
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.contents.join('\n\n') }, range: toLsp(h.range) } : null;
  });

  connection.onCompletion(({ textDocument, position }): CompletionItem[] => {
    const a = analysisOf(textDocument.uri);
    if (!a) return [];
    const offset = offsetOf(a.text, position);
    const { items, range } = complete(a, offset);
    const out: CompletionItem[] = items.map((i) => ({
      label: i.label,
      kind: completionKinds[i.kind],
      detail: i.detail,
      ...(i.documentation !== undefined && { documentation: { kind: MarkupKind.Markdown, value: i.documentation } }),
      sortText: i.sortText,
      textEdit: { range: toLsp(range), newText: i.insertText },
    }));
    const lineStart = a.text.lastIndexOf('\n', offset - 1) + 1;
    if (/^[A-Za-z_]*$/.test(a.text.slice(lineStart, offset))) {
      const word = toLsp(rangeOf(a.source, { start: lineStart, end: offset }));
      for (const s of snippets) {
        out.push({ label: s.label, kind: CompletionItemKind.Snippet, detail: s.detail, documentation: { kind: MarkupKind.Markdown, value: s.documentation }, insertTextFormat: InsertTextFormat.Snippet, textEdit: { range: word, newText: s.body }, sortText: `0${s.label}` });
      }
    }
    return out;
  });

  connection.onDefinition(({ textDocument, position }) => {
    const a = analysisOf(textDocument.uri);
    const d = a && definition(a, offsetOf(a.text, position));
    return d ? { uri: textDocument.uri, range: toLsp(d.range) } : null;
  });

  connection.onReferences(({ textDocument, position, context }) => {
    const a = analysisOf(textDocument.uri);
    const symbol = a && symbolAt(a, offsetOf(a.text, position));
    if (!a || !symbol) return [];
    const spans = occurrences(a, symbol).filter((s) => context.includeDeclaration || s.start !== symbol.span.start);
    return spans.map((s) => ({ uri: textDocument.uri, range: toLsp(rangeOf(a.source, s)) }));
  });

  connection.onPrepareRename(({ textDocument, position }) => {
    const a = analysisOf(textDocument.uri);
    const offset = a ? offsetOf(a.text, position) : 0;
    const symbol = a && symbolAt(a, offset);
    const here = symbol && a && occurrences(a, symbol).find((s) => s.start <= offset && offset <= s.end);
    return here && a ? { range: toLsp(rangeOf(a.source, here)), placeholder: symbol.name } : null;
  });

  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const a = analysisOf(textDocument.uri);
    if (!a) return null;
    const r = rename(a, offsetOf(a.text, position), newName);
    if ('error' in r) return new ResponseError(-32803, r.error); // RequestFailed
    return { changes: { [textDocument.uri]: r.edits.map((e) => ({ range: toLsp(rangeOf(a.source, e.span)), newText: e.text })) } };
  });

  connection.onDocumentFormatting(({ textDocument }) => {
    const a = analysisOf(textDocument.uri);
    return a ? format(a).edits.map((e) => ({ range: toLsp(e.range), newText: e.text })) : [];
  });

  connection.onDocumentSymbol(({ textDocument }): DocumentSymbol[] => {
    const a = analysisOf(textDocument.uri);
    return a ? documentSymbols(a) : [];
  });

  connection.languages.semanticTokens.on(({ textDocument }) => {
    const a = analysisOf(textDocument.uri);
    const builder = new SemanticTokensBuilder();
    if (!a) return builder.build();
    for (const t of semanticTokens(a)) {
      const { line, character } = toLsp(rangeOf(a.source, { start: t.offset, end: t.offset })).start;
      builder.push(line, character, t.length, tokenTypes.indexOf(t.type), t.modifiers);
    }
    return builder.build();
  });

  documents.listen(connection);
  connection.listen();
}

/** The outline: tables with their columns, then values and rules, in the order the plan declares them. */
function documentSymbols(a: Analysis): DocumentSymbol[] {
  const s = a.symbols;
  const symbol = (p: PlanSymbol, children?: DocumentSymbol[]): DocumentSymbol => {
    const range = toLsp(rangeOf(a.source, p.span));
    return { name: p.name, detail: p.declaration, kind: symbolKinds[p.kind], range, selectionRange: range, ...(children && { children }) };
  };
  const tables = [...s.tables.values()].map((t) => symbol(t, (s.columns.get(t.name) ?? []).map((c) => symbol(c))));
  return [...tables, ...[...s.values.values()].map((v) => symbol(v)), ...s.components.map((c) => symbol(c))].sort((x, y) => x.range.start.line - y.range.start.line);
}
