/**
 * Limits on whole data files, checked before a file is parsed (D021). The limits on single cells
 * (D019, D020) live in the runtime (cell-limits.ts), shared with compiled modules.
 */
import type { Diagnostic } from '@payplan/diagnostics';
import { grouped } from '@payplan/runtime';

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
