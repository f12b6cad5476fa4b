/**
 * One benchmark measurement in a process of its own, so memory figures are its own: generates the
 * data (seeded), runs one implementation once, and prints a JSON line with its time, memory and
 * payouts. Run by run.ts; not meant to be run by hand.
 *
 *   node --expose-gc --import tsx bench/worker.ts <implementation> <deals> <reps> <module>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { check, load } from '@payplan/core';
import { evaluate } from '@payplan/interpreter';
import type { RunResult } from '@payplan/runtime';
import { dealsCsv, generate, quotasCsv } from './generate.js';
import { bigintPayouts, centsPayouts, decimalPayouts } from './hand.js';

const [impl = '', dealsArg = '1000000', repsArg = '2000', modulePath = '', outFile = ''] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Resident memory now, and the peak since the last reset (Linux /proc; elsewhere the lifetime peak). */
function residentKb(): number {
  return Math.round(process.memoryUsage().rss / 1024);
}
function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux: peaks are lifetime peaks
  }
}
function peakKb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // fall through
  }
  return process.resourceUsage().maxRSS;
}

interface Compiled {
  computePayouts(inputs: unknown, options?: { fast?: boolean | 'only' }): { payee: string; period: string; payout: string }[];
  computeStatements(inputs: unknown, options?: { fast?: boolean | 'only' }): RunResult;
  evaluate(data: unknown, options?: { fast?: boolean | 'only' }): { value: RunResult | undefined };
}

const data = generate(Number(dealsArg), Number(repsArg));
const planText = readFileSync(new URL('./bench.payplan', import.meta.url), 'utf8');
/** The checked plan, for the interpreter (only the workers that need it parse the plan). */
let checkedIr: ReturnType<typeof check>['ir'];
const ir = () => (checkedIr ??= check(planText, 'bench/bench.payplan').ir!);
const compiled = modulePath ? ((await import(pathToFileURL(modulePath).href)) as Compiled) : undefined;
const fromStatements = (r: RunResult | undefined) => new Map((r?.statements ?? []).map((s) => [`${s.payee}|${s.period}`, s.payout]));

/** Reads the input rows listed behind every line, which the interpreter lists only when read. */
function readEveryRow(r: RunResult | undefined): RunResult | undefined {
  let listed = 0;
  for (const s of r?.statements ?? []) for (const l of s.lines) listed += l.explanation.rows.length;
  if (r && !listed) throw new Error('no explanation listed any row');
  return r;
}

/** The pre-loaded rows the interpreter (and the compiled module's `evaluate`) start from, and what loading cost. */
function loaded() {
  const csv = [dealsCsv(data.deals), quotasCsv(data.quotas)];
  const t = performance.now();
  const l = load(ir(), [
    { table: 'deals', file: 'deals.csv', bytes: csv[0]! },
    { table: 'quotas', file: 'quotas.csv', bytes: csv[1]! },
  ]);
  return { data: l.data, loadMs: performance.now() - t };
}

const runs: Record<string, () => { prepare?: () => unknown; run: (input: unknown) => Map<string, string> }> = {
  none: () => ({ run: () => new Map() }),
  compiled: () => ({ run: () => new Map(compiled!.computePayouts(data, { fast: 'only' }).map((p) => [`${p.payee}|${p.period}`, p.payout])) }),
  'compiled-statements': () => ({ run: () => fromStatements(compiled!.computeStatements(data, { fast: 'only' })) }),
  'compiled-evaluate': () => ({ prepare: () => loaded(), run: (l) => fromStatements(compiled!.evaluate((l as ReturnType<typeof loaded>).data, { fast: 'only' }).value) }),
  'compiled-decimal': () => ({ run: () => new Map(compiled!.computePayouts(data, { fast: false }).map((p) => [`${p.payee}|${p.period}`, p.payout])) }),
  interpreter: () => ({ prepare: () => loaded(), run: (l) => fromStatements(evaluate(ir(), (l as ReturnType<typeof loaded>).data).value) }),
  'interpreter-all-rows': () => ({ prepare: () => loaded(), run: (l) => fromStatements(readEveryRow(evaluate(ir(), (l as ReturnType<typeof loaded>).data).value)) }),
  decimal: () => ({ run: () => decimalPayouts(data.deals, data.quotas) }),
  cents: () => ({ run: () => centsPayouts(data.deals, data.quotas) }),
  bigint: () => ({ run: () => bigintPayouts(data.deals, data.quotas) }),
};

const make = runs[impl];
if (!make) throw new Error(`unknown implementation ${impl}`);
const { prepare, run } = make();
const input = prepare?.();
gc();
const baseKb = residentKb();
resetPeak();
const t0 = performance.now();
const payouts = run(input);
const ms = performance.now() - t0;
const peak = peakKb();
writeFileSync(outFile, [...payouts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k} ${v}`).join('\n') + '\n');
const loadMs = input && typeof input === 'object' && 'loadMs' in input ? (input as { loadMs: number }).loadMs : undefined;
process.stdout.write(JSON.stringify({ impl, ms, baseKb, peakKb: peak, payouts: payouts.size, ...(loadMs !== undefined && { loadMs }) }) + '\n');
