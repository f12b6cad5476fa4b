/**
 * The evaluate phase's view of the data: the context a plan's code computes one payee's statement
 * for one period in. It hands out the payee's rows (of the year so far, in a year-to-date plan; less
 * cancelled rows and the rows requirements exclude), their rows of per-payee tables, and the
 * contexts of their team's members and leaders for the same period; and it memoises values.
 */
import type { Cancellations } from './clawbacks.js';
import type { CreditedRow, Ctx, PlanSpec, TableRows } from './engine.js';
import type { PayeeRows } from './group-rows.js';
import type { RowGroups } from './groups.js';
import { planCalendar } from './settle-periods.js';
import { keyOf } from './row-refs.js';
import type { InputRow } from './schema.js';
import type { StatementException } from './statement.js';
import type { KeyedTables } from './keyed.js';
import type { PayeeGroups } from './payee-groups.js';
import type { Hierarchies } from './teams.js';

const SEP = '\u0000';

export class Contexts {
  private readonly known = new Map<string, Ctx>();
  /** In a year-to-date plan, a clawed-back row stops counting from the period it was cancelled in. */
  private readonly cancelledBy: ReadonlyMap<InputRow, string>;
  /** The period each clawed-back row was cancelled in, for contexts over a longer period (`over`). */
  private readonly cancelPeriods: ReadonlyMap<InputRow, string>;
  private readonly perPeriodTables: ReadonlySet<string>;

  constructor(
    private readonly spec: PlanSpec,
    private readonly data: ReadonlyMap<string, TableRows>,
    private readonly groups: RowGroups,
    private readonly payeeRows: PayeeRows,
    private readonly hierarchies: Hierarchies,
    private readonly cancellations: Cancellations,
    /** The run's first period: `previous(…)` of an earlier one reads the value's history. */
    private readonly firstPeriod: string | undefined,
    private readonly payeeGroups?: PayeeGroups,
    private readonly keyed?: KeyedTables,
  ) {
    this.cancelPeriods = new Map(cancellations.clawbacks.map((c) => [c.row, c.cancelPeriod]));
    this.cancelledBy = spec.yearToDate ? this.cancelPeriods : new Map();
    this.perPeriodTables = new Set(spec.tables.filter((t) => t.kind === 'payeePeriod').map((t) => t.name));
  }

  /** The payee's context for a period; `without` a row, a fresh one (what the payout would be without it). */
  of(payee: string, period: string, without?: InputRow): Ctx {
    const key = payee + SEP + period;
    if (!without) {
      const known = this.known.get(key);
      if (known) return known;
    }
    const ctx = this.make(payee, period, without);
    if (!without) this.known.set(key, ctx);
    // Run the requirements now, so exceptions are known before lines are computed.
    for (const req of this.spec.requirements) ctx.rows(req.table);
    return ctx;
  }

  /**
   * A payee's context over a period longer than the plan's (`bonus … per year`), labelled `label`: the
   * rows of the plan periods `periods`, less the rows cancelled by the end of `closing`, the plan
   * period that closes it.
   */
  over(payee: string, label: string, periods: readonly string[], closing: string): Ctx {
    const key = payee + SEP + label;
    const known = this.known.get(key);
    if (known) return known;
    const ctx = this.make(payee, label, undefined, { periods, closing });
    this.known.set(key, ctx);
    for (const req of this.spec.requirements) ctx.rows(req.table);
    return ctx;
  }

