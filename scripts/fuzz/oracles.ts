/**
 * What every fuzz input must satisfy, as plain functions that throw a `PropertyFailure` (a wrong
 * answer) or let an exception through (a crash); the campaign workers and the property tests call
 * the same ones. Independent of any test runner.
 *
 * - A plan: `check` returns diagnostics from the catalogue whose spans lie inside the text, and they
 *   render; a plan that parses formats to a fixed point with the same tree, comments and check
 *   result; a plan that checks runs on its data, and its formatted text gives the same statements.
 * - Data: loading gives catalogued diagnostics inside the file, or rows; rows that load evaluate,
 *   and the compiled module gives exactly what the interpreter gives.
 * - An editor on any text: the language service analyses it, and completion, hover, go-to-definition
 *   and name resolution at any offset answer without throwing.
 * - A plan that checks (a mutant, say) compiles to a module that loads and agrees with the
 *   interpreter on its data.
 */
import { isDeepStrictEqual } from 'node:util';
import { check, load, run, type Input, type Run } from '@payplan/core';
import type { IrPlan } from '@payplan/checker';
import { compilePlan } from '@payplan/compiler';
import { codes, renderDiagnostics, type Diagnostic, type SourceText } from '@payplan/diagnostics';
import { evaluate, type DataSet } from '@payplan/interpreter';
import { analyze, complete, definition, format, hover, markers, resolveAt } from '@payplan/language-service';
import type { RunResult } from '@payplan/runtime';
import { parsePlan, printPlan } from '@payplan/syntax';
import { loadRaw, type CompiledModule } from '../../test/compiler/support.js';
import { commentTexts, stripSpans } from '../../test/fmt/support.js';

/** An input got a wrong answer (as opposed to a crash, which is any other exception). */
export class PropertyFailure extends Error {
  override readonly name = 'PropertyFailure';
}

const fail = (message: string): never => {
  throw new PropertyFailure(message);
};

const severities = new Set(['error', 'warning', 'info']);
const short = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…` : s);

/** Each diagnostic has a catalogued code, a severity, a message, and spans inside its file. */
export function assertCoded(ds: readonly Diagnostic[], lengths: ReadonlyMap<string, number>): void {
  for (const d of ds) {
    const what = `${d.code} ${short(d.message)}`;
    if (!Object.hasOwn(codes, d.code)) fail(`diagnostic with a code outside the catalogue: ${what}`);
    if (!severities.has(d.severity)) fail(`diagnostic with severity ${String(d.severity)}: ${what}`);
    if (typeof d.message !== 'string' || d.message.trim() === '') fail(`diagnostic ${d.code} without a message`);
    const length = lengths.get(d.file);
    if (length === undefined) fail(`diagnostic in a file that is not an input (${d.file}): ${what}`);
    for (const s of [d.span, ...(d.labels ?? []).map((l) => l.span)]) {
      if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= length!)) {
        fail(`diagnostic span ${s.start}..${s.end} outside ${d.file} (length ${length}): ${what}`);
      }
    }
  }
}

/** Each file's length: its decoded text when it has one, else its size (an unreadable file is still an input). */
function lengthsOf(sources: ReadonlyMap<string, SourceText>, inputs: readonly Input[] = []): Map<string, number> {
  const lengths = new Map([...sources].map(([f, s]) => [f, s.text.length]));
  for (const i of inputs) if (!lengths.has(i.file)) lengths.set(i.file, 'bytes' in i ? i.bytes.length : 0);
  return lengths;
}

/** Codes and severities, sorted: what two check results must share (messages may quote positions). */
const verdict = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.severity} ${d.code}`).sort();

