/**
 * The plan header → settings: currency, settlement frequency (with a biweekly plan's anchor date),
 * the fiscal year's first month, rounding rule, covered year.
 * Missing or unknown settings are reported against the header line with the accepted words.
 */
import type { DiagnosticBag } from '@payplan/diagnostics';
import type { CalendarOptions, PeriodKind, RoundingMode, RoundingRule } from '@payplan/runtime';
import { defaultRounding, Dec, parseDate } from '@payplan/runtime';
import type { Ast } from '@payplan/syntax';
import { didYouMean } from './suggest.js';

export interface Settings {
  readonly name: string;
  readonly currency: string;
  readonly settle: PeriodKind;
  /** The biweekly anchor and the fiscal year's first month, when stated. */
  readonly calendar?: CalendarOptions;
  readonly rounding: RoundingRule;
  readonly year?: number;
  readonly yearToDate: boolean;
  readonly effective?: string;
}

export const frequencies: Record<string, PeriodKind> = {
  daily: 'day',
  weekly: 'week',
  biweekly: 'biweek',
  semi_monthly: 'semimonth',
  monthly: 'month',
  quarterly: 'quarter',
  half_yearly: 'half',
  yearly: 'year',
  annually: 'year',
};
export const monthNames = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const roundingModes: readonly RoundingMode[] = ['half_up', 'half_even', 'down', 'up'];
const roundingPoints = ['row', 'line', 'total'] as const;

export function checkHeader(header: Ast.PlanHeader | undefined, bag: DiagnosticBag): Settings {
  const fallback: Settings = { name: 'plan', currency: 'XXX', settle: 'quarter', rounding: defaultRounding, yearToDate: false };
  if (!header) {
    bag.error('S001', { start: 0, end: 0 }, 'a plan starts with its header: `plan "name"`, then `currency`, `settle` and optionally `round` and `year`', {
      hint: 'begin the file with `plan "Account executive 2026"`',
    });
    return fallback;
  }
  const seen = new Map<string, Ast.HeaderItem>();
  let currency: string | undefined;
  let settle: PeriodKind | undefined;
  let anchor: string | undefined;
  let fiscalStart: number | undefined;
  let rounding = defaultRounding;
  let year: number | undefined;
  let yearToDate = false;
  let effective: string | undefined;
  for (const item of header.items) {
    const first = seen.get(item.kind);
    if (first) {
      bag.error('S002', item.span, `\`${item.kind.toLowerCase()}\` is given twice in the header`, { labels: [{ span: first.span, message: 'first given here' }] });
      continue;
    }
    seen.set(item.kind, item);
    switch (item.kind) {
      case 'Currency':
        currency = item.code.name;
        if (!/^[A-Z]{3}$/.test(currency)) bag.warning('S001', item.code.span, `\`${currency}\` is not a three-letter currency code such as CNY, EUR or USD`);
        break;
      case 'Settle': {
        const f = settleFrequency(item, bag);
        if (f.settle) settle = f.settle;
        if (f.anchor) anchor = f.anchor;
        if (f.yearToDate) yearToDate = true;
        break;
      }
      case 'FiscalYear': {
        const m = monthNames.indexOf(item.month.name.toLowerCase());
        if (m < 0) bag.error('S027', item.month.span, `\`${item.month.name}\` is not a month; the fiscal year starts in a month written in full, such as \`fiscal_year from april\``, didYouMean(item.month.name.toLowerCase(), monthNames));
        else if (m > 0) fiscalStart = m + 1;
        break;
      }
      case 'Round':
        rounding = roundingRule(item, bag) ?? rounding;
        break;
      case 'Effective':
        if (!parseDate(item.date.text)) bag.error('T003', item.date.span, `\`${item.date.text}\` is not a calendar date`);
        else effective = item.date.text;
        break;
      case 'Year': {
        const y = Number(item.year.text);
        if (!/^\d{4}$/.test(item.year.text)) bag.error('S001', item.year.span, 'the plan year is written with four digits, such as `year 2026`');
        else year = y;
        break;
      }
    }
  }
  if (!currency) bag.error('S001', header.name.span, 'the header must name the currency, such as `currency CNY`');
  // An unknown frequency is reported where it is written; the header did state one.
  if (!seen.has('Settle')) bag.error('S001', header.name.span, 'the header must say how often the plan settles, such as `settle quarterly`');
  const calendar = { ...(anchor && { anchor }), ...(fiscalStart && { fiscalStart }) };
  return {
    name: header.name.value,
    currency: currency ?? fallback.currency,
    settle: settle ?? fallback.settle,
    ...((anchor || fiscalStart) && { calendar }),
    rounding,
    ...(year !== undefined && { year }),
    yearToDate,
    ...(effective && { effective }),
  };
}

