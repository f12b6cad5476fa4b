/**
 * Period arithmetic the settlement engine needs: the period a transaction row falls in, days
 * between two dates, the periods a run settles, and the period before another.
 */
import { parsePeriod, periodLabel, periodOf, type PeriodKind } from './period.js';
import type { InputRow } from './schema.js';

/**
 * Period labels by settlement kind and date: a year has at most 366 dates, a data set may have
 * millions of rows. Keyed by the cell's own string, so no key text is built per row.
 */
const periodByDate: Record<PeriodKind, Map<string, string>> = { month: new Map(), quarter: new Map(), half: new Map(), year: new Map() };

export function rowPeriod(row: InputRow, column: string, isPeriod: boolean, settle: PeriodKind): string | undefined {
  const v = row.cells[column] as string;
  if (!isPeriod) {
    const cache = periodByDate[settle];
    let label = cache.get(v);
    if (label === undefined) {
      if (cache.size > 10_000) cache.clear();
      cache.set(v, (label = periodLabel(periodOf(v, settle))));
    }
    return label;
  }
  const p = parsePeriod(v, settle);
  return p && periodLabel(p);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const perYear: Record<PeriodKind, number> = { month: 12, quarter: 4, half: 2, year: 1 };

function label(kind: PeriodKind, year: number, index: number): string {
  return periodLabel({ kind, year, index });
}

/** The periods a run settles: every period from the first one the data has anything for to the last, gaps included. */
export function runPeriods(periods: Iterable<string>, kind: PeriodKind): string[] {
  let first: string | undefined;
  let last: string | undefined;
  for (const p of periods) {
    if (first === undefined || p < first) first = p;
    if (last === undefined || p > last) last = p;
  }
  if (first === undefined || last === undefined) return [];
  const out: string[] = [];
  const at = parsePeriod(first, kind)!;
  for (let [year, index] = [at.year, at.index]; ; index++) {
    if (index > perYear[kind]) [year, index] = [year + 1, 1];
    const p = label(kind, year, index);
    out.push(p);
    if (p >= last) return out;
  }
}

/**
 * Every payee the data names gets a statement for every period of the run, rows or not: calls `add`
 * for each payee and each of the run's periods (the compiled fast path fills its groups with it).
 */
export function everyPayeePeriod(payees: Iterable<string>, periods: Iterable<string>, kind: PeriodKind, add: (payee: string, period: string) => void): void {
  const run = runPeriods(periods, kind);
  for (const payee of new Set(payees)) for (const period of run) add(payee, period);
}

export function previousInYear(period: string, kind: PeriodKind): string | undefined {
  const p = parsePeriod(period, kind)!;
  return p.index > 1 ? label(kind, p.year, p.index - 1) : undefined;
}


export function nextInYear(period: string, kind: PeriodKind): string | undefined {
  const p = parsePeriod(period, kind)!;
  return p.index < perYear[kind] ? label(kind, p.year, p.index + 1) : undefined;
}
