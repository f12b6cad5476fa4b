/**
 * Diagnostics as editor markers: the range to underline, the severity, and the message worded as
 * the CLI prints it (`error[N001]: unknown name \`marginn\``, then its notes and `help:` line), so
 * what the playground shows is what `payplan check` prints. Labels become related information.
 */
import { sortDiagnostics, type Diagnostic, type SourceText } from '@payplan/diagnostics';
import { rangeOf, type Range } from './positions.js';

export interface RelatedInformation {
  readonly message: string;
  readonly range: Range;
}

export interface Marker extends Range {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  /** The CLI's wording: header line, then `note:` and `help:` lines. */
  readonly message: string;
  readonly related: readonly RelatedInformation[];
}

/** The CLI's header line for a diagnostic: `error[N001]: unknown name \`x\``. */
export const headline = (d: Diagnostic): string => `${d.severity}[${d.code}]: ${d.message}`;

/** The marker text: the header line, notes and hint, as the CLI words them. */
export function markerMessage(d: Diagnostic): string {
  return [headline(d), ...(d.notes ?? []).map((n) => `note: ${n}`), ...(d.hint ? [`help: ${d.hint}`] : [])].join('\n');
}

/** Markers for the diagnostics that point into `source` (a plan, or a data file). */
export function markers(diagnostics: readonly Diagnostic[], source: SourceText): Marker[] {
  return sortDiagnostics(diagnostics.filter((d) => d.file === source.file)).map((d) => {
    // An empty span (a missing header, say) still needs one character to underline.
    const span = d.span.end > d.span.start ? d.span : { start: d.span.start, end: Math.min(source.text.length, d.span.start + 1) };
    return {
      ...rangeOf(source, span),
      severity: d.severity,
      code: d.code,
      message: markerMessage(d),
      related: (d.labels ?? []).map((l) => ({ message: l.message, range: rangeOf(source, l.span) })),
    };
  });
}
