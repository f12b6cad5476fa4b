/**
 * The settlement engine: everything about a plan run that is not the plan's own arithmetic. Given a
 * plan's specification (its tables, credit rules, teams, requirements, clawbacks, draw, and a
 * function computing one statement's lines from a context) and validated rows, `settle` runs the
 * phases, each in a module of its own: group and credit the rows, read the teams, find the
 * cancellations, check the payment history, then settle each payee's periods in order (evaluate,
 * year to date, clawbacks and draws, assemble). This file holds the types the phases share. The
 * interpreter and compiled modules both run through it, so they agree on all of this by construction.
 */
import { findCancellations } from './clawbacks.js';
import { Contexts } from './contexts.js';
import { Dec } from './decimal.js';
import { valueText, type ValueUnit } from './format.js';
import type { CreditSpec } from './credit.js';
import { groupRows, type PayeeRows } from './group-rows.js';
import type { RowGroups } from './groups.js';
import { checkValueHistories, historyPeriods, historyProblems, touchHistory } from './history.js';
import type { ComputedLine, PayoutLimit } from './assemble.js';
import type { Calendar, CalendarOptions } from './calendar.js';
import { activeDays, activeDaysWithin, periodFromLabel, type PeriodKind } from './period.js';
import { PlanError } from './plan-error.js';
import { unpaidPools, type PoolSpec } from './pools.js';
import { Problems } from './problems.js';
import { payeesOfRun } from './roster.js';
import type { RoundingRule } from './rounding.js';
import { KeyedTables } from './keyed.js';
import type { CellValue, InputRow, TableSchema } from './schema.js';
import { settlePayee } from './settle-payee.js';
import { planCalendar, runPeriods } from './settle-periods.js';
import type { NamedValue, ReportedValue, RunResult, SourceRef, Statement, StatementException } from './statement.js';
import { PayeeGroups, type GroupSpec } from './payee-groups.js';
import { Hierarchies } from './teams.js';

/** A transaction row as one payee sees it: with the share of it they are credited, if split. */
export interface CreditedRow {
  readonly row: InputRow;
  /** The period the row belongs to. */
  readonly period: string;
  /** The payee's share, when a credit rule split the row. */
  readonly share?: Dec;
  /** The credit rule that gave this payee the row, as written. */
  readonly via?: string;
}

/** What a plan's own code sees while computing one payee's statement for one period. */
export interface Ctx {
  readonly payee: string;
  readonly period: string;
  /** The payee's rows of a transaction table (cumulative from the start of the year when year-to-date). */
  rows(table: string): readonly CreditedRow[];
  /**
   * The running figures the plan's `tally` kept for the groups of rows that make up `rows(table)`
   * (one group per period: several in a year-to-date plan), or `undefined` when requirements or
   * cancellations took rows out and the figures no longer describe `rows(table)`.
   */
  tallies(table: string): readonly unknown[] | undefined;
  /**
   * Hands every row the tally took of a table (for every payee and period, not only this context's)
   * to `visit` again, in input order, with its group's accumulator. The record may be reused for
   * the next row: read it, don't keep it.
   */
  replay(table: string, visit: (accumulator: unknown, row: CreditedRow) => void): void;
  /** The payee's row of a per-payee table (for this period, when per period). */
  payeeRow(table: string): InputRow | undefined;
  /** The contexts of a team's members for the same period; of a group's members, the payee included, by id. */
  members(team: string): readonly Ctx[];
  /** The contexts of the payees whose team this payee is in (their managers), for the same period. */
  leaders(team: string): readonly Ctx[];
  /** The row of a keyed table with these key values, if it has one. */
  keyedRow(table: string, keys: readonly CellValue[]): InputRow | undefined;
  /**
   * The same payee's context for an earlier period of the run, or `undefined` when the period comes
   * before the run's first (then `previous(…)` reads the value's history instead).
   */
  earlier(period: string): Ctx | undefined;
  /** The payee's row of a per-payee-per-period table for any period (a value's history). */
  payeeRowIn(table: string, period: string): InputRow | undefined;
  /** Computes a value once per context (bases, derived values). */
  memo<T>(key: string, compute: () => T): T;
  /** Rows a requirement flagged or excluded, in this context's own period. */
  readonly exceptions: readonly StatementException[];
}

/** The context of values that belong to no payee: constants, rate tables, credit rules. */
export const noPayeeContext: Ctx = {
  payee: '',
  period: '',
  rows: () => [],
  tallies: () => undefined,
  replay: () => undefined,
  payeeRow: () => undefined,
  members: () => [],
  leaders: () => [],
  keyedRow: () => undefined,
  earlier: () => undefined,
  payeeRowIn: () => undefined,
  memo: (_k, compute) => compute(),
  exceptions: [],
};

