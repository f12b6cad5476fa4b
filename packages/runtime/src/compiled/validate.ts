/**
 * Full validation of the rows an application passes to a compiled module, as @payplan/data validates
 * in-memory rows: every cell read by the shared cell reading (../cells.ts: normalised to text, then
 * parsed by its column type's schema), required cells present, periods of the plan's kind, dates and
 * periods in the plan year, declared ranges (D015), unique keys (D005), and payees of transaction rows
 * present in the per-payee tables (D006). Problems come back as InputIssues worded as @payplan/data
 * words them; a module throws them together as a ComputeError.
 */
import { brokenLimit } from '../cell-limits.js';
import { CellError, normalizeRaw, parseCellValue } from '../cells.js';
import { Dec } from '../decimal.js';
import { cellText, repeatedKeyMessage, unknownPayeeMessage } from '../data-messages.js';
import { tableFields, type Field } from '../fields.js';
import { calendarOf, type CalendarOptions } from '../calendar.js';
import type { PeriodKind } from '../period.js';
import type { CellValue, InputRow, TableSchema } from '../schema.js';
import type { InputIssue } from './errors.js';
import type { LoadedData } from './run-data.js';

/** What validation needs of the plan: how periods are written, and the year it covers. */
export interface PlanCalendar {
  readonly settle: PeriodKind;
  readonly year: number | undefined;
  /** The biweekly anchor and the fiscal year's first month, when the plan states them. */
  readonly options?: CalendarOptions;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Reads and validates every row of a table; problems go to issues, valid rows are returned. */
export function validateRows(calendar: PlanCalendar, t: TableSchema, file: string, rows: readonly unknown[], issues: InputIssue[]): InputRow[] {
  const fields = tableFields(t);
  const keys = keysOf(t, fields);
  const out: InputRow[] = [];
  const place = (row: number, name: string) => file + ' row ' + row + ', column ' + name;
  if (!Array.isArray(rows)) {
    issues.push({ code: 'D001', file, message: file + ': expected a list of rows' });
    return out;
  }
  for (let i = 0; i < rows.length; i++) {
    const row = i + 1;
    const o: unknown = rows[i];
    if (typeof o !== 'object' || o === null || Array.isArray(o)) {
      issues.push({ code: 'D001', file, message: file + ' row ' + row + ': expected an object of column values' });
      continue;
    }
    const cells: Record<string, CellValue> = Object.create(null) as Record<string, CellValue>;
    let ok = true;
    for (const f of fields) {
      const raw: unknown = hasOwn.call(o, f.name) ? (o as Record<string, unknown>)[f.name] : undefined;
      const value = readCell(calendar, t, f, raw, (code, message) => {
        issues.push({ code, file, message: place(row, f.name) + ': ' + message });
        ok = false;
      });
      Object.defineProperty(cells, f.name, { value, enumerable: true, writable: true, configurable: true });
    }
    for (const k of keys) {
      const message = repeatedKey(t, file, k, row, cells);
      if (message === undefined) continue;
      issues.push({ code: 'D005', file, message });
      ok = false;
    }
    if (ok) out.push({ row, cells });
  }
  return out;
}

/** One cell, as @payplan/data reads it: normalised to text, then parsed by the column type's schema. */
function readCell(calendar: PlanCalendar, t: TableSchema, f: Field, raw: unknown, bad: (code: string, message: string) => void): CellValue {
  const { settle, year } = calendar;
  const cal = calendarOf(settle, calendar.options);
  const normal = normalizeRaw(f.type, raw);
  if (!normal.ok) return bad('D004', normal.message), undefined;
  const text = normal.value;
  const broken = typeof text === 'string' ? brokenLimit(f.type, isId(t, f), text) : undefined;
  if (broken) return bad(broken.code, broken.message), undefined;
  if (f.period) {
    const p = typeof text === 'string' ? text.trim() : text === undefined ? '' : String(text);
    if (p === '') return bad('D011', 'a value is required but the cell is empty'), undefined;
    const period = cal.parse(p);
    if (!period) return bad('D010', "expected a period of the plan's settlement kind, such as " + cal.firstOfYear(year ?? 2026) + ', found "' + p + '"'), undefined;
    if (year !== undefined && !cal.inYear(period, year)) return bad('D007', period + ' is outside the plan year ' + cal.yearLabel(year)), undefined;
    return period;
  }
  const r = parseCellValue(f.type, text);
  if (r instanceof CellError) return bad('D004', r.message), undefined;
  if (r === undefined) {
    if (!f.optional) bad('D011', 'a value is required but the cell is empty');
    return undefined;
  }
  if (t.kind === 'rows' && f.name === t.dateColumn && year !== undefined && typeof r === 'string' && !cal.inYear(cal.periodOf(r), year)) {
    return bad('D007', r + ' is outside the plan year ' + cal.yearLabel(year)), undefined;
  }
  const bound = t.columns.find((c) => c.name === f.name)?.bound;
  if (bound && r instanceof Dec && !within(r.cmp(new Dec(bound.value)), bound.op)) {
    const shown = (d: Dec) => (f.type === 'percent' ? d.mul(100).toFixed() + '%' : d.toFixed());
    return bad('D015', shown(r) + ' is not ' + bound.op + ' ' + shown(new Dec(bound.value)) + ', the range the plan declares for ' + f.name), undefined;
  }
  return r;
}

/** Whether a cell names a payee or is part of a declared key: such ids may not hold control characters (D020). */
function isId(t: TableSchema, f: Field): boolean {
  return f.type === 'payee' || t.columns.some((c) => c.key === true && c.name === f.name);
}

/** Whether a comparison result (-1, 0, 1) satisfies a declared range's operator. */
function within(c: number, op: '>' | '>=' | '<' | '<='): boolean {
  return op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '<' ? c < 0 : c <= 0;
}

/**
 * A key the rows of a table must not repeat, as @payplan/data checks them: the payee (and period) of
 * a per-payee table, and the columns declared as keys. Key text → the first row that has it.
 */
interface KeyCheck {
  readonly kind: 'payee' | 'payeePeriod' | 'declared';
  readonly columns: readonly string[];
  readonly seen: Map<string, number>;
}

function keysOf(t: TableSchema, fields: readonly Field[]): KeyCheck[] {
  const keys: KeyCheck[] = [];
  if (t.kind === 'payee') keys.push({ kind: 'payee', columns: ['payee'], seen: new Map() });
  if (t.kind === 'payeePeriod') keys.push({ kind: 'payeePeriod', columns: ['payee', 'period'], seen: new Map() });
  const declared = fields.filter((f) => t.columns.some((c) => c.key && c.name === f.name)).map((f) => f.name);
  if (declared.length) keys.push({ kind: 'declared', columns: declared, seen: new Map() });
  return keys;
}

/** Registers a row's key; the D005 message when an earlier row has the same one. Empty or bad key cells are reported already. */
function repeatedKey(t: TableSchema, file: string, k: KeyCheck, row: number, cells: Record<string, CellValue>): string | undefined {
  const values: string[] = [];
  for (const c of k.columns) {
    const v = cells[c];
    if (v === undefined) return undefined;
    values.push(cellText(v));
  }
  const key = values.length === 1 ? values[0]! : values.join('\u0000');
  const prev = k.seen.get(key);
  if (prev === undefined) {
    k.seen.set(key, row);
    return undefined;
  }
  return repeatedKeyMessage({ kind: k.kind, file, table: t.name, row, firstRow: prev, columns: k.columns, values });
}

/**
 * Payees paid by a transaction row who have no row in a per-payee table (for the row's period, in
 * tables per period), as @payplan/data's checkDataSet reports them (D006): once per table, payee
 * and period, at the first such row. Only `paidTables` count: a payment history or a dated hierarchy
 * need not have a row for every payee.
 */
export function unknownPayees(calendar: PlanCalendar, paidTables: readonly TableSchema[], data: LoadedData, issues: InputIssue[]): void {
  const perPayee: { readonly name: string; readonly keys: Set<string> }[] = [];
  const perPeriod: { readonly name: string; readonly keys: Set<string> }[] = [];
  for (const t of paidTables) {
    const rows = data.get(t.name)?.rows;
    if (!rows || t.kind === 'rows' || t.kind === 'keyed') continue;
    const keyOf = (r: InputRow) => String(r.cells['payee']) + (t.kind === 'payeePeriod' ? '\u0000' + String(r.cells['period']) : '');
    (t.kind === 'payee' ? perPayee : perPeriod).push({ name: t.name, keys: new Set(rows.map(keyOf)) });
  }
  if (!perPayee.length && !perPeriod.length) return;
  // @payplan/data learns the period kind from the rows per period, so with none it names no period.
  const dated = perPeriod.some((p) => p.keys.size > 0);
  const byFile = new Map<string, InputIssue[]>();
  for (const t of paidTables) {
    const table = data.get(t.name);
    const column = t.payeeColumn;
    if (!table || t.kind !== 'rows' || column === undefined) continue;
    const reported = new Set<string>();
    const missing = (row: number, payee: string, target: string, period: string | undefined) => {
      const key = target + '\u0000' + payee + '\u0000' + (period ?? '');
      if (reported.has(key)) return;
      reported.add(key);
      let list = byFile.get(table.file);
      if (!list) byFile.set(table.file, (list = []));
      list.push({ code: 'D006', file: table.file, message: unknownPayeeMessage(table.file, row, column, payee, target, period) });
    };
    for (const r of table.rows) {
      const payee = r.cells[column];
      if (typeof payee !== 'string') continue;
      for (const p of perPayee) if (!p.keys.has(payee)) missing(r.row, payee, p.name, undefined);
      const date = t.dateColumn === undefined ? undefined : r.cells[t.dateColumn];
      if (!perPeriod.length || typeof date !== 'string') continue;
      const period = dated ? calendarOf(calendar.settle, calendar.options).periodOf(date) : undefined;
      for (const p of perPeriod) if (period === undefined || !p.keys.has(payee + '\u0000' + period)) missing(r.row, payee, p.name, period);
    }
  }
  for (const list of byFile.values()) for (const issue of list) issues.push(issue);
}
