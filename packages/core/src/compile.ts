/**
 * The compile stage for tools: plan text → a TypeScript module, in memory (build tools, the
 * playground, the CLI). Parse and check run first, as for every other stage; the module is
 * produced only when the plan has no errors. Diagnostics come back as data, never thrown.
 */
import { hasErrors, type Diagnostic } from '@payplan/diagnostics';
import { compilePlan, type CompileOptions } from '@payplan/compiler';
import { check } from './pipeline.js';

export { toJavaScript, type JavaScriptOutput } from '@payplan/compiler';

export interface CompiledSource {
  /** The module's TypeScript text; absent when the plan has errors. */
  readonly code?: string;
  /** Whether the exact-integer fast path was emitted (statements, payouts), and if not, why. */
  readonly fastPath?: { readonly statements: boolean; readonly payouts: boolean; readonly reason?: string };
  /** Parse, check and compile diagnostics, in that order. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Compiles plan text to a module that imports only @payplan/runtime. `file` names the plan in statements and errors. */
export function compileSource(text: string, file = 'plan.payplan', options: Omit<CompileOptions, 'source'> = {}): CompiledSource {
  const checked = check(text, file);
  if (!checked.ir || hasErrors(checked.diagnostics)) return { diagnostics: checked.diagnostics };
  const compiled = compilePlan(checked.ir, { ...options, source: text });
  const diagnostics = [...checked.diagnostics, ...compiled.diagnostics];
  return { ...(compiled.code !== undefined && { code: compiled.code }), ...(compiled.fastPath && { fastPath: compiled.fastPath }), diagnostics };
}
