/**
 * CSV input. Parsing is csv-parse's; this module checks the header against the table's columns,
 * numbers the rows and hands the cells to the shared `RowValidator`.
 *
 * Row numbers are spreadsheet rows: the header is row 1, so the first data row is row 2, and every
 * line counts, blank ones included; a quoted cell spanning several lines stays in one row. For a
 * file without multi-line cells the row number is the line number.
 *
 * A header-only file is an empty table (allowed); an empty or whitespace-only file is D008. Rows
 * whose cells are all blank (blank lines, or `,,,` lines left by spreadsheets) are skipped.
 */
import { parse, CsvError } from 'csv-parse/sync';
import type { SourceText } from '@payplan/diagnostics';
import { plainOrQuoted, quoted, type InputRow, type TableSchema } from '@payplan/runtime';
import { RecordIndex, scanRecord } from './csv-positions.js';
import { registerLocator } from './locate.js';
import { emptyMessage } from './messages.js';
import { closest, listWords } from './names.js';
import { FileDiagnostics } from './sink.js';
import type { DataContext, LoadResult, LoadedTable } from './types.js';
import { RowValidator } from './validate.js';

const noRecord: string[] = [];

const isBlank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

const csvOptions = { relax_quotes: true, relax_column_count: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n', '\r'] };

/** Loads CSV `text` (BOM removed); `bytes`, if given, is the same text as UTF-8, which csv-parse reads without re-encoding. */
export function loadCsv(schema: TableSchema, file: string, text: string, bytes: Uint8Array | undefined, ctx: DataContext, source: SourceText): LoadResult {
  const diags = new FileDiagnostics(file);
  if (text.trim() === '') {
    diags.error('D008', () => ({ span: { start: 0, end: 0 }, message: emptyMessage(file, schema) }));
    return { diagnostics: diags.finish() };
  }
  const at = new RecordIndex(text);

  let records: string[][];
  let readable = true;
  try {
    records = parse(bytes ?? text, csvOptions);
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    readable = false;
    records = recover(e, text, file, diags);
  }

  /** Header column of each field, or -1. */
  let colOfField: number[] = [];
  // Record k is row k + 1.
  const validator = new RowValidator(schema, file, ctx, diags, {
    cell: (row, field) => {
      const col = colOfField[field] ?? -1;
      return col < 0 ? at.record(row - 1) : at.field(row - 1, col);
    },
    row: (row) => at.record(row - 1),
  });
  const fields = validator.fields;

  let h = 0;
  while (h < records.length && isBlankRecord(records[h] ?? [])) h++;
  const header = records[h];
  if (header === undefined) {
    if (readable) diags.error('D008', () => ({ span: { start: 0, end: 0 }, message: emptyMessage(file, schema) }));
    return { diagnostics: diags.finish() };
  }

  // The header: every required field needs a column; other columns must be declared.
  const headerRow = h + 1;
  const names = header.map((s) => s.trim());
  const byName = new Map(fields.map((f, i) => [f.name, i] as const));
  const fieldNames = fields.map((f) => f.name);
  const unnamed: number[] = [];
  colOfField = fields.map(() => -1);
  names.forEach((name, col) => {
    if (name === '') {
      unnamed.push(col);
      return;
    }
    const fi = byName.get(name);
    if (fi === undefined) {
      const guess = closest(name, fieldNames.filter((n) => !names.includes(n)));
      diags.error('D003', () => ({
        span: at.field(h, col),
        message: `${file} row ${headerRow}: unknown column ${quoted(name)} in the header; ${schema.name} has the columns ${listWords(fieldNames)}`,
        ...(guess !== undefined ? { hint: `did you mean \`${guess}\`?` } : {}),
      }));
      return;
    }
    const prev = colOfField[fi] ?? -1;
    if (prev >= 0) {
      diags.error('D003', () => ({
        span: at.field(h, col),
        message: `${file} row ${headerRow}: column ${name} appears twice in the header (columns ${prev + 1} and ${col + 1})`,
        labels: [{ span: at.field(h, prev), message: 'first here' }],
      }));
      return;
    }
    colOfField[fi] = col;
  });
  const found = names.filter((n) => n !== '');
  fields.forEach((f, fi) => {
    if ((colOfField[fi] ?? -1) >= 0) return;
    validator.markAbsent(fi);
    if (f.optional) return;
    readable = false;
    diags.error('D002', () => ({
      span: at.record(h),
      message: `${file} row ${headerRow}: missing column ${f.name}; the header has ${found.length ? found.map(plainOrQuoted).join(', ') : 'no column names'}`,
      notes: [`${schema.name} needs the columns ${listWords(fields.filter((g) => !g.optional).map((g) => g.name))}`],
    }));
  });

  // The data rows.
  const width = header.length;
  const rows: InputRow[] = [];
  const recordOf: number[] = [];
  const reportedUnnamed = new Set<number>();
  const scratch: unknown[] = fields.map(() => undefined);
  for (let k = h + 1; k < records.length; k++) {
    const record = records[k] ?? [];
    const rowNo = k + 1;
    if (isBlankRecord(record)) continue;
    if (record.length !== width) {
      // Never guess which cells shifted: a comma in an unquoted cell would silently move values.
      const n = record.length;
      diags.error('D004', () => ({
        span: at.record(k),
        message: `${file} row ${rowNo} has ${n} cell${n === 1 ? '' : 's'} but the header has ${width} column${width === 1 ? '' : 's'}`,
        notes: [n > width ? 'a cell that contains a comma must be put in double quotes, e.g. "Smith, Jane"' : 'every row needs a cell (possibly empty) for each column of the header'],
      }));
      continue;
    }
    for (let i = 0; i < scratch.length; i++) {
      const col = colOfField[i] ?? -1;
      scratch[i] = col >= 0 ? record[col] : undefined;
    }
    for (const col of unnamed) {
      if (reportedUnnamed.has(col) || isBlank(record[col])) continue;
      reportedUnnamed.add(col);
      diags.error('D003', () => ({ span: at.field(k, col), message: `${file} row ${rowNo}: column ${col + 1} has a value but no name in the header` }));
    }
    records[k] = noRecord; // let the raw strings go as soon as they are validated
    const row = validator.validate(rowNo, scratch);
    if (row !== undefined) {
      rows.push(row);
      recordOf.push(k);
    }
  }

  if (!readable) return { diagnostics: diags.finish() };
  const value: LoadedTable = { schema, file, rows, source };
  registerLocator(value, {
    cell: (rowIndex, column) => {
      const k = recordOf[rowIndex];
      if (k === undefined) return { start: 0, end: 0 };
      const fi = byName.get(column);
      const col = fi === undefined ? -1 : (colOfField[fi] ?? -1);
      return col < 0 ? at.record(k) : at.field(k, col);
    },
  });
  return { value, diagnostics: diags.finish() };
}

function isBlankRecord(record: readonly string[]): boolean {
  for (const s of record) if (s.length !== 0 && s.trim() !== '') return false;
  return true;
}

/**
 * After a CSV syntax error: reports it, and returns the records before the offending one so their
 * problems are reported too. The only error the relaxed options leave is a quote that never closes.
 */
function recover(e: CsvError, text: string, file: string, diags: FileDiagnostics): string[][] {
  let start = 0;
  let k = 0;
  while (start < text.length) {
    const r = scanRecord(text, start);
    if (r.unclosedQuote !== undefined) {
      const q = r.unclosedQuote;
      const row = k + 1;
      diags.error('D001', () => ({
        span: { start: q, end: q + 1 },
        message: `${file} row ${row}: a quoted cell starts here but its closing quote (") is missing, so the rest of the file cannot be read`,
        hint: 'a double quote inside a quoted cell is written twice: "say ""hello"""',
      }));
      try {
        return parse(text.slice(0, start), csvOptions);
      } catch {
        return [];
      }
    }
    const c = text.charCodeAt(r.end);
    start = c === 13 && text.charCodeAt(r.end + 1) === 10 ? r.end + 2 : r.end + 1;
    k++;
  }
  const reason = e.message;
  diags.error('D001', () => ({ span: { start: 0, end: 0 }, message: `${file} cannot be read as CSV: ${reason}` }));
  return [];
}
