/**
 * The benchmark's data (../shared/BENCH-PLAN.md), deterministic: a seeded generator (never
 * Math.random), so every run and every machine sees the same deals. Each rep's quarter is aimed at
 * one outcome — below T1, in each band, at or above T3 — and about one in eight lands *exactly* on
 * T1, T2, T or T3, where inexact arithmetic pays the wrong band. Amounts are whole cents throughout.
 */

export interface DealRow {
  readonly id: string;
  readonly rep: string;
  readonly closed: string;
  readonly qty: number;
  /** Unit price and accepted unit cost, as text with two decimals ("123.45"), as a JSON API sends money. */
  readonly price: string;
  readonly cost: string;
}

export interface QuotaRow {
  readonly payee: string;
  readonly period: string;
  readonly T: string;
}

export interface BenchData {
  readonly deals: DealRow[];
  readonly quotas: QuotaRow[];
}

/** splitmix32: a small, fast, well-mixed seeded generator. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

export const cents = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

/** Where a rep's quarter is aimed: a band (by attainment range) or exactly a threshold (by factor). */
export const aims = [
  { weight: 12, low: 0.3, high: 0.58 },
  { weight: 14, low: 0.61, high: 0.79 },
  { weight: 14, low: 0.81, high: 0.99 },
  { weight: 14, low: 1.01, high: 1.19 },
  { weight: 16, low: 1.21, high: 1.6 },
  { weight: 3, exact: 60 },
  { weight: 3, exact: 80 },
  { weight: 3, exact: 100 },
  { weight: 3, exact: 120 },
] as const;
export const totalWeight = aims.reduce((s, a) => s + a.weight, 0);

export function generate(deals = 1_000_000, reps = 2_000, seed = 2026): BenchData {
  const rand = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const out: DealRow[] = new Array<DealRow>(deals);
  const quotas: QuotaRow[] = [];
  const groups = reps * 4;
  let n = 0;
  for (let g = 0; g < groups; g++) {
    const rep = `r${String(Math.floor(g / 4) + 1).padStart(4, '0')}`;
    const quarter = (g % 4) + 1;
    const count = Math.floor(deals / groups) + (g < deals % groups ? 1 : 0);
    // All deals but the last are random; the last one steers the margin to the aim.
    let margin = 0; // cents
    const deal = (qty: number, price: number, cost: number) => {
      const month = (quarter - 1) * 3 + int(1, 3);
      out[n] = { id: `D${String(n + 1).padStart(7, '0')}`, rep, closed: `2026-${String(month).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`, qty, price: cents(price), cost: cents(cost) };
      n++;
    };
    for (let i = 0; i < count - 1; i++) {
      const qty = int(1, 40);
      const price = int(6_000, 18_000); // 60.00 – 180.00: about one deal in two above Pp = 120.00
      const cost = Math.floor(price * (0.3 + rand() * 0.55));
      margin += qty * (price - cost);
      deal(qty, price, cost);
    }
    let pick = rand() * totalWeight;
    const aim = aims.find((a) => (pick -= a.weight) < 0) ?? aims[0];
    let target: number; // cents
    if ('exact' in aim) {
      // T a multiple of 0.05, so 60%, 80% and 120% of it are whole cents and the margin can equal them.
      const last = int(500, 900_000);
      target = Math.ceil(((margin + last) * 100) / aim.exact / 5) * 5;
      const want = (target * aim.exact) / 100;
      if (count > 0) {
        const cost = int(1_000, 5_000);
        deal(1, cost + (want - margin), cost);
      }
    } else {
      if (count > 0) {
        const qty = int(1, 40);
        const price = int(6_000, 18_000);
        const cost = Math.floor(price * (0.3 + rand() * 0.55));
        margin += qty * (price - cost);
        deal(qty, price, cost);
      }
      const attainment = aim.low + rand() * (aim.high - aim.low);
      target = Math.max(100, Math.round(margin / attainment));
    }
    quotas.push({ payee: rep, period: `2026-Q${quarter}`, T: cents(target) });
  }
  // An export lists deals as they closed, not by rep: shuffle, so no reader gains from runs of one rep.
  const list = out.slice(0, n);
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = list[i]!;
    list[i] = list[j]!;
    list[j] = t;
  }
  // Through JSON, as an application receives them: flat strings, not the ropes string building leaves.
  return JSON.parse(JSON.stringify({ deals: list, quotas })) as BenchData;
}

/** The deals as CSV text, as a payroll export would ship them. */
export function dealsCsv(deals: readonly DealRow[]): string {
  const lines = ['id,rep,closed,qty,price,cost'];
  for (const d of deals) lines.push(`${d.id},${d.rep},${d.closed},${d.qty},${d.price},${d.cost}`);
  return lines.join('\n') + '\n';
}

export function quotasCsv(quotas: readonly QuotaRow[]): string {
  return ['payee,period,T', ...quotas.map((q) => `${q.payee},${q.period},${q.T}`)].join('\n') + '\n';
}
