/**
 * Profiles the interpreter alone on the benchmark plan: `npx tsx bench/profile-interpreter.ts [deals]`
 * prints the evaluation time; run under `node --cpu-prof` to see where it goes.
 */
import { readFileSync } from 'node:fs';
import { check, load } from '@payplan/core';
import { evaluate, prepare } from '@payplan/interpreter';
import { generate } from './generate.js';

const size = Number(process.argv[2] ?? 200_000);
const text = readFileSync(new URL('./bench.payplan', import.meta.url), 'utf8');
const checked = check(text, 'bench.payplan');
if (!checked.ir) throw new Error('the benchmark plan does not check');
const data = generate(size);
const loaded = load(checked.ir, [
  { table: 'deals', file: 'deals', rows: data.deals as unknown as Record<string, unknown>[] },
  { table: 'quotas', file: 'quotas', rows: data.quotas as unknown as Record<string, unknown>[] },
]);
const prepared = prepare(checked.ir);
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const r = evaluate(prepared, loaded.data);
  const t1 = performance.now();
  let listed = 0;
  for (const s of r.value?.statements ?? []) for (const l of s.lines) listed += l.explanation.rows.length;
  const t2 = performance.now();
  console.log(`evaluate ${size} deals: ${(t1 - t0).toFixed(0)} ms, ${r.value?.statements.length} statements; listing their ${listed} row references: ${(t2 - t1).toFixed(0)} ms`);
}
