/**
 * The problems a run finds while settling, each where it belongs: a data error at its file, row and
 * column; a plan error at the plan, naming the payee and period; a value missing for a payee at the
 * data row that names the payee (D018), once however many statements need it.
 */
import type { EngineError, PlanSpec, TableRows } from './engine.js';
import type { PlanError } from './plan-error.js';
import { whereNamed } from './roster.js';
import type { InputRow } from './schema.js';

export class Problems {
  readonly errors: EngineError[] = [];
  /** The messages of missing values already reported at the data. */
  private readonly missing = new Set<string>();

  constructor(
    private readonly spec: PlanSpec,
    private readonly data: ReadonlyMap<string, TableRows>,
  ) {}

  /** The file a table's rows came from (its name when it has none). */
  fileOf(table: string): string {
    return this.data.get(table)?.file ?? table;
  }

  /** A problem in a table's data, at a row's cell when given. */
  atData(code: string, table: string, message: string, row?: InputRow, column?: string): void {
    const t = this.data.get(table);
    this.errors.push({ code, message, file: t?.file ?? table, span: (row && t?.locate?.(row, column)) ?? { start: 0, end: 0 } });
  }

  /** A plan error raised while computing a payee's statement for a period. */
  whileComputing(err: PlanError, payee: string, period: string): void {
    if (err.cell) {
      // A missing key: reported once, at the cell it came from.
      const { table, row, column } = err.cell;
      const message = `${this.fileOf(table)} row ${row.row}, column ${column}: ${err.message}`;
      if (!this.missing.has(message)) this.atData(err.code, table, message, row, column);
      this.missing.add(message);
      return;
    }
    const named = err.missingFor === undefined ? undefined : whereNamed(this.spec, this.data, err.missingFor);
    if (!named) {
      this.errors.push({ code: err.code, message: `${payee}, ${period}: ${err.message}`, file: this.spec.file, span: err.span });
      return;
    }
    // Every statement needing the value fails alike: reported once, at the row naming the payee.
    if (this.missing.has(err.message)) return;
    this.missing.add(err.message);
    this.atData('D018', named.table, `${this.fileOf(named.table)} row ${named.row.row}, column ${named.column}: ${err.message}`, named.row, named.column);
  }

  get any(): boolean {
    return this.errors.length > 0;
  }
}
