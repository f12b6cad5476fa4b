/**
 * Rate-table entries for a range of a numeric key: `from 1 up to 6  3%`, `below 10,000  2%`,
 * `5,000 .. 20,000  3%` (from 5,000, below 20,000, as a band). A table with ranges has one key and
 * is not a split (S025). Its ranges, and its single numeric keys (a range of one value), may not
 * overlap and must join with no gap between the first and the last (S024); below the first and
 * above the last, the `else` line applies. Whole-number keys (a `count` column, `month`, …) join
 * from one number to the next: `up to 6` then `from 7`.
 */
import { Dec } from '@payplan/runtime';
import type { Ast } from '@payplan/syntax';
import type { IrKeyRange } from '../ir.js';
import type { Lowering } from './context.js';

/** An entry's keys as written; the range is `undefined` for a text or yes/no key. */
interface Interval {
  readonly lower?: Dec;
  readonly upper?: Dec;
  readonly lowerOpen: boolean;
  readonly upperClosed: boolean;
  readonly entry: Ast.RateEntry;
}

/** The canonical decimal of a key range's end (a percentage as a fraction), or undefined. */
function endValue(e: Ast.Expr | undefined): Dec | undefined {
  if (!e) return undefined;
  if (e.kind === 'Unary') return endValue(e.operand)?.neg();
  if (e.kind === 'PercentLit') return new Dec(e.text.replace(/,/g, '')).div(100);
  if (e.kind === 'NumberLit') return new Dec(e.text.replace(/,/g, ''));
  return undefined;
}

/** `from 1 up to 6`, as written: the label explanations show. */
export function keyRangeLabel(lw: Lowering, k: Ast.KeyRange): string {
  return lw.source.slice(k.span).replace(/\s+/g, ' ');
}

/** Checks a table's key ranges; `ok` is false when one was reported. */
export function checkKeyRanges(lw: Lowering, d: Ast.RatesDecl): boolean {
  const ranged = d.entries.filter((e) => e.keys.some((k) => k.kind === 'KeyRange'));
  if (!ranged.length) return true;
  const { bag } = lw;
  if (d.split || d.keys.length !== 1) {
    bag.error('S025', ranged[0]!.keys.find((k) => k.kind === 'KeyRange')!.span, d.split ? 'a split lists each part by its key; it has no key ranges' : `key ranges need a table with one key; \`${d.name.name}\` is keyed by ${d.keys.map((k) => k.name).join(', ')}`, {
      hint: d.split ? 'use a rate table (`rates … by …` with an `else` line)' : 'make a rate table keyed by the numeric column alone',
    });
    return false;
  }
  const intervals: Interval[] = [];
  for (const entry of d.entries) {
    const k = entry.keys[0]!;
    if (k.kind === 'NumberLit') {
      const v = endValue(k)!;
      intervals.push({ lower: v, upper: v, lowerOpen: false, upperClosed: true, entry });
    } else if (k.kind === 'KeyRange') {
      const lower = endValue(k.lower);
      const upper = endValue(k.upper);
      if (lower && upper && (upper.lt(lower) || (upper.eq(lower) && (k.lowerOpen || !k.upperClosed)))) {
        bag.error('S024', k.span, `this range holds no value: it runs from ${lower.toFixed()} to ${upper.toFixed()}`, { hint: 'write the smaller end first' });
        return false;
      }
      intervals.push({ ...(lower && { lower }), ...(upper && { upper }), lowerOpen: !!k.lowerOpen, upperClosed: !!k.upperClosed, entry });
    } else {
      bag.error('S025', k.span, 'a table with key ranges is keyed by a number: each entry is a number or a range of numbers');
      return false;
    }
  }
  return checkJoins(lw, d, intervals);
}

const lowerOf = (i: Interval) => i.lower ?? new Dec(-Infinity);

