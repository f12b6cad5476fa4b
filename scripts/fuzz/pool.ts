/**
 * A pool of campaign worker threads. `run(job, timeoutMs)` hands a range of inputs to an idle
 * worker and resolves when the worker is done — or when it stops: a watchdog polls each busy
 * worker's shared progress counter and, when one input has run past the time limit, terminates
 * the worker, starts a fresh one in its place, and resolves with the index that hung (a worker
 * that dies, out of memory say, resolves the same way). The caller resumes after that index.
 *
 * Workers run with a stack about the size of the `payplan` command's (so deep nesting fails in a
 * worker where it fails for a user) and a bounded heap (so a runaway input kills its worker, not
 * the campaign). A worker that says it holds too many imported modules is replaced between jobs.
 */
import { Worker } from 'node:worker_threads';
import type { Finding } from './findings.js';
import type { Counters } from './targets.js';
import type { FromWorker, Job, ToWorker, WorkerSetup } from './worker.js';

export interface PoolOptions {
  readonly workers: number;
  readonly seed: number;
  readonly full: boolean;
  readonly stackMb: number;
  readonly heapMb: number;
  readonly shrinkMs: number;
  readonly onFinding: (f: Finding) => void;
}

export interface JobOutcome {
  /** Inputs run to the end (passing or failing). */
  readonly completed: number;
  readonly counters: Counters;
  /** Inputs that failed (crash or wrong answer). */
  readonly failed: number;
  /** Failures of signatures already reported by the worker, counted. */
  readonly repeats: Record<string, number>;
  /** Set when the job stopped early: the input that hung or killed the worker. */
  readonly stopped?: { readonly index: number; readonly reason: 'hang' | 'died'; readonly message: string };
}

interface Slot {
  worker: Worker;
  progress: Int32Array;
  ready: Promise<void>;
  job?: { readonly job: Job; readonly timeoutMs: number; lastCount: number; lastChange: number; readonly finish: (o: JobOutcome) => void };
  /** Ends the job early: terminates the worker and starts a fresh one in the slot. */
  stop: (reason: 'hang' | 'died', message: string) => void;
}

export interface Pool {
  run(job: Job, timeoutMs: number): Promise<JobOutcome>;
  close(): Promise<void>;
}

export function startPool(options: PoolOptions): Pool {
  const idle: Slot[] = [];
  const waiting: ((s: Slot) => void)[] = [];
  const release = (s: Slot) => {
    const next = waiting.shift();
    if (next) next(s);
    else idle.push(s);
  };
  const acquire = () => new Promise<Slot>((resolve) => {
    const s = idle.shift();
    if (s) resolve(s);
    else waiting.push(resolve);
  });

  /** Starts a worker in a slot (a new slot, or one whose worker was terminated). */
  function spawn(slot?: Slot): Slot {
    const buffer = new SharedArrayBuffer(8);
    const setup: WorkerSetup = { seed: options.seed, full: options.full, progress: buffer, shrinkMs: options.shrinkMs };
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: setup,
      resourceLimits: { stackSizeMb: options.stackMb, maxOldGenerationSizeMb: options.heapMb },
    });
    let ready!: () => void;
    const s: Slot = slot ?? ({} as Slot);
    Object.assign(s, { worker, progress: new Int32Array(buffer), ready: new Promise<void>((r) => (ready = r)) });
    delete s.job;
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') ready();
      else if (m.type === 'finding') options.onFinding(m.finding);
      else if (s.job && s.worker === worker) {
        const { job, finish } = s.job;
        delete s.job;
        finish({ completed: job.end - job.start, counters: m.counters, failed: m.failed, repeats: m.repeats });
        if (m.recycle) {
          // The worker holds too many modules: a fresh one takes its place before the next job.
          void worker.terminate();
          spawn(s);
        }
        release(s);
      }
    });
    const stop = (reason: 'hang' | 'died', message: string) => {
      if (!s.job || s.worker !== worker) return;
      const { job, finish } = s.job;
      const index = Atomics.load(s.progress, 0);
      delete s.job;
      void worker.terminate();
      spawn(s);
      finish({ completed: Math.max(0, index - job.start), counters: {}, failed: 0, repeats: {}, stopped: { index, reason, message } });
      release(s);
    };
    worker.on('error', (err) => stop('died', err.stack ?? String(err)));
    worker.on('exit', (code) => stop('died', `the worker exited with code ${code}`));
    s.stop = stop;
    return s;
  }

  const slots = Array.from({ length: options.workers }, () => spawn());
  slots.forEach((s) => idle.push(s));

  const watchdog = setInterval(() => {
    const now = performance.now();
    for (const s of slots) {
      const j = s.job;
      if (!j) continue;
      const count = Atomics.load(s.progress, 1);
      if (count !== j.lastCount) {
        j.lastCount = count;
        j.lastChange = now;
      } else if (now - j.lastChange > j.timeoutMs) s.stop('hang', `one input ran for over ${Math.round(now - j.lastChange)} ms`);
    }
  }, 50);

  return {
    async run(job, timeoutMs) {
      const s = await acquire();
      await s.ready;
      return new Promise<JobOutcome>((finish) => {
        // The job's first input is the current one until the worker says otherwise: a hang before the
        // worker reaches its loop (a loaded machine) is then not blamed on the previous job's last input.
        Atomics.store(s.progress, 0, job.start);
        s.job = { job, timeoutMs, lastCount: Atomics.load(s.progress, 1), lastChange: performance.now(), finish };
        s.worker.postMessage({ type: 'job', job } satisfies ToWorker);
      });
    },
    async close() {
      clearInterval(watchdog);
      for (const s of slots) delete s.job;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
