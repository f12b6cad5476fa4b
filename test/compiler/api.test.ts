/**
 * The ways in: `payplan compile` (TypeScript to stdout or a file, `--js` for ESM JavaScript with a
 * .d.ts), core's in-memory `compileSource` with diagnostics as data, and the generated module's
 * embedding API (one statement, payouts, a deal's contribution, invalid input, runtime errors that
 * name the plan line).
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileSource } from '@payplan/core';
import { runCli } from '../support/cli.js';
import { root } from '../support/plans.js';
import { check } from '@payplan/core';
import { evaluate } from '@payplan/interpreter';
import { generate } from '../../bench/generate.js';
import { generatedDir, importCompiled, loadRaw, planWithData, rawInputs, writeGenerated, type CompiledModule } from './support.js';

const cli = (...argv: string[]) => runCli(argv);

const seed = 'examples/account-executive/plan.payplan';

describe('payplan compile', () => {
  it('prints TypeScript importing only @payplan/runtime and its support code for compiled plans', async () => {
    const r = await cli('compile', seed);
    expect(r.code).toBe(0);
    const imports = [...r.stdout.matchAll(/^(?:import|export) [^;]*? from "([^"]+)";$/gms)].map((m) => m[1]);
    expect(new Set(imports)).toEqual(new Set(['@payplan/runtime', '@payplan/runtime/compiled']));
    expect(r.stdout).not.toMatch(/^function \$(add|fixText|validate)\(/m); // support code is imported, not pasted
    expect(r.stdout).toMatch(/^function commission\(ctx: Ctx\): ComputedLine \{$/m);
    expect(r.stdout).toMatch(/commission on margin whole — examples\/account-executive\/plan\.payplan:\d+/);
  });

  it('writes an ESM .js with a .d.ts beside it, which runs', async () => {
    const dir = join(generatedDir, 'cli');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const out = join(dir, 'seed.js');
    const r = await cli('compile', seed, '--js', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(out.replace(/\.js$/, '.d.ts'))).toBe(true);
    expect(readFileSync(out.replace(/\.js$/, '.d.ts'), 'utf8')).toMatch(/export declare function computeStatements\(inputs: Inputs, options\?: ComputeOptions\): RunResult;/);
    const m = (await import(pathToFileURL(out).href)) as CompiledModule;
    const { ir, data } = planWithData(seed);
    expect(m.computeStatements(rawInputs(ir, data)).statements.length).toBeGreaterThan(0);
  });

  it('reports plan errors with exit code 1 and writes nothing', async () => {
    const r = await cli('compile', 'test/diagnostics/plans/name-errors.payplan');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error\[N\d{3}\]/);
  });
});

describe('compileSource', () => {
  it('returns diagnostics as data and no code for a plan with errors', () => {
    const r = compileSource('plan "x"\n  currency CNY\n\nlet a = b\n', 'bad.payplan');
    expect(r.code).toBeUndefined();
    expect(r.diagnostics.some((d) => d.severity === 'error' && d.code === 'N001')).toBe(true);
  });

  it('compiles in memory', () => {
    const r = compileSource(readFileSync(join(root, seed), 'utf8'), seed);
    expect(r.code).toMatch(/export function computeStatements/);
    expect(r.fastPath).toEqual({ statements: true, payouts: true });
  });

  it('compiles a constant that can never be computed, and every run reports it as the interpreter does', async () => {
    const text = 'plan "x"\n  currency CNY\n  settle quarterly\n\ntable deals\n  id text key\n  rep payee\n  closed date\n  amount money\n\nconst zero = 0\nconst bad = 1 / zero\n\nbonus when bad > 0 pay 1\n';
    const r = compileSource(text, 'div.payplan');
    expect(r.code).toBeDefined();
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toContainEqual(['R002', 'warning']);
  });
});

describe('the embedding API', () => {
  it('computes one statement, payouts, and what a deal adds', async () => {
    const { ir, text, data } = planWithData(seed);
    const { module: m } = await importCompiled(ir, text, 'api-seed');
    const raw = rawInputs(ir, data);
    const all = m.computeStatements(raw);
    const first = all.statements[0]!;
    expect(m.computeStatement(raw, first.payee, first.period)).toEqual(first);
    expect(m.computeStatement(raw, 'nobody', '2026-Q1')).toBeUndefined();

    // A new deal for ana in Q1: its contribution is the payout with it minus without it.
    const deal = { id: 'quote-1', rep: 'ana', closed: '2026-03-30', qty: 100, price: '150.00', cost: '20.00' };
    const c = m.dealContribution(raw, 'deals', deal);
    expect(c.payee).toBe('ana');
    expect(c.period).toBe('2026-Q1');
    expect(c.without).toBe(m.computeStatement(raw, 'ana', '2026-Q1')!.payout);
    const withDeal = m.computeStatement({ ...raw, deals: [...raw['deals']!, deal] }, 'ana', '2026-Q1')!;
    expect(c.with).toBe(withDeal.payout);
    expect(Number(c.contribution)).toBeCloseTo(Number(c.with) - Number(c.without), 2);

    // An existing deal (same key): its contribution is what removing it would take away.
    const existing = raw['deals']![0]!;
    const e = m.dealContribution(raw, 'deals', existing);
    expect(e.with).toBe(m.computeStatement(raw, e.payee, e.period)!.payout);
  });

  it('rejects invalid rows with messages naming table, row and column', async () => {
    const { ir, text, data } = planWithData(seed);
    const { module: m } = await importCompiled(ir, text, 'api-seed');
    const raw = rawInputs(ir, data);
    const bad = { ...raw, deals: [{ ...raw['deals']![0]!, price: 'abc' }] };
    expect(() => m.computeStatements(bad)).toThrow(/deals row 1, column price: expected an amount of money/);
  });

  it('names the plan file and line of a value that cannot be computed', async () => {
    const text = 'plan "x"\n  currency CNY\n  settle quarterly\n  year 2026\n\ntable deals\n  id text key\n  rep payee\n  closed date\n  amount money\n\ntable quotas per payee per period\n  T money\n\nbase total = sum of amount over deals\nlet share = total / T\n\nbonus when share > 1 pay 100\n';
    const r = compileSource(text, 'share.payplan');
    const m = (await import(pathToFileURL(writeGenerated('share', r.code!, 'ts')).href)) as CompiledModule;
    const inputs = { deals: [{ id: '1', rep: 'ana', closed: '2026-01-05', amount: '10' }], quotas: [{ payee: 'ana', period: '2026-Q1', T: '0' }] };
    expect(() => m.computeStatements(inputs)).toThrow(/^share\.payplan:16:21: error\[R002\]: ana, 2026-Q1: division by zero$/);
  });
});

describe('the benchmark plan on generated data', () => {
  it('agrees with the interpreter across thousands of payee-periods, on every path', async () => {
    const text = readFileSync(join(root, 'bench/bench.payplan'), 'utf8');
    const ir = check(text, 'bench/bench.payplan').ir!;
    const { module: m } = await importCompiled(ir, text, 'bench-plan');
    const raw = generate(6_000, 900) as unknown as Record<string, Record<string, unknown>[]>;
    const expected = evaluate(ir, loadRaw(ir, raw)).value!;
    const payouts = expected.statements.map((s) => ({ payee: s.payee, period: s.period, payout: s.payout }));
    expect(payouts.length).toBe(3_600);
    expect(m.computePayouts(raw, { fast: 'only' })).toEqual(payouts);
    expect(m.computeStatements(raw, { fast: 'only' })).toEqual(expected);
  });
});

