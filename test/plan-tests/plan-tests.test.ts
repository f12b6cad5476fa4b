/**
 * `payplan test`: examples in a plan and in a `.examples` file beside it, pass/fail with the
 * difference and the actual line's explanation, rule coverage, and the exit code.
 */
import { describe, expect, it } from 'vitest';
import { testPlan } from '@payplan/core';
import { runCli } from '../support/cli.js';
import { golden } from '../support/plans.js';

const cli = (...argv: string[]) => runCli(argv);

describe('payplan test', () => {
  it('reports failures with the difference and explanation, and coverage (golden)', async () => {
    const r = await cli('test', 'test/plan-tests/tiers.payplan');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(golden('test/plan-tests/tiers.test-output.txt', r.stdout));
  });

  it('passes on the shipped examples', async () => {
    const r = await cli('test', 'examples');
    expect(r.stdout).toMatch(/(\d+) examples: \1 passed, 0 failed\n$/);
    expect(r.code).toBe(0);
  });

  it('gives per-expectation results and coverage as data', () => {
    const text = `plan "t"\n  currency CNY\n  settle monthly\ntable s per payee per period\n  r money\ncommission on r pay 10%\nbonus when r > 100 pay 5\n\nexample "e"\n  s: payee=a period=2026-01 r=50\n  expect a 2026-01 commission = 5\n`;
    const report = testPlan(text, 't.payplan');
    expect(report.examples).toHaveLength(1);
    expect(report.examples[0]!.expectations[0]).toMatchObject({ payee: 'a', period: '2026-01', line: 'commission', expected: '5', actual: '5.00', passed: true });
    expect(report.coverage!.rules).toEqual([
      { name: 'commission', exercised: true },
      { name: 'bonus', exercised: false },
    ]);
  });

  it('rejects examples that name unknown tables, columns or lines', () => {
    const text = `plan "t"\n  currency CNY\n  settle monthly\ntable s per payee per period\n  r money\ncommission on r pay 10%\n`;
    const report = testPlan(text, 't.payplan', [{ file: 't.examples', text: `example "x"\n  z: payee=a\n  s: payee=a period=2026-01 q=1\n  expect a 2026-01 comission = 1\n` }]);
    expect(report.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'N004 unknown table `z` in example "x"',
      'N005 table `s` has no column `q`',
      'N001 no rule makes a line `comission`; expect `payout` or the name of a rule',
    ]);
  });
});
