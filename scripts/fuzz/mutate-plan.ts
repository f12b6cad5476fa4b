/**
 * Plan mutants: small edits to a real plan — delete, duplicate or swap tokens, insert a token,
 * change a number, reuse one name for another, delete, duplicate or swap lines, truncate, insert a
 * raw character. A mutation is plain data whose positions are any non-negative integers, taken
 * modulo what the text has when it is applied, so every list of mutations applies to every plan:
 * the campaign draws them from its seeded generator, the property tests from fast-check (which
 * then shrinks a failing list to the few edits that matter).
 */
import { Identifier, keywords, Newline, NumberLit, PercentLit, DateLit, PeriodLit, planLexer } from '@payplan/syntax';
import type { Rand } from './random.js';

export type PlanMutation =
  | { readonly op: 'delete' | 'duplicate' | 'deleteLine' | 'duplicateLine' | 'truncate'; readonly at: number }
  | { readonly op: 'swap' | 'rename' | 'swapLines'; readonly at: number; readonly other: number }
  | { readonly op: 'insert' | 'number' | 'char'; readonly at: number; readonly text: string };

/** Tokens worth inserting: every keyword, every operator, and literals of each kind. */
export const vocabulary: readonly string[] = [
  ...keywords,
  ...['(', ')', ',', ':', '.', '..', '+', '-', '*', '/', '=', '!=', '<', '<=', '>', '>=', '≤', '≥', '≠', '−', '×', '÷', '\n', '\n  ', '#'],
  ...['0', '1', '2,000', '12.5%', '0%', '"x"', '""', '"', 'true', '2026-01-01', '2026-Q1', 'T', 'x', 'excess', 'payee', 'period', 'money', 'count', 'text', 'date', 'percent', 'optional', 'key', 'max', 'min', 'CNY'],
];

/** Replacement numbers: zero, huge, tiny, negative, badly formed, impossible dates and periods. */
export const numbers: readonly string[] = [
  '0', '1', '0.00', '-1', '100%', '0%', '250%', '0.5%', '1,000', '1,00', '00', '3.', '.5', '1e5', '0.000000000001',
  '999999999999999999999999999999', '9'.repeat(40), '2026-02-30', '2026-13-01', '0000-01-01', '2026-Q5', '2026-00', '2026-H3',
];

/** Raw characters to insert: separators, quotes, line ends, a NUL, odd spaces, letters of other scripts. */
export const chars: readonly string[] = ['\t', '\r', '\r\n', '\u0000', '\u00a0', '\ufeff', '\u2028', '"', '\\', '#', '%', 'é', '毛', '🚀', '\u{1E5D0}', '\u0301', '$', '`', ';', '{'];

interface Tok {
  readonly start: number;
  readonly end: number;
  readonly image: string;
}

const numeric = new Set([NumberLit, PercentLit, DateLit, PeriodLit]);

function tokensOf(text: string): { all: Tok[]; numbers: Tok[]; names: Tok[] } {
  const all: Tok[] = [];
  const nums: Tok[] = [];
  const names: Tok[] = [];
  for (const t of planLexer.tokenize(text).tokens) {
    const tok = { start: t.startOffset, end: t.startOffset + t.image.length, image: t.image };
    if (t.tokenType !== Newline) all.push(tok);
    if (numeric.has(t.tokenType)) nums.push(tok);
    if (t.tokenType === Identifier) names.push(tok);
  }
  return { all, numbers: nums, names };
}

const splice = (text: string, start: number, end: number, by: string) => text.slice(0, start) + by + text.slice(end);

/** Replaces two non-overlapping ranges at once (the later first, so offsets stay right). */
function swapRanges(text: string, a: Tok, b: Tok): string {
  const [x, y] = a.start <= b.start ? [a, b] : [b, a];
  if (x.end > y.start) return text;
  return splice(splice(text, y.start, y.end, x.image), x.start, x.end, y.image);
}

function applyOne(text: string, m: PlanMutation): string {
  const lines = () => text.split('\n');
  switch (m.op) {
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'char': {
      const at = m.at % (text.length + 1);
      return splice(text, at, at, m.text);
    }
    case 'deleteLine':
    case 'duplicateLine': {
      const ls = lines();
      const i = m.at % ls.length;
      ls.splice(i, m.op === 'deleteLine' ? 1 : 0, ...(m.op === 'deleteLine' ? [] : [ls[i]!]));
      return ls.join('\n');
    }
    case 'swapLines': {
      const ls = lines();
      const i = m.at % ls.length;
      const j = m.other % ls.length;
      [ls[i], ls[j]] = [ls[j]!, ls[i]!];
      return ls.join('\n');
    }
    default:
      break;
  }
  const { all, numbers: nums, names } = tokensOf(text);
  const within = (xs: readonly Tok[], n: number) => xs[n % xs.length];
  const t = within(all, m.at);
  if (!t) return m.op === 'insert' ? m.text : text;
  switch (m.op) {
    case 'delete':
      return splice(text, t.start, t.end, '');
    case 'duplicate':
      return splice(text, t.end, t.end, ` ${t.image}`);
    case 'insert':
      return splice(text, t.start, t.start, `${m.text} `);
    case 'swap':
      return swapRanges(text, t, within(all, m.other)!);
    case 'number': {
      const n = within(nums, m.at);
      return n ? splice(text, n.start, n.end, m.text) : text;
    }
    case 'rename': {
      const a = within(names, m.at);
      const b = within(names, m.other);
      return a && b ? splice(text, a.start, a.end, b.image) : text;
    }
  }
}

/** The text after each mutation in turn. */
export const mutatePlan = (text: string, mutations: readonly PlanMutation[]): string => mutations.reduce(applyOne, text);

/** One to `max` mutations, drawn from a seeded generator; token edits are the most common. */
export function randomPlanMutations(rand: Rand, max = 4): PlanMutation[] {
  const pos = () => rand.int(0x7fffffff);
  return Array.from({ length: 1 + rand.int(max) }, (): PlanMutation => {
    const r = rand.next();
    if (r < 0.16) return { op: 'delete', at: pos() };
    if (r < 0.26) return { op: 'duplicate', at: pos() };
    if (r < 0.36) return { op: 'swap', at: pos(), other: pos() };
    if (r < 0.5) return { op: 'insert', at: pos(), text: rand.pick(vocabulary) };
    if (r < 0.64) return { op: 'number', at: pos(), text: rand.pick(numbers) };
    if (r < 0.76) return { op: 'rename', at: pos(), other: pos() };
    if (r < 0.82) return { op: rand.pick(['deleteLine', 'duplicateLine'] as const), at: pos() };
    if (r < 0.87) return { op: 'swapLines', at: pos(), other: pos() };
    if (r < 0.92) return { op: 'char', at: pos(), text: rand.pick(chars) };
    return { op: 'truncate', at: pos() };
  });
}
