/**
 * Row validation shared by every entry point: each cell is parsed by its column type, required cells
 * must be present, periods must be labels of the plan's settlement kind, the dating column must fall
 * in the plan year, and keys must be unique. Loaders supply raw cells and a `Locator` that turns a
 * row (identified by an opaque `anchor`, e.g. its offset in the text) and a field into a span.
 *
 * Row numbers in messages are the loaders' `InputRow.row`: in a CSV file the spreadsheet row, with
 * the header as row 1, so the first data row is row 2; in JSON and in-memory rows the 1-based index.
 */
import type { Span } from '@payplan/diagnostics';
import { parsePeriod, periodExample, periodLabel, type CellValue, type InputRow, type PeriodKind, type TableSchema } from '@payplan/runtime';
import { cellText, normalizeRaw, parseCellValue } from './cells.js';
import { tableFields, type Field } from './fields.js';
import { listWords } from './names.js';
import type { FileDiagnostics } from './sink.js';
import type { DataContext } from './types.js';

export interface Locator {
  /** The span of a field's cell in the row identified by `anchor`. */
  cell(anchor: number, field: number): Span;
  /** The span of a whole row. */
  row(anchor: number): Span;
}

export const noSpan: Span = { start: 0, end: 0 };

export const nowhere: Locator = { cell: () => noSpan, row: () => noSpan };

const periodWords: Record<PeriodKind, string> = { month: 'month', quarter: 'quarter', half: 'half-year', year: 'year' };

interface KeyCheck {
  readonly kind: 'payee' | 'payeePeriod' | 'declared';
  readonly fields: readonly number[];
  readonly seen: Map<string, { readonly row: number; readonly anchor: number }>;
}

export class RowValidator {
  readonly fields: readonly Field[];
  /** Fields whose column is absent from the input altogether (already reported as D002, or optional). */
  private readonly absent: boolean[];
  private readonly dateField: number;
  private readonly keys: KeyCheck[] = [];
  private readonly yearText: string | undefined;

  constructor(
    readonly schema: TableSchema,
    readonly file: string,
    readonly ctx: DataContext,
    readonly diags: FileDiagnostics,
    readonly locator: Locator,
  ) {
    this.fields = tableFields(schema);
    this.absent = this.fields.map(() => false);
    this.dateField = schema.kind === 'rows' && schema.dateColumn !== undefined ? this.fields.findIndex((f) => f.name === schema.dateColumn) : -1;
    this.yearText = ctx.year === undefined ? undefined : String(ctx.year);
    if (schema.kind === 'payee') this.keys.push({ kind: 'payee', fields: [0], seen: new Map() });
    if (schema.kind === 'payeePeriod') this.keys.push({ kind: 'payeePeriod', fields: [0, 1], seen: new Map() });
    const declared: number[] = [];
    for (const c of schema.columns) {
      if (!c.key) continue;
      const i = this.fields.findIndex((f) => f.name === c.name);
      if (i >= 0 && !declared.includes(i)) declared.push(i);
    }
    if (declared.length) this.keys.push({ kind: 'declared', fields: declared, seen: new Map() });
  }

  /** Records that a field's column is not in the input at all, so its cells are not reported one by one. */
  markAbsent(field: number): void {
    this.absent[field] = true;
  }

