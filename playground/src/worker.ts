/**
 * The playground's worker: runs the language service off the page's thread. The page starts two of
 * these — one for evaluation (runs, what-if, compare), one for editor requests (the plan's own
 * diagnostics, completion, hover, definition, formatting) — so a long run never delays a squiggle or a hover, and either can be stopped and
 * restarted when it overruns its time limit without the page noticing more than a message. It says
 * `ready` once loaded and `started` as it takes up each request: the time limit counts from there.
 */
import {
  analyze, compare, complete, definition, format, hover, markers, sessionRunner, whatIf, type Analysis,
} from '@payplan/language-service';
import type { Request, WorkerMessage } from './protocol';

let last: Analysis | undefined;
/** Successive runs while the reader types in the plan reuse the loaded data. */
const runSession = sessionRunner();
/** Editor requests come in bursts for one text: analyse it once. */
const analysisOf = (text: string): Analysis => (last && last.text === text ? last : (last = analyze(text)));

function handle(r: Request): unknown {
  switch (r.kind) {
    case 'run':
      return runSession(r.session);
    case 'whatIf':
      return whatIf(r.request);
    case 'compare':
      return compare(r.session, r.other);
    case 'check': {
      const a = analysisOf(r.text);
      return markers(a.diagnostics, a.source);
    }
    case 'complete':
      return complete(analysisOf(r.text), r.offset);
    case 'hover':
      return hover(analysisOf(r.text), r.offset, r.statement ? { statement: r.statement } : {});
    case 'definition':
      return definition(analysisOf(r.text), r.offset);
    case 'format':
      return format(analysisOf(r.text));
  }
}

const post = (m: WorkerMessage): void => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<{ id: number; request: Request }>) => {
  const { id, request } = e.data;
  post({ kind: 'started', id });
  let reply: WorkerMessage;
  try {
    reply = { kind: 'reply', id, ok: true, result: handle(request) };
  } catch (err) {
    reply = { kind: 'reply', id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  post(reply);
};

// The browser tests stand in for a busy machine with a worker named `payplan startup=<ms>`: it
// spends that long starting up, as a slow machine does loading the language service.
const startup = Number(/\bstartup=(\d+)/.exec(self.name)?.[1] ?? 0);
for (const until = performance.now() + startup; performance.now() < until; );
post({ kind: 'ready' });
