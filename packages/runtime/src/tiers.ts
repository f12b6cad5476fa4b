/**
 * Tiered commission, the heart of most plans, implemented once for every back end.
 * Whole-amount: find the band the base falls in (bands include their lower bound) and pay its rate
 * on the whole base, or its amount. Marginal: every band the base reaches pays its rate on the part
 * of the base inside it (like income tax); marginal bands start at zero.
 */
import { Dec, ZERO } from './decimal.js';
import { moneyText, percentText, valueText, type ValueUnit } from './format.js';

export interface BandInput {
  readonly lower?: Dec;
  readonly upper?: Dec;
  /** `above X`: X itself is not in the band (it is in the band before). */
  readonly lowerOpen?: boolean;
  /** `up to X`: X itself is in the band. */
  readonly upperClosed?: boolean;
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

/**
 * What the bands are on when it is not the money the rate is paid on: a percentage such as
 * attainment, a count, or (`on margin by markup`) another measure whose band picks the rate.
 */
export interface Measure {
  readonly value: Dec;
  readonly name: string;
  readonly unit: ValueUnit;
}

/** Whether a value is in a band, each end closed or open as the band says. */
export function inBand(v: Dec, b: { readonly lower?: Dec; readonly upper?: Dec; readonly lowerOpen?: boolean; readonly upperClosed?: boolean }): boolean {
  if (b.lower && (b.lowerOpen ? v.lte(b.lower) : v.lt(b.lower))) return false;
  return !b.upper || (b.upperClosed ? v.lte(b.upper) : v.lt(b.upper));
}

/** `10000.00 < revenue 10000.01 ≤ 50000.00`: where a value stands in a band, as the explanation says it. */
function rangeText(b: BandInput, m: Measure, text: (d: Dec) => string): string {
  const lower = b.lower ? `${text(b.lower)} ${b.lowerOpen ? '<' : '≤'} ` : '';
  const upper = b.upper ? ` ${b.upperClosed ? '≤' : '<'} ${text(b.upper)}` : '';
  return `${lower}${m.name} ${text(m.value)}${upper}`;
}

const textIn = (unit: ValueUnit) => (unit === 'money' ? moneyText : (d: Dec) => valueText(d, unit));

/**
 * Whole amount: the band the measure falls in pays its rate on the whole base, or its amount. The
 * measure is the base itself unless the bands are on another one (`measure`).
 */
export function wholeAmount(base: Dec, bands: readonly BandInput[], baseName: string, measure?: Measure): TierResult {
  checkOrder(bands);
  const m = measure ?? { value: base, name: baseName, unit: 'money' };
  const text = textIn(m.unit);
  for (const b of bands) {
    if (!inBand(m.value, b)) continue;
    const excess = b.lower ? m.value.minus(b.lower) : m.value;
    const range = rangeText(b, m, text);
    if (b.payIsRate) {
      const rate = b.pay(excess);
      const amount = rate.mul(base);
      return { amount, detail: `band ${b.label} (${range}): ${percentText(rate)} of ${measure ? `${baseName} ` : ''}${moneyText(base)} = ${moneyText(amount)}`, bands: [b.label] };
    }
    const amount = b.pay(excess);
    return { amount, detail: `band ${b.label} (${range}): ${b.payText} = ${moneyText(amount)}${b.lower ? ` (excess ${text(excess)})` : ''}`, bands: [b.label] };
  }
  // The checker guarantees an open-ended last band, so only a base below a first `from` lands here.
  return { amount: ZERO, detail: `${m.name} ${text(m.value)} is in no band: pays 0.00`, bands: [] };
}

/** Marginal: every band the base reaches pays its rate on the part inside it; `unit` is the base's (money unless said). */
export function marginal(base: Dec, bands: readonly BandInput[], baseName: string, unit: ValueUnit = 'money'): TierResult {
  checkOrder(bands);
  const text = textIn(unit);
  let amount = ZERO;
  const parts: string[] = [];
  const reached: string[] = [];
  for (const b of bands) {
    const lower = b.lower ?? ZERO;
    const top = b.upper && base.gt(b.upper) ? b.upper : base;
    const part = Dec.max(ZERO, top.minus(lower));
    // A rate pays on the part inside the band; a fixed amount pays once the band is reached.
    if (b.payIsRate ? part.isZero() : (b.lowerOpen ? base.lte(lower) : base.lt(lower)) || (b.lower === undefined && base.lte(ZERO))) continue;
    if (b.payIsRate) {
      const rate = b.pay(part);
      const paid = rate.mul(part);
      amount = amount.plus(paid);
      parts.push(`${b.label}: ${percentText(rate)} of ${text(part)} = ${moneyText(paid)}`);
      reached.push(b.label);
    } else {
      const paid = b.pay(part);
      amount = amount.plus(paid);
      parts.push(`${b.label}: ${b.payText} = ${moneyText(paid)}`);
      reached.push(b.label);
    }
  }
  const detail = parts.length ? `${baseName} ${text(base)}: ${parts.join('; ')}; total ${moneyText(amount)}` : `${baseName} ${text(base)}: no band reached, pays 0.00`;
  return { amount, detail, bands: reached };
}

/** The amount of tiered bands on one row's value (a per-row tiered rule): both back ends call this. */
export function tierAmount(mode: 'whole' | 'marginal', base: Dec, bands: readonly BandInput[], measure?: Dec): Dec {
  return mode === 'whole' ? wholeAmount(base, bands, '', measure && { value: measure, name: '', unit: 'decimal' }).amount : marginal(base, bands, '').amount;
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
