/**
 * Checks across rows and tables, in a compiled module as in @payplan/data: a declared key must not
 * repeat (D005), and every payee paid by a transaction row needs a row in each per-payee table, for
 * the row's period in tables per period (D006, made only when the tables are otherwise valid).
 * Every entry point rejects such data with a ComputeError worded as the interpreter's pipeline
 * words it, on both paths, and the exact-integer path never computes on it (`fast: 'only'` throws).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, load } from '@payplan/core';
import type { IrPlan } from '@payplan/checker';
import { generate } from '../../bench/generate.js';
import { root } from '../support/plans.js';
import { importCompiled, type CompiledModule } from './support.js';

type Row = Record<string, unknown>;
type Raw = Record<string, readonly Row[]>;
interface Problem {
  readonly code: string;
  readonly file: string;
  readonly message: string;
}

async function compiled(planPath: string): Promise<{ ir: IrPlan; m: CompiledModule }> {
  const text = readFileSync(join(root, planPath), 'utf8');
  const ir = check(text, planPath).ir!;
  return { ir, m: (await importCompiled(ir, text, `input-checks-${planPath}`)).module };
}

/** The errors the interpreter's pipeline reports for in-memory rows, each table's file named as given. */
function pipeline(ir: IrPlan, raw: Raw, files: Record<string, string> = {}): Problem[] {
  const loaded = load(
    ir,
    Object.entries(raw).map(([table, rows]) => ({ table, file: files[table] ?? table, rows })),
  );
  return loaded.diagnostics.filter((d) => d.severity === 'error').map(({ code, file, message }) => ({ code, file, message }));
}

/** The ComputeError a call throws: its message and its diagnostics. */
function rejection(call: () => unknown): { name: string; message: string; problems: Problem[] } {
  try {
    call();
  } catch (err) {
    const e = err as Error & { diagnostics?: readonly Problem[] };
    return { name: e.name, message: e.message, problems: (e.diagnostics ?? []).map(({ code, file, message }) => ({ code, file, message })) };
  }
  throw new Error('expected a ComputeError, but the call returned');
}

/** Every entry point that reads plain rows, on both paths (a deal's contribution: of `deal`). */
function entryPoints(m: CompiledModule, raw: Raw, payee: string, period: string, deal: Row): Record<string, () => unknown> {
  const out: Record<string, () => unknown> = {};
  for (const fast of [true, false]) {
    const o = { fast };
    const path = fast ? 'exact integers' : 'decimals';
    out[`computePayouts, ${path}`] = () => m.computePayouts(raw, o);
    out[`computeStatements, ${path}`] = () => m.computeStatements(raw, o);
    out[`computeStatement, ${path}`] = () => m.computeStatement(raw, payee, period, o);
    out[`dealContribution, ${path}`] = () => m.dealContribution(raw, 'deals', deal, o);
  }
  return out;
}

/** Each entry point throws the pipeline's problems, the first in the message; the exact-integer path alone refuses. */
function expectRejected(m: CompiledModule, ir: IrPlan, raw: Raw, first: string, payee: string, period: string, deal: Row): void {
  const problems = pipeline(ir, raw);
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  const expected = { name: 'ComputeError', message: `${problems[0]!.file}: error[${problems[0]!.code}]: ${first}${more}`, problems };
  expect(problems[0]!.message).toBe(first);
  for (const [name, call] of Object.entries(entryPoints(m, raw, payee, period, deal))) expect(rejection(call), name).toEqual(expected);
  expect(() => m.computePayouts(raw, { fast: 'only' })).toThrow(/^payplan: the exact-integer path cannot compute these payouts/);
  expect(() => m.computeStatements(raw, { fast: 'only' })).toThrow(/^payplan: the exact-integer path cannot compute these statements/);
}

const seed = 'examples/account-executive/plan.payplan';
const deal = (id: string, rep: string, closed: string): Row => ({ id, rep, closed, qty: 10, price: '150', cost: '20' });
const quote = deal('quote', 'ana', '2026-03-01');

