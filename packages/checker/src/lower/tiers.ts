/**
 * Tiered bands, as a commission and a per-row tiered rule write them: `[by MEASURE] whole|marginal`
 * and bands from `below X` / `up to X` (or a first lower bound) to an open-ended `from Y` / `above Y`
 * that join with no gap or overlap (S003), each end closed or open as written. The bands are on the
 * base, of any numeric unit, or with `by` on another measure whose band picks the rate paid on the
 * base (whole only: S023). Bands on something other than money pay amounts, not rates (T003).
 */
import { Dec } from '@payplan/runtime';
import type { Span } from '@payplan/diagnostics';
import type { Ast } from '@payplan/syntax';
import type { IrBand, IrExpr, IrMeasure, IrSource, IrTiers, Unit } from '../ir.js';
import { lowerExpr, type Scope } from '../lower-expr.js';
import { numeric, unitWords } from '../units.js';
import { bound, orderCheck, sourceOf, type Lowering } from './context.js';

/** The base (and measure) of a tiered rule, checked: bands measure money, or any number with amounts to pay. */
export function lowerTierBase(lw: Lowering, on: Ast.Expr, by: Ast.Expr | undefined, scope: Scope, what: string): { base: IrExpr; by?: IrMeasure } | undefined {
  const base = lowerExpr(on, scope, lw.cx);
  const measure = by && lowerExpr(by, scope, lw.cx);
  if (!base || (by && !measure)) return undefined;
  if (by ? base.unit !== 'money' : !numeric.has(base.unit) || base.unit === 'number') {
    lw.bag.error('T003', on.span, by ? `the rate the bands pick is paid on money, but \`${lw.source.slice(on.span)}\` is ${unitWords(base.unit)}` : `${what} has bands on money, a percentage, a count or a number, but \`${lw.source.slice(on.span)}\` is ${unitWords(base.unit)}`);
    return undefined;
  }
  if (measure && (!numeric.has(measure.unit) || measure.unit === 'number')) {
    lw.bag.error('T003', by!.span, `bands are on money, a percentage, a count or a number, but \`${lw.source.slice(by!.span)}\` is ${unitWords(measure.unit)}`);
    return undefined;
  }
  return { base, ...(measure && { by: { measure, name: lw.source.slice(by!.span).replace(/\s+/g, ' ') } }) };
}

/** The mode and bands of a tiered rule whose base is checked; `header` is where S004 and S023 point. */
export function lowerTiers(lw: Lowering, t: Ast.Tiers, on: Ast.Expr, base: { base: IrExpr; by?: IrMeasure }, scope: Scope, header: { span: Span; words: string }): IrTiers | undefined {
  const { bag, source } = lw;
  if (!t.mode) {
    bag.error('S004', on.span, 'say whether each band\'s rate applies to the whole base (`whole`) or only to the part inside the band (`marginal`)', {
      hint: `write \`${header.words} on ${source.slice(on.span)}${t.by ? ` by ${source.slice(t.by.span)}` : ''} whole\` or \`… marginal\``,
    });
  }
  if (t.by && t.mode?.value === 'marginal') {
    bag.error('S023', t.mode.span, `bands on \`${source.slice(t.by.span)}\` pick one rate to pay on \`${source.slice(on.span)}\`: that is a whole-amount rule, there is no part of \`${source.slice(on.span)}\` inside a band of \`${source.slice(t.by.span)}\``, {
      hint: 'write `whole`; for marginal bands, put the bands on the base itself (without `by`)',
    });
  }
  if (!t.bands.length) {
    bag.error('S003', header.span, 'a tiered rule needs bands below its header, such as `below T1 pay 0` and `from T1 pay 5%`');
    return undefined;
  }
  checkBandsJoin(lw, t.bands);
  const measure = base.by?.measure ?? base.base;
  const bands: IrBand[] = [];
  for (const b of t.bands) {
    const r = b.range;
    const lower = r.kind === 'Below' ? undefined : bound(lw, r.lower, measure.unit);
    const upper = r.kind === 'From' ? undefined : bound(lw, r.upper, measure.unit);
    if (lower && upper) orderCheck(lw, lower, upper, '<', upper.span, 'band');
    const band = lowerBand(lw, b.pay, { lower, upper, ...(r.lowerOpen && { lowerOpen: true }), ...(r.upperClosed && { upperClosed: true }) }, sourceOf(source, b.span), scope, measure.unit, !!base.by);
    if (band) bands.push(band);
  }
  if (bands.length !== t.bands.length || !t.mode || (t.by && t.mode.value === 'marginal')) return undefined;
  return { mode: t.mode.value, base: base.base, baseName: source.slice(on.span), ...(base.by && { by: base.by }), bands };
}

type Ends = { lower: IrExpr | undefined; upper: IrExpr | undefined; lowerOpen?: boolean; upperClosed?: boolean };

/**
 * A band's pay: a rate, or an amount of money (a small bare number is probably a rate: S016). A rate
 * applies to money only: bands on a percentage or a count, without `by`, pay amounts.
 */
