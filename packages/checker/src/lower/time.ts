/**
 * Across periods: where payment history comes from (`history from paid.amount`, year-to-date plans
 * only), the days each payee is on the plan (`active from roster.joined to roster.left`), clawbacks
 * of cancelled rows and the draw. Each is said at most once per plan (draws and history) or once per
 * table (clawbacks), and each names columns of the right type.
 */
import type { DiagnosticBag } from '@payplan/diagnostics';
import type { Ast } from '@payplan/syntax';
import type { Settings } from '../header.js';
import type { IrClawback, IrDraw } from '../ir.js';
import { didYouMean } from '../suggest.js';
import type { TableInfo } from '../tables.js';
import { amount, claimRuleName, sourceOf, type ActiveDates, type Lowering } from './context.js';

/** `history from paid.amount`: payouts already made, per payee per period. */
export function declareHistory(plan: Ast.Plan, tables: ReadonlyMap<string, TableInfo>, settings: Settings, bag: DiagnosticBag): { table: string; column: string } | undefined {
  let history: { table: string; column: string } | undefined;
  for (const d of plan.decls) {
    if (d.kind !== 'History' || d.of) continue;
    const t = tables.get(d.table.name);
    const col = t?.schema.columns.find((c) => c.name === d.column.name);
    if (history) bag.error('S002', d.span, 'a plan says once where its payment history comes from');
    else if (!t || t.schema.kind !== 'payeePeriod') bag.error('S005', d.table.span, `payment history comes from a table \`per payee per period\`; \`${d.table.name}\` is ${t ? 'not one' : 'not declared'}`, didYouMean(d.table.name, tables.keys()));
    else if (!col || col.type !== 'money') bag.error(col ? 'T003' : 'N005', d.column.span, col ? `\`${d.column.name}\` must be a money column: the amount paid` : `table \`${d.table.name}\` has no column \`${d.column.name}\``, didYouMean(d.column.name, t.schema.columns.map((c) => c.name)));
    else if (!settings.yearToDate) bag.error('S005', d.span, 'payment history matters only to a plan that settles `year_to_date`: say so in the header, or remove this line');
    else history = { table: d.table.name, column: d.column.name };
  }
  return history;
}

/** `active from roster.joined to roster.left`: the days each payee is on the plan. */
export function declareActive(plan: Ast.Plan, tables: ReadonlyMap<string, TableInfo>, bag: DiagnosticBag): ActiveDates | undefined {
  let active: ActiveDates | undefined;
  for (const d of plan.decls) {
    if (d.kind !== 'Active') continue;
    const t = tables.get(d.table.name);
    const cols = [d.from, d.to].map((c) => t?.schema.columns.find((x) => x.name === c.name));
    if (active) bag.error('S002', d.span, 'a plan says once where the active dates come from');
    else if (d.toTable.name !== d.table.name) bag.error('S005', d.toTable.span, `both dates come from one table: write \`active from ${d.table.name}.${d.from.name} to ${d.table.name}.${d.to.name}\``);
    else if (!t || t.schema.kind !== 'payee') bag.error('S005', d.table.span, `the active dates come from a table \`per payee\`; \`${d.table.name}\` is ${t ? 'not one' : 'not declared'}`, didYouMean(d.table.name, tables.keys()));
    else if (cols.some((c) => !c || c.type !== 'date' || !c.optional)) {
      const bad = [d.from, d.to][cols.findIndex((c) => !c || c.type !== 'date' || !c.optional)]!;
      bag.error('T003', bad.span, `\`${bad.name}\` must be an optional date column of \`${d.table.name}\` (empty when the payee did not join or leave in the year)`);
    } else active = { table: d.table.name, from: d.from.name, to: d.to.name };
  }
  return active;
}

/** `clawback deals by cancelled within 90 days`: an optional date column and a whole number of days. */
export function lowerClawback(lw: Lowering, d: Ast.ClawbackDecl): IrClawback | undefined {
  const { bag, tables } = lw;
  const t = tables.get(d.table.name);
  const col = t?.schema.columns.find((c) => c.name === d.column.name);
  if (!t || t.schema.kind !== 'rows') bag.error('N004', d.table.span, `clawbacks apply to a transaction table; \`${d.table.name}\` is not one`, didYouMean(d.table.name, tables.keys()));
  else if (!col) bag.error('N005', d.column.span, `table \`${d.table.name}\` has no column \`${d.column.name}\``, didYouMean(d.column.name, t.schema.columns.map((c) => c.name)));
  else if (col.type !== 'date' || !col.optional) bag.error('T003', d.column.span, `\`${d.column.name}\` must be an optional date column: the day a row was cancelled, empty when it was not`);
  else if (!/^\d+$/.test(d.days.text)) bag.error('T003', d.days.span, 'the clawback window is a whole number of days');
  else return { table: d.table.name, rowName: d.row.name, column: d.column.name, days: Number(d.days.text), source: sourceOf(lw.source, d.span) };
  return undefined;
}

/** A draw, given the one declared before it if any: a plan has at most one. */
export function lowerDraw(lw: Lowering, d: Ast.DrawDecl, prior: IrDraw | undefined): IrDraw | undefined {
  const name = claimRuleName(lw, d, 'draw');
  const value = amount(lw, d.amount, { level: 'payee' });
  if (prior) lw.bag.error('S013', d.keyword, 'a plan has at most one draw');
  else if (value) return { name, amount: value, mode: d.mode.value, source: sourceOf(lw.source, d.span) };
  return undefined;
}
