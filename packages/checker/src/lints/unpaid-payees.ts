/**
 * L006: payees the plan knows of but can never pay. A payee known only in one role — the manager
 * of a team, whose only row is in the team's table; or a payee credited only through one payee
 * column of a credit rule — has values of that role only: a base over a transaction table is zero
 * for a payee with no rows in it, a `for each` rule pays nothing without rows, and a per-payee
 * value of a table where the payee has no row is no value at all (zero, or the run stops with
 * R003). Each payout line (rule, floor, draw) is evaluated abstractly for such a payee, as either
 * *nothing* or *anything*; when every line is nothing, whatever the data, the lint speaks. A team
 * with a pool is not reported: the pool is the leader's, shared among the members by design.
 *
 * What is assumed, as the other lints do: band bounds are zero or more, so a rate on a zero base
 * pays zero. What is never claimed: a comparison is taken to be possibly true, a pool possibly
 * shared with the payee, a rate table possibly paying, so the lint errs towards silence. Payees
 * of other per-payee tables are not reported: such a payee may always have rows of their own.
 */
import { Dec } from '@payplan/runtime';
import type { IrBand, IrComponent, IrCredit, IrExpr, IrTeam } from '../ir.js';
import { isConstant, signOf } from './linear.js';
import { form, type Cx } from './context.js';

/** The data a payee in one role can have. */
interface Role {
  /** Per-payee tables (either kind) the payee may have a row in. */
  readonly ownTables: ReadonlySet<string>;
  /** Transaction tables whose rows may count for the payee. */
  readonly rowTables: ReadonlySet<string>;
  /** Whether the payee may lead a team, so that sums over teams may be something. */
  readonly leads: boolean;
}

export function unpaidPayees(cx: Cx): void {
  // A team with a pool is left alone: its leaders' pools are shared among the members by design.
  const pooled = new Set(cx.ir.components.flatMap((c) => (c.kind === 'pool' ? [c.team] : [])));
  for (const team of cx.ir.teams) if (!pooled.has(team.name) && neverPaid(cx, managerOf(cx, team))) warnTeam(cx, team);
  for (const credit of cx.ir.credits) {
    const table = cx.ir.tables.find((t) => t.name === credit.table);
    const others = credit.rules.filter((r) => !(table?.kind === 'rows' && r.to === table.payeeColumn));
    if (others.length && neverPaid(cx, creditedOnly(cx, credit))) for (const rule of others) warnCredit(cx, credit, rule);
  }
}

/** A manager whose only row is their own in the team's table (which may be a dated hierarchy). */
function managerOf(cx: Cx, team: IrTeam): Role {
  const table = cx.ir.tables.find((t) => t.name === team.table);
  return { ownTables: new Set(table?.kind !== 'rows' ? [team.table] : []), rowTables: new Set(table?.kind === 'rows' ? [team.table] : []), leads: true };
}

/** A payee whose only rows are those of `credit.table` credited to them; per-payee rows and teams are not ruled out. */
function creditedOnly(cx: Cx, credit: IrCredit): Role {
  return { ownTables: new Set(cx.ir.tables.filter((t) => t.kind !== 'rows').map((t) => t.name)), rowTables: new Set([credit.table]), leads: true };
}

function warnTeam(cx: Cx, team: IrTeam): void {
  const decl = cx.plan.decls.find((d) => d.kind === 'Team' && d.name.name === team.name);
  const sums = cx.ir.bases.filter((b) => b.over.kind === 'team' && b.over.team === team.name).map((b) => `\`${b.name}\``);
  cx.warn('L006', decl?.kind === 'Team' ? decl.name.span : team.source.span, `the managers in team \`${team.name}\` can never be paid: no rule pays a payee whose only row is in \`${team.table}\``, {
    owner: team.source.span,
    notes: [
      'a manager with no rows of their own gets a statement of zeros for every period',
      ...(sums.length ? [`${sums.join(', ')} ${sums.length === 1 ? 'sums' : 'sum'} over the team, but no rule pays from ${sums.length === 1 ? 'it' : 'them'}`] : []),
    ],
    hint: `pay the managers from their team (such as \`commission override on ${cx.ir.bases.find((b) => b.over.kind === 'team' && b.over.team === team.name)?.name ?? 'team_sales'} pay 3%\`); if they are paid outside this plan, end the team's line with \`# unpaid: intended\``,
  });
}

function warnCredit(cx: Cx, credit: IrCredit, rule: IrCredit['rules'][number]): void {
  const span = { start: rule.source.span.start, end: (rule.when ?? rule.share)?.span.end ?? rule.source.span.end };
  cx.warn('L006', span, `a payee credited only through \`${rule.to}\` can never be paid: no rule pays from the rows of \`${credit.table}\``, {
    owner: credit.source.span,
    notes: [`rows credited to a payee count in bases over \`${credit.table}\` and in \`for each\` rules on it, and no rule reads either`],
    hint: `sum \`${credit.table}\` in a base that a rule pays on; if these payees are paid outside this plan, end the line with \`# unpaid: intended\``,
  });
}

