/**
 * Turns computed lines into a statement: applies the plan's rounding rule (per line, or once to
 * the total) and adds the lines up. Shared by every back end so rounding happens in one place.
 */
import { Dec, decText, ZERO } from './decimal.js';
import { exactMoneyText, moneyText } from './format.js';
import { roundTo, type RoundingRule } from './rounding.js';
import type { Explanation, LineKind, NamedValue, ReportedValue, Statement, StatementException, StatementLine } from './statement.js';
import type { RuleInfo } from './lines.js';

export interface ComputedLine {
  readonly component: string;
  readonly kind: LineKind;
  readonly exact: Dec;
  readonly explanation: Explanation;
}

/** A cap or floor on the whole payout, with the rule that states it. */
export interface PayoutLimit {
  readonly bound: 'cap' | 'floor';
  readonly value: Dec;
  readonly info: RuleInfo;
  readonly values: readonly NamedValue[];
}

export function assembleStatement(
  payee: string,
  period: string,
  currency: string,
  rounding: RoundingRule,
  computed: readonly ComputedLine[],
  values: readonly NamedValue[],
  exceptions: readonly StatementException[],
  payoutLimits: readonly PayoutLimit[] = [],
  reported?: readonly ReportedValue[],
): Statement {
  const perLine = rounding.point !== 'total';
  let total = ZERO;
  const toLine = (l: ComputedLine): StatementLine => {
    const amount = perLine ? roundTo(l.exact, rounding.step, rounding.mode) : l.exact;
    total = total.plus(amount);
    return { component: l.component, kind: l.kind, amount: perLine ? fixed(amount, rounding.step) : exactMoneyText(amount), exact: decText(l.exact), explanation: l.explanation };
  };
  const lines: StatementLine[] = computed.map(toLine);
  // A payout limit is a line of its own, so the statement shows what it took away or added.
  for (const limit of payoutLimits) {
    const binds = limit.bound === 'cap' ? total.gt(limit.value) : total.lt(limit.value);
    const exact = binds ? limit.value.minus(total) : ZERO;
    const word = limit.bound === 'cap' ? 'cap' : 'floor';
    const detail = binds
      ? `payout ${moneyText(total)} is ${limit.bound === 'cap' ? 'above' : 'below'} the ${word} ${moneyText(limit.value)}: ${limit.bound === 'cap' ? 'reduced' : 'raised'} by ${moneyText(exact.abs())}`
      : `payout ${moneyText(total)} is within the ${word} ${moneyText(limit.value)}`;
    lines.push(toLine({ component: limit.info.component, kind: 'limit', exact, explanation: { rule: limit.info.rule, source: limit.info.source, detail, values: limit.values, rows: [] } }));
  }
  const payout = perLine ? total : roundTo(total, rounding.step, rounding.mode);
  return { payee, period, currency, lines, payout: fixed(payout, rounding.step), values, ...(reported && { reported }), exceptions };
}

/** An amount with the step's decimals: "15400.00" for a 0.01 step. */
export function fixed(d: Dec, step: string): string {
  const places = Math.max(0, new Dec(step).decimalPlaces());
  const s = d.toFixed(places);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}
