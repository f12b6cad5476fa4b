/**
 * The plan's calendar: how dates fall into settlement periods, how periods are labelled, which
 * (calendar or fiscal) year a period belongs to, and the period before and after another. Every
 * frequency goes through one `Calendar`, so the engine, the data checks and compiled modules agree.
 *
 * Labels sort as text in time order within a calendar, so the engine can compare them as strings:
 *
 * | kind        | label                    | example                   |
 * |-------------|--------------------------|---------------------------|
 * | `day`       | the date                 | `2026-01-05`              |
 * | `week`      | ISO week, `GGGG-Www`     | `2026-W01` (29 Dec–4 Jan) |
 * | `biweek`    | ISO interval first/last  | `2025-12-29/2026-01-11`   |
 * | `semimonth` | ISO interval first/last  | `2026-01-16/2026-01-31`   |
 * | `month`     | `YYYY-MM`                | `2026-04`                 |
 * | `quarter`   | `YYYY-Qn`, fiscal `FYYYYY-Qn` | `2026-Q1`, `FY2026-Q1` |
 * | `half`      | `YYYY-Hn`, fiscal `FYYYYY-Hn` | `2026-H2`, `FY2026-H2` |
 * | `year`      | `YYYY`, fiscal `FYYYYY`  | `2026`, `FY2026`          |
 *
 * A fiscal year is named by the calendar year it starts in (FY2026 starting 1 April 2026 ends
 * 31 March 2027). A period belongs to the year of its first day, except a week, which belongs to
 * the year holding its Thursday (the ISO rule: for calendar years, the year of its label), and a
 * biweekly period, which belongs to the year holding its last day (it is paid in the year it ends).
 */
import { daysInMonth, type PeriodKind } from './period.js';

export interface CalendarOptions {
  /** The first day of one biweekly period (`settle biweekly from 2025-12-29`): every 14 days from it. */
  readonly anchor?: string;
  /** The fiscal year's first month, 1–12 (`fiscal_year from april`); 1 or absent: calendar years. */
  readonly fiscalStart?: number;
}

/** What a period of each kind is called in messages, and how often such a plan settles. */
export const periodWords: Record<PeriodKind, { readonly noun: string; readonly adverb: string }> = {
  day: { noun: 'day', adverb: 'daily' },
  week: { noun: 'week', adverb: 'weekly' },
  biweek: { noun: 'two-week period', adverb: 'biweekly' },
  semimonth: { noun: 'half-month', adverb: 'semi-monthly' },
  month: { noun: 'month', adverb: 'monthly' },
  quarter: { noun: 'quarter', adverb: 'quarterly' },
  half: { noun: 'half-year', adverb: 'half-yearly' },
  year: { noun: 'year', adverb: 'yearly' },
};

const DAY = 86_400_000;
const dayNumber = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
const dateOf = (n: number): string => new Date(n * DAY).toISOString().slice(0, 10);
const mm = (n: number) => String(n).padStart(2, '0');
const monthsPer: Partial<Record<PeriodKind, number>> = { month: 1, quarter: 3, half: 6, year: 12 };
const letter: Partial<Record<PeriodKind, string>> = { quarter: 'Q', half: 'H' };

export class Calendar {
  private readonly fiscalStart: number;
  private readonly anchor: number | undefined;
  private readonly labels = new Map<string, string>();

  constructor(
    readonly kind: PeriodKind,
    readonly options: CalendarOptions = {},
  ) {
    this.fiscalStart = options.fiscalStart ?? 1;
    this.anchor = options.anchor ? dayNumber(options.anchor) : undefined;
    // The checker asks every biweekly plan for its anchor (S026); without one there is no period.
    if (kind === 'biweek' && this.anchor === undefined) throw new Error('a biweekly calendar needs its anchor date');
  }

  /** Whether years are fiscal years (not starting in January): labels of quarters, halves and years then start with FY. */
  get fiscal(): boolean {
    return this.fiscalStart !== 1;
  }

  /** The label of the period holding a valid ISO date. */
  periodOf(date: string): string {
    let label = this.labels.get(date);
    if (label === undefined) {
      if (this.labels.size > 10_000) this.labels.clear();
      this.labels.set(date, (label = this.compute(date)));
    }
    return label;
  }

