import { describe, it, expect } from 'vitest';
import { checkDataSet, loadTableRows, loadTableText, locateCell, type LoadedTable } from '@payplan/data';
import { ctx, deals, quotas, render, spanText, targets } from './fixtures.js';

function load(schema: Parameters<typeof loadTableText>[0], file: string, text: string): LoadedTable {
  const r = loadTableText(schema, file, text, ctx);
  expect(r.diagnostics).toEqual([]);
  if (!r.value) throw new Error(`${file} did not load`);
  return r.value;
}

const dealsCsv = [
  'deal_id,rep,close_date,price',
  'D1,ana,2026-01-05,10',
  'D2,zed,2026-02-10,10',
  'D3,ana,2026-04-01,10',
  'D4,zed,2026-03-01,10',
  'D5,zed,2026-03-02,10',
  '',
].join('\n');

describe('checks across the tables of a run', () => {
  it('reports a declared table with no data as D009', () => {
    const ds = checkDataSet([deals, quotas], new Map([['deals', load(deals, 'deals.csv', dealsCsv)]]), { planFile: 'plan.payplan' });
    expect(ds.map((d) => [d.code, d.file, d.message])).toEqual([['D009', 'plan.payplan', 'no data was given for table quotas; the plan reads it, so supply a file for it']]);
  });

  it('reports data for a table the plan does not declare as D012, with a hint', () => {
    const quota = load(quotas, 'quota.csv', 'payee,period,quota\n');
    const ds = checkDataSet([quotas], new Map([['quota', quota], ['quotas', quota]]));
    expect(ds.map((d) => [d.code, d.file, d.message, d.hint])).toEqual([
      ['D012', 'quota.csv', 'data was given for table quota (quota.csv), but the plan declares no such table; its tables are quotas', undefined],
    ]);
    const typo = checkDataSet([quotas], new Map([['quota', quota]]));
    expect(typo.map((d) => [d.code, d.hint])).toEqual([
      ['D009', 'pass it as --data quotas=<file>.csv'],
      ['D012', 'did you mean `quotas`?'],
    ]);
  });

  it('reports a payee paid by a row but missing from a per-period table for that period as D006, at the payee cell', () => {
    const q = load(quotas, 'quotas.csv', 'payee,period,quota\nana,2026-Q1,100\nana,2026-Q2,100\nzed,2026-Q2,100\n');
    const d = load(deals, 'deals.csv', dealsCsv);
    const ds = checkDataSet([deals, quotas], new Map([['deals', d], ['quotas', q]]));
    expect(ds.map((x) => [x.code, x.file, x.message])).toEqual([
      ['D006', 'deals.csv', 'deals.csv row 3, column rep: payee "zed" has no row in quotas for 2026-Q1; every payee paid under this plan needs one'],
    ]);
    expect(ds[0]?.notes).toEqual(['2 more rows of deals.csv pay "zed" in 2026-Q1: rows 5 and 6']);
    expect(ds[0]?.hint).toBe('add a row for zed and 2026-Q1 to quotas, or check the spelling of the payee');
    expect(spanText(dealsCsv, ds[0])).toBe('zed');
    expect(render(ds, 'deals.csv', dealsCsv)).toContain('3 | D2,zed,2026-02-10,10\n  |    ^^^\n');
  });

  it('reports a payee missing from a payee table as D006, once per payee', () => {
    const t = load(targets, 'targets.csv', 'payee,target,rate\nana,1,1%\n');
    const ds = checkDataSet([deals, targets], new Map([['deals', load(deals, 'deals.csv', dealsCsv)], ['targets', t]]));
    expect(ds.map((x) => x.message)).toEqual(['deals.csv row 3, column rep: payee "zed" has no row in targets; every payee paid under this plan needs one']);
    expect(ds[0]?.notes).toEqual(['2 more rows of deals.csv pay "zed": rows 5 and 6']);
  });

  it('is quiet when every payee has the rows it needs', () => {
    const q = load(quotas, 'quotas.csv', 'payee,period,quota\nana,2026-Q1,1\nana,2026-Q2,1\nzed,2026-Q1,1\n');
    const t = load(targets, 'targets.csv', 'payee,target,rate\nana,1,1%\nzed,1,1%\n');
    const m = new Map([['deals', load(deals, 'deals.csv', dealsCsv)], ['quotas', q], ['targets', t]]);
    expect(checkDataSet([deals, quotas, targets], m)).toEqual([]);
    expect(checkDataSet([deals, quotas, targets], m, { settle: 'quarter' })).toEqual([]);
  });

  it('uses the settlement kind given, and reports every payee when a per-period table is empty', () => {
    const m = new Map([['deals', load(deals, 'deals.csv', dealsCsv)], ['quotas', load(quotas, 'quotas.csv', 'payee,period,quota\n')]]);
    expect(checkDataSet([deals, quotas], m, { settle: 'half' }).map((x) => x.message)).toEqual([
      'deals.csv row 2, column rep: payee "ana" has no row in quotas for 2026-H1; every payee paid under this plan needs one',
      'deals.csv row 3, column rep: payee "zed" has no row in quotas for 2026-H1; every payee paid under this plan needs one',
    ]);
    expect(checkDataSet([deals, quotas], m).map((x) => x.message)).toEqual([
      'deals.csv row 2, column rep: payee "ana" has no row in quotas; every payee paid under this plan needs one',
      'deals.csv row 3, column rep: payee "zed" has no row in quotas; every payee paid under this plan needs one',
    ]);
  });

  it('locates cells of JSON and in-memory tables too', () => {
    const json = '[{"deal_id":"D1","rep":"zed","close_date":"2026-01-05","price":1}]';
    const dj = loadTableText(deals, 'deals.json', json, ctx).value;
    const q = load(quotas, 'quotas.csv', 'payee,period,quota\nana,2026-Q1,1\n');
    if (!dj) throw new Error('deals.json did not load');
    const ds = checkDataSet([deals, quotas], new Map([['deals', dj], ['quotas', q]]));
    expect(ds.map((x) => x.message)).toEqual(['deals.json row 1, column rep: payee "zed" has no row in quotas for 2026-Q1; every payee paid under this plan needs one']);
    expect(spanText(json, ds[0])).toBe('"zed"');
    expect(spanText(json, { ...ds[0]!, span: locateCell(dj, 0, 'price') })).toBe('1');

    const mem = loadTableRows(deals, 'grid', [{ deal_id: 'D1', rep: 'zed', close_date: '2026-01-05', price: 1 }], ctx).value;
    if (!mem) throw new Error('grid did not load');
    expect(checkDataSet([deals, quotas], new Map([['deals', mem], ['quotas', q]]))[0]?.span).toEqual({ start: 0, end: 0 });
  });

  it(`caps D006 at 50 per file`, () => {
    const lines = ['deal_id,rep,close_date,price'];
    for (let i = 0; i < 60; i++) lines.push(`D${i},rep${i},2026-01-05,1`);
    const ds = checkDataSet([deals, targets], new Map([['deals', load(deals, 'deals.csv', lines.join('\n'))], ['targets', load(targets, 'targets.csv', 'payee,target,rate\n')]]));
    expect(ds).toHaveLength(51);
    expect(ds[50]?.message).toMatch(/^deals\.csv: and 10 more problems not shown \(only the first 50 are listed\); the next one: deals\.csv row 52, column rep: payee "rep50"/);
  });
});
