/**
 * Entry points: a data file's bytes or text (CSV or JSON, by extension), or rows in memory.
 */
import { SourceText, type Diagnostic } from '@payplan/diagnostics';
import type { TableSchema } from '@payplan/runtime';
import { loadCsv } from './load-csv.js';
import { loadJson } from './load-json.js';
import { loadObjects } from './load-rows.js';
import { noPlaces } from './json-positions.js';
import { countLines, MAX_FILE_BYTES, MAX_ROWS, tooManyBytes, tooManyRows } from './limits.js';
import { FileDiagnostics } from './sink.js';
import type { DataContext, LoadResult } from './types.js';
import { decodeUtf8, firstInvalidUtf8, lineOfByte } from './utf8.js';


/** Whether a file name is read as JSON (`.json`); anything else is CSV. */
export const isJsonFile = (file: string): boolean => /\.json$/i.test(file.trim());

/**
 * Loads one table from a data file. `bytes` are the file's contents (UTF-8, with or without a BOM;
 * CRLF or LF line breaks) or its already decoded text. Never throws on bad input: every problem is a
 * diagnostic naming the file, row and column. `value` is present whenever the file could be read and
 * has the required columns; it holds the rows that passed validation, so callers must not compute
 * with it while the diagnostics contain errors.
 */
export function loadTableText(schema: TableSchema, file: string, bytes: Uint8Array | string, ctx: DataContext): LoadResult {
  const tooLarge = sizeLimit(file, bytes, ctx);
  if (tooLarge) return { diagnostics: [tooLarge] };
  let text: string;
  let utf8: Uint8Array | undefined;
  if (typeof bytes === 'string') {
    text = bytes.charCodeAt(0) === 0xfeff ? bytes.slice(1) : bytes;
  } else {
    utf8 = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    const decoded = decodeUtf8(utf8);
    if (decoded === undefined) {
      const diags = new FileDiagnostics(file);
      const bad = utf8;
      diags.error('D001', () => {
        const at = firstInvalidUtf8(bad);
        return {
          span: { start: 0, end: 0 },
          message: `${file} is not valid UTF-8 text${at >= 0 ? ` (the first bad byte, 0x${(bad[at] ?? 0).toString(16).toUpperCase().padStart(2, '0')}, is on line ${lineOfByte(bad, at)})` : ''}`,
          notes: ['the file was probably saved in another encoding such as Windows-1252 or Latin-1'],
          hint: 'save it as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)")',
        };
      });
      return { diagnostics: diags.finish() };
    }
    text = decoded;
  }
  const source = new SourceText(file, text);
  if (isJsonFile(file)) return loadJson(schema, file, text, ctx, source);
  return loadCsv(schema, file, text, utf8, ctx, source);
}

/**
 * D021 for a file too large to load, checked before it is decoded or parsed: more bytes than
 * MAX_FILE_BYTES, or (CSV) more lines after the header than the row limit. A JSON file's rows are
 * counted once it is parsed.
 */
function sizeLimit(file: string, content: Uint8Array | string, ctx: DataContext): Diagnostic | undefined {
  if (content.length > MAX_FILE_BYTES) return tooManyBytes(file, content.length);
  if (isJsonFile(file)) return undefined;
  const rows = countLines(content) - 1;
  const max = ctx.maxRows ?? MAX_ROWS;
  return rows > max ? tooManyRows(file, rows, max) : undefined;
}

/**
 * Loads one table from rows in memory (an embedding application's objects, the playground's grid).
 * Values may be text, numbers, booleans, decimals or null; row numbers are 1-based indexes.
 */
export function loadTableRows(schema: TableSchema, file: string, rows: readonly Record<string, unknown>[], ctx: DataContext): LoadResult {
  const diags = new FileDiagnostics(file);
  if (!Array.isArray(rows)) {
    diags.error('D001', () => ({ span: { start: 0, end: 0 }, message: `${file}: expected a list of rows, found ${rows === null ? 'null' : typeof rows}` }));
    return { diagnostics: diags.finish() };
  }
  const max = ctx.maxRows ?? MAX_ROWS;
  if (rows.length > max) return { diagnostics: [tooManyRows(file, rows.length, max)] };
  return loadObjects(schema, file, rows, ctx, diags, noPlaces, undefined);
}
