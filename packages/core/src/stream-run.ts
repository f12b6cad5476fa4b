/**
 * `payplan run` on the exact-integer path, streaming: for a plan whose payouts the compiler can
 * compute in one pass (fast/plan.ts: no rows excluded, row rules that read only their row, no
 * credit splits, teams, year to date, clawbacks, draws, caps, floors or ladders) and data files that
 * are plainly written CSV, the plan is compiled in process and the transaction rows are streamed
 * through it (@payplan/data's `streamCsvRows`), keeping only each payee-period's sums. The result is
 * every statement's figures (line amounts and payout) without explanations: what `run` prints as a
 * table or CSV. Explanations (`explain`, `--json`) take the usual path.
 *
 * `undefined` means "take the usual path": the plan does not qualify, a file is JSON or not plainly
 * written, or anything in the data is not what a valid run needs. The usual path then validates
 * every cell and reports each problem at its file, row and column, so this path never reports a
 * data diagnostic of its own, and both paths give the same statements (test/cli/streaming.test.ts).
 *
 * Compiled modules are cached by the hash of their code in the OS temp dir
 * (`<tmpdir>/payplan-compiled/<sha256>.mjs`), as JavaScript that imports this installation's
 * runtime by its resolved URL, so TypeScript is loaded only the first time a plan (or payplan
 * itself) changes. A cache file is written under a temporary name and renamed, so concurrent runs
 * never read half a module.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IrPlan } from '@payplan/checker';
import { compilePlan, toJavaScript } from '@payplan/compiler';
import { isJsonFile, readCsvObjects, streamCsvRows } from '@payplan/data';

/** A data file given by its path (the CLI's inputs), read only if the run needs it. */
export interface FileInput {
  readonly table: string;
  /** The name diagnostics use. */
  readonly file: string;
  readonly path: string;
}

/** One statement's figures, as the table and CSV outputs show them. */
export interface StatementFigures {
  readonly payee: string;
  readonly period: string;
  readonly lines: readonly { readonly component: string; readonly amount: string }[];
  readonly payout: string;
  readonly exceptions: readonly never[];
}

export interface FiguresResult {
  readonly plan: string;
  readonly currency: string;
  readonly statements: readonly StatementFigures[];
}

interface StreamModule {
  streamFigures?(inputs: Record<string, unknown>): { row(table: string, o: Record<string, unknown>): boolean; finish(): Omit<StatementFigures, 'exceptions'>[] | undefined } | undefined;
}

/** The run's statements' figures on the streaming exact-integer path, or undefined: take the usual path. */
export async function runFigures(ir: IrPlan, text: string, inputs: readonly FileInput[], options: { readonly maxRows?: number } = {}): Promise<FiguresResult | undefined> {
  if (!qualifies(ir, inputs)) return undefined;
  const mod = await compiledModule(ir, text);
  if (!mod?.streamFigures) return undefined;
  const byTable = new Map(inputs.map((i) => [i.table, i]));
  const payeeRows: Record<string, unknown> = {};
  for (const t of ir.tables) {
    if (t.kind === 'rows') continue;
    const rows = readCsvObjects(byTable.get(t.name)!.path, t);
    if (!rows || (options.maxRows !== undefined && rows.length > options.maxRows)) return undefined;
    payeeRows[t.name] = rows;
  }
  const stream = mod.streamFigures(payeeRows);
  if (!stream) return undefined;
  for (const t of ir.tables) {
    if (t.kind !== 'rows') continue;
    const name = t.name;
    if (!streamCsvRows(byTable.get(name)!.path, t, (o) => stream.row(name, o), options)) return undefined;
  }
  const figures = stream.finish();
  if (!figures) return undefined;
  return { plan: ir.name, currency: ir.currency, statements: figures.map((f) => ({ ...f, exceptions: [] })) };
}

/** Every table has one CSV file and nothing is declared that the stream does not check (column ranges, D015) or settle (a payment history). */
function qualifies(ir: IrPlan, inputs: readonly FileInput[]): boolean {
  if (ir.history || ir.tables.some((t) => t.columns.some((c) => c.bound))) return false;
  const tables = new Set(inputs.map((i) => i.table));
  if (tables.size !== inputs.length || inputs.some((i) => isJsonFile(i.file))) return false;
  return ir.tables.length === tables.size && ir.tables.every((t) => tables.has(t.name));
}

const loaded = new Map<string, Promise<StreamModule | undefined>>();

/** The plan compiled, as a module from the cache (compiled and cached on a miss), or undefined when it has no one-pass payouts. */
function compiledModule(ir: IrPlan, text: string): Promise<StreamModule | undefined> {
  const compiled = compilePlan(ir, { source: text });
  if (!compiled.code || !compiled.fastPath?.payouts) return Promise.resolve(undefined);
  // Imports of the runtime by the URL this installation resolves, so the cached file works from the temp dir.
  // A CLI bundled with its runtime inside may resolve no runtime (or only its TypeScript sources,
  // which plain node cannot import): then there is no streaming path and the usual one runs.
  let code: string;
  try {
    code = compiled.code.replace(/^((?:import|\}).* from )"(@payplan\/runtime(?:\/compiled)?)";$/gm, (_, head: string, spec: string) => `${head}${JSON.stringify(import.meta.resolve(spec))};`);
  } catch {
    return Promise.resolve(undefined);
  }
  const hash = createHash('sha256').update(code).digest('hex');
  let mod = loaded.get(hash);
  if (!mod) loaded.set(hash, (mod = importCached(hash, code)));
  return mod;
}

async function importCached(hash: string, code: string): Promise<StreamModule | undefined> {
  const dir = join(tmpdir(), 'payplan-compiled');
  const file = join(dir, `${hash}.mjs`);
  if (!existsSync(file)) {
    const { js } = await toJavaScript(code, `${hash}.ts`);
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, js);
    renameSync(partial, file);
  }
  try {
    return (await import(pathToFileURL(file).href)) as StreamModule;
  } catch {
    return undefined;
  }
}
