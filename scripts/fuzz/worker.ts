/**
 * A campaign worker thread: builds its targets once, then runs the jobs the pool sends — a range
 * of input indexes of one campaign — writing the index it is on into shared memory before each
 * input (the pool's watchdog reads it to spot a hang without a message per input). The first input
 * of each failure signature is shrunk and sent whole; later ones are only counted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCorpus, type SeedPlan } from './corpus.js';
import { classify, inputSize, type Finding } from './findings.js';
import { makeTarget, type CampaignName, type Counters, type FuzzInput, type Target } from './targets.js';

export interface WorkerSetup {
  readonly seed: number;
  readonly full: boolean;
  /** Int32 [input index, inputs started]: written before each input. */
  readonly progress: SharedArrayBuffer;
  readonly shrinkMs: number;
}
export interface Job {
  readonly campaign: CampaignName;
  readonly start: number;
  readonly end: number;
}
export type ToWorker = { readonly type: 'job'; readonly job: Job };
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'finding'; readonly finding: Finding }
  | { readonly type: 'done'; readonly counters: Counters; readonly failed: number; readonly repeats: Record<string, number>; readonly recycle: boolean };

const port = parentPort;
if (!port) throw new Error('worker.ts runs in a worker thread');
const setup = workerData as WorkerSetup;
const progress = new Int32Array(setup.progress);
let corpus: SeedPlan[] | undefined;
const targets = new Map<CampaignName, Target>();

const target = (c: CampaignName) => {
  let t = targets.get(c);
  if (!t) targets.set(c, (t = makeTarget(c, setup.seed, setup.full, () => (corpus ??= loadCorpus()))));
  return t;
};

/** Runs an input; the failure's signature, or undefined when it passed. */
async function failure(t: Target, input: FuzzInput, counters?: Counters): Promise<ReturnType<typeof classify> | undefined> {
  Atomics.add(progress, 1, 1);
  try {
    const c = await t.run(input);
    if (counters) for (const [k, v] of Object.entries(c)) counters[k] = (counters[k] ?? 0) + v;
    return undefined;
  } catch (err) {
    return classify(err, input.campaign);
  }
}

/** The smallest variant that still fails with the same signature, within the time allowed. */
async function shrink(t: Target, input: FuzzInput, signature: string): Promise<FuzzInput> {
  const until = performance.now() + setup.shrinkMs;
  let best = input;
  for (let improved = true; improved && performance.now() < until; ) {
    improved = false;
    for (const candidate of t.smaller(best)) {
      if (performance.now() >= until) break;
      if ((await failure(t, candidate))?.signature === signature) {
        best = candidate;
        improved = true;
        break;
      }
    }
  }
  return best;
}

const seen = new Set<string>();

async function runJob(job: Job): Promise<void> {
  const t = target(job.campaign);
  const counters: Counters = {};
  const repeats: Record<string, number> = {};
  let failed = 0;
  for (let i = job.start; i < job.end; i++) {
    Atomics.store(progress, 0, i);
    const input = t.input(i);
    const f = await failure(t, input, counters);
    if (!f) continue;
    failed++;
    if (seen.has(f.signature)) {
      repeats[f.signature] = (repeats[f.signature] ?? 0) + 1;
      continue;
    }
    seen.add(f.signature);
    const small = await shrink(t, input, f.signature);
    port!.postMessage({ type: 'finding', finding: { ...f, input: small, originalSize: inputSize(input) } } satisfies FromWorker);
  }
  const recycle = [...targets.values()].some((x) => x.exhausted?.() ?? false);
  port!.postMessage({ type: 'done', counters, failed, repeats, recycle } satisfies FromWorker);
}

port.on('message', (m: ToWorker) => void runJob(m.job));
port.postMessage({ type: 'ready' } satisfies FromWorker);
