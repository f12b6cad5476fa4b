/**
 * Whose pool is it (issue 20)? A pool over a team is each leader's pool, shared among that leader's
 * members. That is sound only when every member is in one leader's team and every amount funds one
 * pool. An `all` team breaks both: a member is in the team of every leader above them, so a pool
 * over it pays them from each of those leaders' pools, and an amount summed over it (a team margin)
 * counts their figures in every one of those pools. Either way the pools together pay more than the
 * plan funds, so the checker rejects them (S038) unless the pool names its one leader
 * (`over downline of "mia"`), whose team is then counted once.
 */
import type { Span } from '@payplan/diagnostics';
import type { IrExpr, IrTeam } from '../ir.js';
import { references } from '../references.js';
import type { Lowering } from './context.js';

/** S038 for a pool without a named leader, over an `all` team or funded by a sum over one. */
export function checkPoolFunding(lw: Lowering, pool: { team: IrTeam; teamSpan: Span; amount: IrExpr; amountSpan: Span; leader?: string }): boolean {
  if (pool.leader !== undefined) return true;
  const fix = `share it over a \`direct\` team (each member has one leader), or name the leader whose pool it is: \`over ${pool.team.name} of "…"\``;
  if (pool.team.depth === 'all') {
    lw.bag.error('S038', pool.teamSpan, `\`${pool.team.name}\` reaches every level below a leader, so a member is in the team of every leader above them and would be paid from each of their pools: the pools together would pay out more than they hold`, { hint: fix });
    return false;
  }
  const via = allTeamSum(lw, pool.amount, new Set());
  if (via) {
    lw.bag.error('S038', pool.amountSpan, `the pool is funded by \`${via.name}\`, a sum over \`${via.team}\`, which reaches every level below a leader: a member's figures would fund the pool of every leader above them, counted once per leader`, {
      hint: `fund the pool from a sum over a \`direct\` team, or name the leader whose pool it is: \`over ${pool.team.name} of "…"\``,
    });
    return false;
  }
  return true;
}

/** The first base the amount reads (directly or through lets and bases) that sums over an `all` team. */
function allTeamSum(lw: Lowering, e: IrExpr, seen: Set<string>): { name: string; team: string } | undefined {
  for (const name of references(e)) {
    if (seen.has(name)) continue;
    seen.add(name);
    const base = lw.bases.get(name);
    if (base?.over.kind === 'team' && lw.teams.get(base.over.team)?.depth === 'all') return { name, team: base.over.team };
    const value = base?.value ?? lw.lets.get(name)?.value;
    const inner = value && allTeamSum(lw, value, seen);
    if (inner) return inner;
  }
  return undefined;
}
