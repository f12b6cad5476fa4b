/**
 * L013: a pool that can be paid to nobody. A pool is computed for every leader of its team; one
 * funded by a sum over that team is 0 for a leader without members, but one funded otherwise (a
 * fixed amount, the leader's own budget) is not, and a leader with no members, or whose members
 * weigh 0, has a pool no statement shows. The run lists such pools (`unpaidPools`); this lint says
 * when the plan allows them.
 */
import type { IrComponent, IrExpr, IrPlan } from '../ir.js';
import { references } from '../references.js';
import type { Cx } from './context.js';

export function unpaidPools(cx: Cx, c: IrComponent): void {
  if (c.kind !== 'pool' || sumsOver(cx.ir, c.amount, c.team, new Set())) return;
  const whose = c.leader !== undefined ? `${c.leader}'s pool` : `the pool of every leader of \`${c.team}\``;
  cx.warn('L013', c.amount.span, `\`${c.name}\` is not funded by a sum over \`${c.team}\`, so ${whose} is paid in full even when the team has no members, or their weights add up to 0: then nobody receives it`, {
    owner: c.source.span,
    notes: ['a run lists each pool paid to nobody under "Pools paid to nobody" (`unpaidPools` in JSON)'],
    hint: `fund it from the team, such as \`2% of team_margin\` with \`base team_margin = sum of margin over ${c.team}\`; if it is meant, end its line with \`# unpaid-pool: intended\``,
  });
}

/** Whether the expression reads (directly, or through lets and bases) a sum or count over the team. */
function sumsOver(ir: IrPlan, e: IrExpr, team: string, seen: Set<string>): boolean {
  for (const name of references(e)) {
    if (seen.has(name)) continue;
    seen.add(name);
    const base = ir.bases.find((b) => b.name === name);
    if (base?.over.kind === 'team' && base.over.team === team) return true;
    const value = base?.value ?? ir.lets.find((l) => l.name === name)?.value;
    if (value && sumsOver(ir, value, team, seen)) return true;
  }
  return false;
}
