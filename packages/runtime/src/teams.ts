/**
 * Teams: who reports to whom, as of each period when the hierarchy changes, checked for cycles (a
 * cycle is a data error naming its rows). A hierarchy is a table per payee, per payee per period, or
 * a dated hierarchy (a transaction table: member, manager, from, optional until), read as of the
 * last day of each period.
 */
import type { PlanSpec, TableRows, TeamSpec } from './engine.js';
import { planCalendar } from './settle-periods.js';
import type { Problems } from './problems.js';
import type { InputRow } from './schema.js';

/** A member's link to their manager, with the row that says so. */
interface Link {
  readonly manager: string;
  readonly input: InputRow;
}

/** Direct reports per manager. */
type Reports = Map<string, string[]>;

export class Hierarchies {
  /** team → period ('' when the hierarchy is the same every period) → manager → direct reports. */
  private readonly reports = new Map<string, Map<string, Reports>>();
  private readonly teams: ReadonlyMap<string, TeamSpec>;
  /** The teams whose hierarchy is dated. */
  private readonly dated = new Set<string>();

  constructor(
    private readonly spec: PlanSpec,
    private readonly data: ReadonlyMap<string, TableRows>,
    private readonly problems: Problems,
  ) {
    this.teams = new Map(spec.teams.map((t) => [t.name, t]));
    for (const team of spec.teams) {
      const kind = spec.tables.find((t) => t.name === team.table)?.kind;
      // A dated hierarchy is read period by period, when first asked for.
      if (kind === 'rows') this.dated.add(team.name);
      this.reports.set(team.name, kind === 'rows' ? new Map() : this.fixedReports(team, kind === 'payeePeriod'));
    }
  }

  /** The payees below one in a team, in order (every level, or the direct reports only). */
  membersOf(team: string, payee: string, period: string): string[] {
    const direct = this.reportsIn(team, period);
    const depth = this.teams.get(team)?.depth ?? 'all';
    const out: string[] = [];
    const visit = (m: string) => {
      for (const p of (direct.get(m) ?? []).slice().sort()) {
        if (out.includes(p) || p === payee) continue;
        out.push(p);
        if (depth === 'all') visit(p);
      }
    };
    visit(payee);
    return out;
  }

  /** The payees whose team a payee is in: their manager, and above when the team has every level. */
  leadersOf(team: string, payee: string, period: string): string[] {
    const direct = this.reportsIn(team, period);
    const depth = this.teams.get(team)?.depth ?? 'all';
    const managerOf = new Map<string, string>();
    for (const [m, ps] of direct) for (const p of ps) managerOf.set(p, m);
    const out: string[] = [];
    for (let m = managerOf.get(payee); m !== undefined && !out.includes(m) && m !== payee; m = depth === 'all' ? managerOf.get(m) : undefined) out.push(m);
    return out;
  }

  /** A hierarchy per payee (or per payee per period), checked once for every period it lists. */
  private fixedReports(team: TeamSpec, perPeriod: boolean): Map<string, Reports> {
    const links = new Map<string, Map<string, Link>>();
    for (const row of this.data.get(team.table)?.rows ?? []) {
      const manager = row.cells[team.column];
      if (typeof manager !== 'string') continue;
      const period = perPeriod ? (row.cells['period'] as string) : '';
      let of = links.get(period);
      if (!of) links.set(period, (of = new Map()));
      of.set(row.cells['payee'] as string, { manager, input: row });
    }
    return new Map([...links].map(([period, of]) => [period, this.directReports(team, of, period)]));
  }

  /** Direct reports per manager in one team, as of a period (a dated hierarchy: on its last day). */
  private reportsIn(team: string, period: string): Reports {
    const byPeriod = this.reports.get(team)!;
    if (this.dated.has(team) && !byPeriod.has(period)) {
      const spec = this.teams.get(team)!;
      byPeriod.set(period, this.directReports(spec, this.datedLinks(spec, period), period));
    }
    return byPeriod.get(period) ?? byPeriod.get('') ?? new Map();
  }

  /** The links of a dated hierarchy in effect on the last day of a period. */
  private datedLinks(team: TeamSpec, period: string): Map<string, Link> {
    const t = this.spec.tables.find((x) => x.name === team.table)!;
    const cal = planCalendar(this.spec);
    const onDay = cal.parse(period) !== undefined ? cal.bounds(period).last : '';
    const of = new Map<string, Link>();
    for (const row of this.data.get(team.table)?.rows ?? []) {
      const [member, manager, from] = [row.cells[t.payeeColumn!], row.cells[team.column], row.cells[t.dateColumn!] as string];
      const until = team.until ? (row.cells[team.until] as string | undefined) : undefined;
      if (typeof member === 'string' && typeof manager === 'string' && from <= onDay && (until === undefined || until >= onDay)) of.set(member, { manager, input: row });
    }
    return of;
  }

  /** Direct reports per manager, from each member's link; a cycle is a data error naming its rows. */
  private directReports(team: TeamSpec, of: ReadonlyMap<string, Link>, period: string): Reports {
    for (const start of of.keys()) this.checkCycle(team, of, period, start);
    const direct: Reports = new Map();
    for (const [p, { manager }] of of) direct.set(manager, [...(direct.get(manager) ?? []), p]);
    return direct;
  }

  /** Follows a member's managers up; a circle is reported once, from the member that sorts first. */
  private checkCycle(team: TeamSpec, of: ReadonlyMap<string, Link>, period: string, start: string): void {
    const seen = [start];
    for (let at = of.get(start); at; at = of.get(at.manager)) {
      if (!seen.includes(at.manager)) {
        seen.push(at.manager);
        continue;
      }
      const cycle = [...seen.slice(seen.indexOf(at.manager)), at.manager];
      const members = cycle.slice(0, -1);
      if (cycle[0] === start && start === [...members].sort()[0]) {
        const rows = members.map((p) => of.get(p)!.input.row);
        const file = this.problems.fileOf(team.table);
        this.problems.atData('D013', team.table, `${file} rows ${rows.join(', ')}: the hierarchy${period ? ` for ${period}` : ''} goes round in a circle: ${cycle.join(' → ')}`, of.get(start)!.input, team.column);
      }
      return;
    }
  }
}
