/**
 * Share links: the session (plan, data, the comparison's version B, the statement in view) as JSON,
 * compressed with the browser's CompressionStream ('deflate-raw') and written base64url into the
 * URL's hash — nothing leaves the page, and the link alone reproduces the session.
 *
 * Reading a link never throws and never guesses: it gives the session, or a coded error saying why
 * the link cannot be read, so the page can say so instead of opening something else.
 */
import type { SessionTable } from '@payplan/language-service';

export interface Shared {
  readonly v: 1;
  readonly example?: string;
  readonly plan: string;
  readonly tables: readonly SessionTable[];
  readonly compare?: string;
  readonly selected?: { readonly payee: string; readonly period: string };
}

/** Why a link (or saved work) cannot be read. */
export type UnreadableCode = 'not-a-link' | 'not-base64' | 'damaged' | 'not-json' | 'not-a-session' | 'newer-version';

export interface Unreadable {
  readonly code: UnreadableCode;
  /** Why, in words that finish "it cannot be read: …". */
  readonly reason: string;
}

export type Read = { readonly ok: true; readonly session: Shared } | { readonly ok: false; readonly error: Unreadable };

const prefix = '#s=';

const fail = (code: UnreadableCode, reason: string): Read => ({ ok: false, error: { code, reason } });

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of base64url text (a lone last character, from a cut, is dropped), or undefined when it is not base64url. */
function fromBase64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const b64 = text.slice(0, text.length - (text.length % 4 === 1 ? 1 : 0)).replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function encodeShare(state: Shared): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return prefix + toBase64url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** The session in a URL hash; undefined when the URL has none (no hash, or a bare `#`). */
export async function decodeShare(hash: string): Promise<Read | undefined> {
  if (hash === '' || hash === '#') return undefined;
  if (!hash.startsWith(prefix)) return fail('not-a-link', `the part after “#” is not a playground session (a share link's starts with “${prefix}”)`);
  const packed = fromBase64url(hash.slice(prefix.length));
  if (!packed?.length) return fail('not-base64', 'it has characters a share link never has, or none at all (was it changed, or cut short?)');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await pipe(packed, new DecompressionStream('deflate-raw')));
  } catch {
    return fail('damaged', 'it is cut short or damaged (its compressed data does not unpack)');
  }
  return readSession(text);
}

function readSession(json: string): Read {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return fail('not-json', 'it unpacks, but not to a playground session (the text is not JSON)');
  }
  return checkSession(value);
}

/** A session from parsed JSON (a link's, or work saved in the browser), checked field by field. */
export function checkSession(value: unknown): Read {
  if (!isRecord(value)) return fail('not-a-session', 'it does not hold a playground session');
  if (typeof value['v'] === 'number' && value['v'] > 1) return fail('newer-version', `it was made by a newer playground (format ${value['v']}; this page reads format 1)`);
  const problem = problemOf(value);
  if (problem) return fail('not-a-session', `it does not hold a playground session (${problem})`);
  return { ok: true, session: value as unknown as Shared };
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** What is wrong with a would-be session, or undefined when nothing is. */
function problemOf(v: Record<string, unknown>): string | undefined {
  if (v['v'] !== 1) return 'no format version';
  if (typeof v['plan'] !== 'string') return 'no plan';
  if (!Array.isArray(v['tables'])) return 'no tables';
  for (const [i, t] of v['tables'].entries()) {
    if (!isRecord(t) || typeof t['name'] !== 'string' || !isStrings(t['header']) || !Array.isArray(t['rows']) || !t['rows'].every(isStrings)) return `table ${i + 1} is not a grid of text`;
  }
  if (v['example'] !== undefined && typeof v['example'] !== 'string') return 'the example is not a name';
  if (v['compare'] !== undefined && typeof v['compare'] !== 'string') return 'version B is not text';
  const s = v['selected'];
  if (s !== undefined && !(isRecord(s) && typeof s['payee'] === 'string' && typeof s['period'] === 'string')) return 'the selected statement is not a payee and period';
  return undefined;
}
