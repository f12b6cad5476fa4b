/**
 * The worker client's time limit: it counts the worker's work, not its start-up; an overrun is tried
 * once more on a fresh worker; and a final overrun blames the machine when the fresh worker was slow
 * to start, the work otherwise. Fake workers and fake clocks: nothing here depends on the machine.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Request, WorkerMessage } from '../src/protocol';
import { StartupError, TimeoutError, WorkerClient, type WorkerLike } from '../src/worker-client';

class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  readonly received: number[] = [];
  terminated = false;
  postMessage(m: { id: number; request: Request }): void {
    this.received.push(m.id);
  }
  terminate(): void {
    this.terminated = true;
  }
  say(m: WorkerMessage): void {
    this.onmessage?.({ data: m } as MessageEvent<WorkerMessage>);
  }
}

const LIMIT = 4000;
const check: Request = { kind: 'check', text: 'plan "P"' };

let workers: FakeWorker[];
let stops: Error[];
let client: WorkerClient;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  workers = [];
  stops = [];
  client = new WorkerClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  }, { limit: LIMIT, startupLimit: 60_000, slowStartup: 2000, onStop: (e) => stops.push(e) });
});
afterEach(() => vi.useRealTimers());

/** Settles `p` into a value or the error it failed with. */
const outcome = <T>(p: Promise<T>) => p.then((value) => ({ value }), (error: unknown) => ({ error }));

describe('the worker client', () => {
  it('does not count the worker\'s start-up against the limit', async () => {
    const answer = outcome(client.request({ kind: 'check', text: 'x' }));
    const w = workers[0]!;
    vi.advanceTimersByTime(9000); // loading the language service on a busy machine
    w.say({ kind: 'ready' });
    w.say({ kind: 'started', id: 1 });
    vi.advanceTimersByTime(LIMIT - 1);
    w.say({ kind: 'reply', id: 1, ok: true, result: [] });
    expect(await answer).toEqual({ value: [] });
    expect(workers).toHaveLength(1);
    expect(stops).toEqual([]);
  });

  it('does not count the time a request waits behind another', async () => {
    const first = outcome(client.request(check));
    const second = outcome(client.request(check));
    const w = workers[0]!;
    w.say({ kind: 'ready' });
    w.say({ kind: 'started', id: 1 });
    vi.advanceTimersByTime(LIMIT - 1);
    w.say({ kind: 'reply', id: 1, ok: true, result: 'one' });
    w.say({ kind: 'started', id: 2 });
    vi.advanceTimersByTime(LIMIT - 1);
    w.say({ kind: 'reply', id: 2, ok: true, result: 'two' });
    expect([await first, await second]).toEqual([{ value: 'one' }, { value: 'two' }]);
  });

  it('tries an overrun once more on a fresh worker, and says nothing when that succeeds', async () => {
    const answer = outcome(client.request(check));
    workers[0]!.say({ kind: 'ready' });
    workers[0]!.say({ kind: 'started', id: 1 });
    vi.advanceTimersByTime(LIMIT);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.received).toEqual([1]);
    workers[1]!.say({ kind: 'ready' });
    workers[1]!.say({ kind: 'started', id: 1 });
    workers[1]!.say({ kind: 'reply', id: 1, ok: true, result: 'done' });
    expect(await answer).toEqual({ value: 'done' });
    expect(stops).toEqual([]);
  });

  it('blames the work when it overruns twice on a machine that started the worker quickly', async () => {
    const answer = outcome(client.request(check));
    for (const i of [0, 1]) {
      vi.advanceTimersByTime(300);
      workers[i]!.say({ kind: 'ready' });
      workers[i]!.say({ kind: 'started', id: 1 });
      vi.advanceTimersByTime(LIMIT);
    }
    const { error } = (await answer) as { error: TimeoutError };
    expect(error).toBeInstanceOf(TimeoutError);
    expect([error.busy, error.startupMs, error.ms]).toEqual([false, 300, LIMIT]);
    expect(stops).toEqual([error]);
    expect(workers).toHaveLength(2);
  });

  it('blames the machine when the fresh worker was slow to start', async () => {
    const answer = outcome(client.request(check));
    for (const [i, startup] of [[0, 300], [1, 2500]] as const) {
      vi.advanceTimersByTime(startup);
      workers[i]!.say({ kind: 'ready' });
      workers[i]!.say({ kind: 'started', id: 1 });
      vi.advanceTimersByTime(LIMIT);
    }
    const { error } = (await answer) as { error: TimeoutError };
    expect([error.busy, error.startupMs]).toEqual([true, 2500]);
    expect(error.message).toBe('stopped after 4 s on a busy machine');
  });

  it('resends the requests an overrun held up, without counting it against them', async () => {
    const late = outcome(client.request(check));
    const waiting = outcome(client.request(check));
    workers[0]!.say({ kind: 'ready' });
    workers[0]!.say({ kind: 'started', id: 1 });
    vi.advanceTimersByTime(LIMIT);
    expect(workers[1]!.received).toEqual([1, 2]);
    workers[1]!.say({ kind: 'ready' });
    workers[1]!.say({ kind: 'started', id: 1 });
    workers[1]!.say({ kind: 'reply', id: 1, ok: true, result: 'late' });
    workers[1]!.say({ kind: 'started', id: 2 });
    workers[1]!.say({ kind: 'reply', id: 2, ok: true, result: 'waiting' });
    expect([await late, await waiting]).toEqual([{ value: 'late' }, { value: 'waiting' }]);
  });

  it('gives up on a worker that never starts, blaming the machine', async () => {
    const answer = outcome(client.request(check));
    vi.advanceTimersByTime(60_000);
    const { error } = (await answer) as { error: StartupError };
    expect(error).toBeInstanceOf(StartupError);
    expect(error.message).toBe('the worker did not start within 60 s');
    expect(stops).toEqual([error]);
    // The next request starts afresh.
    void client.request(check).catch(() => undefined);
    expect(workers).toHaveLength(2);
  });

  it('passes on a worker\'s error reply', async () => {
    const answer = outcome(client.request(check));
    workers[0]!.say({ kind: 'started', id: 1 });
    workers[0]!.say({ kind: 'reply', id: 1, ok: false, error: 'boom' });
    expect(((await answer) as { error: Error }).error.message).toBe('boom');
  });
});
