/**
 * How problems found across a table's rows are worded: by @payplan/data when it loads files, and by
 * compiled modules when they read rows themselves, so the same data gets the same message from
 * either. Only the words live here; each caller finds the problems and places them.
 */

import { quoted } from './format.js';
import type { CellValue } from './schema.js';

/** A parsed cell as text, for keys and messages: decimals as written without trailing zeros (1.50 → "1.5"). */
export function cellText(v: CellValue): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v.toFixed();
}

/** `a, b and c`. */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** A key a table's rows must not repeat: the payee (and period) of a per-payee table, or its declared `key` columns. */
export interface RepeatedKey {
  readonly kind: 'payee' | 'payeePeriod' | 'declared';
  readonly file: string;
  readonly table: string;
  readonly row: number;
  /** The row that had the key first. */
  readonly firstRow: number;
  readonly columns: readonly string[];
  /** The key's cells as text, one per column. */
  readonly values: readonly string[];
}

/** D005. */
export function repeatedKeyMessage(k: RepeatedKey): string {
  const [first = '', second = ''] = k.values;
  switch (k.kind) {
    case 'payee':
      return `${k.file} row ${k.row}, column payee: payee ${quoted(first)} already has a row (row ${k.firstRow}); ${k.table} needs exactly one row per payee`;
    case 'payeePeriod':
      return `${k.file} row ${k.row}, column payee: payee ${quoted(first)} already has a row for ${second} (row ${k.firstRow}); ${k.table} needs exactly one row per payee per period`;
    case 'declared': {
      const name = k.columns[0] ?? '';
      return k.columns.length === 1
        ? `${k.file} row ${k.row}, column ${name}: ${quoted(first)} is already the key of row ${k.firstRow}; each row of ${k.table} needs a different ${name}`
        : `${k.file} row ${k.row}: the key (${k.columns.map((c, i) => `${c} ${quoted(k.values[i] ?? '')}`).join(', ')}) is already used by row ${k.firstRow}; each row of ${k.table} needs a different combination of ${listWords(k.columns)}`;
    }
  }
}

/** D006: a transaction row pays a payee who has no row in a per-payee table (for the row's period, when per period). */
export function unknownPayeeMessage(file: string, row: number, column: string, payee: string, target: string, period: string | undefined): string {
  return `${file} row ${row}, column ${column}: payee ${quoted(payee)} has no row in ${target}${period !== undefined ? ` for ${period}` : ''}; every payee paid under this plan needs one`;
}
