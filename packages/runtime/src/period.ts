/**
 * Settlement periods and calendar dates. Dates are ISO `YYYY-MM-DD` strings (no time zones: a deal
 * closes on a calendar day). Periods are labelled the way analysts write them: `2026-03` (month),
 * `2026-Q1` (quarter), `2026-H1` (half), `2026` (year).
 */

/** Periods made of whole calendar months of a calendar year (the `Period` functions below). */
export type AlignedKind = 'month' | 'quarter' | 'half' | 'year';
/** Every settlement frequency; the plan's `Calendar` (calendar.ts) labels, parses and orders them all. */
export type PeriodKind = AlignedKind | 'day' | 'week' | 'biweek' | 'semimonth';

export interface Period {
  readonly kind: AlignedKind;
  readonly year: number;
  /** 1-based index within the year: month 1–12, quarter 1–4, half 1–2, year 1. */
  readonly index: number;
}

const perYear: Record<AlignedKind, number> = { month: 12, quarter: 4, half: 2, year: 1 };
const monthsPer: Record<AlignedKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };

export function periodLabel(p: Period): string {
  switch (p.kind) {
    case 'month':
      return `${p.year}-${String(p.index).padStart(2, '0')}`;
    case 'quarter':
      return `${p.year}-Q${p.index}`;
    case 'half':
      return `${p.year}-H${p.index}`;
    case 'year':
      return `${p.year}`;
  }
}

const dateRe = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates an ISO calendar date (including leap years); returns undefined when it is not one. */
export function parseDate(text: string): string | undefined {
  const m = dateRe.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The period of the given kind that contains an ISO date. */
export function periodOf(date: string, kind: AlignedKind): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return { kind, year, index: Math.floor((month - 1) / monthsPer[kind]) + 1 };
}

/** Parses a period label of the given kind; undefined when it is not one. */
export function parsePeriod(text: string, kind: AlignedKind): Period | undefined {
  const t = text.trim();
  const patterns: Record<AlignedKind, RegExp> = {
    month: /^(\d{4})-(\d{2})$/,
    quarter: /^(\d{4})-Q([1-4])$/i,
    half: /^(\d{4})-H([12])$/i,
    year: /^(\d{4})$/,
  };
  const m = patterns[kind].exec(t);
  if (!m) return undefined;
  const index = kind === 'year' ? 1 : Number(m[2]);
  if (index < 1 || index > perYear[kind]) return undefined;
  return { kind, year: Number(m[1]), index };
}

/** An example label for messages: what a period of this kind looks like. */
export const periodExample: Record<AlignedKind, string> = { month: '2026-03', quarter: '2026-Q1', half: '2026-H1', year: '2026' };

/** First and last day (inclusive) of a period, as ISO dates. */
export function periodBounds(p: Period): { first: string; last: string } {
  const firstMonth = (p.index - 1) * monthsPer[p.kind] + 1;
  const lastMonth = firstMonth + monthsPer[p.kind] - 1;
  const mm = (n: number) => String(n).padStart(2, '0');
  return { first: `${p.year}-${mm(firstMonth)}-01`, last: `${p.year}-${mm(lastMonth)}-${mm(daysInMonth(p.year, lastMonth))}` };
}

/**
 * The part of a period a payee was active, by days: joined and left are inclusive ISO dates, either
 * may be absent (active since before the period, or still active). 0 when inactive all period.
 */
export function activeDays(p: Period, joined: string | undefined, left: string | undefined): { active: number; total: number } {
  return activeDaysWithin(periodBounds(p), joined, left);
}

/** `activeDays` for a span of days given by its first and last day (any calendar's period or year). */
export function activeDaysWithin({ first, last }: { first: string; last: string }, joined: string | undefined, left: string | undefined): { active: number; total: number } {
  const from = joined && joined > first ? joined : first;
  const to = left && left < last ? left : last;
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  return { active: Math.max(0, day(to) - day(from) + 1), total: day(last) - day(first) + 1 };
}

/**
 * The quarter, month or half of a period label (`2026-03` is in quarter 1 and half 1); 0 for a year.
 * A month, semi-month or day counts quarters and halves from the fiscal year's first month
 * (`fiscalStart`, 1 for calendar years); a fiscal quarter label `FY2026-Q2` is quarter 2.
 */
export function periodPart(label: string, part: 'quarter' | 'month' | 'half', fiscalStart = 1): number {
  const m = /^(?:FY)?\d{4}-(?:(\d{2})(?:-\d{2}(?:\/[\d-]+)?)?|Q([1-4])|H([12]))$/.exec(label);
  if (!m) return 0;
  if (m[1]) {
    const month = Number(m[1]);
    const inYear = ((month - fiscalStart + 12) % 12) + 1;
    return part === 'month' ? month : part === 'quarter' ? Math.ceil(inYear / 3) : Math.ceil(inYear / 6);
  }
  if (m[2]) return part === 'quarter' ? Number(m[2]) : Math.ceil(Number(m[2]) / 2);
  return Number(m[3]);
}

/** A period label of any kind back to a period. */
export function periodFromLabel(label: string): Period | undefined {
  return parsePeriod(label, 'month') ?? parsePeriod(label, 'quarter') ?? parsePeriod(label, 'half') ?? parsePeriod(label, 'year');
}
