/**
 * The last phases of a run, payee by payee, period after period in order: evaluate (the plan's own
 * lines for the period's context), year to date (the entitlement less what the year already paid),
 * clawbacks and draws (lines carried from earlier periods), and assemble (rounding and the payout).
 * A period the payment history records is not settled again: it counts as paid.
 */
import { assembleStatement, type ComputedLine } from './assemble.js';
import { clawbackLine, type Cancellations } from './clawbacks.js';
import type { Contexts } from './contexts.js';
import { Dec, ZERO } from './decimal.js';
import type { Ctx, PlanSpec } from './engine.js';
import { exactMoneyText, moneyText } from './format.js';
import type { PayeeRows } from './group-rows.js';
import type { RowGroups } from './groups.js';
import { ownPeriodLines } from './own-periods.js';
import { PlanError } from './plan-error.js';
import type { Problems } from './problems.js';
import { planCalendar } from './settle-periods.js';
import type { NamedValue, Statement } from './statement.js';

/** What settling a payee's periods reads. */
export interface Settlement {
  readonly spec: PlanSpec;
  readonly contexts: Contexts;
  readonly groups: RowGroups;
  readonly payeeRows: PayeeRows;
  readonly cancellations: Cancellations;
  readonly problems: Problems;
  /** The periods the payment history covers: paid by the previous system, for every payee. */
  readonly paidBefore: ReadonlySet<string>;
}

/** Settles one payee's periods in order, carrying what the year paid and the draw's balance. */
export function settlePayee(run: Settlement, payee: string, periods: readonly string[], statements: Statement[]): void {
  const { spec } = run;
  let balance = ZERO;
  let paidThisYear = ZERO;
  let year = '';
  const cal = planCalendar(spec);
  for (const period of periods) {
    if (cal.yearOf(period) !== year) [year, paidThisYear] = [cal.yearOf(period), ZERO];
    if (spec.history && run.paidBefore.has(period)) {
      const statement = paidBeforeStatement(run, payee, period);
      paidThisYear = paidThisYear.plus(statement.payout);
      statements.push(statement);
      continue;
    }
    try {
      const settled = settlePeriod(run, payee, period, paidThisYear, balance);
      paidThisYear = paidThisYear.plus(settled.statement.payout);
      balance = settled.balance;
      statements.push(settled.statement);
    } catch (err) {
      if (!(err instanceof PlanError)) throw err;
      run.problems.whileComputing(err, payee, period);
    }
  }
}

/**
 * The statement of a period the previous system paid (the payment history covers it): what was paid,
 * as recorded (0.00 for a payee without a row), not recomputed.
 */
function paidBeforeStatement(run: Settlement, payee: string, period: string): Statement {
  const { spec } = run;
  const history = spec.history!;
  const row = run.payeeRows.rowOf(history.table, payee, period);
  const recorded = row?.cells[history.column];
  const paid = recorded instanceof Dec ? recorded : ZERO;
  const file = run.problems.fileOf(history.table);
  const line: ComputedLine = {
    component: 'recorded_payment',
    kind: 'limit',
    exact: paid,
    explanation: {
      rule: history.rule ?? `history from ${history.table}.${history.column}`,
      source: history.source ?? { file: spec.file, line: 1, column: 1, start: 0, end: 0 },
      detail: row
        ? `paid by the previous system, as recorded in ${file} row ${row.row}: ${moneyText(paid)}; not settled again`
        : `paid by the previous system: ${file} has rows for ${period} but none for ${payee}, so 0.00; not settled again`,
      values: [],
      rows: [],
    },
  };
  return assembleStatement(payee, period, spec.currency, spec.rounding, [line], [], [], []);
}

