/**
 * Bases: `base revenue = sum of amount over deals where …` and `count of …`, over a transaction
 * table (each row's value) or a team (each member's own value). A base sums money, counts or numbers.
 */
import type { Ast } from '@payplan/syntax';
import type { IrBase, IrExpr } from '../ir.js';
import { condition, lowerExpr, type Scope } from '../lower-expr.js';
import { didYouMean } from '../suggest.js';
import { unitWords } from '../units.js';
import { sourceOf, type Lowering } from './context.js';

/** The scope of a row of `table` (named `variable` when the plan names it), or undefined if there is no such table. */
export function rowScope(lw: Lowering, table: Ast.Ident, variable?: string): Scope | undefined {
  const t = lw.tables.get(table.name);
  if (!t) {
    lw.bag.error('N004', table.span, `unknown table or team \`${table.name}\``, didYouMean(table.name, [...lw.tables.keys(), ...lw.teams.keys(), ...lw.groups.keys()]));
    return undefined;
  }
  return { level: 'payee', row: { table: t, ...(variable !== undefined && { variable }) } };
}

export function lowerBase(lw: Lowering, d: Ast.BaseDecl): IrBase | undefined {
  const agg = d.value;
  const team = lw.teams.get(agg.table.name) ?? lw.groups.get(agg.table.name);
  // Over a team or group, the value is each member's own (a per-payee expression); over a table, each row's.
  const scope = team ? ({ level: 'payee' } as Scope) : rowScope(lw, agg.table);
  if (!scope) return undefined;
  if (!team && lw.tables.get(agg.table.name)?.schema.kind !== 'rows') {
    lw.bag.error('S005', agg.table.span, `\`${agg.table.name}\` has one row per payee; aggregate a transaction table or a team, or use its columns directly`);
    return undefined;
  }
  const where = agg.where && condition(agg.where, scope, lw.cx);
  if (agg.where && !where) return undefined;
  const over: IrBase['over'] = lw.groups.has(agg.table.name) ? { kind: 'group', group: agg.table.name } : team ? { kind: 'team', team: team.name } : { kind: 'table', table: agg.table.name };
  const common = { name: d.name.name, over, ...(where && { where }), source: sourceOf(lw.source, d.span) };
  if (agg.kind === 'Count') return { ...common, unit: 'count', aggregate: 'count' };
  const value = lowerExpr(agg.value, scope, lw.cx);
  if (!value) return undefined;
  if (agg.kind === 'Rank') return rankBase(lw, agg, common, value);
  if (!['money', 'count', 'decimal', 'number'].includes(value.unit)) {
    lw.bag.error('T003', agg.value.span, `a base sums money, counts or numbers, but this is ${unitWords(value.unit)}`);
    return undefined;
  }
  return { ...common, unit: value.unit === 'number' ? 'decimal' : value.unit, aggregate: 'sum', value };
}

/** `rank of MEASURE over GROUP [where …]`: a count, over a group, of a measure that can be ordered. */
function rankBase(lw: Lowering, agg: Ast.RankAgg, common: Omit<IrBase, 'unit' | 'aggregate'>, value: IrExpr): IrBase | undefined {
  if (common.over.kind !== 'group') {
    lw.bag.error('S036', agg.table.span, `payees are ranked among a group; \`${agg.table.name}\` is not one`, { hint: 'declare one: `group company` (every payee) or `group region by regions.region`' });
    return undefined;
  }
  if (!['money', 'count', 'decimal', 'number', 'ratio'].includes(value.unit)) {
    lw.bag.error('T003', agg.value.span, `payees are ranked by a number, a percentage or an amount, but this is ${unitWords(value.unit)}`);
    return undefined;
  }
  return { ...common, unit: 'count', aggregate: 'rank', value };
}
