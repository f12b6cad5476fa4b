/**
 * Differential tests on every example plan (and the edge cases in cases/) with its data: the compiled module must compute
 * exactly what the interpreter computes — statements, explanations, exceptions and diagnostics — on
 * both of its paths (exact integers and decimals), from loaded rows and from plain objects.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '@payplan/interpreter';
import { plansUnder } from '../support/plans.js';
import { importCompiled, loadRaw, planWithData, rawInputs } from './support.js';

const plans = [...plansUnder('examples'), ...plansUnder('test/compiler/cases')];

/** Examples whose shipped data deliberately leaves the exact-integer path: they must fall back, not take it. */
const beyondIntegers: Record<string, string> = {
  // Case 18: eve's price 3,333.335 has more decimals than the money column's integer scale.
  'examples/inclusive-bands/plan.payplan': 'a price with three decimals',
};

describe('compiled examples agree with the interpreter', () => {
  it('finds the example plans', () => expect(plans.length).toBeGreaterThanOrEqual(3));
  for (const plan of plans) {
    it(plan, async () => {
      const { ir, text, data } = planWithData(plan);
      const { module: m, code, fastPath } = await importCompiled(ir, text, plan);
      const fast = fastPath as { statements: boolean; payouts: boolean };
      expect(code).not.toMatch(/\beval\(|\bFunction\(/);
      const expected = evaluate(ir, data);
      expect(m.evaluate(data)).toEqual(expected);
      expect(m.evaluate(data, { fast: false })).toEqual(expected);
      // Where the plan has a fast path, the shipped data must take it (not fall back) and agree.
      if (fast.statements && expected.value && beyondIntegers[plan]) expect(() => m.evaluate(data, { fast: 'only' }), beyondIntegers[plan]).toThrow(/exact-integer path cannot compute/);
      else if (fast.statements && expected.value) expect(m.evaluate(data, { fast: 'only' })).toEqual(expected);

      // The same rows as an application passes them.
      const raw = rawInputs(ir, data);
      const fromRaw = evaluate(ir, loadRaw(ir, raw));
      if (fromRaw.value) {
        expect(m.computeStatements(raw)).toEqual(fromRaw.value);
        expect(m.computeStatements(raw, { fast: false })).toEqual(fromRaw.value);
        const payouts = fromRaw.value.statements.map((s) => ({ payee: s.payee, period: s.period, payout: s.payout }));
        expect(m.computePayouts(raw)).toEqual(payouts);
        expect(m.computePayouts(raw, { fast: false })).toEqual(payouts);
        if (fast.statements && !beyondIntegers[plan]) expect(m.computeStatements(raw, { fast: 'only' })).toEqual(fromRaw.value);
        if (fast.payouts && !beyondIntegers[plan]) expect(m.computePayouts(raw, { fast: 'only' })).toEqual(payouts);
        for (const s of fromRaw.value.statements.slice(0, 3)) expect(m.computeStatement(raw, s.payee, s.period)).toEqual(s);
      } else {
        expect(() => m.computeStatements(raw)).toThrow();
      }
    });
  }
});
