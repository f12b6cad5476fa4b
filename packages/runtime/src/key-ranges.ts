/**
 * Rate-table entries for a range of a numeric key (`from 1 up to 6  3%`): the one range a key falls
 * in, for the interpreter and compiled modules alike. The checker guarantees the ranges do not
 * overlap; a key that is not a number, or in no range, has none (the table's `else` applies).
 */
import { Dec } from './decimal.js';
import { inBand } from './tiers.js';

export interface KeyRange<T> {
  readonly lower?: Dec;
  readonly upper?: Dec;
  readonly lowerOpen?: boolean;
  readonly upperClosed?: boolean;
  /** As written, `from 1 up to 6`. */
  readonly label: string;
  readonly value: T;
}

/** The range a key (canonical text, as rate tables are looked up) falls in. */
export function keyRangeOf<T>(ranges: readonly KeyRange<T>[] | undefined, key: string): KeyRange<T> | undefined {
  if (!ranges?.length || !/^-?\d+(\.\d+)?$/.test(key)) return undefined;
  const v = new Dec(key);
  return ranges.find((r) => inBand(v, r));
}