  private compute(date: string): string {
    const y = Number(date.slice(0, 4));
    const m = Number(date.slice(5, 7));
    switch (this.kind) {
      case 'day':
        return date;
      case 'week':
        return isoWeekLabel(dayNumber(date));
      case 'biweek': {
        const n = dayNumber(date);
        const first = this.anchor! + Math.floor((n - this.anchor!) / 14) * 14;
        return `${dateOf(first)}/${dateOf(first + 13)}`;
      }
      case 'semimonth':
        return Number(date.slice(8, 10)) <= 15 ? `${date.slice(0, 8)}01/${date.slice(0, 8)}15` : `${date.slice(0, 8)}16/${date.slice(0, 8)}${mm(daysInMonth(y, m))}`;
      case 'month':
        return date.slice(0, 7);
      default: {
        const fy = this.fiscalYearOfMonth(y, m);
        const index = Math.floor(((m - this.fiscalStart + 12) % 12) / monthsPer[this.kind]!) + 1;
        return this.aligned(fy, index);
      }
    }
  }

  /** A quarter's, half's or year's label from its (fiscal) year and index. */
  private aligned(year: number, index: number): string {
    const y = this.fiscal ? `FY${year}` : String(year);
    return this.kind === 'year' ? y : `${y}-${letter[this.kind]}${index}`;
  }

  private fiscalYearOfMonth(y: number, m: number): number {
    return m >= this.fiscalStart ? y : y - 1;
  }

  /** A period label of this calendar, written as labels are written (case aside), or undefined. */
  parse(text: string): string | undefined {
    const t = text.trim().toUpperCase();
    switch (this.kind) {
      case 'day':
      case 'month': {
        const re = this.kind === 'day' ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}$/;
        if (!re.test(t)) return undefined;
        const first = this.kind === 'day' ? t : `${t}-01`;
        return validDate(first) && this.periodOf(first) === t ? t : undefined;
      }
      case 'week': {
        const m = /^(\d{4})-W(\d{2})$/.exec(t);
        if (!m) return undefined;
        const first = isoWeekMonday(Number(m[1]), Number(m[2]));
        return isoWeekLabel(first) === t ? t : undefined;
      }
      case 'biweek':
      case 'semimonth': {
        const m = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(t);
        return m && validDate(m[1]!) && this.periodOf(m[1]!) === t ? t : undefined;
      }
      default: {
        const prefix = this.fiscal ? 'FY' : '';
        const re = this.kind === 'year' ? new RegExp(`^${prefix}(\\d{4})$`) : new RegExp(`^${prefix}(\\d{4})-${letter[this.kind]}(\\d)$`);
        const m = re.exec(t);
        if (!m) return undefined;
        const index = this.kind === 'year' ? 1 : Number(m[2]);
        return index >= 1 && index <= 12 / monthsPer[this.kind]! ? this.aligned(Number(m[1]), index) : undefined;
      }
    }
  }

  /** First and last day (inclusive) of a period of this calendar. */
  bounds(label: string): { first: string; last: string } {
    switch (this.kind) {
      case 'day':
        return { first: label, last: label };
      case 'week': {
        const first = isoWeekMonday(Number(label.slice(0, 4)), Number(label.slice(6, 8)));
        return { first: dateOf(first), last: dateOf(first + 6) };
      }
      case 'biweek':
      case 'semimonth':
        return { first: label.slice(0, 10), last: label.slice(11, 21) };
      case 'month': {
        const [y, m] = [Number(label.slice(0, 4)), Number(label.slice(5, 7))];
        return { first: `${label}-01`, last: `${label}-${mm(daysInMonth(y, m))}` };
      }
      default: {
        const at = this.fiscal ? 2 : 0;
        const year = Number(label.slice(at, at + 4));
        const index = this.kind === 'year' ? 1 : Number(label.slice(at + 6));
        return this.monthSpan(year, this.fiscalStart + (index - 1) * monthsPer[this.kind]!, monthsPer[this.kind]!);
      }
    }
  }

  /** The days of `count` months from month `month` (may pass 12) of `year`. */
  private monthSpan(year: number, month: number, count: number): { first: string; last: string } {
    const start = year * 12 + month - 1;
    const end = start + count - 1;
    const [ly, lm] = [Math.floor(end / 12), (end % 12) + 1];
    return { first: `${Math.floor(start / 12)}-${mm((start % 12) + 1)}-01`, last: `${ly}-${mm(lm)}-${mm(daysInMonth(ly, lm))}` };
  }

  /** The period after a period. */
  next(label: string): string {
    return this.periodOf(dateOf(dayNumber(this.bounds(label).last) + 1));
  }

  /** The period before a period. */
  previous(label: string): string {
    return this.periodOf(dateOf(dayNumber(this.bounds(label).first) - 1));
  }

  /** The (fiscal) year a period belongs to, as a label: `2026`, or `FY2026` in a fiscal calendar. */
  yearOf(label: string): string {
    const { first, last } = this.bounds(label);
    const day = this.kind === 'week' ? dateOf(dayNumber(first) + 3) : this.kind === 'biweek' ? last : first;
    const y = Number(day.slice(0, 4));
    const fy = this.fiscalYearOfMonth(y, Number(day.slice(5, 7)));
    return this.fiscal ? `FY${fy}` : String(fy);
  }

  /** The label of a plan year (`year 2026`): `2026`, or `FY2026` in a fiscal calendar. */
  yearLabel(year: number): string {
    return this.fiscal ? `FY${year}` : String(year);
  }

  /** Whether a period belongs to the plan year `year` (`year 2026` in the header). */
  inYear(label: string, year: number): boolean {
    return this.yearOf(label) === this.yearLabel(year);
  }

  /** The first period of a plan year, for examples in messages. */
  firstOfYear(year: number): string {
    return this.periodOf(this.yearBounds(this.yearLabel(year)).first);
  }

  /** First and last day of a year given as `yearOf` writes it. */
  yearBounds(year: string): { first: string; last: string } {
    return this.monthSpan(Number(year.slice(this.fiscal ? 2 : 0)), this.fiscalStart, 12);
  }

  /** The period before a period in the same year; undefined for the year's first period. */
  previousInYear(label: string): string | undefined {
    const p = this.previous(label);
    return this.yearOf(p) === this.yearOf(label) ? p : undefined;
  }

  /** The period after a period in the same year; undefined for the year's last period. */
  nextInYear(label: string): string | undefined {
    const p = this.next(label);
    return this.yearOf(p) === this.yearOf(label) ? p : undefined;
  }

  /**
   * For a label shaped like this calendar's labels that is not one of its periods (a 14-day span
   * that does not start on the anchor's rhythm, a half-month that is not 1–15 or 16–end): the
   * period its first day falls in. Undefined for anything else.
   */
  nearest(text: string): { first: string; label: string } | undefined {
    if (this.kind !== 'biweek' && this.kind !== 'semimonth') return undefined;
    const m = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(text.trim());
    return m && validDate(m[1]!) ? { first: m[1]!, label: this.periodOf(m[1]!) } : undefined;
  }

  /** How the periods of this calendar run, for notes. */
  describe(): string {
    switch (this.kind) {
      case 'biweek':
        return `14 days each, starting ${dateOf(this.anchor!)} and every 14 days before and after`;
      case 'semimonth':
        return 'the 1st to the 15th and the 16th to the month\'s last day';
      case 'week':
        return 'ISO weeks, Monday to Sunday, written like 2026-W01';
      default:
        return `written like ${this.example}`;
    }
  }

  /** An example label for messages. */
  get example(): string {
    return this.periodOf(this.kind === 'biweek' ? dateOf(this.anchor!) : this.fiscal ? `2026-${mm(this.fiscalStart)}-01` : '2026-03-02');
  }
}

