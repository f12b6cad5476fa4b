/**
 * The reader's work — plan, data, version B, the statement in view — kept in the browser's storage
 * (localStorage), so a reload or a closed tab loses nothing. Saved with whether it was edited since
 * it was loaded (an example, a link), which is what decides whether replacing it needs asking.
 *
 * Storage can be missing (some private modes), full, or hold something unreadable: every function
 * here reports that instead of throwing, and the page says so.
 */
import { checkSession, isRecord, type Read, type Shared } from './share';

/** What the page needs of `localStorage`. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface Work {
  readonly session: Shared;
  /** Changed since it was loaded from an example or a link. */
  readonly edited: boolean;
}

export const WORK_KEY = 'payplan.playground.work';

/** The saved work; undefined when nothing is saved. */
export function loadWork(store: KeyValueStore | undefined): (Read & { readonly edited: boolean }) | undefined {
  let text: string | null;
  try {
    text = store?.getItem(WORK_KEY) ?? null;
  } catch {
    return undefined; // storage refused (a privacy setting): as if nothing were saved
  }
  if (text === null) return undefined;
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: 'not-json', reason: 'the saved text is not JSON' }, edited: false };
  }
  return { ...checkSession(isRecord(saved) ? saved['session'] : saved), edited: isRecord(saved) && saved['edited'] === true };
}

/** Saves the work; returns why it could not be saved, or undefined. */
export function saveWork(store: KeyValueStore | undefined, work: Work): string | undefined {
  if (!store) return 'this browser offers the page no storage';
  const text = JSON.stringify(work);
  try {
    store.setItem(WORK_KEY, text);
    return undefined;
  } catch {
    return `this browser's storage refused it (${Math.ceil(text.length / 1024)} KB: full, or turned off)`;
  }
}

/**
 * What identifies the work for "was it edited": plan, version B and the tables with rows (an empty
 * grid the page adds for a declared table is not an edit).
 */
export function fingerprint(s: Shared): string {
  return JSON.stringify([s.plan, s.compare ?? s.plan, s.tables.filter((t) => t.rows.length).map((t) => [t.name, t.header, t.rows])]);
}

/** The page's storage, or undefined where reading `localStorage` itself throws. */
export function browserStore(): KeyValueStore | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
