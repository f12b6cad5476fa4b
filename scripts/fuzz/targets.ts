/**
 * The campaigns' targets: how input `i` of a campaign is built from the seed and the corpus, how it
 * is run against the oracles, and how a failing input is made smaller. Built inside each worker
 * (and by the property tests); nothing here knows about threads.
 *
 * - plans: a shipped plan with one to four mutations, through `planOracle` (with its data, if any);
 *   one in four of the mutants that run on data is also compiled and compared with the interpreter,
 *   and one in four of all mutants goes through the language service at eight offsets.
 * - data: a shipped plan with data; half the inputs mutate one data file's bytes, half generate
 *   valid data (test/compiler/arbitrary.ts) as JSON; both through `dataOracle` against the plan's
 *   compiled module.
 * - probes: one (shape, size) of probes.ts through the `payplan` command, timed.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import fc from 'fast-check';
import { check, type Input } from '@payplan/core';
import type { IrPlan } from '@payplan/checker';
import { dataArbitrary } from '../../test/compiler/arbitrary.js';
import { importCompiled, writeGenerated, type CompiledModule } from '../../test/compiler/support.js';
import { runCli } from '../../test/support/cli.js';
import { withData, type SeedPlan } from './corpus.js';
import { mutateData, randomDataMutations } from './mutate-data.js';
import { mutatePlan, randomPlanMutations } from './mutate-plan.js';
import { compiledOracle, dataOracle, editorOracle, planOracle, PropertyFailure } from './oracles.js';
import { probeList, type ProbeCommand } from './probes.js';
import { inputSeed, rng } from './random.js';

export const campaignNames = ['plans', 'data', 'probes'] as const;
export type CampaignName = (typeof campaignNames)[number];

export interface FuzzFile {
  /** The path the run sees (the seed's path, so messages read as they would for the user). */
  readonly path: string;
  readonly content: string | Uint8Array;
  /** The table it holds, for data files. */
  readonly table?: string;
}

export interface FuzzInput {
  readonly campaign: CampaignName;
  readonly index: number;
  /** Where it came from, for the report: the seed file and what was done to it. */
  readonly label: string;
  readonly plan: FuzzFile;
  readonly data: readonly FuzzFile[];
  /** Probes only: the command to run. */
  readonly command?: ProbeCommand;
}

/** What running an input counted (parsed, checked, loaded, compared… or a probe's time and exit code). */
export type Counters = Record<string, number>;

let imported = 0;
/** Imports generated code as a module, from a file under test/compiler/.generated/ (one name per worker and use). */
async function importGenerated(name: string, code: string): Promise<CompiledModule> {
  imported++;
  return (await import(pathToFileURL(writeGenerated(`fuzz-${threadId}-${name}`, code, 'ts')).href)) as CompiledModule;
}

export interface Target {
  /** How many inputs the campaign has, when it is a fixed list. */
  readonly size?: number;
  input(index: number): FuzzInput;
  /** Throws on a crash or a wrong answer. */
  run(input: FuzzInput): Promise<Counters>;
  /** Smaller variants of an input, to try in turn while one still fails the same way. */
  smaller(input: FuzzInput): Iterable<FuzzInput>;
  /** True when the worker holds so many imported modules (never unloaded) that it should be replaced. */
  exhausted?(): boolean;
}

/** Imported modules are never freed: a worker is replaced after this many. */
const modulesPerWorker = 400;

const asInputs = (files: readonly FuzzFile[]): Input[] => files.map((f) => ({ table: f.table ?? '', file: f.path, bytes: f.content }));
const textOf = (c: string | Uint8Array) => (typeof c === 'string' ? c : new TextDecoder().decode(c));

/** Each line left out in turn (larger inputs: halves, then quarters, first). */
function* withoutLines(text: string): Generator<string> {
  const lines = text.split('\n');
  for (let chunk = Math.max(1, lines.length >> 1); chunk >= 1; chunk >>= 1) {
    for (let i = 0; i + chunk <= lines.length; i += chunk) yield [...lines.slice(0, i), ...lines.slice(i + chunk)].join('\n');
  }
}

/** Eight editor offsets for a plan input, from its own seed. */
const offsetsFor = (seed: number, index: number) => {
  const r = rng(inputSeed(seed, 'editor', index));
  return Array.from({ length: 8 }, () => r.int(0x7fffffff));
};

export function planTarget(seed: number, corpus: readonly SeedPlan[]): Target {
  return {
    input(index) {
      const r = rng(inputSeed(seed, 'plans', index));
      const s = r.pick(corpus);
      const mutations = randomPlanMutations(r);
      return {
        campaign: 'plans',
        index,
        label: `${s.file} with ${mutations.map((m) => m.op).join(', ')}`,
        plan: { path: s.file, content: mutatePlan(s.text, mutations) },
        data: (s.data ?? []).map((d) => ({ path: d.file, content: d.text, table: d.table })),
      };
    },
    async run(input) {
      const text = textOf(input.plan.content);
      const inputs = input.data.length ? asInputs(input.data) : undefined;
      const r = planOracle(text, input.plan.path, inputs);
      const editor = input.index % 4 === 1;
      if (editor) editorOracle(text, input.plan.path, offsetsFor(seed, input.index));
      // Compiling and importing costs far more than checking: one in four that ran.
      const compiled = r.ran && r.ir && inputs && input.index % 4 === 0 ? await compiledOracle(r.ir, text, inputs, (code) => importGenerated('mutant', code)) : false;
      return { parsed: +r.parsed, checked: +r.checked, ran: +r.ran, compiled: +compiled, editor: +editor };
    },
    *smaller(input) {
      for (const text of withoutLines(textOf(input.plan.content))) yield { ...input, plan: { ...input.plan, content: text } };
    },
    exhausted: () => imported >= modulesPerWorker,
  };
}

