/**
 * Lines as values, and what a statement reports without paying. A rule's line read by another
 * expression is its amount as the statement shows it: after its caps and floors, rounded as the
 * plan rounds lines (exact under `per total`); a reported line, never paid, is read exact. Both
 * back ends call these, so they read and word reported values alike.
 */
import type { ComputedLine } from './assemble.js';
import { Dec, decText } from './decimal.js';
import { unitLabel, valueText, type ValueUnit } from './format.js';
import type { RuleInfo, RowSource } from './lines.js';
import { explained } from './lines.js';
import { roundTo, type RoundingMode, type RoundingRule } from './rounding.js';
import type { NamedValue, ReportedValue } from './statement.js';

/** The value of a line read by name: rounded as the statement shows it, or exact when reported or rounded per total. */
export function lineValue(line: ComputedLine, rounding: RoundingRule, reported: boolean): Dec {
  return reported || rounding.point === 'total' ? line.exact : roundTo(line.exact, rounding.step, rounding.mode);
}

/** A reported rule's line, shown with its exact amount and its own explanation. */
export function reportedLine(line: ComputedLine, currency: string): ReportedValue {
  return { name: line.component, value: valueText(line.exact, 'money'), unit: currency, exact: decText(line.exact), explanation: line.explanation };
}

/** A reported value's rounding (`round half_up to 0.0001`), applied when it is computed and when it is read. */
export interface ReportRounding {
  readonly mode: RoundingMode;
  readonly step: string;
}

export function roundReport(exact: Dec, round: ReportRounding | undefined): Dec {
  return round ? roundTo(exact, round.step, round.mode) : exact;
}

/** `report effective_rate = …`: the value as shown, with the rule, the values it read and the rows behind them. */
export function reportedValue(
  info: RuleInfo,
  exact: Dec,
  unit: ValueUnit,
  currency: string,
  round: ReportRounding | undefined,
  values: readonly NamedValue[],
  rows: RowSource,
): ReportedValue {
  const shown = roundReport(exact, round);
  const text = valueText(shown, unit);
  const detail = round && !shown.eq(exact) ? `${text}, rounded ${round.mode} to ${round.step} from ${cutText(exact, unit)}; not paid` : `${text}; not paid`;
  return { name: info.component, value: text, unit: unitLabel(unit, currency), exact: decText(exact), explanation: explained({ rule: info.rule, source: info.source, detail, values }, rows) };
}

/** A long quotient cut to ten decimals (of the percentage, for a rate) and marked: 2.3750002968…%. */
function cutText(d: Dec, unit: ValueUnit): string {
  const shown = unit === 'ratio' ? d.mul(100) : d;
  if (shown.decimalPlaces() <= 10) return valueText(d, unit);
  const cut = `${shown.toDecimalPlaces(10, Dec.ROUND_DOWN).toFixed(10)}…`;
  return unit === 'ratio' ? `${cut}%` : cut;
}
