/**
 * The columns a data file supplies for a table: the declared columns, preceded by the implicit `payee`
 * (tables of kind `payee` and `payeePeriod`) and `period` (kind `payeePeriod`) columns.
 */
import { isPayeeTable, type ColumnType, type TableSchema } from './schema.js';

export interface Field {
  readonly name: string;
  readonly type: ColumnType;
  readonly optional: boolean;
  /** The implicit period column of a `payeePeriod` table, parsed as a settlement period label. */
  readonly period: boolean;
}

export function tableFields(schema: TableSchema): Field[] {
  const fields: Field[] = [];
  if (isPayeeTable(schema)) fields.push({ name: 'payee', type: 'payee', optional: false, period: false });
  if (schema.kind === 'payeePeriod') fields.push({ name: 'period', type: 'text', optional: false, period: true });
  for (const c of schema.columns) {
    if (fields.some((f) => f.name === c.name)) continue; // a declared `payee` column of a per-payee table is the implicit one
    fields.push({ name: c.name, type: c.type, optional: c.optional, period: false });
  }
  return fields;
}
