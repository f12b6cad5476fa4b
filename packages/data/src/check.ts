/**
 * Checks across the tables of one run: every declared table has data (D009), every data table is
 * declared (D012), and every payee paid by a transaction row has a row in each per-payee table, for
 * the row's settlement period in per-payee-per-period tables (D006).
 */
import type { Diagnostic, Span } from '@payplan/diagnostics';
import { calendarOf, plainOrQuoted, quoted, unknownPayeeMessage, type CalendarOptions, type PeriodKind, type TableSchema } from '@payplan/runtime';
import { locateCell } from './locate.js';
import { closest, listRows, listWords } from './names.js';
import { FileDiagnostics } from './sink.js';
import type { LoadedTable } from './types.js';

export interface CheckOptions {
  /** The plan's settlement kind; when absent it is read from the period labels of the loaded tables. */
  readonly settle?: PeriodKind;
  /**
   * The plan's calendar, when known: it labels a row's period once the per-period tables show that
   * periods are named (weekly and fiscal labels cannot be told from the labels alone).
   */
  readonly calendar?: { readonly settle: PeriodKind; readonly options?: CalendarOptions };
  /** The file that D009 (a declared table without data) is reported against; default `<data>`. */
  readonly planFile?: string;
  /** Where each table is declared in that file, so D009 points at the declaration. */
  readonly declaredAt?: ReadonlyMap<string, Span>;
}

const kindOfLabel = (label: string): PeriodKind | undefined =>
  /^\d{4}-Q[1-4]$/.test(label) ? 'quarter' : /^\d{4}-H[12]$/.test(label) ? 'half' : /^\d{4}-\d{2}$/.test(label) ? 'month' : /^\d{4}$/.test(label) ? 'year' : undefined;

interface Missing {
  readonly table: LoadedTable;
  readonly column: string;
  readonly payee: string;
  readonly target: string;
  readonly period: string | undefined;
  readonly first: number;
  readonly rows: number[];
  count: number;
}

export function checkDataSet(tables: readonly TableSchema[], loaded: ReadonlyMap<string, LoadedTable>, options: CheckOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const declared = new Set(tables.map((t) => t.name));
  const planFile = options.planFile ?? '<data>';

  for (const t of tables) {
    if (loaded.has(t.name)) continue;
    out.push({
      code: 'D009',
      severity: 'error',
      file: planFile,
      span: options.declaredAt?.get(t.name) ?? { start: 0, end: 0 },
      message: `no data was given for table ${t.name}; the plan reads it, so supply a file for it`,
      hint: `pass it as --data ${t.name}=<file>.csv`,
    });
  }
  for (const [name, table] of loaded) {
    if (declared.has(name)) continue;
    const guess = closest(name, [...declared].filter((d) => !loaded.has(d)));
    out.push({
      code: 'D012',
      severity: 'error',
      file: table.file,
      span: { start: 0, end: 0 },
      message: `data was given for table ${name} (${table.file}), but the plan declares no such table${declared.size ? `; its tables are ${listWords([...declared])}` : ''}`,
      ...(guess !== undefined ? { hint: `did you mean \`${guess}\`?` } : {}),
    });
  }

  // Who has a row in each per-payee table (and for which periods).
  const perPayee: { name: string; payees: Set<string> }[] = [];
  const perPeriod: { name: string; keys: Set<string>; empty: boolean }[] = [];
  let settle = options.settle;
  for (const t of tables) {
    const data = loaded.get(t.name);
    if (!data) continue;
    if (t.kind === 'payee') {
      const payees = new Set<string>();
      for (const r of data.rows) if (typeof r.cells['payee'] === 'string') payees.add(r.cells['payee']);
      perPayee.push({ name: t.name, payees });
    } else if (t.kind === 'payeePeriod') {
      const keys = new Set<string>();
      for (const r of data.rows) {
        const p = r.cells['payee'];
        const q = r.cells['period'];
        if (typeof p !== 'string' || typeof q !== 'string') continue;
        keys.add(`${p}\u0000${q}`);
        settle ??= options.calendar?.settle ?? kindOfLabel(q);
      }
      perPeriod.push({ name: t.name, keys, empty: data.rows.length === 0 });
    }
  }
  if (perPayee.length === 0 && perPeriod.length === 0) return out;

  const missing = new Map<string, Missing>();
  const note = (table: LoadedTable, column: string, payee: string, target: string, period: string | undefined, rowIndex: number, row: number): void => {
    const key = `${table.schema.name}\u0000${target}\u0000${payee}\u0000${period ?? ''}`;
    const m = missing.get(key);
    if (m) {
      m.count++;
      if (m.rows.length < 5) m.rows.push(row);
    } else {
      missing.set(key, { table, column, payee, target, period, first: rowIndex, rows: [], count: 1 });
    }
  };
  for (const t of tables) {
    const data = loaded.get(t.name);
    if (!data || t.kind !== 'rows' || t.payeeColumn === undefined) continue;
    const pc = t.payeeColumn;
    const dc = t.dateColumn;
    data.rows.forEach((r, ri) => {
      const payee = r.cells[pc];
      if (typeof payee !== 'string') return;
      for (const pt of perPayee) if (!pt.payees.has(payee)) note(data, pc, payee, pt.name, undefined, ri, r.row);
      if (perPeriod.length === 0 || dc === undefined) return;
      const date = r.cells[dc];
      if (typeof date !== 'string') return;
      const label = settle ? calendarOf(settle, settle === options.calendar?.settle ? options.calendar.options : undefined).periodOf(date) : undefined;
      for (const pt of perPeriod) {
        if (label === undefined ? pt.empty : !pt.keys.has(`${payee}\u0000${label}`)) note(data, pc, payee, pt.name, label, ri, r.row);
      }
    });
  }

  const byFile = new Map<string, FileDiagnostics>();
  for (const m of missing.values()) {
    const file = m.table.file;
    let diags = byFile.get(file);
    if (!diags) byFile.set(file, (diags = new FileDiagnostics(file)));
    const row = m.table.rows[m.first]?.row ?? 0;
    diags.error('D006', () => ({
      span: locateCell(m.table, m.first, m.column),
      message: unknownPayeeMessage(file, row, m.column, m.payee, m.target, m.period),
      ...(m.count > 1 ? { notes: [`${m.count - 1} more row${m.count === 2 ? '' : 's'} of ${file} pay${m.count === 2 ? 's' : ''} ${quoted(m.payee)}${m.period !== undefined ? ` in ${m.period}` : ''}: row${m.count === 2 ? '' : 's'} ${listRows(m.rows, m.count - 1)}`] } : {}),
      hint: `add a row for ${plainOrQuoted(m.payee)}${m.period !== undefined ? ` and ${m.period}` : ''} to ${m.target}, or check the spelling of the payee`,
    }));
  }
  for (const d of byFile.values()) out.push(...d.finish());
  return out;
}
