/**
 * Period arithmetic the settlement engine needs: the period a transaction row falls in, days
 * between two dates, the periods a run settles, and the period before another. The plan's
 * `Calendar` (calendar.ts) knows every frequency; these are the engine's questions to it.
 */
import { calendarOf, type Calendar, type CalendarOptions } from './calendar.js';
import type { PeriodKind } from './period.js';
import type { InputRow } from './schema.js';

/** The calendar of a plan (its settlement frequency, biweekly anchor and fiscal year). */
export function planCalendar(spec: { readonly settle: PeriodKind; readonly calendar?: CalendarOptions }): Calendar {
  return calendarOf(spec.settle, spec.calendar);
}

export function rowPeriod(row: InputRow, column: string, isPeriod: boolean, cal: Calendar): string | undefined {
  const v = row.cells[column] as string;
  return isPeriod ? cal.parse(v) : cal.periodOf(v);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The periods a run settles: every period from the first one the data has anything for to the last, gaps included. */
export function runPeriods(periods: Iterable<string>, cal: Calendar): string[] {
  let first: string | undefined;
  let last: string | undefined;
  for (const p of periods) {
    if (first === undefined || p < first) first = p;
    if (last === undefined || p > last) last = p;
  }
  if (first === undefined || last === undefined) return [];
  const out: string[] = [];
  for (let p = first; ; p = cal.next(p)) {
    out.push(p);
    if (p >= last) return out;
  }
}

/**
 * Every payee the data names gets a statement for every period of the run, rows or not: calls `add`
 * for each payee and each of the run's periods (the compiled fast path fills its groups with it).
 */
export function everyPayeePeriod(payees: Iterable<string>, periods: Iterable<string>, cal: Calendar, add: (payee: string, period: string) => void): void {
  const run = runPeriods(periods, cal);
  for (const payee of new Set(payees)) for (const period of run) add(payee, period);
}

export function previousInYear(period: string, cal: Calendar): string | undefined {
  return cal.previousInYear(period);
}

export function nextInYear(period: string, cal: Calendar): string | undefined {
  return cal.nextInYear(period);
}
