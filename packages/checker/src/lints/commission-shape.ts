/**
 * L003 and L004 for commissions: a tiered commission whose payout falls as its base rises (a cliff
 * at a boundary, a negative slope inside a band), and a band that can never change the payout
 * because the commission is already at its cap where the band starts.
 */
import { bandLabel, bandPayText, Dec, ZERO } from '@payplan/runtime';
import type { Label } from '@payplan/diagnostics';
import type { IrBand, IrCommission, IrLimit } from '../ir.js';
import type { Linear } from '../order.js';
import { form, type Cx } from './context.js';
import { amountText, coefficient, EXCESS, formText, isConstant, lconst, lvar, mentions, plus, POS, product, signOf, substitute, times, whenNegative } from './linear.js';

interface Tier {
  readonly band: IrBand;
  readonly lower?: Linear;
  readonly upper?: Linear;
}

/** A tiered commission's payout as linear forms: each band's bounds, and what it pays at a point. */
interface Payout {
  readonly c: IrCommission;
  readonly tiers: readonly Tier[];
  /** Whole amount: what the band pays in all with the base at `at`. */
  readonly wholePay: (t: Tier, at: Linear) => Linear | undefined;
  /** Marginal: what the band pays for the part `part` of it, the base being at `at`. */
  readonly marginalPay: (t: Tier, part: Linear, at: Linear) => Linear | undefined;
}

const intendedHint = 'if the drop is intended, end the band\'s line with `# cliff: intended`';
const label = (t: Tier) => `\`${bandLabel(t.band.source.text)}\``;

/**
 * Walks the payout of a tiered commission along its base. In a whole-amount tier, the payout just
 * below a boundary (the lower band's pay at the boundary) is compared with the payout at it (the
 * upper band's pay with no excess): when the difference can be negative, selling a little more
 * pays less — a cliff. Inside a band, the payout is followed from its lower bound (`base = lower +
 * pos`): a negative slope in `pos` means the payout falls as the base rises. Marginal tiers are
 * continuous for rates; only a negative rate, or an amount band that starts below zero, falls.
 * A cap on the commission's line makes a band that starts at or above the cap pointless (L004).
 */
export function commissionShape(cx: Cx, c: IrCommission): void {
  if (c.mode === 'flat') return;
  const m = payout(cx, c);
  m.tiers.forEach((t, i) => {
    fallsInside(cx, m, t);
    fallsAtLowerBound(cx, m, t, m.tiers[i - 1]);
  });
  for (const limit of cx.ir.limits) if (limit.bound === 'cap' && limit.target === c.name) bandsAboveCap(cx, m, limit);
}

function payout(cx: Cx, c: IrCommission): Payout {
  const base = form(cx, c.base);
  const baseVar = base && base.constant.isZero() && base.terms.size === 1 && [...base.terms.values()][0]!.eq(1) ? [...base.terms.keys()][0] : undefined;
  const tiers: Tier[] = c.bands.map((band) => {
    const lower = band.lower && form(cx, band.lower);
    const upper = band.upper && form(cx, band.upper);
    return { band, ...(lower && { lower }), ...(upper && { upper }) };
  });
  /** A band's pay (a rate or an amount) with the base at `at` and `excess` at `excess`. */
  const pay = (b: IrBand, at: Linear, excess: Linear): Linear | undefined => {
    let p = form(cx, b.pay);
    if (!p) return undefined;
    p = substitute(p, EXCESS, excess);
    if (baseVar) p = substitute(p, baseVar, at);
    else if (base && [...base.terms.keys()].some((v) => mentions(p!, v))) return undefined;
    return p;
  };
  const wholePay = (t: Tier, at: Linear): Linear | undefined => {
    const excess = t.lower ? plus(at, t.lower, -1) : at;
    const p = pay(t.band, at, excess);
    return p && (t.band.payIsRate ? product(p, at) : p);
  };
  const marginalPay = (t: Tier, part: Linear, at: Linear): Linear | undefined => {
    const p = pay(t.band, at, part);
    return p && (t.band.payIsRate ? product(p, part) : p);
  };
  return { c, tiers, wholePay, marginalPay };
}

/** The payout at `at` plus `pos` inside the band (whole), or for the part `pos` of it (marginal). */
function slopeForm(m: Payout, t: Tier): Linear | undefined {
  const inside = plus(t.lower ?? lconst(ZERO), lvar(POS));
  return m.c.mode === 'whole' ? m.wholePay(t, inside) : m.marginalPay(t, lvar(POS), inside);
}

