/**
 * L006 and L007 against the cases that motivated them (issue 11). The silent-manager reproducer
 * (copied from ../shared/bad-inputs into reproducers/) pays its manager through the team and is
 * quiet; without its override rule, its managers can never be paid (L006). A year-to-date plan
 * that pays on a column of a `per payee per period` table pays only the period's own figure as the
 * year's entitlement: the run below shows the engine doing so, which is what L007 warns about.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, run } from '@payplan/core';
import { root } from '../support/plans.js';

const reproducer = readFileSync(join(root, 'test/lint/reproducers/silent-manager/plan.payplan'), 'utf8');
const override = 'commission override on team_sales pay 3%';

describe('L006 on the silent-manager plan', () => {
  it('is quiet while the override pays the managers from their team', () => {
    expect(reproducer).toContain(override);
    expect(check(reproducer).diagnostics).toEqual([]);
  });

  it('warns at the team once the override is removed', () => {
    const checked = check(reproducer.replace(override, ''));
    expect(checked.diagnostics.map((d) => [d.code, checked.source.lineCol(d.span.start).line, d.message])).toEqual([
      ['L006', 13, 'the managers in team `downline` can never be paid: no rule pays a payee whose only row is in `hierarchy`'],
    ]);
  });

  it('warns as well when the reps are paid on their own sales only', () => {
    const checked = check(reproducer.replace(override, 'commission on sales pay 5%'));
    expect(checked.diagnostics.map((d) => d.code)).toEqual(['L006']);
  });

  it('knows a bonus above a positive bound pays nothing on no sales, and one below it may pay', () => {
    expect(check(reproducer.replace(override, 'bonus when sales >= 100,000 pay 500')).diagnostics.map((d) => d.code)).toEqual(['L006']);
    expect(check(reproducer.replace(override, 'bonus when 100 < sales pay 500')).diagnostics.map((d) => d.code)).toEqual(['L006']);
    expect(check(reproducer.replace(override, 'bonus when sales < 100 pay 500')).diagnostics).toEqual([]);
  });

  it('is quiet when a rule pays from the team under any name, or a floor pays everyone', () => {
    expect(check(reproducer.replace(override, 'bonus when team_sales >= 100,000 pay 1,000')).diagnostics).toEqual([]);
    expect(check(reproducer.replace(override, 'commission on sales pay 5%\nfloor payout at 100')).diagnostics).toEqual([]);
  });
});

describe('L007: a per-period column in a year-to-date plan', () => {
  const plan = (pay: string) => `plan "YTD"\n  currency EUR\n  settle quarterly year_to_date\n  year 2026\n\ntable earnings per payee per period\n  earned  money\n\n${pay}\n`;
  const earnings = { table: 'earnings', file: 'earnings.json', rows: ['2026-Q1', '2026-Q2'].map((period) => ({ payee: 'ana', period, earned: '1000' })) };

  it('pays only the period’s own figure as the year’s entitlement', () => {
    const outcome = run(plan('commission on earned pay 10%'), 'plan.payplan', [earnings]);
    expect(outcome.diagnostics.map((d) => d.code)).toEqual(['L007']);
    // 100.00 earned in each quarter, yet Q2's entitlement for the year is Q2's 100.00 alone, all paid in Q1.
    expect(outcome.result!.statements.map((s) => [s.period, s.payout])).toEqual([
      ['2026-Q1', '100.00'],
      ['2026-Q2', '0.00'],
    ]);
  });

  it('is quiet when the column is marked as holding the year to date', () => {
    expect(check(plan('commission on earned pay 10%  # period-value: intended')).diagnostics).toEqual([]);
  });

  it('is quiet outside year to date, and on a per-period rate or threshold', () => {
    expect(check(plan('commission on earned pay 10%').replace(' year_to_date', '')).diagnostics).toEqual([]);
    const thresholds = `plan "YTD"\n  currency EUR\n  settle quarterly year_to_date\n\ntable deals\n  id text key\n  rep payee\n  closed date\n  margin money\n\ntable targets per payee per period\n  T money\n  r percent\n\nbase m = sum of margin over deals\ncommission on m pay r\nbonus when m >= T pay 500\n`;
    expect(check(thresholds).diagnostics).toEqual([]);
  });
});
