import { describe, it, expect } from 'vitest';
import { loadTableRows, loadTableText } from '@payplan/data';
import { Dec } from '@payplan/runtime';
import { ctx, deals, plainRows, quotas, targets } from './fixtures.js';

describe('loading rows from memory', () => {
  it('accepts text, numbers, decimals, booleans and null; rows are numbered from 1', () => {
    const r = loadTableRows(
      deals,
      'deals (grid)',
      [
        { deal_id: 'D1', rep: 'ana', close_date: '2026-01-05', price: new Dec('1200.50'), qty: 2, note: null },
        { deal_id: 'D2', rep: 'bob', close_date: '2026-03-31', price: 5, note: true },
      ],
      ctx,
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.source).toBeUndefined();
    expect(plainRows(r.value)).toEqual([
      { row: 1, cells: { deal_id: 'D1', rep: 'ana', close_date: '2026-01-05', price: '1200.5', qty: '2', note: undefined } },
      { row: 2, cells: { deal_id: 'D2', rep: 'bob', close_date: '2026-03-31', price: '5', qty: undefined, note: 'true' } },
    ]);
  });

  it('gives the same messages as a CSV file for the same bad cells, with empty spans', () => {
    const rows = loadTableRows(targets, 'targets', [{ payee: 'ana', target: '12O', rate: '20' }], ctx);
    const csv = loadTableText(targets, 'targets', 'payee,target,rate\nana,12O,20\n', ctx);
    expect(rows.diagnostics.map((d) => d.message.replace(/row \d+/, 'row N'))).toEqual(csv.diagnostics.map((d) => d.message.replace(/row \d+/, 'row N')));
    expect(rows.diagnostics.map((d) => d.message)).toEqual([
      'targets row 1, column target: expected an amount of money such as 1200.50, found "12O"',
      'targets row 1, column rate: expected a percentage written with a % sign such as 20%, found "20"',
    ]);
    expect(rows.diagnostics.every((d) => d.span.start === 0 && d.span.end === 0)).toBe(true);
  });

  it('rejects non-finite numbers and values that are not cells, without throwing', () => {
    const r = loadTableRows(quotas, 'quotas', [{ payee: 'ana', period: '2026-Q1', quota: Number.NaN }, null as unknown as Record<string, unknown>], ctx);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['D004', 'quotas row 1, column quota: expected a finite number, found NaN'],
      ['D001', 'quotas row 2: expected an object of column values such as {"payee": …, "period": …}, found null'],
    ]);
    const notList = loadTableRows(quotas, 'quotas', 'nope' as unknown as Record<string, unknown>[], ctx);
    expect(notList.diagnostics.map((d) => d.message)).toEqual(['quotas: expected a list of rows, found string']);
  });

  it('applies the same period, year and key rules', () => {
    const r = loadTableRows(
      quotas,
      'quotas',
      [
        { payee: 'ana', period: '2026-Q1', quota: 1 },
        { payee: 'ana', period: '2026-q1', quota: 2 },
        { payee: 'bob', period: '2027-Q1', quota: 2 },
        { payee: 'cy', period: 'March', quota: 2 },
      ],
      ctx,
    );
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['D005', 'quotas row 2, column payee: payee "ana" already has a row for 2026-Q1 (row 1); quotas needs exactly one row per payee per period'],
      ['D007', 'quotas row 3, column period: 2027-Q1 is outside the plan year 2026'],
      ['D010', 'quotas row 4, column period: expected a quarter such as 2026-Q1, found "March"'],
    ]);
  });
});
