/**
 * Test support for the compiler: compile a plan to a module under test/compiler/.generated/ (so its
 * `@payplan/runtime` import resolves in the workspace) and import it; load a plan's data the way the
 * CLI does; turn loaded rows back into the plain objects an application would pass.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { check, load, type Input } from '@payplan/core';
import { compilePlan, type CompileOptions } from '@payplan/compiler';
import type { IrPlan } from '@payplan/checker';
import type { DataSet } from '@payplan/interpreter';
import { Dec, type InputRow, type RunResult, type Statement, type TableSchema } from '@payplan/runtime';
import { gatherInputs } from '../../packages/cli/src/inputs.js';
import { root } from '../support/plans.js';

export const generatedDir = join(root, 'test/compiler/.generated');

export interface Diag {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly file: string;
  readonly span: { readonly start: number; readonly end: number };
}
export interface Outcome {
  readonly value: RunResult | undefined;
  readonly diagnostics: readonly Diag[];
}

/** The surface every compiled module exports (typed loosely: tables differ per plan). */
export interface CompiledModule {
  evaluate(data: DataSet, options?: { fast?: boolean | 'only' }): Outcome;
  computeStatements(inputs: Record<string, readonly unknown[]>, options?: { fast?: boolean | 'only'; files?: Record<string, string> }): RunResult;
  computeStatement(inputs: Record<string, readonly unknown[]>, payee: string, period: string, options?: { fast?: boolean | 'only'; files?: Record<string, string> }): Statement | undefined;
  computePayouts(inputs: Record<string, readonly unknown[]>, options?: { fast?: boolean | 'only'; files?: Record<string, string> }): { payee: string; period: string; payout: string }[];
  dealContribution(inputs: Record<string, readonly unknown[]>, table: string, row: unknown, options?: { fast?: boolean | 'only'; files?: Record<string, string> }): { payee: string; period: string; with: string; without: string; contribution: string; statement: Statement | undefined };
  readonly plan: { readonly name: string; readonly file: string };
}

/** Compiles an IR plan, writes the module under .generated/ and imports it. */
export async function importCompiled(ir: IrPlan, source: string | undefined, name: string, options: CompileOptions = {}): Promise<{ module: CompiledModule; code: string; fastPath: unknown }> {
  const r = compilePlan(ir, { ...(source !== undefined && { source }), ...options });
  if (!r.code) throw new Error(`did not compile: ${JSON.stringify(r.diagnostics)}`);
  const file = writeGenerated(name, r.code, 'ts');
  const module = (await import(pathToFileURL(file).href)) as CompiledModule;
  return { module, code: r.code, fastPath: r.fastPath };
}

/**
 * Writes generated code under .generated/ as `<name>-<hash of the code>.<ext>`, so a changed module is
 * never served from the import cache, and removes older versions of the same name.
 */
export function writeGenerated(name: string, code: string, ext: 'ts' | 'js'): string {
  mkdirSync(generatedDir, { recursive: true });
  const stem = name.replace(/[^A-Za-z0-9_-]+/g, '_');
  const file = join(generatedDir, `${stem}-${createHash('sha1').update(code).digest('hex').slice(0, 10)}.${ext}`);
  for (const old of readdirSync(generatedDir)) {
    if (old.startsWith(`${stem}-`) && /^[0-9a-f]{10}\.(ts|js)$/.test(old.slice(stem.length + 1)) && join(generatedDir, old) !== file) rmSync(join(generatedDir, old), { force: true });
  }
  writeFileSync(file, code);
  return file;
}

/** Checks a plan file (path relative to the root) and loads the data beside it as the CLI does. */
export function planWithData(planPath: string): { ir: IrPlan; text: string; inputs: Input[]; data: DataSet } {
  const text = readFileSync(join(root, planPath), 'utf8');
  const checked = check(text, planPath);
  if (!checked.ir) throw new Error(`${planPath} does not check: ${checked.diagnostics.map((d) => d.message).join('; ')}`);
  const { inputs, errors } = gatherInputs(checked.ir, planPath, [], root);
  if (errors.length) throw new Error(errors.join('\n'));
  const loaded = load(checked.ir, inputs);
  if (loaded.diagnostics.some((d) => d.severity === 'error')) throw new Error(`${planPath}: data does not load: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  return { ir: checked.ir, text, inputs, data: loaded.data };
}

/** Loaded rows back to the plain objects an application passes: numbers as text, as a JSON API would send them. */
export function rawRows(table: TableSchema, rows: readonly InputRow[]): Record<string, unknown>[] {
  const percent = new Set(table.columns.filter((c) => c.type === 'percent').map((c) => c.name));
  return rows.map((r) => {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r.cells)) {
      if (v === undefined) continue;
      const raw = v instanceof Dec ? (percent.has(k) ? `${v.mul(100).toFixed()}%` : v.toFixed()) : v;
      Object.defineProperty(o, k, { value: raw, enumerable: true, writable: true, configurable: true });
    }
    return o;
  });
}

/** Every table's loaded rows as plain objects. */
export function rawInputs(ir: IrPlan, data: DataSet): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const t of ir.tables) Object.defineProperty(out, t.name, { value: rawRows(t, data.get(t.name)?.rows ?? []), enumerable: true, writable: true, configurable: true });
  return out;
}

/** Rows as the interpreter's pipeline loads in-memory objects (row numbers are 1-based indexes). */
export function loadRaw(ir: IrPlan, raw: Record<string, readonly Record<string, unknown>[]>): DataSet {
  const inputs: Input[] = Object.entries(raw).map(([table, rows]) => ({ table, file: table, rows }));
  const loaded = load(ir, inputs);
  if (loaded.diagnostics.some((d) => d.severity === 'error')) throw new Error(`raw rows do not load: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  return loaded.data;
}
