/**
 * Row validation shared by every entry point: each cell is parsed by its column type, required cells
 * must be present, periods must be labels of the plan's settlement kind, the dating column must fall
 * in the plan year, and keys must be unique. Loaders supply raw cells and a `Locator` that turns a
 * row number and a field into a span.
 *
 * Row numbers are the loaders' `InputRow.row`: in a CSV file the spreadsheet row, with the header as
 * row 1, so the first data row is row 2; in JSON and in-memory rows the 1-based index into the array.
 */
import type { Span } from '@payplan/diagnostics';
import {
  brokenLimit,
  CellError,
  cellText,
  normalizeRaw,
  parseCellValue,
  calendarOf,
  periodWords,
  quoted,
  repeatedKeyMessage,
  tableFields,
  type BrokenLimit,
  type Calendar,
  type CellValue,
  type Field,
  type InputRow,
  type TableSchema,
} from '@payplan/runtime';
import type { FileDiagnostics } from './sink.js';
import type { DataContext } from './types.js';

export interface Locator {
  /** The span of a field's cell in a row. */
  cell(row: number, field: number): Span;
  /** The span of a whole row. */
  row(row: number): Span;
}


interface KeyCheck {
  readonly kind: 'payee' | 'payeePeriod' | 'declared';
  readonly fields: readonly number[];
  /** Key text → the row that has it first. */
  readonly seen: Map<string, number>;
}

export class RowValidator {
  readonly fields: readonly Field[];
  /** Fields whose column is absent from the input altogether (already reported as D002, or optional). */
  private readonly absent: boolean[];
  /** Fields that hold ids (a payee, a key column), which may not contain control characters. */
  private readonly ids: readonly boolean[];
  private readonly dateField: number;
  private readonly keys: KeyCheck[] = [];
  private readonly yearText: string | undefined;
  /** The plan's calendar: how period cells are written, and which year a date's period is in. */
  private readonly calendar: Calendar;
  /** An object with every field, copied for each row so rows share one shape. */
  private readonly template: Record<string, CellValue>;

  constructor(
    readonly schema: TableSchema,
    readonly file: string,
    readonly ctx: DataContext,
    readonly diags: FileDiagnostics,
    readonly locator: Locator,
  ) {
    this.fields = tableFields(schema);
    this.absent = this.fields.map(() => false);
    this.template = Object.fromEntries(this.fields.map((f) => [f.name, undefined]));
    this.dateField = schema.kind === 'rows' && schema.dateColumn !== undefined ? this.fields.findIndex((f) => f.name === schema.dateColumn) : -1;
    this.yearText = ctx.year === undefined ? undefined : calendarOf(ctx.settle, ctx.calendar).yearLabel(ctx.year);
    this.calendar = calendarOf(ctx.settle, ctx.calendar);
    if (schema.kind === 'payee') this.keys.push({ kind: 'payee', fields: [0], seen: new Map() });
    if (schema.kind === 'payeePeriod') this.keys.push({ kind: 'payeePeriod', fields: [0, 1], seen: new Map() });
    const declared: number[] = [];
    for (const c of schema.columns) {
      if (!c.key) continue;
      const i = this.fields.findIndex((f) => f.name === c.name);
      if (i >= 0 && !declared.includes(i)) declared.push(i);
    }
    if (declared.length) this.keys.push({ kind: 'declared', fields: declared, seen: new Map() });
    this.ids = this.fields.map((f, i) => f.type === 'payee' || declared.includes(i));
  }

  /** Records that a field's column is not in the input at all, so its cells are not reported one by one. */
  markAbsent(field: number): void {
    this.absent[field] = true;
  }

