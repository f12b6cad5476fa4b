/**
 * Effective-dated plan versions: a run over a year with several versions of a plan (each with an
 * `effective` date in its header) uses, for each settlement period, the latest version effective on
 * the period's first day. Every version runs on the same data; their statements are merged.
 * Versions must declare the same input tables, and an effective date must start a period.
 */
import { hasErrors, type Diagnostic, type SourceText } from '@payplan/diagnostics';
import type { IrPlan } from '@payplan/checker';
import { calendarOf, type RunResult, type Statement } from '@payplan/runtime';
import { check, load, run, type Input, type Loaded, type Run } from './pipeline.js';

export interface PlanVersion {
  readonly text: string;
  readonly file: string;
}

export interface VersionsRun {
  readonly result?: RunResult;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, SourceText>;
}

export function runVersions(versions: readonly PlanVersion[], inputs: readonly Input[], loader: (ir: IrPlan, inputs: readonly Input[]) => Loaded = load): VersionsRun {
  if (versions.length === 1) return run(versions[0]!.text, versions[0]!.file, inputs, loader);
  const sources = new Map<string, SourceText>();
  const diagnostics: Diagnostic[] = [];
  const checked = versions.map((v) => ({ v, c: check(v.text, v.file) }));
  for (const { v, c } of checked) {
    sources.set(v.file, c.source);
    diagnostics.push(...c.diagnostics);
  }
  if (hasErrors(diagnostics)) return { diagnostics, sources };
  const irs = checked.map(({ v, c }) => ({ v, ir: c.ir! }));
  const headerSpan = (file: string, kind: string) => {
    const item = checked.find((x) => x.v.file === file)?.c.ast.header?.items.find((i) => i.kind === kind);
    return item?.span ?? { start: 0, end: 0 };
  };
  const problem = (file: string, message: string, at = 'Effective') => diagnostics.push({ code: 'S001', severity: 'error', file, span: headerSpan(file, at), message });
  const undated = irs.filter((x) => !x.ir.effective);
  if (undated.length > 1) problem(undated[1]!.v.file, 'when several versions of a plan run together, each after the first needs `effective DATE` in its header');
  const first = irs[0]!.ir;
  for (const { v, ir } of irs.slice(1)) {
    if (ir.settle !== first.settle) problem(v.file, `every version must settle the same way; this one settles by ${ir.settle}, ${irs[0]!.v.file} by ${first.settle}`, 'Settle');
    const shape = (t: (typeof ir.tables)[number]) => `${t.name}:${t.kind}:${t.columns.map((c) => `${c.name}/${c.type}`).join(',')}`;
    if (ir.tables.map(shape).join(' ') !== first.tables.map(shape).join(' ')) problem(v.file, `every version must declare the same input tables as ${irs[0]!.v.file}, so they can run on the same data`);
    if (ir.effective) {
      const cal = calendarOf(ir.settle, ir.calendar);
      const start = cal.bounds(cal.periodOf(ir.effective)).first;
      if (start !== ir.effective) problem(v.file, `\`effective ${ir.effective}\` must be the first day of a settlement period (such as ${start})`);
    }
  }
  if (hasErrors(diagnostics)) return { diagnostics, sources };

  const ordered = [...irs].sort((a, b) => (a.ir.effective ?? '').localeCompare(b.ir.effective ?? ''));
  const runs: { from: string; name: string; run: Run }[] = ordered.map(({ v, ir }) => ({ from: ir.effective ?? '', name: ir.name, run: run(v.text, v.file, inputs, loader) }));
  for (const r of runs) {
    diagnostics.push(...r.run.diagnostics);
    for (const [f, s] of r.run.sources) sources.set(f, s);
  }
  if (runs.some((r) => !r.run.result)) return { diagnostics, sources };
  // Each period belongs to the latest version effective on its first day.
  const versionFor = (period: string) => {
    const cal = calendarOf(first.settle, first.calendar);
    const startsOn = cal.parse(period) !== undefined ? cal.bounds(period).first : '';
    return [...runs].reverse().find((r) => r.from <= startsOn);
  };
  const statements: Statement[] = [];
  for (const r of runs) {
    for (const s of r.run.result!.statements) if (versionFor(s.period) === r) statements.push({ ...s, version: r.name });
  }
  statements.sort((a, b) => (a.payee === b.payee ? (a.period < b.period ? -1 : 1) : a.payee < b.payee ? -1 : 1));
  const name = runs.map((r) => (r.from ? `${r.name} (from ${r.from})` : r.name)).join(', ');
  return { result: { plan: name, currency: first.currency, statements }, diagnostics, sources };
}
