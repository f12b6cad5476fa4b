/**
 * Conformance with worked cases 16–18 (cases/, copied from shared/cases; payouts computed
 * independently of payplan): tiers on each deal and on the quarter's total, tiers on attainment,
 * and bands whose ends are written "up to and including". Every figure is matched exactly, through
 * the interpreter and through the compiled module, which must agree with it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dec, type RunResult, type Statement } from '@payplan/runtime';
import { evaluate } from '@payplan/interpreter';
import { root } from '../support/plans.js';
import { importCompiled, planWithData } from '../compiler/support.js';

const loadCase = (id: string) => JSON.parse(readFileSync(join(root, 'test/conformance/cases', `${id}.json`), 'utf8')) as { expected: Record<string, unknown>[] };

/** The plan's statements from both back ends, which must be the same. */
async function bothBackEnds(plan: string): Promise<RunResult[]> {
  const { ir, text, data } = planWithData(plan);
  const { module: compiled } = await importCompiled(ir, text, plan);
  const interpreted = evaluate(ir, data);
  expect(compiled.evaluate(data)).toEqual(interpreted);
  return [interpreted.value!, compiled.evaluate(data).value!];
}

function statement(r: RunResult, payee: string, period: string): Statement {
  const s = r.statements.find((x) => x.payee === payee && x.period === period);
  if (!s) throw new Error(`no statement for ${payee} ${period}`);
  return s;
}
const line = (s: Statement, component: string) => s.lines.find((l) => l.component === component);
const value = (s: Statement, name: string) => s.values.find((v) => v.name === name)?.value;
const same = (actual: string | undefined, expected: string) => expect(actual !== undefined && new Dec(actual).eq(new Dec(expected)), `${actual} ≠ ${expected}`).toBe(true);

describe('worked cases 16–18 match exactly', () => {
  it('16-per-deal-tiers: marginal bands on each deal (plan A) and on the quarter total (plan B)', async () => {
    const c = loadCase('16-per-deal-tiers');
    type Expected = { plan: string; payee: string; period: string; deals?: { deal: number; commission: string }[]; quarter_total?: string; lines: { commission: string }; payout: string };
    const expected = c.expected as Expected[];
    // Plan A's line is the per-row rule `deal_commission` (a row rule cannot be named `commission`, the keyword).
    for (const r of await bothBackEnds('examples/per-deal-tiers/per-deal.payplan')) {
      for (const e of expected.filter((x) => x.plan === 'A per deal')) {
        const s = statement(r, e.payee, e.period);
        expect(s.payout).toBe(e.payout);
        expect(line(s, 'deal_commission')!.amount).toBe(e.lines.commission);
        // Each deal is cited with its own, unrounded commission: the bands restart at 0 for every deal.
        const rows = line(s, 'deal_commission')!.explanation.rows;
        expect(rows.map((x) => Number(x.key))).toEqual(e.deals!.map((d) => d.deal));
        rows.forEach((x, i) => same(x.amount, e.deals![i]!.commission));
      }
    }
    for (const r of await bothBackEnds('examples/per-deal-tiers/quarter-total.payplan')) {
      for (const e of expected.filter((x) => x.plan === 'B quarter total')) {
        const s = statement(r, e.payee, e.period);
        expect(s.payout).toBe(e.payout);
        expect(line(s, 'commission')!.amount).toBe(e.lines.commission);
        same(value(s, 'quarter_total'), e.quarter_total!);
      }
    }
  });

  it('17-attainment-tiers: bands on attainment pay a share of the target incentive', async () => {
    const c = loadCase('17-attainment-tiers');
    for (const r of await bothBackEnds('examples/attainment-tiers/plan.payplan')) {
      for (const e of c.expected as { payee: string; period: string; revenue: string; lines: { attainment_pay: string }; payout: string }[]) {
        const s = statement(r, e.payee, e.period);
        expect(s.payout).toBe(e.payout);
        expect(line(s, 'attainment_pay')!.amount).toBe(e.lines.attainment_pay);
        same(value(s, 'revenue'), e.revenue);
      }
      // The exactly-on-bound payees: bob at 50% (the first paying band, nothing yet), cat at 100%, eve at 150%.
      expect(line(statement(r, 'bob', '2026-Q3'), 'attainment_pay')!.explanation.bands).toEqual(['50% .. 100%']);
      expect(line(statement(r, 'cat', '2026-Q3'), 'attainment_pay')!.explanation.bands).toEqual(['100% .. 150%']);
      expect(line(statement(r, 'eve', '2026-Q3'), 'attainment_pay')!.explanation.bands).toEqual(['from 150%']);
    }
  });

  it('18-inclusive-bands: "up to and including" bounds, and a base between the written bands', async () => {
    const c = loadCase('18-inclusive-bands');
    for (const r of await bothBackEnds('examples/inclusive-bands/plan.payplan')) {
      for (const e of c.expected as { payee: string; period: string; base: string; rate: string; lines: { commission: string }; payout: string }[]) {
        const s = statement(r, e.payee, e.period);
        expect(s.payout).toBe(e.payout);
        expect(line(s, 'commission')!.amount).toBe(e.lines.commission);
        same(value(s, 'sales'), e.base);
        // The band that paid is the one of the expected rate.
        const band = { '0.02': 'up to 10,000', '0.03': 'above 10,000 up to 50,000', '0.04': 'above 50,000' }[e.rate];
        expect(line(s, 'commission')!.explanation.bands, `${e.payee}`).toEqual([band]);
      }
    }
  });
});
