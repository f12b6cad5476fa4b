import { describe, expect, it } from 'vitest';
import { columnTypes as runtimeColumnTypes } from '@payplan/runtime';
import { keywords as lexerKeywords } from '@payplan/syntax';
import { columnTypes, keywords, language } from '../../grammar/monarch.js';

describe('the Monarch grammar', () => {
  it('highlights exactly the lexer\'s keywords', () => {
    const missing = lexerKeywords.filter((k) => !keywords.includes(k));
    const extra = keywords.filter((k) => !lexerKeywords.includes(k));
    expect({ missing, extra }, 'update the keyword list in grammar/monarch.ts').toEqual({ missing: [], extra: [] });
  });

  it('knows every column type', () => {
    expect(runtimeColumnTypes.filter((t) => !columnTypes.includes(t))).toEqual([]);
  });

  it('has rules that compile and match what they claim to', () => {
    const rules = [...language.tokenizer.root, ...language.tokenizer.string] as unknown as [RegExp, unknown][];
    for (const [re] of rules) expect(() => new RegExp(re.source, re.flags)).not.toThrow();
    const first = (text: string) => rules.find(([re]) => new RegExp(`^(?:${re.source})`, re.flags.replace('g', '')).test(text))?.[1];
    expect(first('# a comment')).toBe('comment');
    expect(first('2026-02-10')).toBe('number.date');
    expect(first('20%')).toBe('number.percent');
    expect(first('2,000.50')).toBe('number');
    expect(first('let T1 = 60% of T')).toEqual(['keyword', 'white', 'variable.name']);
    expect(first('for each deal in deals')).toEqual(['keyword', 'white', 'keyword', 'white', 'variable.name']);
  });
});