/** Whether every payout line pays nothing to a payee in this role, whatever the data. */
function neverPaid(cx: Cx, role: Role): boolean {
  const nothing = (e: IrExpr) => amount(cx, role, e, 0) === 'nothing';
  if (!cx.ir.components.every((c) => componentPaysNothing(cx, role, c))) return false;
  if (!cx.ir.limits.every((l) => l.bound === 'cap' || nothing(l.value))) return false;
  return !cx.ir.draw || nothing(cx.ir.draw.amount);
}

function componentPaysNothing(cx: Cx, role: Role, c: IrComponent): boolean {
  const nothing = (e: IrExpr) => amount(cx, role, e, 0) === 'nothing';
  switch (c.kind) {
    case 'commission':
      return c.bands.every((b) => bandPaysNothing(cx, b, c.mode, nothing(c.base), nothing));
    case 'bonus':
      return never(cx, role, c.when) || nothing(c.pay);
    case 'per_row':
      return !role.rowTables.has(c.table) || nothing(c.pay) || (!!c.when && never(cx, role, c.when)) || (!!c.where && never(cx, role, c.where));
    case 'step_bonus':
      return c.steps.every((s) => nothing(s.pay));
    case 'salary':
      return nothing(c.amount);
    case 'pool':
      // A member's part is the leader's pool × their weight ÷ the team's total weight.
      return nothing(c.weight);
    case 'allocation':
    case 'contest':
      // A group's amount or prize can reach any member; the lint does not follow groups.
      return false;
  }
}

/**
 * A band pays nothing on a zero base when it pays a rate and the base is nothing (in a marginal
 * tier, a band starting below zero would hold part of a zero base: its bound must be zero or more),
 * or when what it pays is nothing.
 */
function bandPaysNothing(cx: Cx, b: IrBand, mode: 'flat' | 'whole' | 'marginal', baseIsNothing: boolean, nothing: (e: IrExpr) => boolean): boolean {
  if (nothing(b.pay)) return true;
  if (!b.payIsRate || !baseIsNothing) return false;
  if (mode !== 'marginal' || !b.lower) return true;
  const lower = form(cx, b.lower);
  return !!lower && signOf(lower) === 'never-negative';
}

/**
 * A condition that is false whatever the data, for a payee in this role: the literal `false`, an
 * `and`/`or` of such, or a value that is nothing compared to be above a constant that is more than
 * zero (`sales >= 100,000` for a payee with no sales: zero is below it, and no value stops the run).
 */
function never(cx: Cx, role: Role, e: IrExpr): boolean {
  if (e.kind === 'bool') return !e.value;
  if (e.kind === 'logic') return e.op === 'and' ? never(cx, role, e.left) || never(cx, role, e.right) : never(cx, role, e.left) && never(cx, role, e.right);
  if (e.kind !== 'cmp' || e.op === '=' || e.op === '!=') return false;
  // Written as `value > bound` (or `>=`): `bound < value` is the same claim.
  const above = e.op === '>' || e.op === '>=';
  const [value, limit] = above ? [e.left, e.right] : [e.right, e.left];
  const strict = e.op === '>' || e.op === '<';
  if (amount(cx, role, value, 0) !== 'nothing') return false;
  const bound = form(cx, limit);
  return !!bound && isConstant(bound) && (strict ? bound.constant.gte(0) : bound.constant.gt(0));
}

/** What a value can be for a payee in this role: `nothing` (zero, or no value at all) or `any`. */
function amount(cx: Cx, role: Role, e: IrExpr, depth: number): 'nothing' | 'any' {
  if (depth > 50) return 'any';
  const of = (x: IrExpr) => amount(cx, role, x, depth + 1);
  const all = (xs: readonly IrExpr[]) => (xs.every((x) => of(x) === 'nothing') ? 'nothing' : 'any');
  switch (e.kind) {
    case 'num':
      return new Dec(e.value).isZero() ? 'nothing' : 'any';
    case 'const':
    case 'let': {
      const d = cx.defs(e.kind, e.name);
      return d ? of(d) : 'any';
    }
    case 'base': {
      const base = cx.ir.bases.find((b) => b.name === e.name);
      if (!base) return 'any';
      if (base.over.kind === 'group') return 'any';
      return (base.over.kind === 'team' ? role.leads : role.rowTables.has(base.over.table)) ? 'any' : 'nothing';
    }
    case 'payeeValue':
      return role.ownTables.has(e.table) ? 'any' : 'nothing';
    case 'neg':
      return of(e.operand);
    case 'arith':
      if (e.op === '*') return of(e.left) === 'nothing' || of(e.right) === 'nothing' ? 'nothing' : 'any';
      return e.op === '/' ? of(e.left) : all([e.left, e.right]);
    case 'call':
      return all(e.args);
    case 'if':
      return all([e.then, e.else]);
    default:
      return 'any';
  }
}
