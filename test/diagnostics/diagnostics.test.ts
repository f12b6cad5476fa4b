/**
 * Diagnostic golden tests: each plan in plans/ is checked and its rendered diagnostics (what
 * `payplan check` prints) must equal the checked-in `<plan>.diagnostics.txt`. Rewrite with
 * UPDATE_GOLDEN=1 and review with git diff.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '@payplan/core';
import { hasErrors, renderDiagnostics } from '@payplan/diagnostics';
import { golden, plansUnder, root } from '../support/plans.js';

describe('bad plans give their golden diagnostics', () => {
  const plans = plansUnder('test/diagnostics/plans');
  it('has bad plans to check', () => expect(plans.length).toBeGreaterThanOrEqual(4));
  for (const plan of plans) {
    it(plan, () => {
      const checked = check(readFileSync(join(root, plan), 'utf8'), plan);
      expect(hasErrors(checked.diagnostics)).toBe(true);
      expect(checked.ir).toBeUndefined();
      const actual = renderDiagnostics(checked.diagnostics, new Map([[plan, checked.source]]));
      expect(actual).toBe(golden(plan.replace(/\.payplan$/, '.diagnostics.txt'), actual));
    });
  }
});
