/**
 * Where a position stands in a plan, read from tokens rather than the AST so it works on the
 * half-typed line an editor is always showing: which top-level chunk it is in (the parser splits the
 * plan the same way: a top-level keyword at the start of a line opens a chunk), what precedes it on
 * its line, whether it is inside a row scope (`for each`, `sum of … over`, a `where`) or a band's
 * `pay`, and whether it follows `name.`.
 */
import { K, Newline, planParser, Identifier, Dot, type KeywordName } from '@payplan/syntax';
import type { IToken, TokenType } from 'chevrotain';
import type { Analysis } from './analyze.js';

export type ChunkKind = 'none' | 'header' | 'table' | 'const' | 'let' | 'base' | 'commission' | 'bonus' | 'forEach' | 'stepBonus' | 'salary' | 'rates' | 'cap' | 'ladder' | 'credit' | 'clawback' | 'other';

export interface Context {
  /** Offset where the word at the position starts (the position itself when there is no word). */
  readonly wordStart: number;
  /** The identifier characters before the position. */
  readonly word: string;
  readonly kind: ChunkKind;
  /** The chunk's tokens before the word, newlines included (runs collapsed). */
  readonly before: readonly IToken[];
  /** Every token of the chunk. */
  readonly chunk: readonly IToken[];
  /** Tokens on the position's line before the word. */
  readonly lineBefore: readonly IToken[];
  /** Only whitespace precedes the word on its line. */
  readonly atLineStart: boolean;
  /** The position is on the chunk's first line. */
  readonly onHeaderLine: boolean;
  /** Inside a row scope: the table whose columns are in scope, and the row variable's name. */
  readonly row?: { readonly table: string; readonly variable?: string };
  /** Inside a band's `pay` (where `excess` is defined). */
  readonly band: boolean;
  /** `deal.` or `quotas.` just before the word. */
  readonly qualifier?: string;
}

const chunkKinds = new Map<TokenType, ChunkKind>([
  [K.plan, 'header'],
  [K.table, 'table'],
  [K.const, 'const'],
  [K.let, 'let'],
  [K.base, 'base'],
  [K.commission, 'commission'],
  [K.bonus, 'bonus'],
  [K.for, 'forEach'],
]);
const optionalKinds: [string, ChunkKind][] = [
  ['step', 'stepBonus'],
  ['salary', 'salary'],
  ['rates', 'rates'],
  ['cap', 'cap'],
  ['floor', 'cap'],
  ['ladder', 'ladder'],
  ['split', 'rates'],
  ['credit', 'credit'],
  ['clawback', 'clawback'],
  ['team', 'other'],
  ['draw', 'other'],
  ['pool', 'other'],
  ['group', 'other'],
  ['allocate', 'other'],
  ['contest', 'other'],
  ['example', 'other'],
  ['active', 'other'],
];
for (const [word, kind] of optionalKinds) {
  const t = (K as Partial<Record<string, TokenType>>)[word];
  if (t) chunkKinds.set(t, kind);
}

let topLevel: Set<TokenType> | undefined;
/** Token types that open a declaration (from the grammar itself), plus `plan`. */
export function topLevelTokens(): Set<TokenType> {
  if (!topLevel) {
    topLevel = new Set([K.plan]);
    try {
      for (const p of planParser().computeContentAssist('declaration', [])) topLevel.add(p.nextTokenType);
    } catch {
      for (const t of chunkKinds.keys()) topLevel.add(t);
    }
  }
  return topLevel;
}

export const isKeyword = (t: TokenType): boolean => (Object.values(K) as TokenType[]).includes(t);
export const keywordOf = (t: TokenType): KeywordName | undefined =>
  (Object.entries(K) as [KeywordName, TokenType][]).find(([, v]) => v === t)?.[0];

const wordBefore = /[\p{L}\p{N}_]*$/u;

