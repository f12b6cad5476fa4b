/**
 * A worker with a time limit per request. A request that overruns it terminates the worker (the only
 * way to stop a runaway computation), fails every request in flight with `TimeoutError`, and starts
 * a fresh worker for the next request, so a bad plan or a huge data set can never freeze the page.
 */
import type { Kind, Reply, RequestOf, Results } from './protocol';

export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`stopped after ${ms / 1000} s`);
  }
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export class WorkerClient {
  private worker: Worker | undefined;
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly create: () => Worker,
    private readonly timeoutMs: number,
    private readonly onRestart: (reason: string) => void,
  ) {}

  request<K extends Kind>(request: RequestOf<K>, timeoutMs = this.timeoutMs): Promise<Results[K]> {
    const worker = this.ensure();
    const id = this.next++;
    return new Promise<Results[K]>((resolve, reject) => {
      const timer = setTimeout(() => this.restart(new TimeoutError(timeoutMs)), timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      worker.postMessage({ id, request });
    });
  }

  /** Requests not yet answered. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = this.create();
    w.onmessage = (e: MessageEvent<Reply>) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      clearTimeout(p.timer);
      if (e.data.ok) p.resolve(e.data.result);
      else p.reject(new Error(e.data.error));
    };
    w.onerror = (e) => {
      e.preventDefault();
      this.restart(new Error(`the worker failed: ${e.message || 'unknown error'}`));
    };
    this.worker = w;
    return w;
  }

  private restart(reason: Error): void {
    this.worker?.terminate();
    this.worker = undefined;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(reason);
    }
    this.pending.clear();
    this.onRestart(reason.message);
  }
}