  private make(payee: string, period: string, without: InputRow | undefined, longer?: { readonly periods: readonly string[]; readonly closing: string }): Ctx {
    const { spec, groups } = this;
    const memo = new Map<string, unknown>();
    const exceptions: StatementException[] = [];
    const filtered = new Map<string, readonly CreditedRow[]>();
    const inPeriod = longer ? longer.periods : spec.yearToDate ? groups.periodsOf(payee).filter(sameYearUpTo(spec, period)).sort() : [period];
    const cancelled = longer ? { by: this.cancelPeriods, upTo: longer.closing } : { by: this.cancelledBy, upTo: period };
    // Most runs cancel nothing: then the groups' rows serve as they are.
    const uncancelled = !without && !this.cancellations.excluded.size && !cancelled.by.size;
    const ctx: Ctx = {
      payee,
      period,
      rows: (table) => {
        let rows = filtered.get(table);
        if (!rows) {
          rows = this.uncancelledRows(payee, cancelled, inPeriod, table, uncancelled, without);
          filtered.set(table, rows);
          rows = applyRequirements(spec, ctx, table, rows, exceptions, (r) => filtered.set(table, r));
        }
        return rows;
      },
      tallies(table) {
        if (!uncancelled || spec.requirements.some((req) => req.table === table)) return undefined;
        const figures = groups.tallies(payee, inPeriod, table);
        return figures.every((f) => f !== undefined) ? figures : undefined;
      },
      replay: (table, visit) => groups.replay(table, this.data.get(table)?.rows ?? [], visit),
      payeeRow: (table) => this.payeeRows.rowOf(table, payee, this.perPeriodTables.has(table) ? period : ''),
      members: (team) => (this.payeeGroups?.has(team) ? this.payeeGroups.membersOf(team, payee) : this.hierarchies.membersOf(team, payee, period)).map((p) => this.of(p, period)),
      leaders: (team) => this.hierarchies.leadersOf(team, payee, period).map((p) => this.of(p, period)),
      keyedRow: (table, keys) => this.keyed?.row(table, keys),
      earlier: (p) => (this.firstPeriod !== undefined && p >= this.firstPeriod && p < period ? this.of(payee, p) : undefined),
      payeeRowIn: (table, p) => this.payeeRows.rowOf(table, payee, p),
      memo<T>(k: string, compute: () => T): T {
        if (!memo.has(k)) memo.set(k, compute());
        return memo.get(k) as T;
      },
      exceptions,
    };
    return ctx;
  }

  /** The payee's rows of a table in the periods that count, less cancelled ones (by the end of `cancelled.upTo`) and `without`. */
  private uncancelledRows(
    payee: string,
    cancelled: { readonly by: ReadonlyMap<InputRow, string>; readonly upTo: string },
    inPeriod: readonly string[],
    table: string,
    uncancelled: boolean,
    without: InputRow | undefined,
  ): readonly CreditedRow[] {
    const rows = this.groups.rows(payee, inPeriod, table);
    if (uncancelled) return rows;
    const { excluded } = this.cancellations;
    return rows.filter((r) => r.row !== without && !excluded.has(r.row) && !((cancelled.by.get(r.row) ?? '\uffff') <= cancelled.upTo));
  }
}

/**
 * Applies a table's requirements in plan order: a row that fails one is excluded from every base and
 * rule, or flagged and kept; either way an exception on the statement of the row's own period.
 * `keep` is told the rows after each requirement, so a requirement reading the rows sees them.
 */
function applyRequirements(spec: PlanSpec, ctx: Ctx, table: string, rows: readonly CreditedRow[], exceptions: StatementException[], keep: (rows: readonly CreditedRow[]) => void): readonly CreditedRow[] {
  for (const req of spec.requirements) {
    if (req.table !== table) continue;
    rows = rows.filter((r) => {
      if ((req.applies && !req.applies(ctx, r)) || req.holds(ctx, r)) return true;
      if (r.period === ctx.period) {
        const key = keyOf(spec, table, r.row);
        exceptions.push({ table, row: r.row.row, ...(key !== undefined && { key }), message: req.message, action: req.exclude ? 'excluded' : 'flagged', source: req.source });
      }
      return !req.exclude;
    });
    keep(rows);
  }
  return rows;
}

/** The periods of a period's (calendar or fiscal) year up to and including it. */
function sameYearUpTo(spec: PlanSpec, period: string): (p: string) => boolean {
  const cal = planCalendar(spec);
  const year = cal.yearOf(period);
  return (p) => p <= period && cal.yearOf(p) === year;
}
