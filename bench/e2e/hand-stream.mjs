/**
 * The benchmark plan (../shared/BENCH-PLAN.md) by hand, end to end: a Node script a developer would
 * write without payplan, streaming the deals CSV in 1 MB chunks and parsing bytes straight to integer
 * cents, totals in typed arrays by rep and quarter, rates in units of 1/10000, the payout rounded
 * half-up once. It trusts the file's shape (the benchmark's columns, in order, money with two
 * decimals, no quotes) and validates nothing. Plain JavaScript, run by node itself.
 *
 *   node bench/e2e/hand-stream.mjs <deals.csv> <quotas.csv> <out>
 */
import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';

const [dealsPath, quotasPath, outPath] = process.argv.slice(2);

/** "123.45" between byte offsets → 12345. */
function centsOf(b, start, end) {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c !== 46) n = n * 10 + (c - 48);
  }
  return n;
}

const repIndex = new Map();
const quotaLines = readFileSync(quotasPath, 'latin1').split('\n').slice(1).filter((l) => l !== '');
for (const l of quotaLines) {
  const rep = l.slice(0, l.indexOf(','));
  if (!repIndex.has(rep)) repIndex.set(rep, repIndex.size);
}
const margin = new Float64Array(repIndex.size * 4);
const priceDifference = new Float64Array(repIndex.size * 4);

const fd = openSync(dealsPath, 'r');
const chunk = Buffer.allocUnsafe(1 << 20);
let carry = Buffer.alloc(0);
let header = true;
for (;;) {
  const got = readSync(fd, chunk, 0, chunk.length, null);
  const b = carry.length ? Buffer.concat([carry, chunk.subarray(0, got)]) : chunk.subarray(0, got);
  let start = 0;
  for (let nl = b.indexOf(10, start); nl >= 0; nl = b.indexOf(10, start)) {
    if (header) header = false;
    else if (nl > start) {
      // id,rep,closed,qty,price,cost
      let i = b.indexOf(44, start) + 1;
      const repEnd = b.indexOf(44, i);
      const rep = repIndex.get(b.latin1Slice(i, repEnd));
      i = repEnd + 1; // closed: YYYY-MM-DD
      const quarter = (((b[i + 5] - 48) * 10 + (b[i + 6] - 48) - 1) / 3) | 0;
      i += 11;
      let qty = 0;
      for (; b[i] !== 44; i++) qty = qty * 10 + (b[i] - 48);
      const priceEnd = b.indexOf(44, ++i);
      const price = centsOf(b, i, priceEnd);
      const cost = centsOf(b, priceEnd + 1, b[nl - 1] === 13 ? nl - 1 : nl);
      const slot = rep * 4 + quarter;
      margin[slot] += qty * (price - cost);
      if (price > 12_000) priceDifference[slot] += 20 * (price - 12_000) * qty;
    }
    start = nl + 1;
  }
  carry = Buffer.from(b.subarray(start));
  if (got === 0) break;
}
closeSync(fd);

const centsText = (c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
const out = [];
for (const l of quotaLines) {
  const [rep, period, t] = l.split(',');
  const slot = repIndex.get(rep) * 4 + (period.charCodeAt(6) - 49);
  const T = centsOf(Buffer.from(t, 'latin1'), 0, t.length);
  const B = margin[slot];
  let commission;
  if (100 * B < 60 * T) commission = 0;
  else if (100 * B < 80 * T) commission = 3 * B;
  else if (B < T) commission = 5 * B;
  else commission = 5 * T + 8 * (B - T);
  const bonus = 100 * B >= 120 * T ? 2000 * 10_000 : 0;
  out.push(`${rep}|${period} ${centsText(Math.floor((commission + bonus + priceDifference[slot] + 50) / 100))}`);
}
writeFileSync(outPath, out.join('\n') + '\n');
