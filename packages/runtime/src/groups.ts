/**
 * Transaction rows grouped by payee, period and table, as the settlement engine reads them. Built
 * for a million rows: maps nested by the cells' own strings (no joined key text per row), and a row
 * of a table without credit rules is kept as it was read: the `CreditedRow` a context hands to the
 * plan is made only when some rule asks for that group's rows, which a tallied plan never does.
 */
import type { CreditedRow, TallySpec } from './engine.js';
import type { InputRow } from './schema.js';

/** One payee's rows of one table in one period, with the plan's running figures for them. */
interface Group {
  readonly period: string;
  /** Rows of a table without credit rules, whole: made into `CreditedRow`s when first asked for. */
  readonly whole: InputRow[];
  credited: CreditedRow[] | undefined;
  readonly tally: unknown;
}

export class RowGroups {
  /** payee → period → table → group. A payee's periods are the ones they settle (see `touch`). */
  private readonly groups = new Map<string, Map<string, Map<string, Group>>>();
  /** Reused to hand a whole row to the tally without making a record per row. */
  private readonly scratch: { row: InputRow; period: string } = { row: undefined as unknown as InputRow, period: '' };
  /** Per tallied table, each row handed to the tally and its group, in input order: for `replay`. */
  private readonly tallied = new Map<string, { readonly groups: Group[]; readonly rows: (InputRow | CreditedRow)[]; readonly whole: boolean }>();

  constructor(private readonly tally: TallySpec | undefined) {}

  /** Makes the payee settle the period, with or without rows (a quota row, a clawback landing there). */
  touch(payee: string, period: string): Map<string, Group> {
    let byPeriod = this.groups.get(payee);
    if (!byPeriod) this.groups.set(payee, (byPeriod = new Map()));
    let g = byPeriod.get(period);
    if (!g) byPeriod.set(period, (g = new Map()));
    return g;
  }

  /** Adds a row that belongs wholly to its payee. */
  addWhole(payee: string, period: string, table: string, row: InputRow): void {
    const group = this.groupFor(payee, period, table);
    group.whole.push(row);
    if (group.tally === undefined) return;
    this.remember(table, group, row, true);
    this.scratch.row = row;
    this.scratch.period = period;
    this.tally!.add(table, group.tally, this.scratch);
  }

  /** Adds a payee's credited part of a row. */
  addCredited(payee: string, table: string, r: CreditedRow): void {
    const group = this.groupFor(payee, r.period, table);
    (group.credited ??= []).push(r);
    if (group.tally === undefined) return;
    this.remember(table, group, r, false);
    this.tally!.add(table, group.tally, r);
  }

  private remember(table: string, group: Group, row: InputRow | CreditedRow, whole: boolean): void {
    let t = this.tallied.get(table);
    if (!t) this.tallied.set(table, (t = { groups: [], rows: [], whole }));
    t.groups.push(group);
    t.rows.push(row);
  }

  /**
   * Hands every tallied row of a table to `visit` again, in input order, with its group's
   * accumulator: for work that, like the tally, is cheapest done in the order rows were read.
   */
  replay(table: string, visit: (accumulator: unknown, row: CreditedRow) => void): void {
    const t = this.tallied.get(table);
    if (!t) return;
    for (let i = 0; i < t.rows.length; i++) {
      const g = t.groups[i]!;
      if (t.whole) {
        this.scratch.row = t.rows[i] as InputRow;
        this.scratch.period = g.period;
        visit(g.tally, this.scratch);
      } else visit(g.tally, t.rows[i] as CreditedRow);
    }
  }

  private groupFor(payee: string, period: string, table: string): Group {
    const g = this.touch(payee, period);
    let group = g.get(table);
    if (!group) g.set(table, (group = { period, whole: [], credited: undefined, tally: this.tally?.start(table) }));
    return group;
  }

  payees(): string[] {
    return [...this.groups.keys()];
  }

  periodsOf(payee: string): string[] {
    return [...(this.groups.get(payee)?.keys() ?? [])];
  }

  /** The payee's rows of a table in the given periods, in input order within each period. */
  rows(payee: string, periods: readonly string[], table: string): readonly CreditedRow[] {
    const groups = this.groupsOf(payee, periods, table);
    return groups.length === 1 ? credited(groups[0]!) : groups.flatMap(credited);
  }

  /** The running figures of the payee's groups of a table in the given periods. */
  tallies(payee: string, periods: readonly string[], table: string): unknown[] {
    return this.groupsOf(payee, periods, table).map((g) => g.tally);
  }

  /** Whether the payee's rows of the table in the period include this input row. */
  includes(payee: string, period: string, table: string, row: InputRow): boolean {
    const g = this.groups.get(payee)?.get(period)?.get(table);
    return !!g && (g.whole.includes(row) || !!g.credited?.some((r) => r.row === row));
  }

  /** The payees with any part of this input row, in any period. */
  payeesOf(table: string, row: InputRow): string[] {
    const out: string[] = [];
    for (const [payee, byPeriod] of this.groups) for (const period of byPeriod.keys()) if (this.includes(payee, period, table, row) && !out.includes(payee)) out.push(payee);
    return out;
  }

  private groupsOf(payee: string, periods: readonly string[], table: string): Group[] {
    const byPeriod = this.groups.get(payee);
    const out: Group[] = [];
    for (const p of periods) {
      const g = byPeriod?.get(p)?.get(table);
      if (g) out.push(g);
    }
    return out;
  }
}

/** A group's rows as `CreditedRow`s: whole rows made into records once, on first use. */
function credited(g: Group): CreditedRow[] {
  if (!g.whole.length) return g.credited ?? [];
  // A table has credit rules or not, so a group holds rows of one kind only.
  return (g.credited ??= g.whole.map((row) => ({ row, period: g.period })));
}
