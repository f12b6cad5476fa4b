/**
 * Per-row rules: `for each deal in deals where …` followed by `require …` lines (checked on each
 * row before bases are summed, so they cannot read a base) and named row-pay rules
 * (`finder_fee when … pay …`), each its own statement line.
 */
import type { Ast } from '@payplan/syntax';
import type { IrComponent, IrExpr, IrRequirement } from '../ir.js';
import { condition, lowerExpr, type Scope } from '../lower-expr.js';
import { numeric } from '../units.js';
import { lowerTierBase, lowerTiers } from './tiers.js';
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
  // The row's values defined so far: each rule sees those written above it.
  const lets = new Map<string, IrExpr>();
  for (const rule of d.rules) {
    lw.uses = [];
    const here: Scope = { ...scope, row: { ...scope.row!, lets: new Map(lets) } };
    if (rule.kind === 'Require') {
      const requirement = lowerRequirement(lw, d, rule, here, where);
      if (requirement) out.requirements.push(requirement);
    } else if (rule.kind === 'RowLet') {
      const value = lowerRowLet(lw, d, rule, here);
      if (value) lets.set(rule.name.name, value);
    } else {
      const component = rule.kind === 'RowTiers' ? lowerRowTiers(lw, d, rule, here, where) : lowerRowPay(lw, d, rule, here, where);
      if (component) out.components.push(component);
    }
  }
}

/**
 * `let deal.markup = …`: named with the block's row, which says it is a value of each row; read
 * like a column by the rules below it. It stands for its definition (lowered here, once), so the
 * back ends see only ordinary expressions.
 */
function lowerRowLet(lw: Lowering, d: Ast.ForEachDecl, rule: Ast.RowLet, scope: Scope): IrExpr | undefined {
  const name = rule.name.name;
  if (rule.row.name !== d.row.name) {
    lw.bag.error('N001', rule.row.span, `a value of each row is named with the block's row, \`${d.row.name}\`, not \`${rule.row.name}\``, { hint: `write \`let ${d.row.name}.${name} = …\`` });
    return undefined;
  }
  const clash = scope.row!.table.schema.columns.some((c) => c.name === name) ? `a column of \`${d.table.name}\`` : scope.row!.lets?.has(name) ? 'a value of the row defined above' : undefined;
  if (clash) {
    lw.bag.error('N002', rule.name.span, `\`${name}\` is already ${clash}`, { hint: 'give this value another name' });
    return undefined;
  }
  const value = lowerExpr(rule.value, scope, lw.cx);
  if (value && !numeric.has(value.unit) && value.unit !== 'boolean' && value.unit !== 'text' && value.unit !== 'date') return undefined;
  return value;
}

/** `deal_commission on amount marginal` and its bands: the bands applied to each row alone, the line the sum. */
function lowerRowTiers(lw: Lowering, d: Ast.ForEachDecl, rule: Ast.RowTierRule, scope: Scope, where: IrExpr | undefined): IrComponent | undefined {
  claimName(lw, rule.name.name, rule.name.span, false);
  const base = lowerTierBase(lw, rule.on, rule.by, scope, 'a per-row tiered rule');
  const tiers = base && lowerTiers(lw, rule, rule.on, base, scope, { span: rule.name.span, words: rule.name.name });
  if (!tiers) return undefined;
  return {
    kind: 'per_row',
    name: rule.name.name,
    table: d.table.name,
    ...(where && { where }),
    pay: { kind: 'tiers', ...tiers, unit: 'money', span: rule.span },
    uses: [...lw.uses],
    source: sourceOf(lw.source, rule.span),
  };
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
