/**
 * Turns computed lines into a statement: applies the plan's rounding rule (per line, or once to
 * the total) and adds the lines up. Shared by every back end so rounding happens in one place.
 */
import { Dec, decText, ZERO } from './decimal.js';
import { moneyText } from './format.js';
import { roundTo, type RoundingRule } from './rounding.js';
import type { Explanation, LineKind, NamedValue, Statement, StatementException, StatementLine } from './statement.js';

export interface ComputedLine {
  readonly component: string;
  readonly kind: LineKind;
  readonly exact: Dec;
  readonly explanation: Explanation;
}

export function assembleStatement(
  payee: string,
  period: string,
  currency: string,
  rounding: RoundingRule,
  computed: readonly ComputedLine[],
  values: readonly NamedValue[],
  exceptions: readonly StatementException[],
): Statement {
  const perLine = rounding.point === 'line';
  let total = ZERO;
  const lines: StatementLine[] = computed.map((l) => {
    const amount = perLine ? roundTo(l.exact, rounding.step, rounding.mode) : l.exact;
    total = total.plus(amount);
    return { component: l.component, kind: l.kind, amount: perLine ? fixed(amount, rounding.step) : moneyText(amount), exact: decText(l.exact), explanation: l.explanation };
  });
  const payout = perLine ? total : roundTo(total, rounding.step, rounding.mode);
  return { payee, period, currency, lines, payout: fixed(payout, rounding.step), values, exceptions };
}

/** An amount with the step's decimals: "15400.00" for a 0.01 step. */
export function fixed(d: Dec, step: string): string {
  const places = Math.max(0, new Dec(step).decimalPlaces());
  const s = d.toFixed(places);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}
