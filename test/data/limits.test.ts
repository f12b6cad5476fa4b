/**
 * Limits that keep loading linear and messages short (issue 11). Reproducers copied from
 * ../shared/bad-inputs: `huge-money-cell` (a 100,000-digit amount: D019 at the cell, where the table
 * output's grouping used to take 20 s) and `huge-bad-cell` (a 10 MB cell, echoed three times in a
 * 30 MB error; its 10 MB data file is generated here). Also D020 (a control character in an id)
 * and D021 (more rows than the limit, tested with a lowered `--max-rows`). Sizes are chosen so a
 * quadratic step would blow the test timeout: the results are asserted, not the time.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTableRows, loadTableText, MAX_NUMBER_DIGITS, MAX_ROWS } from '@payplan/data';
import { quoted } from '@payplan/runtime';
import { countLines } from '../../packages/data/src/limits.js';
import { runCli } from '../support/cli.js';
import { golden, root } from '../support/plans.js';
import { bytes, codesOf, ctx, deals, quotas, render } from './fixtures.js';

/** A folder holding the plan of a reproducer and the given data files. */
function folder(plan: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'payplan-limits-'));
  writeFileSync(join(dir, 'plan.payplan'), plan);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const reproducer = (name: string): string => join(root, 'test/data', name, 'plan.payplan');

