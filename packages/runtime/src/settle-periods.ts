/**
 * Period arithmetic the settlement engine needs: the period a transaction row falls in, days
 * between two dates, the periods a year-to-date payee settles, and the period before another.
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

/** Year-to-date plans settle every period from a payee's first to the last period of their data. */
export function fillYear(periods: readonly string[], kind: PeriodKind): string[] {
  const out = new Set(periods);
  const byYear = new Map<string, string[]>();
  for (const p of periods) byYear.set(p.slice(0, 4), [...(byYear.get(p.slice(0, 4)) ?? []), p]);
  for (const [year, ps] of byYear) {
    const last = parsePeriod(ps.sort().slice(-1)[0]!, kind)!;
    const first = parsePeriod(ps[0]!, kind)!;
    for (let i = first.index; i <= last.index && i <= perYear[kind]; i++) out.add(label(kind, Number(year), i));
  }
  return [...out].sort();
}

export function previousInYear(period: string, kind: PeriodKind): string | undefined {
  const p = parsePeriod(period, kind)!;
  return p.index > 1 ? label(kind, p.year, p.index - 1) : undefined;
}

