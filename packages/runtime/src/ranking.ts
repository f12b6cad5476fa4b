/**
 * Ranks and contests among a group's members. Competition ranking, highest first: a member's rank is
 * 1 + the number of ranked members with strictly more (1, 2, 2, 4). Members a contest or rank does not
 * take (its `where` does not hold) rank after every ranked member, all at (ranked members + 1). In a
 * contest, members tied on the measure occupy consecutive places and share the sum of those places'
 * prizes equally; a place no one reaches pays no one. Both back ends compute each member's measure
 * and call `rankMembers` once per group and period, then word the lines here.
 */
import type { ComputedLine } from './assemble.js';
import { Dec, ZERO } from './decimal.js';
import { moneyText, valueText, type ValueUnit } from './format.js';
import type { RuleInfo } from './lines.js';
import type { NamedValue, RowRef } from './statement.js';

export interface RankInput {
  readonly payee: string;
  readonly value: Dec;
  /** Whether the member takes part (the `where` holds). */
  readonly ranked: boolean;
}

export interface Ranking {
  readonly group: string;
  /** The members taking part, highest first (equals in payee order), with their rank. */
  readonly ranked: readonly { readonly payee: string; readonly value: Dec; readonly rank: number }[];
  /** Every member's rank, those not taking part included. */
  readonly rankOf: ReadonlyMap<string, number>;
}

export function rankMembers(group: string, inputs: readonly RankInput[]): Ranking {
  const taking = inputs.filter((m) => m.ranked).sort((a, b) => b.value.cmp(a.value) || (a.payee < b.payee ? -1 : a.payee > b.payee ? 1 : 0));
  const ranked = taking.map((m) => ({ payee: m.payee, value: m.value, rank: 1 + taking.filter((o) => o.value.gt(m.value)).length }));
  const rankOf = new Map(inputs.map((m) => [m.payee, m.ranked ? ranked.find((r) => r.payee === m.payee)!.rank : ranked.length + 1]));
  return { group, ranked, rankOf };
}

/** The members ranked, as an explanation's rows: rank, payee and the value they were ranked by. */
export function rankingRows(r: Ranking, unit: ValueUnit): RowRef[] {
  return r.ranked.map((m) => ({ table: `ranking over ${r.group}`, row: m.rank, key: m.payee, amount: valueText(m.value, unit) }));
}

/** A rank as a base's value and rows. */
export function rankValue(r: Ranking, payee: string, unit: ValueUnit): { readonly value: Dec; readonly rows: readonly RowRef[] } {
  return { value: new Dec(r.rankOf.get(payee)!), rows: rankingRows(r, unit) };
}

/** A member's prize: the places they occupy with their equals, those places' prizes shared equally. */
export function contestLine(info: RuleInfo, r: Ranking, payee: string, prizes: readonly Dec[], measureName: string, unit: ValueUnit, values: readonly NamedValue[]): ComputedLine {
  const rank = r.rankOf.get(payee)!;
  const me = r.ranked.find((m) => m.payee === payee);
  const rows = rankingRows(r, unit);
  const line = (exact: Dec, detail: string): ComputedLine => ({ component: info.component, kind: 'bonus', exact, explanation: { rule: info.rule, source: info.source, detail, values, rows } });
  if (!me) return line(ZERO, `not ranked: rank ${rank}, after the ${r.ranked.length} members ranked; pays 0.00`);
  const tied = r.ranked.filter((m) => m.value.eq(me.value));
  const [first, last] = [rank, rank + tied.length - 1];
  const of = `rank ${rank} of ${r.ranked.length} ranked by ${measureName} ${valueText(me.value, unit)}`;
  const prizeAt = (place: number) => prizes[place - 1] ?? ZERO;
  if (tied.length === 1) {
    const prize = prizeAt(rank);
    return line(prize, `${of}: ${rank <= prizes.length ? `place ${rank} pays ${moneyText(prize)}` : `no prize for place ${rank}; pays 0.00`}`);
  }
  const places = Array.from({ length: tied.length }, (_, i) => first + i);
  const total = places.reduce((sum, p) => sum.plus(prizeAt(p)), ZERO);
  const share = total.div(tied.length);
  const others = tied.filter((m) => m.payee !== payee).map((m) => m.payee).join(', ');
  return line(share, `${of}, tied with ${others} for places ${first}–${last}: (${places.map((p) => moneyText(prizeAt(p))).join(' + ')}) ÷ ${tied.length} = ${moneyText(share)}`);
}
