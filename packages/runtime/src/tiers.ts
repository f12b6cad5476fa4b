/**
 * Tiered commission, the heart of most plans, implemented once for every back end.
 * Whole-amount: find the band the base falls in (bands include their lower bound) and pay its rate
 * on the whole base, or its amount. Marginal: every band the base reaches pays its rate on the part
 * of the base inside it (like income tax); marginal bands start at zero.
 */
import { Dec, ZERO } from './decimal.js';
import { moneyText, percentText } from './format.js';

export interface BandInput {
  readonly lower?: Dec;
  readonly upper?: Dec;
  /** The band as written, e.g. `T1 .. T2`. */
  readonly label: string;
  /** What the band pays as written, e.g. `5% of T + 8% of excess`. */
  readonly payText: string;
  readonly payIsRate: boolean;
  /** The band's pay, given `excess` (the part of the base above the band's lower bound, or inside it when marginal). */
  pay(excess: Dec): Dec;
}

export interface TierResult {
  readonly amount: Dec;
  readonly detail: string;
  /** The labels of the bands that paid. */
  readonly bands: readonly string[];
}

export class TierOrderError extends Error {
  constructor(readonly bandLabel: string, readonly lower: Dec, readonly upper: Dec) {
    super(`band ${bandLabel} runs from ${moneyText(lower)} down to ${moneyText(upper)}`);
  }
}

/** Checks that band bounds rise; they are often per-payee values, so this can only happen at run time. */
function checkOrder(bands: readonly BandInput[]): void {
  let prev: Dec | undefined;
  for (const b of bands) {
    if (b.lower && b.upper && b.lower.gt(b.upper)) throw new TierOrderError(b.label, b.lower, b.upper);
    if (prev && b.lower && b.lower.lt(prev)) throw new TierOrderError(b.label, prev, b.lower);
    prev = b.upper ?? b.lower ?? prev;
  }
}

export function wholeAmount(base: Dec, bands: readonly BandInput[], baseName: string): TierResult {
  checkOrder(bands);
  for (const b of bands) {
    if (b.lower && base.lt(b.lower)) continue;
    if (b.upper && base.gte(b.upper)) continue;
    const excess = b.lower ? base.minus(b.lower) : base;
    const range = `${b.lower ? `${moneyText(b.lower)} ≤ ` : ''}${baseName} ${moneyText(base)}${b.upper ? ` < ${moneyText(b.upper)}` : ''}`;
    if (b.payIsRate) {
      const rate = b.pay(excess);
      const amount = rate.mul(base);
      return { amount, detail: `band ${b.label} (${range}): ${percentText(rate)} of ${moneyText(base)} = ${moneyText(amount)}`, bands: [b.label] };
    }
    const amount = b.pay(excess);
    return { amount, detail: `band ${b.label} (${range}): ${b.payText} = ${moneyText(amount)}${b.lower ? ` (excess ${moneyText(excess)})` : ''}`, bands: [b.label] };
  }
  // The checker guarantees an open-ended last band, so only a base below a first `from` lands here.
  return { amount: ZERO, detail: `${baseName} ${moneyText(base)} is in no band: pays 0.00`, bands: [] };
}

export function marginal(base: Dec, bands: readonly BandInput[], baseName: string): TierResult {
  checkOrder(bands);
  let amount = ZERO;
  const parts: string[] = [];
  const reached: string[] = [];
  for (const b of bands) {
    const lower = b.lower ?? ZERO;
    const top = b.upper && base.gt(b.upper) ? b.upper : base;
    const part = Dec.max(ZERO, top.minus(lower));
    // A rate pays on the part inside the band; a fixed amount pays once the band is reached.
    if (b.payIsRate ? part.isZero() : base.lt(lower) || (b.lower === undefined && base.lte(ZERO))) continue;
    if (b.payIsRate) {
      const rate = b.pay(part);
      const paid = rate.mul(part);
      amount = amount.plus(paid);
      parts.push(`${b.label}: ${percentText(rate)} of ${moneyText(part)} = ${moneyText(paid)}`);
      reached.push(b.label);
    } else {
      const paid = b.pay(part);
      amount = amount.plus(paid);
      parts.push(`${b.label}: ${b.payText} = ${moneyText(paid)}`);
      reached.push(b.label);
    }
  }
  const detail = parts.length ? `${baseName} ${moneyText(base)}: ${parts.join('; ')}; total ${moneyText(amount)}` : `${baseName} ${moneyText(base)}: no band reached, pays 0.00`;
  return { amount, detail, bands: reached };
}

export function flat(base: Dec, band: BandInput, baseName: string): TierResult {
  if (band.payIsRate) {
    const rate = band.pay(base);
    const amount = rate.mul(base);
    return { amount, detail: `${percentText(rate)} of ${baseName} ${moneyText(base)} = ${moneyText(amount)}`, bands: [] };
  }
  const amount = band.pay(base);
  return { amount, detail: `${band.payText} = ${moneyText(amount)}`, bands: [] };
}