interface DataSeed {
  readonly seed: SeedPlan & { readonly data: NonNullable<SeedPlan['data']> };
  readonly ir: IrPlan;
  readonly valid: fc.Arbitrary<Record<string, Record<string, unknown>[]>>;
  module?: CompiledModule;
}

export function dataTarget(seed: number, corpus: readonly SeedPlan[]): Target {
  const seeds: DataSeed[] = withData(corpus).flatMap((s) => {
    const ir = check(s.text, s.file).ir;
    return ir ? [{ seed: s, ir, valid: dataArbitrary(ir) }] : [];
  });
  const bySeedFile = new Map(seeds.map((s) => [s.seed.file, s]));
  return {
    input(index) {
      const r = rng(inputSeed(seed, 'data', index));
      const { seed: s, valid } = r.pick(seeds);
      const files = s.data.map((d): FuzzFile => ({ path: d.file, content: d.text, table: d.table }));
      if (r.chance(0.5)) {
        const [tables] = fc.sample(valid, { seed: r.int(0x7fffffff), numRuns: 1 });
        const data = Object.entries(tables ?? {}).map(([table, rows]) => ({ path: join(dirname(s.file), `${table}.json`), content: JSON.stringify(rows, null, 1), table }));
        return { campaign: 'data', index, label: `${s.file} with generated valid data`, plan: { path: s.file, content: s.text }, data };
      }
      const which = r.int(files.length);
      const mutations = randomDataMutations(r);
      const target = files[which]!;
      files[which] = { ...target, content: mutateData(textOf(target.content), mutations) };
      return { campaign: 'data', index, label: `${s.file}, ${basename(target.path)} with ${mutations.map((m) => m.op).join(', ')}`, plan: { path: s.file, content: s.text }, data: files };
    },
    async run(input) {
      const s = bySeedFile.get(input.plan.path);
      if (!s) throw new Error(`no data seed for ${input.plan.path}`);
      // Compiled once per worker and seed; the name keeps workers from writing the same file.
      s.module ??= (await importCompiled(s.ir, s.seed.text, `fuzz-${threadId}-${s.seed.file}`)).module;
      // Generated data is JSON: the same rows go to the module's object entry point as well.
      const raw = input.data.every((f) => f.path.endsWith('.json')) ? Object.fromEntries(input.data.map((f) => [f.table ?? '', JSON.parse(textOf(f.content)) as Record<string, unknown>[]])) : undefined;
      const r = dataOracle(s.ir, s.seed.text, asInputs(input.data), s.module, raw);
      return { loaded: +r.loaded, compared: +r.compared };
    },
    *smaller(input) {
      for (const [i, f] of input.data.entries()) {
        for (const text of withoutLines(textOf(f.content))) yield { ...input, data: input.data.map((g, j) => (j === i ? { ...g, content: text } : g)) };
      }
    },
  };
}

/** Output that shows a raw stack trace, which a user must never see. */
const stackTrace = /^\s+at .+:\d+:\d+\)?$/m;

export function probeTarget(full: boolean): Target {
  const list = probeList(full);
  let dir: string | undefined;
  return {
    size: list.length,
    input(index) {
      const p = list[index];
      if (!p) throw new Error(`there is no probe ${index}`);
      const built = p.shape.build(p.size);
      return {
        campaign: 'probes',
        index,
        label: `${p.shape.name} × ${p.size} (${p.shape.about})`,
        plan: { path: 'plan.payplan', content: built.plan },
        data: Object.entries(built.data).map(([path, content]) => ({ path, content })),
        command: p.shape.command,
      };
    },
    async run(input) {
      dir ??= mkdtempSync(join(tmpdir(), 'payplan-probe-'));
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      for (const f of [input.plan, ...input.data]) writeFileSync(join(dir, f.path), f.content);
      const command = input.command ?? 'check';
      const t = performance.now();
      const out = await runCli([command, input.plan.path, ...(command === 'compile' ? ['-o', 'plan.ts'] : [])], dir);
      const ms = performance.now() - t;
      const counters = { ms, exit: out.code, stdout: out.stdout.length, stderr: out.stderr.length };
      if (out.code !== 0 && out.code !== 1) throw new PropertyFailure(`payplan ${command} exited ${out.code}: ${out.stderr.slice(0, 300)}`);
      if (stackTrace.test(out.stderr)) throw new PropertyFailure(`payplan ${command} printed a stack trace: ${out.stderr.slice(0, 300)}`);
      // Messages quote short excerpts: output many times the largest file means values echoed whole.
      const largest = Math.max(...[input.plan, ...input.data].map((f) => f.content.length));
      if (largest > 100_000 && out.stdout.length + out.stderr.length > 2 * largest) throw new PropertyFailure(`payplan ${command} wrote ${out.stdout.length + out.stderr.length} characters for a largest file of ${largest}`);
      return counters;
    },
    smaller: () => [],
  };
}

/** A campaign's target; `seeds` loads the corpus when the campaign needs it. */
export function makeTarget(campaign: CampaignName, seed: number, full: boolean, seeds: () => readonly SeedPlan[]): Target {
  switch (campaign) {
    case 'plans':
      return planTarget(seed, seeds());
    case 'data':
      return dataTarget(seed, seeds());
    case 'probes':
      return probeTarget(full);
  }
}
