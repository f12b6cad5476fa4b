/**
 * The settlement engine: everything about a plan run that is not the plan's own arithmetic. Given a
 * plan's specification (its tables, credit rules, teams, requirements, clawbacks, draw, and a
 * function computing one statement's lines from a context) and validated rows, it groups rows by
 * payee and period (splitting credited rows), builds contexts (year-to-date where the plan says,
 * with team members reachable), and settles each payee's periods in order: year-to-date true-ups,
 * clawbacks of cancelled deals, draws with carried balances. The interpreter and compiled modules
 * both run through it, so they agree on all of this by construction.
 */
import { Dec, ZERO } from './decimal.js';
import { moneyText, valueText, type ValueUnit } from './format.js';
import { creditRow, type CreditSpec } from './credit.js';
import { RowGroups } from './groups.js';
import { keyOf } from './row-refs.js';
import { daysBetween, previousInYear, rowPeriod, runPeriods } from './settle-periods.js';
import { historyProblems, touchHistory } from './history.js';
import { payeesOfRun, whereNamed } from './roster.js';
import type { ComputedLine, PayoutLimit } from './assemble.js';
import { assembleStatement } from './assemble.js';
import { activeDays, parsePeriod, periodBounds, periodFromLabel, periodLabel, periodOf, type PeriodKind } from './period.js';
import type { RoundingRule } from './rounding.js';
import type { InputRow, TableSchema } from './schema.js';
import type { NamedValue, RunResult, SourceRef, Statement, StatementException } from './statement.js';
import { PlanError } from './plan-error.js';

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
  /** The contexts of a team's members for the same period. */
  members(team: string): readonly Ctx[];
  /** The contexts of the payees whose team this payee is in (their managers), for the same period. */
  leaders(team: string): readonly Ctx[];
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
}

