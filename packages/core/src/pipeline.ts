/**
 * The one entry point tools use: an explicit list of stages (parse → check → load data → evaluate),
 * each returning its value and diagnostics. The CLI, the language service and the playground call
 * these, so they all see the same diagnostics for the same input; none of them throws on bad input.
 */
import { hasErrors, SourceText, type Diagnostic, type Span } from '@payplan/diagnostics';
import { checkPlan, lintPlan, type IrPlan, type TableInfo } from '@payplan/checker';
import { checkDataSet, loadTableRows, loadTableText, locateCell, type LoadedTable } from '@payplan/data';
import { evaluate, type DataSet } from '@payplan/interpreter';
import { Dec, type InputRow, type RunResult } from '@payplan/runtime';
import { parsePlan, type Ast } from '@payplan/syntax';

export const stages = ['parse', 'check', 'load', 'evaluate'] as const;
export type Stage = (typeof stages)[number];

export interface Checked {
  readonly source: SourceText;
  readonly ast: Ast.Plan;
  readonly tables: readonly TableInfo[];
  /** Present when the plan has no errors. */
  readonly ir?: IrPlan;
  readonly diagnostics: readonly Diagnostic[];
  /** `parse` when the text did not parse (the checker did not run), else `check`. */
  readonly stage: 'parse' | 'check';
}

/**
 * Parse and check a plan. The checker runs only on a plan that parsed cleanly, and the lints
 * (the L warnings) only on a plan the checker accepted.
 */
export function check(text: string, file = 'plan.payplan'): Checked {
  const source = new SourceText(file, text);
  const parsed = parsePlan(text, file);
  if (hasErrors(parsed.diagnostics)) return { source, ast: parsed.value.plan, tables: [], diagnostics: parsed.diagnostics, stage: 'parse' };
  const checked = checkPlan(parsed.value.plan, source);
  const lints = checked.value.ir ? lintPlan(checked.value.ir, parsed.value.plan, source) : [];
  return {
    source,
    ast: parsed.value.plan,
    tables: checked.value.tables,
    ...(checked.value.ir && { ir: checked.value.ir }),
    diagnostics: [...parsed.diagnostics, ...checked.diagnostics, ...lints],
    stage: 'check',
  };
}

/** One input table: its name in the plan, the file it came from, and its contents. */
export type Input =
  | { readonly table: string; readonly file: string; readonly bytes: Uint8Array | string }
  | { readonly table: string; readonly file: string; readonly rows: readonly Record<string, unknown>[] };

export interface Loaded {
  readonly data: DataSet;
  readonly sources: ReadonlyMap<string, SourceText>;
  readonly diagnostics: readonly Diagnostic[];
}

export interface LoadOptions {
  /** The most rows one data file may have (D021); default @payplan/data's MAX_ROWS. */
  readonly maxRows?: number;
}

/** Validate the inputs against the plan's table declarations. */
export function load(ir: IrPlan, inputs: readonly Input[], options: LoadOptions = {}): Loaded {
  const diagnostics: Diagnostic[] = [];
  const loaded = new Map<string, LoadedTable>();
  const sources = new Map<string, SourceText>();
  const ctx = { settle: ir.settle, ...(ir.year !== undefined && { year: ir.year }), ...(options.maxRows !== undefined && { maxRows: options.maxRows }) };
  const noSpan: Span = { start: 0, end: 0 };
  for (const input of inputs) {
    const schema = ir.tables.find((t) => t.name === input.table);
    if (!schema) {
      diagnostics.push({
        code: 'D012',
        severity: 'error',
        file: input.file,
        span: noSpan,
        message: `the plan has no table \`${input.table}\`; its tables are ${ir.tables.map((t) => t.name).join(', ') || '(none)'}`,
      });
      continue;
    }
    if (loaded.has(input.table)) {
      diagnostics.push({ code: 'D012', severity: 'error', file: input.file, span: noSpan, message: `data for table \`${input.table}\` is given twice` });
      continue;
    }
    const r = 'rows' in input ? loadTableRows(schema, input.file, input.rows, ctx) : loadTableText(schema, input.file, input.bytes, ctx);
    diagnostics.push(...r.diagnostics);
    if (r.value) diagnostics.push(...outOfRange(r.value));
    if (r.value) {
      loaded.set(input.table, r.value);
      if (r.value.source) sources.set(input.file, r.value.source);
    }
  }
  // A payment history covers only the periods already paid, and a dated hierarchy lists only the
  // moves: neither needs a row for every payee.
  // Nor does a history of values (`history of revenue from …`), which holds periods before the run.
  const partial = new Set([ir.history?.table, ...ir.valueHistories.map((h) => h.table), ...ir.teams.filter((t) => ir.tables.find((x) => x.name === t.table)?.kind === 'rows').map((t) => t.table)]);
  const complete = ir.tables.filter((t) => !partial.has(t.name));
  const completeData = new Map([...loaded].filter(([name]) => !partial.has(name)));
  if (!hasErrors(diagnostics)) diagnostics.push(...checkDataSet(complete, completeData, { planFile: ir.file, declaredAt: ir.tableSpans }));
  const data: DataSet = new Map([...loaded].map(([name, t]) => [name, { file: t.file, rows: t.rows, locate: locator(t) }]));
  return { data, sources, diagnostics };
}