export function lowerBand(lw: Lowering, pay: Ast.Expr, ends: Ends, src: IrSource, scope: Scope, measureUnit: Unit, rateOnBase: boolean): IrBand | undefined {
  const p = lowerExpr(pay, { ...scope, band: true, excessUnit: measureUnit }, lw.cx);
  if (!p) return undefined;
  const payIsRate = p.unit === 'ratio';
  if (p.kind === 'num' && p.unit === 'number' && new Dec(p.value).abs().lt(1) && !new Dec(p.value).isZero()) {
    lw.bag.warning('S016', pay.span, `this band pays ${p.value} in money, not a rate`, { hint: `for a rate, write ${new Dec(p.value).mul(100).toFixed()}%` });
  }
  if (!payIsRate && p.unit !== 'money' && p.unit !== 'number') {
    lw.bag.error('T003', pay.span, `a band pays a rate such as 5% or an amount of money, but this is ${unitWords(p.unit)}`);
    return undefined;
  }
  if (payIsRate && measureUnit !== 'money' && !rateOnBase) {
    lw.bag.error('T003', pay.span, `these bands are on ${unitWords(measureUnit)}, so a rate here would be a rate of ${unitWords(measureUnit)}, not an amount`, {
      hint: 'pay an amount, such as `excess of target_incentive`, or put the bands on another measure of a money base: `on revenue by attainment whole`',
    });
    return undefined;
  }
  const { lower, upper, lowerOpen, upperClosed } = ends;
  return { ...(lower && { lower }), ...(upper && { upper }), ...(lowerOpen && { lowerOpen }), ...(upperClosed && { upperClosed }), pay: p, payIsRate, source: src };
}

/** `X` with its end: closed (`from X`, `up to X`: X is in the band) or open (`above X`, `below X`). */
const endWords = (closed: boolean, lowerEnd: boolean) => (lowerEnd ? (closed ? 'from' : 'above') : closed ? 'up to' : 'below');

/**
 * Bands run from the first (`below`/`up to` or a lower bound) to an open-ended last (`from`/`above`);
 * each starts where the one before ends, written the same way, with the other kind of end, so a
 * value exactly on the bound is in exactly one band.
 */
export function checkBandsJoin(lw: Lowering, bands: readonly Ast.Band[]): void {
  const { bag } = lw;
  const text = (e: Ast.Expr) => lw.source.slice(e.span).replace(/\s+/g, ' ');
  bands.forEach((b, i) => {
    const r = b.range;
    if (r.kind === 'Below' && i !== 0) bag.error('S003', r.span, `\`${endWords(!!r.upperClosed, false)}\` can only open the first band`);
    if (r.kind === 'From' && i !== bands.length - 1) bag.error('S003', r.span, `\`${endWords(!r.lowerOpen, true)}\` can only open the last band: it runs without an upper bound`);
    if (i === 0) return;
    const prev = bands[i - 1]!.range;
    const prevUpper = prev.kind === 'From' ? undefined : prev.upper;
    const lower = r.kind === 'Below' ? undefined : r.lower;
    if (!prevUpper || !lower) return;
    if (text(prevUpper) !== text(lower)) {
      bag.error('S003', lower.span, `this band starts at \`${text(lower)}\` but the band before it ends at \`${text(prevUpper)}\`: bands must join with no gap or overlap`, {
        labels: [{ span: prevUpper.span, message: 'previous band ends here' }],
        ...gapHint(text(prevUpper), text(lower), !!prev.upperClosed),
      });
    } else if (!!prev.upperClosed === !!r.lowerOpen) {
      return;
    } else {
      const both = !!prev.upperClosed;
      bag.error('S003', r.span, both ? `\`${text(lower)}\` is in this band and in the band before it, which runs \`up to\` it: a value exactly on the bound would be in two bands` : `a value of exactly \`${text(lower)}\` is in no band: the band before runs \`below\` it and this one starts \`above\` it`, {
        labels: [{ span: prev.span, message: 'previous band' }],
        hint: both ? `start this band \`above ${text(lower)}\`` : `start this band \`from ${text(lower)}\`, or end the one before \`up to ${text(lower)}\``,
      });
    }
  });
  const last = bands[bands.length - 1]!.range;
  if (last.kind !== 'From') bag.error('S003', last.span, `the last band must be open-ended, such as \`from ${last.kind === 'Between' ? text(last.upper) : 'T'} pay …\`, so every result falls in a band`);
}

/**
 * Sources write "up to 10,000: 2%; 10,000.01 to 50,000: 3%" in whole cents; read literally, a base of
 * 10,000.005 would be in no band. Say so, and how to write what the source means.
 */
function gapHint(prevUpper: string, lower: string, prevClosed: boolean): { hint: string; notes?: string[] } {
  const a = decimal(prevUpper);
  const b = decimal(lower);
  if (!a || !b) return { hint: `start this band at \`${prevUpper}\`` };
  if (b.lt(a)) return { hint: `start this band at \`${prevUpper}\`: values from ${lower} to ${prevUpper} would be in two bands` };
  const between = a.plus(b).div(2).toFixed();
  return {
    hint: `a source that writes "${prevUpper}${prevClosed ? ' or less' : ''}" then "${lower} to …" means every value above ${prevUpper}: write \`above ${prevUpper}\`${prevClosed ? '' : ` and end the band before \`up to ${prevUpper}\``}`,
    notes: [`a value such as ${between} is above ${prevUpper} and below ${lower}: as written it is in no band`],
  };
}

function decimal(text: string): Dec | undefined {
  const t = text.replace(/,/g, '').replace(/\s+[A-Z]{3}$/, '');
  const pct = t.endsWith('%');
  try {
    const d = new Dec(pct ? t.slice(0, -1) : t);
    return pct ? d.div(100) : d;
  } catch {
    return undefined;
  }
}
