/**
 * Tables, the first declaration family: each `table` becomes a schema (tables.ts `checkTable`),
 * a second table of one name is an error, and the columns of per-payee tables become names every
 * expression of the plan can read. Lowered before anything else, since every other family reads them.
 */
import type { DiagnosticBag } from '@payplan/diagnostics';
import type { Ast } from '@payplan/syntax';
import { checkTable, type TableInfo } from '../tables.js';

/** The plan's tables by name, in declaration order; a repeated name is reported (N002) and skipped. */
export function declareTables(plan: Ast.Plan, bag: DiagnosticBag): Map<string, TableInfo> {
  const tables = new Map<string, TableInfo>();
  for (const d of plan.decls) {
    if (d.kind !== 'Table') continue;
    const prior = tables.get(d.name.name);
    if (prior) {
      bag.error('N002', d.name.span, `table \`${d.name.name}\` is declared twice`, { labels: [{ span: prior.decl.name.span, message: 'first declared here' }] });
      continue;
    }
    const info = checkTable(d, bag);
    if (info) tables.set(d.name.name, info);
  }
  return tables;
}

/** The columns of per-payee tables, by column name: a payee's own values, readable everywhere. */
export function payeeColumnsOf(tables: ReadonlyMap<string, TableInfo>): Map<string, TableInfo[]> {
  const payeeColumns = new Map<string, TableInfo[]>();
  for (const t of tables.values()) {
    if (t.schema.kind === 'rows' || t.schema.kind === 'keyed') continue;
    for (const c of t.schema.columns) payeeColumns.set(c.name, [...(payeeColumns.get(c.name) ?? []), t]);
  }
  return payeeColumns;
}
