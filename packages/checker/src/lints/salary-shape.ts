/**
 * L003 and L004 for floating salaries: a band that can never be reached, and a move from one band
 * (or gap) to the next that lowers the salary as the measure rises.
 */
import type { Span } from '@payplan/diagnostics';
import { bandLabel, percentText, ZERO } from '@payplan/runtime';
import type { IrExpr, IrSalary } from '../ir.js';
import type { Linear } from '../order.js';
import { form, type Cx } from './context.js';
import { isConstant, lconst, plus, provablyZero, signOf, whenNegative } from './linear.js';

/**
 * A floating salary takes the first band its measure falls in, and stays unchanged between bands.
 * A band after an open-ended `from` band (or inside an earlier band) is never reached; moving from
 * one band (or gap) to the next with a smaller adjustment lowers the salary as the measure rises.
 */
export function salaryShape(cx: Cx, c: IrSalary): void {
  const owner = c.source.span;
  const lo = c.bands.map((b) => (b.lower ? form(cx, b.lower) : undefined));
  const hi = c.bands.map((b) => (b.upper ? form(cx, b.upper) : undefined));
  /** `a ≤ b` for every input; an absent bound is -∞ (lower) or +∞ (upper). */
  const atMost = (a: Linear | undefined, b: Linear | undefined): boolean => !!a && !!b && signOf(plus(b, a, -1)) === 'never-negative';
  const words = (b: IrSalary['bands'][number]) => `\`${bandLabel(b.source.text).replace(/\s+by\s.*$/, '')}\``;
  const reachable = c.bands.map((b, j) => {
    const covering = c.bands.findIndex((a, i) => i < j && (!a.lower || (!!b.lower && atMost(lo[i], lo[j]))) && (!a.upper || (!!b.upper && atMost(hi[j], hi[i]))));
    if (covering >= 0) {
      cx.warn('L004', { start: b.source.span.start, end: b.by.span.end }, `band ${words(b)} can never be reached: band ${words(c.bands[covering]!)} before it already covers it`, {
        owner,
        labels: [{ span: { start: c.bands[covering]!.source.span.start, end: c.bands[covering]!.by.span.end }, message: 'the salary takes the first band that fits' }],
        hint: 'bands are tried in order: move this band before the one that covers it, or narrow that one',
      });
    }
    return covering < 0;
  });
  // Moving along the measure: into each band at its lower bound (from the band before it when they
  // join, else from the unchanged salary of a gap), and out of it at its upper bound into a gap.
  const live = c.bands.map((b, i) => ({ b, i })).filter(({ i }) => reachable[i]);
  const joins = (a: Linear | undefined, b: Linear | undefined) => !!a && !!b && provablyZero(plus(a, b, -1));
  const moves: { at: IrExpr; from: Linear | undefined; to: Linear | undefined; span: Span }[] = [];
  live.forEach(({ b, i }, n) => {
    const prev = live[n - 1];
    const next = live[n + 1];
    const by = form(cx, b.by);
    if (b.lower && !(prev && joins(hi[prev.i], lo[i]))) moves.push({ at: b.lower, from: lconst(ZERO), to: by, span: b.by.span });
    if (b.lower && prev && joins(hi[prev.i], lo[i])) moves.push({ at: b.lower, from: form(cx, prev.b.by), to: by, span: b.by.span });
    if (b.upper && !(next && joins(hi[i], lo[next.i]))) moves.push({ at: b.upper, from: by, to: lconst(ZERO), span: b.upper.span });
  });
  for (const m of moves) {
    if (!m.from || !m.to) continue;
    const change = plus(m.to, m.from, -1);
    const sign = signOf(change);
    if (sign === 'never-negative') continue;
    const at = cx.say(m.at);
    const notes = isConstant(m.from) && isConstant(m.to) ? [`it moves by ${percentText(m.from.constant)} just below \`${at}\` and by ${percentText(m.to.constant)} from it on`] : [];
    if (sign === 'either') notes.push(`it falls ${whenNegative(change)}`);
    cx.warn('L003', m.span, `the salary ${sign === 'either' ? 'can fall' : 'falls'} as \`${c.measureName}\` rises past \`${at}\``, {
      owner,
      notes,
      hint: 'a higher band should not move the salary less than the band (or gap) below it; if it is meant, end the band\'s line with `# cliff: intended`',
    });
  }
}
