/**
 * Conformance with the worked cases in cases/ (copied from shared/cases, whose payouts were
 * computed independently of payplan). Each case names the example plans that express it and checks
 * every expected figure exactly. A case whose mechanic the language does not have yet is listed as
 * `todo`, visibly, never as a pass.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDiagnostics } from '@payplan/diagnostics';
import { Dec, type RunResult, type Statement } from '@payplan/runtime';
import { evaluate } from '@payplan/interpreter';
import { root, runPlanFile } from '../support/plans.js';
import { importCompiled, planWithData } from '../compiler/support.js';

interface Case {
  readonly id: string;
  readonly expected: readonly Record<string, unknown>[];
}

const loadCase = (id: string): Case => JSON.parse(readFileSync(join(root, 'test/conformance/cases', `${id}.json`), 'utf8')) as Case;

function result(plan: string): RunResult {
  const outcome = runPlanFile(plan);
  if (!outcome.result) throw new Error(renderDiagnostics(outcome.diagnostics, outcome.sources));
  return outcome.result;
}

function statement(r: RunResult, payee: string, period: string): Statement {
  const s = r.statements.find((x) => x.payee === payee && x.period === period);
  if (!s) throw new Error(`no statement for ${payee} ${period}; have ${r.statements.map((x) => `${x.payee} ${x.period}`).join(', ')}`);
  return s;
}

const line = (s: Statement, component: string): string | undefined => s.lines.find((l) => l.component === component)?.amount;
const value = (s: Statement, name: string): string | undefined => s.values.find((v) => v.name === name)?.value;
/** Compares decimals exactly by value: the cases write 210000.0 where a statement shows 210000.00. */
const same = (actual: string | undefined, expected: unknown) => {
  expect(actual, `expected ${String(expected)}`).toBeDefined();
  expect(new Dec(actual!).eq(new Dec(String(expected))), `${actual} ≠ ${String(expected)}`).toBe(true);
};

/** A percentage as statements show it (`79.99999%`), as the decimal the cases write (`0.7999999`). */
const percent = (text: string | undefined): string | undefined => (text === undefined ? undefined : new Dec(text.replace(/%$/, '')).div(100).toFixed());

type Check = (c: Case) => void | Promise<void>;

/** A plan's statements through the interpreter and through its compiled module, which must agree. */
async function bothBackEnds(plan: string): Promise<RunResult[]> {
  const { ir, text, data } = planWithData(plan);
  const { module: compiled } = await importCompiled(ir, text, plan);
  const interpreted = result(plan);
  expect(compiled.evaluate(data)).toEqual(evaluate(ir, data));
  return [interpreted, compiled.evaluate(data).value!];
}

