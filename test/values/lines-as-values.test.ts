/**
 * Lines as values (issue 13, item 1) and fixed pay (item 6) at the checker: a line read by name,
 * cycles through lines (S008, both ends), lines in constants (N006), reports that are not numbers
 * or round badly, and the plain forms of a fixed bonus and a fixed salary.
 */
import { describe, expect, it } from 'vitest';
import { check } from '@payplan/core';

const prelude = `plan "Values"
  currency EUR
  settle quarterly

table deals
  id     text key
  rep    payee
  closed date
  amount money

base revenue = sum of amount over deals
`;

const codes = (body: string) => check(prelude + body).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('statement lines as values', () => {
  it('reads a line by its default name, which is a keyword', () => {
    expect(codes('commission on revenue pay 5%\nbonus decelerator when revenue < 1,000 pay -50% of commission\n')).toEqual([]);
  });

  it('reads a line declared further down', () => {
    expect(codes('bonus kicker pay 10% of base_pay\ncommission base_pay on revenue pay 5%\n')).toEqual([]);
  });

  it('reports a cycle through lines once, at both ends', () => {
    const d = check(`${prelude}bonus first pay 10% of second\nlet part = 50% of first\nbonus second pay part\n`).diagnostics.filter((x) => x.code === 'S008');
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toBe('the line `first` is computed from itself: first → second → part → first');
    expect(d[0]!.labels?.[0]?.message).toBe('`first` reads `second` here');
  });

  it('a cap that reads its own line is a cycle', () => {
    expect(codes('commission on revenue pay 5%\ncap commission at 2 * commission\n')).toEqual(['S008']);
  });

  it('a constant cannot read a line', () => {
    expect(codes('commission on revenue pay 5%\nconst c = 2 * commission\n')).toEqual(['N006']);
  });

  it('a report is a number, rounded by a known mode to a positive step', () => {
    expect(codes('report paid = revenue > 0\n')).toEqual(['T003']);
    expect(codes('report r = revenue round halfup to 0.01\n')).toEqual(['S007']);
    expect(codes('report r = revenue round half_up to 0\n')).toEqual(['S007']);
    expect(codes('report r = revenue round half_up to 0.01\nbonus b pay r\n')).toEqual([]);
  });

  it('a report shares the names of statement lines', () => {
    expect(codes('commission on revenue pay 5%\nreport commission_rate = commission / revenue\nreport commission_rate = revenue\n')).toContain('S006');
  });
});

describe('fixed pay', () => {
  it('a bonus without `when` and a salary without `floats with`', () => {
    expect(codes('bonus phone pay 35\nsalary of 2,000\n')).toEqual([]);
  });

  it('a fixed salary cannot have bands', () => {
    expect(codes('salary of 2,000\n  below 80% by -10%\n')).toEqual(['S003']);
  });
});