/** Inside the band: a negative slope of the payout in the base. */
function fallsInside(cx: Cx, m: Payout, t: Tier): void {
  const { c } = m;
  const slope = slopeForm(m, t);
  if (!slope || !coefficient(slope, POS).lt(0)) return;
  cx.warn('L003', t.band.pay.span, `the payout falls as \`${c.baseName}\` rises within band ${label(t)}`, {
    owner: c.source.span,
    notes: [`every 1.00 more of \`${c.baseName}\` in this band pays ${amountText(coefficient(slope, POS).neg())} less`],
    hint: `a negative rate here means that the more is sold, the less is paid; ${intendedHint}`,
  });
}

/** At the band's lower bound: what is paid from it on, against what was paid just below it. */
function fallsAtLowerBound(cx: Cx, m: Payout, t: Tier, prev: Tier | undefined): void {
  const { c } = m;
  if (!t.lower || !t.band.lower) return;
  const after = c.mode === 'whole' ? m.wholePay(t, t.lower) : m.marginalPay(t, lconst(ZERO), t.lower);
  const before = c.mode === 'whole' ? (prev ? m.wholePay(prev, t.lower) : lconst(ZERO)) : lconst(ZERO);
  if (!after || !before) return;
  const change = plus(after, before, -1);
  const sign = signOf(change);
  if (sign === 'never-negative') return;
  const bound = cx.say(t.band.lower);
  const payWords = (x: Tier) => (x.band.payIsRate ? `${bandPayText(x.band.source.text)} of all of \`${c.baseName}\`` : bandPayText(x.band.source.text));
  const notes: string[] = [];
  if (isConstant(after) && isConstant(before)) notes.push(`at ${bound}: ${amountText(before.constant)} just below it, ${amountText(after.constant)} from it on`);
  else if (sign === 'always-negative') notes.push(`at \`${bound}\` the payout drops by ${formText(times(change, new Dec(-1)))}`);
  if (sign === 'either') notes.push(`it falls ${whenNegative(change)}`);
  const labels: Label[] = prev && c.mode === 'whole' ? [{ span: prev.band.pay.span, message: `just below \`${bound}\`, pays ${payWords(prev)}` }] : [];
  cx.warn('L003', t.band.lower.span, `the payout ${sign === 'either' ? 'can fall' : 'falls'} as \`${c.baseName}\` rises past \`${bound}\``, {
    owner: c.source.span,
    labels: [...labels, { span: t.band.pay.span, message: `from \`${bound}\` on, pays ${payWords(t)}` }],
    notes,
    hint:
      c.mode === 'whole' && prev?.band.payIsRate && t.band.payIsRate
        ? `in a whole-amount tier the rate applies to all of \`${c.baseName}\`, so a lower rate above a boundary pays less in all; raise it, or make the tier \`marginal\`; ${intendedHint}`
        : intendedHint,
  });
}

/** L004: a band that starts at or above the commission's cap always pays the cap. */
function bandsAboveCap(cx: Cx, m: Payout, limit: IrLimit): void {
  const { c } = m;
  const cap = form(cx, limit.value);
  if (!cap) return;
  let reached = lconst(ZERO); // marginal: what the bands below have paid in full
  for (const [i, t] of m.tiers.entries()) {
    if ((t.band.lower && !t.lower) || (t.band.upper && !t.upper)) break; // a bound that is not linear
    const start = t.lower ?? lconst(ZERO);
    const startPay = c.mode === 'whole' ? m.wholePay(t, start) : m.marginalPay(t, lconst(ZERO), start);
    const slope = slopeForm(m, t);
    if (i > 0 && t.lower && t.band.lower && startPay && slope && coefficient(slope, POS).gte(0) && signOf(plus(plus(reached, startPay), cap, -1)) === 'never-negative') {
      cx.warn('L004', { start: t.band.source.span.start, end: t.band.pay.span.end }, `band ${label(t)} can never change the payout: from \`${cx.say(t.band.lower)}\` on, \`${c.name}\` is already at its cap`, {
        owner: c.source.span,
        labels: [{ span: { start: limit.source.span.start, end: limit.value.span.end }, message: 'the cap' }],
        notes: ['whatever this band pays, the payee gets the cap'],
        hint: 'raise the cap, or drop the bands above it; if it is meant, end the band\'s line with `# unreachable: intended`',
      });
      return;
    }
    if (c.mode === 'marginal') {
      const part = t.upper ? plus(t.upper, start, -1) : undefined;
      const full = part && m.marginalPay(t, part, t.upper!);
      if (!full) return;
      reached = plus(reached, full);
    }
  }
}
