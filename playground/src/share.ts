/**
 * Share links: the session (plan, data, the comparison's version B, the statement in view) as JSON,
 * compressed with the browser's CompressionStream ('deflate-raw') and written base64url into the
 * URL's hash — nothing leaves the page, and the link alone reproduces the session.
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

const prefix = '#s=';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function encodeShare(state: Shared): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return prefix + toBase64url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** The session in a URL hash, or undefined when there is none; throws on a damaged link. */
export async function decodeShare(hash: string): Promise<Shared | undefined> {
  if (!hash.startsWith(prefix)) return undefined;
  const bytes = await pipe(fromBase64url(hash.slice(prefix.length)), new DecompressionStream('deflate-raw'));
  const value = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Shared>;
  if (value.v !== 1 || typeof value.plan !== 'string' || !Array.isArray(value.tables)) throw new Error('this link does not hold a payplan session');
  const tables = value.tables.filter(
    (t): t is SessionTable => !!t && typeof t.name === 'string' && Array.isArray(t.header) && Array.isArray(t.rows),
  );
  return { ...(value as Shared), tables };
}
