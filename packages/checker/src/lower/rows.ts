/**
 * Per-row rules: `for each deal in deals where …` followed by `require …` lines (checked on each
 * row before bases are summed, so they cannot read a base) and named row-pay rules
 * (`finder_fee when … pay …`), each its own statement line.
 */
import type { Ast } from '@payplan/syntax';
import type { IrComponent, IrExpr, IrRequirement } from '../ir.js';
import { condition, type Scope } from '../lower-expr.js';
import { references } from '../references.js';
import { amount, claimName, sourceOf, type Lowering } from './context.js';
import { rowScope } from './bases.js';

/** The requirements and row-pay rules of one `for each` block, added to `out` in order. */
export function lowerForEach(lw: Lowering, d: Ast.ForEachDecl, out: { components: IrComponent[]; requirements: IrRequirement[] }): void {
  const scope = rowScope(lw, d.table, d.row.name);
  if (!scope) return;
  if (lw.tables.get(d.table.name)!.schema.kind !== 'rows') {
    lw.bag.error('S005', d.table.span, `\`for each\` goes through a transaction table; \`${d.table.name}\` is a table per payee`);
    return;
  }
  const where = d.where && condition(d.where, scope, lw.cx);
  for (const rule of d.rules) {
    lw.uses = [];
    if (rule.kind === 'Require') {
      const requirement = lowerRequirement(lw, d, rule, scope, where);
      if (requirement) out.requirements.push(requirement);
    } else {
      const component = lowerRowPay(lw, d, rule, scope, where);
      if (component) out.components.push(component);
    }
  }
}

function lowerRequirement(lw: Lowering, d: Ast.ForEachDecl, rule: Ast.RequireRule, scope: Scope, where: IrExpr | undefined): IrRequirement | undefined {
  const cond = condition(rule.condition, scope, lw.cx);
  // Requirements decide which rows the bases sum, so they cannot read a base.
  const base = cond && references(cond).find((n) => lw.bases.has(n));
  if (base) {
    lw.bag.error('S005', rule.condition.span, `a requirement is checked on each row before bases are summed, so it cannot use the base \`${base}\``);
    return undefined;
  }
  return cond && { table: d.table.name, ...(where && { where }), condition: cond, exclude: rule.exclude, message: rule.message.value, source: sourceOf(lw.source, rule.span) };
}

function lowerRowPay(lw: Lowering, d: Ast.ForEachDecl, rule: Ast.PayRule, scope: Scope, where: IrExpr | undefined): IrComponent | undefined {
  claimName(lw, rule.name.name, rule.name.span, false);
  const when = rule.when && condition(rule.when, scope, lw.cx);
  const pay = amount(lw, rule.pay, scope);
  if (!pay || (rule.when && !when)) return undefined;
  return {
    kind: 'per_row',
    name: rule.name.name,
    table: d.table.name,
    ...(where && { where }),
    ...(when && { when }),
    pay,
    uses: [...lw.uses],
    source: sourceOf(lw.source, rule.span),
  };
}