/** A run's figures without positions: payee, period, lines, values, exceptions and the failing stage. */
function figures(r: Run): unknown {
  const statements = (r.result?.statements ?? []).map((s) => ({
    payee: s.payee,
    period: s.period,
    currency: s.currency,
    payout: s.payout,
    lines: s.lines.map((l) => [l.component, l.kind, l.amount, l.exact]),
    values: s.values,
    exceptions: s.exceptions.map((e) => [e.table, e.row, e.key, e.message, e.action]),
  }));
  return { failedAt: r.failedAt, verdict: verdict(r.diagnostics), statements };
}

export interface PlanReport {
  /** The text parsed without errors (so the formatter ran). */
  readonly parsed: boolean;
  /** The text checked (an IR was built). */
  readonly checked: boolean;
  /** The plan ran on its data and was compared with its formatted text. */
  readonly ran: boolean;
  /** The checked plan, when it checked. */
  readonly ir?: IrPlan;
}

/** Checks, formats and (with data) runs one plan text, asserting the plan properties above. */
export function planOracle(text: string, file: string, inputs?: readonly Input[]): PlanReport {
  const checked = check(text, file);
  const sources = new Map([[file, checked.source]]);
  assertCoded(checked.diagnostics, lengthsOf(sources));
  renderDiagnostics(checked.diagnostics, sources);
  if (checked.stage === 'parse') return { parsed: false, checked: false, ran: false };

  const formatted = printPlan(checked.ast, text);
  const again = parsePlan(formatted, file);
  const errors = again.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) fail(`the formatted plan does not parse: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}\n--- formatted\n${formatted}`);
  if (!isDeepStrictEqual(stripSpans(again.value.plan), stripSpans(checked.ast))) fail(`formatting changed the plan's tree\n--- formatted\n${formatted}`);
  if (!isDeepStrictEqual(commentTexts(again.value.plan), commentTexts(checked.ast))) fail('formatting lost or changed a comment');
  const twice = printPlan(again.value.plan, formatted);
  if (twice !== formatted) fail(`formatting is not idempotent\n--- once\n${formatted}\n--- twice\n${twice}`);
  const recheck = check(formatted, file);
  if (!isDeepStrictEqual(verdict(recheck.diagnostics), verdict(checked.diagnostics))) {
    fail(`the formatted plan checks differently: ${verdict(checked.diagnostics).join(', ')} became ${verdict(recheck.diagnostics).join(', ')}`);
  }

  if (!checked.ir || !inputs) return { parsed: true, checked: checked.ir !== undefined, ran: false, ...(checked.ir && { ir: checked.ir }) };
  const ran = run(text, file, inputs);
  assertCoded(ran.diagnostics, lengthsOf(ran.sources, inputs));
  renderDiagnostics(ran.diagnostics, ran.sources);
  if (formatted !== text && !isDeepStrictEqual(figures(run(formatted, file, inputs)), figures(ran))) fail('the formatted plan gives different statements');
  return { parsed: true, checked: true, ran: true, ir: checked.ir };
}

/** The playground's calls on every keystroke and pointer move, at the given offsets (taken modulo the text's length + 1). */
export function editorOracle(text: string, file: string, offsets: readonly number[]): void {
  const a = analyze(text, file);
  assertCoded(a.diagnostics, new Map([[file, text.length]]));
  markers(a.diagnostics, a.source);
  format(a);
  for (const o of offsets) {
    const at = o % (text.length + 1);
    complete(a, at);
    hover(a, at);
    definition(a, at);
    resolveAt(a, at);
  }
}

/** Plain data (what JSON keeps): the form in which both back ends' answers must be equal. */
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x ?? null));

