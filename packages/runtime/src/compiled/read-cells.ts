/**
 * The fast readers of a compiled module: cells in their common well-formed spellings, read straight
 * to exact integers (at a column's scale) or text, without allocating. Each returns undefined for
 * anything else — other spellings, more decimals than the scale, values too large — and the module
 * then sends the whole data set through full validation (validate.ts), which reads every cell as
 * @payplan/data does. So a fast reader only ever accepts a subset of what validation accepts, and
 * gives the same value.
 */
import { MAX_EXACT, P10 } from './exact.js';

/**
 * A plain decimal number ("-12.5", 7) as an integer at the scale, or undefined for anything else.
 * Accepts exactly what @payplan/data's plain-number shortcut accepts, /^-?\d+(\.\d+)?$/ after trim.
 */
export function fixCell(raw: unknown, scale: number): number | undefined {
  return typeof raw === 'string' ? fixText(raw, scale) : typeof raw === 'number' ? fixNumber(raw, scale) : undefined;
}

export function fixNumber(raw: number, scale: number): number | undefined {
  if (!Number.isSafeInteger(raw)) return Number.isFinite(raw) ? fixText(String(raw), scale) : undefined;
  const n = raw * P10[scale]!;
  return Number.isSafeInteger(n) ? n + 0 : undefined;
}

export function fixText(raw: string, scale: number): number | undefined {
  const end = raw.length;
  if (end === 0) return undefined;
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(end - 1);
  if (first <= 32 || last <= 32 || first >= 127 || last >= 127) {
    const t = raw.trim();
    return t === raw || t === '' ? undefined : fixText(t, scale);
  }
  let i = first === 45 ? 1 : 0;
  let v = 0;
  // Whole digits, then (after a dot) at most scale decimals.
  const start = i;
  for (; i < end; i++) {
    const c = raw.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
  }
  if (i === start || i - start > 15) return undefined;
  let places = 0;
  if (i < end) {
    if (raw.charCodeAt(i) !== 46 || i + 1 === end || end - i - 1 > scale) return undefined;
    for (i++; i < end; i++) {
      const c = raw.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      v = v * 10 + c;
      places++;
    }
  }
  // Written at the full scale (the common case) the digits are the integer: no multiplication.
  const n = places === scale ? v : v * P10[scale - places]!;
  if (n > MAX_EXACT) return undefined;
  return first === 45 ? 0 - n : n;
}

/**
 * Text or payee cell in its common spelling: a non-empty string (trimmed) or a finite number. Text
 * with a control character inside is left to full validation, which rejects it in an id (D020).
 */
export function textCell(raw: unknown): string | undefined {
  if (typeof raw === 'string') {
    const n = raw.length;
    if (n === 0) return undefined;
    const a = raw.charCodeAt(0);
    const b = raw.charCodeAt(n - 1);
    if (a > 32 && b > 32 && a < 127 && b < 127) return hasControl(raw) ? undefined : raw;
    const t = raw.trim();
    return t === '' || hasControl(t) ? undefined : t;
  }
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return undefined;
}

/** Whether text has a control character (C0, DEL, C1) or a line or paragraph separator. */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || (c >= 127 && c < 160) || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/** A yes/no cell in its common spelling, as the runtime's boolean schema reads it. */
export function boolCell(raw: unknown): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw !== 'string') return undefined;
  const t = raw.trim().toLowerCase();
  return t === 'true' || t === 'yes' || t === 'y' || t === '1' ? true : t === 'false' || t === 'no' || t === 'n' || t === '0' ? false : undefined;
}

/** A percentage cell ("12.5%") as an integer at the scale (0.125 at scale 4 is 1250), or undefined. */
export function percentCell(raw: unknown, scale: number): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const m = /^([+-]?\d+(\.\d+)?)\s*%$/.exec(raw.trim());
  return m ? fixCell(m[1]!.replace(/^\+/, ''), scale - 2) : undefined;
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of a year, counted as the runtime counts them with Date.UTC, which reads years 0–99 as 1900–1999. */
export function daysInMonth(y: number, m: number): number {
  const yy = y < 100 ? y + 1900 : y;
  const leap = (yy % 4 === 0 && yy % 100 !== 0) || yy % 400 === 0;
  return m === 2 && leap ? 29 : monthDays[m - 1]!;
}

/** "YYYY-MM-DD" (ten characters, digits and dashes) as the number YYYYMMDD, or -1; the calendar is not checked. */
export function isoDigits(t: string): number {
  if (t.length !== 10 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return -1;
  const d0 = t.charCodeAt(0) - 48, d1 = t.charCodeAt(1) - 48, d2 = t.charCodeAt(2) - 48, d3 = t.charCodeAt(3) - 48;
  const m0 = t.charCodeAt(5) - 48, m1 = t.charCodeAt(6) - 48, a0 = t.charCodeAt(8) - 48, a1 = t.charCodeAt(9) - 48;
  if ((d0 | d1 | d2 | d3 | m0 | m1 | a0 | a1) < 0 || d0 > 9 || d1 > 9 || d2 > 9 || d3 > 9 || m0 > 9 || m1 > 9 || a0 > 9 || a1 > 9) return -1;
  return (d0 * 1000 + d1 * 100 + d2 * 10 + d3) * 10000 + (m0 * 10 + m1) * 100 + a0 * 10 + a1;
}

/** An ISO date cell (YYYY-MM-DD, a real calendar day, in the year if given), or undefined. Mirrors the runtime's parseDate. */
export function dateCell(raw: unknown, year: string | undefined): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const t = raw.length === 10 ? raw : raw.trim();
  const ymd = isoDigits(t);
  if (ymd < 0) return undefined;
  if (year !== undefined && !t.startsWith(year)) return undefined;
  const m = Math.floor(ymd / 100) % 100;
  const d = ymd % 100;
  if (m < 1 || m > 12 || d < 1) return undefined;
  return d <= daysInMonth(Math.floor(ymd / 10000), m) ? t : undefined;
}

/** An empty cell: missing, null, or blank text. */
export function isEmpty(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/**
 * Whether a table's keys may repeat, for the fast readers' duplicate-key check: when they may, the
 * reader hands the data to full validation, which reports the duplicate (D005) or finds none. An
 * open-addressing table of the keys' hashes, sized once: a Set of a million keys costs about three
 * times as much, as it rehashes while it grows. Past a budget of collisions (keys made to collide)
 * the answer is "may repeat".
 */
export function mayRepeat(keys: readonly string[]): boolean {
  const n = keys.length;
  // All hashes first, then the table: measured faster than hashing each key as it goes in.
  const hashes = new Int32Array(n);
  for (let i = 0; i < n; i++) hashes[i] = hash(keys[i]!);
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  // Each slot holds a key's index + 1 (0: empty); hashes are compared before keys.
  const slots = new Int32Array(size);
  let budget = 8 * n + 64;
  for (let i = 0; i < n; i++) {
    const h = hashes[i]!;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const at = slots[s]!;
      if (at === 0) {
        slots[s] = i + 1;
        break;
      }
      if ((hashes[at - 1] === h && keys[at - 1] === keys[i]) || --budget < 0) return true;
    }
  }
  return false;
}

/** FNV-1a of a string's UTF-16 code units, mixed so its low bits serve as a table index. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h ^ (h >>> 15);
}