export interface PlanSpec {
  readonly file: string;
  readonly name: string;
  readonly currency: string;
  readonly settle: PeriodKind;
  readonly yearToDate: boolean;
  /** Where the plan says `settle … year_to_date`, for the explanation of `previously_paid`. */
  readonly ytdSource?: SourceRef;
  readonly rounding: RoundingRule;
  readonly tables: readonly TableSchema[];
  readonly credits: readonly CreditSpec[];
  readonly teams: readonly TeamSpec[];
  readonly requirements: readonly RequirementSpec[];
  readonly clawbacks: readonly ClawbackSpec[];
  readonly draw?: DrawSpec;
  /** Payouts already made for earlier periods: those periods count as paid and are not settled again. */
  readonly history?: { readonly table: string; readonly column: string };
  readonly tally?: TallySpec;
  statement(ctx: Ctx): StatementParts;
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

const SEP = '\u0000';

export function settle(spec: PlanSpec, data: ReadonlyMap<string, TableRows>): { result?: RunResult; errors: EngineError[] } {
  const errors: EngineError[] = [];
  const dataError = (code: string, table: string, message: string, row?: InputRow, column?: string) => {
    const t = data.get(table);
    errors.push({ code, message, file: t?.file ?? table, span: (row && t?.locate?.(row, column)) ?? { start: 0, end: 0 } });
  };
  const fileOf = (table: string) => data.get(table)?.file ?? table;

  // ── Index the data ──────────────────────────────────────────────────────────────────────────
  const groups = new RowGroups(spec.tally);
  /** Per-payee tables: table → payee → period ('' in tables per payee) → row. */
  const perPayee = new Map<string, Map<string, Map<string, InputRow>>>();
  const payeeRowOf = (table: string, payee: string, period: string): InputRow | undefined => perPayee.get(table)?.get(payee)?.get(period);
  const perPeriodTables = new Set(spec.tables.filter((t) => t.kind === 'payeePeriod').map((t) => t.name));
  const credits = new Map(spec.credits.map((c) => [c.table, c]));
  const excludedByCancel = new Set<InputRow>();

  const hierarchyTables = new Set(spec.teams.map((t) => t.table));
  for (const t of spec.tables) {
    const rows = data.get(t.name)?.rows ?? [];
    // A dated hierarchy is read by its teams, not settled as transactions.
    if (t.kind === 'rows' && hierarchyTables.has(t.name)) continue;
    if (t.kind === 'rows') {
      const dateType = t.columns.find((c) => c.name === t.dateColumn)?.type;
      for (const row of rows) {
        const period = rowPeriod(row, t.dateColumn!, dateType === 'period', spec.settle);
        if (period === undefined) {
          dataError('D010', t.name, `${fileOf(t.name)} row ${row.row}, column ${t.dateColumn}: "${String(row.cells[t.dateColumn!])}" is not a ${spec.settle} period; this plan settles ${spec.settle === 'half' ? 'half-year' : spec.settle}ly`, row, t.dateColumn);
          continue;
        }
        const credit = credits.get(t.name);
        if (!credit) {
          groups.addWhole(row.cells[t.payeeColumn!] as string, period, t.name, row);
          continue;
        }
        const split = creditRow(credit, row, fileOf(t.name));
        if ('error' in split) {
          dataError('D014', t.name, split.error, row, split.column);
          continue;
        }
        for (const c of split.credits) groups.addCredited(c.payee, t.name, { row, period, share: c.share, via: c.via });
      }
    } else {
      const index = new Map<string, Map<string, InputRow>>();
      for (const row of rows) {
        const payee = row.cells['payee'] as string;
        const period = t.kind === 'payeePeriod' ? (row.cells['period'] as string) : '';
        let byPeriod = index.get(payee);
        if (!byPeriod) index.set(payee, (byPeriod = new Map()));
        byPeriod.set(period, row);
        if (t.kind === 'payeePeriod' && t.name !== spec.history?.table) groups.touch(payee, period);
      }
      perPayee.set(t.name, index);
    }
  }

  // Teams: who reports to whom (as of each period, when the hierarchy changes), checked for cycles.
  type Link = { manager: string; row: number; input: InputRow };
  /** Direct reports per manager, from each member's link; a cycle is a data error naming its rows. */
  const directReports = (team: TeamSpec, of: ReadonlyMap<string, Link>, period: string): Map<string, string[]> => {
    for (const start of of.keys()) {
      const seen = [start];
      let at = of.get(start);
      while (at) {
        if (seen.includes(at.manager)) {
          const cycle = [...seen.slice(seen.indexOf(at.manager)), at.manager];
          const members = cycle.slice(0, -1);
          // Reported once, from the member that sorts first.
          if (cycle[0] === start && start === [...members].sort()[0]) {
            const rowsInCycle = members.map((p) => of.get(p)!.row);
            dataError('D013', team.table, `${fileOf(team.table)} rows ${rowsInCycle.join(', ')}: the hierarchy${period ? ` for ${period}` : ''} goes round in a circle: ${cycle.join(' → ')}`, of.get(start)!.input, team.column);
          }
          break;
        }
        seen.push(at.manager);
        at = of.get(at.manager);
      }
    }
    const direct = new Map<string, string[]>();
    for (const [p, { manager }] of of) direct.set(manager, [...(direct.get(manager) ?? []), p]);
    return direct;
  };
  const reports = new Map<string, Map<string, Map<string, string[]>>>(); // team → period ('' if fixed) → manager → direct reports
  const datedTeams = new Map<string, TeamSpec>();
  for (const team of spec.teams) {
    const table = spec.tables.find((t) => t.name === team.table);
    if (table?.kind === 'rows') {
      datedTeams.set(team.name, team);
      reports.set(team.name, new Map());
      continue;
    }
    const perPeriod = table?.kind === 'payeePeriod';
    const links = new Map<string, Map<string, Link>>();
    for (const row of data.get(team.table)?.rows ?? []) {
      const m = row.cells[team.column];
      if (typeof m !== 'string') continue;
      const period = perPeriod ? (row.cells['period'] as string) : '';
      let of = links.get(period);
      if (!of) links.set(period, (of = new Map()));
      of.set(row.cells['payee'] as string, { manager: m, row: row.row, input: row });
    }
    reports.set(team.name, new Map([...links].map(([period, of]) => [period, directReports(team, of, period)])));
  }
  /** Direct reports per manager in one team, as of a period (a dated hierarchy: on its last day). */
  const reportsIn = (team: string, period: string): Map<string, string[]> => {
    const byPeriod = reports.get(team)!;
    const dated = datedTeams.get(team);
    if (dated && !byPeriod.has(period)) {
      const t = spec.tables.find((x) => x.name === dated.table)!;
      const p = parsePeriod(period, spec.settle);
      const onDay = p ? periodBounds(p).last : '';
      const of = new Map<string, Link>();
      for (const row of data.get(dated.table)?.rows ?? []) {
        const [member, manager, from] = [row.cells[t.payeeColumn!], row.cells[dated.column], row.cells[t.dateColumn!] as string];
        const until = dated.until ? (row.cells[dated.until] as string | undefined) : undefined;
        if (typeof member === 'string' && typeof manager === 'string' && from <= onDay && (until === undefined || until >= onDay)) of.set(member, { manager, row: row.row, input: row });
      }
      byPeriod.set(period, directReports(dated, of, period));
    }
    return byPeriod?.get(period) ?? byPeriod?.get('') ?? new Map();
  };

  // Clawbacks: cancelled rows, within the window, claw back in their cancellation period.
  interface Clawback {
    readonly spec: ClawbackSpec;
    readonly row: InputRow;
    readonly table: string;
    readonly originalPeriod: string;
    readonly cancelPeriod: string;
    readonly days: number;
  }
  const clawbacks: Clawback[] = [];
  for (const cb of spec.clawbacks) {
    const t = spec.tables.find((x) => x.name === cb.table)!;
    for (const row of data.get(cb.table)?.rows ?? []) {
      const cancelled = row.cells[cb.column];
      if (typeof cancelled !== 'string') continue;
      const closed = row.cells[t.dateColumn!] as string;
      const days = daysBetween(closed, cancelled);
      if (days < 0) {
        dataError('D004', cb.table, `${fileOf(cb.table)} row ${row.row}, column ${cb.column}: cancelled on ${cancelled}, before it closed on ${closed}`, row, cb.column);
        continue;
      }
      const originalPeriod = periodLabel(periodOf(closed, spec.settle));
      const cancelPeriod = periodLabel(periodOf(cancelled, spec.settle));
      if (days > cb.days) continue;
      // Cancelled before it was ever paid: it simply does not count.
      if (cancelPeriod === originalPeriod) {
        excludedByCancel.add(row);
        continue;
      }
      clawbacks.push({ spec: cb, row, table: cb.table, originalPeriod, cancelPeriod, days });
      for (const p of groups.payeesOf(cb.table, row)) groups.touch(p, cancelPeriod);
    }
  }
  if (spec.history) {
    const history = data.get(spec.history.table) ?? { file: spec.history.table, rows: [] };
    const perPeriod = [...perPeriodTables].filter((t) => t !== spec.history!.table);
    const hasData = (payee: string, period: string) => groups.hasRows(payee, period) || perPeriod.some((t) => payeeRowOf(t, payee, period) !== undefined);
    for (const p of historyProblems(history, [...groups.periods()].sort(), spec.settle, hasData)) dataError(p.code, spec.history.table, p.message, p.row, 'period');
    touchHistory(history, groups);
  }
  if (errors.length) return { errors };
  /** Every payee the plan knows of settles every period of the run. */
  const runs = runPeriods(groups.periods(), spec.settle);
  const payees = payeesOfRun(spec, data, groups.payees());

  // ── Contexts ────────────────────────────────────────────────────────────────────────────────
  const contexts = new Map<string, Ctx>();
  /** In a year-to-date plan, a clawed-back row stops counting from the period it was cancelled in. */
  const cancelledBy = new Map<InputRow, string>(spec.yearToDate ? clawbacks.map((c) => [c.row, c.cancelPeriod]) : []);
  const sameYearUpTo = (period: string) => {
    const year = period.slice(0, 4);
    return (p: string) => p.slice(0, 4) === year && p <= period;
  };

  function contextFor(payee: string, period: string, without?: InputRow): Ctx {
    const key = payee + SEP + period;
    if (!without) {
      const known = contexts.get(key);
      if (known) return known;
    }
    const memo = new Map<string, unknown>();
    const exceptions: StatementException[] = [];
    const filtered = new Map<string, readonly CreditedRow[]>();
    const inPeriod = spec.yearToDate ? groups.periodsOf(payee).filter(sameYearUpTo(period)).sort() : [period];
    // Most runs cancel nothing: then the groups' rows serve as they are.
    const uncancelled = !without && !excludedByCancel.size && !cancelledBy.size;
    const rowsFrom = (table: string): readonly CreditedRow[] => {
      const rows = groups.rows(payee, inPeriod, table);
      if (uncancelled) return rows;
      return rows.filter((r) => r.row !== without && !excludedByCancel.has(r.row) && !((cancelledBy.get(r.row) ?? '\uffff') <= period));
    };
    const ctx: Ctx = {
      payee,
      period,
      rows(table) {
        let rows = filtered.get(table);
        if (!rows) {
          rows = rowsFrom(table);
          filtered.set(table, rows);
          // Requirements first: an excluded row is out of every base and rule.
          for (const req of spec.requirements) {
            if (req.table !== table) continue;
            rows = rows.filter((r) => {
              if ((req.applies && !req.applies(ctx, r)) || req.holds(ctx, r)) return true;
              if (r.period === period) {
                const key = keyOf(spec, table, r.row);
                exceptions.push({ table, row: r.row.row, ...(key !== undefined && { key }), message: req.message, action: req.exclude ? 'excluded' : 'flagged', source: req.source });
              }
              return !req.exclude;
            });
            filtered.set(table, rows);
          }
        }
        return rows;
      },
      tallies(table) {
        if (!uncancelled || spec.requirements.some((req) => req.table === table)) return undefined;
        const figures = groups.tallies(payee, inPeriod, table);
        return figures.every((f) => f !== undefined) ? figures : undefined;
      },
      replay: (table, visit) => groups.replay(table, data.get(table)?.rows ?? [], visit),
      payeeRow(table) {
        return payeeRowOf(table, payee, perPeriodTables.has(table) ? period : '');
      },
      members(team) {
        const direct = reportsIn(team, period);
        const depth = spec.teams.find((x) => x.name === team)?.depth ?? 'all';
        const out: string[] = [];
        const visit = (m: string) => {
          for (const p of (direct.get(m) ?? []).slice().sort()) {
            if (out.includes(p) || p === payee) continue;
            out.push(p);
            if (depth === 'all') visit(p);
          }
        };
        visit(payee);
        return out.map((p) => contextFor(p, period));
      },
      leaders(team) {
        const direct = reportsIn(team, period);
        const depth = spec.teams.find((x) => x.name === team)?.depth ?? 'all';
        const managerOf = new Map<string, string>();
        for (const [m, ps] of direct) for (const p of ps) managerOf.set(p, m);
        const out: string[] = [];
        for (let m = managerOf.get(payee); m !== undefined && !out.includes(m) && m !== payee; m = depth === 'all' ? managerOf.get(m) : undefined) out.push(m);
        return out.map((p) => contextFor(p, period));
      },
      memo<T>(k: string, compute: () => T): T {
        if (!memo.has(k)) memo.set(k, compute());
        return memo.get(k) as T;
      },
      exceptions,
    };
    if (!without) contexts.set(key, ctx);
    // Run the requirements now, so exceptions are known before lines are computed.
    for (const req of spec.requirements) ctx.rows(req.table);
    return ctx;
  }

  /** The payout of a context as its statement would show it (rounded as the plan says). */
  const payoutOf = (ctx: Ctx): Dec => new Dec(statementOf(ctx, []).payout);

  function statementOf(ctx: Ctx, extra: readonly ComputedLine[], extraValues: readonly NamedValue[] = []): Statement {
    const parts = spec.statement(ctx);
    return assembleStatement(ctx.payee, ctx.period, spec.currency, spec.rounding, [...parts.lines, ...extra], [...parts.values, ...extraValues], ctx.exceptions, parts.limits);
  }

  // ── Settle each payee's periods in order ────────────────────────────────────────────────────
  const statements: Statement[] = [];
  const missing = new Set<string>();
  for (const payee of payees) {
    const periods = runs;
    let balance = ZERO;
    // What was actually paid so far this year, for year-to-date true-ups.
    let paidThisYear = ZERO;
    let year = '';
    for (const period of periods) {
      if (period.slice(0, 4) !== year) [year, paidThisYear] = [period.slice(0, 4), ZERO];
      const recorded = spec.history && payeeRowOf(spec.history.table, payee, period)?.cells[spec.history.column];
      if (recorded instanceof Dec) {
        paidThisYear = paidThisYear.plus(recorded);
        continue;
      }
      try {
        const ctx = contextFor(payee, period);
        const extra: ComputedLine[] = [];
        const extraValues: NamedValue[] = [];
        for (const cb of clawbacks) {
          if (cb.cancelPeriod !== period) continue;
          const original = contextFor(payee, cb.originalPeriod);
          if (!original.rows(cb.table).some((r) => r.row === cb.row) && !groups.includes(payee, cb.originalPeriod, cb.table, cb.row)) continue;
          const earned = payoutOf(original).minus(payoutOf(contextFor(payee, cb.originalPeriod, cb.row)));
          const key = keyOf(spec, cb.table, cb.row);
          extra.push({
            component: `clawback_${cb.spec.rowName}_${key ?? cb.row.row}`,
            kind: 'limit',
            exact: earned.neg(),
            explanation: {
              rule: cb.spec.rule,
              source: cb.spec.source,
              detail: `${cb.table} row ${cb.row.row}${key !== undefined ? ` (${key})` : ''} was cancelled ${cb.days} days after closing, within ${cb.spec.days}: the ${moneyText(earned)} it added to the ${cb.originalPeriod} payout is taken back`,
              values: [],
              rows: [{ table: cb.table, row: cb.row.row, ...(key !== undefined && { key }), amount: moneyText(earned.neg()) }],
            },
          });
        }
        if (spec.yearToDate) {
          // Clawbacks already appear on their own lines: the rest of what was paid is deducted here.
          const clawedBack = extra.reduce((sum, l) => sum.minus(l.exact), ZERO);
          const prior = previousInYear(period, spec.settle);
          extra.push({
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
          });
        }
        if (spec.draw) {
          const draw = spec.draw;
          const earned = new Dec(statementOf(ctx, extra).payout);
          const guaranteed = draw.amount(ctx);
          const paid = draw.mode === 'recoverable' ? Dec.max(guaranteed, earned.minus(balance)) : Dec.max(guaranteed, earned);
          const exact = paid.minus(earned);
          const before = balance;
          if (draw.mode === 'recoverable') balance = balance.plus(exact);
          extra.push({
            component: draw.component,
            kind: 'limit',
            exact,
            explanation: {
              rule: draw.rule,
              source: draw.source,
              detail:
                draw.mode === 'recoverable'
                  ? `earned ${moneyText(earned)}, draw ${moneyText(guaranteed)}, balance owed ${moneyText(before)}: pays ${moneyText(paid)}; balance now ${moneyText(balance)}`
                  : `earned ${moneyText(earned)}, guaranteed ${moneyText(guaranteed)}: pays ${moneyText(paid)}`,
              values: [],
              rows: [],
            },
          });
          if (draw.mode === 'recoverable') extraValues.push({ name: 'draw_balance', value: moneyText(balance), unit: spec.currency });
        }
        const statement = statementOf(ctx, extra, extraValues);
        paidThisYear = paidThisYear.plus(statement.payout);
        statements.push(statement);
      } catch (err) {
        if (!(err instanceof PlanError)) throw err;
        const named = err.missingFor === undefined ? undefined : whereNamed(spec, data, err.missingFor);
        if (!named) errors.push({ code: err.code, message: `${payee}, ${period}: ${err.message}`, file: spec.file, span: err.span });
        else if (!missing.has(err.message)) {
          // Once per missing value, at the row that names the payee: every statement needing it fails alike.
          missing.add(err.message);
          const file = fileOf(named.table);
          dataError('D018', named.table, `${file} row ${named.row.row}, column ${named.column}: ${err.message}`, named.row, named.column);
        }
      }
    }
  }
  if (errors.length) return { errors };
  return { result: { plan: spec.name, currency: spec.currency, statements }, errors };
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
 */
export function activeShare(ctx: Ctx, table: string, from: string, to: string, wholeYear: boolean): Dec {
  const row = ctx.payeeRow(table);
  const inPeriod = periodFromLabel(ctx.period);
  if (!inPeriod) return new Dec(1);
  const p = wholeYear ? { kind: 'year' as const, year: inPeriod.year, index: 1 } : inPeriod;
  const days = activeDays(p, row?.cells[from] as string | undefined, row?.cells[to] as string | undefined);
  return new Dec(days.active).div(days.total);
}
