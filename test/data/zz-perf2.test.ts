import { it } from 'vitest';
import { parse } from '/work/main/packages/data/node_modules/csv-parse/lib/sync.js';
import { parseCell, cellSchema, Dec } from '@payplan/runtime';
it('parts', () => {
  const N = 1_000_000;
  const lines = ['deal_id,rep,close_date,price,qty,new_logo'];
  for (let i = 0; i < N; i++) lines.push(`D${i},rep${i % 50},2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${(i % 1000) * 3 + 0.5},${i % 7},${i % 2 ? 'yes' : 'no'}`);
  const text = lines.join('\n') + '\n';
  const bytes = new TextEncoder().encode(text);
  let t = performance.now();
  let n = 0;
  parse(bytes, { relax_quotes: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'], on_record: () => { n++; return null; } });
  console.log('csv-parse', (performance.now() - t).toFixed(0));
  t = performance.now();
  parse(bytes, { relax_column_count: true, on_record: () => { n++; return null; } });
  console.log('csv-parse default delim', (performance.now() - t).toFixed(0));
  const money = cellSchema('money'), date = cellSchema('date'), count = cellSchema('count'), bool = cellSchema('boolean');
  t = performance.now();
  for (let i = 0; i < N; i++) { money.safeParse('1234.5'); }
  console.log('zod money', (performance.now() - t).toFixed(0));
  t = performance.now();
  for (let i = 0; i < N; i++) { date.safeParse('2026-03-04'); }
  console.log('zod date', (performance.now() - t).toFixed(0));
  t = performance.now();
  for (let i = 0; i < N; i++) { count.safeParse('3'); }
  console.log('zod count', (performance.now() - t).toFixed(0));
  t = performance.now();
  for (let i = 0; i < N; i++) { bool.safeParse('yes'); }
  console.log('zod bool', (performance.now() - t).toFixed(0));
  t = performance.now();
  for (let i = 0; i < N; i++) { new Dec('1234.5'); }
  console.log('Dec', (performance.now() - t).toFixed(0));
  t = performance.now();
  for (let i = 0; i < N; i++) { parseCell('money', '1234.5'); }
  console.log('parseCell money uncached', (performance.now() - t).toFixed(0));
});
