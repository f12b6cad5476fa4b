/**
 * How values read on statements and in explanations. One implementation, used by the interpreter
 * and by compiled modules, so both explain a figure in the same words.
 */
import { Dec, decFixed, decText } from './decimal.js';

/** The unit words of a shown value; `money` shows as the plan's currency code. */
export type ValueUnit = 'money' | 'ratio' | 'count' | 'decimal' | 'number' | 'boolean' | 'text' | 'date' | 'payee';

/**
 * Money with at least two decimals, more when the exact value has them (1200 → "1200.00",
 * 0.0002 → "0.0002"); a long quotient shows ten decimals and an ellipsis: 1333.3333333333….
 */
export function moneyText(d: Dec): string {
  const places = d.decimalPlaces();
  if (places < 2) return decFixed(d, 2);
  if (places > 10) return `${d.toDecimalPlaces(10, Dec.ROUND_DOWN).toFixed(10)}…`;
  return decText(d);
}

/** A rate as a percentage: 0.05 → "5%", 0.625 → "62.5%". */
export function percentText(d: Dec): string {
  return `${decText(d.mul(100))}%`;
}

export function valueText(v: unknown, unit: ValueUnit): string {
  if (v === undefined) return '(not set)';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  if (v instanceof Dec) {
    if (unit === 'money') return moneyText(v);
    if (unit === 'ratio') return percentText(v);
    return decText(v);
  }
  return String(v);
}

export function unitLabel(unit: ValueUnit, currency: string): string {
  return unit === 'money' ? currency : unit === 'ratio' ? 'percent' : unit;
}
