/**
 * The last step of lowering: the values each statement shows (per-payee inputs, bases and derived
 * values, in plan order) and the plan's definitions in an order where each comes after the values
 * it reads, as both back ends evaluate them.
 */
import type { Ast } from '@payplan/syntax';
import type { IrExpr, IrShownValue } from '../ir.js';
import { columnUnit } from '../lower-expr.js';
import { references } from '../references.js';
import type { Lowering } from './context.js';

/** Shown values: per-payee inputs, bases and derived values, in plan order. */
export function shownValues(lw: Lowering, plan: Ast.Plan): IrShownValue[] {
  const shown: IrShownValue[] = [];
  for (const t of lw.tables.values()) {
    if (t.schema.kind === 'rows' || t.schema.kind === 'keyed') continue;
    for (const c of t.schema.columns) {
      const unit = columnUnit(c.type);
      if (unit === 'money' || unit === 'ratio' || unit === 'count' || unit === 'decimal') {
        shown.push({ name: c.name, unit, ref: { kind: 'payeeValue', table: t.schema.name, column: c.name, optional: c.optional, unit, span: t.decl.span } });
      }
    }
  }
  for (const d of plan.decls) {
    const base = d.kind === 'Base' ? lw.bases.get(d.name.name) : undefined;
    const value = d.kind === 'Let' ? lw.lets.get(d.name.name) : undefined;
    if (base) shown.push({ name: base.name, unit: base.unit, ref: { kind: 'base', name: base.name, unit: base.unit, span: d.span } });
    if (value) shown.push({ name: value.name, unit: value.unit, ref: { kind: 'let', name: value.name, unit: value.unit, span: d.span } });
  }
  return shown;
}

/** The lowered definitions in declaration order, each moved after the ones it references. */
export function orderByDeclaration<T extends { name: string; value?: IrExpr }>(plan: Ast.Plan, m: ReadonlyMap<string, T>): T[] {
  const out: T[] = [];
  for (const d of plan.decls) if ((d.kind === 'Const' || d.kind === 'Let' || d.kind === 'Report' || d.kind === 'Base' || d.kind === 'Rates') && m.has(d.name.name)) out.push(m.get(d.name.name)!);
  return orderByDependency(out);
}

/** Stable topological order: each definition after the ones it references. Cycles were rejected. */
function orderByDependency<T extends { name: string; value?: IrExpr }>(defs: readonly T[]): T[] {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (d: T) => {
    if (done.has(d.name)) return;
    done.add(d.name);
    for (const ref of d.value ? references(d.value) : []) {
      const dep = byName.get(ref);
      if (dep) visit(dep);
    }
    out.push(d);
  };
  defs.forEach(visit);
  return out;
}
