/**
 * Limits on single cells, checked before a cell is parsed, by @payplan/data and by compiled modules
 * alike, that keep every later step linear and every output honest: a number has at most 30 digits
 * before its decimal point and 30 after (D019; a 100,000-digit amount is a corrupted cell, and
 * arithmetic and printing on it cost seconds), and an id (a payee, or a cell of a `key` column) has
 * no control character (D020; a line break in a payee id would print as two lines of a statement, a
 * table or a CSV export).
 */
import { grouped, quoted } from './format.js';
import type { ColumnType } from './schema.js';

/** The most digits a number cell may have before its decimal point, and after it. */
export const MAX_NUMBER_DIGITS = 30;

export interface BrokenLimit {
  readonly code: 'D019' | 'D020';
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
