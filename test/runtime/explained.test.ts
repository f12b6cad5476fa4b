/**
 * Explanation rows listed on first read: they must look like an ordinary list to every reader
 * (JSON, structured clones, deep equality) and be listed once.
 */
import { describe, expect, it } from 'vitest';
import { explained, type RowRef } from '@payplan/runtime';

const source = { file: 'plan.payplan', line: 3, column: 1, start: 10, end: 20 };
const fields = { rule: 'base margin', source, detail: 'sums 2 rows', values: [] };
const rows: RowRef[] = [
  { table: 'deals', row: 2, key: '1', amount: '100.00' },
  { table: 'deals', row: 3, key: '2', amount: '50.00' },
];

describe('explained', () => {
  it('lists rows given as a function on first read, once', () => {
    let calls = 0;
    const e = explained(fields, () => (calls++, rows), ['T1 .. T2']);
    expect(calls).toBe(0);
    expect(e.rows).toBe(rows);
    expect(e.rows).toBe(rows);
    expect(calls).toBe(1);
  });

  it('reads exactly like an eager explanation: keys in order, JSON, clone and equality', () => {
    const eager = explained(fields, rows, ['T1 .. T2']);
    const lazy = explained(fields, () => rows, ['T1 .. T2']);
    expect(Object.keys(lazy)).toEqual(['rule', 'source', 'detail', 'values', 'rows', 'bands']);
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(eager));
    expect(structuredClone(explained(fields, () => rows))).toEqual(explained(fields, rows));
    expect(lazy).toEqual(eager);
  });

  it('leaves bands out when a rule has none', () => {
    expect(Object.keys(explained(fields, () => rows))).toEqual(['rule', 'source', 'detail', 'values', 'rows']);
  });
});
