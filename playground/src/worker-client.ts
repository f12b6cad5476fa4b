/**
 * A worker with a time limit per request. The limit counts the worker's own work only: its clock
 * starts when the worker says it has started the request, so neither its start-up (loading and
 * compiling the language service, slow on a busy machine) nor the requests queued before it count.
 *
 * A request that overruns its limit terminates the worker (the only way to stop a runaway
 * computation) and is tried once more on a fresh worker; a second overrun fails it with
 * `TimeoutError`. Whether the machine or the work is to blame is judged by how long that fresh worker
 * took to start — fixed work, so a slow start means a busy machine — and the error says which. A
 * worker that does not start at all within its own (long) limit fails with `StartupError`: that is
 * never the plan's fault. Either way the next request starts a fresh worker: nothing freezes the page.
 */
import type { Kind, Request, RequestOf, Results, WorkerMessage } from './protocol';

/** What the client needs of a worker: a `Worker`, or a stand-in in the tests. */
export interface WorkerLike {
  postMessage(message: { id: number; request: Request }): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export interface WorkerOptions {
  /** Milliseconds one request may compute. */
  readonly limit: number;
  /** Milliseconds a worker may take to start before the machine is deemed unable to run it. */
  readonly startupLimit?: number;
  /** A worker that took longer than this to start ran on a busy machine. */
  readonly slowStartup?: number;
  /** Called when requests fail because the worker was stopped, with the reason. */
  readonly onStop: (reason: Error) => void;
}

/** A request overran its limit twice. `busy`: the machine was slow, not the work too much. */
export class TimeoutError extends Error {
  constructor(
    readonly ms: number,
    /** How long the worker of the last attempt took to start, when it had started. */
    readonly startupMs: number | undefined,
    readonly busy: boolean,
  ) {
    super(busy ? `stopped after ${ms / 1000} s on a busy machine` : `stopped after ${ms / 1000} s`);
  }
}

/** The worker did not start within its start-up limit: the machine is too busy (or the page broke). */
export class StartupError extends Error {
  constructor(readonly ms: number) {
    super(`the worker did not start within ${ms / 1000} s`);
  }
}

interface Pending {
  readonly request: Request;
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer?: ReturnType<typeof setTimeout>;
  /** Attempts that overran the limit. */
  overruns: number;
}

interface Running {
  readonly worker: WorkerLike;
  readonly created: number;
  /** Milliseconds from creation to its `ready` message. */
  startup?: number;
  startupTimer?: ReturnType<typeof setTimeout>;
}

const RETRIES = 1;

export class WorkerClient {
  private current: Running | undefined;
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly startupLimit: number;
  private readonly slowStartup: number;

  constructor(
    private readonly create: () => WorkerLike,
    private readonly options: WorkerOptions,
  ) {
    this.startupLimit = options.startupLimit ?? 60_000;
    this.slowStartup = options.slowStartup ?? 2_000;
  }

  request<K extends Kind>(request: RequestOf<K>): Promise<Results[K]> {
    const id = this.next++;
    return new Promise<Results[K]>((resolve, reject) => {
      this.pending.set(id, { request, resolve: resolve as (v: unknown) => void, reject, overruns: 0 });
      this.ensure().worker.postMessage({ id, request });
    });
  }

  private ensure(): Running {
    if (this.current) return this.current;
    const worker = this.create();
    const running: Running = { worker, created: performance.now() };
    running.startupTimer = setTimeout(() => this.stop(new StartupError(this.startupLimit)), this.startupLimit);
    worker.onmessage = (e) => this.receive(running, e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.stop(new Error(`the worker failed: ${e.message || 'unknown error'}`));
    };
    this.current = running;
    return running;
  }

  private receive(running: Running, m: WorkerMessage): void {
    if (running !== this.current) return;
    if (m.kind === 'ready') {
      running.startup = performance.now() - running.created;
      clearTimeout(running.startupTimer);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.kind === 'started') {
      p.timer = setTimeout(() => this.overrun(m.id), this.options.limit);
      return;
    }
    this.pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.ok) p.resolve(m.result);
    else p.reject(new Error(m.error));
  }

  /** Request `id` overran: stop the worker, try it once more, and resend the others it held up. */
  private overrun(id: number): void {
    const late = this.pending.get(id);
    if (!late) return;
    const startup = this.current?.startup;
    this.terminate();
    late.overruns++;
    if (late.overruns > RETRIES) {
      this.pending.delete(id);
      const error = new TimeoutError(this.options.limit, startup, startup !== undefined && startup > this.slowStartup);
      late.reject(error);
      this.options.onStop(error);
    }
    if (this.pending.size === 0) return;
    const { worker } = this.ensure();
    for (const [pid, p] of this.pending) {
      clearTimeout(p.timer);
      delete p.timer;
      worker.postMessage({ id: pid, request: p.request });
    }
  }

  /** Fails every request in flight and drops the worker; the next request starts a fresh one. */
  private stop(reason: Error): void {
    this.terminate();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(reason);
    }
    this.pending.clear();
    this.options.onStop(reason);
  }

  private terminate(): void {
    if (!this.current) return;
    clearTimeout(this.current.startupTimer);
    this.current.worker.terminate();
    this.current = undefined;
  }
}
