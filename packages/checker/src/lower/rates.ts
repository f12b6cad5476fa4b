/**
 * Rate tables and splits: `rates by region …` (constant entries of one unit, one key per key
 * column, an `else` fallback) and `split by region …` (percentages that divide a whole: no `else`,
 * parts adding up to exactly 100%).
 */
import { Dec } from '@payplan/runtime';
import type { Ast } from '@payplan/syntax';
import type { IrExpr, IrRates, Unit } from '../ir.js';
import { lowerExpr } from '../lower-expr.js';
import { unify, unitWords } from '../units.js';
import { sourceOf, type Lowering } from './context.js';
import { checkKeyRanges, keyRangesOf } from './key-ranges.js';

type Entry = { keys: string[]; value: IrExpr };

export function lowerRates(lw: Lowering, d: Ast.RatesDecl): IrRates | undefined {
  const entries: Entry[] = [];
  const seen = new Map<string, Ast.RateEntry>();
  const unit: { value?: Unit } = {};
  let ok = checkKeyRanges(lw, d);
  const rangeValues = new Map<Ast.RateEntry, IrExpr>();
  for (const entry of d.entries) {
    if (!entryKeysFit(lw, d, entry, seen)) {
      ok = false;
      continue;
    }
    const v = entryValue(lw, d, entry.value, unit);
    if (!v) ok = false;
    else if (entry.keys.some((k) => k.kind === 'KeyRange')) rangeValues.set(entry, v);
    else entries.push({ keys: entry.keys.map(rateKeyText), value: v });
  }
  const ranges = rangeValues.size ? keyRangesOf(lw, d, rangeValues) : undefined;
  const fallback = d.fallback && entryValue(lw, d, d.fallback, unit);
  if (d.split) return lowerSplit(lw, d, entries, ok, unit.value);
  if (!d.fallback) {
    lw.bag.error('S010', d.name.span, `rate table \`${d.name.name}\` has no \`else\` line: a ${d.keys.map((k) => k.name).join('/')} it does not list would have no rate`, {
      hint: 'add a last line such as `else 5%` (or `else 0%` to pay nothing)',
    });
    ok = false;
  }
  if (!ok || !unit.value || (d.fallback && !fallback)) return undefined;
  return { name: d.name.name, split: false, unit: unit.value === 'number' ? 'money' : unit.value, keys: d.keys.map((k) => k.name), entries, ...(ranges && { ranges }), ...(fallback && { fallback }), source: sourceOf(lw.source, d.span) };
}

/** An entry has one key per key column, and keys no earlier entry has. */
function entryKeysFit(lw: Lowering, d: Ast.RatesDecl, entry: Ast.RateEntry, seen: Map<string, Ast.RateEntry>): boolean {
  if (entry.keys.length !== d.keys.length) {
    lw.bag.error('S010', entry.span, `\`${d.name.name}\` is keyed by ${d.keys.map((k) => k.name).join(', ')}: each entry needs ${d.keys.length} key${d.keys.length === 1 ? '' : 's'}, this one has ${entry.keys.length}`);
    return false;
  }
  const id = entry.keys.map(rateKeyText).join('\u0000');
  const prior = seen.get(id);
  if (prior) {
    lw.bag.error('N002', entry.span, `this entry repeats the keys of an earlier one`, { labels: [{ span: prior.span, message: 'first here' }] });
    return false;
  }
  seen.set(id, entry);
  return true;
}

/** An entry's value: a constant rate or amount, of the unit of the entries before it (kept in `unit`). */
function entryValue(lw: Lowering, d: Ast.RatesDecl, e: Ast.Expr, unit: { value?: Unit }): IrExpr | undefined {
  const v = lowerExpr(e, { level: 'const' }, lw.cx);
  if (!v) return undefined;
  if (v.unit !== 'ratio' && v.unit !== 'money' && v.unit !== 'number') {
    lw.bag.error('T003', e.span, `a rate table holds rates or amounts of money, but this is ${unitWords(v.unit)}`);
    return undefined;
  }
  const u: Unit | undefined = unit.value ? unify(unit.value, v.unit) : v.unit;
  if (!u) {
    lw.bag.error('T004', e.span, `every entry of \`${d.name.name}\` must have one unit; this is ${unitWords(v.unit)}, earlier ones are ${unitWords(unit.value!)}`);
    return undefined;
  }
  unit.value = u;
  return v;
}

/** A split divides a whole: its parts are percentages that add up to exactly 100%. */
function lowerSplit(lw: Lowering, d: Ast.RatesDecl, entries: readonly Entry[], ok: boolean, unit: Unit | undefined): IrRates | undefined {
  if (d.fallback) lw.bag.error('S015', d.fallback.span, 'a split lists every part of the whole; it has no `else`');
  const parts = entries.map((e) => e.value);
  if (ok && parts.every((v) => v.kind === 'num' && v.unit === 'ratio')) {
    const total = parts.reduce((sum, v) => sum.plus(v.kind === 'num' ? v.value : 0), new Dec(0));
    if (!total.eq(1)) lw.bag.error('S015', d.name.span, `the parts of \`${d.name.name}\` add up to ${total.mul(100).toFixed()}%, not 100%`, { hint: 'a split divides a whole: its shares must add up to exactly 100%' });
  } else if (ok) {
    lw.bag.error('S015', d.name.span, `the parts of a split are written as percentages, such as \`"north"  50%\``);
  }
  if (!ok || !unit) return undefined;
  return { name: d.name.name, split: true, unit, keys: d.keys.map((k) => k.name), entries: [...entries], source: sourceOf(lw.source, d.span) };
}

/** A rate table key as canonical text: the same text the runtime makes of a row's value. */
function rateKeyText(k: Ast.RateKey): string {
  switch (k.kind) {
    case 'StringLit':
      return k.value;
    case 'NumberLit':
      return new Dec(k.text.replace(/,/g, '')).toFixed();
    case 'BoolLit':
      return k.value ? 'true' : 'false';
    case 'KeyRange':
      return `range ${k.span.start}`;
  }
}
