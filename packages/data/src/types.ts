/**
 * The shapes the data loaders return. A loaded table keeps the decoded text so diagnostics (and
 * later, statements that cite input rows) can show the offending line.
 */
import type { Diagnostic, SourceText } from '@payplan/diagnostics';
import type { CalendarOptions, InputRow, PeriodKind, TableSchema } from '@payplan/runtime';

export interface DataContext {
  /** The plan's settlement period kind: how `period` cells of per-payee-per-period tables are written. */
  readonly settle: PeriodKind;
  /** The biweekly anchor and the fiscal year's first month, when the plan states them. */
  readonly calendar?: CalendarOptions;
  /** The calendar (or fiscal) year the plan covers, if known: dates and periods outside it are reported (D007). */
  readonly year?: number;
  /** The most rows one file may have (D021); default MAX_ROWS. */
  readonly maxRows?: number;
}

export interface LoadedTable {
  readonly schema: TableSchema;
  /** The file name as given, used in diagnostics. */
  readonly file: string;
  /**
   * The rows that passed validation, cells keyed by column name (every declared column is present,
   * `undefined` when an optional cell is empty). Tables of kind `payee` and `payeePeriod` also carry
   * `cells.payee`, and `payeePeriod` tables `cells.period` as a canonical label such as "2026-Q1".
   */
  readonly rows: InputRow[];
  /** The decoded text (BOM removed), when the table was read from a file. */
  readonly source?: SourceText;
}

/** What every loader returns: the table when it could be read (possibly missing bad rows) and every problem found. */
export interface LoadResult {
  readonly value?: LoadedTable;
  readonly diagnostics: Diagnostic[];
}
