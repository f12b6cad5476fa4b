/**
 * Names may start with any Unicode letter. The lexer's first-character hint names one character per
 * Chevrotain bucket (see identifierStarts in tokens.ts); this lexes a letter from every bucket of
 * the Basic Multilingual Plane, and letters beyond it, so no bucket can be missed.
 */
import { describe, expect, it } from 'vitest';
import { Identifier, planLexer } from '@payplan/syntax';

/** The first letter of each group of characters Chevrotain files together (codes below 256 alone). */
function oneLetterPerBucket(): string[] {
  const seen = new Set<number>();
  const letters: string[] = [];
  for (let c = 0x80; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c);
    const bucket = c < 256 ? c : 255 + Math.floor(c / 255);
    if (seen.has(bucket) || !/\p{L}/u.test(ch)) continue;
    seen.add(bucket);
    letters.push(ch);
  }
  return letters;
}

describe('Unicode names', () => {
  const letters = oneLetterPerBucket();

  it('covers the letters of every bucket', () => {
    expect(letters.length).toBeGreaterThan(200);
  });

  it('lexes a name starting with a letter from every bucket as one identifier', () => {
    const wrong = letters.filter((ch) => {
      const { tokens, errors } = planLexer.tokenize(`${ch}x`);
      return errors.length > 0 || tokens.length !== 1 || tokens[0]!.tokenType !== Identifier || tokens[0]!.image !== `${ch}x`;
    });
    expect(wrong).toEqual([]);
  });

  it('lexes names in several scripts and beyond the Basic Multilingual Plane', () => {
    for (const name of ['销售额', 'prämie', 'commissão', 'ставка', '𠀋字']) {
      const { tokens, errors } = planLexer.tokenize(name);
      expect(errors).toEqual([]);
      expect(tokens.map((t) => [t.tokenType.name, t.image])).toEqual([['Identifier', name]]);
    }
  });
});
