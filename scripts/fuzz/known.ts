/**
 * Failures already filed in issue 11 (and being fixed there in parallel): the campaign marks a
 * finding that matches one as known, so a run's report separates them from new findings.
 */
import type { Finding } from './findings.js';

const known: readonly { readonly matches: (f: Finding) => boolean; readonly note: string }[] = [
  { matches: (f) => /Maximum call stack size exceeded/.test(f.signature + f.detail), note: 'issue 11 §1: deep nesting overflows the stack' },
  { matches: (f) => /SyntaxError|TransformError/.test(f.signature) && /\.generated\//.test(f.detail), note: 'issue 11 §2: a generated module that does not load (Unicode 16 names)' },
  { matches: (f) => f.input.campaign === 'probes' && /^(consts|comments|long-name|money-cell) /.test(f.input.label), note: 'issue 11 §6: quadratic cost (L001, fmt, table output)' },
  { matches: (f) => f.input.campaign === 'probes' && /^bad-cell /.test(f.input.label), note: 'issue 11 §7: a huge bad cell echoed in its message' },
  { matches: (f) => f.input.campaign === 'probes' && /^rows /.test(f.input.label), note: 'issue 11 §5: millions of rows exhaust the heap' },
];

/** The issue-11 item a finding belongs to, if any. */
export const knownAs = (f: Finding): string | undefined => known.find((k) => k.matches(f))?.note;
