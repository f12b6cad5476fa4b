import { it } from 'vitest';
import { loadTableText } from '@payplan/data';
import { Dec } from '@payplan/runtime';
import type { TableSchema } from '@payplan/runtime';
const deals: TableSchema = { name: 'deals', kind: 'rows', payeeColumn: 'rep', dateColumn: 'close_date', columns: [
  { name: 'deal_id', type: 'text', optional: false, key: true },
  { name: 'rep', type: 'payee', optional: false, key: false },
  { name: 'close_date', type: 'date', optional: false, key: false },
  { name: 'price', type: 'money', optional: false, key: false },
  { name: 'qty', type: 'count', optional: false, key: false },
  { name: 'new_logo', type: 'boolean', optional: true, key: false },
]};
it('perf', () => {
  const N = 1_000_000;
  const lines = ['deal_id,rep,close_date,price,qty,new_logo'];
  for (let i = 0; i < N; i++) lines.push(`D${i},rep${i % 50},2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${(i % 1000) * 3 + 0.5},${i % 7},${i % 2 ? 'yes' : 'no'}`);
  const text = lines.join('\n') + '\n';
  const bytes = new TextEncoder().encode(text);
  let t = performance.now();
  for (let i = 0; i < 2*N; i++) new Dec('1234.5');
  console.log('2M Dec', performance.now() - t);
  t = performance.now();
  console.log('start', t);
  const r = loadTableText(deals, 'deals.csv', bytes, { settle: 'quarter', year: 2026 });
  console.log('load', N, (performance.now() - t).toFixed(0), 'ms', r.diagnostics.length, r.value?.rows.length, performance.now());
});
