/**
 * The CLI end to end, through `main` with captured output. Bad data: each folder in bad-data/ holds
 * deals.csv and quotas.csv for bad-data/plan.payplan; the run must exit 1, print nothing on stdout
 * (no partial statement may pass for a complete one) and print the golden `expected.txt` on stderr.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { golden, root } from '../support/plans.js';

const cli = (...argv: string[]) => runCli(argv);

const badData = 'test/cli/bad-data';
const cases = readdirSync(join(root, badData)).filter((n) => statSync(join(root, badData, n)).isDirectory()).sort();

describe('bad data is reported with file, row and column, exit code 1, nothing on stdout', () => {
  it('has the fixtures the issue names', () => {
    for (const name of ['wrong-type', 'missing-column', 'unknown-column', 'duplicate-key', 'unknown-payee', 'date-outside-plan', 'empty-file', 'not-utf8']) expect(cases).toContain(name);
  });
  for (const name of cases) {
    it(name, async () => {
      const dir = `${badData}/${name}`;
      const r = await cli('run', `${badData}/plan.payplan`, '--data', `deals=${dir}/deals.csv`, '--data', `quotas=${dir}/quotas.csv`);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`${dir}/(deals|quotas)\\.csv`));
      expect(r.stderr).toBe(golden(`${dir}/expected.txt`, r.stderr));
    });
  }
});

describe('the payplan command', () => {
  it('runs the seed plan with the data beside it', async () => {
    const r = await cli('run', 'examples/account-executive/plan.payplan');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('ana    2026-Q1    7,400.00  2,000.00          6,000.00     15,400.00');
    expect(r.stdout).toContain('total payout 27,385.60 CNY');
  });

  it('prints JSON and CSV', async () => {
    const json = JSON.parse((await cli('run', 'examples/account-executive/plan.payplan', '--json')).stdout) as { statements: { payee: string; payout: string }[] };
    expect(json.statements.map((s) => [s.payee, s.payout])).toEqual([['ana', '15400.00'], ['bob', '2085.00'], ['cat', '0.00'], ['dan', '4000.00'], ['eve', '5900.60']]);
    const csv = (await cli('run', 'examples/account-executive/plan.payplan', '--csv')).stdout.trim().split('\n');
    expect(csv[0]).toBe('payee,period,commission,bonus,price_difference,payout,exceptions');
    expect(csv[5]).toBe('eve,2026-Q1,3300.00,2000.00,600.60,5900.60,0');
  });

  it('explains one statement, and says which exist when asked for one that does not', async () => {
    const r = await cli('explain', 'examples/account-executive/plan.payplan', '--payee', 'eve', '--period', '2026-Q1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('band from T (50000.00 ≤ margin 60000.00): 5% of T + 8% of excess = 3300.00 (excess 10000.00)');
    expect(r.stdout).toContain('deals row 8 (7): 30000.00');
    const missing = await cli('explain', 'examples/account-executive/plan.payplan', '--payee', 'zed', '--period', '2026-Q1');
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe('payplan explain: --payee "zed" matches no statement; the payees of this run are ana, bob, cat, dan and eve\n');
  });

  it('checks a plan: ok, or every error with exit code 1', async () => {
    expect((await cli('check', 'examples/manufacturer/plan.payplan')).stdout).toBe('examples/manufacturer/plan.payplan: ok (4 rules, 2 tables)\n');
    const bad = await cli('check', 'test/diagnostics/plans/parse-errors.payplan');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('--> test/diagnostics/plans/parse-errors.payplan:8:16');
    expect(bad.stderr).toMatch(/\d+ errors\n$/);
  });

  it('reports usage mistakes with exit code 2', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('frobnicate')).stderr).toContain("unknown command 'frobnicate'");
    expect((await cli('run')).code).toBe(2);
    expect((await cli('run', 'a.payplan', '--bogus')).code).toBe(2);
    expect((await cli('explain', 'examples/account-executive/plan.payplan')).code).toBe(2);
  });

  it('reports a missing plan or data file without crashing', async () => {
    const r = await cli('run', 'no/such.payplan');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: cannot read no/such.payplan: no such file\n');
    const d = await cli('run', 'examples/account-executive/plan.payplan', '--data', 'deals=nope.csv');
    expect(d.code).toBe(1);
    expect(d.stderr).toBe('error: cannot read nope.csv for table deals: no such file\n');
    const t = await cli('run', 'examples/account-executive/plan.payplan', '--data', 'dealz=x.csv');
    expect(t.code).toBe(1);
  });
});

describe('effective-dated plan versions', () => {
  it('pays each quarter by the version in effect on its first day', async () => {
    const r = await cli('run', 'examples/plan-versions/v1.payplan', 'examples/plan-versions/v2.payplan', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { plan: string; statements: { period: string; version: string; payout: string }[] };
    expect(result.plan).toBe('Field sales H1 2026, Field sales H2 2026 (from 2026-07-01)');
    expect(result.statements.map((s) => [s.period, s.version, s.payout])).toEqual([
      ['2026-Q1', 'Field sales H1 2026', '4000.00'], // 5% of 80,000
      ['2026-Q2', 'Field sales H1 2026', '6000.00'], // 5% of 120,000
      ['2026-Q3', 'Field sales H2 2026', '5400.00'], // 6% of 90,000, below the bonus threshold
      ['2026-Q4', 'Field sales H2 2026', '7600.00'], // 6% of 110,000 + 1,000 bonus
    ]);
  });

  it('rejects an effective date that does not start a settlement period', async () => {
    const { mkdtempSync, writeFileSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'payplan-versions-'));
    writeFileSync(join(dir, 'v2.payplan'), readFileSync(join(root, 'examples/plan-versions/v2.payplan'), 'utf8').replace('effective 2026-07-01', 'effective 2026-08-15'));
    const r = await cli('run', 'examples/plan-versions/v1.payplan', join(dir, 'v2.payplan'), '--data', 'deals=examples/plan-versions/deals.csv');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('`effective 2026-08-15` must be the first day of a settlement period (such as 2026-07-01)');
  });
});

describe('declared ranges', () => {
  it('reports each cell outside its column\'s range, at the cell', async () => {
    const dir = 'test/cli/bad-data-ranges';
    const r = await cli('run', `${dir}/plan.payplan`, '--data', `quotas=${dir}/out-of-range/quotas.csv`);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(golden(`${dir}/out-of-range/expected.txt`, r.stderr));
  });
});
