/**
 * The previous period: `previous(revenue)` is the value `revenue` had for the same payee one
 * period earlier, `previous(revenue, 2)` two periods earlier. Inside the run it is computed as
 * that period's statement computes it; before the run's first period it is read from the table
 * that `history of revenue from past.revenue` names (a payee without a row there has 0). Without
 * that declaration the run's first period would have no predecessor, so it is required (S030).
 */
import type { DiagnosticBag } from '@payplan/diagnostics';
import type { Ast } from '@payplan/syntax';
import type { IrExpr } from './ir.js';
import { columnUnit, type ExprContext, type Scope } from './lower-expr.js';
import { didYouMean } from './suggest.js';
import type { TableInfo } from './tables.js';
import { unify, unitWords } from './units.js';

/** `history of VALUE from TABLE.COLUMN`: the value of the periods before the run. */
export interface ValueHistory {
  readonly value: string;
  readonly table: string;
  readonly column: string;
}

/** Reads the `history of …` declarations; each value has at most one (S002). */
export function declareValueHistories(plan: Ast.Plan, tables: ReadonlyMap<string, TableInfo>, bag: DiagnosticBag): Map<string, ValueHistory> {
  const out = new Map<string, ValueHistory>();
  for (const d of plan.decls) {
    if (d.kind !== 'History' || !d.of) continue;
    const t = tables.get(d.table.name);
    const col = t?.schema.columns.find((c) => c.name === d.column.name);
    if (out.has(d.of.name)) bag.error('S002', d.span, `a plan says once where the earlier values of \`${d.of.name}\` come from`);
    else if (!t || t.schema.kind !== 'payeePeriod') bag.error('S005', d.table.span, `the earlier values of \`${d.of.name}\` come from a table \`per payee per period\`; \`${d.table.name}\` is ${t ? 'not one' : 'not declared'}`, didYouMean(d.table.name, tables.keys()));
    else if (!col) bag.error('N005', d.column.span, `table \`${d.table.name}\` has no column \`${d.column.name}\``, didYouMean(d.column.name, t.schema.columns.map((c) => c.name)));
    else out.set(d.of.name, { value: d.of.name, table: d.table.name, column: d.column.name });
  }
  return out;
}

export function lowerPrevious(e: Extract<Ast.Expr, { kind: 'Call' }>, scope: Scope, cx: ExprContext): IrExpr | undefined {
  const { bag } = cx;
  const [target, back, ...extra] = e.args;
  const usage = 'write `previous(revenue)`, or `previous(revenue, 2)` for two periods back, naming a `let` or `base` value';
  if (!target || extra.length) {
    bag.error('S030', e.span, '`previous` takes a value and, optionally, how many periods back', { hint: usage });
    return undefined;
  }
  const sym = target.kind === 'NameRef' && !target.qualifier ? cx.symbols.get(target.name.name) : undefined;
  if (!sym || (sym.kind !== 'let' && sym.kind !== 'base')) {
    bag.error('S030', target.span, '`previous` reads a value the plan computes for each period: a `let` or a `base`', { hint: usage });
    return undefined;
  }
  const n = back === undefined ? 1 : back.kind === 'NumberLit' && /^\d+$/.test(back.text) ? Number(back.text) : 0;
  if (n < 1 || n > 1000) {
    bag.error('S030', back!.span, 'how many periods back is a whole number written out, from 1 to 1000', { hint: usage });
    return undefined;
  }
  if (scope.level === 'const') {
    bag.error('N006', e.span, 'a constant cannot read an earlier period', { hint: 'use `let` instead of `const`' });
    return undefined;
  }
  const name = sym.name;
  const unit = cx.unitOf(sym, (target as Ast.NameRef).name);
  if (!unit) return undefined;
  const history = cx.valueHistories?.get(name);
  if (!history) {
    bag.error('S030', e.span, `\`previous(${name})\` needs the value of \`${name}\` before the run's first period, but the plan does not say where it comes from`, {
      hint: `add a table \`per payee per period\` with the earlier values and say \`history of ${name} from TABLE.COLUMN\``,
    });
    return undefined;
  }
  const col = cx.tables.get(history.table)!.schema.columns.find((c) => c.name === history.column)!;
  const historyUnit = columnUnit(col.type);
  if (!unify(unit, historyUnit)) {
    bag.error('S030', e.span, `\`${name}\` is ${unitWords(unit)}, but its history \`${history.table}.${history.column}\` is ${unitWords(historyUnit)}`);
    return undefined;
  }
  return { kind: 'previous', value: { kind: sym.kind, name }, back: n, history: { table: history.table, column: history.column }, unit, span: e.span };
}
