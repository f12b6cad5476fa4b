/**
 * Lint golden tests. Each plan in bad/ is named for the code it shows (`L003-cliffs.payplan`),
 * checks without errors, and its rendered warnings (what `payplan check` prints) must equal the
 * checked-in `<plan>.diagnostics.txt`; each plan in good/ is a guard against false alarms and must
 * check with no diagnostic at all, as must every shipped example. Rewrite the golden files with
 * UPDATE_GOLDEN=1 and review them with git diff.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '@payplan/core';
import { codes, hasErrors, renderDiagnostics } from '@payplan/diagnostics';
import { runCli } from '../support/cli.js';
import { golden, plansUnder, root } from '../support/plans.js';

const checkFile = (plan: string) => check(readFileSync(join(root, plan), 'utf8'), plan);
const lintCodes = Object.keys(codes).filter((c) => c.startsWith('L'));

describe('plans with lints give their golden warnings', () => {
  const plans = plansUnder('test/lint/bad');
  for (const plan of plans) {
    it(plan, () => {
      const checked = checkFile(plan);
      const rendered = renderDiagnostics(checked.diagnostics, new Map([[plan, checked.source]]));
      expect(hasErrors(checked.diagnostics), rendered).toBe(false);
      expect(checked.ir).toBeDefined();
      const code = basename(plan).slice(0, 4);
      expect(checked.diagnostics.length, rendered).toBeGreaterThan(0);
      expect(checked.diagnostics.every((d) => d.code === code && d.severity === 'warning'), rendered).toBe(true);
      expect(rendered).toBe(golden(plan.replace(/\.payplan$/, '.diagnostics.txt'), rendered));
    });
  }
  it('has a plan for every lint code', () => {
    expect(lintCodes.length).toBeGreaterThan(0);
    for (const code of lintCodes) expect(plans.some((p) => basename(p).startsWith(code)), `no test/lint/bad/${code}-*.payplan`).toBe(true);
  });
});

describe('no false alarms', () => {
  for (const plan of [...plansUnder('test/lint/good'), ...plansUnder('examples')]) {
    it(plan, () => {
      const checked = checkFile(plan);
      expect(checked.diagnostics, renderDiagnostics(checked.diagnostics, new Map([[plan, checked.source]]))).toEqual([]);
    });
  }
});

describe('payplan check --strict', () => {
  const cli = (args: string[]) => runCli(args);
  it('passes a plan with lint warnings without --strict, and fails it with --strict', async () => {
    const plan = 'test/lint/bad/L003-cliffs.payplan';
    const relaxed = await cli(['check', plan]);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stderr).toContain('warning[L003]');
    const strict = await cli(['check', plan, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('error[L003]');
  });
  it('passes every shipped example', async () => {
    for (const plan of plansUnder('examples')) expect((await cli(['check', plan, '--strict'])).code, plan).toBe(0);
  });
});
