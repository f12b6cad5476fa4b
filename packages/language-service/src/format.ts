/**
 * Formatting on demand: one edit replacing the whole document with the plan printer's output
 * (`printPlan` from @payplan/syntax, the formatter `payplan fmt` uses). A plan with syntax errors is
 * never formatted: printing a partial tree would drop what the author typed.
 */
import { hasErrors } from '@payplan/diagnostics';
import { parsePlan, printPlan } from '@payplan/syntax';
import type { Analysis } from './analyze.js';
import { rangeOf, type Range } from './positions.js';

export interface TextEdit {
  readonly range: Range;
  readonly text: string;
}

export interface Formatting {
  readonly edits: readonly TextEdit[];
  /** Why there are no edits, when the text could not be formatted. */
  readonly reason?: string;
}

export function format(a: Analysis): Formatting {
  const parsed = parsePlan(a.text, a.file);
  if (hasErrors(parsed.diagnostics)) return { edits: [], reason: 'fix the syntax errors first: formatting a plan that does not parse would lose text' };
  let out: string;
  try {
    out = printPlan(parsed.value.plan, a.text);
  } catch (e) {
    return { edits: [], reason: `the formatter failed: ${(e as Error).message}` };
  }
  if (out === a.text) return { edits: [] };
  return { edits: [{ range: rangeOf(a.source, { start: 0, end: a.text.length }), text: out }] };
}
