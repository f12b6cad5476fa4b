/**
 * A CSV file streamed: read in 1 MB chunks and split into records on bytes, each record handed to a
 * callback as an object of cell strings keyed by column name (one object, reused), so no row is
 * kept and memory does not grow with the file. Made for files that are plainly written, which is
 * how exports arrive: ASCII text, no quotes, the header's columns exactly the table's, every record
 * as wide as the header, line breaks LF or CRLF. Anything else, a repeated key, or a row the
 * callback declines makes the stream answer `undefined`, and the caller reads the file with
 * `loadTableText`, which reports every problem with its file, row and column. So this reader never
 * reports a diagnostic of its own: a streamed run either finishes on valid data or takes the
 * validating path.
 *
 * Keys (D005): each row's declared key is kept as a 52-bit fingerprint of its cells' trimmed text
 * (8 bytes a row, in sorted chunks), repeats are found by merging the chunks, and a repeated
 * fingerprint is settled by a second pass that compares the keys' text. Keys of number or yes/no
 * columns, whose equal values can be written differently ("1.5", "1.50"), are not streamed.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { tableFields, type TableSchema } from '@payplan/runtime';

/** The rows streamed, or undefined: read the file with `loadTableText` instead. */
export type StreamOutcome = { readonly rows: number } | undefined;

export interface StreamOptions {
  /** The most rows the file may have; past it the stream stops (the validating path reports D021). */
  readonly maxRows?: number;
  /** Key fingerprints per sorted chunk (default 2^20); tests lower it to merge several chunks. */
  readonly keysPerChunk?: number;
}

const CHUNK = 1 << 20;
/** Fingerprints per sorted chunk. */
const KEYS_PER_CHUNK = 1 << 20;

/** Streams a CSV file's rows of `schema` to `onRow`; false from `onRow` stops it (undefined). */
export function streamCsvRows(path: string, schema: TableSchema, onRow: (cells: Record<string, string | undefined>) => boolean, options: StreamOptions = {}): StreamOutcome {
  const fields = tableFields(schema);
  const keyCols = schema.kind === 'rows' ? schema.columns.filter((c) => c.key) : [];
  if (keyCols.some((c) => c.type !== 'text' && c.type !== 'payee' && c.type !== 'date')) return undefined;
  const keys = keyCols.length ? new Fingerprints(options.keysPerChunk ?? KEYS_PER_CHUNK) : undefined;
  const cells: Record<string, string | undefined> = Object.fromEntries(fields.map((f) => [f.name, undefined]));
  let names: (string | undefined)[] | undefined; // each column's field name, from the header
  let keyAt: number[] = [];
  let rows = 0;
  const max = options.maxRows ?? Infinity;
  const ok = scanRecords(path, (b, starts, ends, n) => {
    if (isBlank(b, starts, ends, n)) return true;
    if (names === undefined) {
      const found = header(b, starts, ends, n, fields);
      if (found === undefined) return false;
      names = found;
      keyAt = keyCols.map((c) => found.indexOf(c.name));
      return true;
    }
    if (n !== names.length || ++rows > max) return false;
    for (let i = 0; i < n; i++) cells[names[i]!] = text(b, starts[i]!, ends[i]!);
    if (keys) keys.add(fingerprint(b, starts, ends, keyAt));
    return onRow(cells);
  });
  if (!ok || names === undefined) return undefined;
  if (keys) {
    const suspects = keys.repeats();
    if (suspects.size && repeatedKeys(path, keyAt, suspects)) return undefined;
  }
  return { rows };
}

/** A small table's rows, streamed and kept as objects of cell strings (per-payee tables), or undefined as above. */
export function readCsvObjects(path: string, schema: TableSchema): Record<string, string | undefined>[] | undefined {
  const out: Record<string, string | undefined>[] = [];
  return streamCsvRows(path, schema, (cells) => (out.push({ ...cells }), true)) && out;
}

/**
 * Splits a file into records and cells, handing each record's cell offsets to `visit` (the buffer
 * is valid only during the call). False from `visit`, a byte outside ASCII, a quote or a lone CR
 * stops the scan (false).
 */
function scanRecords(path: string, visit: (b: Buffer, starts: Int32Array, ends: Int32Array, n: number) => boolean): boolean {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK);
    let carry: Buffer = Buffer.alloc(0);
    let starts: Int32Array = new Int32Array(64);
    let ends: Int32Array = new Int32Array(64);
    let first = true;
    for (;;) {
      const got = readSync(fd, chunk, 0, CHUNK, null);
      let b = carry.length ? Buffer.concat([carry, chunk.subarray(0, got)]) : chunk.subarray(0, got);
      if (first && b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
      first = false;
      const last = got === 0;
      let start = 0;
      for (;;) {
        let nl = b.indexOf(10, start);
        if (nl < 0) {
          if (!last || start >= b.length) break;
          nl = b.length; // the last record, without a line break
        }
        const end = nl > start && b[nl - 1] === 13 ? nl - 1 : nl;
        let n = 0;
        let cell = start;
        for (let i = start; i < end; i++) {
          const c = b[i]!;
          if (c >= 0x80 || c === 34 || c === 13) return false;
          if (c === 44) {
            if (n + 1 >= starts.length) (starts = grow(starts)), (ends = grow(ends));
            starts[n] = cell;
            ends[n++] = i;
            cell = i + 1;
          }
        }
        if (n + 1 >= starts.length) (starts = grow(starts)), (ends = grow(ends));
        starts[n] = cell;
        ends[n++] = end;
        if (!visit(b, starts, ends, n)) return false;
        start = nl + 1;
      }
      if (last) return true;
      carry = Buffer.from(b.subarray(start));
    }
  } finally {
    closeSync(fd);
  }
}

