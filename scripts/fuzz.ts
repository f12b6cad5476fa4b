/**
 * `pnpm fuzz`: long fuzz campaigns over payplan, on worker threads (two by default, one per core).
 *
 *   pnpm fuzz [--seed 1] [--plans 20000] [--data 5000] [--probes | --no-probes] [--full]
 *             [--time SECONDS] [--workers 2] [--timeout MS] [--probe-timeout MS] [--out fuzz-out]
 *             [--stack-mb 1.25]   (a worker's stack: 1.25 MB fails at the nesting depth the CLI fails at)
 *   pnpm fuzz --seed S --replay plans:INDEX     run one input in this process and show what happens
 *
 * Campaigns (see FUZZING.md): `probes` (deep nesting and size ladders), `plans` (mutants of every
 * shipped plan: check, fmt, run), `data` (mutated and generated data: load, evaluate, interpreter
 * against compiled module). Inputs are numbered and derived from the seed, so a finding replays
 * anywhere. Prints iterations, rates, crashes, wrong answers and hangs; writes one reproducer folder
 * per distinct failure to --out; exits 1 when anything failed.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generatedDir } from '../test/compiler/support.js';
import { root } from '../test/support/plans.js';
import { loadCorpus, type SeedPlan } from './fuzz/corpus.js';
import { inputSize, writeReproducer, type Finding } from './fuzz/findings.js';
import { knownAs } from './fuzz/known.js';
import { startPool, type Pool } from './fuzz/pool.js';
import { probeList } from './fuzz/probes.js';
import { campaignNames, makeTarget, type CampaignName, type Counters, type Target } from './fuzz/targets.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    plans: { type: 'string', default: '20000' },
    data: { type: 'string', default: '5000' },
    probes: { type: 'boolean', default: true },
    'no-probes': { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    time: { type: 'string' },
    workers: { type: 'string', default: String(Math.min(2, cpus().length)) },
    timeout: { type: 'string', default: '10000' },
    'probe-timeout': { type: 'string', default: '60000' },
    out: { type: 'string', default: 'fuzz-out' },
    replay: { type: 'string' },
    'stack-mb': { type: 'string', default: '1.25' },
  },
});
const seed = Number(values.seed);
const out = join(root, values.out);
const started = performance.now();
const deadline = values.time ? started + Number(values.time) * 1000 : Infinity;
const elapsed = () => (performance.now() - started) / 1000;

let corpus: SeedPlan[] | undefined;
const mainTargets = new Map<CampaignName, Target>();
/** Targets in this thread: for replays and to write the reproducer of an input that hung. */
const targetOf = (c: CampaignName): Target => {
  let t = mainTargets.get(c);
  if (!t) mainTargets.set(c, (t = makeTarget(c, seed, values.full, () => (corpus ??= loadCorpus()))));
  return t;
};

if (values.replay) {
  const [campaign, index] = values.replay.split(':') as [CampaignName, string];
  if (!campaignNames.includes(campaign)) throw new Error(`--replay takes campaign:index with a campaign of ${campaignNames.join(', ')}`);
  const input = targetOf(campaign).input(Number(index));
  console.log(`${campaign} input ${index} (seed ${seed}): ${input.label}`);
  try {
    console.log('passed', await targetOf(campaign).run(input));
  } catch (err) {
    console.log(err);
    process.exitCode = 1;
  }
  process.exit();
}

// ── Findings ────────────────────────────────────────────────────────────────────────────────────

interface Seen {
  finding: Finding;
  count: number;
  dir: string;
}
const seen = new Map<string, Seen>();

function record(f: Finding, times = 1): void {
  const s = seen.get(f.signature);
  if (!s) {
    seen.set(f.signature, { finding: f, count: times, dir: writeReproducer(out, f, seed, times) });
    console.log(`  ${f.kind}${knownAs(f) ? ' (known)' : ' NEW'}: ${f.signature}\n    ${f.input.campaign} input ${f.input.index}: ${f.input.label}`);
    return;
  }
  s.count += times;
  if (inputSize(f.input) < inputSize(s.finding.input)) s.finding = f;
  writeReproducer(out, s.finding, seed, s.count);
}
const repeat = (signature: string, times: number) => {
  const s = seen.get(signature);
  if (s) record(s.finding, times);
};

function hang(campaign: CampaignName, index: number, reason: 'hang' | 'died', message: string): void {
  const input = targetOf(campaign).input(index);
  const kind = reason === 'hang' ? 'hang' : 'crash';
  const what = reason === 'hang' ? 'hang' : `worker died: ${message.split('\n')[0]}`;
  record({ kind, signature: `${campaign} ${kind}: ${what.replace(/\d+/g, '#')} in ${input.label.split(' ')[0]}`, detail: message, input, originalSize: inputSize(input) });
}

