import { it } from 'vitest';
import { loadTableText, checkDataSet } from '@payplan/data';
import type { TableSchema } from '@payplan/runtime';
const deals: TableSchema = { name: 'deals', kind: 'rows', payeeColumn: 'rep', dateColumn: 'close_date', columns: [
  { name: 'deal_id', type: 'text', optional: false, key: true },
  { name: 'rep', type: 'payee', optional: false, key: false },
  { name: 'close_date', type: 'date', optional: false, key: false },
  { name: 'price', type: 'money', optional: false, key: false },
  { name: 'qty', type: 'count', optional: false, key: false },
  { name: 'new_logo', type: 'boolean', optional: true, key: false },
]};
const quotas: TableSchema = { name: 'quotas', kind: 'payeePeriod', columns: [{ name: 'quota', type: 'money', optional: false, key: false }] };
it('perf', () => {
  const N = 1_000_000;
  const lines = ['deal_id,rep,close_date,price,qty,new_logo'];
  for (let i = 0; i < N; i++) lines.push(`D${i},rep${i % 50},2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${(i % 1000) * 3 + 0.5},${i % 7},${i % 2 ? 'yes' : 'no'}`);
  const text = lines.join('\n') + '\n';
  const bytes = new TextEncoder().encode(text);
  let t = performance.now();
  const r = loadTableText(deals, 'deals.csv', bytes, { settle: 'quarter', year: 2026 });
  console.log('load', N, (performance.now() - t).toFixed(0), 'ms', r.diagnostics.length, r.value?.rows.length);
  const q: string[] = ['payee,period,quota'];
  for (let p = 0; p < 50; p++) for (let k = 1; k <= 4; k++) q.push(`rep${p},2026-Q${k},1000`);
  const qr = loadTableText(quotas, 'quotas.csv', q.join('\n'), { settle: 'quarter', year: 2026 });
  t = performance.now();
  const ds = checkDataSet([deals, quotas], new Map([['deals', r.value!], ['quotas', qr.value!]]));
  console.log('check', (performance.now() - t).toFixed(0), 'ms', ds.length);
});
