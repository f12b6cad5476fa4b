/**
 * Collects the diagnostics of one data file. A badly broken file (a wrong delimiter, a shifted column)
 * can produce an error on every row, so only the first `limit` are kept, followed by one diagnostic
 * saying how many more there were. Diagnostics are built lazily so that, past the limit, counting
 * them costs nothing.
 */
import type { Code, Diagnostic, Label, Span } from '@payplan/diagnostics';

export const MAX_DIAGNOSTICS_PER_FILE = 50;

export interface DiagnosticParts {
  readonly span: Span;
  readonly message: string;
  readonly labels?: readonly Label[];
  readonly notes?: readonly string[];
  readonly hint?: string;
}

export class FileDiagnostics {
  private readonly items: Diagnostic[] = [];
  private suppressed = 0;
  private firstSuppressed: Diagnostic | undefined;
  private errors = 0;

  constructor(
    readonly file: string,
    readonly limit: number = MAX_DIAGNOSTICS_PER_FILE,
  ) {}

  /** Reports an error; `make` runs only if the diagnostic will be shown (or summarises the hidden ones). */
  error(code: Code, make: () => DiagnosticParts): void {
    this.errors++;
    if (this.items.length < this.limit) {
      this.items.push(this.build(code, make()));
    } else {
      if (this.suppressed === 0) this.firstSuppressed = this.build(code, make());
      this.suppressed++;
    }
  }

  /** How many errors were reported, shown or not. */
  get errorCount(): number {
    return this.errors;
  }

  /** The diagnostics to show, in file order: at most `limit`, then one "and N more" if any were left out. */
  finish(): Diagnostic[] {
    const out = this.items.slice().sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    const first = this.firstSuppressed;
    if (first !== undefined) {
      out.push({
        code: first.code,
        severity: 'info',
        message: `${this.file}: and ${this.suppressed} more problem${this.suppressed === 1 ? '' : 's'} not shown (only the first ${this.limit} are listed); the next one: ${first.message}`,
        file: this.file,
        span: first.span,
      });
    }
    return out;
  }

  private build(code: Code, p: DiagnosticParts): Diagnostic {
    const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { code, severity: 'error', message: p.message, file: this.file, span: p.span };
    if (p.labels && p.labels.length) d.labels = p.labels;
    if (p.notes && p.notes.length) d.notes = p.notes;
    if (p.hint !== undefined) d.hint = p.hint;
    return d;
  }
}
