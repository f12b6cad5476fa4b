/**
 * What the word at a position denotes: a declared name (at its definition or a use), a column type,
 * a setting word, a function, `excess`, or a keyword. Hover and go-to-definition both read this, so
 * they never disagree. Name lookup follows the checker's order: the row's own columns, then `excess`
 * in a band, then plan values, then per-payee columns, then tables.
 */
import { Dot, Identifier, K, LParen, Newline } from '@payplan/syntax';
import type { IToken } from 'chevrotain';
import { tokenAt, type Analysis, type PlanSymbol } from './analyze.js';
import { contextAt, isKeyword, keywordOf, type Context } from './context.js';
import { builtinDocs, functionDocs } from './words.js';

export type Resolved =
  | { readonly kind: 'symbol'; readonly symbol: PlanSymbol; readonly at: 'definition' | 'use' }
  | { readonly kind: 'columnType'; readonly word: string }
  | { readonly kind: 'modifier'; readonly word: string }
  | { readonly kind: 'setting'; readonly setting: 'currency' | 'settle' | 'round' | 'point' | 'per'; readonly word: string }
  | { readonly kind: 'function'; readonly name: string }
  | { readonly kind: 'excess' }
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'keyword'; readonly word: string }
  | { readonly kind: 'unknown'; readonly name: string };

export interface ResolvedAt {
  readonly token: IToken;
  readonly resolved: Resolved;
  readonly context: Context;
}

export function resolveAt(a: Analysis, offset: number): ResolvedAt | undefined {
  const token = tokenAt(a.tokens, offset);
  if (!token || token.tokenType === Newline) return undefined;
  const context = contextAt(a, token.startOffset);
  if (isKeyword(token.tokenType) && token.tokenType !== Identifier) {
    const word = keywordOf(token.tokenType) ?? token.image;
    // `count` is also a column type.
    if (word === 'count' && context.kind === 'table' && !context.onHeaderLine && context.lineBefore.length === 1) return { token, context, resolved: { kind: 'columnType', word } };
    // `round(…)` and `floor(…)` in an expression are functions.
    if (word in functionDocs && a.tokens[a.tokens.indexOf(token) + 1]?.tokenType === LParen) return { token, context, resolved: { kind: 'function', name: word } };
    return { token, context, resolved: { kind: 'keyword', word } };
  }
  if (token.tokenType !== Identifier) return undefined;
  const resolved = resolveIdentifier(a, token, context);
  return resolved && { token, context, resolved };
}

function definedAt(a: Analysis, token: IToken): PlanSymbol | undefined {
  const s = a.symbols;
  const all = [...s.values.values(), ...s.tables.values(), ...[...s.columns.values()].flat(), ...s.components, ...s.rows];
  return all.find((x) => x.span.start === token.startOffset && x.name === token.image);
}

function resolveIdentifier(a: Analysis, token: IToken, cx: Context): Resolved | undefined {
  const name = token.image;
  const prev = cx.lineBefore[cx.lineBefore.length - 1];
  const s = a.symbols;
  const def = definedAt(a, token);
  if (def) return { kind: 'symbol', symbol: def, at: 'definition' };

  switch (cx.kind) {
    case 'header': {
      const settings = { [K.currency.name]: 'currency', [K.settle.name]: 'settle', [K.round.name]: 'round', [K.per.name]: 'point' } as const;
      const setting = prev ? settings[prev.tokenType.name] : undefined;
      if (setting) return { kind: 'setting', setting, word: name };
      return undefined;
    }
    case 'table': {
      const table = cx.chunk[1]?.image ?? '';
      if (cx.onHeaderLine) {
        if (prev?.tokenType === K.per) return { kind: 'setting', setting: 'per', word: name };
        if (prev?.tokenType === K.by || prev?.tokenType === K.on) {
          const col = s.columns.get(table)?.find((c) => c.name === name);
          return col ? { kind: 'symbol', symbol: col, at: 'use' } : { kind: 'unknown', name };
        }
        return undefined;
      }
      if (cx.lineBefore.length === 1) return { kind: 'columnType', word: name };
      if (cx.lineBefore.length >= 2) return { kind: 'modifier', word: name };
      return undefined;
    }
    case 'base':
      if (prev?.tokenType === K.over || (prev?.tokenType === K.of && cx.lineBefore[cx.lineBefore.length - 2]?.tokenType === K.count)) return table(a, name);
      break;
    case 'forEach':
      if (cx.onHeaderLine && prev?.tokenType === K.in) return table(a, name);
      break;
    case 'cap':
      if (cx.lineBefore.length === 1) {
        const c = s.components.find((x) => x.name === name);
        return c ? { kind: 'symbol', symbol: c, at: 'use' } : name === 'payout' ? { kind: 'builtin', name } : { kind: 'unknown', name };
      }
      break;
    default:
      break;
  }
  return reference(a, token, cx);
}

function table(a: Analysis, name: string): Resolved {
  const t = a.symbols.tables.get(name);
  return t ? { kind: 'symbol', symbol: t, at: 'use' } : { kind: 'unknown', name };
}

/** A name used in an expression. */
function reference(a: Analysis, token: IToken, cx: Context): Resolved {
  const name = token.image;
  const s = a.symbols;
  const next = a.tokens[a.tokens.indexOf(token) + 1];
  const use = (symbol: PlanSymbol | undefined): Resolved => (symbol ? { kind: 'symbol', symbol, at: 'use' } : { kind: 'unknown', name });
  const columnOf = (table: string) => s.columns.get(table)?.find((c) => c.name === name);

  if (next?.tokenType === Dot) {
    if (cx.row && name === cx.row.variable) return use(s.rows.find((r) => r.name === name && r.table === cx.row!.table));
    return table(a, name);
  }
  if (cx.qualifier !== undefined) {
    const q = cx.qualifier;
    if (cx.row && (q === cx.row.variable || q === cx.row.table)) return use(columnOf(cx.row.table));
    return use(columnOf(q));
  }
  if (cx.row) {
    const col = columnOf(cx.row.table);
    if (col) return use(col);
  }
  if (name === 'excess' && cx.band) return { kind: 'excess' };
  const value = s.values.get(name);
  if (value) return use(value);
  for (const [tableName, cols] of s.columns) {
    const t = s.tables.get(tableName);
    if (t?.type === 'rows') continue;
    const col = cols.find((c) => c.name === name);
    if (col) return use(col);
  }
  if (s.tables.has(name)) return table(a, name);
  if (name in functionDocs && next?.tokenType === LParen) return { kind: 'function', name };
  const component = s.components.find((c) => c.name === name);
  if (component) return use(component);
  if (name in builtinDocs) return { kind: 'builtin', name };
  return { kind: 'unknown', name };
}
