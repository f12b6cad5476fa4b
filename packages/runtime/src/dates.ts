/**
 * Date arithmetic for plan expressions, shared by the interpreter, the constant folder and compiled
 * modules so the three agree to the day. Dates are ISO `YYYY-MM-DD` strings with no time and no
 * time zone; counts of days and months are whole numbers (a `Dec` in expressions).
 *
 * The calendar rules, stated once (grammar/README.md, "Dates", says the same):
 * - `days_between(a, b)` is `b − a` in days: the first day is not counted, the last is
 *   (2026-01-01 to 2026-01-31 is 30); negative when `b` is before `a`.
 * - `add_months(d, n)` keeps the day of the month, or takes the last day of the target month when
 *   it is shorter: 2026-01-31 + 1 month = 2026-02-28; 2024-01-31 + 1 month = 2024-02-29.
 * - `months_between(a, b)` counts the whole months from `a` to `b`: the largest `m` with
 *   `add_months(a, m) ≤ b` (a month counts on the day it completes); negative when `b` is before `a`.
 * - `within_months(d, start, n)`: `start ≤ d ≤ add_months(start, n)`, both ends included, as
 *   `clawback … within N days` includes its last day.
 */
import { Dec } from './decimal.js';
import { daysInMonth, periodBounds, periodFromLabel, periodLabel, periodOf } from './period.js';
import { PlanError } from './plan-error.js';
import type { CellValue } from './schema.js';

/** The date functions a plan can call, and the period-dependent names lowered to calls. */
export const dateFunctions = [
  'days_between', 'months_between', 'years_between', 'add_days', 'add_months', 'within_months',
  'period_of', 'month_of', 'quarter_of', 'year_of', 'period_start', 'period_end',
] as const;
export type DateFunction = (typeof dateFunctions)[number];

/** The functions that read the period being settled, so a row alone cannot evaluate them. */
export const periodDependent: ReadonlySet<string> = new Set(['period_of', 'period_start', 'period_end']);

type Span = { readonly start: number; readonly end: number };

const DAY_MS = 86_400_000;
const dayNumber = (d: string): number => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
const fromDayNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

export function daysFrom(a: string, b: string): number {
  return Math.round(dayNumber(b) - dayNumber(a));
}

export function addDays(d: string, n: number): string {
  return fromDayNumber(dayNumber(d) + n);
}

export function addMonths(d: string, n: number): string {
  const total = Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1 + n;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(Number(d.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function monthsFrom(a: string, b: string): number {
  if (b < a) return -monthsFrom(b, a);
  let m = (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
  while (m > 0 && addMonths(a, m) > b) m--;
  return m;
}

export function withinMonths(d: string, start: string, n: number): boolean {
  return start <= d && d <= addMonths(start, n);
}

const date = (v: CellValue, span: Span): string => {
  if (typeof v === 'string') return v;
  throw new PlanError('R003', v === undefined ? 'a date used here is empty; guard optional columns with `is set`' : 'expected a date', span);
};

const whole = (v: CellValue, what: string, span: Span): number => {
  if (v === undefined) throw new PlanError('R003', `a number of ${what} used here is empty; guard optional columns with \`is set\``, span);
  if (!(v instanceof Dec)) throw new PlanError('R003', 'expected a number', span);
  if (!v.isInteger() || v.abs().gt(1_000_000)) throw new PlanError('R004', `a date moves by whole ${what}, at most 1,000,000; this is ${v.toFixed()}`, span);
  return v.toNumber();
};

/**
 * Evaluates one date function. `period` is the label of the period being settled (for
 * `period_of`, `period_start`, `period_end`, which the checker keeps out of constants); `spans`
 * are the arguments' spans, for errors.
 */
export function dateFunction(fn: DateFunction, args: readonly CellValue[], spans: readonly Span[], period: string | undefined): CellValue {
  const d = (i: number) => date(args[i], spans[i]!);
  switch (fn) {
    case 'days_between':
      return new Dec(daysFrom(d(0), d(1)));
    case 'months_between':
      return new Dec(monthsFrom(d(0), d(1)));
    case 'years_between':
      return new Dec(Math.trunc(monthsFrom(d(0), d(1)) / 12));
    case 'add_days':
      return addDays(d(0), whole(args[1], 'days', spans[1]!));
    case 'add_months':
      return addMonths(d(0), whole(args[1], 'months', spans[1]!));
    case 'within_months':
      return withinMonths(d(0), d(1), whole(args[2], 'months', spans[2]!));
    case 'month_of':
      return new Dec(Number(d(0).slice(5, 7)));
    case 'quarter_of':
      return new Dec(Math.ceil(Number(d(0).slice(5, 7)) / 3));
    case 'year_of':
      return new Dec(Number(d(0).slice(0, 4)));
    case 'period_of':
    case 'period_start':
    case 'period_end': {
      const p = period === undefined ? undefined : periodFromLabel(period);
      if (!p) throw new Error(`${fn} needs the period being settled`);
      if (fn === 'period_of') return periodLabel(periodOf(d(0), p.kind));
      const bounds = periodBounds(p);
      return fn === 'period_start' ? bounds.first : bounds.last;
    }
  }
}