  /**
   * Validates one row. `raw[i]` is the raw value of field `i` (`undefined` when absent). Returns the
   * row when every cell is valid, else `undefined` after reporting each problem.
   */
  validate(row: number, anchor: number, raw: readonly unknown[]): InputRow | undefined {
    const { fields, diags, file } = this;
    const cells: Record<string, CellValue> = {};
    let ok = true;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i] as Field;
      if (this.absent[i]) {
        cells[f.name] = undefined;
        if (!f.optional) ok = false;
        continue;
      }
      const given = raw[i];
      let r: string | boolean | undefined;
      if (typeof given === 'string') r = given;
      else {
        const n = normalizeRaw(f.type, given);
        if (!n.ok) {
          const message = n.message;
          diags.error('D004', () => ({ span: this.locator.cell(anchor, i), message: `${file} row ${row}, column ${f.name}: ${message}` }));
          cells[f.name] = undefined;
          ok = false;
          continue;
        }
        r = n.value;
      }
      let value: CellValue;
      if (f.period) {
        value = this.period(row, anchor, i, r);
        if (value === undefined) ok = false;
      } else {
        const res = parseCellValue(f.type, r);
        if (!res.ok) {
          const message = res.message;
          diags.error('D004', () => ({ span: this.locator.cell(anchor, i), message: `${file} row ${row}, column ${f.name}: ${message}` }));
          ok = false;
        } else if (res.value === undefined) {
          if (!f.optional) {
            this.required(row, anchor, i);
            ok = false;
          }
        } else {
          value = res.value;
          if (i === this.dateField && this.yearText !== undefined && typeof value === 'string' && value.slice(0, 4) !== this.yearText) {
            const date = value;
            diags.error('D007', () => ({
              span: this.locator.cell(anchor, i),
              message: `${file} row ${row}, column ${f.name}: ${date} is outside the plan year ${this.yearText ?? ''}`,
              notes: [`${f.name} decides the settlement period of a row, and this plan covers ${this.yearText ?? ''} only`],
            }));
            ok = false;
          }
        }
      }
      cells[f.name] = value;
    }
    for (const k of this.keys) {
      if (!this.checkKey(k, row, anchor, cells)) ok = false;
    }
    return ok ? { row, cells } : undefined;
  }

  private required(row: number, anchor: number, field: number): void {
    const name = this.fields[field]?.name ?? '';
    this.diags.error('D011', () => ({
      span: this.locator.cell(anchor, field),
      message: `${this.file} row ${row}, column ${name}: a value is required but the cell is empty`,
    }));
  }

  private period(row: number, anchor: number, field: number, raw: string | boolean | undefined): string | undefined {
    const text = typeof raw === 'string' ? raw.trim() : raw === undefined ? '' : String(raw);
    if (text === '') {
      this.required(row, anchor, field);
      return undefined;
    }
    const settle = this.ctx.settle;
    const p = parsePeriod(text, settle);
    if (!p) {
      this.diags.error('D010', () => ({
        span: this.locator.cell(anchor, field),
        message: `${this.file} row ${row}, column period: expected a ${periodWords[settle]} such as ${periodExample[settle]}, found "${text}"`,
        notes: [`the plan settles by ${periodWords[settle]}, so periods are written like ${periodExample[settle]}`],
      }));
      return undefined;
    }
    const label = periodLabel(p);
    if (this.ctx.year !== undefined && p.year !== this.ctx.year) {
      this.diags.error('D007', () => ({
        span: this.locator.cell(anchor, field),
        message: `${this.file} row ${row}, column period: ${label} is outside the plan year ${this.ctx.year ?? ''}`,
      }));
      return undefined;
    }
    return label;
  }

  /** Registers the row's key; false (after reporting) when an earlier row has the same one. */
  private checkKey(k: KeyCheck, row: number, anchor: number, cells: Record<string, CellValue>): boolean {
    let key = '';
    for (let j = 0; j < k.fields.length; j++) {
      const v = cells[(this.fields[k.fields[j] ?? 0] as Field).name];
      if (v === undefined) return true; // an empty or bad key cell is reported already
      key = j === 0 ? cellText(v) : `${key}\u0000${cellText(v)}`;
    }
    const prev = k.seen.get(key);
    if (prev === undefined) {
      k.seen.set(key, { row, anchor });
      return true;
    }
    const first = k.fields[0] ?? 0;
    const names = k.fields.map((i) => (this.fields[i] as Field).name);
    const values = k.fields.map((i) => cellText(cells[(this.fields[i] as Field).name]));
    const table = this.schema.name;
    this.diags.error('D005', () => {
      const label = { span: this.locator.cell(prev.anchor, first), message: `row ${prev.row} has the same key` };
      const span = this.locator.cell(anchor, first);
      switch (k.kind) {
        case 'payee':
          return {
            span,
            labels: [label],
            message: `${this.file} row ${row}, column payee: payee "${values[0] ?? ''}" already has a row (row ${prev.row}); ${table} needs exactly one row per payee`,
          };
        case 'payeePeriod':
          return {
            span,
            labels: [label],
            message: `${this.file} row ${row}, column payee: payee "${values[0] ?? ''}" already has a row for ${values[1] ?? ''} (row ${prev.row}); ${table} needs exactly one row per payee per period`,
          };
        case 'declared':
          return names.length === 1
            ? {
                span,
                labels: [label],
                message: `${this.file} row ${row}, column ${names[0] ?? ''}: "${values[0] ?? ''}" is already the key of row ${prev.row}; each row of ${table} needs a different ${names[0] ?? ''}`,
              }
            : {
                span,
                labels: [label],
                message: `${this.file} row ${row}: the key (${names.map((n, i) => `${n} "${values[i] ?? ''}"`).join(', ')}) is already used by row ${prev.row}; each row of ${table} needs a different combination of ${listWords(names)}`,
              };
      }
    });
    return false;
  }
}