function validDate(date: string): boolean {
  const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** The Monday of ISO week `week` of ISO year `year` (week 1 holds 4 January). */
function isoWeekMonday(year: number, week: number): number {
  const jan4 = Date.UTC(year, 0, 4) / DAY;
  const weekday = (new Date(jan4 * DAY).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return jan4 - weekday + (week - 1) * 7;
}

/** `GGGG-Www` of a day: the ISO week-numbering year is the year of the week's Thursday. */
function isoWeekLabel(n: number): string {
  const weekday = (new Date(n * DAY).getUTCDay() + 6) % 7;
  const thursday = n - weekday + 3;
  const year = new Date(thursday * DAY).getUTCFullYear();
  const week = Math.floor((thursday - isoWeekMonday(year, 1)) / 7) + 1;
  return `${year}-W${mm(week)}`;
}

const calendars = new Map<string, Calendar>();

/** The calendar of a settlement kind and its options, made once. */
export function calendarOf(kind: PeriodKind, options?: CalendarOptions): Calendar {
  const key = `${kind} ${options?.anchor ?? ''} ${options?.fiscalStart ?? 1}`;
  let cal = calendars.get(key);
  if (!cal) calendars.set(key, (cal = new Calendar(kind, { ...(options?.anchor && { anchor: options.anchor }), ...(options?.fiscalStart && options.fiscalStart !== 1 && { fiscalStart: options.fiscalStart }) })));
  return cal;
}
