/**
 * IR → a TypeScript module. Takes a checked plan (IrPlan) and options; returns the module's text,
 * which imports nothing but @payplan/runtime (and its support code for compiled plans,
 * @payplan/runtime/compiled) and computes exactly what the interpreter computes: the same statements
 * in the same order, the same explanations, the same diagnostics.
 *
 * How it guarantees that: the decimal half of the module is the interpreter's PlanSpec written out
 * as code (interpreter/src/evaluate.ts, rule for rule, in the same evaluation order) and run
 * through the runtime's settlement engine, as the interpreter is. The fast half handles plans the
 * engine would settle one payee-period at a time with nothing carried between them (no credit
 * splits, teams, year-to-date, clawbacks or draws): it groups rows itself, computes every row-level
 * figure on exact integers (expr.ts), and hands the same decimal rule functions a context whose
 * bases come from those integers, so every explanation is still worded by the same code. Any
 * surprise on the fast path (a value too large or too precise, an error) sends the whole run to
 * the engine, so the fast path can only ever return what the engine would.
 *
 * Layout, for a reader, one section per module: the header and the plan's settings
 * (sections/header.ts); its tables as typed interfaces and zod schemas (sections/tables.ts); its
 * constants as literals (sections/constants.ts); one function per derived value, base and rule,
 * named after it, with a comment pointing at its plan line (sections/rules.ts); the statement and the
 * engine's specification (sections/statement.ts); the fast path (fast/*.ts); the entry points
 * (entry-points.ts); the decimal literals.
 */
import type { IrPlan, IrSource } from '@payplan/checker';
import type { ConstError } from './consts.js';
import { emitContext, type EmitOptions } from './context.js';
import { entryPoints } from './entry-points.js';
import { planFastPath } from './fast/plan.js';
import { fastSection } from './fast/section.js';
import { constantsSection, literalsSection } from './sections/constants.js';
import { headerSection } from './sections/header.js';
import { requirementConstants, ruleFunctions, rulesHeading } from './sections/rules.js';
import { statementSection } from './sections/statement.js';
import { tablesSection } from './sections/tables.js';

export type { EmitOptions };

export interface EmitResult {
  readonly code: string;
  /** Whether the fast integer path was emitted for statements and for payouts, and if not, why. */
  readonly fastPath: { readonly statements: boolean; readonly payouts: boolean; readonly reason?: string };
  /** A constant or rate table that cannot be computed: every run of the module reports it. */
  readonly constError?: ConstError;
}

export function emitModule(ir: IrPlan, options: EmitOptions = {}): EmitResult {
  const cx = emitContext(ir, options);
  // Sections are written in this order, as decimal literals are named as they are met; then placed.
  planFastPath(cx);
  const rules = ruleFunctions(cx);
  const requirements = requirementConstants(cx);
  const statement = statementSection(cx);
  const lineStarts = options.source !== undefined ? lineStartsOf(options.source) : ruleLines(ir);
  const sections = [
    headerSection(cx, lineStarts),
    tablesSection(cx),
    ...constantsSection(cx),
    rulesHeading(),
    ...rules,
    ...requirements,
    statement,
    cx.fast.statements && fastSection(cx),
    entryPoints(cx),
    literalsSection(cx),
  ];
  const { fast, constError } = cx;
  return {
    code: sections.filter((s): s is string => s !== false).join('\n').replace(/\n{3,}/g, '\n\n'),
    fastPath: { statements: fast.statements, payouts: fast.statements && fast.payouts, ...(fast.reason !== undefined && { reason: fast.reason }) },
    ...(constError && { constError }),
  };
}

/** Offsets where each line of the text starts. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** Without the plan's text: line starts known from where rules start (their lines and columns). */
function ruleLines(ir: IrPlan): number[] {
  const known = new Map<number, number>();
  const note = (s: IrSource) => known.set(s.line, s.span.start - (s.column - 1));
  [...ir.consts, ...ir.lets, ...ir.bases, ...ir.requirements, ...ir.rates, ...ir.limits, ...ir.ladders].forEach((x) => note(x.source));
  for (const c of ir.components) {
    note(c.source);
    if (c.kind === 'commission') c.bands.forEach((b) => note(b.source));
  }
  const max = Math.max(0, ...known.keys());
  const starts: number[] = [];
  for (let line = 1; line <= max; line++) starts.push(known.get(line) ?? starts[starts.length - 1] ?? 0);
  return starts.length ? starts : [0];
}
