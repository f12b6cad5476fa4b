/**
 * Renders diagnostics as text in the style of rustc: a header with the code, a `-->` line with
 * file:line:col, the offending source line with carets under the span, labels, notes and a hint.
 */
import type { Diagnostic } from './diagnostic.js';
import { SourceText } from './span.js';

export interface RenderOptions {
  /** ANSI colours; off by default so output is stable in files and tests. */
  readonly color?: boolean;
}

/** Orders diagnostics by file, then position, so output reads top to bottom. */
export const sortDiagnostics = (ds: readonly Diagnostic[]): Diagnostic[] =>
  [...ds].sort((a, b) => (a.file === b.file ? a.span.start - b.span.start || a.span.end - b.span.end : a.file < b.file ? -1 : 1));

/** `sources` maps a file name to its text; a diagnostic in an unknown file is shown without a snippet. */
export function renderDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, SourceText>, options: RenderOptions = {}): string {
  const paint = (code: string, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sevColor = d.severity === 'error' ? '31;1' : d.severity === 'warning' ? '33;1' : '36;1';
  const out: string[] = [`${paint(sevColor, `${d.severity}[${d.code}]`)}: ${d.message}`];
  const src = sources.get(d.file);
  if (!src) {
    out.push(`  --> ${d.file}`);
  } else {
    const { line, column } = src.lineCol(d.span.start);
    const gutter = String(line).length + 1;
    const pad = ' '.repeat(gutter);
    out.push(`${pad.slice(1)}--> ${d.file}:${line}:${column}`);
    out.push(`${pad}|`);
    const marks: Mark[] = [{ start: d.span.start, end: d.span.end, char: '^', label: '', paint: (s) => paint(sevColor, s) }];
    for (const label of d.labels ?? []) marks.push({ start: label.span.start, end: label.span.end, char: '-', label: label.message, paint: (s) => paint('34;1', s) });
    out.push(...snippets(src, marks, gutter));
    out.push(`${pad}|`);
  }
  for (const note of d.notes ?? []) out.push(`  = note: ${note}`);
  if (d.hint) out.push(`  = help: ${d.hint}`);
  return out.join('\n');
}

interface Mark {
  readonly start: number;
  readonly end: number;
  readonly char: string;
  readonly label: string;
  readonly paint: (s: string) => string;
}

/** A source line longer than this is shown as a window of it around the marks. */
const SHOWN_LINE_MAX = 160;
/** How much of a long line is shown before the first mark. */
const SHOWN_BEFORE = 20;

/**
 * The part of a line a snippet shows: all of it, or for a long line (a 10 MB cell) a window of
 * SHOWN_LINE_MAX characters from a little before the first mark, with `…` where it is cut. A
 * diagnostic's size never grows with the length of the line it points into.
 */
function window(text: string, firstColumn: number): { shown: string; from: number; lead: number } {
  if (text.length <= SHOWN_LINE_MAX) return { shown: text, from: 0, lead: 0 };
  const from = Math.max(0, Math.min(firstColumn - 1 - SHOWN_BEFORE, text.length - SHOWN_LINE_MAX));
  const to = from + SHOWN_LINE_MAX;
  const lead = from > 0 ? 1 : 0;
  return { shown: `${lead ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`, from, lead };
}

/** Each source line once, in order, with one underline row per mark on it (the main mark first). */
function snippets(src: SourceText, marks: readonly Mark[], gutter: number): string[] {
  const byLine = new Map<number, Mark[]>();
  for (const m of marks) {
    const line = src.lineCol(m.start).line;
    byLine.set(line, [...(byLine.get(line) ?? []), m]);
  }
  const out: string[] = [];
  for (const line of [...byLine.keys()].sort((a, b) => a - b)) {
    const text = src.lineText(line);
    const onLine = byLine.get(line)!;
    const w = window(text, Math.min(...onLine.map((m) => src.lineCol(m.start).column)));
    out.push(`${String(line).padStart(gutter - 1)} | ${w.shown}`);
    for (const m of onLine) {
      const { column } = src.lineCol(m.start);
      // Underline to the end of the span, but never past the end of its first line or of the window.
      const at = Math.max(0, Math.min(column - 1 - w.from, SHOWN_LINE_MAX - 1));
      const width = Math.max(1, Math.min(m.end - m.start, text.length - column + 1, SHOWN_LINE_MAX - at));
      out.push(`${' '.repeat(gutter)}| ${' '.repeat(at + w.lead)}${m.paint(m.char.repeat(width))}${m.label ? ' ' + m.paint(m.label) : ''}`);
    }
  }
  return out;
}

export function renderDiagnostics(ds: readonly Diagnostic[], sources: ReadonlyMap<string, SourceText>, options: RenderOptions = {}): string {
  const sorted = sortDiagnostics(ds);
  const errors = sorted.filter((d) => d.severity === 'error').length;
  const warnings = sorted.filter((d) => d.severity === 'warning').length;
  const parts = sorted.map((d) => renderDiagnostic(d, sources, options));
  const summary: string[] = [];
  if (errors) summary.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (warnings) summary.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  if (summary.length) parts.push(summary.join(', '));
  return parts.join('\n\n') + '\n';
}
