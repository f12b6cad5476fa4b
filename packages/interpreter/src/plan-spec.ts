/**
 * The interpreter's half of a run: the plan written as the settlement engine's `PlanSpec` — its
 * credit rules, requirements, clawbacks, draw, tally and, for each context, the statement's lines,
 * payout limits and shown values. The engine does the rest, as it does for compiled modules.
 */
import type { IrComponent, IrPlan } from '@payplan/checker';
import {
  checkLadder, limitLine, ifComputable, lineValue, reportedLine, reportedValue, unitLabel, valueText, type ComputedLine, type ReportedValue, type CreditedRow, type CreditSpec, type Ctx, type DrawSpec, type InputRow, type NamedValue, type PayoutLimit,
  type PeriodKind, type PlanSpec, type RequirementSpec, type StatementParts,
} from '@payplan/runtime';
import { ComponentLines, poolSpec } from './component-lines.js';
import { sourceRef, type PlanValues } from './plan-values.js';

export function planSpec(pv: PlanValues): PlanSpec {
  const { ir } = pv;
  return {
    file: ir.file,
    name: ir.name,
    currency: ir.currency,
    settle: ir.settle,
    ...(ir.calendar && { calendar: ir.calendar }),
    yearToDate: ir.yearToDate,
    ...(ir.settleSource && { ytdSource: sourceRef(ir.file, ir.settleSource) }),
    rounding: ir.rounding,
    tables: ir.tables,
    credits: creditSpecs(pv),
    teams: ir.teams,
    groups: ir.groups.map((g) => ({ name: g.name, ...(g.table && g.column && { table: g.table, column: g.column }), span: g.source.span })),
    requirements: requirementSpecs(pv),
    clawbacks: ir.clawbacks.map((cb) => ({ table: cb.table, rowName: cb.rowName, column: cb.column, days: cb.days, rule: cb.source.text, source: sourceRef(ir.file, cb.source) })),
    ...(ir.history && { history: { table: ir.history.table, column: ir.history.column, rule: ir.history.source.text, source: sourceRef(ir.file, ir.history.source) } }),
    ...(ir.valueHistories.length && { valueHistories: ir.valueHistories.map((h) => h.table) }),
    tally: pv.rules.tally,
    ...(ir.componentPeriods && { componentPeriods: ir.componentPeriods }),
    ...(ir.draw && { draw: drawSpec(pv, ir.draw) }),
    pools: ir.components.flatMap((c) => (c.kind === 'pool' ? [poolSpec(pv, c)] : [])),
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

/**
 * A statement's parts for a context: ladders checked, every rule's line (capped or floored, computed
 * once and read by name by other rules), payout limits, shown values and what is reported unpaid.
 */
function statementParts(pv: PlanValues): (ctx: Ctx, per?: PeriodKind) => StatementParts {
  const { ir } = pv;
  const lines = new ComponentLines(pv);
  const limitsByTarget = new Map<string, IrPlan['limits'][number][]>();
  for (const l of ir.limits) limitsByTarget.set(l.target, [...(limitsByTarget.get(l.target) ?? []), l]);
  const limitsOn = (component: string) => limitsByTarget.get(component) ?? [];
  const byName = new Map(ir.components.map((c) => [c.name, c]));
  const lineOf = (ctx: Ctx, c: IrComponent): ComputedLine =>
    ctx.memo(`line:${c.name}`, () => {
      const f = pv.frame(ctx);
      return limitsOn(c.name).reduce((acc, x) => limitLine(acc, x.bound, pv.num(x.value, f), x.source.text), lines.line(ctx, c));
    });
  pv.lineReader = (ctx, name) => {
    const c = byName.get(name)!;
    return lineValue(lineOf(ctx, c), ir.rounding, c.reported === true);
  };
  const reports = reportedParts(pv, (ctx, name) => lineOf(ctx, byName.get(name)!));
  const own = ir.componentPeriods ?? {};
  return (ctx, per) => {
    // A context over a longer period computes only the components measured over it.
    if (per !== undefined) return { lines: ir.components.filter((c) => !c.reported && own[c.name] === per).map((c) => lineOf(ctx, c)), limits: [], values: [] };
    const f = pv.frame(ctx);
    for (const ladder of ir.ladders) checkLadder(ladder.items.map((i) => pv.num(i, f)), ladder.texts, ladder.ops, ladder.items);
    const computed = ir.components.filter((c) => !c.reported && own[c.name] === undefined).map((c) => lineOf(ctx, c));
    const limits: PayoutLimit[] = limitsOn('payout').map((l) => ({
      bound: l.bound,
      value: pv.num(l.value, f),
      info: { component: `payout_${l.bound}`, rule: l.source.text, source: sourceRef(ir.file, l.source) },
      values: pv.usedValues(ctx, l.uses),
    }));
    const values: NamedValue[] = [];
    for (const s of ir.shown) {
      const v = ifComputable(() => (s.ref.kind === 'payeeValue' ? pv.env.payeeValue(ctx, s.ref.table, s.ref.column, s.ref, true) : pv.run(s.ref, f)))?.value;
      if (v !== undefined) values.push({ name: s.name, value: valueText(v, s.unit), unit: unitLabel(s.unit, ir.currency) });
    }
    return { lines: computed, limits, values, ...(reports && { reported: reports(ctx) }) };
  };
}

/** What a statement reports unpaid, in plan order: reported rules' lines and `report` values; `undefined` when none. */
function reportedParts(pv: PlanValues, lineOf: (ctx: Ctx, name: string) => ComputedLine): ((ctx: Ctx) => ReportedValue[]) | undefined {
  const { ir } = pv;
  if (!ir.reports.length) return undefined;
  const lets = new Map(ir.lets.map((l) => [l.name, l]));
  return (ctx) =>
    ir.reports.map((r) => {
      if (r.kind === 'line') return reportedLine(lineOf(ctx, r.name), ir.currency);
      const l = lets.get(r.name)!;
      const info = { component: l.name, rule: l.source.text, source: sourceRef(ir.file, l.source) };
      const uses = l.reported?.uses ?? [];
      return reportedValue(info, pv.num(l.value, pv.frame(ctx)), l.unit, ir.currency, l.reported?.round, pv.usedValues(ctx, uses), pv.rowsOf(ctx, uses));
    });
}
