/**
 * Golden statements: every plan under examples/ runs on its shipped data and must produce exactly
 * the checked-in `<plan>.statements.json` (statements, explanations, exceptions). Rewrite with
 * `UPDATE_GOLDEN=1 pnpm test` and review the change with `git diff`.
 */
import { describe, expect, it } from 'vitest';
import { renderDiagnostics } from '@payplan/diagnostics';
import { golden, plansUnder, runPlanFile } from '../support/plans.js';

const plans = plansUnder('examples');

describe('example plans produce their golden statements', () => {
  it('finds the example plans', () => {
    expect(plans.length).toBeGreaterThanOrEqual(3);
  });
  for (const plan of plans) {
    it(plan, () => {
      const outcome = runPlanFile(plan);
      expect(outcome.result, renderDiagnostics(outcome.diagnostics, outcome.sources)).toBeDefined();
      const actual = JSON.stringify(outcome.result, null, 2) + '\n';
      expect(actual).toBe(golden(plan.replace(/\.payplan$/, '.statements.json'), actual));
    });
  }
});
