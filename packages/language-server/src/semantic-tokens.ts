/**
 * Semantic tokens: keywords, literals and comments from the lexer; each name coloured by what it
 * denotes (a table, a column, a value, a rule, a row variable), resolved as hover resolves it, so a
 * column and a constant of the same spelling look different where the checker reads them differently.
 */
import type { Analysis, SymbolKind } from '@payplan/language-service';
import { resolveAt } from '@payplan/language-service';
import { Comment, DateLit, Identifier, Keyword, NumberLit, PercentLit, PeriodLit, planLexer, StringLit } from '@payplan/syntax';
import type { IToken } from 'chevrotain';
import { tokenMatcher } from 'chevrotain';

export const tokenTypes = ['keyword', 'type', 'property', 'variable', 'function', 'parameter', 'number', 'string', 'comment'] as const;
export const tokenModifiers = ['declaration', 'readonly'] as const;
export type TokenTypeName = (typeof tokenTypes)[number];

const bySymbol: Record<SymbolKind, TokenTypeName> = {
  table: 'type',
  group: 'variable',
  column: 'property',
  const: 'variable',
  let: 'variable',
  base: 'variable',
  rates: 'variable',
  team: 'variable',
  component: 'function',
  row: 'parameter',
};

export interface SemanticToken {
  readonly offset: number;
  readonly length: number;
  readonly type: TokenTypeName;
  /** Bit set over `tokenModifiers`. */
  readonly modifiers: number;
}

function classify(a: Analysis, t: IToken): Omit<SemanticToken, 'offset' | 'length'> | undefined {
  if (tokenMatcher(t, Keyword)) return { type: 'keyword', modifiers: 0 };
  if (t.tokenType === NumberLit || t.tokenType === PercentLit || t.tokenType === DateLit || t.tokenType === PeriodLit) return { type: 'number', modifiers: 0 };
  if (t.tokenType === StringLit) return { type: 'string', modifiers: 0 };
  if (t.tokenType === Comment) return { type: 'comment', modifiers: 0 };
  if (t.tokenType !== Identifier) return undefined;
  const r = resolveAt(a, t.startOffset)?.resolved;
  if (r?.kind !== 'symbol') return r?.kind === 'function' ? { type: 'function', modifiers: 0 } : undefined;
  const declaration = r.at === 'definition' ? 1 : 0;
  const readonly = r.symbol.kind === 'const' ? 2 : 0;
  return { type: bySymbol[r.symbol.kind], modifiers: declaration | readonly };
}

/** The plan's tokens in document order, each with its semantic type. */
export function semanticTokens(a: Analysis): SemanticToken[] {
  const lexed = planLexer.tokenize(a.text);
  const all = [...lexed.tokens, ...(lexed.groups['comments'] ?? [])].sort((x, y) => x.startOffset - y.startOffset);
  const out: SemanticToken[] = [];
  for (const t of all) {
    const c = classify(a, t);
    if (c) out.push({ offset: t.startOffset, length: t.image.length, ...c });
  }
  return out;
}