const holds = { '>': (c: number) => c > 0, '>=': (c: number) => c >= 0, '<': (c: number) => c < 0, '<=': (c: number) => c <= 0 } as const;

/** Cells outside the range their column declares (`T money > 0`): one error each, at the cell. */
function outOfRange(t: LoadedTable): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of t.schema.columns) {
    if (!c.bound) continue;
    const bound = new Dec(c.bound.value);
    const shown = c.type === 'percent' ? `${bound.mul(100).toFixed()}%` : bound.toFixed();
    t.rows.forEach((row, i) => {
      const v = row.cells[c.name];
      if (!(v instanceof Dec) || holds[c.bound!.op](v.cmp(bound))) return;
      const value = c.type === 'percent' ? `${v.mul(100).toFixed()}%` : v.toFixed();
      out.push({
        code: 'D015',
        severity: 'error',
        file: t.file,
        span: locateCell(t, i, c.name),
        message: `${t.file} row ${row.row}, column ${c.name}: ${value} is not ${c.bound!.op} ${shown}, the range the plan declares for ${c.name}`,
      });
    });
  }
  return out;
}

/** Finds a row's cell in its file, so errors found while settling point at the data. */
function locator(t: LoadedTable): (row: InputRow, column?: string) => Span {
  let index: Map<InputRow, number> | undefined;
  return (row, column) => {
    index ??= new Map(t.rows.map((r, i) => [r, i]));
    const i = index.get(row);
    return i === undefined ? { start: 0, end: 0 } : locateCell(t, i, column ?? t.schema.columns[0]?.name ?? 'payee');
  };
}

export interface Run {
  readonly checked: Checked;
  readonly result?: RunResult;
  /** Every source a diagnostic may point into: the plan and each data file. */
  readonly sources: ReadonlyMap<string, SourceText>;
  readonly diagnostics: readonly Diagnostic[];
  /** The stage that stopped the run, if one did. */
  readonly failedAt?: Stage;
}

/**
 * Parse, check, load and evaluate; stops at the first stage with errors and says which. An editor
 * that reruns on every keystroke passes a `loader` that reuses data loaded for an unchanged input.
 */
export function run(text: string, file: string, inputs: readonly Input[], loader: (ir: IrPlan, inputs: readonly Input[]) => Loaded = load): Run {
  const checked = check(text, file);
  const sources = new Map<string, SourceText>([[file, checked.source]]);
  if (!checked.ir) return { checked, sources, diagnostics: checked.diagnostics, failedAt: checked.stage };
  const loaded = loader(checked.ir, inputs);
  for (const [f, s] of loaded.sources) sources.set(f, s);
  const diagnostics = [...checked.diagnostics, ...loaded.diagnostics];
  if (hasErrors(loaded.diagnostics)) return { checked, sources, diagnostics, failedAt: 'load' };
  const evaluated = evaluate(checked.ir, loaded.data);
  diagnostics.push(...evaluated.diagnostics);
  if (!evaluated.value) return { checked, sources, diagnostics, failedAt: 'evaluate' };
  return { checked, result: evaluated.value, sources, diagnostics };
}
