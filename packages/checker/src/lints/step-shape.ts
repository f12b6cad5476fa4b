/**
 * L003 and L004 for step bonuses: a step that pays less than the one below it (or a negative
 * amount, when every step pays), and a step above what the steps below it already reach under a cap.
 */
import { ZERO } from '@payplan/runtime';
import type { IrStepBonus } from '../ir.js';
import { form, type Cx } from './context.js';
import { amountText, isConstant, lconst, plus, signOf, whenNegative } from './linear.js';

/**
 * A step bonus paying only its highest step falls when a step pays less than the one below it; one
 * paying every step falls when a step pays a negative amount. A cap that the steps below already
 * reach makes the steps above it pointless.
 */
export function stepShape(cx: Cx, c: IrStepBonus): void {
  const pays = c.steps.map((s) => form(cx, s.pay));
  const owner = c.source.span;
  c.steps.forEach((s, i) => {
    const p = pays[i];
    const prev = i > 0 ? pays[i - 1] : lconst(ZERO);
    if (!p || !prev) return;
    const change = c.mode === 'highest' ? plus(p, prev, -1) : p;
    const sign = signOf(change);
    if (sign === 'never-negative') return;
    const at = cx.say(s.at);
    const notes: string[] = [];
    if (c.mode === 'highest' && i > 0 && isConstant(p) && isConstant(prev)) notes.push(`reaching \`${at}\` pays ${amountText(p.constant)} instead of ${amountText(prev.constant)}: only the highest step reached pays`);
    if (sign === 'either') notes.push(`it falls ${whenNegative(change)}`);
    cx.warn('L003', s.pay.span, `the payout ${sign === 'either' ? 'can fall' : 'falls'} as \`${c.onName}\` reaches \`${at}\``, {
      owner,
      labels: c.mode === 'highest' && i > 0 ? [{ span: c.steps[i - 1]!.pay.span, message: 'the step before it pays more' }] : [],
      notes,
      hint: `${c.mode === 'highest' ? 'each step should pay at least as much as the one before it' : 'a step that pays a negative amount takes money back when it is passed'}; if the drop is intended, end the step's line with \`# cliff: intended\``,
    });
  });
  for (const limit of cx.ir.limits) {
    if (limit.bound !== 'cap' || limit.target !== c.name) continue;
    const cap = form(cx, limit.value);
    if (!cap) continue;
    let paid = lconst(ZERO);
    for (const [i, s] of c.steps.entries()) {
      const before = paid;
      const p = pays[i];
      if (!p) break;
      paid = c.mode === 'highest' ? p : plus(paid, p);
      if (i > 0 && signOf(plus(before, cap, -1)) === 'never-negative' && signOf(plus(paid, cap, -1)) === 'never-negative') {
        cx.warn('L004', { start: s.source.span.start, end: s.pay.span.end }, `step \`at ${cx.say(s.at)}\` can never change the payout: the steps below it already reach the cap`, {
          owner,
          labels: [{ span: { start: limit.source.span.start, end: limit.value.span.end }, message: 'the cap' }],
          hint: 'raise the cap, or drop the steps above it; if it is meant, end the step\'s line with `# unreachable: intended`',
        });
        break;
      }
    }
  }
}
