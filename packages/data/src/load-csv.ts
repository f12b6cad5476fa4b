/**
 * CSV input. Parsing is csv-parse's; this module checks the header against the table's columns,
 * gives each record its row number and position, and hands the cells to the shared `RowValidator`.
 *
 * Row numbers are spreadsheet rows: the header is row 1, so the first data row is row 2, and every
 * line counts, blank ones included; a quoted cell spanning several lines stays in one row. For a
 * file without blank lines or multi-line cells the row number is the line number.
 *
 * A header-only file is an empty table (allowed); an empty or whitespace-only file is D008. Rows
 * whose cells are all blank (such as `,,,` lines left by spreadsheets) are skipped.
 */
import { parse, CsvError } from 'csv-parse/sync';
import type { InfoRecord } from 'csv-parse/sync';
import type { SourceText, Span } from '@payplan/diagnostics';
import type { InputRow, TableSchema } from '@payplan/runtime';
import { ByteCursor, fieldSpan, recordSpan, scanRecord, skipLineBreaks } from './csv-positions.js';
import type { Field } from './fields.js';
import { registerLocator } from './locate.js';
import { closest, listWords } from './names.js';
import { emptyMessage } from './messages.js';
import { FileDiagnostics } from './sink.js';
import type { DataContext, LoadResult, LoadedTable } from './types.js';
import { RowValidator, type Locator } from './validate.js';

const isBlank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

