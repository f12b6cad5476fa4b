/**
 * Monaco, set up for payplan: the ESM editor API with only the contributions the playground uses
 * (so the bundle carries no other languages), the Monarch grammar from grammar/, a theme, and the
 * providers — completion, hover, definition, formatting — each a request to the language worker.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon.css';
import 'monaco-editor/esm/vs/editor/browser/coreCommands.js';
import 'monaco-editor/esm/vs/editor/browser/widget/codeEditor/codeEditorWidget.js';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/esm/vs/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/esm/vs/editor/contrib/find/browser/findController.js';
import 'monaco-editor/esm/vs/editor/contrib/folding/browser/folding.js';
import 'monaco-editor/esm/vs/editor/contrib/format/browser/formatActions.js';
import 'monaco-editor/esm/vs/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/esm/vs/editor/contrib/gotoSymbol/browser/goToCommands.js';
import 'monaco-editor/esm/vs/editor/contrib/gotoSymbol/browser/link/goToDefinitionAtPosition.js';
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/esm/vs/editor/contrib/indentation/browser/indentation.js';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/esm/vs/editor/contrib/snippet/browser/snippetController2.js';
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/esm/vs/editor/contrib/wordHighlighter/browser/wordHighlighter.js';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneCommandsQuickAccess.js';
import type { CompletionKind, Marker, Range } from '@payplan/language-service';
import { configuration, language, themeRules } from '../../grammar/monarch';
import type { WorkerClient } from './worker-client';

export { monaco };

export const LANGUAGE = 'payplan';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: () => new Worker(new URL('./editor-worker.ts', import.meta.url), { type: 'module', name: 'monaco' }),
};

let registered = false;

/** Registers the language, its grammar, theme and providers once. `statement` gives hover its values. */
export function registerPayplan(lang: WorkerClient, statement: () => import('@payplan/language-service').Statement | undefined, say: (message: string) => void): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: LANGUAGE, extensions: ['.payplan'], aliases: ['payplan'] });
  monaco.languages.setMonarchTokensProvider(LANGUAGE, language as unknown as monaco.languages.IMonarchLanguage);
  monaco.languages.setLanguageConfiguration(LANGUAGE, configuration as unknown as monaco.languages.LanguageConfiguration);
  monaco.editor.defineTheme('payplan-light', {
    base: 'vs',
    inherit: true,
    rules: themeRules,
    colors: { 'editor.background': '#ffffff', 'editorLineNumber.foreground': '#94a3b8', 'editor.lineHighlightBackground': '#f5f3ff' },
  });

  const kinds: Record<CompletionKind, monaco.languages.CompletionItemKind> = {
    keyword: monaco.languages.CompletionItemKind.Keyword,
    value: monaco.languages.CompletionItemKind.Variable,
    column: monaco.languages.CompletionItemKind.Field,
    table: monaco.languages.CompletionItemKind.Class,
    type: monaco.languages.CompletionItemKind.TypeParameter,
    function: monaco.languages.CompletionItemKind.Function,
    variable: monaco.languages.CompletionItemKind.Variable,
    component: monaco.languages.CompletionItemKind.Event,
    setting: monaco.languages.CompletionItemKind.EnumMember,
  };
  const quietly = async <T>(p: Promise<T>): Promise<T | undefined> => {
    try {
      return await p;
    } catch {
      return undefined; // a restarted worker or a timeout: the editor just shows nothing this time
    }
  };

  monaco.languages.registerCompletionItemProvider(LANGUAGE, {
    triggerCharacters: ['.', ' '],
    async provideCompletionItems(model, position) {
      const r = await quietly(lang.request({ kind: 'complete', text: model.getValue(), offset: model.getOffsetAt(position) }));
      if (!r) return { suggestions: [] };
      return {
        suggestions: r.items.map((i) => ({
          label: i.label,
          kind: kinds[i.kind],
          detail: i.detail,
          ...(i.documentation && { documentation: { value: i.documentation } }),
          insertText: i.insertText,
          sortText: i.sortText,
          range: r.range,
        })),
      };
    },
  });

  monaco.languages.registerHoverProvider(LANGUAGE, {
    async provideHover(model, position) {
      const st = statement();
      const r = await quietly(lang.request({ kind: 'hover', text: model.getValue(), offset: model.getOffsetAt(position), ...(st && { statement: st }) }));
      return r ? { contents: r.contents.map((value) => ({ value })), range: r.range } : null;
    },
  });

  monaco.languages.registerDefinitionProvider(LANGUAGE, {
    async provideDefinition(model, position) {
      const r = await quietly(lang.request({ kind: 'definition', text: model.getValue(), offset: model.getOffsetAt(position) }));
      return r ? { uri: model.uri, range: r.range } : null;
    },
  });

  monaco.languages.registerDocumentFormattingEditProvider(LANGUAGE, {
    async provideDocumentFormattingEdits(model) {
      const r = await quietly(lang.request({ kind: 'format', text: model.getValue() }));
      if (!r) return [];
      if (r.reason) say(`Not formatted: ${r.reason}.`);
      return r.edits.map((e) => ({ range: e.range, text: e.text }));
    },
  });
}

const severities = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

/** Shows the language service's markers as squiggles. */
export function setMarkers(model: monaco.editor.ITextModel, markers: readonly Marker[]): void {
  monaco.editor.setModelMarkers(
    model,
    'payplan',
    markers.map((m) => ({
      startLineNumber: m.startLineNumber,
      startColumn: m.startColumn,
      endLineNumber: m.endLineNumber,
      endColumn: m.endColumn,
      severity: severities[m.severity],
      message: m.message,
      source: 'payplan',
      relatedInformation: m.related.map((r) => ({ resource: model.uri, message: r.message, ...r.range })),
    })),
  );
}

/** Moves the cursor to a range, scrolls it to the middle and flashes the line. */
export function reveal(editor: monaco.editor.IStandaloneCodeEditor, range: Range): void {
  editor.revealRangeInCenter(range);
  editor.setSelection({ ...range, endLineNumber: range.startLineNumber, endColumn: range.startColumn });
  editor.focus();
  const ids = editor.createDecorationsCollection([
    { range: { ...range, endLineNumber: range.startLineNumber, endColumn: 1 }, options: { isWholeLine: true, className: 'flash-line' } },
  ]);
  setTimeout(() => ids.clear(), 1200);
}
