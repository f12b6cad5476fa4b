/**
 * What a compiled module reports: diagnostics shaped as the interpreter's, and the ComputeError its
 * compute functions throw, named with the plan line of the first problem (or the data file of an
 * input problem). Every compiled module re-exports these, so `instanceof ComputeError` holds for
 * errors of any of them.
 */

import type { EngineError } from '../engine.js';

/** A diagnostic as the interpreter reports it: the engine's error (a code, a message, a span of the plan or a data file), as an error. */
export interface PlanDiagnostic extends EngineError {
  readonly severity: 'error';
}

/** The plan file of a module and the offsets where its lines start, so a diagnostic can name line and column. */
export interface PlanLines {
  readonly file: string;
  readonly lineStarts: readonly number[];
}

/** What the compute functions throw: every problem found, the first named with its plan line. */
export class ComputeError extends Error {
  readonly diagnostics: readonly PlanDiagnostic[];
  constructor(diagnostics: readonly PlanDiagnostic[], plan?: PlanLines) {
    const first = diagnostics[0];
    const more = diagnostics.length > 1 ? ' (and ' + (diagnostics.length - 1) + ' more)' : '';
    super(first ? where(first, plan) + ': error[' + first.code + ']: ' + first.message + more : 'the plan could not be computed');
    this.name = 'ComputeError';
    this.diagnostics = diagnostics;
  }
}

/** "plan.payplan:12:9" for a diagnostic in the plan; the data file's name for one in the data. */
function where(d: PlanDiagnostic, plan: PlanLines | undefined): string {
  if (!plan || d.file !== plan.file || (d.span.start === 0 && d.span.end === 0)) return d.file;
  const starts = plan.lineStarts;
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= d.span.start) line++;
  return d.file + ':' + (line + 1) + ':' + (d.span.start - starts[line]! + 1);
}

/** One input problem, worded as @payplan/data words it. */
export interface InputIssue {
  readonly code: string;
  readonly file: string;
  readonly message: string;
}

/** Throws the input problems found (the first 100), as a ComputeError naming each file, row and column. */
export function rejectInputs(issues: readonly InputIssue[]): never {
  throw new ComputeError(issues.slice(0, 100).map((i) => ({ code: i.code, severity: 'error' as const, message: i.message, file: i.file, span: { start: 0, end: 0 } })));
}