/** Loads CSV `text`; `bytes` is the same text as UTF-8 (BOM removed), which csv-parse reads. */
export function loadCsv(schema: TableSchema, file: string, text: string, bytes: Uint8Array, ctx: DataContext, source: SourceText): LoadResult {
  const diags = new FileDiagnostics(file);
  if (text.trim() === '') {
    diags.error('D008', () => ({ span: { start: 0, end: 0 }, message: emptyMessage(file, schema) }));
    return { diagnostics: diags.finish() };
  }

  /** Header column of each field, or -1. */
  let colOfField: number[] = [];
  const locator: Locator = {
    cell: (anchor, field) => {
      const col = colOfField[field] ?? -1;
      return col < 0 ? recordSpan(text, anchor) : fieldSpan(text, anchor, col);
    },
    row: (anchor) => recordSpan(text, anchor),
  };
  const validator = new RowValidator(schema, file, ctx, diags, locator);
  const fields = validator.fields;

  const rows: InputRow[] = [];
  /** Text offset of each accepted row's record, for `locateCell`. */
  const starts: number[] = [];
  const cursor = new ByteCursor(text, bytes.length);
  let nextStart = skipLineBreaks(text, 0);
  let lastEnd = 0;
  let lastRow = 0;
  let headerLength = -1;
  let readable = true;
  let unnamed: number[] = [];
  const scratch: unknown[] = fields.map(() => undefined);

  const readHeader = (record: string[], start: number, rowNo: number): void => {
    headerLength = record.length;
    const names = record.map((s) => s.trim());
    const byName = new Map(fields.map((f, i) => [f.name, i] as const));
    colOfField = fields.map(() => -1);
    const fieldNames = fields.map((f) => f.name);
    names.forEach((name, col) => {
      if (name === '') {
        unnamed.push(col);
        return;
      }
      const fi = byName.get(name);
      if (fi === undefined) {
        const guess = closest(name, fieldNames.filter((n) => !names.includes(n)));
        diags.error('D003', () => ({
          span: fieldSpan(text, start, col),
          message: `${file} row ${rowNo}: unknown column "${name}" in the header; ${schema.name} has the columns ${listWords(fieldNames)}`,
          ...(guess !== undefined ? { hint: `did you mean \`${guess}\`?` } : {}),
        }));
        return;
      }
      const prev = colOfField[fi] ?? -1;
      if (prev >= 0) {
        diags.error('D003', () => ({
          span: fieldSpan(text, start, col),
          message: `${file} row ${rowNo}: column ${name} appears twice in the header (columns ${prev + 1} and ${col + 1})`,
          labels: [{ span: fieldSpan(text, start, prev), message: 'first here' }],
        }));
        return;
      }
      colOfField[fi] = col;
    });
    fields.forEach((f: Field, fi) => {
      if ((colOfField[fi] ?? -1) >= 0) return;
      validator.markAbsent(fi);
      if (f.optional) return;
      readable = false;
      diags.error('D002', () => ({
        span: recordSpan(text, start),
        message: `${file} row ${rowNo}: missing column ${f.name}; the header has ${names.length && names.some((n) => n !== '') ? names.filter((n) => n !== '').join(', ') : 'no column names'}`,
        notes: [`${schema.name} needs the columns ${listWords(fields.filter((g) => !g.optional).map((g) => g.name))}`],
      }));
    });
  };

  const reportedUnnamed = new Set<number>();
  const onRecord = (record: string[], info: InfoRecord): null => {
    const start = nextStart;
    lastEnd = cursor.charAt(info.bytes);
    nextStart = skipLineBreaks(text, lastEnd);
    const rowNo = info.records + info.empty_lines;
    lastRow = rowNo;
    if (headerLength < 0) {
      readHeader(record, start, rowNo);
      return null;
    }
    if (record.every(isBlank)) return null;
    if (record.length !== headerLength && !(record.length > headerLength && record.slice(headerLength).every(isBlank))) {
      const n = record.length;
      diags.error('D004', () => ({
        span: recordSpan(text, start),
        message: `${file} row ${rowNo} has ${n} cell${n === 1 ? '' : 's'} but the header has ${headerLength} column${headerLength === 1 ? '' : 's'}`,
        notes: [n > headerLength ? 'a cell that contains a comma must be put in double quotes, e.g. "Smith, Jane"' : 'every row needs a cell (possibly empty) for each column of the header'],
      }));
      return null;
    }
    for (const col of unnamed) {
      if (reportedUnnamed.has(col) || isBlank(record[col])) continue;
      reportedUnnamed.add(col);
      diags.error('D003', () => ({
        span: fieldSpan(text, start, col),
        message: `${file} row ${rowNo}: column ${col + 1} has a value but no name in the header`,
      }));
    }
    for (let i = 0; i < scratch.length; i++) {
      const col = colOfField[i] ?? -1;
      scratch[i] = col >= 0 ? record[col] : undefined;
    }
    const row = validator.validate(rowNo, start, scratch);
    if (row !== undefined) {
      rows.push(row);
      starts.push(start);
    }
    return null;
  };

  try {
    parse(bytes, {
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: onRecord,
    });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    readable = false;
    reportCsvError(e, text, file, nextStart, lastRow + 1 + countNewlines(text, lastEnd, nextStart), diags);
  }
  unnamed = [];

  if (!readable) return { diagnostics: diags.finish() };
  const value: LoadedTable = { schema, file, rows, source };
  const fieldOf = new Map(fields.map((f, i) => [f.name, i] as const));
  registerLocator(value, {
    cell: (rowIndex, column) => {
      const start = starts[rowIndex];
      const fi = fieldOf.get(column);
      const col = fi === undefined ? -1 : (colOfField[fi] ?? -1);
      if (start === undefined) return { start: 0, end: 0 };
      return col < 0 ? recordSpan(text, start) : fieldSpan(text, start, col);
    },
  });
  return { value, diagnostics: diags.finish() };
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function reportCsvError(e: CsvError, text: string, file: string, start: number, rowNo: number, diags: FileDiagnostics): void {
  const shape = scanRecord(text, start);
  if (e.code === 'CSV_QUOTE_NOT_CLOSED' && shape.unclosedQuote !== undefined) {
    const at = shape.unclosedQuote;
    diags.error('D001', () => ({
      span: { start: at, end: at + 1 },
      message: `${file} row ${rowNo}: a quoted cell starts here but its closing quote (") is missing, so the rest of the file cannot be read`,
      hint: 'a double quote inside a quoted cell is written twice: "say ""hello"""',
    }));
    return;
  }
  const span: Span = { start, end: shape.end };
  diags.error('D001', () => ({ span, message: `${file} row ${rowNo}: cannot read this line as CSV (${e.message})` }));
}
