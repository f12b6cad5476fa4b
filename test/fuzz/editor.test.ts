/**
 * The language service on mutants of the shipped plans, as the playground calls it while someone
 * types: analysis, markers and formatting, then completion, hover, go-to-definition and name
 * resolution at any offset, never an exception.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { loadCorpus } from '../../scripts/fuzz/corpus.js';
import { mutatePlan } from '../../scripts/fuzz/mutate-plan.js';
import { editorOracle } from '../../scripts/fuzz/oracles.js';
import { planMutation } from './arbitrary.js';

const corpus = loadCorpus();

describe('the language service on mutants of the shipped plans', () => {
  it('answers at any offset without throwing', () => {
    fc.assert(
      fc.property(fc.nat(corpus.length - 1), fc.array(planMutation, { maxLength: 3 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (i, mutations, offsets) => {
        editorOracle(mutatePlan(corpus[i]!.text, mutations), corpus[i]!.file, offsets);
      }),
      { numRuns: 150 },
    );
  });
});
