/**
 * Problems the plan's code finds while computing a statement: division by zero, an empty value, a
 * value the data does not have for a payee. The interpreter and compiled modules throw the same
 * errors with the same words, and the settlement engine reports them.
 */
import type { InputRow } from './schema.js';

export class PlanError extends Error {
  constructor(
    readonly code: 'R001' | 'R002' | 'R003' | 'R004' | 'R005' | 'D025',
    message: string,
    /** Where in the plan: a span of the plan text. */
    readonly span: { readonly start: number; readonly end: number },
    /**
     * The payee (or key) the data has nothing for, when that is why the value is missing: the engine
     * then reports the error at the data row that names them (D018), not at the plan.
     */
    readonly missingFor?: string,
    /** The data cell a looked-up key came from: the engine reports the error there (D025). */
    readonly cell?: { readonly table: string; readonly row: InputRow; readonly column: string },
  ) {
    super(message);
  }
}

/** A per-payee table with no row for the payee (for the period, in a table per period). */
export function noPayeeRow(table: string, perPeriod: boolean, payee: string, period: string, column: string, span: { readonly start: number; readonly end: number }): PlanError {
  return new PlanError('R003', `table \`${table}\` has no row for ${payee}${perPeriod ? ` in ${period}` : ''}, so \`${column}\` is unknown`, span, payee);
}

/** A split with no part for a key; when the key is a payee the data names, the engine reports it at that row. */
export function noSplitPart(split: string, keys: readonly string[], span: { readonly start: number; readonly end: number }): PlanError {
  return new PlanError('R003', `the split \`${split}\` has no part for ${keys.map((k) => `"${k}"`).join(', ')}`, span, keys.length === 1 ? keys[0] : undefined);
}

/**
 * A value a statement or an explanation only shows (the lines that need it have been computed):
 * its value when it can be computed, or `undefined` when the data leaves it uncomputable for this
 * payee (an empty value, a missing row, a division by zero). The value is then left off instead of
 * the run stopping, since no payout depends on it (issue 20: a \`let\` was evaluated for every
 * payee). A line that needs the same value still fails with the error, for the payee it concerns.
 */
export function ifComputable<T>(compute: () => T): { readonly value: T } | undefined {
  try {
    return { value: compute() };
  } catch (e) {
    if (e instanceof PlanError && (e.code === 'R002' || e.code === 'R003')) return undefined;
    throw e;
  }
}
