/**
 * Commissions: `commission on revenue pay 5%` (flat) and tiered ones, `whole` or `marginal`, whose
 * bands run from `below X` (or a first lower bound) up to an open-ended `from Y` with no gap or
 * overlap, each paying a rate or an amount of money.
 */
import { Dec } from '@payplan/runtime';
import type { Ast } from '@payplan/syntax';
import type { IrBand, IrComponent, IrExpr, IrSource } from '../ir.js';
import { lowerExpr } from '../lower-expr.js';
import { unitWords } from '../units.js';
import { reported } from './bonuses.js';
import { bound, claimRuleName, orderCheck, sourceOf, type Lowering } from './context.js';

export function lowerCommission(lw: Lowering, d: Ast.CommissionDecl): IrComponent | undefined {
  const name = claimRuleName(lw, d, 'commission');
  const { bag, source } = lw;
  const base = lowerExpr(d.on, { level: 'payee' }, lw.cx);
  if (!base) return undefined;
  if (base.unit !== 'money') {
    bag.error('T003', d.on.span, `a commission is paid on money, but \`${source.slice(d.on.span)}\` is ${unitWords(base.unit)}`);
    return undefined;
  }
  const header = sourceOf(source, { start: d.span.start, end: d.bands[0]?.span.start ?? d.span.end });
  const common = { kind: 'commission', name, base, baseName: source.slice(d.on.span), ...reported(d) } as const;
  if (d.pay) {
    const band = lowerBand(lw, d.pay, undefined, undefined, sourceOf(source, d.span));
    return band && { ...common, mode: 'flat', bands: [band], uses: [...lw.uses], source: header };
  }
  if (!d.mode) {
    bag.error('S004', d.on.span, 'say whether each band\'s rate applies to the whole base (`whole`) or only to the part inside the band (`marginal`)', {
      hint: `write \`commission on ${source.slice(d.on.span)} whole\` or \`… marginal\``,
    });
  }
  if (!d.bands.length) {
    bag.error('S003', d.span, 'a tiered commission needs bands below its header, such as `below T1 pay 0` and `from T1 pay 5%`');
    return undefined;
  }
  checkBandsJoin(lw, d.bands);
  const bands: IrBand[] = [];
  for (const b of d.bands) {
    const lower = b.range.kind === 'Below' ? undefined : bound(lw, b.range.lower, base.unit);
    const upper = b.range.kind === 'From' ? undefined : bound(lw, b.range.upper, base.unit);
    if (lower && upper) orderCheck(lw, lower, upper, '<', upper.span, 'band');
    const band = lowerBand(lw, b.pay, lower, upper, sourceOf(source, b.span));
    if (band) bands.push(band);
  }
  if (bands.length !== d.bands.length || !d.mode) return undefined;
  return { ...common, mode: d.mode.value, bands, uses: [...lw.uses], source: header };
}

/** A band's pay: a rate, or an amount of money (a small bare number is probably a rate: S016). */
function lowerBand(lw: Lowering, pay: Ast.Expr, lower: IrExpr | undefined, upper: IrExpr | undefined, src: IrSource): IrBand | undefined {
  const p = lowerExpr(pay, { level: 'payee', band: true }, lw.cx);
  if (!p) return undefined;
  const payIsRate = p.unit === 'ratio';
  if (p.kind === 'num' && p.unit === 'number' && new Dec(p.value).abs().lt(1) && !new Dec(p.value).isZero()) {
    lw.bag.warning('S016', pay.span, `this band pays ${p.value} in money, not a rate`, { hint: `for a rate, write ${new Dec(p.value).mul(100).toFixed()}%` });
  }
  if (!payIsRate && p.unit !== 'money' && p.unit !== 'number') {
    lw.bag.error('T003', pay.span, `a band pays a rate such as 5% or an amount of money, but this is ${unitWords(p.unit)}`);
    return undefined;
  }
  return { ...(lower && { lower }), ...(upper && { upper }), pay: p, payIsRate, source: src };
}

/** Bands must run from `below X` (or a first lower bound) up to `from Y` with no gap or overlap. */
function checkBandsJoin(lw: Lowering, bands: readonly Ast.Band[]): void {
  const { bag } = lw;
  const text = (e: Ast.Expr) => lw.source.slice(e.span).replace(/\s+/g, ' ');
  bands.forEach((b, i) => {
    const r = b.range;
    if (r.kind === 'Below' && i !== 0) bag.error('S003', r.span, '`below` can only open the first band');
    if (r.kind === 'From' && i !== bands.length - 1) bag.error('S003', r.span, '`from` can only open the last band: it runs without an upper bound');
    if (i === 0) return;
    const prev = bands[i - 1]!.range;
    const prevUpper = prev.kind === 'From' ? undefined : prev.upper;
    const lower = r.kind === 'Below' ? undefined : r.lower;
    if (prevUpper && lower && text(prevUpper) !== text(lower)) {
      bag.error('S003', lower.span, `this band starts at \`${text(lower)}\` but the band before it ends at \`${text(prevUpper)}\`: bands must join with no gap or overlap`, {
        labels: [{ span: prevUpper.span, message: 'previous band ends here' }],
        hint: `start this band at \`${text(prevUpper)}\``,
      });
    }
  });
  const last = bands[bands.length - 1]!.range;
  if (last.kind !== 'From') bag.error('S003', last.span, `the last band must be open-ended, such as \`from ${last.kind === 'Between' ? text(last.upper) : 'T'} pay …\`, so every result falls in a band`);
}
