/**
 * Keyed tables (`table customers per customer`): one row per value of their key columns, read by key
 * where a plan uses a column (`customers.finder` in a row of deals means the customers row whose
 * `customer` is the deal's). The index is built once per run; a key the table does not have is an
 * error at the cell the key came from (D025), never an empty value, except under `is set`.
 */
import { Dec } from './decimal.js';
import { PlanError } from './plan-error.js';
import type { Ctx } from './engine.js';
import type { CellValue, InputRow, TableSchema } from './schema.js';

/** Where a key's value came from: a cell of a row (a deal, a payee's row), for the error's caret. */
export interface KeyCell {
  readonly table: string;
  readonly row: InputRow;
  readonly column: string;
}

/** One key value as found where the lookup is written, and the cell it came from (none for the statement's period). */
export interface KeyPart {
  readonly value: CellValue;
  readonly from?: KeyCell | undefined;
}

const SEP = '\u0000';

/** A key value as text: the same for a cell of the keyed table and a value computed by the plan. */
function keyText(v: CellValue): string {
  return v instanceof Dec ? v.toFixed() : String(v);
}

export class KeyedTables {
  private readonly index = new Map<string, Map<string, InputRow>>();

  constructor(tables: readonly TableSchema[], rows: (table: string) => readonly InputRow[]) {
    for (const t of tables) {
      if (t.kind !== 'keyed') continue;
      const byKey = new Map<string, InputRow>();
      for (const r of rows(t.name)) byKey.set(t.keys!.map((k) => keyText(r.cells[k])).join(SEP), r);
      this.index.set(t.name, byKey);
    }
  }

  row(table: string, keys: readonly CellValue[]): InputRow | undefined {
    return this.index.get(table)?.get(keys.map(keyText).join(SEP));
  }
}

/** The cell a key value came from, when it came from a row (`undefined` for a payee without one). */
export function keyCell(table: string, row: InputRow | undefined, column: string): KeyCell | undefined {
  return row && { table, row, column };
}

/** A keyed table's cell for the key values found where the lookup is written. */
export function readKeyed(ctx: Ctx, table: string, keyColumns: readonly string[], column: string, keys: readonly KeyPart[], at: { readonly start: number; readonly end: number }, allowMissing = false): CellValue {
  const empty = keys.findIndex((k) => k.value === undefined);
  if (empty >= 0) throw new PlanError('R003', `\`${table}.${column}\` is read by its key \`${keyColumns[empty]}\`, which is empty here; guard it with \`is set\``, at);
  const row = ctx.keyedRow(table, keys.map((k) => k.value));
  if (row) return row.cells[column];
  // `x is set` asks whether the table has the row, as it does of a per-payee value.
  if (allowMissing) return undefined;
  const wanted = keys.map((k, i) => `${keyColumns[i]} = ${keyText(k.value)}`).join(', ');
  const from = keys.find((k) => k.from)?.from;
  throw new PlanError('D025', `table \`${table}\` has no row with ${wanted}, so \`${table}.${column}\` is unknown`, at, undefined, from);
}
