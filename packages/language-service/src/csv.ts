/**
 * CSV for the data grid: parse text a person pastes or loads (RFC 4180, comma or tab separated, as
 * spreadsheets copy), and write a grid back as CSV while recording where every cell landed. The
 * playground hands that text to the same loader the CLI reads files with, so a bad cell gets the
 * CLI's message, and the recorded layout turns the message's span back into a grid cell.
 */
import type { Span } from '@payplan/diagnostics';
import type { TableSchema } from '@payplan/runtime';

/** A table as the grid holds it: a header row and rows of raw cell text. */
export interface Grid {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * Parses CSV (or TSV when `separator` is a tab; by default the separator is guessed from the first
 * line). Quoted cells may hold separators, doubled quotes and line breaks. Never throws: an unclosed
 * quote runs to the end of the text, as spreadsheets read it.
 */
export function parseCsv(text: string, separator?: ',' | '\t' | ';'): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = separator ?? guessSeparator(src);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  let any = false;
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      any = true;
      i++;
    } else if (ch === sep) {
      row.push(cell);
      cell = '';
      any = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      any = false;
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      any = true;
      i++;
    }
  }
  if (any || cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function guessSeparator(text: string): ',' | '\t' | ';' {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => first.split(c).length - 1;
  const tabs = count('\t');
  const commas = count(',');
  const semis = count(';');
  if (tabs > 0 && tabs >= commas) return '\t';
  if (semis > commas) return ';';
  return ',';
}

/** A grid from parsed CSV: the first row is the header; short rows are padded, blank trailing rows dropped. */
export function gridFromCsv(text: string): Grid {
  const all = parseCsv(text);
  while (all.length > 1 && all[all.length - 1]!.every((c) => c.trim() === '')) all.pop();
  const header = (all[0] ?? []).map((h) => h.trim());
  const width = Math.max(header.length, ...all.slice(1).map((r) => r.length));
  while (header.length < width) header.push('');
  const rows = all.slice(1).map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  return { header, rows };
}

const needsQuotes = /[",\r\n]|^\s|\s$/;
const quote = (cell: string): string => (needsQuotes.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** Where each grid cell sits in the CSV text written for it. */
export interface CsvLayout {
  readonly text: string;
  /** Offset where each record starts: index 0 is the header, index i + 1 is grid row i. */
  readonly recordStarts: readonly number[];
  /** For each record, the span of each cell (as written, quotes included). */
  readonly cells: readonly (readonly Span[])[];
}

/** Writes a grid as CSV (LF line breaks, quoting only where needed) and records each cell's span. */
export function writeCsv(grid: Grid): CsvLayout {
  const width = grid.header.length;
  const records = [grid.header, ...grid.rows];
  const parts: string[] = [];
  const recordStarts: number[] = [];
  const cells: Span[][] = [];
  let offset = 0;
  for (const record of records) {
    recordStarts.push(offset);
    const spans: Span[] = [];
    for (let c = 0; c < width; c++) {
      const text = quote(record[c] ?? '');
      if (c > 0) {
        parts.push(',');
        offset += 1;
      }
      spans.push({ start: offset, end: offset + text.length });
      parts.push(text);
      offset += text.length;
    }
    cells.push(spans);
    parts.push('\n');
    offset += 1;
  }
  return { text: parts.join(''), recordStarts, cells };
}

/** A grid position: `row` is the grid row (-1 for the header), `column` the header index (-1 for the whole row). */
export interface GridPlace {
  readonly row: number;
  readonly column: number;
}

/** The grid cell (or row, or header) a span in the written CSV points into; undefined for the file as a whole. */
export function placeOf(layout: CsvLayout, span: Span): GridPlace | undefined {
  if (span.start === 0 && span.end === 0) return undefined;
  const starts = layout.recordStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= span.start) lo = mid;
    else hi = mid - 1;
  }
  const cells = layout.cells[lo] ?? [];
  const first = cells.findIndex((c) => span.start >= c.start && span.start <= c.end);
  const last = cells.findIndex((c) => span.end >= c.start && span.end <= c.end);
  return { row: lo - 1, column: first >= 0 && first === last ? first : -1 };
}

export const dataFile = (table: string): string => `${table}.csv`;

/** The columns a table's data has, in order: `payee` (and `period`) first for per-payee tables. */
export function dataColumns(schema: TableSchema): string[] {
  const implicit = schema.kind === 'payee' ? ['payee'] : schema.kind === 'payeePeriod' ? ['payee', 'period'] : [];
  return [...implicit, ...schema.columns.map((c) => c.name)];
}
