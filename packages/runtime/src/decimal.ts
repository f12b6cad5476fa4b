/**
 * The one decimal configuration every computation uses. A private clone of decimal.js so that a host
 * application's global Decimal settings can never change a payout. Sums, differences and products of
 * decimals are exact; only division can produce a non-terminating result, which is kept to 40
 * significant digits (far beyond any currency's cents) before the plan's rounding rule applies.
 */
import { Decimal } from 'decimal.js';

export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 60,
});
export type Dec = InstanceType<typeof Dec>;

export const ZERO: Dec = new Dec(0);
export const ONE: Dec = new Dec(1);

/** Parses a decimal literal as written in a plan: digits with optional `,` grouping and `.` fraction. */
export const dec = (text: string | number): Dec => new Dec(typeof text === 'number' ? String(text) : text.replace(/[,_]/g, ''));

/** A decimal as plain text without exponent, and never `-0`. */
export function decText(d: Dec): string {
  return d.isZero() ? d.toFixed(Math.max(0, d.decimalPlaces())).replace(/^-/, '') : d.toFixed();
}

/** Fixed decimals, never `-0.00`. */
export function decFixed(d: Dec, places: number): string {
  const s = d.toFixed(places);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}