// ── Campaigns ───────────────────────────────────────────────────────────────────────────────────

interface Tally {
  iterations: number;
  failed: number;
  hangs: number;
  seconds: number;
  counters: Counters;
}
const tallies = new Map<CampaignName, Tally>();
const tally = (c: CampaignName) => tallies.get(c) ?? (tallies.set(c, { iterations: 0, failed: 0, hangs: 0, seconds: 0, counters: {} }), tallies.get(c)!);

/** What a range of inputs counted, and how many of them failed. */
interface RangeOutcome {
  readonly counters: Counters;
  failed: number;
}

/** Runs inputs [start, end) of a campaign to the end, resuming after any input that hangs. */
async function runRange(pool: Pool, campaign: CampaignName, start: number, end: number, timeoutMs: number): Promise<RangeOutcome> {
  const t = tally(campaign);
  const outcome: RangeOutcome = { counters: {}, failed: 0 };
  const counters = outcome.counters;
  for (let from = start; from < end; ) {
    const r = await pool.run({ campaign, start: from, end }, timeoutMs);
    t.iterations += r.completed + (r.stopped ? 1 : 0);
    t.failed += r.failed;
    outcome.failed += r.failed + (r.stopped ? 1 : 0);
    for (const [k, v] of Object.entries(r.counters)) (counters[k] = (counters[k] ?? 0) + v), (t.counters[k] = (t.counters[k] ?? 0) + v);
    for (const [sig, n] of Object.entries(r.repeats)) repeat(sig, n);
    if (!r.stopped) break;
    t.hangs += r.stopped.reason === 'hang' ? 1 : 0;
    t.failed += 1;
    hang(campaign, r.stopped.index, r.stopped.reason, r.stopped.message);
    from = r.stopped.index + 1;
  }
  return outcome;
}

interface ProbeResult {
  readonly label: string;
  readonly size: number;
  readonly ms?: number;
  readonly outcome: string;
}

/** Each shape's ladder of sizes in turn, stopping at its first failure; flags superlinear growth. */
async function probes(pool: Pool): Promise<ProbeResult[]> {
  const list = probeList(values.full);
  const shapes = [...new Set(list.map((p) => p.shape))];
  const results: ProbeResult[] = [];
  const started = performance.now();
  await Promise.all(
    shapes.map(async (shape) => {
      let previous: { size: number; ms: number } | undefined;
      for (const [index, p] of list.entries()) {
        if (p.shape !== shape || performance.now() > deadline) continue;
        const { counters: c, failed } = await runRange(pool, 'probes', index, index + 1, Number(values['probe-timeout']));
        const ms = c['ms'];
        let outcome = failed ? 'failed (see below)' : `exit ${c['exit']}, ${c['stderr']} bytes on stderr`;
        if (ms !== undefined && previous && ms > 200 && ms / previous.ms > 1.5 * (p.size / previous.size)) {
          const growth = `×${(ms / previous.ms).toFixed(1)} time for ×${p.size / previous.size} size`;
          outcome += `; superlinear: ${growth}`;
          const input = targetOf('probes').input(index);
          record({ kind: 'slow', signature: `probes slow: ${shape.name} grows superlinearly`, detail: `${previous.ms.toFixed(0)} ms at size ${previous.size}, ${ms.toFixed(0)} ms at size ${p.size}: ${growth}`, input, originalSize: inputSize(input) });
        }
        results.push({ label: shape.name, size: p.size, ...(ms !== undefined && { ms }), outcome });
        if (failed) break;
        if (ms !== undefined) previous = { size: p.size, ms };
      }
    }),
  );
  tally('probes').seconds = (performance.now() - started) / 1000;
  return results;
}