describe('D019: a number cell with more than 30 digits before or after the point', () => {
  it('huge-money-cell: the 100,000-digit amount is an error at the cell, exit 1, nothing on stdout', async () => {
    const r = await runCli(['run', 'test/data/huge-money-cell/plan.payplan']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(golden('test/data/huge-money-cell/expected.txt', r.stderr));
  });

  it('stays linear: a 2,000,000-digit cell is rejected as fast as a short one', async () => {
    const { readFileSync } = await import('node:fs');
    const dir = folder(readFileSync(reproducer('huge-money-cell'), 'utf8'), { 'sales.csv': `payee,period,revenue\na,2026-Q3,${'9'.repeat(2_000_000)}.5\n` });
    const r = await runCli(['run', 'plan.payplan'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[D019]: sales.csv row 2, column revenue: the number has 2,000,000 digits before the decimal point; payplan reads numbers with at most 30 digits before the point and 30 after\n');
    expect(r.stderr.length).toBeLessThan(1000);
  });

  it('counts significant digits: leading zeros, grouping commas and trailing zeros do not count', () => {
    const ok = ['9'.repeat(30), `-${'9'.repeat(30)}.${'1'.repeat(30)}`, `${'0'.repeat(50)}1.5`, `1.${'5'.repeat(30)}${'0'.repeat(40)}`, '999,999,999,999,999,999,999,999,999,999'];
    for (const price of ok) expect(codesOf(loadTableText(deals, 'd.csv', `deal_id,rep,close_date,price\n1,ana,2026-01-05,${JSON.stringify(price)}\n`, ctx).diagnostics), price).toEqual([]);
    const tooLong = ['9'.repeat(31), `1.${'1'.repeat(31)}`];
    for (const price of tooLong) expect(codesOf(loadTableText(deals, 'd.csv', `deal_id,rep,close_date,price\n1,ana,2026-01-05,${price}\n`, ctx).diagnostics), price).toEqual(['D019']);
    // A count and a percentage too; text that is not a number is left to the cell's own message (D004).
    expect(codesOf(loadTableText(deals, 'd.csv', `deal_id,rep,close_date,price,qty\n1,ana,2026-01-05,1,${'1'.repeat(31)}\n`, ctx).diagnostics)).toEqual(['D019']);
    expect(codesOf(loadTableText(deals, 'd.csv', `deal_id,rep,close_date,price\n1,ana,2026-01-05,${'x'.repeat(40)}\n`, ctx).diagnostics)).toEqual(['D004']);
    expect(MAX_NUMBER_DIGITS).toBe(30);
  });

  it('applies to rows in memory (JSON numbers become their text)', () => {
    const r = loadTableRows(quotas, 'quotas', [{ payee: 'ana', period: '2026-Q1', quota: `${'1'.repeat(40)}` }], ctx);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['D019', 'quotas row 1, column quota: the number has 40 digits before the decimal point; payplan reads numbers with at most 30 digits before the point and 30 after']]);
  });
});

describe('huge-bad-cell: a value is quoted shortened, and a long line is shown as a window', () => {
  it('reports a 10 MB period cell in a few hundred bytes', async () => {
    const { readFileSync } = await import('node:fs');
    const dir = folder(readFileSync(reproducer('huge-bad-cell'), 'utf8'), { 'earned.csv': `payee,period,earned\nana,${'9'.repeat(10_000_000)},100\n` });
    const r = await runCli(['run', 'plan.payplan'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const nines = (n: number) => '9'.repeat(n);
    expect(r.stderr).toBe(
      [
        `error[D010]: earned.csv row 2, column period: expected a month such as 2026-03, found "${nines(40)}…" (10,000,000 characters)`,
        ' --> earned.csv:2:5',
        '  |',
        `2 | ana,${nines(156)}…`,
        `  |     ${'^'.repeat(156)}`,
        '  |',
        '  = note: the plan settles by month, so periods are written like 2026-03',
        '',
        '1 error',
        '',
      ].join('\n'),
    );
  });

  it('shows the part of a long line around a cell far into it', () => {
    const text = `deal_id,rep,close_date,price,qty,note\n1,ana,2026-01-05,100,1,${'n'.repeat(500)}\n2,bob,2026-13-01,100,1,x\n3,ana,2026-01-05,abc,1,x\n`;
    const longNote = `deal_id,rep,close_date,price,note,qty\n1,ana,2026-01-05,100,${'n'.repeat(500)},1.5\n`;
    const r = loadTableText(deals, 'd.csv', longNote, ctx);
    expect(render(r.diagnostics, 'd.csv', longNote)).toBe(
      [
        'error[D004]: d.csv row 2, column qty: expected a whole number (a count), found a fraction',
        ' --> d.csv:2:523',
        '  |',
        // The last 160 characters: the cell is near the end of its line.
        `2 | …${'n'.repeat(156)},1.5`,
        `  | ${' '.repeat(158)}^^^`,
        '  |',
        '',
        '1 error',
        '',
      ].join('\n'),
    );
    // Lines of ordinary length are shown whole.
    expect(render(loadTableText(deals, 'd.csv', text, ctx).diagnostics, 'd.csv', text)).toContain('4 | 3,ana,2026-01-05,abc,1,x\n  |                  ^^^\n');
  });

  it('quotes values in one way: escaped control characters, cut after 40 characters', () => {
    expect(quoted('ana')).toBe('"ana"');
    expect(quoted('a\nb\tc\u0007')).toBe('"a\\nb\\tc\\u0007"');
    expect(quoted('x'.repeat(41))).toBe(`"${'x'.repeat(40)}…" (41 characters)`);
    // A surrogate pair is never cut in half.
    expect(quoted(`${'x'.repeat(39)}🚀🚀`)).toBe(`"${'x'.repeat(39)}…" (43 characters)`);
  });
});

describe('D020: a control character in a payee or key', () => {
  it('rejects a payee id with a line break at its cell, and prints the id escaped', async () => {
    const dir = folder('plan "NL"\n  currency EUR\n  settle quarterly\n\ntable sales per payee per period\n  revenue money\n\ncommission on revenue pay 1%\n', {
      'sales.csv': 'payee,period,revenue\n"ana\nbob",2026-Q1,100\ncat,2026-Q1,50\n',
    });
    const r = await runCli(['run', 'plan.payplan'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'error[D020]: sales.csv row 2, column payee: the id "ana\\nbob" contains a line break; a payee or key may not contain line breaks, tabs or other control characters',
        ' --> sales.csv:2:1',
        '  |',
        '2 | "ana',
        '  | ^^^^',
        '  |',
        '  = help: remove the character: an id is printed on statements, in tables and in CSV exports, where it would break the line',
        '',
        '1 error',
        '',
      ].join('\n'),
    );
  });

  it('applies to payee columns and key columns, not to other text; edge whitespace is trimmed first', () => {
    const load = (row: string) => codesOf(loadTableText(deals, 'd.csv', `deal_id,rep,close_date,price,note\n${row}\n`, ctx).diagnostics);
    expect(load('"1\t2",ana,2026-01-05,1,x')).toEqual(['D020']);
    expect(load('1,"an\u0000a",2026-01-05,1,x')).toEqual(['D020']);
    expect(load('1,"an\u2028a",2026-01-05,1,x')).toEqual(['D020']);
    expect(load('1,"ana\t",2026-01-05,1,"a\tnote"')).toEqual([]);
  });
});

describe('D021: more rows than one file may have', () => {
  const plan = 'plan "Rows"\n  currency EUR\n  settle quarterly\n\ntable sales per payee per period\n  revenue money\n\ncommission on revenue pay 1%\n';
  const sales = (n: number) => ['payee,period,revenue', ...Array.from({ length: n }, (_, i) => `p${i},2026-Q1,100`)].join('\n') + '\n';

  it('stops before parsing, naming the limit and the remedy (lowered with --max-rows)', async () => {
    const dir = folder(plan, { 'sales.csv': sales(1001) });
    const r = await runCli(['run', 'plan.payplan', '--max-rows', '1000'], dir);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'error[D021]: sales.csv has 1,001 rows; payplan loads at most 1,000 rows from one file',
        '  --> sales.csv',
        '  = note: every row is held in memory while the plan runs (about 1 GB per million rows), so a larger file would exhaust it',
        '  = help: split the file (by period, for instance) and run each part, or raise the limit (payplan run --max-rows 1001) and give Node the memory for it (NODE_OPTIONS=--max-old-space-size=16384)',
        '',
        '1 error',
        '',
      ].join('\n'),
    });
    const atLimit = await runCli(['run', 'plan.payplan', '--max-rows', '1001'], dir);
    expect(atLimit.code).toBe(0);
    expect(atLimit.stdout).toContain('1001 statements; total payout 1,001.00 EUR');
  });

  it('counts JSON rows and rows in memory too, and takes only a whole number', async () => {
    const rows = Array.from({ length: 3 }, (_, i) => ({ payee: `p${i}`, period: '2026-Q1', quota: 1 }));
    expect(codesOf(loadTableText(quotas, 'q.json', JSON.stringify(rows), { ...ctx, maxRows: 2 }).diagnostics)).toEqual(['D021']);
    expect(codesOf(loadTableRows(quotas, 'q', rows, { ...ctx, maxRows: 2 }).diagnostics)).toEqual(['D021']);
    expect(codesOf(loadTableRows(quotas, 'q', rows, { ...ctx, maxRows: 3 }).diagnostics)).toEqual([]);
    expect(MAX_ROWS).toBe(2_000_000);
    const bad = await runCli(['run', 'examples/account-executive/plan.payplan', '--max-rows', 'lots']);
    expect(bad).toEqual({ code: 2, stdout: '', stderr: 'payplan run: --max-rows takes a whole number of rows, such as --max-rows 4000000\n' });
  });

  it('counts lines however they end', () => {
    expect([countLines(''), countLines('a'), countLines('a\n'), countLines('a\r\nb'), countLines('a\rb\r'), countLines('a\n\nb\n')]).toEqual([0, 1, 1, 2, 2, 3]);
    expect(countLines(bytes('a\r\nb\rc\n'))).toBe(3);
    expect(countLines(bytes('a\r\nb\rc'))).toBe(3);
  });
});
