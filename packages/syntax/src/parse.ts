/**
 * Text → AST with every syntax error. The token stream is cut into top-level chunks (the header and
 * each declaration start with their own keyword at the start of a line) and each chunk is parsed on
 * its own, so an error in one rule never hides the errors in the next. Inside a chunk, Chevrotain's
 * recovery resumes after the offending token or line. A chunk nested deeper than the parser's
 * recursion allows is reported (P006) and skipped before it is parsed (nesting.ts).
 */
import type { IToken, IRecognitionException } from 'chevrotain';
import { DiagnosticBag, type Result } from '@payplan/diagnostics';
import type { Comment, Decl, Plan, PlanHeader } from './ast.js';
import { declarationToAst, headerToAst, tokenSpan } from './cst-to-ast.js';
import { nestingProblem } from './nesting.js';
import { planParser } from './parser.js';
import { Dot, K, Newline, normalizeNewlines, planLexer, UnterminatedString } from './tokens.js';

const topLevel = new Set([K.plan, K.table, K.const, K.let, K.base, K.commission, K.bonus, K.for, K.step, K.salary, K.rates, K.cap, K.floor, K.ladder, K.credit, K.team, K.clawback, K.draw, K.split, K.pool, K.example, K.active, K.history, K.report, K.group, K.allocate, K.contest]);

export interface ParseOutput {
  readonly plan: Plan;
  /** The tokens (after newline normalisation), for editors: highlighting and completion. */
  readonly tokens: readonly IToken[];
}

export function parsePlan(text: string, file = 'plan.payplan'): Result<ParseOutput> {
  const bag = new DiagnosticBag(file);
  const lexed = planLexer.tokenize(text);
  for (const e of lexed.errors) {
    const ch = text.slice(e.offset, e.offset + e.length);
    bag.error('P002', { start: e.offset, end: e.offset + Math.max(1, e.length) }, `this character cannot appear in a plan: "${ch}"`, {
      hint: ch === '"' ? 'strings are written between double quotes' : 'names use letters, digits and _; comments start with #',
    });
  }
  for (const t of lexed.tokens) {
    if (t.tokenType === UnterminatedString) bag.error('P003', tokenSpan(t), 'this text is missing its closing quote', { hint: 'add `"` before the end of the line' });
  }
  const tokens = normalizeNewlines(lexed.tokens.filter((t) => t.tokenType !== UnterminatedString));
  const comments: Comment[] = (lexed.groups['comments'] ?? []).map((t) => ({ text: t.image.replace(/\s+$/, ''), span: tokenSpan(t) }));

  const parser = planParser();
  let header: PlanHeader | undefined;
  const decls: Decl[] = [];
  for (const chunk of chunks(tokens)) {
    // Too deep for the parser's recursion (and every later stage's): reported, and not parsed.
    const deep = nestingProblem(chunk);
    if (deep) {
      bag.error('P006', tokenSpan(deep.token), deep.message, { hint: deep.hint });
      continue;
    }
    parser.input = chunk;
    const first = chunk[0]!;
    if (first.tokenType === K.plan) {
      const cst = parser.planHeader();
      const h = headerToAst(cst);
      if (header && h) bag.error('S002', h.span, 'a plan has one header; this is a second `plan` line', { labels: [{ span: header.span, message: 'first header here' }] });
      else header = h ?? header;
    } else {
      const cst = parser.declaration();
      const d = declarationToAst(cst);
      if (d) decls.push(d);
    }
    for (const e of parser.errors) report(bag, e);
  }
  const plan: Plan = { kind: 'Plan', ...(header && { header }), decls, comments, span: { start: 0, end: text.length } };
  return { value: { plan, tokens }, diagnostics: bag.items };
}

/** Splits the token stream before every top-level keyword that starts a line. */
export function chunks(tokens: readonly IToken[]): IToken[][] {
  const out: IToken[][] = [];
  let current: IToken[] = [];
  tokens.forEach((t, i) => {
    const startsLine = i === 0 || tokens[i - 1]!.tokenType === Newline;
    // `let deal.markup = …` is a rule of the `for each` block it is in, not a plan-level `let`.
    const rowLet = t.tokenType === K.let && tokens[i + 2]?.tokenType === Dot;
    if (startsLine && topLevel.has(t.tokenType) && !rowLet && current.length) {
      out.push(current);
      current = [];
    }
    current.push(t);
  });
  if (current.length) out.push(current);
  return out;
}

/** Turns a Chevrotain recognition error into a diagnostic an analyst can read. */
function report(bag: DiagnosticBag, e: IRecognitionException): void {
  const t = e.token;
  const at = Number.isNaN(t.startOffset) ? { start: 0, end: 1 } : tokenSpan(t);
  const found = t.tokenType === Newline || t.image === '' ? 'the end of the line' : Number.isNaN(t.startOffset) ? 'the end of the plan' : `\`${t.image}\``;
  const expected = expectedFrom(e.message);
  if (e.name === 'NotAllInputParsedException') {
    bag.error('P001', at, `unexpected ${found}: a new rule must start with a keyword such as \`let\`, \`base\`, \`commission\` or \`bonus\``);
    return;
  }
  bag.error('P001', at, expected ? `expected ${expected}, found ${found}` : `unexpected ${found}`);
}

/** Chevrotain's messages list expected token names; turn them into words. */
function expectedFrom(message: string): string | undefined {
  const m = /Expecting(?: token of type)? -*>? ?(.*?)(?: but found|$)/s.exec(message);
  const names = new Set<string>();
  for (const mm of (m?.[1] ?? message).matchAll(/\b([A-Z][A-Za-z]+)\b/g)) names.add(mm[1]!);
  // A line read by its default name (`commission`) is a name among names: "a name" says it.
  if (names.has('Identifier')) for (const line of ['Commission', 'Bonus', 'Salary']) names.delete(line);
  const words = [...names].map(describe).filter((w): w is string => w !== undefined);
  if (!words.length) return undefined;
  const uniq = [...new Set(words)];
  return uniq.length <= 1 ? uniq[0] : `${uniq.slice(0, -1).join(', ')} or ${uniq[uniq.length - 1]}`;
}

const tokenWords: Record<string, string> = {
  Identifier: 'a name',
  NumberLit: 'a number',
  PercentLit: 'a percentage',
  StringLit: 'a quoted text',
  DateLit: 'a date',
  Newline: 'the end of the line',
  Equals: '`=`',
  DotDot: '`..`',
  LParen: '`(`',
  RParen: '`)`',
  Comma: '`,`',
};

function describe(name: string): string | undefined {
  if (tokenWords[name]) return tokenWords[name];
  const kw = name.toLowerCase();
  if ((Object.keys(K) as string[]).includes(kw)) return `\`${kw}\``;
  return undefined;
}
