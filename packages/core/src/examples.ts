/**
 * Runs a plan's examples: each `example` block is an independent run on its inline rows, whose
 * expected figures are compared with the statements. Reports, per expectation, the expected and
 * actual amounts and the actual line's explanation, and which rules and bands no example exercised
 * (rule coverage). Examples may live in the plan or in a separate file of example blocks.
 */
import { hasErrors, SourceText, type Diagnostic } from '@payplan/diagnostics';
import { checkExamples, type IrPlan } from '@payplan/checker';
import { Dec, type Explanation, type Statement } from '@payplan/runtime';
import { parsePlan, type Ast } from '@payplan/syntax';
import { check, run, type Input } from './pipeline.js';

export interface ExpectationResult {
  readonly payee: string;
  readonly period: string;
  readonly line: string;
  readonly expected: string;
  /** The actual amount; undefined when the statement or the line does not exist. */
  readonly actual?: string;
  readonly passed: boolean;
  /** How the actual line was computed, for a failure report. */
  readonly explanation?: Explanation;
  /** Where the expectation is written. */
  readonly file: string;
  readonly line_: number;
}

export interface ExampleResult {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly passed: boolean;
  readonly expectations: readonly ExpectationResult[];
  /** Errors that stopped the example's run (bad rows, a value that cannot be computed). */
  readonly diagnostics: readonly Diagnostic[];
  /** Lines that paid something in this run, and `rule␀band` for each band or step that paid. */
  readonly exercised: readonly string[];
}

export interface Coverage {
  /** Each rule, and whether some example made it pay (or expected its line). */
  readonly rules: readonly { readonly name: string; readonly exercised: boolean }[];
  /** Each band or step of a tiered rule, and whether some example reached it. */
  readonly bands: readonly { readonly rule: string; readonly band: string; readonly reached: boolean }[];
}

export interface TestReport {
  readonly plan: string;
  readonly examples: readonly ExampleResult[];
  readonly coverage?: Coverage;
  /** Errors in the plan or the example files: nothing ran. */
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, SourceText>;
}

/** A file of example blocks kept beside a plan. */
export interface ExampleFile {
  readonly file: string;
  readonly text: string;
}

export function testPlan(text: string, file: string, exampleFiles: readonly ExampleFile[] = []): TestReport {
  const checked = check(text, file);
  const sources = new Map<string, SourceText>([[file, checked.source]]);
  if (!checked.ir) return { plan: file, examples: [], diagnostics: checked.diagnostics, sources };
  const ir = checked.ir;
  const blocks: { decl: Ast.ExampleDecl; source: SourceText }[] = checked.ast.decls.filter((d): d is Ast.ExampleDecl => d.kind === 'Example').map((decl) => ({ decl, source: checked.source }));
  const diagnostics: Diagnostic[] = [];
  for (const ef of exampleFiles) {
    const source = new SourceText(ef.file, ef.text);
    sources.set(ef.file, source);
    const parsed = parsePlan(ef.text, ef.file);
    diagnostics.push(...parsed.diagnostics);
    const decls = parsed.value.plan.decls;
    for (const d of decls) {
      if (d.kind !== 'Example') diagnostics.push({ code: 'S005', severity: 'error', file: ef.file, span: d.span, message: 'a file of examples holds only `example` blocks; rules belong in the plan' });
    }
    if (parsed.value.plan.header) diagnostics.push({ code: 'S002', severity: 'error', file: ef.file, span: parsed.value.plan.header.span, message: 'a file of examples has no `plan` header: it tests the plan beside it' });
    const examples = decls.filter((d): d is Ast.ExampleDecl => d.kind === 'Example');
    diagnostics.push(...checkExamples(examples, ir.tables, lineNames(ir), ef.file));
    blocks.push(...examples.map((decl) => ({ decl, source })));
  }
  if (hasErrors(diagnostics)) return { plan: file, examples: [], diagnostics, sources };

  const results = blocks.map(({ decl, source }) => runExample(text, file, ir, decl, source));
  return { plan: file, examples: results, coverage: coverage(ir, results), diagnostics, sources };
}

function lineNames(ir: IrPlan): string[] {
  return [...ir.components.map((c) => c.name), ...(ir.draw ? [ir.draw.name] : [])];
}

function runExample(text: string, file: string, ir: IrPlan, decl: Ast.ExampleDecl, source: SourceText): ExampleResult {
  const where = source.lineCol(decl.span.start);
  const inputs: Input[] = ir.tables.map((t) => ({
    table: t.name,
    file: `${source.file}:${where.line} (example "${decl.name.value}", ${t.name})`,
    rows: decl.rows.filter((r) => r.table.name === t.name).map((r) => Object.fromEntries(r.cells.map((c) => [c.column.name, c.value.text]))),
  }));
  const outcome = run(text, file, inputs);
  const base = { name: decl.name.value, file: source.file, line: where.line };
  if (!outcome.result) return { ...base, passed: false, expectations: [], diagnostics: outcome.diagnostics.filter((d) => d.severity === 'error'), exercised: [] };
  const exercised = new Set<string>();
  for (const s of outcome.result.statements) {
    for (const l of s.lines) {
      if (!new Dec(l.exact).isZero()) exercised.add(l.component);
      for (const b of l.explanation.bands ?? []) exercised.add(`${l.component}\u0000${b}`);
    }
  }
  const expectations = decl.expects.map((e): ExpectationResult => {
    const at = { file: source.file, line_: source.lineCol(e.span.start).line };
    const s = outcome.result!.statements.find((x) => x.payee === e.payee.text && x.period === e.period.text);
    const expected = e.amount.text.replace(/,/g, '');
    const found = s && actualOf(s, e.line.name);
    if (!found) return { payee: e.payee.text, period: e.period.text, line: e.line.name, expected, passed: false, ...at };
    return {
      payee: e.payee.text,
      period: e.period.text,
      line: e.line.name,
      expected,
      actual: found.amount,
      passed: new Dec(found.amount).eq(new Dec(expected)),
      ...(found.explanation && { explanation: found.explanation }),
      ...at,
    };
  });
  for (const e of expectations) if (e.actual !== undefined) exercised.add(e.line);
  return { ...base, passed: expectations.every((x) => x.passed), expectations, diagnostics: [], exercised: [...exercised] };
}

function actualOf(s: Statement, line: string): { amount: string; explanation?: Explanation } | undefined {
  if (line === 'payout') return { amount: s.payout };
  const l = s.lines.find((x) => x.component === line);
  return l && { amount: l.amount, explanation: l.explanation };
}

/** Rules that paid (or were expected) in some example; bands and steps some example reached. */
function coverage(ir: IrPlan, results: readonly ExampleResult[]): Coverage {
  const hit = new Set(results.flatMap((r) => r.exercised));
  const rules = lineNames(ir).map((name) => ({ name, exercised: hit.has(name) }));
  const bands: { rule: string; band: string; reached: boolean }[] = [];
  for (const c of ir.components) {
    const texts = c.kind === 'commission' && c.mode !== 'flat' ? c.bands.map((b) => b.source.text) : c.kind === 'step_bonus' ? c.steps.map((b) => b.source.text) : c.kind === 'salary' ? c.bands.map((b) => b.source.text) : [];
    for (const text of texts) {
      const band = text.replace(/\s+by\s.*$/, '').replace(/\s+pay\s.*$/, '').trim();
      bands.push({ rule: c.name, band, reached: hit.has(`${c.name}\u0000${band}`) });
    }
  }
  return { rules, bands };
}
