import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { loadTableRows, loadTableText } from '@payplan/data';
import { ctx, deals, quotas } from './fixtures.js';

const csvChars = fc.constantFrom('a', 'Z', 'é', '🚀', '1', '0', '.', '-', '%', ',', '"', '\n', '\r\n', '\r', ' ', '2026-01-05', '2026-Q1', 'payee', 'period', 'quota', 'deal_id', 'rep', 'close_date', 'price');

describe('bad input never throws', () => {
  it('loads arbitrary CSV-like text into diagnostics whose spans lie inside the text', () => {
    fc.assert(
      fc.property(fc.array(csvChars, { maxLength: 80 }), fc.boolean(), (parts, withHeader) => {
        const text = (withHeader ? 'payee,period,quota\n' : '') + parts.join('');
        for (const schema of [quotas, deals]) {
          const r = loadTableText(schema, 'x.csv', text, ctx);
          for (const d of r.diagnostics) {
            expect(d.file).toBe('x.csv');
            expect(d.span.start).toBeGreaterThanOrEqual(0);
            expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
            expect(d.span.end).toBeLessThanOrEqual(text.length);
            // The span is the very cell the message quotes (checks the scanner agrees with csv-parse).
            const found = /found "(.*)"$/s.exec(d.message)?.[1];
            const cell = text.slice(d.span.start, d.span.end);
            if (d.code === 'D004' && found !== undefined && !cell.startsWith('"')) expect(cell.trim()).toBe(found.trim());
          }
          if (r.value) for (const row of r.value.rows) expect(row.row).toBeGreaterThanOrEqual(2);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('loads arbitrary JSON values and arbitrary bytes without throwing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v) ?? 'null';
        const r = loadTableText(quotas, 'x.json', text, ctx);
        expect(Array.isArray(r.diagnostics)).toBe(true);
        if (Array.isArray(v)) loadTableRows(quotas, 'x', v as Record<string, unknown>[], ctx);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (b, json) => {
        const r = loadTableText(quotas, json ? 'x.json' : 'x.csv', b, ctx);
        expect(Array.isArray(r.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('large files', () => {
  // Speed is measured by the benchmark scripts, not here: this checks that a large file loads whole.
  it('loads 200,000 rows and still reports the one bad cell at the end', () => {
    const lines = ['deal_id,rep,close_date,price,qty'];
    for (let i = 0; i < 200_000; i++) lines.push(`D${i},rep${i % 50},2026-${String(1 + (i % 12)).padStart(2, '0')}-15,${i % 1000}.25,${i % 7}`);
    lines.push('LAST,rep1,2026-01-15,12O,1');
    const r = loadTableText(deals, 'big.csv', new TextEncoder().encode(lines.join('\n')), ctx);
    expect(r.value?.rows).toHaveLength(200_000);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['big.csv row 200002, column price: expected an amount of money such as 1200.50, found "12O"']);
  });
});