describe('a repeated declared key (D005)', () => {
  it('is rejected on every path, with the pipeline’s message', async () => {
    const { ir, m } = await compiled(seed);
    const raw = { deals: [deal('1', 'ana', '2026-02-10'), deal('1', 'ana', '2026-02-11')], quotas: [{ payee: 'ana', period: '2026-Q1', T: '100000' }] };
    expectRejected(m, ir, raw, 'deals row 2, column id: "1" is already the key of row 1; each row of deals needs a different id', 'ana', '2026-Q1', quote);
    // The same key spelled differently (a number, spaces) is the same key.
    const spelled = { ...raw, deals: [deal('7', 'ana', '2026-02-10'), deal('2', 'ana', '2026-02-11'), { ...deal('x', 'ana', '2026-02-12'), id: 7 }, deal(' 2 ', 'ana', '2026-03-01')] };
    expect(pipeline(ir, spelled).map((p) => p.message)).toEqual([
      'deals row 3, column id: "7" is already the key of row 1; each row of deals needs a different id',
      'deals row 4, column id: "2" is already the key of row 2; each row of deals needs a different id',
    ]);
    expectRejected(m, ir, spelled, 'deals row 3, column id: "7" is already the key of row 1; each row of deals needs a different id', 'ana', '2026-Q1', quote);
  });

  it('names the file given for the table', async () => {
    const { ir, m } = await compiled(seed);
    const raw = { deals: [deal('1', 'ana', '2026-02-10'), deal('1', 'ana', '2026-02-11')], quotas: [{ payee: 'ana', period: '2026-Q1', T: '100000' }] };
    const files = { deals: 'deals-2026.json', quotas: 'quotas.json' };
    const problems = pipeline(ir, raw, files);
    expect(problems).toEqual([{ code: 'D005', file: 'deals-2026.json', message: 'deals-2026.json row 2, column id: "1" is already the key of row 1; each row of deals needs a different id' }]);
    expect(rejection(() => m.computePayouts(raw, { files }))).toEqual({ name: 'ComputeError', message: `deals-2026.json: error[D005]: ${problems[0]!.message}`, problems });
  });

  it('is found among thousands of shuffled or sorted rows read in one pass', async () => {
    const { ir, m } = await compiled('bench/bench.payplan');
    const data = generate(6_000, 400) as unknown as { deals: Row[]; quotas: Row[] };
    const shuffled = { ...data, deals: data.deals.map((d, i) => (i === 4_000 ? { ...d, id: data.deals[17]!['id'] } : d)) };
    const message = `deals row 4001, column id: "${String(data.deals[17]!['id'])}" is already the key of row 18; each row of deals needs a different id`;
    expectRejected(m, ir, shuffled, message, String(data.deals[0]!['rep']), '2026-Q1', data.deals[0]!);
    const sorted = { ...data, deals: [...shuffled.deals].sort((a, b) => (String(a['id']) < String(b['id']) ? -1 : 1)) };
    expect(pipeline(ir, sorted)).toHaveLength(1);
    expect(rejection(() => m.computePayouts(sorted)).problems).toEqual(pipeline(ir, sorted));
    expect(() => m.computePayouts(sorted, { fast: 'only' })).toThrow(/cannot compute these payouts/);
    // Without the repeat, both orders take the exact-integer path.
    const unique = { ...data, deals: [...data.deals].sort((a, b) => (String(a['id']) < String(b['id']) ? -1 : 1)) };
    expect(m.computePayouts(unique, { fast: 'only' })).toEqual(m.computePayouts(data, { fast: 'only' }));
  });

  it('covers keys of two columns and keys in tables per payee, as their values (1.5 and 1.50 are one badge)', async () => {
    const { ir, m } = await compiled('test/compiler/cases/keys/plan.payplan');
    const deals = [{ id: 'D1', rep: 'ana', closed: '2026-01-10', amount: '100' }];
    const raw = { deals, reps: [{ payee: 'ana', region: 'north', badge: '1.5' }, { payee: 'bob', region: 'north', badge: 1.5 }, { payee: 'cat', region: 'north', badge: '1.50' }] };
    expect(pipeline(ir, raw).map((p) => p.message)).toEqual([
      'reps row 2: the key (region "north", badge "1.5") is already used by row 1; each row of reps needs a different combination of region and badge',
      'reps row 3: the key (region "north", badge "1.5") is already used by row 1; each row of reps needs a different combination of region and badge',
    ]);
    expectRejected(m, ir, raw, 'reps row 2: the key (region "north", badge "1.5") is already used by row 1; each row of reps needs a different combination of region and badge', 'ana', '2026-Q1', deals[0]!);
    const twice = { deals, reps: [{ payee: 'ana', region: 'north', badge: '1' }, { payee: 'ana', region: 'south', badge: '1' }] };
    expectRejected(m, ir, twice, 'reps row 2, column payee: payee "ana" already has a row (row 1); reps needs exactly one row per payee', 'ana', '2026-Q1', deals[0]!);
  });
});