/** ASCII bytes as a string: Node's latin1Slice, which `toString('latin1', …)` calls after checking its arguments (measured about twice as fast on short cells). */
const text = (b: Buffer, s: number, e: number): string => (b as unknown as { latin1Slice(start: number, end: number): string }).latin1Slice(s, e);

const grow = (a: Int32Array): Int32Array => {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
};

/** Whether every cell of a record is blank (spaces and tabs): skipped, as the validating reader skips it. */
function isBlank(b: Buffer, starts: Int32Array, ends: Int32Array, n: number): boolean {
  for (let k = 0; k < n; k++) for (let i = starts[k]!; i < ends[k]!; i++) if (b[i] !== 32 && b[i] !== 9) return false;
  return true;
}

/** Each column's field, when the header names exactly the table's fields (every required one, none twice, none unknown); else undefined. */
function header(b: Buffer, starts: Int32Array, ends: Int32Array, n: number, fields: readonly { name: string; optional: boolean }[]): (string | undefined)[] | undefined {
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = text(b, starts[i]!, ends[i]!).trim();
    if (!fields.some((f) => f.name === name) || names.includes(name)) return undefined;
    names.push(name);
  }
  return fields.every((f) => f.optional || names.includes(f.name)) ? names : undefined;
}

/** The start and end of a cell without its surrounding spaces and tabs (the validating reader trims cells). */
function trimmed(b: Buffer, s: number, e: number): [number, number] {
  while (s < e && (b[s] === 32 || b[s] === 9)) s++;
  while (e > s && (b[e - 1] === 32 || b[e - 1] === 9)) e--;
  return [s, e];
}

/** A 52-bit fingerprint of the key cells' trimmed bytes: two 32-bit hashes (FNV-1a and a multiply-rotate), combined. */
function fingerprint(b: Buffer, starts: Int32Array, ends: Int32Array, at: readonly number[]): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (const k of at) {
    const [s, e] = trimmed(b, starts[k]!, ends[k]!);
    for (let i = s; i < e; i++) {
      h1 = Math.imul(h1 ^ b[i]!, 0x01000193);
      h2 = Math.imul(h2 ^ b[i]!, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = Math.imul(h1 ^ 0xff, 0x01000193); // a separator no ASCII cell holds
    h2 = Math.imul(h2 ^ 0xff, 0x5bd1e995);
  }
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  return (h1 >>> 0) * 1048576 + ((h2 ^ (h2 >>> 16)) >>> 12);
}

/** Fingerprints in chunks of a fixed size (no copying as they grow), each sorted when full. */
class Fingerprints {
  private readonly full: Float64Array[] = [];
  private current: Float64Array;
  private n = 0;

  constructor(private readonly size: number) {
    this.current = new Float64Array(size);
  }

  add(f: number): void {
    if (this.n === this.size) {
      this.full.push(this.current.sort());
      this.current = new Float64Array(this.size);
      this.n = 0;
    }
    this.current[this.n++] = f;
  }

  /** The fingerprints that occur more than once: the sorted chunks merged, neighbours compared. */
  repeats(): Set<number> {
    const lists = [...this.full, this.current.subarray(0, this.n).sort()];
    const at = lists.map(() => 0);
    const out = new Set<number>();
    let prev = -1;
    for (;;) {
      let best = -1;
      for (let k = 0; k < lists.length; k++) if (at[k]! < lists[k]!.length && (best < 0 || lists[k]![at[k]!]! < lists[best]![at[best]!]!)) best = k;
      if (best < 0) return out;
      const v = lists[best]![at[best]!++]!;
      if (v === prev) out.add(v);
      prev = v;
    }
  }
}

/** A second pass over the file: whether two rows whose fingerprints repeat have the same key text. */
function repeatedKeys(path: string, at: readonly number[], suspects: ReadonlySet<number>): boolean {
  const seen = new Set<string>();
  let header = true;
  let repeated = false;
  scanRecords(path, (b, starts, ends, n) => {
    if (isBlank(b, starts, ends, n)) return true;
    if (header) return (header = false), true;
    if (!suspects.has(fingerprint(b, starts, ends, at))) return true;
    const key = at.map((k) => text(b, ...trimmed(b, starts[k]!, ends[k]!))).join('\u0000');
    repeated = seen.has(key);
    seen.add(key);
    return !repeated;
  });
  return repeated;
}
