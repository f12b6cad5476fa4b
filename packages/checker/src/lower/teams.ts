/**
 * Teams: `team downline by hierarchy.manager all` (a per-payee or dated table's payee column naming
 * each payee's manager, and how deep the team reaches) and `pool … over team` (an amount the team's
 * leader shares among the members by weight). Teams are declared before any value, so bases can
 * aggregate over them.
 */
import type { DiagnosticBag, SourceText } from '@payplan/diagnostics';
import type { Ast } from '@payplan/syntax';
import type { IrComponent, IrTeam } from '../ir.js';
import { lowerExpr } from '../lower-expr.js';
import { didYouMean } from '../suggest.js';
import type { TableInfo } from '../tables.js';
import { unitWords } from '../units.js';
import { amount, claimName, sourceOf, type Lowering } from './context.js';
import { checkPoolFunding } from './pool-funding.js';

/** The plan's teams by name; each names an existing table's payee column (the manager's). */
export function declareTeams(plan: Ast.Plan, tables: ReadonlyMap<string, TableInfo>, bag: DiagnosticBag, source: SourceText): Map<string, IrTeam> {
  const teams = new Map<string, IrTeam>();
  for (const d of plan.decls) {
    if (d.kind !== 'Team') continue;
    if (teams.has(d.name.name) || tables.has(d.name.name)) {
      bag.error('N002', d.name.span, `\`${d.name.name}\` is already the name of a ${teams.has(d.name.name) ? 'team' : 'table'}`);
      continue;
    }
    const team = lowerTeam(d, tables, bag, source);
    if (team) teams.set(d.name.name, team);
  }
  return teams;
}

function lowerTeam(d: Ast.TeamDecl, tables: ReadonlyMap<string, TableInfo>, bag: DiagnosticBag, source: SourceText): IrTeam | undefined {
  const t = tables.get(d.table.name);
  if (!t) {
    bag.error('N004', d.table.span, `unknown table \`${d.table.name}\``, didYouMean(d.table.name, tables.keys()));
    return undefined;
  }
  const col = t.schema.columns.find((c) => c.name === d.column.name);
  // A dated hierarchy: one row per member and manager, from a date (`on`) until an optional one.
  const until = t.schema.kind === 'rows' ? t.schema.columns.find((c) => c.type === 'date' && c.optional && c.name !== t.schema.dateColumn)?.name : undefined;
  if (t.schema.kind === 'rows' && col && col.name === t.schema.payeeColumn) {
    bag.error('S005', d.column.span, `in a dated hierarchy, \`${col.name}\` names the member; the team needs the column naming their manager`);
    return undefined;
  }
  if (!col || col.type !== 'payee') {
    bag.error(col ? 'T003' : 'N005', d.column.span, col ? `\`${d.column.name}\` must be a payee column naming each payee's manager` : `table \`${d.table.name}\` has no column \`${d.column.name}\``, didYouMean(d.column.name, t.schema.columns.map((c) => c.name)));
    return undefined;
  }
  if (d.depth.name !== 'all' && d.depth.name !== 'direct') {
    bag.error('S005', d.depth.span, `a team takes \`all\` (everyone below, at every level) or \`direct\` (direct reports only), not \`${d.depth.name}\``, didYouMean(d.depth.name, ['all', 'direct']));
    return undefined;
  }
  return { name: d.name.name, table: d.table.name, column: d.column.name, depth: d.depth.name, ...(until && { until }), source: sourceOf(source, d.span) };
}

/** `pool award = 5,000 over downline by weight`: the leader's amount, each member's weight. */
export function lowerPool(lw: Lowering, d: Ast.PoolDecl): IrComponent | undefined {
  claimName(lw, d.name.name, d.name.span, false);
  const team = lw.teams.get(d.team.name);
  if (!team) {
    lw.bag.error('N004', d.team.span, `unknown team \`${d.team.name}\``, didYouMean(d.team.name, lw.teams.keys()));
    return undefined;
  }
  const poolAmount = amount(lw, d.amount, { level: 'payee' });
  // The explanation lists the member's own values (the weight); the pool is the leader's.
  lw.uses = [];
  const weight = lowerExpr(d.weight, { level: 'payee' }, lw.cx);
  if (weight && weight.unit !== 'count' && weight.unit !== 'decimal' && weight.unit !== 'ratio' && weight.unit !== 'number' && weight.unit !== 'money') {
    lw.bag.error('T003', d.weight.span, `a member's weight is a number, a percentage or an amount, but this is ${unitWords(weight.unit)}`);
    return undefined;
  }
  const leader = d.leader?.value;
  if (!poolAmount || !weight) return undefined;
  if (!checkPoolFunding(lw, { team, teamSpan: d.team.span, amount: poolAmount, amountSpan: d.amount.span, ...(leader !== undefined && { leader }) })) return undefined;
  return { kind: 'pool', name: d.name.name, amount: poolAmount, team: team.name, ...(leader !== undefined && { leader }), weight, uses: [...lw.uses], source: sourceOf(lw.source, d.span) };
}
