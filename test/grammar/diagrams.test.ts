/**
 * The generated grammar views must match the parser: grammar/diagrams.html and grammar/grammar.ebnf
 * are regenerated in memory from PlanParser and compared with the checked-in files, so a change to
 * the grammar cannot land without its diagrams (`pnpm diagrams` rewrites both).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { keywords } from '@payplan/syntax';
import { diagramsFile, ebnfFile, productions, renderDiagrams, renderEbnf } from '../../scripts/gen-diagrams.js';

/** The first line where two texts differ, so the message says what changed. */
function firstDifference(checkedIn: string, generated: string): string {
  const a = checkedIn.split('\n');
  const b = generated.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `first difference at line ${i + 1}:\n  checked in: ${a[i] ?? '(end of file)'}\n  generated:  ${b[i] ?? '(end of file)'}`;
  }
  return 'no difference';
}

function expectCurrent(file: URL, generated: string): void {
  let checkedIn = '';
  try {
    checkedIn = readFileSync(file, 'utf8');
  } catch {
    // a missing file is reported as a difference
  }
  if (checkedIn === generated) return;
  const name = fileURLToPath(file).replace(/^.*[\\/]grammar[\\/]/, 'grammar/');
  throw new Error(`${name} does not match the parser: run \`pnpm diagrams\` and commit the result.\n${firstDifference(checkedIn, generated)}`);
}

describe('generated grammar views', () => {
  const grammar = productions();

  it('grammar/grammar.ebnf is up to date (run `pnpm diagrams`)', () => expectCurrent(ebnfFile, renderEbnf(grammar)));

  it('grammar/diagrams.html is up to date (run `pnpm diagrams`)', async () => expectCurrent(diagramsFile, await renderDiagrams(grammar)));

  it('the EBNF has one rule per parser rule, in the parser\'s order', () => {
    const ebnf = renderEbnf(grammar);
    const names = [...ebnf.matchAll(/^(\w+) ::=/gm)].map((m) => m[1]);
    expect(names.slice(0, grammar.length)).toEqual(grammar.map((r) => (r as { readonly name?: string }).name));
  });

  it('the EBNF lists every keyword of the lexer', () => {
    const line = renderEbnf(grammar).split('\n').find((l) => l.startsWith('(* Keywords')) ?? '';
    expect(line.replace(/^.*:\s*|\s*\*\)$/g, '').split(/\s+/).sort()).toEqual([...keywords].sort());
  });
});
