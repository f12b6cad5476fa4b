/**
 * Plan properties at CI size (the long campaign is `pnpm fuzz`): any text parses and checks into
 * catalogued diagnostics without throwing; mutants of every shipped plan check without throwing,
 * format to a fixed point with the same tree, comments and check result, and — with their data —
 * give the same statements formatted as unformatted. Mutants stay far below the nesting depths
 * issue 11 lists as crashing, so these hold today; the campaign's probes cover depth.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../scripts/fuzz/corpus.js';
import { mutatePlan } from '../../scripts/fuzz/mutate-plan.js';
import { planOracle, type PlanReport } from '../../scripts/fuzz/oracles.js';
import { planMutation, tokenSoup } from './arbitrary.js';

const corpus = loadCorpus();
const inputsOf = (i: number) => corpus[i]!.data?.map((d) => ({ table: d.table, file: d.file, bytes: d.text }));

describe('any text', () => {
  it('parses and checks into catalogued diagnostics inside the text, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        planOracle(text, 'any.payplan');
      }),
      { numRuns: 300 },
    );
  });

  it('and so does any soup of the language’s own tokens (formatted, when it parses)', () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        planOracle(text, 'soup.payplan');
      }),
      { numRuns: 300 },
    );
  });
});

describe('mutants of the shipped plans', () => {
  it('finds the shipped plans, with and without data', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(corpus.filter((s) => s.data).length).toBeGreaterThanOrEqual(20);
  });

  it('every shipped plan passes the oracle as it is', () => {
    for (const [i, s] of corpus.entries()) planOracle(s.text, s.file, inputsOf(i));
  });

  it('check, format and run as the oracle requires', () => {
    const reports: PlanReport[] = [];
    fc.assert(
      fc.property(fc.nat(corpus.length - 1), fc.array(planMutation, { minLength: 1, maxLength: 4 }), (i, mutations) => {
        const text = mutatePlan(corpus[i]!.text, mutations);
        reports.push(planOracle(text, corpus[i]!.file, inputsOf(i)));
      }),
      { numRuns: 400 },
    );
    // The properties after parsing hold only if some mutants reach them.
    expect(reports.filter((r) => r.parsed).length).toBeGreaterThan(40);
    expect(reports.filter((r) => r.ran).length).toBeGreaterThan(10);
  });
});
