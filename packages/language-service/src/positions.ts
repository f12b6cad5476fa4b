/**
 * Editor positions. The language core speaks in half-open UTF-16 offsets; editors speak in one-based
 * lines and columns. `Range` has Monaco's field names (and LSP's meaning, one-based) so the
 * playground passes it through untouched, but nothing here depends on an editor.
 */
import type { SourceText, Span } from '@payplan/diagnostics';

/** One-based, end-exclusive: the shape of Monaco's `IRange`. */
export interface Range {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
}

/** The range of a span in a source; an empty span stays empty. */
export function rangeOf(source: SourceText, span: Span): Range {
  const a = source.lineCol(Math.min(span.start, source.text.length));
  const b = source.lineCol(Math.min(Math.max(span.end, span.start), source.text.length));
  return { startLineNumber: a.line, startColumn: a.column, endLineNumber: b.line, endColumn: b.column };
}

/** The offset of a one-based line and column (clamped to the text). */
export function offsetAt(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const max = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(offset + Math.max(0, column - 1), max);
}