function firstDifference(a: RunResult | undefined, b: RunResult | undefined): string {
  const sa = a?.statements ?? [];
  const sb = b?.statements ?? [];
  if (sa.length !== sb.length) return `${sa.length} statements against ${sb.length}`;
  const i = sa.findIndex((s, k) => !isDeepStrictEqual(plain(s), plain(sb[k])));
  const x = sa[i];
  const y = sb[i];
  if (!x || !y) return 'the diagnostics differ';
  const where = `statement ${x.payee} ${x.period}`;
  if (x.payout !== y.payout) return `${where}: payout ${x.payout} against ${y.payout}`;
  const line = x.lines.findIndex((l, k) => !isDeepStrictEqual(plain(l), plain(y.lines[k])));
  const [l, m] = [x.lines[line], y.lines[line]];
  if (l && m) return `${where}, line ${l.component}: ${l.amount} (exact ${l.exact}) against ${m.amount} (exact ${m.exact})${l.exact === m.exact ? ', explanations differ' : ''}`;
  return `${where}: values, exceptions or line count differ`;
}

/**
 * The interpreter and a plan's compiled module agree on loaded rows (fast path and general path);
 * given rows as plain objects (`raw`), `computeStatements` agrees with the interpreter on them too.
 */
export function assertBackEndsAgree(ir: IrPlan, m: CompiledModule, data: DataSet, raw?: Record<string, readonly Record<string, unknown>[]>): void {
  const expected = evaluate(ir, data);
  for (const fast of [true, false]) {
    const actual = m.evaluate(data, { fast });
    if (!isDeepStrictEqual(plain(actual), plain(expected))) fail(`compiled module (fast: ${fast}) and interpreter disagree: ${firstDifference(actual.value, expected.value)}`);
  }
  if (!raw) return;
  let rawData: DataSet;
  try {
    rawData = loadRaw(ir, raw);
  } catch {
    return; // rows the loader rejects as objects (not as a file): nothing to compare
  }
  const fromRaw = evaluate(ir, rawData);
  if (!fromRaw.value) {
    let threw = false;
    try {
      m.computeStatements(raw);
    } catch {
      threw = true;
    }
    if (!threw) fail('the interpreter reports errors but computeStatements returned statements');
    return;
  }
  const computed = m.computeStatements(raw);
  if (!isDeepStrictEqual(plain(computed), plain(fromRaw.value))) fail(`computeStatements and the interpreter disagree: ${firstDifference(computed, fromRaw.value)}`);
}

/**
 * A plan's own compiled module against the interpreter, on data: a plan that checks compiles (or
 * says why with coded diagnostics), its module loads, and it gives the interpreter's answer.
 * `importModule` writes and imports the generated code (the caller decides where).
 */
export async function compiledOracle(ir: IrPlan, text: string, inputs: readonly Input[], importModule: (code: string) => Promise<CompiledModule>): Promise<boolean> {
  const loaded = load(ir, inputs);
  if (loaded.diagnostics.some((d) => d.severity === 'error')) return false;
  const compiled = compilePlan(ir, { source: text });
  assertCoded(compiled.diagnostics, new Map([[ir.file, text.length]]));
  if (!compiled.code) return false;
  assertBackEndsAgree(ir, await importModule(compiled.code), loaded.data);
  return true;
}

export interface DataReport {
  /** The data loaded without errors. */
  readonly loaded: boolean;
  /** The interpreter's answer was compared with the compiled module's. */
  readonly compared: boolean;
}

/** Loads data files for a checked plan; loaded rows evaluate, and agree with the compiled module when given. */
export function dataOracle(ir: IrPlan, planText: string, inputs: readonly Input[], compiled?: CompiledModule, raw?: Record<string, readonly Record<string, unknown>[]>): DataReport {
  const loaded = load(ir, inputs);
  const lengths = lengthsOf(loaded.sources, inputs);
  assertCoded(loaded.diagnostics, lengths);
  renderDiagnostics(loaded.diagnostics, loaded.sources);
  if (loaded.diagnostics.some((d) => d.severity === 'error')) return { loaded: false, compared: false };
  const evaluated = evaluate(ir, loaded.data);
  assertCoded(evaluated.diagnostics, new Map([...lengths, [ir.file, planText.length]]));
  if (compiled) assertBackEndsAgree(ir, compiled, loaded.data, raw);
  return { loaded: true, compared: compiled !== undefined };
}