  /**
   * Validates one row. `raw[i]` is the raw value of field `i` (`undefined` when absent). Returns the
   * row when every cell is valid, else `undefined` after reporting each problem.
   */
  validate(row: number, raw: readonly unknown[]): InputRow | undefined {
    const { fields } = this;
    const cells: Record<string, CellValue> = { ...this.template };
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
          this.bad(row, i, n.message);
          cells[f.name] = undefined;
          ok = false;
          continue;
        }
        r = n.value;
      }
      const broken = typeof r === 'string' ? brokenLimit(f.type, this.ids[i] === true, r) : undefined;
      if (broken) {
        this.broken(row, i, broken);
        cells[f.name] = undefined;
        ok = false;
        continue;
      }
      let value: CellValue;
      if (f.period) {
        value = this.period(row, i, r);
        if (value === undefined) ok = false;
      } else {
        const v = parseCellValue(f.type, r);
        if (v instanceof CellError) {
          this.bad(row, i, v.message);
          ok = false;
        } else if (v === undefined) {
          if (!f.optional) {
            this.required(row, i);
            ok = false;
          }
        } else {
          value = v;
          if (i === this.dateField && this.ctx.year !== undefined && typeof v === 'string' && !this.calendar.inYear(this.calendar.periodOf(v), this.ctx.year)) {
            this.outsideYear(row, i, v);
            ok = false;
          }
        }
      }
      cells[f.name] = value;
    }
    for (const k of this.keys) {
      if (!this.checkKey(k, row, cells)) ok = false;
    }
    return ok ? { row, cells } : undefined;
  }

  private where(row: number, field: number): string {
    return `${this.file} row ${row}, column ${this.fields[field]?.name ?? ''}`;
  }

  private bad(row: number, field: number, message: string): void {
    this.diags.error('D004', () => ({ span: this.locator.cell(row, field), message: `${this.where(row, field)}: ${message}` }));
  }

  private broken(row: number, field: number, b: BrokenLimit): void {
    this.diags.error(b.code, () => ({ span: this.locator.cell(row, field), message: `${this.where(row, field)}: ${b.message}`, hint: b.hint }));
  }

  private required(row: number, field: number): void {
    this.diags.error('D011', () => ({ span: this.locator.cell(row, field), message: `${this.where(row, field)}: a value is required but the cell is empty` }));
  }

  private outsideYear(row: number, field: number, date: string): void {
    const year = this.yearText ?? '';
    const name = this.fields[field]?.name ?? '';
    this.diags.error('D007', () => ({
      span: this.locator.cell(row, field),
      message: `${this.where(row, field)}: ${date} is outside the plan year ${year}`,
      notes: [`${name} decides the settlement period of a row, and this plan covers ${year} only`],
    }));
  }

  private period(row: number, field: number, raw: string | boolean | undefined): string | undefined {
    const text = typeof raw === 'string' ? raw.trim() : raw === undefined ? '' : String(raw);
    if (text === '') {
      this.required(row, field);
      return undefined;
    }
    const cal = this.calendar;
    const label = cal.parse(text);
    if (label === undefined) {
      const noun = periodWords[cal.kind].noun;
      const near = cal.nearest(text);
      this.diags.error(near ? 'D023' : 'D010', () => ({
        span: this.locator.cell(row, field),
        message: near
          ? `${this.where(row, field)}: ${quoted(text)} is not a ${noun} of this plan; ${near.first} falls in ${near.label}`
          : `${this.where(row, field)}: expected a ${noun} such as ${cal.example}, found ${quoted(text)}`,
        notes: [near ? `the plan's ${noun}s are ${cal.describe()}` : `the plan settles by ${noun}, so periods are written like ${cal.example}`],
      }));
      return undefined;
    }
    if (this.ctx.year !== undefined && !cal.inYear(label, this.ctx.year)) {
      const year = cal.yearLabel(this.ctx.year);
      this.diags.error('D007', () => ({ span: this.locator.cell(row, field), message: `${this.where(row, field)}: ${label} is outside the plan year ${year}` }));
      return undefined;
    }
    return label;
  }

  /** Registers the row's key; false (after reporting) when an earlier row has the same one. */
  private checkKey(k: KeyCheck, row: number, cells: Record<string, CellValue>): boolean {
    let key = '';
    for (let j = 0; j < k.fields.length; j++) {
      const v = cells[(this.fields[k.fields[j] ?? 0] as Field).name];
      if (v === undefined) return true; // an empty or bad key cell is reported already
      key = j === 0 ? cellText(v) : `${key}\u0000${cellText(v)}`;
    }
    const prev = k.seen.get(key);
    if (prev === undefined) {
      k.seen.set(key, row);
      return true;
    }
    const first = k.fields[0] ?? 0;
    const columns = k.fields.map((i) => (this.fields[i] as Field).name);
    const values = columns.map((name) => cellText(cells[name]));
    this.diags.error('D005', () => ({
      span: this.locator.cell(row, first),
      labels: [{ span: this.locator.cell(prev, first), message: `row ${prev} has the same key` }],
      message: repeatedKeyMessage({ kind: k.kind, file: this.file, table: this.schema.name, row, firstRow: prev, columns, values }),
    }));
    return false;
  }
}
