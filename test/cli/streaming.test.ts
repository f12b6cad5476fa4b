/**
 * `payplan run` streams plainly written CSV through the compiled exact-integer path when the plan
 * qualifies (@payplan/core's runFigures), and otherwise takes the usual path (interpreter). Either
 * way its output must be the same, byte for byte: every example, the benchmark plan on generated
 * data, and the bad-data plan on clean data, as a table and as CSV, with PAYPLAN_STREAM=0 (usual
 * path only) and without it. The bad-data goldens (cli.test.ts) hold the fallback's diagnostics.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { check, runFigures } from '@payplan/core';
import { dealsCsv, generate, quotasCsv } from '../../bench/generate.js';
import { runCli } from '../support/cli.js';
import { root } from '../support/plans.js';

const examples = readdirSync(join(root, 'examples')).filter((d) => existsSync(join(root, 'examples', d, 'plan.payplan')));

// The benchmark plan on 3,000 generated deals, and the bad-data plan on clean data.
const dir = mkdtempSync(join(tmpdir(), 'payplan-streaming-'));
const data = generate(3_000, 40);
writeFileSync(join(dir, 'deals.csv'), dealsCsv(data.deals));
writeFileSync(join(dir, 'quotas.csv'), quotasCsv(data.quotas));
mkdirSync(join(dir, 'clean'));
writeFileSync(join(dir, 'clean', 'deals.csv'), 'id,rep,closed,qty,price\nD1,ana,2026-01-05,2,10.50\nD2,bob,2026-04-01,1,99\n D3 ,ana,2026-02-28,3,0.25\n');
writeFileSync(join(dir, 'clean', 'quotas.csv'), 'payee,period,T\nana,2026-Q1,100\nbob,2026-Q2,50\nbob,2026-Q1,10\n');

const runs: { name: string; argv: string[] }[] = [
  ...examples.map((e) => ({ name: e, argv: [`examples/${e}/plan.payplan`] })),
  { name: 'benchmark plan', argv: ['bench/bench.payplan', '--data', `deals=${dir}/deals.csv`, '--data', `quotas=${dir}/quotas.csv`] },
  { name: 'bad-data plan, clean data', argv: ['test/cli/bad-data/plan.payplan', '--data', `deals=${dir}/clean/deals.csv`, '--data', `quotas=${dir}/clean/quotas.csv`] },
];

afterEach(() => {
  delete process.env['PAYPLAN_STREAM'];
});

async function both(argv: string[]) {
  delete process.env['PAYPLAN_STREAM'];
  const streamed = await runCli(argv);
  process.env['PAYPLAN_STREAM'] = '0';
  const usual = await runCli(argv);
  return { streamed, usual };
}

describe('run prints the same with and without the streaming path', () => {
  for (const r of runs) {
    it(r.name, async () => {
      for (const extra of [[], ['--csv'], ['--csv', '--period', '2026-Q2']]) {
        const { streamed, usual } = await both(['run', ...r.argv, ...extra]);
        expect(streamed).toEqual(usual);
      }
    });
  }
});

describe('which runs stream', () => {
  const figures = async (plan: string, files: Record<string, string>) => {
    const text = readFileSync(join(root, plan), 'utf8');
    const ir = check(text, plan).ir!;
    return runFigures(ir, text, Object.entries(files).map(([table, path]) => ({ table, file: path, path })));
  };

  it('the benchmark plan and the bad-data plan on clean data stream, with the figures the usual path prints', async () => {
    const bench = await figures('bench/bench.payplan', { deals: `${dir}/deals.csv`, quotas: `${dir}/quotas.csv` });
    expect(bench?.statements).toHaveLength(160);
    const clean = await figures('test/cli/bad-data/plan.payplan', { deals: `${dir}/clean/deals.csv`, quotas: `${dir}/clean/quotas.csv` });
    expect(clean?.statements).toEqual([
      { payee: 'ana', period: '2026-Q1', lines: [{ component: 'commission', amount: '1.09' }], payout: '1.09', exceptions: [] },
      { payee: 'ana', period: '2026-Q2', lines: [{ component: 'commission', amount: '0.00' }], payout: '0.00', exceptions: [] },
      { payee: 'bob', period: '2026-Q1', lines: [{ component: 'commission', amount: '0.00' }], payout: '0.00', exceptions: [] },
      { payee: 'bob', period: '2026-Q2', lines: [{ component: 'commission', amount: '4.95' }], payout: '4.95', exceptions: [] },
    ]);
  });

  it('two examples stream; a plan with requirements, credit splits or teams does not', async () => {
    const streams = async (e: string) => {
      const ir = check(readFileSync(join(root, 'examples', e, 'plan.payplan'), 'utf8'), 'p').ir!;
      const files = Object.fromEntries(ir.tables.map((t) => [t.name, join(root, 'examples', e, `${t.name}.csv`)]));
      return (await figures(`examples/${e}/plan.payplan`, files)) !== undefined;
    };
    expect(await streams('negative-incentive')).toBe(true);
    expect(await streams('quota-decomposition')).toBe(true);
    expect(await streams('account-executive')).toBe(false);
    expect(await streams('team-override')).toBe(false);
  });

  it('bad data never streams: the usual path reports it', async () => {
    for (const bad of ['duplicate-key', 'wrong-type', 'unknown-payee', 'date-outside-plan']) {
      const d = `test/cli/bad-data/${bad}`;
      expect(await figures('test/cli/bad-data/plan.payplan', { deals: join(root, d, 'deals.csv'), quotas: join(root, d, 'quotas.csv') })).toBeUndefined();
    }
  });
});