/** Plans and data in chunks, interleaved so both advance under a time budget, one lane per worker. */
async function mutants(pool: Pool, counts: ReadonlyMap<CampaignName, number>, timeoutMs: number): Promise<void> {
  const chunk: Record<string, number> = { plans: 100, data: 40 };
  const next = new Map([...counts.keys()].map((c) => [c, 0]));
  const started = new Map([...counts.keys()].map((c) => [c, performance.now()]));
  const take = (): { campaign: CampaignName; start: number; end: number } | undefined => {
    if (performance.now() > deadline) return undefined;
    const open = [...counts].filter(([c, n]) => next.get(c)! < n);
    const pick = open.sort(([a, na], [b, nb]) => next.get(a)! / na - next.get(b)! / nb)[0];
    if (!pick) return undefined;
    const [campaign, n] = pick;
    const start = next.get(campaign)!;
    const end = Math.min(n, start + (chunk[campaign] ?? 100));
    next.set(campaign, end);
    return { campaign, start, end };
  };
  let lastReport = performance.now();
  const lane = async () => {
    for (let job = take(); job; job = take()) {
      await runRange(pool, job.campaign, job.start, job.end, timeoutMs);
      tally(job.campaign).seconds = (performance.now() - started.get(job.campaign)!) / 1000;
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        console.log(`  [${elapsed().toFixed(0)} s] ${[...counts.keys()].map((c) => `${c} ${tally(c).iterations}/${counts.get(c)}`).join(', ')}; ${seen.size} distinct failures`);
      }
    }
  };
  await Promise.all(Array.from({ length: Number(values.workers) }, lane));
}

// ── Run ─────────────────────────────────────────────────────────────────────────────────────────

rmSync(out, { recursive: true, force: true });
const workers = Number(values.workers);
console.log(`payplan fuzz: seed ${seed}, ${workers} workers, plans ${values.plans}, data ${values.data}, probes ${values.probes && !values['no-probes'] ? (values.full ? 'full' : 'on') : 'off'}${values.time ? `, at most ${values.time} s` : ''}; reproducers in ${values.out}/`);
const pool = startPool({ workers, seed, full: values.full, stackMb: Number(values['stack-mb']), heapMb: 2048, shrinkMs: 5_000, onFinding: (f) => record(f) });
let probeResults: ProbeResult[] = [];
if (values.probes && !values['no-probes']) {
  console.log('probes:');
  probeResults = await probes(pool);
}
console.log('plan and data mutants:');
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
await mutants(pool, new Map<CampaignName, number>([['plans', Number(values.plans)], ['data', Number(values.data)]].filter(([, n]) => Number(n) > 0) as [CampaignName, number][]), Number(values.timeout));
const cpuSeconds = (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(cpuBefore));
const mutantWall = (performance.now() - wallBefore) / 1000;
await pool.close();
// The modules the workers compiled (test/compiler/.generated/fuzz-<thread>-…) are of no further use.
if (existsSync(generatedDir)) for (const f of readdirSync(generatedDir)) if (f.startsWith('fuzz-')) rmSync(join(generatedDir, f), { force: true });

// ── Report ──────────────────────────────────────────────────────────────────────────────────────

console.log(`\nfinished in ${elapsed().toFixed(0)} s`);
if (probeResults.length) {
  console.log('\nprobes:');
  for (const p of probeResults) console.log(`  ${p.label.padEnd(15)} ${String(p.size).padStart(9)}  ${p.ms === undefined ? '        -' : `${p.ms.toFixed(0).padStart(7)} ms`}  ${p.outcome}`);
}
console.log('\ncampaign   iterations   per second   crashes+wrong   hangs   counted');
for (const [c, t] of tallies) {
  const counted = Object.entries(t.counters).filter(([k]) => !['ms', 'exit', 'stdout', 'stderr'].includes(k)).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`${c.padEnd(10)} ${String(t.iterations).padStart(10)}   ${(t.iterations / Math.max(t.seconds, 1e-9)).toFixed(1).padStart(10)}   ${String(t.failed - t.hangs).padStart(13)}   ${String(t.hangs).padStart(5)}   ${counted}`);
}
const mutantCount = (tallies.get('plans')?.iterations ?? 0) + (tallies.get('data')?.iterations ?? 0);
if (mutantCount) {
  // On a shared machine the wall-clock rate says little; CPU time (all threads) is the fair measure.
  console.log(`mutants: ${mutantCount} in ${mutantWall.toFixed(0)} s, ${cpuSeconds.toFixed(0)} CPU s (${(mutantCount / cpuSeconds).toFixed(0)} per CPU second, worker start-up included)`);
}
const list = [...seen.values()];
console.log(`\n${list.length} distinct failures (${list.filter((s) => !knownAs(s.finding)).length} new):`);
for (const s of list) {
  const k = knownAs(s.finding);
  console.log(`  ${s.finding.kind.padEnd(5)} ×${String(s.count).padEnd(6)} ${k ? `known (${k})` : 'NEW'}\n        ${s.finding.signature}\n        ${s.dir.slice(root.length + 1)}`);
}
process.exitCode = list.length ? 1 : 0;
