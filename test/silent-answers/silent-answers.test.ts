/**
 * Silent answers (issue 11): inputs that used to give a wrong figure, or a right error in the wrong
 * place, without a word. Each folder is a reproducer: `silent-manager` (a manager without rows of
 * their own got no statement), `hierarchy-missing-results` and `split-missing-part` (missing data
 * reported at the plan instead of the data row naming the payee, D018), `history-outside-run` (a
 * payment history of another year silently ignored, D016) and `history-hides-rows` (a history row
 * hiding rows nothing pays, D017). The CLI's output is golden (`expected.txt`), and the compiled
 * module gives what the interpreter gives, diagnostics included.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '@payplan/interpreter';
import { runCli } from '../support/cli.js';
import { golden } from '../support/plans.js';
import { importCompiled, planWithData } from '../compiler/support.js';

const dir = 'test/silent-answers';

describe('a payee with no rows of their own still gets a statement', () => {
  it('silent-manager: max is paid the 3% override on 150,000', async () => {
    const r = await runCli(['run', `${dir}/silent-manager/plan.payplan`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('max    2026-Q1  4,500.00      4,500.00');
    expect(r.stdout).toBe(golden(`${dir}/silent-manager/expected.txt`, r.stdout));
    const max = await runCli(['run', `${dir}/silent-manager/plan.payplan`, '--payee', 'max', '--json']);
    const statements = (JSON.parse(max.stdout) as { statements: { payee: string; payout: string }[] }).statements;
    expect(statements.map((s) => [s.payee, s.payout])).toEqual([['max', '4500.00']]);
  });
});

describe('errors about data point at the data, with a code', () => {
  for (const [name, code] of [
    ['hierarchy-missing-results', 'D018'],
    ['split-missing-part', 'D018'],
    ['history-outside-run', 'D016'],
    ['history-hides-rows', 'D017'],
  ] as const) {
    it(`${name}: ${code} at the data row and column`, async () => {
      const r = await runCli(['run', `${dir}/${name}/plan.payplan`]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^error\\[${code}\\]: ${dir}/${name}/\\w+\\.csv row \\d+, column \\w+: `));
      expect(r.stderr).not.toContain('.payplan:');
      expect(r.stderr).toBe(golden(`${dir}/${name}/expected.txt`, r.stderr));
    });
  }
});

describe('the compiled module agrees with the interpreter on the reproducers', () => {
  for (const name of ['silent-manager', 'hierarchy-missing-results', 'split-missing-part', 'history-outside-run', 'history-hides-rows']) {
    it(name, async () => {
      const plan = `${dir}/${name}/plan.payplan`;
      const { ir, text, data } = planWithData(plan);
      const { module: m } = await importCompiled(ir, text, plan);
      const expected = evaluate(ir, data);
      expect(expected.diagnostics.length + (expected.value?.statements.length ?? 0)).toBeGreaterThan(0);
      expect(m.evaluate(data)).toEqual(expected);
      expect(m.evaluate(data, { fast: false })).toEqual(expected);
    });
  }
});
