/**
 * Bonuses and salary: `bonus when … pay …`, step bonuses (`step bonus on attainment highest` with
 * rising steps `at T pay 3,000`) and floating salaries (`salary 5,000 with attainment`, with bands
 * that move it by a percentage and rise without overlapping).
 */
import type { Ast } from '@payplan/syntax';
import type { IrComponent, IrExpr, IrSalary, Unit } from '../ir.js';
import { condition, lowerExpr } from '../lower-expr.js';
import { unitWords } from '../units.js';
import { amount, bound, claimRuleName, orderCheck, sourceOf, type Lowering } from './context.js';

export function lowerBonus(lw: Lowering, d: Ast.BonusDecl): IrComponent | undefined {
  const name = claimRuleName(lw, d, 'bonus');
  // Without `when`, a fixed amount: the condition always holds.
  const when = d.when ? condition(d.when, { level: 'payee' }, lw.cx) : ({ kind: 'bool', value: true, unit: 'boolean', span: d.keyword } as const);
  const pay = amount(lw, d.pay, { level: 'payee' });
  return when && pay ? { kind: 'bonus', name, when, pay, uses: [...lw.uses], source: sourceOf(lw.source, d.span), ...reported(d) } : undefined;
}

export function lowerStepBonus(lw: Lowering, d: Ast.StepBonusDecl): IrComponent | undefined {
  const name = claimRuleName(lw, d, 'step_bonus');
  const { bag, source } = lw;
  const on = lowerExpr(d.on, { level: 'payee' }, lw.cx);
  if (!on) return undefined;
  if (on.unit !== 'money' && on.unit !== 'ratio' && on.unit !== 'count') {
    bag.error('T003', d.on.span, `a step bonus is measured on money, attainment or a count, but this is ${unitWords(on.unit)}`);
    return undefined;
  }
  if (!d.mode) {
    bag.error('S012', d.on.span, 'say whether only the highest step reached pays (`highest`) or every step passed pays (`every`)', {
      hint: `write \`step bonus on ${source.slice(d.on.span)} highest\` or \`… every\``,
    });
  }
  if (!d.steps.length) bag.error('S012', d.span, 'a step bonus needs steps below its header, such as `at T pay 3,000`');
  const steps = d.steps.map((st) => {
    const at = bound(lw, st.at, on.unit);
    const pay = amount(lw, st.pay, { level: 'payee' });
    return at && pay ? { at, pay, source: sourceOf(source, st.span) } : undefined;
  });
  steps.forEach((st, i) => {
    const prev = steps[i - 1];
    if (st && prev) orderCheck(lw, prev.at, st.at, '<', st.at.span, 'step');
  });
  if (!d.mode || !d.steps.length || steps.some((st) => !st)) return undefined;
  return { kind: 'step_bonus', name, on, onName: source.slice(d.on.span), mode: d.mode.value, steps: steps as NonNullable<(typeof steps)[number]>[], uses: [...lw.uses], source: sourceOf(source, { start: d.span.start, end: d.steps[0]?.span.start ?? d.span.end }), ...reported(d) };
}

/** `report` before a rule: its line is shown and never paid. */
export const reported = (d: { readonly reported?: unknown }): { reported?: true } => (d.reported ? { reported: true } : {});

type SalaryBand = IrSalary['bands'][number];

export function lowerSalary(lw: Lowering, d: Ast.SalaryDecl): IrComponent | undefined {
  const name = claimRuleName(lw, d, 'salary');
  const amountExpr = amount(lw, d.amount, { level: 'payee' });
  if (!d.with) return amountExpr && fixedSalary(lw, d, name, amountExpr);
  const measure = lowerExpr(d.with, { level: 'payee' }, lw.cx);
  if (!amountExpr || !measure) return undefined;
  if (measure.unit !== 'ratio' && measure.unit !== 'money' && measure.unit !== 'count' && measure.unit !== 'decimal') {
    lw.bag.error('T003', d.with.span, `a salary floats with a measure such as attainment, but this is ${unitWords(measure.unit)}`);
    return undefined;
  }
  const bands = d.bands.map((b) => salaryBand(lw, b, measure.unit));
  // Bands may leave gaps (the salary is unchanged there) but must rise without overlapping.
  bands.forEach((b, i) => {
    const prev = bands[i - 1];
    const prevTop = prev?.upper ?? prev?.lower;
    const start = b?.lower ?? b?.upper;
    if (b && prev && prevTop && start) orderCheck(lw, prevTop, start, '<=', start.span, 'band');
  });
  if (bands.some((b) => !b)) return undefined;
  return {
    kind: 'salary',
    name,
    amount: amountExpr,
    measure,
    measureName: lw.source.slice(d.with.span),
    bands: bands as SalaryBand[],
    uses: [...lw.uses],
    source: sourceOf(lw.source, { start: d.span.start, end: d.bands[0]?.span.start ?? d.span.end }),
    ...reported(d),
  };
}

/** `salary of 2,000`: a fixed amount every period, with no measure and no bands. */
function fixedSalary(lw: Lowering, d: Ast.SalaryDecl, name: string, amountExpr: IrExpr): IrComponent | undefined {
  if (d.bands.length) {
    lw.bag.error('S003', d.bands[0]!.span, 'a salary with bands must say what moves it: `salary of 6,000 floats with attainment`', {
      hint: `write \`salary${d.name ? ` ${d.name.name}` : ''} of ${lw.source.slice(d.amount.span)} floats with attainment\``,
    });
    return undefined;
  }
  return { kind: 'salary', name, amount: amountExpr, bands: [], uses: [...lw.uses], source: sourceOf(lw.source, d.span), ...reported(d) };
}

/** One salary band: bounds of the measure's unit, in order, and a percentage to move the salary by. */
function salaryBand(lw: Lowering, b: Ast.SalaryDecl['bands'][number], unit: Unit): SalaryBand | undefined {
  const lower = b.range.kind === 'Below' ? undefined : bound(lw, b.range.lower, unit);
  const upper = b.range.kind === 'From' ? undefined : bound(lw, b.range.upper, unit);
  const by: IrExpr | undefined = lowerExpr(b.by, { level: 'payee' }, lw.cx);
  if (by && by.unit !== 'ratio') {
    lw.bag.error('T005', b.by.span, `a salary moves by a percentage such as -10% or +10%, but this is ${unitWords(by.unit)}`);
    return undefined;
  }
  if ((b.range.kind !== 'Below' && !lower) || (b.range.kind !== 'From' && !upper) || !by) return undefined;
  if (lower && upper) orderCheck(lw, lower, upper, '<', upper.span, 'band');
  const ends = { ...(b.range.lowerOpen && { lowerOpen: true }), ...(b.range.upperClosed && { upperClosed: true }) };
  return { ...(lower && { lower }), ...(upper && { upper }), ...ends, by, source: sourceOf(lw.source, b.span) };
}
