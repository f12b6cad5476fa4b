/**
 * `if … then … else …` through the stages that have no example of their own: how it parses and
 * prints (precedence, `else if` chains), its units (T001, T002), and the limits that keep a long
 * chain of `else if` from exhausting the stack (P006 on a line, S017 through definitions).
 */
import { describe, expect, it } from 'vitest';
import { check } from '@payplan/core';
import { parsePlan, printPlan, type Ast } from '@payplan/syntax';

const head = 'plan "if"\n  currency EUR\n  settle quarterly\n\ntable deals\n  id     text key\n  rep    payee\n  closed date\n  price  money\n  cost   money\n\ntable quotas per payee per period\n  T  money\n\nbase margin = sum of price - cost over deals\n';
const codes = (text: string) => check(head + text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
const letValue = (text: string): Ast.Expr => {
  const parsed = parsePlan(`let x = ${text}\n`, 'plan.payplan');
  expect(parsed.diagnostics).toEqual([]);
  const d = parsed.value.plan.decls[0]!;
  if (d.kind !== 'Let') throw new Error('not a let');
  return d.value;
};

describe('if … then … else …: syntax', () => {
  it('is the loosest form: its else branch runs to the end of the expression', () => {
    const e = letValue('if a then b else c + d');
    expect(e.kind).toBe('If');
    if (e.kind === 'If') expect(e.else.kind).toBe('Binary');
  });

  it('chains with else if, each if nested in the previous else', () => {
    const e = letValue('if a then 1 else if b then 2 else 3');
    expect(e.kind === 'If' && e.else.kind).toBe('If');
  });

  it('needs parentheses inside an operator', () => {
    expect(parsePlan('let x = 5% of if a then b else c\n', 'plan.payplan').diagnostics.map((d) => d.code)).toEqual(['P001']);
    expect(letValue('(if a then 5% else 10%) of b').kind).toBe('Of');
  });

  it('prints as written, and the printed plan parses back to the same text', () => {
    const text = 'let x = if a and not b then (if c then 1 else 2) else if d then -3 else min(e, if f then 4 else 5)\n';
    const parsed = parsePlan(text, 'plan.payplan');
    expect(parsed.diagnostics).toEqual([]);
    expect(printPlan(parsed.value.plan, text)).toBe(text);
  });

  it('reserves if and then as keywords', () => {
    expect(parsePlan('let if = 1\n', 'plan.payplan').diagnostics.length).toBeGreaterThan(0);
    expect(parsePlan('let then = 1\n', 'plan.payplan').diagnostics.length).toBeGreaterThan(0);
  });
});

describe('if … then … else …: units', () => {
  it('takes the common unit of its branches; a bare number takes the other branch\'s unit', () => {
    expect(codes('let a = if margin > 0 then 0 else 5% of margin\nbonus b when a > 100 pay a\n')).toEqual([]);
    expect(codes('let r = if margin > T then 8% else 5%\ncommission on margin pay r\n')).toEqual([]);
  });

  it('rejects branches of different units (T001) and a condition that is not yes/no (T002)', () => {
    expect(codes('let a = if margin > 0 then 5% else margin\nbonus b when a > 0 pay 1\n')).toEqual(['T001']);
    expect(codes('let a = if margin then 1 else 2\nbonus b when a > 0 pay 1\n')).toEqual(['T002']);
    // A rule that pays a percentage is still T003, whichever branch makes it one.
    expect(codes('bonus b when margin > 0 pay if margin > T then 5% else 2%\n')).toEqual(['T003']);
  });

  it('is usable per row, in conditions and in pays', () => {
    expect(codes('for each deal in deals\n  r when (if price > cost then price else cost) > 10 pay (if price > 2 * cost then 10% else 5%) of (price - cost)\n')).toEqual([]);
  });
});

describe('if … then … else …: limits', () => {
  it('counts each if of an else-if chain as a level of nesting (P006)', () => {
    const chain = (n: number) => `let x = ${Array.from({ length: n }, (_, i) => `if margin > ${i} then ${i} else `).join('')}0\n`;
    expect(parsePlan(chain(60), 'plan.payplan').diagnostics).toEqual([]);
    expect(parsePlan(chain(65), 'plan.payplan').diagnostics.map((d) => d.code)).toEqual(['P006']);
  });

  it('counts the levels of an if in a chain of definitions (S017)', () => {
    const lets = (n: number) => Array.from({ length: n }, (_, i) => `let a${i + 1} = if a${i} > 0 then a${i} else 0\n`).join('');
    const plan = (n: number) => `const a0 = 1\n${lets(n)}bonus b when margin > 0 pay a${n}\n`;
    // Each definition adds three levels: the `if`, the comparison in its condition, the name.
    expect(codes(plan(150))).toEqual([]);
    expect(codes(plan(180))).toEqual(['S017']);
  });
});