/** One period's statement, and the draw's balance after it. */
function settlePeriod(run: Settlement, payee: string, period: string, paidThisYear: Dec, balance: Dec): { statement: Statement; balance: Dec } {
  const { spec } = run;
  const ctx = run.contexts.of(payee, period);
  const clawbacks = clawbackLines(run, payee, period);
  const extra = [...ownPeriodLines(spec, run.contexts, run.groups, payee, period), ...clawbacks];
  const values: NamedValue[] = [];
  if (spec.yearToDate) extra.push(yearToDateLine(spec, period, paidThisYear, clawbacks.reduce((sum, l) => sum.minus(l.exact), ZERO)));
  if (spec.draw) {
    const draw = drawLine(spec, ctx, extra, balance);
    extra.push(draw.line);
    balance = draw.balance;
    if (spec.draw.mode === 'recoverable') values.push({ name: 'draw_balance', value: exactMoneyText(balance), unit: spec.currency });
  }
  return { statement: assemble(spec, ctx, extra, values), balance };
}

/** The evaluate and assemble phases: the plan's lines for a context, with the engine's own, rounded and added up. */
function assemble(spec: PlanSpec, ctx: Ctx, extra: readonly ComputedLine[], extraValues: readonly NamedValue[] = []): Statement {
  const parts = spec.statement(ctx);
  return assembleStatement(ctx.payee, ctx.period, spec.currency, spec.rounding, [...parts.lines, ...extra], [...parts.values, ...extraValues], ctx.exceptions, parts.limits, parts.reported);
}

/** The payout of a context as its statement would show it (rounded as the plan says). */
function payoutOf(spec: PlanSpec, ctx: Ctx): Dec {
  return new Dec(assemble(spec, ctx, []).payout);
}

/** A line for each of the payee's rows cancelled in this period: what the row added to its own period's payout. */
function clawbackLines(run: Settlement, payee: string, period: string): ComputedLine[] {
  const { spec, contexts, groups } = run;
  const lines: ComputedLine[] = [];
  for (const cb of run.cancellations.clawbacks) {
    if (cb.cancelPeriod !== period) continue;
    const original = contexts.of(payee, cb.originalPeriod);
    if (!original.rows(cb.table).some((r) => r.row === cb.row) && !groups.includes(payee, cb.originalPeriod, cb.table, cb.row)) continue;
    const earned = payoutOf(spec, original).minus(payoutOf(spec, contexts.of(payee, cb.originalPeriod, cb.row)));
    lines.push(clawbackLine(spec, cb, earned));
  }
  return lines;
}

/** `previously_paid`: what the year's earlier periods paid, less the clawbacks already on their own lines. */
function yearToDateLine(spec: PlanSpec, period: string, paidThisYear: Dec, clawedBack: Dec): ComputedLine {
  const prior = planCalendar(spec).previousInYear(period);
  return {
    component: 'previously_paid',
    kind: 'limit',
    exact: paidThisYear.minus(clawedBack).neg(),
    explanation: {
      rule: 'settle year_to_date',
      source: spec.ytdSource ?? { file: spec.file, line: 1, column: 1, start: 0, end: 0 },
      detail: prior
        ? `paid through ${prior}: ${moneyText(paidThisYear)}${clawedBack.isZero() ? '' : `, of which ${moneyText(clawedBack)} is clawed back on its own line`}`
        : 'first period of the year: nothing paid before',
      values: [],
      rows: [],
    },
  };
}

/** The draw's line: what tops the payout up to the draw (advanced, when recoverable, and recovered later). */
function drawLine(spec: PlanSpec, ctx: Ctx, extra: readonly ComputedLine[], balance: Dec): { line: ComputedLine; balance: Dec } {
  const draw = spec.draw!;
  const earned = new Dec(assemble(spec, ctx, extra).payout);
  const guaranteed = draw.amount(ctx);
  const recoverable = draw.mode === 'recoverable';
  const paid = recoverable ? Dec.max(guaranteed, earned.minus(balance)) : Dec.max(guaranteed, earned);
  const exact = paid.minus(earned);
  const after = recoverable ? balance.plus(exact) : balance;
  const detail = recoverable
    ? `earned ${moneyText(earned)}, draw ${moneyText(guaranteed)}, balance owed ${moneyText(balance)}: pays ${moneyText(paid)}; balance now ${moneyText(after)}`
    : `earned ${moneyText(earned)}, guaranteed ${moneyText(guaranteed)}: pays ${moneyText(paid)}`;
  return { line: { component: draw.component, kind: 'limit', exact, explanation: { rule: draw.rule, source: draw.source, detail, values: [], rows: [] } }, balance: after };
}
