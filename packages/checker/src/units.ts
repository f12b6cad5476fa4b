/**
 * The unit algebra: what each operator makes of its operands' units, and how units read in
 * messages. `number` (an untyped literal) adapts to the other side, like Go's untyped constants.
 */
import type { Unit } from './ir.js';

export const numeric = new Set<Unit>(['money', 'ratio', 'count', 'decimal', 'number']);

/** How a unit reads in a message: "money", "a percentage", … */
export function unitWords(u: Unit): string {
  switch (u) {
    case 'money':
      return 'money';
    case 'ratio':
      return 'a percentage';
    case 'count':
      return 'a count';
    case 'decimal':
      return 'a plain number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a yes/no condition';
    case 'text':
      return 'text';
    case 'date':
      return 'a date';
    case 'payee':
      return 'a payee';
  }
}

export type UnitResult = { ok: true; unit: Unit } | { ok: false; message: string; hint?: string };

const ok = (unit: Unit): UnitResult => ({ ok: true, unit });

/** The common unit of two values that are added, subtracted, compared or chosen between. */
export function unify(a: Unit, b: Unit): Unit | undefined {
  if (a === b) return a;
  if (a === 'number' && numeric.has(b)) return b;
  if (b === 'number' && numeric.has(a)) return a;
  if ((a === 'count' && b === 'decimal') || (a === 'decimal' && b === 'count')) return 'decimal';
  // A percentage and a plain number are both ratios (120% is 1.2): a weighted score mixes them.
  if ((a === 'ratio' && b === 'decimal') || (a === 'decimal' && b === 'ratio')) return 'ratio';
  if ((a === 'text' && b === 'payee') || (a === 'payee' && b === 'text')) return 'text';
  return undefined;
}

export function arithmetic(op: '+' | '-' | '*' | '/', l: Unit, r: Unit): UnitResult {
  if (!numeric.has(l) || !numeric.has(r)) {
    const bad = numeric.has(l) ? r : l;
    return { ok: false, message: `cannot do arithmetic with ${unitWords(bad)}` };
  }
  switch (op) {
    case '+':
    case '-': {
      const u = unify(l, r);
      if (u) return ok(u);
      const verb = op === '+' ? 'add' : 'subtract';
      const hint =
        (l === 'money' && r === 'ratio') || (l === 'ratio' && r === 'money')
          ? 'to take a percentage of an amount, write `5% of amount`'
          : undefined;
      return { ok: false, message: `cannot ${verb} ${unitWords(l)} and ${unitWords(r)}`, ...(hint && { hint }) };
    }
    case '*': {
      if (l === 'money' && r === 'money') return { ok: false, message: 'cannot multiply money by money', hint: 'multiply money by a rate, a count or a number' };
      if (l === 'money' || r === 'money') return ok('money');
      if (l === 'number') return ok(r);
      if (r === 'number') return ok(l);
      if (l === r) return ok(l);
      // Weighting a percentage by a plain number gives a percentage: 0.5 × 120% = 60%.
      if ((l === 'ratio' && r === 'decimal') || (l === 'decimal' && r === 'ratio')) return ok('ratio');
      return ok('decimal');
    }
    case '/': {
      if (l === 'money' && r === 'money') return ok('ratio');
      if (l === 'money') return ok('money');
      if (r === 'money') return { ok: false, message: `cannot divide ${unitWords(l)} by money`, hint: 'divide money by money to get a ratio such as attainment' };
      if (r === 'number') return ok(l);
      // A ratio of like units is a percentage: count ÷ count, 30% ÷ 25%, score ÷ score.
      if (l === r) return ok('ratio');
      if (l === 'number' && r === 'ratio') return ok('decimal');
      if (l === 'number') return ok(r);
      return ok('decimal');
    }
  }
}

/** `rate of amount`: the left side must be a rate. */
export function ofUnit(rate: Unit, amount: Unit): UnitResult {
  if (rate !== 'ratio' && rate !== 'number' && rate !== 'decimal') {
    return { ok: false, message: `\`of\` takes a rate on its left, but this is ${unitWords(rate)}`, hint: 'write it as `5% of T`' };
  }
  // A share of something has that thing's unit: 60% of an untyped 100,000 is still untyped.
  if (amount === 'number') return ok('number');
  return arithmetic('*', rate, amount);
}

export function comparable(op: string, l: Unit, r: Unit): UnitResult {
  const u = unify(l, r);
  if (!u) return { ok: false, message: `cannot compare ${unitWords(l)} with ${unitWords(r)}` };
  if (op !== '=' && op !== '!=' && !numeric.has(u) && u !== 'date') {
    return { ok: false, message: `${unitWords(u)} can only be compared with = or !=` };
  }
  return ok('boolean');
}