/**
 * `settle quarterly [year_to_date]`, `settle biweekly from 2025-12-29`: the frequency, if known, the
 * biweekly anchor (required there, S026, and meaningless elsewhere), and whether the plan settles
 * year to date.
 */
function settleFrequency(item: Extract<Ast.HeaderItem, { kind: 'Settle' }>, bag: DiagnosticBag): { settle?: PeriodKind; anchor?: string; yearToDate: boolean } {
  const f = frequencies[item.frequency.name];
  if (!f) bag.error('S001', item.frequency.span, `unknown settlement frequency \`${item.frequency.name}\`; use daily, weekly, biweekly, semi_monthly, monthly, quarterly, half_yearly or yearly`, didYouMean(item.frequency.name, Object.keys(frequencies)));
  let anchor: string | undefined;
  if (f === 'biweek' && !item.anchor) {
    bag.error('S026', item.frequency.span, 'biweekly periods need a first day to count 14 days from: write it after the frequency', { hint: 'such as `settle biweekly from 2025-12-29`' });
  } else if (item.anchor && f && f !== 'biweek') {
    bag.error('S026', item.anchor.span, `\`from\` dates the first of a run of 14-day periods, which only \`settle biweekly\` has; ${item.frequency.name} periods follow the calendar`);
  } else if (item.anchor && !parseDate(item.anchor.text)) {
    bag.error('T003', item.anchor.span, `\`${item.anchor.text}\` is not a calendar date`);
  } else if (item.anchor) anchor = item.anchor.text;
  if (item.basis && item.basis.name !== 'year_to_date') {
    bag.error('S001', item.basis.span, `after the frequency, \`settle\` takes \`year_to_date\` (pay the cumulative entitlement minus what was paid), not \`${item.basis.name}\``, didYouMean(item.basis.name, ['year_to_date']));
  }
  return { ...(f && { settle: f }), ...(anchor && { anchor }), yearToDate: item.basis?.name === 'year_to_date' };
}

/** `round half_up to 0.01 [per line]`: a known mode, a step above zero, and a known point. */
function roundingRule(item: Extract<Ast.HeaderItem, { kind: 'Round' }>, bag: DiagnosticBag): RoundingRule | undefined {
  const mode = item.mode.name as RoundingMode;
  if (!roundingModes.includes(mode)) {
    bag.error('S007', item.mode.span, `unknown rounding mode \`${item.mode.name}\`; use half_up, half_even, down or up`, didYouMean(item.mode.name, roundingModes));
    return undefined;
  }
  const step = item.step.text.replace(/,/g, '');
  if (new Dec(step).lte(0)) {
    bag.error('S007', item.step.span, 'the rounding step must be greater than zero, such as 0.01 or 1');
    return undefined;
  }
  const point = item.point?.name ?? 'line';
  if (!(roundingPoints as readonly string[]).includes(point)) {
    bag.error('S007', item.point!.span, `rounding applies \`per row\`, \`per line\` or \`per total\`, not \`per ${point}\``, didYouMean(point, roundingPoints));
    return undefined;
  }
  return { mode, step, point: point as 'row' | 'line' | 'total' };
}