const cases: Record<string, Check | 'todo'> = {
  '01-seed-account-executive': (c) => {
    const r = result('examples/account-executive/plan.payplan');
    expect(r.statements).toHaveLength(c.expected.length);
    for (const e of c.expected as { payee: string; period: string; base_margin: string; lines: Record<string, string>; payout: string }[]) {
      const s = statement(r, e.payee, e.period);
      expect(s.payout).toBe(e.payout);
      same(value(s, 'margin'), e.base_margin);
      for (const [name, amount] of Object.entries(e.lines)) same(line(s, name), amount);
    }
  },
  '02-brackets-whole-vs-marginal': (c) => {
    const whole = result('examples/brackets/whole.payplan');
    const marginal = result('examples/brackets/marginal.payplan');
    for (const e of c.expected as { payee: string; period: string; whole_amount: string; marginal: string }[]) {
      expect(statement(whole, e.payee, e.period).payout).toBe(e.whole_amount);
      expect(statement(marginal, e.payee, e.period).payout).toBe(e.marginal);
    }
  },
  '03-price-ladder': (c) => {
    const r = result('examples/price-ladder/plan.payplan');
    for (const e of c.expected as { payee: string; period: string; revenue_counted: string; lines: Record<string, string>; payout: string; exceptions: { deal: number; reason: string }[] }[]) {
      const s = statement(r, e.payee, e.period);
      expect(s.payout).toBe(e.payout);
      same(value(s, 'revenue'), e.revenue_counted);
      for (const [name, amount] of Object.entries(e.lines)) same(line(s, name), amount);
      expect(s.exceptions.map((x) => ({ deal: Number(x.key), reason: x.message, action: x.action }))).toEqual(e.exceptions.map((x) => ({ ...x, action: 'excluded' })));
    }
  },
  '04-step-bonus': (c) => {
    const highest = result('examples/step-bonus/highest.payplan');
    const every = result('examples/step-bonus/every.payplan');
    for (const e of c.expected as { payee: string; period: string; highest_step: string; cumulative: string }[]) {
      expect(statement(highest, e.payee, e.period).payout).toBe(e.highest_step);
      expect(statement(every, e.payee, e.period).payout).toBe(e.cumulative);
    }
  },
  '05-floating-salary': (c) => {
    const r = result('examples/floating-salary/plan.payplan');
    for (const e of c.expected as { payee: string; period: string; salary: string }[]) {
      expect(line(statement(r, e.payee, e.period), 'salary')).toBe(e.salary);
    }
  },
  '06-negative-incentive': (c) => {
    const r = result('examples/negative-incentive/plan.payplan');
    for (const e of c.expected as { payee: string; period: string; payout: string }[]) {
      const s = statement(r, e.payee, e.period);
      expect(s.payout).toBe(e.payout);
    }
    // The deduction is its own labelled line; a rounded-away deduction shows 0.00, never -0.00.
    expect(line(statement(r, 'a', '2026-Q3'), 'deduction')).toBe('-600.00');
    expect(line(statement(r, 'b', '2026-Q3'), 'deduction')).toBe('0.00');
  },
  '07-internal-transfer': (c) => {
    const r = result('examples/internal-transfer/plan.payplan');
    for (const e of c.expected as { payee: string; period: string; credited: string; credits: { deal: number; amount: string }[]; payout: string }[]) {
      const s = statement(r, e.payee, e.period);
      expect(s.payout).toBe(e.payout);
      same(value(s, 'credited'), e.credited);
      // Every credited amount is traceable to its deal.
      const rows = s.lines.find((l) => l.component === 'commission')!.explanation.rows;
      expect(rows.map((x) => Number(x.key))).toEqual(e.credits.map((x) => x.deal));
      rows.forEach((x, i) => same(x.amount, e.credits[i]!.amount));
    }
  },
  '08-team-override': (c) => {
    const r = result('examples/team-override/plan.payplan');
    for (const e of c.expected as { payee: string; period: string; team_margin: string; lines: Record<string, string>; payout: string }[]) {
      const s = statement(r, e.payee, e.period);
      expect(s.payout).toBe(e.payout);
      same(value(s, 'team_margin'), e.team_margin);
      for (const [name, amount] of Object.entries(e.lines)) same(line(s, name), amount);
    }
  },
  '09-ytd-true-up': (c) => {
    const r = result('examples/ytd-true-up/plan.payplan');
    expect(r.statements).toHaveLength(c.expected.length);
    for (const e of c.expected as { payee: string; period: string; ytd_margin: string; ytd_entitlement: string; previously_paid: string; payout: string }[]) {
      const s = statement(r, e.payee, e.period);
      expect(s.payout).toBe(e.payout);
      same(value(s, 'ytd_margin'), e.ytd_margin);
      same(line(s, 'commission'), e.ytd_entitlement);
      same(line(s, 'previously_paid'), `-${e.previously_paid}`);
    }
  },
  '10-clawback': (c) => {
    const r = result('examples/clawback/plan.payplan');
    expect(r.statements).toHaveLength(c.expected.length);
    for (const e of c.expected as { payee: string; period: string; lines: Record<string, string>; payout: string }[]) {
      const s = statement(r, e.payee, e.period);
      expect(s.payout).toBe(e.payout);
      expect(s.lines.map((l) => l.component).sort()).toEqual(Object.keys(e.lines).sort());
      for (const [name, amount] of Object.entries(e.lines)) expect(line(s, name)).toBe(amount);
    }
  },
  '11-draws': (c) => {
    const recoverable = result('examples/draws/recoverable.payplan');
    const nonrecoverable = result('examples/draws/nonrecoverable.payplan');
    for (const e of c.expected as { payee: string; period: string; recoverable_payout: string; balance_after: string; nonrecoverable_payout: string }[]) {
      const s = statement(recoverable, e.payee, e.period);
      expect(s.payout).toBe(e.recoverable_payout);
      same(value(s, 'draw_balance'), e.balance_after);
      expect(statement(nonrecoverable, e.payee, e.period).payout).toBe(e.nonrecoverable_payout);
    }
  },
  '12-rounding': (c) => {
    const plans = {
      A_line_half_up: 'examples/rounding/A-line-half_up.payplan',
      B_total_half_up: 'examples/rounding/B-total-half_up.payplan',
      C_line_half_even: 'examples/rounding/C-line-half_even.payplan',
      D_total_half_even: 'examples/rounding/D-total-half_even.payplan',
    };
    for (const e of c.expected as ({ payee: string; period: string } & Record<keyof typeof plans, string>)[]) {
      for (const [field, plan] of Object.entries(plans)) expect(statement(result(plan), e.payee, e.period).payout, plan).toBe(e[field as keyof typeof plans]);
    }
  },
  '13-quota-decomposition': (c) => {
    const r = result('examples/quota-decomposition/plan.payplan');
    expect(r.statements).toHaveLength(c.expected.length);
    for (const e of c.expected as { period: string; region: string; target: string }[]) {
      expect(value(statement(r, e.region, e.period), 'target')).toBe(e.target);
    }
  },
  '14-line-multiplier': async (c) => {
    const plan = 'examples/line-multiplier/plan.payplan';
    const { ir, text, data } = planWithData(plan);
    const { module: compiled } = await importCompiled(ir, text, plan);
    expect(compiled.evaluate(data)).toEqual(evaluate(ir, data));
    for (const r of [result(plan), compiled.evaluate(data).value!]) {
      // Deal 7 closes on 1 April, so 2026-Q2 is a period of the run too (quotas.csv has its rows):
      // dan's 10,000 is 20% of his quota, 400 tiered × 50% = 200.00; everyone else earns 0.00.
      expect(r.statements.filter((s) => s.period === '2026-Q2').map((s) => `${s.payee} ${s.payout}`)).toEqual(['ana 0.00', 'bob 0.00', 'cat 0.00', 'dan 200.00', 'eve 0.00']);
      for (const e of c.expected as { payee: string; period: string; revenue: string; attainment: string; tiered_commission: string; multiplier: string; lines: { commission: string }; payout: string; effective_rate: string }[]) {
        const s = statement(r, e.payee, e.period);
        expect(s.payout).toBe(e.payout);
        // The paid line is the only line: the tiered amount and the effective rate are reported, never paid.
        expect(s.lines.map((l) => `${l.component} ${l.amount}`)).toEqual([`commission ${e.lines.commission}`]);
        same(value(s, 'revenue'), e.revenue);
        same(percent(value(s, 'attainment')), e.attainment);
        same(percent(value(s, 'multiplier')), e.multiplier);
        const reported = (name: string) => s.reported?.find((x) => x.name === name);
        same(reported('tiered')?.exact, e.tiered_commission);
        same(percent(reported('effective_rate')?.value), e.effective_rate);
        // The paid line read the reported one: its explanation shows the value it read.
        expect(s.lines[0]!.explanation.values.find((v) => v.name === 'tiered')?.value).toBe(reported('tiered')?.value);
        expect(reported('effective_rate')?.explanation.values.find((v) => v.name === 'commission')?.value).toBe(e.lines.commission);
      }
    }
  },
  '15-conditional-markup-rate': async (c) => {
    // The case's one line is called `commission`; in the plan it is the per-row rule `markup_commission`.
    const plan = 'examples/markup-rate/plan.payplan';
    const { ir, text, data } = planWithData(plan);
    const { module: compiled } = await importCompiled(ir, text, plan);
    const interpreted = result(plan);
    expect(compiled.evaluate(data)).toEqual(evaluate(ir, data));
    for (const r of [interpreted, compiled.evaluate(data).value!]) {
      expect(r.statements).toHaveLength(c.expected.length);
      for (const e of c.expected as { payee: string; period: string; deals: { deal: number; amount: string }[]; lines: { commission: string }; payout: string }[]) {
        const s = statement(r, e.payee, e.period);
        expect(s.payout).toBe(e.payout);
        expect(line(s, 'markup_commission')).toBe(e.lines.commission);
        // Every deal that earns is cited with its unrounded amount; a deal at or below cost earns nothing and is not cited.
        const rows = s.lines.find((l) => l.component === 'markup_commission')!.explanation.rows;
        const earning = e.deals.filter((d) => !new Dec(d.amount).isZero());
        expect(rows.map((x) => Number(x.key))).toEqual(earning.map((d) => d.deal));
        rows.forEach((x, i) => same(x.amount, earning[i]!.amount));
      }
    }
  },
  '28-kpi-scorecard': async (c) => {
    const plan = 'examples/kpi-scorecard/plan.payplan';
    const { ir, text, data } = planWithData(plan);
    const { module: compiled } = await importCompiled(ir, text, plan);
    expect(compiled.evaluate(data)).toEqual(evaluate(ir, data));
    for (const r of [result(plan), compiled.evaluate(data).value!]) {
      expect(r.statements).toHaveLength(c.expected.length);
      for (const e of c.expected as { payee: string; period: string; revenue_factor: string; nps_factor: string; collection_factor: string; score: string; lines: { kpi_bonus: string }; payout: string }[]) {
        const s = statement(r, e.payee, e.period);
        expect(s.payout).toBe(e.payout);
        expect(line(s, 'kpi_bonus')).toBe(e.lines.kpi_bonus);
        // The factors are exact percentages; a figure the case cuts with … is compared on its shown digits.
        for (const name of ['revenue_factor', 'nps_factor', 'collection_factor', 'score'] as const) {
          const want = e[name];
          const got = percent(value(s, name))!;
          if (want.endsWith('…')) expect(got.startsWith(want.slice(0, -1)), `${e.payee} ${name} ${got}`).toBe(true);
          else same(got, want);
        }
      }
    }
  },
  '27-manager-without-own-rows': async (c) => {
    const plan = 'examples/manager-without-own-rows/plan.payplan';
    const { ir, text, data } = planWithData(plan);
    const { module: compiled } = await importCompiled(ir, text, plan);
    const interpreted = result(plan);
    expect(compiled.evaluate(data)).toEqual(evaluate(ir, data));
    for (const r of [interpreted, compiled.evaluate(data).value!]) {
      // The case's figures cover January to March; cat's deal of 1 April makes April a period of the
      // run too, where every payee of the hierarchy gets a statement (cat's pays 5% × 7,000).
      const april = ['ana', 'bob', 'cat', 'mia'].map((payee) => `${payee} 2026-04`);
      expect(r.statements.map((s) => `${s.payee} ${s.period}`).sort()).toEqual([...c.expected.map((e) => `${String(e['payee'])} ${String(e['period'])}`), ...april].sort());
      expect(statement(r, 'cat', '2026-04').payout).toBe('350.00');
      for (const e of c.expected as { payee: string; period: string; revenue?: string; team_revenue?: string; lines: Record<string, string>; payout: string }[]) {
        const s = statement(r, e.payee, e.period);
        expect(s.payout).toBe(e.payout);
        if (e.revenue !== undefined) same(value(s, 'revenue'), e.revenue);
        if (e.team_revenue !== undefined) same(value(s, 'team_revenue'), e.team_revenue);
        // Every line is on every statement: the case's lines exactly, the plan's other line at 0.00.
        for (const l of s.lines) expect(l.amount, `${e.payee} ${e.period} ${l.component}`).toBe(e.lines[l.component] ?? '0.00');
        for (const name of Object.keys(e.lines)) expect(line(s, name)).toBeDefined();
      }
    }
  },
  '19-weekly-biweekly': async (c) => {
    for (const kind of ['weekly', 'biweekly']) {
      const expected = (c.expected as { plan: string; payee: string; period: string; revenue: string; lines: Record<string, string>; payout: string }[]).filter((e) => e.plan === kind);
      for (const r of await bothBackEnds(`examples/weekly-biweekly/${kind}.payplan`)) {
        // The case's figures end on Sunday 25 January; bob's deal of Monday 26 January opens one
        // more period of the run (2026-W05, 2026-01-26/2026-02-08), where only he earns: 2% × 1,000.
        const next = kind === 'weekly' ? '2026-W05' : '2026-01-26/2026-02-08';
        expect(r.statements.map((s) => `${s.payee} ${s.period}`).sort()).toEqual([...expected.map((e) => `${e.payee} ${e.period}`), ...['ana', 'bob', 'cat'].map((p) => `${p} ${next}`)].sort());
        expect(r.statements.filter((s) => s.period === next).map((s) => s.payout)).toEqual(['0.00', '20.00', '0.00']);
        for (const e of expected) {
          const s = statement(r, e.payee, e.period);
          expect(s.payout).toBe(e.payout);
          same(value(s, 'revenue'), e.revenue);
          expect(s.lines.map((l) => [l.component, l.amount])).toEqual(Object.entries(e.lines));
        }
      }
    }
  },
  '20-fiscal-year-true-up': async (c) => {
    for (const r of await bothBackEnds('examples/fiscal-year/plan.payplan')) {
      // Deal 1 (31 March 2026) makes March a period of the run: the last month of FY2025, settled on
      // its own (ana 4% × 50,000); the case's figures are FY2026's, whose true-ups never see it.
      expect(r.statements.filter((s) => s.period === '2026-03').map((s) => `${s.payee} ${s.payout}`)).toEqual(['ana 2000.00', 'bob 0.00']);
      expect(r.statements.filter((s) => s.period !== '2026-03')).toHaveLength(c.expected.length);
      for (const e of c.expected as { payee: string; period: string; ytd_revenue: string; ytd_entitlement: string; previously_paid: string; payout: string; source: string }[]) {
        const s = statement(r, e.payee, e.period);
        expect(s.payout).toBe(e.payout);
        if (e.source === 'payment_history') {
          // Paid by the previous system: shown as recorded, not recomputed.
          expect(s.lines.map((l) => [l.component, l.amount])).toEqual([['recorded_payment', e.payout]]);
        } else {
          same(value(s, 'ytd_revenue'), e.ytd_revenue);
          same(line(s, 'commission'), e.ytd_entitlement);
          same(line(s, 'previously_paid'), new Dec(e.previously_paid).neg().toFixed(2));
        }
      }
    }
  },
  '21-mixed-frequencies': async (c) => {
    for (const r of await bothBackEnds('examples/annual-bonus/plan.payplan')) {
      // bob's deal of 1 January 2027 opens 2027-01 (3% × 100,000 for him); 2027 is not closed, so no bonus line yet.
      expect(r.statements.filter((s) => s.period === '2027-01').map((s) => `${s.payee} ${s.payout} ${s.lines.map((l) => l.component).join(',')}`)).toEqual(['ana 0.00 commission', 'bob 3000.00 commission']);
      expect(r.statements.filter((s) => s.period !== '2027-01')).toHaveLength(c.expected.length);
      for (const e of c.expected as { payee: string; period: string; revenue: string; annual_bonus_measured_over?: string; year_revenue?: string; lines: Record<string, string>; payout: string }[]) {
        const s = statement(r, e.payee, e.period);
        expect(s.payout).toBe(e.payout);
        same(value(s, 'revenue'), e.revenue);
        // Exactly the case's lines: the annual bonus only on the December statement.
        expect(s.lines.map((l) => [l.component, l.amount])).toEqual(Object.entries(e.lines));
        if (e.annual_bonus_measured_over === undefined) continue;
        const bonus = s.lines.find((l) => l.component === 'annual_bonus')!.explanation;
        expect(bonus.detail).toMatch(new RegExp(`^measured over ${e.annual_bonus_measured_over} \\(2026-01-01 to 2026-12-31\\): `));
        same(bonus.values.find((v) => v.name === 'revenue')?.value, e.year_revenue);
      }
    }
  },
  // Issue 14, items 6 and 7: advances with pro-rata chargebacks, and draw recovery policies, are not in the language yet.
  '22-pro-rata-clawback': 'todo',
  '29-draw-recovery-policies': 'todo',
  '25-ranking-contest': async (c) => {
    const plan = 'examples/ranking-contest/plan.payplan';
    const { ir, text, data } = planWithData(plan);
    const { module: compiled } = await importCompiled(ir, text, plan);
    const interpreted = result(plan);
    expect(compiled.evaluate(data)).toEqual(evaluate(ir, data));
    for (const r of [interpreted, compiled.evaluate(data).value!]) {
      expect(r.statements).toHaveLength(c.expected.length);
      for (const e of c.expected as { payee: string; period: string; revenue: string; has_deals: boolean; rank: number; lines: { contest_prize: string }; payout: string }[]) {
        const s = statement(r, e.payee, e.period);
        expect(s.payout).toBe(e.payout);
        expect(line(s, 'contest_prize')).toBe(e.lines.contest_prize);
        same(value(s, 'revenue'), e.revenue);
        expect(value(s, 'deals_won') !== '0', `${e.payee} ${e.period} has deals`).toBe(e.has_deals);
        expect(value(s, 'position'), `${e.payee} ${e.period} rank`).toBe(String(e.rank));
        // The explanation names the rank and every value ranked: the reps with deals, highest first.
        const rows = s.lines.find((l) => l.component === 'contest_prize')!.explanation.rows;
        const ranked = (c.expected as typeof e[]).filter((x) => x.period === e.period && x.has_deals);
        expect(rows.map((x) => x.key).sort()).toEqual(ranked.map((x) => x.payee).sort());
        for (const x of rows) expect(x.row).toBe(ranked.find((y) => y.payee === x.key)!.rank);
      }
    }
  },
  '26-region-pool-and-cost': async (c) => {
    const plan = 'examples/region-pool/plan.payplan';
    const { ir, text, data } = planWithData(plan);
    const { module: compiled } = await importCompiled(ir, text, plan);
    const interpreted = result(plan);
    expect(compiled.evaluate(data)).toEqual(evaluate(ir, data));
    for (const r of [interpreted, compiled.evaluate(data).value!]) {
      // The case's figures are for 2026-Q1; eve's deal of 1 April makes 2026-Q2 a period of the run too,
      // where the region's pool is 1% of eve's margin and there is no marketing row to allocate.
      expect(statement(r, 'eve', '2026-Q2').payout).toBe('1100.00');
      for (const e of c.expected as { payee: string; period: string; revenue: string; margin: string; region_margin: string; region_revenue: string; lines: Record<string, string>; payout: string }[]) {
        const s = statement(r, e.payee, e.period);
        expect(s.payout).toBe(e.payout);
        same(value(s, 'revenue'), e.revenue);
        same(value(s, 'margin'), e.margin);
        same(value(s, 'region_margin'), e.region_margin);
        same(value(s, 'region_revenue'), e.region_revenue);
        expect(s.lines.map((l) => l.component)).toEqual(Object.keys(e.lines));
        for (const [name, amount] of Object.entries(e.lines)) expect(line(s, name), `${e.payee} ${name}`).toBe(amount);
      }
    }
  },
  '23-previous-period-growth': async (c) => {
    // The case's history table is `past` in the plan (`history` is a keyword), its revenue `quarter_revenue`.
    const plan = 'examples/previous-period-growth/plan.payplan';
    const { ir, text, data } = planWithData(plan);
    const { module: compiled } = await importCompiled(ir, text, plan);
    const interpreted = result(plan);
    expect(compiled.evaluate(data)).toEqual(evaluate(ir, data));
    for (const r of [interpreted, compiled.evaluate(data).value!]) {
      expect(r.statements).toHaveLength(c.expected.length);
      for (const e of c.expected as { payee: string; period: string; revenue: string; previous_period: string; previous_revenue: string; lines: Record<string, string>; payout: string }[]) {
        const s = statement(r, e.payee, e.period);
        expect(s.payout).toBe(e.payout);
        same(value(s, 'quarter_revenue'), e.revenue);
        expect(value(s, 'previous_period')).toBe(e.previous_period);
        same(value(s, 'previous_revenue'), e.previous_revenue);
        expect(s.lines.map((l) => [l.component, l.amount])).toEqual(Object.entries(e.lines));
      }
    }
  },
};

describe('worked cases (shared/cases) match exactly', () => {
  for (const [id, check] of Object.entries(cases)) {
    if (check === 'todo') it.todo(`${id}: mechanic not in the language yet`);
    else it(id, () => check(loadCase(id)));
  }
});