export interface TeamSpec {
  readonly name: string;
  /**
   * The table and its payee column naming each payee's manager: a table per payee, per payee per
   * period, or a dated hierarchy (a transaction table: member, manager, from, optional `until`).
   */
  readonly table: string;
  readonly column: string;
  readonly depth: 'all' | 'direct';
  readonly until?: string;
}

export interface RequirementSpec {
  readonly table: string;
  applies?(ctx: Ctx, row: CreditedRow): boolean;
  holds(ctx: Ctx, row: CreditedRow): boolean;
  readonly exclude: boolean;
  readonly message: string;
  readonly source: SourceRef;
}

export interface ClawbackSpec {
  readonly table: string;
  /** The row variable's name, used to name lines: `clawback_deal_1`. */
  readonly rowName: string;
  /** The optional date column saying when the row was cancelled. */
  readonly column: string;
  readonly days: number;
  readonly rule: string;
  readonly source: SourceRef;
}

export interface DrawSpec {
  readonly component: string;
  amount(ctx: Ctx): Dec;
  readonly mode: 'recoverable' | 'nonrecoverable';
  readonly rule: string;
  readonly source: SourceRef;
}

/**
 * Running figures a plan keeps per group of rows (one payee, one period, one table) while the
 * engine groups them. Grouping reads rows in input order, so a rule that needs nothing but its
 * row can be added up there, while the row is in the processor's cache; computed later, in group
 * order, the same rows are scattered across memory. Exact decimals make the order of addition
 * irrelevant, so the figures are the same as a loop over `ctx.rows(table)` would give.
 */
export interface TallySpec {
  /** A fresh accumulator for a new group of `table`'s rows, or `undefined` if the table is not tallied. */
  start(table: string): unknown;
  /** Adds one credited row to its group's accumulator. The record may be reused for the next row: read it, don't keep it. */
  add(table: string, accumulator: unknown, row: CreditedRow): void;
}

/** The parts of one statement the plan's own code computes. */
export interface StatementParts {
  readonly lines: readonly ComputedLine[];
  readonly limits: readonly PayoutLimit[];
  readonly values: readonly NamedValue[];
  /** What the statement reports without paying; absent when the plan reports nothing. */
  readonly reported?: readonly ReportedValue[];
}

export interface PlanSpec {
  readonly file: string;
  readonly name: string;
  readonly currency: string;
  readonly settle: PeriodKind;
  /** The biweekly anchor and the fiscal year's first month, when the header states them. */
  readonly calendar?: CalendarOptions;
  readonly yearToDate: boolean;
  /** Where the plan says `settle … year_to_date`, for the explanation of `previously_paid`. */
  readonly ytdSource?: SourceRef;
  readonly rounding: RoundingRule;
  readonly tables: readonly TableSchema[];
  readonly credits: readonly CreditSpec[];
  readonly teams: readonly TeamSpec[];
  /** Groups of payees sharing a per-payee value, or every payee (`group`); absent: none. */
  readonly groups?: readonly GroupSpec[];
  readonly requirements: readonly RequirementSpec[];
  readonly clawbacks: readonly ClawbackSpec[];
  readonly draw?: DrawSpec;
  /**
   * Payouts already made for earlier periods: a period with any row there was paid by the previous
   * system, for every payee (0.00 without a row); it counts as paid and is not settled again.
   */
  readonly history?: { readonly table: string; readonly column: string; readonly rule?: string; readonly source?: SourceRef };
  /** Tables holding values of periods before the run (`history of revenue from …`): they add no period to the run. */
  readonly valueHistories?: readonly string[];
  readonly tally?: TallySpec;
  /** The plan's pools, to list those paid to nobody (pools.ts). */
  readonly pools?: readonly PoolSpec[];
  /**
   * Components measured over a longer period than the plan's (`bonus … per year`), by name: they are
   * paid on the statement of the period that closes theirs (own-periods.ts).
   */
  readonly componentPeriods?: Readonly<Record<string, PeriodKind>>;
  /**
   * The plan's part of a statement for a context: the lines of the components settled every period,
   * with payout limits and shown values; or, given `per`, only the lines of the components measured
   * over periods of that kind (the context is then one such period).
   */
  statement(ctx: Ctx, per?: PeriodKind): StatementParts;
}

/** A problem found while settling: in the plan (`span`) or in a data file (`file`, rows in the message). */
export interface EngineError {
  readonly code: string;
  readonly message: string;
  readonly file: string;
  readonly span: { readonly start: number; readonly end: number };
}

export interface TableRows {
  readonly file: string;
  readonly rows: readonly InputRow[];
  /** Where a row (and one of its cells) is in the file, when the loader knows; for error carets. */
  locate?(row: InputRow, column?: string): { readonly start: number; readonly end: number };
}

