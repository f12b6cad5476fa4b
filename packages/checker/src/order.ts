/**
 * Static order checks: thresholds, steps and ladders that can never rise. Each value is reduced to
 * a linear form `c + Σ kᵢ·xᵢ` over the plan's inputs (targets, bases), expanding constants and
 * derived values; inputs of money are taken to be non-negative, as targets and bases are, and an
 * input with a declared lower bound (`T money >= 50,000`) is that bound plus a non-negative part. When
 * `b − a` is provably never positive, `a < b` can never hold: `T1 = 60% of T` above
 * `T2 = 50% of T` is caught for every possible T, symbolically, not by sampling.
 */
import { Dec, ONE, ZERO } from '@payplan/runtime';
import type { IrExpr } from './ir.js';

export interface Linear {
  readonly constant: Dec;
  /** Coefficient per input; inputs are non-negative. */
  readonly terms: ReadonlyMap<string, Dec>;
}

/** What a name stands for, so derived values can be expanded. */
export type Definitions = (kind: 'const' | 'let', name: string) => IrExpr | undefined;

const MINUS_ONE = new Dec(-1);
const constant = (c: Dec): Linear => ({ constant: c, terms: new Map() });
const variable = (name: string): Linear => ({ constant: ZERO, terms: new Map([[name, ONE]]) });

function add(a: Linear, b: Linear, sign: 1 | -1): Linear {
  const terms = new Map(a.terms);
  for (const [k, v] of b.terms) terms.set(k, (terms.get(k) ?? ZERO).plus(sign === 1 ? v : v.neg()));
  return { constant: sign === 1 ? a.constant.plus(b.constant) : a.constant.minus(b.constant), terms };
}

function scale(a: Linear, k: Dec): Linear {
  return { constant: a.constant.mul(k), terms: new Map([...a.terms].map(([n, v]) => [n, v.mul(k)])) };
}

/** The linear form of an expression, or undefined when it is not linear in non-negative inputs. */
export function linear(e: IrExpr, defs: Definitions, depth = 0): Linear | undefined {
  if (depth > 50) return undefined;
  switch (e.kind) {
    case 'num':
      return constant(new Dec(e.value));
    case 'const':
    case 'let': {
      const d = defs(e.kind, e.name);
      return d ? linear(d, defs, depth + 1) : undefined;
    }
    case 'base':
      return e.unit === 'money' ? variable(`base:${e.name}`) : undefined;
    case 'payeeValue': {
      // A declared lower bound c makes the value c + y with y ≥ 0; money without one is taken as ≥ 0.
      if (e.atLeast !== undefined) return { constant: new Dec(e.atLeast), terms: new Map([[`${e.table}.${e.column}`, ONE]]) };
      return e.unit === 'money' ? variable(`${e.table}.${e.column}`) : undefined;
    }
    case 'neg': {
      const a = linear(e.operand, defs, depth + 1);
      return a && scale(a, MINUS_ONE);
    }
    case 'arith': {
      const l = linear(e.left, defs, depth + 1);
      const r = linear(e.right, defs, depth + 1);
      if (!l || !r) return undefined;
      if (e.op === '+' || e.op === '-') return add(l, r, e.op === '+' ? 1 : -1);
      if (e.op === '*') {
        if (r.terms.size === 0) return scale(l, r.constant);
        if (l.terms.size === 0) return scale(r, l.constant);
        return undefined;
      }
      return r.terms.size === 0 && !r.constant.isZero() ? scale(l, ONE.div(r.constant)) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Whether `a op b` can never hold for any non-negative inputs: true when `b − a` is never positive
 * (for `<`) or always negative (for `<=`).
 */
export function neverInOrder(a: IrExpr, b: IrExpr, op: '<' | '<=', defs: Definitions): boolean {
  const la = linear(a, defs);
  const lb = linear(b, defs);
  if (!la || !lb) return false;
  const diff = add(lb, la, -1);
  const coefficients = [...diff.terms.values()];
  if (coefficients.some((k) => k.gt(0))) return false;
  // b − a = c + Σ kᵢxᵢ with every kᵢ ≤ 0 and xᵢ ≥ 0: at most c.
  return op === '<' ? diff.constant.lte(0) : diff.constant.lt(0) && coefficients.every((k) => k.lte(0));
}
