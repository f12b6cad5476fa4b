/**
 * Diagnostics are data: every pass returns them beside its value instead of throwing. A diagnostic
 * points at a span of a named file (a plan, or a data file) and carries a stable code from the
 * catalogue in `codes.ts`.
 */
import type { Span } from './span.js';
import type { Code } from './codes.js';

export type Severity = 'error' | 'warning' | 'info';

/** A secondary span with a short label, shown under the main one. */
export interface Label {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
  /** Which source the span is in: the plan file name, or a data file name. */
  readonly file: string;
  readonly span: Span;
  readonly labels?: readonly Label[];
  readonly notes?: readonly string[];
  /** A suggestion the reader can act on, e.g. "did you mean `margin`?". */
  readonly hint?: string;
}

/** What every pass returns: a value (possibly partial) and what it found wrong. */
export interface Result<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');

/** Collects diagnostics for one file during a pass. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  constructor(readonly file: string) {}

  error(code: Code, span: Span, message: string, extra: Partial<Pick<Diagnostic, 'labels' | 'notes' | 'hint'>> = {}): void {
    this.items.push({ code, severity: 'error', message, file: this.file, span, ...extra });
  }

  warning(code: Code, span: Span, message: string, extra: Partial<Pick<Diagnostic, 'labels' | 'notes' | 'hint'>> = {}): void {
    this.items.push({ code, severity: 'warning', message, file: this.file, span, ...extra });
  }

  get hasErrors(): boolean {
    return hasErrors(this.items);
  }
}
