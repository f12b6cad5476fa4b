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
  /**
   * Per tallied table, in input order, the group each row went to: for `replay`. A whole row is the
   * table's row at the same index, so only credited rows (several per input row) are kept as well.
   */
  private readonly tallied = new Map<string, { readonly groups: Group[]; readonly credited: CreditedRow[] }>();

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
    this.remember(table, group);
    this.scratch.row = row;
    this.scratch.period = period;
    this.tally!.add(table, group.tally, this.scratch);
  }

  /** Adds a payee's credited part of a row. */
  addCredited(payee: string, table: string, r: CreditedRow): void {
    const group = this.groupFor(payee, r.period, table);
    (group.credited ??= []).push(r);
    if (group.tally === undefined) return;
    this.remember(table, group).credited.push(r);
    this.tally!.add(table, group.tally, r);
  }

  private remember(table: string, group: Group): { readonly groups: Group[]; readonly credited: CreditedRow[] } {
    let t = this.tallied.get(table);
    if (!t) this.tallied.set(table, (t = { groups: [], credited: [] }));
    t.groups.push(group);
    return t;
  }

  /**
   * Hands every tallied row of a table to `visit` again, in input order, with its group's
   * accumulator: for work that, like the tally, is cheapest done in the order rows were read.
   * `rows` are the table's rows as read, every one of which was grouped (a run with a row that
   * could not be is an error before any statement).
   */
  replay(table: string, rows: readonly InputRow[], visit: (accumulator: unknown, row: CreditedRow) => void): void {
    const t = this.tallied.get(table);
    if (!t) return;
    if (t.credited.length) {
      t.credited.forEach((r, i) => visit(t.groups[i]!.tally, r));
      return;
    }
    if (rows.length !== t.groups.length) throw new Error(`replay: ${table} has ${rows.length} rows, but ${t.groups.length} were grouped`);
    for (let i = 0; i < rows.length; i++) {
      const g = t.groups[i]!;
      this.scratch.row = rows[i]!;
      this.scratch.period = g.period;
      visit(g.tally, this.scratch);
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

  /** Every period some payee settles. */
  periods(): Set<string> {
    const out = new Set<string>();
    for (const byPeriod of this.groups.values()) for (const period of byPeriod.keys()) out.add(period);
    return out;
  }

  /** Whether the payee has transaction rows in the period. */
  hasRows(payee: string, period: string): boolean {
    return (this.groups.get(payee)?.get(period)?.size ?? 0) > 0;
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
