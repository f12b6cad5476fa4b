/**
 * Groups that are not hierarchies: `group region by regions.region` (the payees sharing the value of
 * a per-payee column) and `group company` (every payee of the run); and `allocate … over GROUP by
 * WEIGHT`, an amount of the group shared out to the cent. Groups are declared before any value, so
 * bases can sum over them (`sum of margin over region`).
 */
import type { DiagnosticBag, SourceText } from '@payplan/diagnostics';
import type { Ast } from '@payplan/syntax';
import type { IrComponent, IrGroup, IrPlace, IrTeam } from '../ir.js';
import { condition, lowerExpr } from '../lower-expr.js';
import { didYouMean } from '../suggest.js';
import type { TableInfo } from '../tables.js';
import { unitWords } from '../units.js';
import { amount, claimName, sourceOf, type Lowering } from './context.js';

/** The plan's groups by name; a group's column is a column of a `per payee` table. */
export function declareGroups(plan: Ast.Plan, tables: ReadonlyMap<string, TableInfo>, teams: ReadonlyMap<string, IrTeam>, bag: DiagnosticBag, source: SourceText): Map<string, IrGroup> {
  const groups = new Map<string, IrGroup>();
  for (const d of plan.decls) {
    if (d.kind !== 'Group') continue;
    const name = d.name.name;
    if (groups.has(name) || teams.has(name) || tables.has(name)) {
      bag.error('N002', d.name.span, `\`${name}\` is already the name of a ${groups.has(name) ? 'group' : teams.has(name) ? 'team' : 'table'}`);
      continue;
    }
    if (!d.table || !d.column) {
      groups.set(name, { name, source: sourceOf(source, d.span) });
      continue;
    }
    const t = tables.get(d.table.name);
    if (!t) {
      bag.error('N004', d.table.span, `unknown table \`${d.table.name}\``, didYouMean(d.table.name, tables.keys()));
      continue;
    }
    if (t.schema.kind !== 'payee') {
      bag.error('S034', d.table.span, `a group is read from a table \`per payee\` (one value for each payee all year); \`${d.table.name}\` is not one`, {
        hint: 'declare the attribute in a table `per payee`, such as `table regions per payee` with a column `region text`',
      });
      continue;
    }
    const col = t.schema.columns.find((c) => c.name === d.column!.name);
    if (!col) {
      bag.error('N005', d.column.span, `table \`${d.table.name}\` has no column \`${d.column.name}\``, didYouMean(d.column.name, t.schema.columns.map((c) => c.name)));
      continue;
    }
    if (!['text', 'payee', 'count', 'boolean', 'period', 'date'].includes(col.type)) {
      bag.error('S034', d.column.span, `payees are grouped by a label (text, a payee, a count, a date, yes/no), but \`${col.name}\` is ${col.type}`);
      continue;
    }
    groups.set(name, { name, table: t.schema.name, column: col.name, source: sourceOf(source, d.span) });
  }
  return groups;
}

/** `allocate NAME of AMOUNT over GROUP by WEIGHT`: the group's amount and each member's weight. */
export function lowerAllocate(lw: Lowering, d: Ast.AllocateDecl): IrComponent | undefined {
  claimName(lw, d.name.name, d.name.span, false);
  const group = lw.groups.get(d.group.name);
  if (!group) {
    const hint = lw.teams.has(d.group.name) ? { hint: `\`${d.group.name}\` is a team: share a leader's amount among their team with \`pool\`` } : didYouMean(d.group.name, lw.groups.keys());
    lw.bag.error('N004', d.group.span, `unknown group \`${d.group.name}\``, hint);
    return undefined;
  }
  const groupAmount = amount(lw, d.amount, { level: 'payee' });
  const weight = lowerExpr(d.weight, { level: 'payee' }, lw.cx);
  if (weight && !['count', 'decimal', 'ratio', 'number', 'money'].includes(weight.unit)) {
    lw.bag.error('T003', d.weight.span, `a member's weight is a number, a percentage or an amount, but this is ${unitWords(weight.unit)}`);
    return undefined;
  }
  if (groupAmount && weight) return { kind: 'allocation', name: d.name.name, amount: groupAmount, group: group.name, weight, uses: [...lw.uses], source: sourceOf(lw.source, d.span) };
  return undefined;
}

/** `contest NAME on MEASURE over GROUP [where …]` and its places, 1, 2, … in order, each paying money. */
export function lowerContest(lw: Lowering, d: Ast.ContestDecl): IrComponent | undefined {
  claimName(lw, d.name.name, d.name.span, false);
  const group = lw.groups.get(d.group.name);
  if (!group) {
    lw.bag.error('N004', d.group.span, `unknown group \`${d.group.name}\``, didYouMean(d.group.name, lw.groups.keys()));
    return undefined;
  }
  const measure = lowerExpr(d.measure, { level: 'payee' }, lw.cx);
  if (measure && !['money', 'count', 'decimal', 'number', 'ratio'].includes(measure.unit)) {
    lw.bag.error('T003', d.measure.span, `a contest ranks by a number, a percentage or an amount, but this is ${unitWords(measure.unit)}`);
    return undefined;
  }
  const where = d.where && condition(d.where, { level: 'payee' }, lw.cx);
  if (d.places.length === 0) lw.bag.error('S036', d.name.span, `contest \`${d.name.name}\` has no prizes`, { hint: 'add one line per place: `place 1 pay 3,000`' });
  const places: IrPlace[] = [];
  d.places.forEach((p, i) => {
    if (p.place.text !== String(i + 1)) {
      lw.bag.error('S036', p.place.span, `places are listed from 1 up without gaps: this line should be \`place ${i + 1}\`, not \`place ${p.place.text}\``);
      return;
    }
    const pay = amount(lw, p.pay, { level: 'payee' });
    if (pay) places.push({ place: i + 1, pay, source: sourceOf(lw.source, p.span) });
  });
  if (!measure || (d.where && !where) || places.length !== d.places.length || places.length === 0) return undefined;
  return { kind: 'contest', name: d.name.name, measure, measureName: lw.source.slice(d.measure.span), group: group.name, ...(where && { where }), places, uses: [...lw.uses], source: sourceOf(lw.source, d.span) };
}
