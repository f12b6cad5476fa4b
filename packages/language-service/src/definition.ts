/** Go to definition: the identifier that declares the name at a position. */
import type { Analysis } from './analyze.js';
import { rangeOf, type Range } from './positions.js';
import { resolveAt } from './resolve.js';

export interface Definition {
  readonly range: Range;
  /** The range of the word that was asked about. */
  readonly origin: Range;
}

export function definition(a: Analysis, offset: number): Definition | undefined {
  const at = resolveAt(a, offset);
  if (!at || at.resolved.kind !== 'symbol') return undefined;
  const origin = rangeOf(a.source, { start: at.token.startOffset, end: (at.token.endOffset ?? at.token.startOffset) + 1 });
  return { range: rangeOf(a.source, at.resolved.symbol.span), origin };
}
