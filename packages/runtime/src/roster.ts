/**
 * The payees a run settles, and where the data names each of them. Every payee the plan knows of
 * gets a statement for every period of the run: the payees of transaction rows and the recipients of
 * their credit, the rows of per-payee tables (the payment history among them), and the members and
 * managers of a hierarchy. Where a payee is first named is where an error about their missing data
 * points (D018): for a team member, the hierarchy row that makes them one.
 */
import type { PlanSpec, TableRows } from './engine.js';
import type { InputRow } from './schema.js';

/** A cell naming a payee: its table, row and column. */
export interface Naming {
  readonly table: string;
  readonly row: InputRow;
  readonly column: string;
}

/** The tables and columns that name payees, hierarchies first, then the tables in plan order. */
function namingColumns(spec: PlanSpec): { readonly table: string; readonly columns: readonly string[] }[] {
  const out = spec.teams.map((team) => {
    const t = spec.tables.find((x) => x.name === team.table);
    return { table: team.table, columns: [t?.kind === 'rows' ? t.payeeColumn! : 'payee', team.column] };
  });
  for (const t of spec.tables) {
    if (t.kind === 'keyed') continue;
    const credit = spec.credits.find((c) => c.table === t.name);
    const columns = t.kind !== 'rows' ? ['payee'] : credit ? [...new Set(credit.rules.map((r) => r.to))] : [t.payeeColumn!];
    out.push({ table: t.name, columns });
  }
  return out;
}

/**
 * Every payee the run settles, in order: those of the grouped transaction rows (credit recipients
 * included) and every payee named by a per-payee table or a hierarchy.
 */
export function payeesOfRun(spec: PlanSpec, data: ReadonlyMap<string, TableRows>, grouped: Iterable<string>): string[] {
  const payees = new Set(grouped);
  const hierarchies = new Set(spec.teams.map((t) => t.table));
  for (const { table, columns } of namingColumns(spec)) {
    // Transaction rows are grouped already; a dated hierarchy is not.
    if (spec.tables.find((t) => t.name === table)?.kind === 'rows' && !hierarchies.has(table)) continue;
    for (const row of data.get(table)?.rows ?? []) {
      for (const column of columns) {
        const payee = row.cells[column];
        if (typeof payee === 'string') payees.add(payee);
      }
    }
  }
  return [...payees].sort();
}

/** The first cell of the data that names a payee. */
export function whereNamed(spec: PlanSpec, data: ReadonlyMap<string, TableRows>, payee: string): Naming | undefined {
  for (const { table, columns } of namingColumns(spec)) {
    for (const row of data.get(table)?.rows ?? []) {
      const column = columns.find((c) => row.cells[c] === payee);
      if (column !== undefined) return { table, row, column };
    }
  }
  return undefined;
}
