/** `payplan init`: the starter it writes passes test, check --strict and fmt --check as created, and runs. */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'payplan-init-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cli = (...argv: string[]) => runCli(argv, work);

describe('payplan init', () => {
  it('writes a starter that passes its own checks as created', async () => {
    const init = await cli('init', 'comp');
    expect(init.code).toBe(0);
    expect(init.stdout).toBe('wrote comp/plan.payplan, comp/deals.csv, comp/quotas.csv\nnext: `payplan run comp/plan.payplan` for statements, `payplan test comp` for its examples, `payplan check comp/plan.payplan --strict` as CI would\n');
    expect(readdirSync(join(work, 'comp')).sort()).toEqual(['deals.csv', 'plan.payplan', 'quotas.csv']);
    expect(await cli('check', 'comp/plan.payplan', '--strict')).toEqual({ code: 0, stdout: 'comp/plan.payplan: ok (2 rules, 2 tables)\n', stderr: '' });
    expect(await cli('fmt', '--check', 'comp/plan.payplan')).toEqual({ code: 0, stdout: '', stderr: '' });
    const test = await cli('test', 'comp');
    expect(test.code).toBe(0);
    expect(test.stdout).toContain('2 examples: 2 passed, 0 failed');
    expect(test.stdout).toContain('coverage: 2 of 2 rules paid in some example');
  });

  it('runs on its sample data to the payouts worked by hand', async () => {
    // ana Q1: 5% of 100,000 + 8% of 30,000 = 7,400 and the bonus (130,000 ≥ 120,000); bob Q2: 5% of 90,000 + 8% of 20,000 = 6,100 and the bonus.
    const r = await cli('run', 'comp/plan.payplan', '--csv');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'payee,period,commission,bonus,payout,exceptions',
      'ana,2026-Q1,7400.00,1000.00,8400.00,0',
      'ana,2026-Q2,2250.00,0.00,2250.00,0',
      'bob,2026-Q1,3000.00,0.00,3000.00,0',
      'bob,2026-Q2,6100.00,1000.00,7100.00,0',
    ]);
  });

  it('writes into the current folder by default, and never overwrites', async () => {
    const here = join(work, 'here');
    mkdirSync(here);
    expect((await runCli(['init'], here)).code).toBe(0);
    expect(readdirSync(here).sort()).toEqual(['deals.csv', 'plan.payplan', 'quotas.csv']);
    writeFileSync(join(here, 'plan.payplan'), 'keep me');
    expect((await runCli(['init'], here)).code).toBe(1);
    expect(readFileSync(join(here, 'plan.payplan'), 'utf8')).toBe('keep me');
    const again = await cli('init', 'comp');
    expect(again).toEqual({ code: 1, stdout: '', stderr: 'payplan init: comp/plan.payplan, comp/deals.csv, comp/quotas.csv already exist; nothing was written\n' });
    expect((await cli('init', 'a', 'b')).code).toBe(2);
  });
});

