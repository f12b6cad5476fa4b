/**
 * Property tests: the compiled module and the interpreter agree to the cent, explanations
 * included, on random valid data for every example plan and on random valid plans.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '@payplan/core';
import { hasErrors } from '@payplan/diagnostics';
import type { IrPlan } from '@payplan/checker';
import { evaluate } from '@payplan/interpreter';
import { plansUnder } from '../support/plans.js';
import { dataArbitrary, planArbitrary } from './arbitrary.js';
import { importCompiled, loadRaw, planWithData, type CompiledModule } from './support.js';

/** Both back ends on one data set: loaded rows (both paths) and the same rows as plain objects. */
function agree(ir: IrPlan, m: CompiledModule, raw: Record<string, Record<string, unknown>[]>): boolean {
  let data;
  try {
    data = loadRaw(ir, raw);
  } catch {
    return false; // data the loader rejects (a hierarchy with a cycle, say) is not this test's business
  }
  const expected = evaluate(ir, data);
  expect(m.evaluate(data)).toEqual(expected);
  expect(m.evaluate(data, { fast: false })).toEqual(expected);
  if (expected.value) {
    expect(m.computeStatements(raw)).toEqual(expected.value);
    expect(m.computePayouts(raw)).toEqual(expected.value.statements.map((s) => ({ payee: s.payee, period: s.period, payout: s.payout })));
  } else expect(() => m.computeStatements(raw)).toThrow();
  return true;
}

describe('random data for each example plan', () => {
  for (const plan of plansUnder('examples')) {
    it(plan, async () => {
      const { ir, text } = planWithData(plan);
      const { module: m } = await importCompiled(ir, text, plan);
      fc.assert(
        fc.property(dataArbitrary(ir), (raw) => {
          agree(ir, m, raw);
        }),
        { numRuns: 40 },
      );
    });
  }
});

describe('random valid plans', () => {
  it('compile to modules that agree with the interpreter', async () => {
    const plans = fc.sample(planArbitrary, { numRuns: 40, seed: 20260101 });
    let checked = 0;
    for (const [i, text] of plans.entries()) {
      const c = check(text, `random-${i}.payplan`);
      if (!c.ir || hasErrors(c.diagnostics)) continue; // a combination the checker rejects (bands that can never rise, say)
      checked++;
      const { module: m } = await importCompiled(c.ir, text, `random-${i}`);
      fc.assert(
        fc.property(dataArbitrary(c.ir), (raw) => {
          agree(c.ir!, m, raw);
        }),
        { numRuns: 25, seed: i },
      );
    }
    expect(checked).toBeGreaterThan(30);
  }, 120_000); // 40 modules compiled and imported, 1,000 runs: past 30 s on a loaded two-core machine
});
