/**
 * The interpreter's half of a run: the plan written as the settlement engine's `PlanSpec` — its
 * credit rules, requirements, clawbacks, draw, tally and, for each context, the statement's lines,
 * payout limits and shown values. The engine does the rest, as it does for compiled modules.
 */
import type { IrPlan } from '@payplan/checker';
import {
  checkLadder, limitLine, unitLabel, valueText, type CreditedRow, type CreditSpec, type Ctx, type DrawSpec, type InputRow, type NamedValue, type PayoutLimit,
  type PlanSpec, type RequirementSpec, type StatementParts,
} from '@payplan/runtime';
import { ComponentLines } from './component-lines.js';
import { sourceRef, type PlanValues } from './plan-values.js';

export function planSpec(pv: PlanValues): PlanSpec {
  const { ir } = pv;
  return {
    file: ir.file,
    name: ir.name,
    currency: ir.currency,
    settle: ir.settle,
    yearToDate: ir.yearToDate,
    ...(ir.settleSource && { ytdSource: sourceRef(ir.file, ir.settleSource) }),
    rounding: ir.rounding,
    tables: ir.tables,
    credits: creditSpecs(pv),
    teams: ir.teams,
    groups: ir.groups.map((g) => ({ name: g.name, ...(g.table && g.column && { table: g.table, column: g.column }), span: g.source.span })),
    requirements: requirementSpecs(pv),
    clawbacks: ir.clawbacks.map((cb) => ({ table: cb.table, rowName: cb.rowName, column: cb.column, days: cb.days, rule: cb.source.text, source: sourceRef(ir.file, cb.source) })),
    ...(ir.history && { history: ir.history }),
    ...(ir.valueHistories.length && { valueHistories: ir.valueHistories.map((h) => h.table) }),
    tally: pv.rules.tally,
    ...(ir.draw && { draw: drawSpec(pv, ir.draw) }),
    statement: statementParts(pv),
  };
}

/** Credit rules: each share and condition is computed from the row alone. */
function creditSpecs(pv: PlanValues): CreditSpec[] {
  return pv.ir.credits.map((c) => ({
    table: c.table,
    rules: c.rules.map((r) => ({
      to: r.to,
      rest: r.rest,
      ...(r.share && { share: (row: InputRow) => pv.num(r.share!, pv.rowOnly(row)) }),
      ...(r.when && { when: (row: InputRow) => pv.run(r.when!, pv.rowOnly(row)) === true }),
      rule: r.source.text,
    })),
  }));
}

function requirementSpecs(pv: PlanValues): RequirementSpec[] {
  return pv.ir.requirements.map((req) => ({
    table: req.table,
    ...(req.where && { applies: (ctx: Ctx, r: CreditedRow) => pv.run(req.where!, pv.frame(ctx, r)) === true }),
    holds: (ctx: Ctx, r: CreditedRow) => pv.run(req.condition, pv.frame(ctx, r)) === true,
    exclude: req.exclude,
    message: req.message,
    source: sourceRef(pv.ir.file, req.source),
  }));
}

function drawSpec(pv: PlanValues, draw: NonNullable<IrPlan['draw']>): DrawSpec {
  return { component: draw.name, amount: (ctx: Ctx) => pv.num(draw.amount, pv.frame(ctx)), mode: draw.mode, rule: draw.source.text, source: sourceRef(pv.ir.file, draw.source) };
}

/** A statement's parts for a context: ladders checked, every rule's line (capped or floored), payout limits and shown values. */
function statementParts(pv: PlanValues): (ctx: Ctx) => StatementParts {
  const { ir } = pv;
  const lines = new ComponentLines(pv);
  const limitsByTarget = new Map<string, IrPlan['limits'][number][]>();
  for (const l of ir.limits) limitsByTarget.set(l.target, [...(limitsByTarget.get(l.target) ?? []), l]);
  const limitsOn = (component: string) => limitsByTarget.get(component) ?? [];
  return (ctx) => {
    const f = pv.frame(ctx);
    for (const ladder of ir.ladders) checkLadder(ladder.items.map((i) => pv.num(i, f)), ladder.texts, ladder.ops, ladder.items);
    const computed = ir.components.map((c) => limitsOn(c.name).reduce((acc, x) => limitLine(acc, x.bound, pv.num(x.value, f), x.source.text), lines.line(ctx, c)));
    const limits: PayoutLimit[] = limitsOn('payout').map((l) => ({
      bound: l.bound,
      value: pv.num(l.value, f),
      info: { component: `payout_${l.bound}`, rule: l.source.text, source: sourceRef(ir.file, l.source) },
      values: pv.usedValues(ctx, l.uses),
    }));
    const values: NamedValue[] = [];
    for (const s of ir.shown) {
      const v = s.ref.kind === 'payeeValue' ? pv.env.payeeValue(ctx, s.ref.table, s.ref.column, s.ref, true) : pv.run(s.ref, f);
      if (v !== undefined) values.push({ name: s.name, value: valueText(v, s.unit), unit: unitLabel(s.unit, ir.currency) });
    }
    return { lines: computed, limits, values };
  };
}
