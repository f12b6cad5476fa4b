/**
 * The compiler's entry: a checked plan → module text, with diagnostics as data. A constant the
 * compiler evaluates and finds impossible (division by zero) is reported here as a warning, before
 * any data; the module still compiles and reports it on every run, as the interpreter does.
 */
import type { IrPlan } from '@payplan/checker';
import type { Diagnostic } from '@payplan/diagnostics';
import { emitModule, type EmitOptions } from './emit.js';

export type CompileOptions = EmitOptions;

export interface CompileResult {
  /** The module's TypeScript text; absent when there are errors. */
  readonly code?: string;
  /** Whether the exact-integer fast path was emitted, and if not, why. */
  readonly fastPath?: { readonly statements: boolean; readonly payouts: boolean; readonly reason?: string };
  readonly diagnostics: readonly Diagnostic[];
}

export function compilePlan(ir: IrPlan, options: CompileOptions = {}): CompileResult {
  const r = emitModule(ir, options);
  // A constant that cannot be computed is known now; the module reports it on every run, as the interpreter does.
  const diagnostics: Diagnostic[] = r.constError
    ? [{ code: r.constError.code, severity: 'warning', message: `every run will fail: ${r.constError.message}`, file: ir.file, span: r.constError.span }]
    : [];
  return { code: r.code, fastPath: r.fastPath, diagnostics };
}
