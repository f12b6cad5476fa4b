/**
 * Clawbacks: a row cancelled within its window, in a later period than its own, takes back in its
 * cancellation period what it added to its original period's payout, on a line of its own. A row
 * cancelled in its own period simply does not count; one cancelled after the window is kept.
 */
import type { ComputedLine } from './assemble.js';
import type { Dec } from './decimal.js';
import type { ClawbackSpec, PlanSpec, TableRows } from './engine.js';
import { exactMoneyText, moneyText } from './format.js';
import type { RowGroups } from './groups.js';
import type { Problems } from './problems.js';
import { keyOf } from './row-refs.js';
import type { InputRow } from './schema.js';
import { daysBetween, planCalendar } from './settle-periods.js';

export interface Clawback {
  readonly spec: ClawbackSpec;
  readonly row: InputRow;
  readonly table: string;
  readonly originalPeriod: string;
  readonly cancelPeriod: string;
  readonly days: number;
}

export interface Cancellations {
  /** Rows clawed back in a later period. */
  readonly clawbacks: readonly Clawback[];
  /** Rows cancelled in their own period: they do not count at all. */
  readonly excluded: ReadonlySet<InputRow>;
}

/** Finds the cancelled rows; a clawback makes its payees settle the period it lands in. */
export function findCancellations(spec: PlanSpec, data: ReadonlyMap<string, TableRows>, groups: RowGroups, problems: Problems): Cancellations {
  const clawbacks: Clawback[] = [];
  const excluded = new Set<InputRow>();
  const cal = planCalendar(spec);
  for (const cb of spec.clawbacks) {
    const t = spec.tables.find((x) => x.name === cb.table)!;
    for (const row of data.get(cb.table)?.rows ?? []) {
      const cancelled = row.cells[cb.column];
      if (typeof cancelled !== 'string') continue;
      const closed = row.cells[t.dateColumn!] as string;
      const days = daysBetween(closed, cancelled);
      if (days < 0) {
        problems.atData('D004', cb.table, `${problems.fileOf(cb.table)} row ${row.row}, column ${cb.column}: cancelled on ${cancelled}, before it closed on ${closed}`, row, cb.column);
        continue;
      }
      const originalPeriod = cal.periodOf(closed);
      const cancelPeriod = cal.periodOf(cancelled);
      if (days > cb.days) continue;
      if (cancelPeriod === originalPeriod) {
        excluded.add(row);
        continue;
      }
      clawbacks.push({ spec: cb, row, table: cb.table, originalPeriod, cancelPeriod, days });
      for (const p of groups.payeesOf(cb.table, row)) groups.touch(p, cancelPeriod);
    }
  }
  return { clawbacks, excluded };
}

/** The line taking back what a cancelled row added to its original period's payout (`earned`). */
export function clawbackLine(spec: PlanSpec, cb: Clawback, earned: Dec): ComputedLine {
  const key = keyOf(spec, cb.table, cb.row);
  const row = `${cb.table} row ${cb.row.row}${key !== undefined ? ` (${key})` : ''}`;
  return {
    component: `clawback_${cb.spec.rowName}_${key ?? cb.row.row}`,
    kind: 'limit',
    exact: earned.neg(),
    explanation: {
      rule: cb.spec.rule,
      source: cb.spec.source,
      detail: `${row} was cancelled ${cb.days} days after closing, within ${cb.spec.days}: the ${moneyText(earned)} it added to the ${cb.originalPeriod} payout is taken back`,
      values: [],
      rows: [{ table: cb.table, row: cb.row.row, ...(key !== undefined && { key }), amount: exactMoneyText(earned.neg()) }],
    },
  };
}
