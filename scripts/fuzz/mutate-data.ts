/**
 * Data-file mutants: small edits to a real CSV file — a cell replaced by an awkward value or by
 * another cell, lines deleted, duplicated or swapped, columns swapped or dropped, a character
 * inserted or deleted, the file truncated, a raw byte overwritten (invalid UTF-8 included). Like
 * plan mutations, a data mutation is plain data with positions taken modulo what the file has.
 */
import type { Rand } from './random.js';

export type DataMutation =
  | { readonly op: 'cell'; readonly row: number; readonly column: number; readonly text: string }
  | { readonly op: 'copyCell' | 'swapLines' | 'swapColumns'; readonly at: number; readonly other: number }
  | { readonly op: 'deleteLine' | 'duplicateLine' | 'deleteColumn' | 'deleteChar' | 'truncate'; readonly at: number }
  | { readonly op: 'char'; readonly at: number; readonly text: string }
  | { readonly op: 'byte'; readonly at: number; readonly value: number };

/** Awkward cells: empty, padded, signed, huge, tiny, grouped, quoted, impossible dates, formulas. */
export const cells: readonly string[] = [
  '', ' ', '-0', '-1', '0', '0.005', '1e5', '1,000', '"1,000"', '9'.repeat(40), '0.' + '0'.repeat(30) + '1', 'NaN', 'Infinity',
  '2026-02-30', '2025-12-31', '2027-01-01', '2026-Q5', '2026-Q1', '2026-13', '=1+1', '@x', ' ana', 'ana ', 'mia', 'ANA', 'true', 'yes', 'maybe',
  '12%', '%', '110%', '"', '""', 'a"b', '"a\nb"', '\t', '__proto__', 'constructor', 'é', '\u{1E5D0}',
];

const chars: readonly string[] = [',', '"', '\n', '\r', '\r\n', '\ufeff', '\u0000', ' ', 'é', '-', '.', '%'];

const lineSplit = (text: string) => text.split('\n');
/** Cells split on commas only: quoted commas are rare in the examples, and a wrong split is itself a mutation. */
const cellsOf = (line: string) => line.split(',');

function applyText(text: string, m: DataMutation): string {
  const ls = lineSplit(text);
  const at = (n: number, len: number) => n % Math.max(len, 1);
  switch (m.op) {
    case 'cell': {
      const i = at(m.row, ls.length);
      const cs = cellsOf(ls[i] ?? '');
      cs[at(m.column, cs.length)] = m.text;
      ls[i] = cs.join(',');
      return ls.join('\n');
    }
    case 'copyCell': {
      const all = ls.flatMap((l, i) => cellsOf(l).map((c, j) => ({ i, j, c })));
      const from = all[at(m.other, all.length)];
      const to = all[at(m.at, all.length)];
      if (!from || !to) return text;
      const cs = cellsOf(ls[to.i]!);
      cs[to.j] = from.c;
      ls[to.i] = cs.join(',');
      return ls.join('\n');
    }
    case 'deleteLine':
    case 'duplicateLine': {
      const i = at(m.at, ls.length);
      if (m.op === 'deleteLine') ls.splice(i, 1);
      else ls.splice(i, 0, ls[i]!);
      return ls.join('\n');
    }
    case 'swapLines': {
      const i = at(m.at, ls.length);
      const j = at(m.other, ls.length);
      [ls[i], ls[j]] = [ls[j]!, ls[i]!];
      return ls.join('\n');
    }
    case 'swapColumns':
    case 'deleteColumn': {
      const width = cellsOf(ls[0] ?? '').length;
      const i = at(m.at, width);
      const j = m.op === 'swapColumns' ? at(m.other, width) : i;
      return ls
        .map((l) => {
          const cs = cellsOf(l);
          if (m.op === 'deleteColumn') cs.splice(i, 1);
          else if (i < cs.length && j < cs.length) [cs[i], cs[j]] = [cs[j]!, cs[i]!];
          return cs.join(',');
        })
        .join('\n');
    }
    case 'deleteChar': {
      const i = at(m.at, text.length);
      return text.slice(0, i) + text.slice(i + 1);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'char': {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'byte':
      return text;
  }
}

/** The file's bytes after the mutations: text edits in order, then raw byte overwrites. */
export function mutateData(text: string, mutations: readonly DataMutation[]): Uint8Array {
  const bytes = new TextEncoder().encode(mutations.reduce(applyText, text));
  for (const m of mutations) if (m.op === 'byte' && bytes.length) bytes[m.at % bytes.length] = m.value;
  return bytes;
}

export function randomDataMutations(rand: Rand, max = 3): DataMutation[] {
  const pos = () => rand.int(0x7fffffff);
  return Array.from({ length: 1 + rand.int(max) }, (): DataMutation => {
    const r = rand.next();
    if (r < 0.4) return { op: 'cell', row: pos(), column: pos(), text: rand.pick(cells) };
    if (r < 0.52) return { op: 'copyCell', at: pos(), other: pos() };
    if (r < 0.62) return { op: rand.pick(['deleteLine', 'duplicateLine'] as const), at: pos() };
    if (r < 0.67) return { op: 'swapLines', at: pos(), other: pos() };
    if (r < 0.72) return { op: 'swapColumns', at: pos(), other: pos() };
    if (r < 0.76) return { op: 'deleteColumn', at: pos() };
    if (r < 0.84) return { op: 'char', at: pos(), text: rand.pick(chars) };
    if (r < 0.9) return { op: 'deleteChar', at: pos() };
    if (r < 0.95) return { op: 'truncate', at: pos() };
    return { op: 'byte', at: pos(), value: rand.int(256) };
  });
}
