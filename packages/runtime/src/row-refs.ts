/**
 * References from explanations to input rows: the table, the row number, its key and, for a
 * credited row, the share and the rule that credited it.
 */
import type { Dec } from './decimal.js';
import { exactMoneyText, percentText } from './format.js';
import type { CreditedRow } from './engine.js';
import type { InputRow, TableSchema } from './schema.js';
import type { RowRef } from './statement.js';

/** Each plan's key column per table, found once rather than for every row referenced. */
const keyColumns = new WeakMap<readonly TableSchema[], Map<string, string | undefined>>();

/** The value of a row's key column, as text, when its table has one. */
export function keyOf(spec: { tables: readonly TableSchema[] }, table: string, row: InputRow): string | undefined {
  let keys = keyColumns.get(spec.tables);
  if (!keys) keyColumns.set(spec.tables, (keys = new Map(spec.tables.map((t) => [t.name, t.columns.find((c) => c.key)?.name]))));
  const key = keys.get(table);
  const v = key ? row.cells[key] : undefined;
  return v === undefined ? undefined : String(v);
}

/** A row reference for explanations, with the share credited when the row was split. */
export function creditedRowRef(spec: { tables: readonly TableSchema[] }, table: string, r: CreditedRow, amount?: Dec): RowRef {
  // Built field by field rather than by spreading optional parts: millions are made in a large run.
  const ref: { -readonly [K in keyof RowRef]: RowRef[K] } = { table, row: r.row.row };
  const key = keyOf(spec, table, r.row);
  if (key !== undefined) ref.key = key;
  if (amount) ref.amount = exactMoneyText(amount);
  if (r.share) {
    ref.share = percentText(r.share);
    if (r.via !== undefined) ref.credit = r.via;
  }
  return ref;
}