export function contextAt(a: Analysis, offset: number): Context {
  const { text, tokens } = a;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const word = wordBefore.exec(text.slice(lineStart, offset))?.[0] ?? '';
  const wordStart = offset - word.length;
  const atLineStart = text.slice(lineStart, wordStart).trim() === '';

  // Tokens strictly before the word.
  let n = 0;
  while (n < tokens.length && (tokens[n]!.endOffset ?? tokens[n]!.startOffset) + 1 <= wordStart) n++;
  const top = topLevelTokens();
  // A declaration's first token; `let deal.markup = …` is a rule of a `for each` block, as the parser reads it.
  const opens = (i: number) => top.has(tokens[i]!.tokenType) && !(tokens[i]!.tokenType === K.let && tokens[i + 2]?.tokenType === Dot);
  let start = -1;
  for (let i = n - 1; i >= 0; i--) {
    const prev = tokens[i - 1];
    if ((i === 0 || prev!.tokenType === Newline) && opens(i)) {
      start = i;
      break;
    }
  }
  let end = tokens.length;
  for (let i = Math.max(start + 1, n); i < tokens.length; i++) {
    if (tokens[i - 1]?.tokenType === Newline && opens(i)) {
      end = i;
      break;
    }
  }
  const chunk = start < 0 ? [] : collapse(tokens.slice(start, end));
  const before = start < 0 ? [] : collapse(tokens.slice(start, n));
  const first = chunk[0];
  let kind: ChunkKind = first ? (chunkKinds.get(first.tokenType) ?? 'none') : 'none';
  if (kind === 'stepBonus' && chunk[1]?.tokenType !== K.bonus) kind = 'none';
  const lineBefore = tokens.slice(0, n).filter((t) => t.startOffset >= lineStart && t.tokenType !== Newline);
  const headerDone = before.some((t) => t.tokenType === Newline);

  const last = before[before.length - 1];
  const qualifier = last?.tokenType === Dot && before[before.length - 2]?.tokenType === Identifier ? before[before.length - 2]!.image : undefined;

  const row = rowScope(kind, chunk, before, headerDone);
  const band = (kind === 'commission' || kind === 'salary' || kind === 'stepBonus') && headerDone && lineBefore.some((t) => t.tokenType === K.pay);
  return {
    wordStart,
    word,
    kind,
    before,
    chunk,
    lineBefore,
    atLineStart,
    onHeaderLine: !headerDone,
    ...(row && { row }),
    band,
    ...(qualifier !== undefined && { qualifier }),
  };
}

/** Newlines end rules; blank lines carry nothing. Collapse runs, as the parser's input does. */
function collapse(ts: readonly IToken[]): IToken[] {
  const out: IToken[] = [];
  for (const t of ts) {
    if (t.tokenType === Newline && (out.length === 0 || out[out.length - 1]!.tokenType === Newline)) continue;
    out.push(t);
  }
  return out;
}

const identAfter = (ts: readonly IToken[], type: TokenType): IToken | undefined => {
  const i = ts.findIndex((t) => t.tokenType === type);
  const next = i >= 0 ? ts[i + 1] : undefined;
  return next?.tokenType === Identifier ? next : undefined;
};

function rowScope(kind: ChunkKind, chunk: readonly IToken[], before: readonly IToken[], headerDone: boolean): Context['row'] {
  if (kind === 'forEach') {
    const headerLine = chunk.slice(0, Math.max(0, chunk.findIndex((t) => t.tokenType === Newline)) || chunk.length);
    const table = identAfter(headerLine, K.in);
    const variable = identAfter(headerLine, K.each);
    if (!table) return undefined;
    if (headerDone || before.some((t) => t.tokenType === K.where)) return { table: table.image, ...(variable && { variable: variable.image }) };
    return undefined;
  }
  if (kind === 'clawback') {
    // `clawback deal in deals when cancelled within 90 days`: the condition reads the row.
    const table = identAfter(chunk, K.in);
    const variable = identAfter(chunk, chunk[0]!.tokenType);
    return table && before.some((t) => t.tokenType === K.when) ? { table: table.image, ...(variable && { variable: variable.image }) } : undefined;
  }
  if (kind === 'credit') {
    // `credit deals` then one rule per line: their conditions and shares read the row.
    const table = chunk[1]?.tokenType === Identifier ? chunk[1] : undefined;
    return table && headerDone ? { table: table.image } : undefined;
  }
  if (kind === 'base') {
    const table = identAfter(chunk, K.over) ?? (chunk.some((t) => t.tokenType === K.count) ? identAfter(chunk, K.of) : undefined);
    if (!table) return undefined;
    const inSum = before.some((t) => t.tokenType === K.sum) && before.some((t) => t.tokenType === K.of) && !before.some((t) => t.tokenType === K.over);
    const inWhere = before.some((t) => t.tokenType === K.where);
    return inSum || inWhere ? { table: table.image } : undefined;
  }
  return undefined;
}
