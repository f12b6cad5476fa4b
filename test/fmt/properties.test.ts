/**
 * Formatter properties. For every example plan and every fmt case: formatting is idempotent, keeps
 * the AST (positions aside) and keeps every comment; and re-spacing a plan at random (spaces
 * between tokens, indentation of code lines, extra blank lines) formats to the same text. For
 * random plans generated as ASTs: the printed text parses back to the same AST, is a fixed point,
 * and stays so when comments and blank lines are sprinkled through it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Newline, planLexer, printPlan } from '@payplan/syntax';
import { plansUnder, root } from '../support/plans.js';
import { commentBody, plan as planArb } from './arbitrary.js';
import { commentPlaces, commentTexts, fmt, parseClean, stripSpans, trailingWhitespace } from './support.js';

type IToken = ReturnType<typeof planLexer.tokenize>['tokens'][number];

const files = [...plansUnder('examples'), ...plansUnder('test/fmt/cases')];

/** Rebuilds a plan line by line from its tokens with random spacing; layout-only changes. */
function respace(text: string, rand: () => number): string {
  const lexed = planLexer.tokenize(text);
  const all: IToken[] = [...lexed.tokens.filter((t) => t.tokenType !== Newline), ...(lexed.groups['comments'] ?? [])];
  const byLine = new Map<number, IToken[]>();
  for (const t of all) byLine.set(t.startLine ?? 0, [...(byLine.get(t.startLine ?? 0) ?? []), t]);
  const lastLine = Math.max(0, ...byLine.keys());
  const spaces = (min: number, max: number) => ' '.repeat(min + Math.floor(rand() * (max - min + 1)));
  const out: string[] = [];
  for (let n = 1; n <= lastLine; n++) {
    const tokens = (byLine.get(n) ?? []).sort((a, b) => a.startOffset - b.startOffset);
    const first = tokens[0];
    if (!first) {
      // A blank line: one, two or three of them, some holding stray spaces.
      for (let k = Math.floor(rand() * 3); k >= 0; k--) out.push(spaces(0, 2));
      continue;
    }
    // An own-line comment keeps whether it was indented; code lines take any indentation.
    const ownLineComment = first.tokenType.name === 'Comment';
    const indented = first.startColumn !== undefined && first.startColumn > 1;
    const indent = ownLineComment ? (indented ? spaces(1, 6) : '') : spaces(0, 6);
    out.push(indent + tokens.map((t) => t.image).reduce((acc, img) => `${acc}${spaces(1, 3)}${img}`));
  }
  return out.join(rand() < 0.5 ? '\n' : '\r\n') + '\n';
}

describe('formatting the example plans and the fmt cases', () => {
  it('finds the plans', () => expect(files.length).toBeGreaterThanOrEqual(8));
  for (const file of files) {
    describe(file, () => {
      const text = readFileSync(join(root, file), 'utf8');
      const original = parseClean(text, file);
      const once = fmt(text);

      it('is idempotent', () => expect(fmt(once)).toBe(once));
      it('keeps the AST', () => expect(stripSpans(parseClean(once))).toEqual(stripSpans(original)));
      it('keeps every comment', () => expect(commentTexts(parseClean(once))).toEqual(commentTexts(original)));
      it('keeps end-of-line comments at line ends and own-line comments on their own lines', () =>
        expect(commentPlaces(parseClean(once), once)).toEqual(commentPlaces(original, text)));
      it('ends with one newline and has no trailing whitespace', () => {
        expect(once.endsWith('\n') && !once.endsWith('\n\n')).toBe(true);
        expect(trailingWhitespace(once)).toEqual([]);
        expect(once).not.toMatch(/\n\n\n/);
      });
      it('does not depend on spacing, indentation of code or repeated blank lines', () => {
        fc.assert(
          fc.property(fc.integer(), (seed) => {
            let s = seed;
            const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) | 0) >>> 8) / 0x1000000;
            expect(fmt(respace(text, rand))).toBe(once);
          }),
          { numRuns: 25 },
        );
      });
    });
  }
});

/** Adds comments on their own lines (at any indentation), comments at line ends, and blank lines. */
const sprinkle = (text: string) =>
  fc
    .array(fc.tuple(fc.nat(3), fc.option(commentBody, { nil: undefined }), fc.constantFrom('', '  ', '    ', '\t'), fc.option(commentBody, { nil: undefined })), {
      minLength: text.split('\n').length,
      maxLength: text.split('\n').length,
    })
    .map((edits) => {
      const lines = text.split('\n');
      const out: string[] = [];
      lines.forEach((l, i) => {
        const [blanks, own, indent, trailing] = edits[i] ?? [0, undefined, '', undefined];
        if (blanks === 3) out.push('');
        if (own !== undefined) out.push(`${indent}#${own}`);
        out.push(trailing !== undefined && l.trim() !== '' ? `${l} #${trailing}` : l);
      });
      return out.join('\n');
    });

describe('random plans generated as ASTs', () => {
  it('print, then parse, gives the same AST; printing is a fixed point', () => {
    fc.assert(
      fc.property(planArb, (ast) => {
        const printed = printPlan(ast, '');
        expect(stripSpans(parseClean(printed))).toEqual(stripSpans(ast));
        expect(fmt(printed)).toBe(printed);
        expect(trailingWhitespace(printed)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every comment and the AST wherever comments and blank lines are added', () => {
    fc.assert(
      fc.property(planArb.chain((ast) => sprinkle(printPlan(ast, '')).map((text) => ({ ast, text }))), ({ ast, text }) => {
        const parsed = parseClean(text);
        const once = fmt(text);
        const reparsed = parseClean(once);
        expect(stripSpans(reparsed)).toEqual(stripSpans(ast));
        expect(commentTexts(reparsed)).toEqual(commentTexts(parsed));
        expect(commentPlaces(reparsed, once)).toEqual(commentPlaces(parsed, text));
        expect(fmt(once)).toBe(once);
        expect(trailingWhitespace(once)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
