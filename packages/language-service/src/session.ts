/**
 * A playground session — a plan and a grid of data per table — run exactly as the CLI runs a plan
 * with CSV files: each grid is written as CSV (`<table>.csv`) and read by the same loader, so data
 * errors carry the CLI's messages; their spans are then mapped back to grid cells. Returns the plan's
 * markers, the cells to mark, every diagnostic rendered as the CLI renders it, and the statements.
 */
import { load, run, type Input, type Loaded, type Stage } from '@payplan/core';
import type { IrPlan } from '@payplan/checker';
import { renderDiagnostics, sortDiagnostics, type Diagnostic } from '@payplan/diagnostics';
import type { RunResult, TableSchema } from '@payplan/runtime';
import { dataFile, placeOf, writeCsv, type CsvLayout, type Grid } from './csv.js';

export { dataColumns, dataFile } from './csv.js';
import { headline, markerMessage, markers, type Marker } from './markers.js';
import { rangeOf } from './positions.js';

export interface SessionTable extends Grid {
  readonly name: string;
}

export interface Session {
  readonly plan: string;
  /** The plan's file name in messages; `plan.payplan` by default. */
  readonly file?: string;
  readonly tables: readonly SessionTable[];
}

/** A data problem, placed on the grid. */
export interface CellIssue {
  readonly table: string;
  /** Grid row (0 is the first data row); -1 for the header; undefined for the table as a whole. */
  readonly row?: number;
  /** Header index; undefined when the problem concerns the whole row or table. */
  readonly column?: number;
  readonly severity: Diagnostic['severity'];
  readonly code: string;
  /** The CLI's wording (header line, notes, help). */
  readonly message: string;
}

/** One diagnostic for the problems list: where it is and the CLI's full rendering. */
export interface Problem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly severity: Diagnostic['severity'];
  readonly code: string;
  readonly headline: string;
  readonly rendered: string;
}

export interface SessionResult {
  readonly markers: readonly Marker[];
  readonly issues: readonly CellIssue[];
  readonly problems: readonly Problem[];
  /** Every diagnostic as `payplan run` prints it. */
  readonly rendered: string;
  readonly result?: RunResult;
  readonly failedAt?: Stage;
  /** The tables the plan declares (even when it has errors elsewhere), for the grid's columns. */
  readonly schemas: readonly TableSchema[];
  /** Milliseconds spent: checking, loading and evaluating. */
  readonly elapsed: number;
}

/** Runs sessions one after another, as an editor does: see `sessionRunner`. */
export type SessionRunner = (session: Session) => SessionResult;

/** Runs one session. Stateless: each call loads the data afresh. */
export function runSession(session: Session): SessionResult {
  return runWith(session, load);
}

/**
 * A runner for a stream of edits. Typing in the plan leaves the data alone, so when the tables' text
 * and the plan's table declarations are the same as last time, the loaded (parsed and validated)
 * data is reused instead of read again. Everything else is `run` from @payplan/core, stage for
 * stage (a test holds the two to the same output).
 */
export function sessionRunner(): SessionRunner {
  let last: { key: string; loaded: Loaded } | undefined;
  const cachedLoad = (ir: IrPlan, inputs: readonly Input[]): Loaded => {
    const key = JSON.stringify([ir.tables, ir.settle, ir.year ?? null, inputs.map((i) => [i.table, i.file, 'bytes' in i && typeof i.bytes === 'string' ? i.bytes : null])]);
    if (last && last.key === key) return last.loaded;
    const loaded = load(ir, inputs);
    last = { key, loaded };
    return loaded;
  };
  return (session) => runWith(session, cachedLoad);
}

function runWith(session: Session, loader: (ir: IrPlan, inputs: readonly Input[]) => Loaded): SessionResult {
  const started = now();
  const file = session.file ?? 'plan.payplan';
  const layouts = new Map<string, { table: string; layout: CsvLayout }>();
  const inputs: Input[] = [];
  // Only tables the plan declares are passed on: a grid left over from an edit is not an error.
  const declared = declaredTables(session.plan);
  for (const t of session.tables) {
    if (!declared.has(t.name)) continue;
    const layout = writeCsv(t);
    layouts.set(dataFile(t.name), { table: t.name, layout });
    inputs.push({ table: t.name, file: dataFile(t.name), bytes: layout.text });
  }
  const outcome = run(session.plan, file, inputs, loader);
  const diagnostics = outcome.diagnostics;
  const issues: CellIssue[] = [];
  for (const d of diagnostics) {
    const placed = layouts.get(d.file);
    if (!placed) continue;
    const at = placeOf(placed.layout, d.span);
    issues.push({
      table: placed.table,
      ...(at && { row: at.row }),
      ...(at && at.column >= 0 && { column: at.column }),
      severity: d.severity,
      code: d.code,
      message: markerMessage(d),
    });
  }
  for (const d of diagnostics) {
    // A problem with the data set as a whole: put it on the table it names. A table with no data
    // (D009) is reported at its declaration in the plan, and belongs on its grid too.
    if (layouts.has(d.file) || (d.file === file && d.code !== 'D009')) continue;
    const table = [...declared].find((t) => d.file === dataFile(t) || new RegExp(`\\btable \`?${escape(t)}\\b`).test(d.message));
    if (table !== undefined) issues.push({ table, severity: d.severity, code: d.code, message: markerMessage(d) });
  }
  const problems = sortDiagnostics(diagnostics).map((d): Problem => {
    const source = outcome.sources.get(d.file);
    const pos = source && d.span.end >= d.span.start && (d.span.start > 0 || d.span.end > 0 || d.file === file) ? rangeOf(source, d.span) : undefined;
    return {
      file: d.file,
      ...(pos && { line: pos.startLineNumber, column: pos.startColumn }),
      severity: d.severity,
      code: d.code,
      headline: headline(d),
      rendered: renderDiagnostics([d], outcome.sources).replace(/\n\d+ (error|warning)s?\n$/, '\n').trimEnd(),
    };
  });
  return {
    markers: markers(diagnostics, outcome.checked.source),
    issues,
    problems,
    rendered: diagnostics.length ? renderDiagnostics(diagnostics, outcome.sources) : '',
    ...(outcome.result && { result: outcome.result }),
    ...(outcome.failedAt && { failedAt: outcome.failedAt }),
    schemas: outcome.checked.tables.map((t) => t.schema),
    elapsed: now() - started,
  };
}

/**
 * Names of the tables a plan declares, read from the lines that start with `table` (as the parser
 * splits rules) rather than by checking the plan a second time.
 */
function declaredTables(plan: string): Set<string> {
  const names = new Set<string>();
  for (const m of plan.matchAll(/^[ \t]*table[ \t]+([\p{L}_][\p{L}\p{N}_]*)/gmu)) names.add(m[1]!);
  return names;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
