/**
 * Where a loaded table's cells are in its source, for diagnostics raised after loading (unknown
 * payees, and later evaluation errors that point at an input row). Kept beside the table rather than
 * on every row, so rows stay small.
 */
import type { Span } from '@payplan/diagnostics';
import type { LoadedTable } from './types.js';

export interface TableLocator {
  /** The span of a column's cell in the row at `rowIndex` of `LoadedTable.rows`. */
  cell(rowIndex: number, column: string): Span;
}

const locators = new WeakMap<LoadedTable, TableLocator>();

export function registerLocator(table: LoadedTable, locator: TableLocator): void {
  locators.set(table, locator);
}

/** The span of a cell of a loaded table; an empty span at offset 0 when it cannot be located. */
export function locateCell(table: LoadedTable, rowIndex: number, column: string): Span {
  return locators.get(table)?.cell(rowIndex, column) ?? { start: 0, end: 0 };
}
