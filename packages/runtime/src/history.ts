/**
 * A payment history (`history from paid.amount`) records what was paid for periods before this plan
 * took over a year: such a period is not settled again, and the year-to-date true-ups after it
 * subtract what it paid. Two rows would silently do something else, so they are errors at the row:
 * a period outside the run (D016: no later period of its year is settled, so it would be ignored),
 * and a period whose own rows no later period of the run trues up (D017: they would never be paid).
 */
import type { PlanSpec, TableRows } from './engine.js';
import type { Problems } from './problems.js';
import type { RowGroups } from './groups.js';
import type { PeriodKind } from './period.js';
import type { InputRow } from './schema.js';
import { nextInYear } from './settle-periods.js';

export interface HistoryProblem {
  readonly code: 'D016' | 'D017';
  readonly row: InputRow;
  readonly message: string;
}

/**
 * Checks each history row against the periods the rest of the data settles (`settled`, sorted), and
 * returns the problems; `hasData` says whether a payee has rows of their own in a period.
 */
export function historyProblems(
  history: TableRows,
  settled: readonly string[],
  kind: PeriodKind,
  hasData: (payee: string, period: string) => boolean,
): HistoryProblem[] {
  const out: HistoryProblem[] = [];
  const [first, last] = [settled[0], settled[settled.length - 1]];
  const years = new Set(settled.map((p) => p.slice(0, 4)));
  for (const row of history.rows) {
    const [payee, period] = [row.cells['payee'] as string, row.cells['period'] as string];
    const at = `${history.file} row ${row.row}, column period`;
    if (first === undefined || last === undefined || !years.has(period.slice(0, 4))) {
      const run = first === undefined ? 'this run settles no period' : `the run settles ${first === last ? first : `${first} to ${last}`}`;
      out.push({ code: 'D016', row, message: `${at}: ${period} is outside the run (${run}): a recorded payment counts only toward the true-ups of its own year, so this row would be ignored` });
      continue;
    }
    if (period > last) {
      out.push({ code: 'D016', row, message: `${at}: ${period} comes after the run's last period, ${last}: no period of the run follows it to count the payment, so this row would be ignored` });
      continue;
    }
    const next = nextInYear(period, kind);
    if (hasData(payee, period) && (next === undefined || next > last)) {
      out.push({
        code: 'D017',
        row,
        message: `${at}: ${payee}'s ${period} is recorded as paid, so it is not settled again, but the data has ${payee}'s rows for ${period} and no later period of ${period.slice(0, 4)} in this run trues them up: they would never be paid; a payment history is for the periods paid before this plan took over`,
      });
    }
  }
  return out;
}

/** Makes every payee with a history row settle its period (as paid). */
export function touchHistory(history: TableRows, groups: RowGroups): void {
  for (const row of history.rows) groups.touch(row.cells['payee'] as string, row.cells['period'] as string);
}

/**
 * A value's history (`history of revenue from past.revenue`) is read only for periods before the
 * run: a row for the run's first period or a later one would never be read, since the run computes
 * those periods itself, so it is an error (D024) rather than silently ignored.
 */
export function checkValueHistories(spec: PlanSpec, data: ReadonlyMap<string, TableRows>, first: string | undefined, problems: Problems): void {
  if (first === undefined) return;
  for (const table of spec.valueHistories ?? []) {
    for (const row of data.get(table)?.rows ?? []) {
      const period = row.cells['period'] as string;
      if (period < first) continue;
      problems.atData('D024', table, `${problems.fileOf(table)} row ${row.row}, column period: ${period} is a period of the run (which starts with ${first}); a history of values holds only the periods before the run, which the run cannot compute`, row, 'period');
    }
  }
}
