/**
 * `allocate NAME of AMOUNT over GROUP by WEIGHT`: a group's amount shared among its members by
 * weight so that the parts add up to it exactly. The amount is rounded to the plan's step; each part,
 * amount × weight ÷ the group's weight, is rounded the same way; what the rounded parts miss (or
 * exceed) goes to the member with the largest weight, the first by payee id among equals. A group
 * without weight shares nothing. Both back ends compute the group's amount and weights, then call
 * `allocate` once per group and period and `allocationLine` for each member.
 */
import type { ComputedLine } from './assemble.js';
import { Dec, ZERO } from './decimal.js';
import { moneyText, valueText, type ValueUnit } from './format.js';
import type { RuleInfo } from './lines.js';
import { PlanError } from './plan-error.js';
import { roundTo, type RoundingRule } from './rounding.js';
import type { NamedValue, RowRef } from './statement.js';

/** One member as the allocation sees them: the amount their values give for the group, and their weight. */
export interface AllocationInput {
  readonly payee: string;
  readonly amount: Dec;
  readonly weight: Dec;
}

export interface Allocation {
  readonly group: string;
  /** The group's amount, rounded. */
  readonly amount: Dec;
  readonly totalWeight: Dec;
  /** Members in payee order, with their weight, their exact share and their rounded part. */
  readonly members: readonly { readonly payee: string; readonly weight: Dec; readonly share: Dec; readonly part: Dec }[];
  /** What the rounded shares missed, and who took it (absent when nothing was shared). */
  readonly remainder: Dec;
  readonly remainderTo?: string;
}

/**
 * Shares a group's amount. Every member must compute the same amount (it is the group's, not theirs):
 * a difference is an error (R005) at the amount, naming two members; so is a negative weight.
 */
export function allocate(group: string, inputs: readonly AllocationInput[], rounding: RoundingRule, at: { readonly start: number; readonly end: number }): Allocation {
  const first = inputs[0]!;
  const other = inputs.find((m) => !m.amount.eq(first.amount));
  if (other) {
    throw new PlanError('R005', `the amount shared over \`${group}\` must be the same for every member, but it is ${moneyText(first.amount)} for ${first.payee} and ${moneyText(other.amount)} for ${other.payee}: compute it from the group's totals`, at);
  }
  const negative = inputs.find((m) => m.weight.isNegative() && !m.weight.isZero());
  if (negative) throw new PlanError('R005', `${negative.payee}'s weight in \`${group}\` is ${negative.weight.toFixed()}: a weight cannot be negative`, at);
  const amount = roundTo(first.amount, rounding.step, rounding.mode);
  const totalWeight = inputs.reduce((sum, m) => sum.plus(m.weight), ZERO);
  if (totalWeight.isZero()) return { group, amount, totalWeight, members: inputs.map((m) => ({ payee: m.payee, weight: m.weight, share: ZERO, part: ZERO })), remainder: ZERO };
  const members = inputs.map((m) => {
    const share = amount.mul(m.weight).div(totalWeight);
    return { payee: m.payee, weight: m.weight, share, part: roundTo(share, rounding.step, rounding.mode) };
  });
  const remainder = members.reduce((left, m) => left.minus(m.part), amount);
  // The largest weight, the first by payee id among equals (inputs come in payee order).
  const largest = members.reduce((best, m) => (m.weight.gt(best.weight) ? m : best));
  const adjusted = members.map((m) => (m === largest ? { ...m, part: m.part.plus(remainder) } : m));
  return { group, amount, totalWeight, members: adjusted, remainder, remainderTo: largest.payee };
}

/** A member's line: their part of the group's amount, explained with every member's weight and part. */
export function allocationLine(info: RuleInfo, a: Allocation, payee: string, weightName: string, weightUnit: ValueUnit, values: readonly NamedValue[]): ComputedLine {
  const me = a.members.find((m) => m.payee === payee)!;
  const w = (d: Dec) => valueText(d, weightUnit);
  const rows: RowRef[] = a.members.map((m, i) => ({ table: `group ${a.group}`, row: i + 1, key: m.payee, amount: `${weightName} ${w(m.weight)} → ${moneyText(m.part)}` }));
  let detail = `${moneyText(a.amount)} shared over ${a.group} by ${weightName}`;
  if (a.totalWeight.isZero()) detail += `: the group's ${weightName} is 0, so nothing is shared`;
  else {
    detail += `: ${w(me.weight)} of ${w(a.totalWeight)} = ${moneyText(me.share)} → ${moneyText(roundedWithout(a, me))}`;
    if (a.remainderTo === payee && !a.remainder.isZero()) detail += `; the rounded parts miss ${moneyText(a.remainder)}, added here (the largest ${weightName}, first by id among equals) → ${moneyText(me.part)}`;
    else if (!a.remainder.isZero()) detail += `; the rounded parts miss ${moneyText(a.remainder)}, added to ${a.remainderTo}'s part`;
  }
  return { component: info.component, kind: 'bonus', exact: me.part, explanation: { rule: info.rule, source: info.source, detail, values, rows } };
}

/** A member's part before the remainder was added. */
function roundedWithout(a: Allocation, m: Allocation['members'][number]): Dec {
  return a.remainderTo === m.payee ? m.part.minus(a.remainder) : m.part;
}

/** The weight as written in `allocate … by WEIGHT`, for the explanation. */
export function allocationWeightText(rule: string): string {
  return rule.slice(rule.lastIndexOf(' by ') + 4);
}
