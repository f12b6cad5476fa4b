/**
 * The first phases of a run: group and credit. Transaction rows go to the payee and period they
 * belong to, split among the payees their credit rules name (a row that cannot be placed or split is
 * a data error at its cell); rows of per-payee tables are indexed by payee and period. A dated
 * hierarchy is read by its teams (teams.ts), not grouped, and the payment history's periods are
 * added after it is checked (history.ts).
 */
import { creditRow, type CreditSpec } from './credit.js';
import type { PlanSpec, TableRows } from './engine.js';
import { RowGroups } from './groups.js';
import type { Problems } from './problems.js';
import type { InputRow, TableSchema } from './schema.js';
import { periodWords } from './calendar.js';
import { planCalendar, rowPeriod } from './settle-periods.js';

/** Rows of per-payee tables: table → payee → period ('' in tables per payee) → row. */
export class PayeeRows {
  private readonly index = new Map<string, Map<string, Map<string, InputRow>>>();

  add(table: string, payee: string, period: string, row: InputRow): void {
    let byPayee = this.index.get(table);
    if (!byPayee) this.index.set(table, (byPayee = new Map()));
    let byPeriod = byPayee.get(payee);
    if (!byPeriod) byPayee.set(payee, (byPeriod = new Map()));
    byPeriod.set(period, row);
  }

  rowOf(table: string, payee: string, period: string): InputRow | undefined {
    return this.index.get(table)?.get(payee)?.get(period);
  }
}

export interface Grouped {
  readonly groups: RowGroups;
  readonly payeeRows: PayeeRows;
}

/** Groups every table's rows (the group and credit phases). */
export function groupRows(spec: PlanSpec, data: ReadonlyMap<string, TableRows>, problems: Problems): Grouped {
  const groups = new RowGroups(spec.tally);
  const payeeRows = new PayeeRows();
  const hierarchies = new Set(spec.teams.map((t) => t.table));
  for (const t of spec.tables) {
    const rows = data.get(t.name)?.rows ?? [];
    if (t.kind === 'keyed') continue; // read by key (keyed.ts), not attributed
    if (t.kind !== 'rows') indexPayeeTable(spec, t, rows, groups, payeeRows);
    else if (!hierarchies.has(t.name)) groupTransactions(spec, t, rows, groups, problems);
  }
  return { groups, payeeRows };
}

/** Each transaction row to its payee and period, or to the payees its credit rules name. */
function groupTransactions(spec: PlanSpec, t: TableSchema, rows: readonly InputRow[], groups: RowGroups, problems: Problems): void {
  const byPeriodLabel = t.columns.find((c) => c.name === t.dateColumn)?.type === 'period';
  const credit = spec.credits.find((c) => c.table === t.name);
  const cal = planCalendar(spec);
  for (const row of rows) {
    const period = rowPeriod(row, t.dateColumn!, byPeriodLabel, cal);
    if (period === undefined) {
      const words = periodWords[spec.settle];
      problems.atData('D010', t.name, `${problems.fileOf(t.name)} row ${row.row}, column ${t.dateColumn}: "${String(row.cells[t.dateColumn!])}" is not a ${words.noun} of this plan, which settles ${words.adverb} (such as ${cal.example})`, row, t.dateColumn);
    } else if (credit) creditParts(credit, t.name, row, period, groups, problems);
    else groups.addWhole(row.cells[t.payeeColumn!] as string, period, t.name, row);
  }
}

/** The credit phase for one row: its parts to the payees its credit rules name, shares adding up to 100%. */
function creditParts(credit: CreditSpec, table: string, row: InputRow, period: string, groups: RowGroups, problems: Problems): void {
  const split = creditRow(credit, row, problems.fileOf(table));
  if ('error' in split) {
    problems.atData('D014', table, split.error, row, split.column);
    return;
  }
  for (const c of split.credits) groups.addCredited(c.payee, table, { row, period, share: c.share, via: c.via });
}

/** A per-payee table by payee and period; a row per period makes its payee settle that period. */
function indexPayeeTable(spec: PlanSpec, t: TableSchema, rows: readonly InputRow[], groups: RowGroups, payeeRows: PayeeRows): void {
  const perPeriod = t.kind === 'payeePeriod';
  for (const row of rows) {
    const payee = row.cells['payee'] as string;
    const period = perPeriod ? (row.cells['period'] as string) : '';
    payeeRows.add(t.name, payee, period, row);
    if (perPeriod && t.name !== spec.history?.table && !spec.valueHistories?.includes(t.name)) groups.touch(payee, period);
  }
}
