/**
 * The benchmark plan (../shared/BENCH-PLAN.md) in SQL, run by DuckDB on the same CSV files, for the
 * end-to-end comparison: exact DECIMAL arithmetic throughout, the payout rounded half-up once (DuckDB
 * rounds a DECIMAL half away from zero, and payouts are never negative here). Plain JavaScript.
 *
 *   node bench/e2e/duckdb.mjs <deals.csv> <quotas.csv> <out>
 */
import { writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [dealsPath, quotasPath, outPath] = process.argv.slice(2);
const lit = (s) => `'${s.replace(/'/g, "''")}'`;

const sql = `
WITH deals AS (
  SELECT rep, '2026-Q' || quarter(closed) AS period, qty, price, cost
  FROM read_csv(${lit(dealsPath)}, header = true,
    columns = {'id': 'VARCHAR', 'rep': 'VARCHAR', 'closed': 'DATE', 'qty': 'INTEGER', 'price': 'DECIMAL(18,2)', 'cost': 'DECIMAL(18,2)'})
), quotas AS (
  SELECT payee, period, T
  FROM read_csv(${lit(quotasPath)}, header = true, columns = {'payee': 'VARCHAR', 'period': 'VARCHAR', 'T': 'DECIMAL(18,2)'})
), sums AS (
  SELECT rep, period,
    SUM(qty * (price - cost)) AS B,
    SUM(CASE WHEN price > 120.00 THEN 0.20 * (price - 120.00) * qty ELSE 0 END) AS pd
  FROM deals GROUP BY rep, period
)
SELECT q.payee || '|' || q.period AS k,
  CAST(ROUND(
    CASE WHEN coalesce(s.B, 0) < 0.6 * q.T THEN 0
         WHEN s.B < 0.8 * q.T THEN 0.03 * s.B
         WHEN s.B < q.T THEN 0.05 * s.B
         ELSE 0.05 * q.T + 0.08 * (s.B - q.T) END
    + CASE WHEN coalesce(s.B, 0) >= 1.2 * q.T THEN 2000 ELSE 0 END
    + coalesce(s.pd, 0), 2) AS DECIMAL(38,2))::VARCHAR AS payout
FROM quotas q LEFT JOIN sums s ON s.rep = q.payee AND s.period = q.period
ORDER BY k`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
writeFileSync(outPath, reader.getRows().map(([k, p]) => `${k} ${p}`).join('\n') + '\n');
