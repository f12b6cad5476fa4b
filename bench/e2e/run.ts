/**
 * `pnpm bench:e2e`: the benchmark plan (../shared/BENCH-PLAN.md) end to end, from CSV files to
 * payouts, as a user times it. For each size (100,000, 1,000,000 and 10,000,000 deals by default) it
 * writes the seeded data as CSV once (cached in the OS temp dir, `payplan-bench-e2e/<deals>/`), then
 * runs, each as a child process under /usr/bin/time:
 *   payplan   `payplan run bench/bench.payplan --csv` on the files (the CLI as shipped, start-up included),
 *   duckdb    the same plan in SQL, DuckDB reading the same files (bench/e2e/duckdb.mjs),
 *   hand      a hand-written streaming integer-cents Node script (bench/e2e/hand-stream.mjs),
 * and prints each one's CPU time (user + sys), wall time, peak RSS and µs per deal, the ratios, and
 * whether every payout is identical across the three (exit code 1 if not). Also times a cold
 * `payplan check` of a shipped example (start-up). The machine's load average is printed beside the
 * figures: on a shared machine, read CPU time rather than wall time.
 *
 *   pnpm bench:e2e [--sizes 100000,1000000] [--only payplan,duckdb,hand] [--payplan-max N]
 *
 * --payplan-max N skips payplan above N deals (a build that cannot finish there).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchCsv } from './generate-csv.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (option('--sizes') ?? '100000,1000000,10000000').split(',').map(Number);
const only = option('--only')?.split(',');
const payplanMax = Number(option('--payplan-max') ?? Infinity);
const cli = join(root, 'packages', 'cli', 'bin', 'payplan.js');
const plan = join(root, 'bench', 'bench.payplan');

interface Measured {
  readonly cpu: number;
  readonly wall: number;
  readonly peakMb: number;
  readonly ok: boolean;
  readonly note?: string;
}

/** Runs a command under /usr/bin/time: CPU seconds (user + sys), wall seconds, peak RSS. */
function timed(command: string, argv: readonly string[]): Measured {
  const file = join(tmpdir(), `payplan-e2e-time-${process.pid}.txt`);
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %e %M', '-o', file, command, ...argv], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const [user = 0, sys = 0, wall = 0, kb = 0] = readFileSync(file, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  const note = r.status === 0 ? undefined : `exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(0, 2).join(' / ').slice(0, 200)}`;
  return { cpu: user + sys, wall, peakMb: kb / 1024, ok: r.status === 0, ...(note && { note }), ...{ stdout: r.stdout } } as Measured & { stdout: string };
}

/** payplan's CSV output (payee,period,…,payout,exceptions) as "payee|period payout" lines. */
function payplanPayouts(csv: string): string {
  const lines = csv.trim().split('\n');
  const head = lines[0]!.split(',');
  const payout = head.indexOf('payout');
  return lines.slice(1).map((l) => {
    const f = l.split(',');
    return `${f[0]}|${f[1]} ${f[payout]}`;
  }).sort().join('\n') + '\n';
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');
console.log(`payplan end to end: bench/bench.payplan on CSV files; node ${process.version}; load average at start ${load()}\n`);

// ── Start-up: a cold `payplan check` of a shipped example ─────────────────────────────────────────
const startup = timed(process.execPath, [cli, 'check', join(root, 'examples', 'account-executive', 'plan.payplan')]);
console.log(`start-up: payplan check examples/account-executive/plan.payplan: ${startup.cpu.toFixed(2)} s CPU, ${startup.wall.toFixed(2)} s wall, ${startup.peakMb.toFixed(0)} MB${startup.ok ? '' : ` (${startup.note})`}\n`);

let disagreements = 0;
const rows: string[] = [];
for (const deals of sizes) {
  const dir = join(tmpdir(), 'payplan-bench-e2e', String(deals));
  if (!existsSync(join(dir, 'deals.csv'))) {
    mkdirSync(dir, { recursive: true });
    const t = performance.now();
    writeBenchCsv(dir, deals);
    console.log(`wrote ${dir}/deals.csv (${deals.toLocaleString('en')} deals) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const deal = join(dir, 'deals.csv');
  const quota = join(dir, 'quotas.csv');
  const impls = [
    { id: 'payplan', run: () => timed(process.execPath, [cli, 'run', plan, '--data', `deals=${deal}`, '--data', `quotas=${quota}`, '--csv']), skip: deals > payplanMax },
    { id: 'duckdb', run: () => timed(process.execPath, [join(here, 'duckdb.mjs'), deal, quota, join(dir, 'duckdb.out')]), skip: false },
    { id: 'hand', run: () => timed(process.execPath, [join(here, 'hand-stream.mjs'), deal, quota, join(dir, 'hand.out')]), skip: false },
  ].filter((i) => !only || only.includes(i.id));
  const results = new Map<string, Measured>();
  const outputs = new Map<string, string>();
  for (const impl of impls) {
    if (impl.skip) continue;
    const m = impl.run() as Measured & { stdout: string };
    results.set(impl.id, m);
    if (m.ok) outputs.set(impl.id, impl.id === 'payplan' ? payplanPayouts(m.stdout) : readFileSync(join(dir, `${impl.id}.out`), 'utf8').split('\n').filter(Boolean).sort().join('\n') + '\n');
    console.log(`  ${deals.toLocaleString('en')} deals, ${impl.id}: ${m.cpu.toFixed(2)} s CPU, ${m.wall.toFixed(2)} s wall, ${m.peakMb.toFixed(0)} MB peak${m.ok ? '' : `, FAILED (${m.note})`}  [load ${load()}]`);
  }
  // Every payout identical across the three.
  const reference = outputs.get('hand') ?? outputs.get('duckdb');
  for (const [id, out] of outputs) {
    if (reference === undefined || out === reference) continue;
    disagreements++;
    const a = out.split('\n');
    const b = reference!.split('\n');
    const diff = a.flatMap((l, i) => (l === b[i] ? [] : [`${l}  ≠  ${b[i]}`])).slice(0, 5);
    console.log(`  ${id} disagrees (${a.length - 1} payouts, reference ${b.length - 1}), e.g.:\n    ${diff.join('\n    ')}`);
  }
  const cell = (id: string) => {
    const m = results.get(id);
    if (!m) return '—';
    if (!m.ok) return 'failed';
    return `${m.cpu.toFixed(2)} s, ${m.peakMb.toFixed(0)} MB, ${((m.cpu * 1e6) / deals).toFixed(2)} µs/deal`;
  };
  const ratio = (a: string, b: string) => {
    const x = results.get(a);
    const y = results.get(b);
    return x?.ok && y?.ok ? (x.cpu / y.cpu).toFixed(2) : '—';
  };
  rows.push(`| ${deals.toLocaleString('en')} | ${cell('payplan')} | ${cell('duckdb')} | ${cell('hand')} | ${ratio('payplan', 'duckdb')} | ${ratio('payplan', 'hand')} |`);
}

console.log(`\nCPU time (user + sys), peak RSS, CPU µs per deal; load average now ${load()}\n`);
console.log('| deals | `payplan run --csv` | DuckDB, same plan in SQL | hand-written streaming integer cents | payplan ÷ DuckDB | payplan ÷ hand |');
console.log('|---|---|---|---|---:|---:|');
for (const r of rows) console.log(r);
console.log(`\npayouts: ${disagreements ? `${disagreements} implementation(s) DISAGREE` : 'identical across every implementation that ran'}`);
process.exitCode = disagreements ? 1 : 0;
