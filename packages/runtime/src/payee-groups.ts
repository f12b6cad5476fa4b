/**
 * Groups of payees that are not hierarchies: the payees sharing the value of a per-payee column
 * (`group region by regions.region`), or every payee of the run (`group company`). A member's group
 * includes the member. Members are listed by payee id, so every back end sums and splits them in the
 * same order. A payee whose value is missing belongs to no group: using the group for them is an
 * error (R003) reported at the data, not a group of one.
 */
import type { PayeeRows } from './group-rows.js';
import { noPayeeRow, PlanError } from './plan-error.js';
import { Dec } from './decimal.js';

export interface GroupSpec {
  readonly name: string;
  /** The `per payee` table and column the members share; absent: every payee of the run. */
  readonly table?: string;
  readonly column?: string;
  /** Where the group is declared, for errors. */
  readonly span: { readonly start: number; readonly end: number };
}

export class PayeeGroups {
  private readonly specs: ReadonlyMap<string, GroupSpec>;
  /** group → shared value → members, built when first asked for. */
  private readonly byValue = new Map<string, Map<string, string[]>>();

  constructor(
    groups: readonly GroupSpec[],
    private readonly payeeRows: PayeeRows,
    /** Every payee of the run, sorted. */
    private readonly payees: readonly string[],
  ) {
    this.specs = new Map(groups.map((g) => [g.name, g]));
  }

  has(name: string): boolean {
    return this.specs.has(name);
  }

  /** The members of a payee's group, the payee included, in payee order. */
  membersOf(group: string, payee: string): readonly string[] {
    const spec = this.specs.get(group)!;
    if (spec.table === undefined || spec.column === undefined) return this.payees;
    const value = this.valueOf(spec, payee);
    if (value === undefined) {
      const row = this.payeeRows.rowOf(spec.table, payee, '');
      if (!row) throw noPayeeRow(spec.table, false, payee, '', spec.column, spec.span);
      throw new PlanError('R003', `${payee} has no \`${spec.column}\` in table \`${spec.table}\`, so they are in no \`${group}\` group`, spec.span, payee);
    }
    return this.index(spec).get(value)!;
  }

  /** The value a payee shares with the other members, as text. */
  private valueOf(spec: GroupSpec, payee: string): string | undefined {
    const cell = this.payeeRows.rowOf(spec.table!, payee, '')?.cells[spec.column!];
    if (cell === undefined) return undefined;
    return cell instanceof Dec ? cell.toFixed() : String(cell);
  }

  private index(spec: GroupSpec): Map<string, string[]> {
    let index = this.byValue.get(spec.name);
    if (!index) {
      index = new Map();
      for (const p of this.payees) {
        const v = this.valueOf(spec, p);
        if (v !== undefined) index.set(v, [...(index.get(v) ?? []), p]);
      }
      this.byValue.set(spec.name, index);
    }
    return index;
  }
}
