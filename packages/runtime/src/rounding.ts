/**
 * The one rounding function. A plan states a mode and a step (0.01 for cents, 1 for whole units,
 * 0.05 for nickels) and where rounding applies; everything else in payplan is exact.
 */
import { Dec, ZERO } from './decimal.js';

export type RoundingMode = 'half_up' | 'half_even' | 'down' | 'up';
/**
 * Where a plan's rounding applies: `row`, to each row's amount in a per-row rule and to each line;
 * `line`, to each statement line; `total`, once to the payout.
 */
export type RoundingPoint = 'row' | 'line' | 'total';

export interface RoundingRule {
  readonly mode: RoundingMode;
  /** The smallest unit a rounded amount may hold, as decimal text: "0.01", "1". */
  readonly step: string;
  readonly point: RoundingPoint;
}

export const defaultRounding: RoundingRule = { mode: 'half_up', step: '0.01', point: 'line' };

const modes: Record<RoundingMode, DecimalRounding> = {
  half_up: Dec.ROUND_HALF_UP, // ties away from zero: 2.675 → 2.68, −2.675 → −2.68
  half_even: Dec.ROUND_HALF_EVEN, // ties to even (banker's): 0.125 → 0.12
  down: Dec.ROUND_DOWN, // toward zero
  up: Dec.ROUND_UP, // away from zero
};
type DecimalRounding = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** Rounds `value` to a multiple of `step` with the given mode. Never returns negative zero. */
export function roundTo(value: Dec, step: string | Dec, mode: RoundingMode): Dec {
  const s = typeof step === 'string' ? new Dec(step) : step;
  const units = value.div(s).toDecimalPlaces(0, modes[mode]);
  const r = units.mul(s);
  return r.isZero() ? ZERO : r;
}

/** Decimal places a step implies for display: 0.01 → 2, 1 → 0, 0.05 → 2. */
export const stepPlaces = (step: string): number => Math.max(0, new Dec(step).decimalPlaces());

/** A per-row amount, rounded when the plan rounds `per row`; otherwise exact. */
export function roundRow(value: Dec, rule: RoundingRule): Dec {
  return rule.point === 'row' ? roundTo(value, rule.step, rule.mode) : value;
}

const stepModes = { round: Dec.ROUND_HALF_UP, floor: Dec.ROUND_FLOOR, ceil: Dec.ROUND_CEIL } as const;

/**
 * A plan's `round(x, step)`, `floor(x, step)` and `ceil(x, step)`: `x` to a multiple of `step`, half
 * up (ties away from zero), toward −∞, or toward +∞. Whatever the plan's own rounding mode: the
 * function says how it rounds. Never returns negative zero.
 */
export function roundStep(fn: 'round' | 'floor' | 'ceil', value: Dec, step: Dec): Dec {
  const r = value.div(step).toDecimalPlaces(0, stepModes[fn]).mul(step);
  return r.isZero() ? ZERO : r;
}
