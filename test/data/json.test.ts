import { describe, it, expect } from 'vitest';
import { loadTableText } from '@payplan/data';
import { bytes, codesOf, ctx, deals, plainRows, quotas, render, spanText } from './fixtures.js';

describe('loading JSON files', () => {
  it('reads an array of row objects; numbers and booleans are accepted; rows are numbered from 1', () => {
    const text = JSON.stringify([
      { deal_id: 'D1', rep: 'ana', close_date: '2026-01-05', price: 1200.5, qty: 3 },
      { deal_id: 7, rep: 'bob', close_date: '2026-02-01', price: '99.90', note: null },
    ]);
    const r = loadTableText(deals, 'deals.json', bytes(text), ctx);
    expect(r.diagnostics).toEqual([]);
    expect(plainRows(r.value)).toEqual([
      { row: 1, cells: { deal_id: 'D1', rep: 'ana', close_date: '2026-01-05', price: '1200.5', qty: '3', note: undefined } },
      { row: 2, cells: { deal_id: '7', rep: 'bob', close_date: '2026-02-01', price: '99.9', qty: undefined, note: undefined } },
    ]);
    expect(r.value?.source?.text).toBe(text);
  });

  it('chooses JSON by extension, whatever its case, and CSV otherwise', () => {
    const rows = '[{"payee":"ana","period":"2026-Q1","quota":5}]';
    expect(loadTableText(quotas, 'Q.JSON', rows, ctx).value?.rows).toHaveLength(1);
    const asCsv = loadTableText(quotas, 'quotas.txt', rows, ctx);
    expect(codesOf(asCsv.diagnostics)).toContain('D002');
  });

  it('reads per-period tables with canonical period labels', () => {
    const r = loadTableText(quotas, 'quotas.json', '[{"payee":"ana","period":"2026-q3","quota":"1,000"}]', ctx);
    expect(plainRows(r.value)).toEqual([{ row: 1, cells: { payee: 'ana', period: '2026-Q3', quota: '1000' } }]);
  });

  it('reports text that is not JSON as D001, pointing at the position JSON.parse gives', () => {
    const text = '[{"payee": "ana",, }]';
    const r = loadTableText(quotas, 'quotas.json', text, ctx);
    expect(r.value).toBeUndefined();
    expect(codesOf(r.diagnostics)).toEqual(['D001']);
    expect(r.diagnostics[0]?.message).toMatch(/^quotas\.json is not valid JSON: /);
    expect(r.diagnostics[0]?.span.start).toBe(text.indexOf(',,') + 1);
  });

  it('reports JSON that is not an array as D001 with a clear message', () => {
    const r = loadTableText(quotas, 'quotas.json', '{"payee": "ana"}', ctx);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['D001', 'quotas.json: expected a JSON array of rows such as [{"payee": "ana", …}, …], found an object'],
    ]);
  });

  it('reports an element that is not an object as D001 naming its row, and reads the others', () => {
    const r = loadTableText(quotas, 'quotas.json', '[{"payee":"ana","period":"2026-Q1","quota":1}, 42, ["bob"]]', ctx);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['D001', 'quotas.json row 2: expected an object of column values such as {"payee": …, "period": …}, found a number'],
      ['D001', 'quotas.json row 3: expected an object of column values such as {"payee": …, "period": …}, found a list'],
    ]);
    expect(r.value?.rows).toHaveLength(1);
  });

  it('reports an empty file as D008 and accepts an empty array', () => {
    expect(loadTableText(quotas, 'quotas.json', '  \n', ctx).diagnostics.map((d) => d.code)).toEqual(['D008']);
    const r = loadTableText(quotas, 'quotas.json', '[]', ctx);
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.rows).toEqual([]);
  });

  it('reports a bad value as D004 naming row and column, with a caret under the value', () => {
    const text = ['[', '  {"deal_id": "D1", "rep": "ana", "close_date": "2026-01-05", "price": 10},', '  {"deal_id": "D2", "rep": "ana", "close_date": "2026-01-05", "price": "12O"}', ']'].join('\n');
    const r = loadTableText(deals, 'deals.json', text, ctx);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['deals.json row 2, column price: expected an amount of money such as 1200.50, found "12O"']);
    expect(spanText(text, r.diagnostics[0])).toBe('"12O"');
    const line = '  {"deal_id": "D2", "rep": "ana", "close_date": "2026-01-05", "price": "12O"}';
    expect(render(r.diagnostics, 'deals.json', text)).toContain(`--> deals.json:3:72\n  |\n3 | ${line}\n  | ${' '.repeat(line.indexOf('"12O"'))}^^^^^\n`);
  });

  it('reports nested values, non-numbers and dates given as numbers', () => {
    const text = JSON.stringify([{ deal_id: 'D1', rep: { name: 'ana' }, close_date: 20260105, price: [1] }]);
    const r = loadTableText(deals, 'deals.json', text, ctx);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'deals.json row 1, column rep: expected a single value such as text or a number, found an object',
      'deals.json row 1, column close_date: expected a date written YYYY-MM-DD, found "20260105"',
      'deals.json row 1, column price: expected a single value such as text or a number, found a list',
    ]);
    expect(spanText(text, r.diagnostics[0])).toBe('{"name":"ana"}');
  });

  it('reports a column no row has as D002, a key no column is named as D003 (once), and a missing value as D011', () => {
    const text = JSON.stringify([
      { deal_id: 'D1', rep: 'ana', close_date: '2026-01-05', prcie: 1 },
      { deal_id: 'D2', rep: 'ana', close_date: '2026-01-05', prcie: 2 },
    ]);
    const r = loadTableText(deals, 'deals.json', text, ctx);
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      ['D002', 'deals.json: missing column price: no row has a value for it; the rows have deal_id, rep, close_date, prcie', undefined],
      ['D003', 'deals.json row 1: unknown column "prcie"; deals has the columns deal_id, rep, close_date, price, qty and note', 'did you mean `price`?'],
    ]);
    expect(spanText(text, r.diagnostics[1])).toBe('1');

    const some = JSON.stringify([
      { deal_id: 'D1', rep: 'ana', close_date: '2026-01-05', price: 1 },
      { deal_id: 'D2', close_date: '2026-01-05', price: 2 },
    ]);
    const s = loadTableText(deals, 'deals.json', some, ctx);
    expect(s.diagnostics.map((d) => [d.code, d.message])).toEqual([['D011', 'deals.json row 2, column rep: a value is required but the cell is empty']]);
    expect(spanText(some, s.diagnostics[0])).toBe('{');
  });

  it('reports duplicate keys naming both rows', () => {
    const text = '[{"payee":"ana","period":"2026-Q1","quota":1},{"payee":"ana","period":"2026-Q1","quota":2}]';
    const r = loadTableText(quotas, 'quotas.json', text, ctx);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'quotas.json row 2, column payee: payee "ana" already has a row for 2026-Q1 (row 1); quotas needs exactly one row per payee per period',
    ]);
    expect(r.diagnostics[0]?.labels?.[0]?.span.start).toBe(text.indexOf('"ana"'));
  });
});
