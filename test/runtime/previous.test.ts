/**
 * The previous period (issue 14, item 5): period labels counted back across years, what the
 * checker accepts in `previous(…)` and `history of … from …` (S030), and how the history table
 * stays out of the run. Case 23 (test/conformance) runs it through both back ends.
 */
import { describe, expect, it } from 'vitest';
import { check, run } from '@payplan/core';
import { periodBefore } from '@payplan/runtime';
import { parsePlan, printPlan } from '@payplan/syntax';

describe('periodBefore', () => {
  it('counts back across the start of a year, for every kind of period', () => {
    expect(periodBefore('2026-Q1', 1)).toBe('2025-Q4');
    expect(periodBefore('2026-Q3', 6)).toBe('2025-Q1');
    expect(periodBefore('2026-01', 1)).toBe('2025-12');
    expect(periodBefore('2026-03', 14)).toBe('2025-01');
    expect(periodBefore('2026-H1', 1)).toBe('2025-H2');
    expect(periodBefore('2026', 2)).toBe('2024');
  });
});

const head = 'plan "p"\n  currency EUR\n  settle quarterly\n\ntable past per payee per period\n  revenue money\n  note text optional\n\ntable deals\n  id text key\n  rep payee\n  closed date\n  amount money\n\nbase booked = sum of amount over deals\nconst c = 5\n';
const errors = (text: string) => check(head + text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('previous(…) in the checker', () => {
  it('reads a let or a base, n periods back, with a history of the same unit', () => {
    expect(errors('history of booked from past.revenue\nlet a = previous(booked)\nlet b = previous(booked, 4)\nbonus x when a + b > 0 pay 1\n')).toEqual([]);
    expect(errors('history of d from past.revenue\nlet d = 2 * booked\nbonus x when previous(d) > 0 pay 1\n')).toEqual([]);
  });

  it('needs the history of the value (S030), of its unit', () => {
    expect(errors('let a = previous(booked)\nbonus x when a > 0 pay 1\n')).toEqual(['S030']);
    expect(errors('history of booked from past.note\nlet a = previous(booked)\nbonus x when a > 0 pay 1\n')).toEqual(['S030']);
  });

  it('refuses what is not a value computed per period, or a count back not written out (S030)', () => {
    expect(errors('history of booked from past.revenue\nlet a = previous(c)\nbonus x when a > 0 pay 1\n')).toEqual(['S030']);
    expect(errors('history of booked from past.revenue\nlet a = previous(booked, 0)\nbonus x when a > 0 pay 1\n')).toEqual(['S030']);
    expect(errors('history of booked from past.revenue\nlet a = previous(booked, 1.5)\nbonus x when a > 0 pay 1\n')).toEqual(['S030']);
    expect(errors('history of booked from past.revenue\nlet a = previous(booked + 1)\nbonus x when a > 0 pay 1\n')).toEqual(['S030']);
  });

  it('checks the history declaration: a table per payee per period, once per value', () => {
    expect(errors('history of booked from deals.amount\nlet a = previous(booked)\nbonus x when a > 0 pay 1\n')).toContain('S005');
    expect(errors('history of booked from past.revenue\nhistory of booked from past.revenue\nlet a = previous(booked)\nbonus x when a > 0 pay 1\n')).toEqual(['S002']);
  });

  it('prints `history of` as written', () => {
    const text = 'history of booked from past.revenue\n';
    const parsed = parsePlan(text, 'plan.payplan');
    expect(parsed.diagnostics).toEqual([]);
    expect(printPlan(parsed.value.plan, text)).toBe(text);
  });
});

describe('previous(…) in a run', () => {
  const plan = `${head}history of booked from past.revenue\nlet two_back = previous(booked, 2)\nbonus x when booked > two_back pay 1\n`;
  const runWith = (past: string) =>
    run(plan, 'plan.payplan', [
      { table: 'past', file: 'past.csv', bytes: past },
      { table: 'deals', file: 'deals.csv', bytes: 'id,rep,closed,amount\n1,ana,2026-01-10,100\n2,ana,2026-07-10,50\n' },
    ]);

  it('reads the history for periods before the run, and the run for the rest', () => {
    const r = runWith('payee,period,revenue\nana,2025-Q3,80\nana,2025-Q4,500\n');
    // Q1 ← 2025-Q3 (history, 80); Q2 ← 2025-Q4 (history, 500); Q3 ← 2026-Q1 (computed, 100).
    expect(r.result?.statements.map((s) => [s.period, s.values.find((v) => v.name === 'two_back')?.value])).toEqual([
      ['2026-Q1', '80.00'],
      ['2026-Q2', '500.00'],
      ['2026-Q3', '100.00'],
    ]);
  });

  it('rejects a history row for a period of the run (D024)', () => {
    expect(runWith('payee,period,revenue\nana,2026-Q2,80\n').diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['D024']);
  });
});
