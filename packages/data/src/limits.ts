/**
 * Limits on single cells, checked before a cell is parsed, that keep every later step linear and
 * every output honest: a number has at most 30 digits before its decimal point and 30 after (D019;
 * a 100,000-digit amount is a corrupted cell, and arithmetic and printing on it cost seconds), and
 * an id (a payee, or a cell of a `key` column) has no control character (D020; a line break in a
 * payee id would print as two lines of a statement, a table or a CSV export).
 */
import type { Code, Diagnostic } from '@payplan/diagnostics';
import { grouped, quoted, type ColumnType } from '@payplan/runtime';

/** The most digits a number cell may have before its decimal point, and after it. */
export const MAX_NUMBER_DIGITS = 30;

export interface BrokenLimit {
  readonly code: Code;
  /** What is wrong with the cell, after its place (`deals.csv row 2, column amount: `). */
  readonly message: string;
  readonly hint: string;
}

const numeric: ReadonlySet<ColumnType> = new Set<ColumnType>(['money', 'decimal', 'count', 'percent']);
const control = /[\p{Cc}\u2028\u2029]/u;

/** The limit a raw cell breaks, if any. `id`: the cell names a payee or is part of a row's key. */
export function brokenLimit(type: ColumnType, id: boolean, raw: string): BrokenLimit | undefined {
  // A cell this short cannot have too many digits: the check costs nothing on ordinary data.
  if (raw.length > MAX_NUMBER_DIGITS && numeric.has(type)) return tooManyDigits(raw);
  if (id) return controlCharacter(raw);
  return undefined;
}

/** D019 for a cell written as a number (digits, `,` grouping, one `.`) with too many digits; other text is left to the cell's parser. */
function tooManyDigits(raw: string): BrokenLimit | undefined {
  const m = /^\s*[+-]?([\d,]*)(?:\.(\d*))?\s*%?\s*$/.exec(raw);
  if (!m) return undefined;
  const whole = (m[1] ?? '').replace(/,/g, '').replace(/^0+/, '').length;
  const fraction = (m[2] ?? '').replace(/0+$/, '').length;
  if (whole <= MAX_NUMBER_DIGITS && fraction <= MAX_NUMBER_DIGITS) return undefined;
  const [count, where] = whole > MAX_NUMBER_DIGITS ? [whole, 'before'] : [fraction, 'after'];
  return {
    code: 'D019',
    message: `the number has ${grouped(String(count))} digits ${where} the decimal point; payplan reads numbers with at most ${MAX_NUMBER_DIGITS} digits before the point and ${MAX_NUMBER_DIGITS} after`,
    hint: 'no amount, rate or count is this long: the cell was probably corrupted or pasted twice',
  };
}

const characterNames: Readonly<Record<string, string>> = { '\n': 'a line break', '\r': 'a carriage return', '\t': 'a tab' };

/** D020 for an id with a control character. */
function controlCharacter(raw: string): BrokenLimit | undefined {
  const m = control.exec(raw.trim());
  if (!m) return undefined;
  const c = m[0];
  const name = characterNames[c] ?? `the control character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return {
    code: 'D020',
    message: `the id ${quoted(raw.trim())} contains ${name}; a payee or key may not contain line breaks, tabs or other control characters`,
    hint: 'remove the character: an id is printed on statements, in tables and in CSV exports, where it would break the line',
  };
}

/**
 * The most rows one data file may have. Every row is held in memory (about 1 GB per million rows
 * on a run of the benchmark plan); 5,000,000 rows exhausted Node's heap and the process aborted
 * with no message. Until loading streams, a larger file is D021, checked before the file is parsed.
 * `--max-rows` raises it (with memory to match).
 */
export const MAX_ROWS = 2_000_000;

/** The largest data file read, in bytes: beyond it the text alone crowds the heap (and past 512 MB Node cannot hold it as one string). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Line breaks (`\n`, `\r\n` or `\r`) in UTF-8 bytes or text, plus one for a last line without one: a CSV file's rows, header included. */
export function countLines(content: Uint8Array | string): number {
  const n = content.length;
  let lines = 0;
  if (typeof content === 'string') {
    for (let i = 0; i < n; i++) {
      const c = content.charCodeAt(i);
      if (c === 10 || (c === 13 && content.charCodeAt(i + 1) !== 10)) lines++;
    }
  } else {
    // indexOf runs natively: a 150 MB file is counted in a few hundred milliseconds.
    for (let i = content.indexOf(10); i >= 0; i = content.indexOf(10, i + 1)) lines++;
    if (content.includes(13)) for (let i = content.indexOf(13); i >= 0; i = content.indexOf(13, i + 1)) if (content[i + 1] !== 10) lines++;
  }
  const last = n > 0 ? (typeof content === 'string' ? content.charCodeAt(n - 1) : content[n - 1]) : 10;
  return last === 10 || last === 13 ? lines : lines + 1;
}

const mb = (bytes: number): string => `${grouped(String(Math.ceil(bytes / (1024 * 1024))))} MB`;

/** D021 about a whole file (it has no text to point into yet). */
const fileError = (file: string, message: string, note: string, hint: string): Diagnostic => ({ code: 'D021', severity: 'error', file, span: { start: 0, end: 0 }, message, notes: [note], hint });

/** D021: a file with more rows than `max`. */
export function tooManyRows(file: string, rows: number, max: number): Diagnostic {
  return fileError(
    file,
    `${file} has ${grouped(String(rows))} rows; payplan loads at most ${grouped(String(max))} rows from one file`,
    'every row is held in memory while the plan runs (about 1 GB per million rows), so a larger file would exhaust it',
    `split the file (by period, for instance) and run each part, or raise the limit (payplan run --max-rows ${rows}) and give Node the memory for it (NODE_OPTIONS=--max-old-space-size=16384)`,
  );
}

/** D021: a file larger than MAX_FILE_BYTES. */
export function tooManyBytes(file: string, bytes: number): Diagnostic {
  return fileError(file, `${file} is ${mb(bytes)}; payplan reads at most ${mb(MAX_FILE_BYTES)} from one file`, 'the whole file is held in memory while it is read', 'split the file (by period, for instance) and run each part');
}
