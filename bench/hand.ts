/**
 * The benchmark plan (../shared/BENCH-PLAN.md) written by hand, the way a developer would write it
 * without payplan, as yardsticks for the compiled module: (c) decimal.js the obvious way, (d) exact
 * integer cents, (e) exact BigInt cents. Each returns payouts by "payee|period", as text with two
 * decimals. They handle exactly this plan and this data shape, and nothing else.
 */
import { Decimal } from 'decimal.js';
import type { DealRow, QuotaRow } from './generate.js';

const quarterOf = (date: string): number => Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
const keyOf = (rep: string, date: string): string => `${rep}|${date.slice(0, 4)}-Q${quarterOf(date)}`;
// (d) and (e) rely on the benchmark's shape: one year, four quarters, every rep with a quota row each quarter.

/** (c) decimal.js, written the obvious way. */
export function decimalPayouts(deals: readonly DealRow[], quotas: readonly QuotaRow[]): Map<string, string> {
  const zero = new Decimal(0);
  const Pp = new Decimal('120.00');
  const rp = new Decimal('0.20');
  const margin = new Map<string, Decimal>();
  const priceDifference = new Map<string, Decimal>();
  for (const d of deals) {
    const key = keyOf(d.rep, d.closed);
    const price = new Decimal(d.price);
    const cost = new Decimal(d.cost);
    margin.set(key, (margin.get(key) ?? zero).plus(price.minus(cost).times(d.qty)));
    if (price.gt(Pp)) priceDifference.set(key, (priceDifference.get(key) ?? zero).plus(rp.times(price.minus(Pp)).times(d.qty)));
  }
  const out = new Map<string, string>();
  for (const q of quotas) {
    const key = `${q.payee}|${q.period}`;
    const T = new Decimal(q.T);
    const B = margin.get(key) ?? zero;
    const T1 = T.times('0.6');
    const T2 = T.times('0.8');
    const T3 = T.times('1.2');
    let commission: Decimal;
    if (B.lt(T1)) commission = zero;
    else if (B.lt(T2)) commission = B.times('0.03');
    else if (B.lt(T)) commission = B.times('0.05');
    else commission = T.times('0.05').plus(B.minus(T).times('0.08'));
    const bonus = B.gte(T3) ? new Decimal(2000) : zero;
    const payout = commission.plus(bonus).plus(priceDifference.get(key) ?? zero);
    out.set(key, payout.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
  }
  return out;
}

/** "123.45" → 12345, digit by digit. The data always writes money with two decimals. */
function cents(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 46) n = n * 10 + (c - 48);
  }
  return n;
}
const centsText = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
/** "2026-05-17" → 2 (the quarter), from the month's digits. */
const quarterIndex = (date: string): number => (((date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48) - 1) / 3) | 0;

/**
 * (d) Exact integer cents, written for speed as a developer would: reps numbered once, totals in
 * typed arrays by rep and quarter, amounts in cents and rates applied in units of 1/10000 (3% of B
 * cents is 3·B of those), so nothing is ever fractional; the payout is rounded half-up once.
 */
export function centsPayouts(deals: readonly DealRow[], quotas: readonly QuotaRow[]): Map<string, string> {
  const repIndex = new Map<string, number>();
  for (const q of quotas) if (!repIndex.has(q.payee)) repIndex.set(q.payee, repIndex.size);
  const margin = new Float64Array(repIndex.size * 4); // cents
  const priceDifference = new Float64Array(repIndex.size * 4); // 1/10000
  for (const d of deals) {
    const slot = repIndex.get(d.rep)! * 4 + quarterIndex(d.closed);
    const price = cents(d.price);
    margin[slot] = margin[slot]! + d.qty * (price - cents(d.cost));
    if (price > 12_000) priceDifference[slot] = priceDifference[slot]! + 20 * (price - 12_000) * d.qty;
  }
  const out = new Map<string, string>();
  for (const q of quotas) {
    const slot = repIndex.get(q.payee)! * 4 + (q.period.charCodeAt(6) - 49);
    const T = cents(q.T);
    const B = margin[slot]!;
    // B < 60% of T  ⇔  100·B < 60·T, and so on: no fractions anywhere.
    let commission: number; // 1/10000
    if (100 * B < 60 * T) commission = 0;
    else if (100 * B < 80 * T) commission = 3 * B;
    else if (B < T) commission = 5 * B;
    else commission = 5 * T + 8 * (B - T);
    const bonus = 100 * B >= 120 * T ? 2000 * 10_000 : 0;
    const payout = commission + bonus + priceDifference[slot]!;
    out.set(`${q.payee}|${q.period}`, centsText(Math.floor((payout + 50) / 100)));
  }
  return out;
}

const bigCents = (s: string): bigint => BigInt(cents(s));

/** (e) Exact BigInt cents: (d) with BigInt arithmetic, which cannot overflow. */
export function bigintPayouts(deals: readonly DealRow[], quotas: readonly QuotaRow[]): Map<string, string> {
  const repIndex = new Map<string, number>();
  for (const q of quotas) if (!repIndex.has(q.payee)) repIndex.set(q.payee, repIndex.size);
  const margin: bigint[] = new Array<bigint>(repIndex.size * 4).fill(0n);
  const priceDifference: bigint[] = new Array<bigint>(repIndex.size * 4).fill(0n);
  for (const d of deals) {
    const slot = repIndex.get(d.rep)! * 4 + quarterIndex(d.closed);
    const price = bigCents(d.price);
    const qty = BigInt(d.qty);
    margin[slot] = margin[slot]! + qty * (price - bigCents(d.cost));
    if (price > 12_000n) priceDifference[slot] = priceDifference[slot]! + 20n * (price - 12_000n) * qty;
  }
  const out = new Map<string, string>();
  for (const q of quotas) {
    const slot = repIndex.get(q.payee)! * 4 + (q.period.charCodeAt(6) - 49);
    const T = bigCents(q.T);
    const B = margin[slot]!;
    let commission: bigint;
    if (100n * B < 60n * T) commission = 0n;
    else if (100n * B < 80n * T) commission = 3n * B;
    else if (B < T) commission = 5n * B;
    else commission = 5n * T + 8n * (B - T);
    const bonus = 100n * B >= 120n * T ? 20_000_000n : 0n;
    const payout = (commission + bonus + priceDifference[slot]! + 50n) / 100n;
    out.set(`${q.payee}|${q.period}`, `${payout / 100n}.${String(payout % 100n).padStart(2, '0')}`);
  }
  return out;
}
