/**
 * Pools paid to nobody (issue 20). A pool is computed for a leader and shared among the members of
 * their team by weight; a leader without members, or whose members' weights add up to zero, has a
 * pool nobody receives. That amount is on no statement, so after settling the engine lists it on the
 * run (`RunResult.unpaidPools`): the CLI prints it under the table, and JSON carries it.
 */
import type { Contexts } from './contexts.js';
import { Dec, ZERO } from './decimal.js';
import type { Ctx } from './engine.js';
import { exactMoneyText } from './format.js';
import { PlanError } from './plan-error.js';
import type { SourceRef, Statement, UnpaidPool } from './statement.js';

/** A pool as the engine sees it: both back ends give the same memoised amount and weight functions their lines use. */
export interface PoolSpec {
  readonly name: string;
  readonly team: string;
  /** The one leader whose pool it is, when the plan names them. */
  readonly leader?: string;
  amount(leader: Ctx): Dec;
  weight(member: Ctx): Dec;
  readonly rule: string;
  readonly source: SourceRef;
}

/** The pools of the run's statements' payees that no member received, in statement order. */
export function unpaidPools(pools: readonly PoolSpec[], statements: readonly Statement[], contexts: Contexts): UnpaidPool[] {
  const out: UnpaidPool[] = [];
  for (const pool of pools) {
    for (const s of statements) {
      if (pool.leader !== undefined && s.payee !== pool.leader) continue;
      const ctx = contexts.of(s.payee, s.period);
      const members = ctx.members(pool.team);
      const weight = members.length ? computed(() => members.reduce((sum, m) => sum.plus(pool.weight(m)), ZERO)) : ZERO;
      if (weight === undefined || !weight.isZero()) continue;
      const amount = computed(() => pool.amount(ctx));
      if (amount === undefined || amount.isZero()) continue;
      out.push({ pool: pool.name, leader: s.payee, period: s.period, amount: exactMoneyText(amount), reason: members.length ? 'no weight' : 'no members', rule: pool.rule, source: pool.source });
    }
  }
  return out;
}

/**
 * A figure of a leader who pays nobody: no statement needs it, so when the data leaves it
 * uncomputable (an empty value, a division by zero) there is nothing to report.
 */
function computed(f: () => Dec): Dec | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof PlanError) return undefined;
    throw e;
  }
}
