/**
 * Linear forms `c + Σ kᵢ·xᵢ` for the lints: arithmetic on them, their sign over inputs that are zero
 * or more, and their wording in a warning. order.ts `linear` makes the forms; this file reasons with them.
 */
import { Dec, moneyText, ONE, percentText, ZERO } from '@payplan/runtime';
import type { Linear } from '../order.js';

/** `excess` inside a band's pay, as the variable `linear` makes of a base of this name. */
export const EXCESS_BASE = '\u0000excess';
export const EXCESS = `base:${EXCESS_BASE}`;
/** A position inside a band: how far the base is above the band's lower bound. */
export const POS = '\u0000pos';

export const lconst = (c: Dec): Linear => ({ constant: c, terms: new Map() });
export const lvar = (name: string): Linear => ({ constant: ZERO, terms: new Map([[name, ONE]]) });

export function plus(a: Linear, b: Linear, sign: 1 | -1 = 1): Linear {
  const terms = new Map(a.terms);
  for (const [k, v] of b.terms) terms.set(k, (terms.get(k) ?? ZERO).plus(sign === 1 ? v : v.neg()));
  return { constant: sign === 1 ? a.constant.plus(b.constant) : a.constant.minus(b.constant), terms };
}

export function times(a: Linear, k: Dec): Linear {
  return { constant: a.constant.mul(k), terms: new Map([...a.terms].map(([n, v]) => [n, v.mul(k)])) };
}

export const isConstant = (a: Linear): boolean => [...a.terms.values()].every((k) => k.isZero());

/** The product of two forms when one of them is a constant; otherwise not linear. */
export function product(a: Linear, b: Linear): Linear | undefined {
  if (isConstant(a)) return times(b, a.constant);
  if (isConstant(b)) return times(a, b.constant);
  return undefined;
}

/** `a` with the variable `v` replaced by the form `m`. */
export function substitute(a: Linear, v: string, m: Linear): Linear {
  const k = a.terms.get(v);
  if (!k || k.isZero()) return a;
  const terms = new Map(a.terms);
  terms.delete(v);
  return plus({ constant: a.constant, terms }, times(m, k));
}

export const coefficient = (a: Linear, v: string): Dec => a.terms.get(v) ?? ZERO;
export const mentions = (a: Linear, v: string): boolean => !coefficient(a, v).isZero();

/**
 * Over inputs that are zero or more: never below zero; below zero for every input but all zeros
 * (`-1% of T` counts: a target of zero is no target); or either, depending on the inputs.
 */
export function signOf(a: Linear): 'never-negative' | 'always-negative' | 'either' {
  const ks = [...a.terms.values()];
  if (a.constant.gte(0) && ks.every((k) => k.gte(0))) return 'never-negative';
  if (a.constant.lte(0) && ks.every((k) => k.lte(0))) return 'always-negative';
  return 'either';
}

export const provablyZero = (a: Linear): boolean => a.constant.isZero() && isConstant(a);

/** A variable of a linear form as the plan names it: `base:margin` → `margin`, `quotas.T` → `T`. */
const varName = (v: string): string => (v.startsWith('base:') ? v.slice(5) : v.startsWith('?') ? v.slice(1) : (v.split('.').pop() ?? v));

/** 15400 → "15,400.00". */
export function amountText(d: Dec): string {
  const t = moneyText(d);
  const [int = '', frac] = t.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  return `${sign}${int.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac !== undefined ? '.' + frac : ''}`;
}

/** A form in words: `2,000.00 - 1% of \`T\``. Inputs are money, so a coefficient reads as a share. */
export function formText(a: Linear): string {
  const parts: { neg: boolean; text: string }[] = [];
  if (!a.constant.isZero()) parts.push({ neg: a.constant.lt(0), text: amountText(a.constant.abs()) });
  for (const [v, k] of a.terms) if (!k.isZero()) parts.push({ neg: k.lt(0), text: `${percentText(k.abs())} of \`${varName(v)}\`` });
  if (!parts.length) return '0.00';
  return parts.map((p, i) => (i === 0 ? `${p.neg ? '-' : ''}${p.text}` : `${p.neg ? '-' : '+'} ${p.text}`)).join(' ');
}

/** In words, when a form that can be negative is: `when T is below 200,000.00`. */
export function whenNegative(a: Linear): string {
  const vars = [...a.terms].filter(([, k]) => !k.isZero());
  if (vars.length === 1) {
    const [[v, k]] = vars as [[string, Dec]];
    const at = amountText(a.constant.neg().div(k));
    return k.gt(0) ? `when \`${varName(v)}\` is below ${at}` : `when \`${varName(v)}\` is above ${at}`;
  }
  return `for some values of ${vars.map(([v]) => `\`${varName(v)}\``).join(', ')}`;
}