/** Sorted by where they start, each range must begin exactly where the one before ends. */
function checkJoins(lw: Lowering, d: Ast.RatesDecl, intervals: Interval[]): boolean {
  const sorted = [...intervals].sort((a, b) => lowerOf(a).cmp(lowerOf(b)) || Number(a.lowerOpen) - Number(b.lowerOpen));
  const whole = wholeNumberKey(lw, d.keys[0]!.name);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const next = sorted[i]!;
    const at = next.entry.keys[0]!.span;
    const label = { labels: [{ span: prev.entry.keys[0]!.span, message: 'this range' }] };
    if (!prev.upper || !next.lower) {
      lw.bag.error('S024', at, 'this key range overlaps another: a key in both would have two rates', label);
      return false;
    }
    const c = next.lower.cmp(prev.upper);
    const touching = c === 0 && prev.upperClosed !== !next.lowerOpen;
    const overlap = c < 0 || (c === 0 && prev.upperClosed && !next.lowerOpen);
    // For whole numbers, `up to 6` joins `from 7`, and `below 7` joins `from 7` as usual.
    const wholeJoin = whole && prev.upperClosed && !next.lowerOpen && next.lower.minus(prev.upper).eq(1) && prev.upper.isInteger();
    if (overlap) {
      lw.bag.error('S024', at, `this key range overlaps another at ${(c < 0 ? next.lower : prev.upper).toFixed()}: a key in both would have two rates`, label);
      return false;
    }
    if (!touching && whole && !prev.upperClosed && !next.lowerOpen && next.lower.minus(prev.upper).eq(1) && prev.upper.isInteger() && prev.lower) {
      // `1 .. 6` then `7 .. 12` for months 1–6 and 7–12: `..` stops below its upper end.
      lw.bag.error('S024', prev.entry.keys[0]!.span, `a key of exactly ${prev.upper.toFixed()} is in no range: \`..\` stops below its upper end`, {
        hint: `for ${prev.lower.toFixed()} to ${prev.upper.toFixed()} included, write \`from ${prev.lower.toFixed()} up to ${prev.upper.toFixed()}\``,
      });
      return false;
    }
    if (!touching && !wholeJoin) {
      const gap = c === 0 ? `exactly ${prev.upper.toFixed()}` : `${prev.upperClosed ? 'above' : 'from'} ${prev.upper.toFixed()} ${next.lowerOpen ? 'up to' : 'below'} ${next.lower.toFixed()}`;
      lw.bag.error('S024', at, `a key ${gap} is in no range between these two, so it would take the \`else\` rate`, {
        ...label,
        hint: c === 0 ? 'close the gap: end the first range `up to` the bound, or start this one `from` it' : `start this range where the one before ends: \`${prev.upperClosed ? 'above' : 'from'} ${prev.upper.toFixed()}\``,
      });
      return false;
    }
  }
  return true;
}

/** A key that is a whole number: `month`, `quarter`, `half`, or a name that is only ever a `count` column. */
function wholeNumberKey(lw: Lowering, name: string): boolean {
  if (name === 'month' || name === 'quarter' || name === 'half') return !lw.decls.has(name);
  if (lw.decls.has(name)) return false;
  const columns = [...lw.tables.values()].flatMap((t) => t.schema.columns.filter((c) => c.name === name));
  return columns.length > 0 && columns.every((c) => c.type === 'count');
}

/** The IR of a table's ranges, given each entry's lowered value (in entry order; undefined for plain keys). */
export function keyRangesOf(lw: Lowering, d: Ast.RatesDecl, values: ReadonlyMap<Ast.RateEntry, IrKeyRange['value']>): IrKeyRange[] {
  const out: IrKeyRange[] = [];
  for (const entry of d.entries) {
    const k = entry.keys[0];
    const value = values.get(entry);
    if (k?.kind !== 'KeyRange' || !value) continue;
    const lower = endValue(k.lower);
    const upper = endValue(k.upper);
    out.push({ ...(lower && { lower: lower.toFixed() }), ...(upper && { upper: upper.toFixed() }), ...(k.lowerOpen && { lowerOpen: true }), ...(k.upperClosed && { upperClosed: true }), label: keyRangeLabel(lw, k), value });
  }
  return out;
}
