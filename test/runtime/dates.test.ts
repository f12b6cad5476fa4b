/**
 * Date arithmetic (issue 14, item 4): the calendar rules of the runtime's `dates.ts`, which every
 * back end calls, and the units the checker gives dates and counts of days (T008). The example
 * examples/tenure-dates runs them through both back ends.
 */
import { describe, expect, it } from 'vitest';
import { check, run } from '@payplan/core';
import { addDays, addMonths, dateFunction, daysFrom, Dec, monthsFrom, PlanError, withinMonths } from '@payplan/runtime';

const at = { start: 0, end: 0 };

describe('calendar rules', () => {
  it('counts days excluding the first and including the last, across leap days and years', () => {
    expect(daysFrom('2026-01-01', '2026-01-31')).toBe(30);
    expect(daysFrom('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysFrom('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysFrom('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysFrom('2026-03-10', '2026-03-01')).toBe(-9);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('adds months keeping the day, or taking the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-01-15', -2)).toBe('2025-11-15');
  });

  it('counts a month on the day it completes', () => {
    expect(monthsFrom('2026-01-01', '2026-04-30')).toBe(3);
    expect(monthsFrom('2026-01-01', '2026-05-01')).toBe(4);
    expect(monthsFrom('2026-01-31', '2026-02-27')).toBe(0);
    expect(monthsFrom('2026-01-31', '2026-02-28')).toBe(1);
    expect(monthsFrom('2024-02-29', '2026-02-28')).toBe(24);
    expect(monthsFrom('2026-03-15', '2026-03-15')).toBe(0);
    expect(monthsFrom('2026-05-01', '2026-01-01')).toBe(-4);
  });

  it('includes both ends of a window of months', () => {
    expect(withinMonths('2026-07-15', '2026-01-15', 6)).toBe(true);
    expect(withinMonths('2026-07-16', '2026-01-15', 6)).toBe(false);
    expect(withinMonths('2026-01-15', '2026-01-15', 6)).toBe(true);
    expect(withinMonths('2026-01-14', '2026-01-15', 6)).toBe(false);
  });

  it('labels the period, month, quarter and year of a date in the plan\'s own kind of period', () => {
    expect(dateFunction('period_of', ['2026-05-20'], [at], '2026-Q1')).toBe('2026-Q2');
    expect(dateFunction('period_of', ['2026-05-20'], [at], '2026-01')).toBe('2026-05');
    expect((dateFunction('quarter_of', ['2026-10-01'], [at], undefined) as Dec).toNumber()).toBe(4);
    expect((dateFunction('years_between', ['2024-02-29', '2027-02-27'], [at, at], undefined) as Dec).toNumber()).toBe(2);
    expect(dateFunction('period_start', [], [], '2026-Q3')).toBe('2026-07-01');
    expect(dateFunction('period_end', [], [], '2024-02')).toBe('2024-02-29');
  });

  it('refuses to move a date by a part of a day (R004) or by an empty value (R003)', () => {
    const fail = (n: Dec | undefined) => {
      try {
        dateFunction('add_days', ['2026-01-01', n], [at, { start: 3, end: 7 }], undefined);
      } catch (err) {
        return err instanceof PlanError ? [err.code, err.span.start] : err;
      }
      return 'no error';
    };
    expect(fail(new Dec('1.5'))).toEqual(['R004', 3]);
    expect(fail(undefined)).toEqual(['R003', 3]);
    expect(dateFunction('add_days', ['2026-01-01', new Dec('31.000')], [at, at], undefined)).toBe('2026-02-01');
  });
});

const head = 'plan "dates"\n  currency EUR\n  settle quarterly\n\ntable roster per payee\n  hired date\n\ntable deals\n  id text key\n  rep payee\n  closed date\n  amount money\n  qty count\n  cancelled date optional\n\n';
const errors = (text: string) => check(head + text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('units of dates', () => {
  it('makes a count of days, never money, of date − date, and a date of date ± days', () => {
    expect(errors('let tenure = period_end - hired\nbonus b when tenure >= 365 pay 10 EUR * tenure\n')).toEqual([]);
    expect(errors('let d = hired + 30\nlet e = 30 + hired\nlet f = hired - 30\nbonus b when period_end >= d and e = f pay 1\n')).toEqual([]);
    // A count of days is not money: it cannot be paid as such, nor added to money.
    expect(errors('let tenure = period_end - hired\nbonus b when tenure > 0 pay tenure + 5 EUR\n')).toEqual(['T001']);
  });

  it('rejects date arithmetic without a meaning (T008)', () => {
    expect(errors('let x = hired + period_end\nbonus b when x > 0 pay 1\n')).toEqual(['T008']);
    expect(errors('let x = hired + 5%\nbonus b when x > 2026-01-01 pay 1\n')).toEqual(['T008']);
    expect(errors('let x = hired * 2\nbonus b when x > 0 pay 1\n')).toEqual(['T008']);
    expect(errors('let x = add_months(hired, 5 EUR)\nbonus b when x > 2026-01-01 pay 1\n')).toEqual(['T008']);
    expect(errors('let x = months_between(hired)\nbonus b when x > 0 pay 1\n')).toEqual(['T008']);
  });

  it('keeps the period\'s own dates out of constants (N006) but folds date functions of constants', () => {
    expect(errors('const c = period_end\n')).toEqual(['N006']);
    expect(errors('const c = add_months(2026-01-31, 1)\nbonus b when hired < c pay 1\n')).toEqual([]);
  });

  it('computes a date function of constants as the interpreter does', () => {
    const plan = `${head}const cutoff = add_months(2026-01-31, 1)\nfor each deal in deals\n  early when closed <= cutoff pay 10\n`;
    const r = run(plan, 'plan.payplan', [
      { table: 'roster', file: 'roster.csv', bytes: 'payee,hired\nana,2025-01-01\n' },
      { table: 'deals', file: 'deals.csv', bytes: 'id,rep,closed,amount,qty,cancelled\n1,ana,2026-02-28,1,1,\n2,ana,2026-03-01,1,1,\n' },
    ]);
    // 2026-01-31 + 1 month is 28 February: the deal of that day qualifies, the one of 1 March not.
    expect(r.result?.statements.map((s) => s.lines.find((l) => l.component === 'early')?.amount)).toEqual(['10.00']);
  });
});
