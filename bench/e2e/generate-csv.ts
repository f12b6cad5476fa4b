/**
 * The benchmark's data (bench/generate.ts) written straight to CSV files, for sizes whose rows would
 * not fit in memory as objects (10,000,000 deals): the same seeded generator, drawing its random
 * numbers in the same order, so a size gives the same deals as `generate()` (checked for small sizes
 * by `pnpm bench:e2e --verify-data`), but kept in typed arrays and shuffled as an index permutation.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { aims, cents, rng, totalWeight } from '../generate.js';


/** Writes `deals.csv` and `quotas.csv` for `deals` deals and `reps` reps into `dir` (each through a temporary name, so a cut-off run leaves no half file). */
export function writeBenchCsv(dir: string, deals: number, reps = 2_000, seed = 2026): void {
  const rand = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const qty = new Int32Array(deals);
  const price = new Int32Array(deals);
  const cost = new Int32Array(deals);
  const month = new Uint8Array(deals);
  const day = new Uint8Array(deals);
  const group = new Int32Array(deals);
  const quotas: string[] = ['payee,period,T'];
  const groups = reps * 4;
  const repOf = (g: number) => `r${String(Math.floor(g / 4) + 1).padStart(4, '0')}`;
  let n = 0;
  for (let g = 0; g < groups; g++) {
    const quarter = (g % 4) + 1;
    const count = Math.floor(deals / groups) + (g < deals % groups ? 1 : 0);
    let margin = 0;
    const deal = (q: number, p: number, c: number) => {
      month[n] = (quarter - 1) * 3 + int(1, 3);
      day[n] = int(1, 28);
      qty[n] = q;
      price[n] = p;
      cost[n] = c;
      group[n] = g;
      n++;
    };
    for (let i = 0; i < count - 1; i++) {
      const q = int(1, 40);
      const p = int(6_000, 18_000);
      const c = Math.floor(p * (0.3 + rand() * 0.55));
      margin += q * (p - c);
      deal(q, p, c);
    }
    let pick = rand() * totalWeight;
    const aim = aims.find((a) => (pick -= a.weight) < 0) ?? aims[0];
    let target: number;
    if ('exact' in aim) {
      const last = int(500, 900_000);
      target = Math.ceil(((margin + last) * 100) / aim.exact / 5) * 5;
      const want = (target * aim.exact) / 100;
      if (count > 0) {
        const c = int(1_000, 5_000);
        deal(1, c + (want - margin), c);
      }
    } else {
      if (count > 0) {
        const q = int(1, 40);
        const p = int(6_000, 18_000);
        const c = Math.floor(p * (0.3 + rand() * 0.55));
        margin += q * (p - c);
        deal(q, p, c);
      }
      const attainment = aim.low + rand() * (aim.high - aim.low);
      target = Math.max(100, Math.round(margin / attainment));
    }
    quotas.push(`${repOf(g)},2026-Q${quarter},${cents(target)}`);
  }
  // The same shuffle as generate(), on indexes.
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const write = (name: string, lines: Iterable<string>) => {
    const tmp = `${dir}/${name}.partial`;
    const fd = openSync(tmp, 'w');
    let buf: string[] = [];
    for (const l of lines) {
      buf.push(l);
      if (buf.length === 65_536) {
        writeSync(fd, buf.join('\n') + '\n');
        buf = [];
      }
    }
    if (buf.length) writeSync(fd, buf.join('\n') + '\n');
    closeSync(fd);
    renameSync(tmp, `${dir}/${name}`);
  };
  write('quotas.csv', quotas);
  write(
    'deals.csv',
    (function* () {
      yield 'id,rep,closed,qty,price,cost';
      for (let k = 0; k < n; k++) {
        const i = order[k]!;
        // Ids are numbered in generation order, as generate() numbers them before shuffling.
        yield `D${String(i + 1).padStart(7, '0')},${repOf(group[i]!)},2026-${String(month[i]).padStart(2, '0')}-${String(day[i]).padStart(2, '0')},${qty[i]},${cents(price[i]!)},${cents(cost[i]!)}`;
      }
    })(),
  );
}
