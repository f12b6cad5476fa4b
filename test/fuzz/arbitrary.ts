/**
 * fast-check arbitraries for the fuzz property tests: lists of the campaign's own plan and data
 * mutations (scripts/fuzz/mutate-*.ts), so a failing list shrinks to the few edits that matter, and
 * token soup made of the plan language's vocabulary.
 */
import fc from 'fast-check';
import { cells, type DataMutation } from '../../scripts/fuzz/mutate-data.js';
import { chars, numbers, vocabulary, type PlanMutation } from '../../scripts/fuzz/mutate-plan.js';

const pos = fc.nat();

export const planMutation: fc.Arbitrary<PlanMutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete', 'duplicate', 'deleteLine', 'duplicateLine', 'truncate'), at: pos }),
  fc.record({ op: fc.constantFrom('swap', 'rename', 'swapLines'), at: pos, other: pos }),
  fc.record({ op: fc.constant('insert'), at: pos, text: fc.constantFrom(...vocabulary) }),
  fc.record({ op: fc.constant('number'), at: pos, text: fc.constantFrom(...numbers) }),
  fc.record({ op: fc.constant('char'), at: pos, text: fc.constantFrom(...chars) }),
);

/** Cells replaced most often: they reach the values the loader and both back ends must agree on. */
export const dataMutation: fc.Arbitrary<DataMutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('cell'), row: pos, column: pos, text: fc.constantFrom(...cells) }), weight: 6 },
  fc.record({ op: fc.constantFrom('copyCell', 'swapLines', 'swapColumns'), at: pos, other: pos }),
  fc.record({ op: fc.constantFrom('deleteLine', 'duplicateLine', 'deleteColumn', 'deleteChar', 'truncate'), at: pos }),
  fc.record({ op: fc.constant('char'), at: pos, text: fc.constantFrom(',', '"', '\n', '\r', '\ufeff', '\u0000', ' ', '-') }),
  fc.record({ op: fc.constant('byte'), at: pos, value: fc.nat(255) }),
);

/** Plan-language tokens separated by spaces, line breaks and indentation. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...vocabulary), fc.constantFrom(' ', ' ', '\n', '\n  ', '')), { maxLength: 60 })
  .map((parts) => parts.map(([t, sep]) => t + sep).join(''));