describe('a payee without their row per payee (D006)', () => {
  it('is rejected on every path, once per payee and period, with the pipeline’s messages', async () => {
    const { ir, m } = await compiled(seed);
    const raw = {
      deals: [deal('1', 'ana', '2026-02-10'), deal('2', 'zed', '2026-02-10'), deal('3', 'zed', '2026-03-10'), deal('4', 'ana', '2026-05-10')],
      quotas: [{ payee: 'ana', period: '2026-Q1', T: '100000' }],
    };
    expect(pipeline(ir, raw)).toEqual([
      { code: 'D006', file: 'deals', message: 'deals row 2, column rep: payee "zed" has no row in quotas for 2026-Q1; every payee paid under this plan needs one' },
      { code: 'D006', file: 'deals', message: 'deals row 4, column rep: payee "ana" has no row in quotas for 2026-Q2; every payee paid under this plan needs one' },
    ]);
    expectRejected(m, ir, raw, 'deals row 2, column rep: payee "zed" has no row in quotas for 2026-Q1; every payee paid under this plan needs one', 'ana', '2026-Q1', quote);
  });

  it('is rejected even where no rule reads the table, and only when the tables are otherwise valid', async () => {
    const { ir, m } = await compiled('test/compiler/cases/keys/plan.payplan');
    const raw = { deals: [{ id: 'D1', rep: 'ana', closed: '2026-01-10', amount: '100' }, { id: 'D2', rep: 'dan', closed: '2026-01-11', amount: '100' }], reps: [{ payee: 'ana', region: 'north', badge: '1' }] };
    expectRejected(m, ir, raw, 'deals row 2, column rep: payee "dan" has no row in reps; every payee paid under this plan needs one', 'ana', '2026-Q1', raw.deals[0]!);
    const alsoRepeated = { ...raw, deals: [...raw.deals, { id: 'D1', rep: 'ana', closed: '2026-01-12', amount: '1' }] };
    expect(pipeline(ir, alsoRepeated).map((p) => p.code)).toEqual(['D005']);
    expect(rejection(() => m.computePayouts(alsoRepeated)).problems).toEqual(pipeline(ir, alsoRepeated));
  });

  it('is found among thousands of rows read in one pass', async () => {
    const { ir, m } = await compiled('bench/bench.payplan');
    const data = generate(6_000, 400) as unknown as { deals: Row[]; quotas: Row[] };
    const raw = { ...data, deals: data.deals.map((d, i) => (i === 2_500 ? { ...d, rep: 'nobody' } : d)) };
    const closed = String(data.deals[2_500]!['closed']);
    const quarter = `2026-Q${Math.ceil(Number(closed.slice(5, 7)) / 3)}`;
    const message = `deals row 2501, column rep: payee "nobody" has no row in quotas for ${quarter}; every payee paid under this plan needs one`;
    expectRejected(m, ir, raw, message, String(data.deals[0]!['rep']), '2026-Q1', data.deals[0]!);
  });
});

describe('cell limits (D019, D020), as @payplan/data applies them', () => {
  it('reject a number with more than 30 digits on every path, with the pipeline’s message', async () => {
    const { ir, m } = await compiled(seed);
    const long = '1'.repeat(31);
    const raw = { deals: [{ ...deal('1', 'ana', '2026-02-10'), price: long }], quotas: [{ payee: 'ana', period: '2026-Q1', T: '100000' }] };
    expectRejected(
      m, ir, raw,
      'deals row 1, column price: the number has 31 digits before the decimal point; payplan reads numbers with at most 30 digits before the point and 30 after',
      'ana', '2026-Q1', quote,
    );
  });

  it('reject a payee with a line break or a key with a tab on every path', async () => {
    const { ir, m } = await compiled(seed);
    const quotas = [{ payee: 'ana', period: '2026-Q1', T: '100000' }, { payee: 'a\nna', period: '2026-Q1', T: '100000' }];
    const raw = { deals: [deal('1', 'a\nna', '2026-02-10')], quotas };
    const problems = pipeline(ir, raw);
    expect(problems.map((p) => p.code)).toEqual(['D020', 'D020']);
    expectRejected(m, ir, raw, problems[0]!.message, 'ana', '2026-Q1', quote);
    const keyed = { deals: [deal('1\t2', 'ana', '2026-02-10')], quotas: [quotas[0]!] };
    expect(pipeline(ir, keyed).map((p) => p.code)).toEqual(['D020']);
    expectRejected(m, ir, keyed, pipeline(ir, keyed)[0]!.message, 'ana', '2026-Q1', quote);
  });
});
