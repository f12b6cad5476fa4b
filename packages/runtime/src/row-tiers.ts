/**
 * Tiered bands applied to one row's value (`deal_commission on amount marginal` inside `for each`),
 * shared by the interpreter and compiled modules: the row's amount, or R001 at the rule when bounds
 * from the data do not rise.
 */
import type { Dec } from './decimal.js';
import { PlanError } from './plan-error.js';
import { tierAmount, TierOrderError, type BandInput } from './tiers.js';

export function rowTiers(mode: 'whole' | 'marginal', base: Dec, bands: readonly BandInput[], measure: Dec | undefined, start: number, end: number): Dec {
  try {
    return tierAmount(mode, base, bands, measure);
  } catch (err) {
    if (err instanceof TierOrderError) throw new PlanError('R001', `tier thresholds are out of order: ${err.message}; check this payee's targets in the data`, { start, end });
    throw err;
  }
}
