/**
 * Caps, floors and ladders: `cap commission at 5,000` (a limit on a statement line, or on the whole
 * `payout`, lowered once every line is known) and `ladder P1 < P2 < P3` (values of one unit that
 * must be in order; an order that can never hold is an error).
 */
import type { Ast } from '@payplan/syntax';
import type { IrExpr, IrLadder, IrLimit, Unit } from '../ir.js';
import { lowerExpr } from '../lower-expr.js';
import { didYouMean } from '../suggest.js';
import { unify, unitWords } from '../units.js';
import { amount, orderCheck, sourceOf, type Lowering } from './context.js';

export function lowerCap(lw: Lowering, d: Ast.CapDecl): IrLimit | undefined {
  const target = d.target.name;
  if (target !== 'payout' && !lw.componentNames.has(target)) {
    lw.bag.error('S013', d.target.span, `there is no line \`${target}\` to ${d.bound}; write the name of a commission, bonus or rule, or \`payout\``, {
      ...didYouMean(target, [...lw.componentNames.keys(), 'payout']),
    });
    return undefined;
  }
  const value = amount(lw, d.value, { level: 'payee' });
  return value && { bound: d.bound, target, value, uses: [...lw.uses], source: sourceOf(lw.source, d.span) };
}

export function lowerLadder(lw: Lowering, d: Ast.LadderDecl): IrLadder | undefined {
  const items = d.items.map((i) => lowerExpr(i, { level: 'payee' }, lw.cx));
  if (items.some((i) => !i)) return undefined;
  const ok = items as IrExpr[];
  const u = ok.reduce<Unit | undefined>((acc, i) => (acc ? unify(acc, i.unit) : undefined), ok[0]!.unit);
  if (!u) {
    lw.bag.error('T004', d.span, 'a ladder compares values of one unit, such as prices or targets', { labels: ok.map((i) => ({ span: i.span, message: unitWords(i.unit) })) });
    return undefined;
  }
  ok.forEach((item, i) => {
    const next = ok[i + 1];
    if (next) orderCheck(lw, item, next, d.ops[i]!, next.span, 'ladder');
  });
  return { items: ok, texts: d.items.map((i) => lw.source.slice(i.span)), ops: d.ops, source: sourceOf(lw.source, d.span) };
}
