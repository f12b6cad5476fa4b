/**
 * How values read on statements and in explanations. One implementation, used by the interpreter
 * and by compiled modules, so both explain a figure in the same words.
 */
import { Dec, decFixed, decText } from './decimal.js';

/** The unit words of a shown value; `money` shows as the plan's currency code. */
export type ValueUnit = 'money' | 'ratio' | 'count' | 'decimal' | 'number' | 'boolean' | 'text' | 'date' | 'payee';

/**
 * Money with at least two decimals, more when the exact value has them (1200 → "1200.00",
 * 0.0002 → "0.0002"); a long quotient shows ten decimals and an ellipsis: 1333.3333333333….
 */
export function moneyText(d: Dec): string {
  const places = d.decimalPlaces();
  if (places < 2) return decFixed(d, 2);
  if (places > 10) return `${d.toDecimalPlaces(10, Dec.ROUND_DOWN).toFixed(10)}…`;
  return decText(d);
}

/**
 * Money as machine output carries it: at least two decimals and every digit the value has (a
 * quotient keeps the 40 significant digits of its computation), never cut for display. Statement
 * fields (a line's amount, a value, a row's amount) use it; prose uses `moneyText`.
 */
export function exactMoneyText(d: Dec): string {
  return d.decimalPlaces() < 2 ? decFixed(d, 2) : decText(d);
}

/**
 * Decimal text cut for display as `moneyText` cuts it: more than ten decimals show ten and an
 * ellipsis. Other text is returned as is. For the CLI's tables and explanations, never for JSON.
 */
export function shortText(text: string): string {
  const m = /^(-?\d+\.\d{10})\d+$/.exec(text);
  return m ? `${m[1]}…` : text;
}

/** A rate as a percentage: 0.05 → "5%", 0.625 → "62.5%". */
export function percentText(d: Dec): string {
  return `${decText(d.mul(100))}%`;
}

/** A value as statement fields carry it: exact, never cut (`exactMoneyText`). */
export function valueText(v: unknown, unit: ValueUnit): string {
  if (v === undefined) return '(not set)';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  if (v instanceof Dec) {
    if (unit === 'money') return exactMoneyText(v);
    if (unit === 'ratio') return percentText(v);
    return decText(v);
  }
  return String(v);
}

export function unitLabel(unit: ValueUnit, currency: string): string {
  return unit === 'money' ? currency : unit === 'ratio' ? 'percent' : unit;
}

/** The most characters of a value a message quotes; a longer value is cut, and its length said. */
export const QUOTED_VALUE_MAX = 40;

const invisible = /[\p{Cc}\u2028\u2029]/gu;
const escapes: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A value from the data (a cell, a payee id, a key) as every message quotes it: in double quotes,
 * with control characters escaped (`\n`, `\u0007`) so a message stays one line, and cut to its first
 * 40 characters when longer, saying how long it is: a 10 MB cell costs a message 60 bytes, not 10 MB.
 * Linear in the characters it keeps.
 */
export function quoted(value: string): string {
  const long = value.length > QUOTED_VALUE_MAX;
  let kept = long ? value.slice(0, QUOTED_VALUE_MAX) : value;
  // Never cut a surrogate pair in half.
  if (long && /[\ud800-\udbff]$/.test(kept)) kept = kept.slice(0, -1);
  const shown = kept.replace(invisible, (c) => escapes[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return long ? `"${shown}…" (${grouped(String(value.length))} characters)` : `"${shown}"`;
}

/** A name or id as a message lists it: as written when plain (letters, digits, `_`, `.`, `-`, space; at most 40), else `quoted`. */
export function plainOrQuoted(value: string): string {
  return /^[\p{L}\p{N}_.-](?:[\p{L}\p{N}_. -]{0,38}[\p{L}\p{N}_.-])?$/u.test(value) ? value : quoted(value);
}

/**
 * Decimal text with its thousands grouped: 15400.00 → 15,400.00. Linear in the length of the text
 * (a lookahead regex, the usual way, takes seconds on a 100,000-digit amount).
 */
export function grouped(amount: string): string {
  const [int = '', frac] = amount.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const head = digits.length % 3 || 3;
  const parts = [digits.slice(0, head)];
  for (let i = head; i < digits.length; i += 3) parts.push(digits.slice(i, i + 3));
  return `${sign}${parts.join(',')}${frac !== undefined ? `.${frac}` : ''}`;
}
