/**
 * The campaign machinery: inputs are a function of (seed, campaign, index); the worker pool runs a
 * range of inputs to the end, stops at an input that outlives its time limit and carries on in a
 * fresh worker; a finding's reproducer folder holds files that `payplan` reads as they are.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../scripts/fuzz/corpus.js';
import { classify, writeReproducer } from '../../scripts/fuzz/findings.js';
import { startPool } from '../../scripts/fuzz/pool.js';
import { probeList } from '../../scripts/fuzz/probes.js';
import { makeTarget } from '../../scripts/fuzz/targets.js';
import { PropertyFailure } from '../../scripts/fuzz/oracles.js';
import { runCli } from '../support/cli.js';

const corpus = loadCorpus();
const plans = (seed: number) => makeTarget('plans', seed, false, () => corpus);
const out = mkdtempSync(join(tmpdir(), 'payplan-fuzz-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('inputs', () => {
  it('are the same for the same seed and index, and differ across seeds', () => {
    const texts = (seed: number) => Array.from({ length: 50 }, (_, i) => plans(seed).input(i).plan.content);
    expect(texts(7)).toEqual(texts(7));
    expect(texts(8).filter((t, i) => t !== texts(7)[i]).length).toBeGreaterThan(40);
    // A mutant is a mutant: few come out equal to their seed.
    expect(Array.from({ length: 200 }, (_, i) => plans(7).input(i)).filter((m) => corpus.some((s) => s.file === m.plan.path && s.text === m.plan.content)).length).toBeLessThan(20);
  });
});

describe('the worker pool', () => {
  it('runs a range to the end, and stops at an input that outlives its time limit', async () => {
    const rows = probeList(false).findIndex((p) => p.shape.name === 'rows' && p.size === 200_000);
    const found: string[] = [];
    const pool = startPool({ workers: 1, seed: 1, full: false, stackMb: 1.5, heapMb: 1024, shrinkMs: 100, onFinding: (f) => found.push(f.signature) });
    try {
      const done = await pool.run({ campaign: 'plans', start: 0, end: 10 }, 20_000);
      expect(done.completed).toBe(10);
      expect(done.stopped).toBeUndefined();
      expect(done.counters['parsed']).toBeGreaterThan(0);
      // 200,000 rows take far more than 5 ms: the watchdog ends the job and names the input.
      const hung = await pool.run({ campaign: 'probes', start: rows, end: rows + 1 }, 5);
      expect(hung.stopped).toMatchObject({ index: rows, reason: 'hang' });
      // The fresh worker takes the next job.
      expect((await pool.run({ campaign: 'plans', start: 10, end: 12 }, 20_000)).completed).toBe(2);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('reproducers', () => {
  it('hold the plan and data beside it, which payplan runs as they are', async () => {
    const input = makeTarget('data', 1, false, () => corpus).input(3);
    const f = { ...classify(new PropertyFailure('planted'), 'data'), input, originalSize: 0 };
    expect(f.kind).toBe('wrong');
    const dir = writeReproducer(out, f, 1, 2);
    expect(readdirSync(dir).sort()).toEqual(['finding.txt', ...[input.plan, ...input.data].map((x) => x.path.split('/').pop()!)].sort());
    expect(readFileSync(join(dir, 'finding.txt'), 'utf8')).toContain('pnpm fuzz --seed 1 --replay data:3');
    const run = await runCli(['run', join(dir, input.plan.path.split('/').pop()!)]);
    expect([0, 1]).toContain(run.code);
  });
});