/**
 * Settles a run in named phases: group and credit the rows (group-rows.ts), read the hierarchies
 * (teams.ts), find cancelled rows (clawbacks.ts), check the payment history (history.ts); then every
 * payee the plan knows of settles every period of the run in order (settle-payee.ts): evaluate, year
 * to date, clawbacks and draws, assemble. Errors of a phase stop the run before statements.
 */
export function settle(spec: PlanSpec, data: ReadonlyMap<string, TableRows>): { result?: RunResult; errors: EngineError[] } {
  const problems = new Problems(spec, data);
  const { groups, payeeRows } = groupRows(spec, data, problems);
  const hierarchies = new Hierarchies(spec, data, problems);
  const cancellations = findCancellations(spec, data, groups, problems);
  if (spec.history) checkHistory(spec, data, groups, payeeRows, problems);
  if (problems.any) return { errors: problems.errors };

  const periods = runPeriods(groups.periods(), planCalendar(spec));
  const payees = payeesOfRun(spec, data, groups.payees());
  const payeeGroups = new PayeeGroups(spec.groups ?? [], payeeRows, payees);
  const keyed = new KeyedTables(spec.tables, (t) => data.get(t)?.rows ?? []);
  if (spec.valueHistories?.length) checkValueHistories(spec, data, periods[0], problems);
  if (problems.any) return { errors: problems.errors };
  const contexts = new Contexts(spec, data, groups, payeeRows, hierarchies, cancellations, periods[0], payeeGroups, keyed);
  const paidBefore = historyPeriods(spec.history && data.get(spec.history.table));
  const run = { spec, contexts, groups, payeeRows, cancellations, problems, paidBefore };
  const statements: Statement[] = [];
  for (const payee of payees) settlePayee(run, payee, periods, statements);
  if (problems.any) return { errors: problems.errors };
  const unpaid = unpaidPools(spec.pools ?? [], statements, contexts);
  return { result: { plan: spec.name, currency: spec.currency, statements, ...(unpaid.length && { unpaidPools: unpaid }) }, errors: [] };
}

/** The payment history's rows are checked against the rest of the data, then settle their periods as paid. */
function checkHistory(spec: PlanSpec, data: ReadonlyMap<string, TableRows>, groups: RowGroups, payeeRows: PayeeRows, problems: Problems): void {
  const table = spec.history!.table;
  const history = data.get(table) ?? { file: table, rows: [] };
  const perPeriod = spec.tables.filter((t) => t.kind === 'payeePeriod' && t.name !== table).map((t) => t.name);
  const hasData = (payee: string, period: string) => groups.hasRows(payee, period) || perPeriod.some((t) => payeeRows.rowOf(t, payee, period) !== undefined);
  for (const p of historyProblems(history, [...groups.periods()].sort(), planCalendar(spec), [...groups.payees()], hasData)) problems.atData(p.code, table, p.message, p.row, 'period');
  touchHistory(history, groups);
}

/**
 * A ladder's values must stay in order (`ladder Pmin < Pd < Pp`); the first step that does not hold
 * is an error (R001) at the item that breaks it.
 */
export function checkLadder(
  values: readonly Dec[],
  texts: readonly string[],
  ops: readonly ('<' | '<=')[],
  items: readonly { readonly unit: ValueUnit; readonly span: { readonly start: number; readonly end: number } }[],
): void {
  ops.forEach((op, i) => {
    const [a, b] = [values[i]!, values[i + 1]!];
    if (op === '<' ? a.lt(b) : a.lte(b)) return;
    const next = items[i + 1]!;
    throw new PlanError('R001', `\`${texts[i]} ${op} ${texts[i + 1]}\` does not hold: ${valueText(a, items[i]!.unit)} is not ${op === '<' ? 'below' : 'at or below'} ${valueText(b, next.unit)}`, next.span);
  });
}

/**
 * The part of a context's period (or of its whole year) its payee was active, by days, from the
 * optional joined/left date columns of a per-payee table (`active from roster.joined to roster.left`).
 * The plan's calendar says which days a period (and its calendar or fiscal year) has.
 */
export function activeShare(ctx: Ctx, table: string, from: string, to: string, wholeYear: boolean, cal?: Calendar): Dec {
  const row = ctx.payeeRow(table);
  const [joined, left] = [row?.cells[from] as string | undefined, row?.cells[to] as string | undefined];
  if (cal) {
    if (cal.parse(ctx.period) === undefined) return new Dec(1);
    const days = activeDaysWithin(wholeYear ? cal.yearBounds(cal.yearOf(ctx.period)) : cal.bounds(ctx.period), joined, left);
    return new Dec(days.active).div(days.total);
  }
  const inPeriod = periodFromLabel(ctx.period);
  if (!inPeriod) return new Dec(1);
  const p = wholeYear ? { kind: 'year' as const, year: inPeriod.year, index: 1 } : inPeriod;
  const days = activeDays(p, joined, left);
  return new Dec(days.active).div(days.total);
}
