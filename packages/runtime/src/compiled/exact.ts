/**
 * Exact integer arithmetic for a compiled module's fast path. A number n at scale s stands for
 * n / 10^s. Every result is checked to lie within ±(2^53 − 1), where doubles hold integers exactly:
 * an operation on exact operands whose true result lies in that range is computed exactly, and one
 * whose true result lies outside it lands outside it too, so the check catches it. Anything
 * unexpected throws `BAIL`, and the module recomputes the run with decimals through the engine.
 */
import { Dec, ZERO } from '../decimal.js';

/** What the fast path throws to give up: the run then goes to the settlement engine. */
export const BAIL: unique symbol = Symbol('payplan.bail');
/** The largest integer a double holds exactly, 2^53 − 1. */
export const MAX_EXACT = 9007199254740991;
/** Powers of ten that are exact doubles, by exponent. */
export const P10: readonly number[] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];

export type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export function bail(): never {
  throw BAIL;
}
/** n when exact, else bails. */
export function ck(n: number): number {
  return n <= MAX_EXACT && n >= -MAX_EXACT ? n : bail();
}
export function add(a: number, b: number): number {
  return ck(a + b);
}
export function sub(a: number, b: number): number {
  return ck(a - b);
}
export function mul(a: number, b: number): number {
  return ck(a * b);
}
/** n at k more decimals. */
export function up(n: number, k: number): number {
  return ck(n * P10[k]!);
}
export function upq(n: number | undefined, k: number): number | undefined {
  return n === undefined ? undefined : up(n, k);
}
/** A value that must be there; an empty one bails (the decimal path reports it). */
export function need<T>(v: T | undefined): T {
  return v === undefined ? bail() : v;
}
/** A comparison of numbers where a side may be empty: equality treats empty as a value; ordering it bails. */
export function cmpq(op: CmpOp, a: number | undefined, b: number | undefined): boolean {
  if (op === '=') return a === b;
  if (op === '!=') return a !== b;
  if (a === undefined || b === undefined) return bail();
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

/** A comparison of text, dates or yes/no values where a side may be empty (ordering an empty value bails). */
export function cmpFix(op: CmpOp, a: string | boolean | undefined, b: string | boolean | undefined): boolean {
  if (op === '=') return a === b;
  if (op === '!=') return a !== b;
  if (typeof a !== 'string' || typeof b !== 'string') return bail();
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

/** Computes a value once per fast-path scope (lets and bases, as the engine's memo does). */
export function memo<T>(fx: { readonly memo: Map<string, unknown> }, key: string, compute: () => T): T {
  if (!fx.memo.has(key)) fx.memo.set(key, compute());
  return fx.memo.get(key) as T;
}

/** n at scale s as plain text with exactly s decimals: (1234, 2) → "12.34"; never "-0". */
export function plain(n: number, scale: number): string {
  if (n === 0) return scale === 0 ? '0' : '0.' + '0'.repeat(scale);
  const neg = n < 0;
  let s = String(neg ? -n : n);
  if (scale === 0) return (neg ? '-' : '') + s;
  if (s.length <= scale) s = '0'.repeat(scale - s.length + 1) + s;
  return (neg ? '-' : '') + s.slice(0, s.length - scale) + '.' + s.slice(s.length - scale);
}

/** The runtime's moneyText of n at scale s: two decimals, or more when the value has them. */
export function moneyText(n: number, scale: number): string {
  while (scale > 2 && n % 10 === 0) {
    n /= 10;
    scale--;
  }
  const s = plain(n, scale);
  return scale === 2 ? s : scale === 1 ? s + '0' : scale === 0 ? s + '.00' : s;
}

/** n at scale s as a decimal (exact). */
export function dec(n: number, scale: number): Dec {
  return n === 0 ? ZERO : new Dec(plain(n, scale));
}

/** A decimal as an integer at the given scale, or undefined when it has more decimals or is too large. */
export function fixOf(d: Dec, scale: number): number | undefined {
  if (d.decimalPlaces() > scale) return undefined;
  const n = Number(d.toFixed(scale).replace('.', ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** n at scale s as key text, as @payplan/data writes a decimal (no trailing zeros): (1250, 2) → "12.5". */
export function numberText(n: number, scale: number): string {
  return scale === 0 ? String(n) : plain(n, scale).replace(/\.?0+$/, '');
}

/** Rounds n at scale s to a multiple of the step k at scale ks, as the runtime's roundTo does. */
export function round(n: number, scale: number, k: number, ks: number, mode: 'half_up' | 'half_even' | 'down' | 'up'): number {
  let a = n;
  let d = k;
  if (scale >= ks) d = mul(k, P10[scale - ks]!);
  else a = up(n, ks - scale);
  // |a| and d are safe integers, so a / d truncates to the exact integer quotient.
  const q = Math.trunc(a / d);
  const r = a - q * d;
  let u = q;
  if (r !== 0) {
    const twice = 2 * Math.abs(r);
    const away = mode === 'up' ? true : mode === 'down' ? false : twice > d || (twice === d && (mode === 'half_up' || q % 2 !== 0));
    if (away) u = a < 0 ? q - 1 : q + 1;
  }
  return mul(u, k);
}

/** The band a base falls in (whole amount), after the runtime's check that bounds rise; -1 for none. */
export function wholeBand(base: number, lower: readonly (number | undefined)[], upper: readonly (number | undefined)[]): number {
  rising(lower, upper);
  for (let i = 0; i < lower.length; i++) {
    const lo = lower[i];
    const hi = upper[i];
    if (lo !== undefined && base < lo) continue;
    if (hi !== undefined && base >= hi) continue;
    return i;
  }
  return -1;
}

/** Band bounds out of order are an error the decimal path reports (R001): bail to it. */
export function rising(lower: readonly (number | undefined)[], upper: readonly (number | undefined)[]): void {
  let prev: number | undefined;
  for (let i = 0; i < lower.length; i++) {
    const lo = lower[i];
    const hi = upper[i];
    if (lo !== undefined && hi !== undefined && lo > hi) bail();
    if (prev !== undefined && lo !== undefined && lo < prev) bail();
    prev = hi ?? lo ?? prev;
  }
}

/** A Float64Array twice as long, with the same contents. */
export function grown(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
