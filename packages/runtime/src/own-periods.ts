/**
 * Components with a period of their own (`bonus annual_bonus per year when …`, `commission per
 * quarter on …`): measured over a longer period than the plan settles, on the rows of all the plan
 * periods in it, and paid once, as a line on the statement of the plan period that closes it (the
 * December statement, for `per year` in a monthly plan on calendar years). The other statements have
 * no such line. A year follows the plan's calendar: a fiscal year, or for weeks the year that holds
 * their Thursday.
 */
import type { ComputedLine } from './assemble.js';
import { calendarOf, type Calendar } from './calendar.js';
import type { Contexts } from './contexts.js';
import type { PlanSpec } from './engine.js';
import type { RowGroups } from './groups.js';
import type { PeriodKind } from './period.js';
import { planCalendar } from './settle-periods.js';

/** The longer period of kind `kind` that holds a plan period, as a label (`2026`, `FY2026`, `2026-Q1`). */
export function longerPeriodOf(cal: Calendar, kind: PeriodKind, period: string, options: PlanSpec['calendar']): string {
  if (kind === 'year') return cal.yearOf(period);
  return calendarOf(kind, options?.fiscalStart ? { fiscalStart: options.fiscalStart } : undefined).periodOf(cal.bounds(period).first);
}

/** First and last day of a longer period labelled as `longerPeriodOf` labels it. */
function longerBounds(cal: Calendar, kind: PeriodKind, longer: string, options: PlanSpec['calendar']): { first: string; last: string } {
  if (kind === 'year') return cal.yearBounds(longer);
  return calendarOf(kind, options?.fiscalStart ? { fiscalStart: options.fiscalStart } : undefined).bounds(longer);
}

/** The lines of the components with a period of their own that `period` closes, each measured over that period. */
export function ownPeriodLines(spec: PlanSpec, contexts: Contexts, groups: RowGroups, payee: string, period: string): ComputedLine[] {
  const own = spec.componentPeriods;
  if (!own) return [];
  const cal = planCalendar(spec);
  const lines: ComputedLine[] = [];
  for (const kind of new Set(Object.values(own))) {
    const longer = longerPeriodOf(cal, kind, period, spec.calendar);
    if (longerPeriodOf(cal, kind, cal.next(period), spec.calendar) === longer) continue;
    const periods = groups.periodsOf(payee).filter((p) => longerPeriodOf(cal, kind, p, spec.calendar) === longer).sort();
    const ctx = contexts.over(payee, longer, periods, period);
    const { first, last } = longerBounds(cal, kind, longer, spec.calendar);
    const span = `${longer} (${first} to ${last})`;
    for (const l of spec.statement(ctx, kind).lines) lines.push({ ...l, explanation: { ...l.explanation, detail: `measured over ${span}: ${l.explanation.detail}` } });
  }
  return lines;
}
