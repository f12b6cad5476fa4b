import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { columnTypes, parseCell, type ColumnType } from '@payplan/runtime';
import { loadTableRows } from '@payplan/data';
import { col, ctx } from './fixtures.js';

/** Loads one cell through the data package; returns what parseCell would: a value or a message. */
function viaData(type: ColumnType, raw: string): { ok: true; value: string | boolean | undefined } | { ok: false; message: string } {
  const r = loadTableRows({ name: 't', kind: 'rows', columns: [col('c', type, { optional: true })] }, 't', [{ c: raw }], ctx);
  const d = r.diagnostics[0];
  if (d) return { ok: false, message: d.message.replace('t row 1, column c: ', '') };
  const v = r.value?.rows[0]?.cells['c'];
  return { ok: true, value: typeof v === 'object' ? v.toFixed() : v };
}

function viaRuntime(type: ColumnType, raw: string): ReturnType<typeof viaData> {
  const r = parseCell(type, raw);
  if (!r.ok) return r;
  const v = r.value;
  return { ok: true, value: typeof v === 'object' ? v.toFixed() : v };
}

describe('cell parsing agrees with the runtime parseCell', () => {
  const samples = ['', '  ', '0', '-0', '12', '+12', '007', '1,200.50', '1,20', '12O', '1.5', '.5', '1e3', '-3.25', ' 42 ', '20%', '12.5 %', 'x%', '2026-01-05', ' 2026-02-29 ', '2024-02-29', '2026-13-01', 'yes', 'No', 'Y', 'TRUE', '0', '1', 'maybe', 'ana', '  Zoë  '];
  for (const type of columnTypes) {
    it(`for ${type} cells`, () => {
      for (const s of samples) expect(viaData(type, s), `${type} ${JSON.stringify(s)}`).toEqual(viaRuntime(type, s));
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[ +-]?[0-9,]{0,8}(\.[0-9]{0,3})?[ %]?$/), fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/)), (s) => {
          expect(viaData(type, s)).toEqual(viaRuntime(type, s));
        }),
        { numRuns: 300 },
      );
    });
  }
});
