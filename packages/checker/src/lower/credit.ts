/**
 * Credit: `credit deals` followed by rules sharing each row among payee columns (`to rep 70%`,
 * `to partner 30% when partner is set`, `to overlay rest`). Credit is decided per row, before any
 * payee is known, so rules see the row and constants only; constant shares must come to 100%.
 */
import { Dec } from '@payplan/runtime';
import type { Ast } from '@payplan/syntax';
import type { IrCredit } from '../ir.js';
import { condition, lowerExpr, type Scope } from '../lower-expr.js';
import { didYouMean } from '../suggest.js';
import type { TableInfo } from '../tables.js';
import { unitWords } from '../units.js';
import { sourceOf, type Lowering } from './context.js';

type CreditRule = IrCredit['rules'][number];

/** Credit rules for a table, given the credit blocks before it (one per table). */
export function lowerCredit(lw: Lowering, d: Ast.CreditDecl, prior: readonly IrCredit[]): IrCredit | undefined {
  const c = lowerCreditRules(lw, d);
  if (!c) return undefined;
  const first = prior.find((x) => x.table === c.table);
  if (!first) return c;
  lw.bag.error('N002', d.table.span, `table \`${c.table}\` already has credit rules`, { labels: [{ span: first.source.span, message: 'first here' }] });
  return undefined;
}

function lowerCreditRules(lw: Lowering, d: Ast.CreditDecl): IrCredit | undefined {
  const t = lw.tables.get(d.table.name);
  if (!t || t.schema.kind !== 'rows') {
    lw.bag.error('N004', d.table.span, t ? `credit applies to a transaction table; \`${d.table.name}\` has one row per payee` : `unknown table \`${d.table.name}\``, didYouMean(d.table.name, lw.tables.keys()));
    return undefined;
  }
  const scope: Scope = { level: 'const', row: { table: t } };
  const rules: CreditRule[] = [];
  for (const r of d.rules) {
    const rule = lowerCreditRule(lw, r, t, scope);
    if (rule) rules.push(rule);
  }
  checkShares(lw, d, rules);
  return { table: t.schema.name, rules, source: sourceOf(lw.source, d.span) };
}

function lowerCreditRule(lw: Lowering, r: Ast.CreditRule, t: TableInfo, scope: Scope): CreditRule | undefined {
  const { bag } = lw;
  const col = t.schema.columns.find((c) => c.name === r.to.name);
  if (!col || col.type !== 'payee') {
    bag.error(col ? 'T003' : 'N005', r.to.span, col ? `credit goes to a payee column; \`${r.to.name}\` is ${col.type}` : `table \`${t.schema.name}\` has no column \`${r.to.name}\``, didYouMean(r.to.name, t.schema.columns.filter((c) => c.type === 'payee').map((c) => c.name)));
    return undefined;
  }
  const when = r.when && condition(r.when, scope, lw.cx);
  if (r.when && !when) return undefined;
  if (col.optional && !r.when) bag.error('S014', r.to.span, `\`${r.to.name}\` is optional, so this rule needs a condition such as \`when ${r.to.name} is set\``);
  if (r.rest) return { to: col.name, rest: true, ...(when && { when }), source: sourceOf(lw.source, r.span) };
  const share = lowerExpr(r.share!, scope, lw.cx);
  if (!share) return undefined;
  if (share.unit !== 'ratio') {
    bag.error('T005', r.share!.span, `a credit share is a percentage such as 10%, but this is ${unitWords(share.unit)}`);
    return undefined;
  }
  return { to: col.name, rest: false, share, ...(when && { when }), source: sourceOf(lw.source, r.span) };
}

/** At most one `rest`; without one, shares that apply sometimes, or constant shares not summing to 100%, are errors. */
function checkShares(lw: Lowering, d: Ast.CreditDecl, rules: readonly CreditRule[]): void {
  const { bag } = lw;
  let constantTotal = new Dec(0);
  let allConstant = true;
  for (const r of rules) {
    if (r.rest) continue;
    if (r.share?.kind === 'num' && !r.when) constantTotal = constantTotal.plus(r.share.value);
    else allConstant = false;
  }
  const rests = rules.filter((r) => r.rest).length;
  if (rests > 1) bag.error('S014', d.span, 'only one credit rule can take the `rest`');
  if (rests === 0 && d.rules.some((r) => r.when)) {
    bag.error('S014', d.table.span, 'with a share that applies only sometimes (`when`), the shares cannot add up to 100% on every row', { hint: 'give the last rule `rest` to credit whatever is left' });
  }
  if (rests === 0 && allConstant && !constantTotal.eq(1)) {
    bag.error('S014', d.table.span, `the credit shares add up to ${constantTotal.mul(100).toFixed()}%, not 100%`, { hint: 'give the last rule `rest` to credit whatever is left' });
  }
  if (constantTotal.gt(1)) bag.error('S014', d.table.span, `the credit shares add up to ${constantTotal.mul(100).toFixed()}%, more than 100%`);
}
