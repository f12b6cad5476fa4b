/**
 * Data properties at CI size: any bytes in a shipped example's data file — random bytes, CSV-like
 * text, or the example's own file with a few mutations — load into catalogued diagnostics inside
 * the file or into rows, never an exception; rows that load evaluate, and the example's compiled
 * module gives exactly the interpreter's answer on them (the random valid data of
 * test/compiler/properties.test.ts, extended to the edge values mutations reach).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { check, type Input } from '@payplan/core';
import type { IrPlan } from '@payplan/checker';
import { loadCorpus, withData } from '../../scripts/fuzz/corpus.js';
import { mutateData } from '../../scripts/fuzz/mutate-data.js';
import { dataOracle, type DataReport } from '../../scripts/fuzz/oracles.js';
import { importCompiled, type CompiledModule } from '../compiler/support.js';
import { dataMutation } from './arbitrary.js';

/** A few examples of different shapes: transactions, per-payee tables, a hierarchy, a history. */
const chosen = ['examples/account-executive/plan.payplan', 'examples/team-override/plan.payplan', 'examples/migration/plan.payplan', 'examples/step-bonus/every.payplan', 'examples/sales-year/plan.payplan'];
const seeds = withData(loadCorpus()).filter((s) => chosen.includes(s.file));
const irs = new Map<string, IrPlan>(seeds.map((s) => [s.file, check(s.text, s.file).ir!]));
const modules = new Map<string, CompiledModule>();

beforeAll(async () => {
  for (const s of seeds) modules.set(s.file, (await importCompiled(irs.get(s.file)!, s.text, `fuzz-data-${s.file}`)).module);
}, 60_000);

/** The seed's data files with one of them replaced. */
function withFile(seed: (typeof seeds)[number], which: number, bytes: Uint8Array | string): Input[] {
  return seed.data.map((d, i) => ({ table: d.table, file: d.file, bytes: i === which % seed.data.length ? bytes : d.text }));
}

const csvParts = fc.constantFrom('a', 'é', '🚀', '1', '0', '.', '-', '%', ',', '"', '\n', '\r\n', '\r', ' ', '\ufeff', '2026-01-05', '2026-Q1', 'payee', 'period', 'ana', '100.00');

describe('data files of the shipped examples', () => {
  it('finds the chosen examples', () => expect(seeds.map((s) => s.file).sort()).toEqual([...chosen].sort()));

  it('any bytes or CSV-like text: catalogued diagnostics or rows, never an exception', () => {
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.nat(), fc.oneof(fc.uint8Array({ maxLength: 120 }), fc.array(csvParts, { maxLength: 60 }).map((p) => p.join(''))), (i, which, bytes) => {
        const s = seeds[i]!;
        dataOracle(irs.get(s.file)!, s.text, withFile(s, which, bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('mutated files: coded errors, or rows on which the compiled module equals the interpreter', () => {
    const reports: DataReport[] = [];
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.nat(), fc.array(dataMutation, { minLength: 1, maxLength: 3 }), (i, which, mutations) => {
        const s = seeds[i]!;
        const file = s.data[which % s.data.length]!;
        reports.push(dataOracle(irs.get(s.file)!, s.text, withFile(s, which, mutateData(file.text, mutations)), modules.get(s.file)));
      }),
      { numRuns: 400 },
    );
    // Equality is only tested on rows that load: make sure many do.
    expect(reports.filter((r) => r.compared).length).toBeGreaterThan(25);
  });
});
