/**
 * Messages between the page and its workers. Every request carries an id; the worker answers each
 * with the same id, a result or an error message. The page never waits on a worker without a time
 * limit (see worker-client.ts).
 */
import type {
  Comparison, Completions, Definition, Formatting, Hover, Marker, Session, SessionResult, WhatIfRequest, WhatIfResult,
} from '@payplan/language-service';
import type { Statement } from '@payplan/language-service';

export type Request =
  | { readonly kind: 'run'; readonly session: Session }
  | { readonly kind: 'whatIf'; readonly request: WhatIfRequest }
  | { readonly kind: 'compare'; readonly session: Session; readonly other: string }
  | { readonly kind: 'check'; readonly text: string }
  | { readonly kind: 'complete'; readonly text: string; readonly offset: number }
  | { readonly kind: 'hover'; readonly text: string; readonly offset: number; readonly statement?: Statement }
  | { readonly kind: 'definition'; readonly text: string; readonly offset: number }
  | { readonly kind: 'format'; readonly text: string };

export interface Results {
  run: SessionResult;
  whatIf: WhatIfResult;
  compare: Comparison;
  check: readonly Marker[];
  complete: Completions;
  hover: Hover | undefined;
  definition: Definition | undefined;
  format: Formatting;
}

export type Kind = Request['kind'];
export type RequestOf<K extends Kind> = Extract<Request, { kind: K }>;

/**
 * What a worker says: `ready` once, when it has loaded; `started` when it begins a request (the
 * request's time limit runs from then); then the request's `reply`.
 */
export type WorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'started'; readonly id: number }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: false; readonly error: string };
