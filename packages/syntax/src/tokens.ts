/**
 * The plan lexer. Keywords are English and reserved; names may be any Unicode letters (`毛利`).
 * Newlines are significant (one rule per line) and comments are kept in their own group so the
 * printer can put them back. Words whose meaning the checker decides — column types (`money`),
 * rounding modes (`half_up`), settlement frequencies (`quarterly`) — are plain identifiers, so a
 * typo there gets a helpful "did you mean" instead of a parse error.
 */
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';

// Chevrotain's regex analysis does not understand the `u` flag, so identifiers use a custom matcher.
const identifierRe = /[\p{L}_][\p{L}\p{N}_]*/uy;
export const Identifier = createToken({
  name: 'Identifier',
  pattern: (text: string, offset: number) => {
    identifierRe.lastIndex = offset;
    return identifierRe.exec(text);
  },
  line_breaks: false,
  // Chevrotain keeps its first-character fast path only when it knows how every token can start:
  // ASCII letters and `_`, and any non-ASCII character (the matcher decides which are letters).
  start_chars_hint: identifierStarts(),
});

/**
 * The hint for "any non-ASCII character", kept short: Chevrotain files a first character above 255
 * in a bucket of 255 codes (`charCodeToOptimizedIndex`), so one character per bucket stands for the
 * whole bucket. Listing all 65,000 made building the lexer, at every start of the CLI, about 12 ms
 * slower. test/syntax/unicode-names.test.ts lexes letters from every bucket, so a Chevrotain that
 * files characters differently fails the tests rather than the users.
 */
function identifierStarts(): string[] {
  const starts = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_'];
  for (let c = 0x80; c <= 0xff; c++) starts.push(String.fromCharCode(c));
  for (let c = 0x100; c <= 0xffff; c++) if (c === 0x100 || c % 255 === 0) starts.push(String.fromCharCode(c));
  return starts;
}

/** All keywords share a category so the printer and editor can treat them alike. */
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });

const keywordList = [
  'plan', 'currency', 'settle', 'round', 'to', 'per', 'year', 'table', 'by', 'on', 'const', 'let',
  'base', 'sum', 'count', 'of', 'over', 'where', 'commission', 'whole', 'marginal', 'below', 'from',
  'pay', 'bonus', 'when', 'for', 'each', 'in', 'require', 'else', 'exclude', 'and', 'or', 'not', 'is',
  'set', 'true', 'false', 'step', 'highest', 'every', 'at', 'salary', 'floats', 'with', 'rates', 'cap', 'floor',
  'ladder', 'credit', 'rest', 'team', 'clawback', 'within', 'days', 'draw', 'recoverable', 'nonrecoverable', 'split', 'pool', 'example', 'expect', 'active', 'effective', 'history',
  'if', 'then', 'report', 'above', 'fiscal_year', 'group', 'allocate', 'rank', 'contest', 'place',
] as const;
export type KeywordName = (typeof keywordList)[number];

const kw = (word: string): TokenType =>
  createToken({ name: word[0]!.toUpperCase() + word.slice(1), pattern: new RegExp(word), longer_alt: Identifier, categories: [Keyword] });

export const K = Object.fromEntries(keywordList.map((w) => [w, kw(w)])) as Record<KeywordName, TokenType>;
export const keywords: readonly string[] = keywordList;

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\f\u00a0\ufeff]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments' });
export const Newline = createToken({ name: 'Newline', pattern: /\r?\n|\r/, line_breaks: true });

export const DateLit = createToken({ name: 'DateLit', pattern: /\d{4}-\d{2}-\d{2}(?![\d])/ });
export const PercentLit = createToken({ name: 'PercentLit', pattern: /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%/ });
/**
 * A period label in an example: `2026-Q1`, `2026-H2`, `2026-03`, an ISO week `2026-W01`, a fiscal
 * `FY2026-Q1` or `FY2026`, or a biweekly or semi-monthly span `2025-12-29/2026-01-11` (tried before
 * a date, which it starts with).
 */
export const PeriodLit = createToken({
  name: 'PeriodLit',
  pattern: /\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}(?![\d\w-])|\d{4}-(?:Q[1-4]|H[12]|W\d{2}|\d{2})(?![\d\w-])|FY\d{4}(?:-(?:Q[1-4]|H[12]))?(?![\w-])/,
});
export const NumberLit = createToken({ name: 'NumberLit', pattern: /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/ });
export const StringLit = createToken({ name: 'StringLit', pattern: /"(?:[^"\\\r\n]|\\.)*"/ });
/** A string missing its closing quote: lexed as a token so the parser can report it in place. */
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"(?:[^"\\\r\n]|\\.)*/ });

export const DotDot = createToken({ name: 'DotDot', pattern: /\.\./ });
export const Dot = createToken({ name: 'Dot', pattern: /\./ });
export const LessEq = createToken({ name: 'LessEq', pattern: /<=|≤/ });
export const GreaterEq = createToken({ name: 'GreaterEq', pattern: />=|≥/ });
export const NotEq = createToken({ name: 'NotEq', pattern: /!=|≠/ });
export const Less = createToken({ name: 'Less', pattern: /</ });
export const Greater = createToken({ name: 'Greater', pattern: />/ });
export const Equals = createToken({ name: 'Equals', pattern: /=/ });
export const Plus = createToken({ name: 'Plus', pattern: /\+/ });
export const Minus = createToken({ name: 'Minus', pattern: /-|−/ });
export const Star = createToken({ name: 'Star', pattern: /\*|×/ });
export const Slash = createToken({ name: 'Slash', pattern: /\/|÷/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });

export const allTokens: TokenType[] = [
  WhiteSpace, Comment, Newline,
  PeriodLit, DateLit, PercentLit, NumberLit, StringLit, UnterminatedString,
  // Longer keywords first, so `within` is not read as `with` + `in`.
  Keyword, ...[...keywordList].sort((a, b) => b.length - a.length).map((w) => K[w]), Identifier,
  DotDot, Dot, LessEq, GreaterEq, NotEq, Less, Greater, Equals, Plus, Minus, Star, Slash, LParen, RParen, Comma, Colon,
];

export const planLexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: true });

/**
 * Newlines end rules, but blank lines and comment-only lines carry no meaning: collapse runs of
 * newlines into one, drop leading ones, and make sure the text ends with one.
 */
export function normalizeNewlines(tokens: readonly IToken[]): IToken[] {
  const out: IToken[] = [];
  for (const t of tokens) {
    if (t.tokenType === Newline && (out.length === 0 || out[out.length - 1]!.tokenType === Newline)) continue;
    out.push(t);
  }
  const last = out[out.length - 1];
  if (last && last.tokenType !== Newline) {
    const at = (last.endOffset ?? last.startOffset) + 1;
    out.push({
      image: '',
      startOffset: at,
      endOffset: at - 1,
      startLine: last.endLine,
      startColumn: (last.endColumn ?? 0) + 1,
      endLine: last.endLine,
      endColumn: last.endColumn,
      tokenType: Newline,
      tokenTypeIdx: Newline.tokenTypeIdx!,
    } as IToken);
  }
  return out;
}
