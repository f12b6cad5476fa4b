/**
 * How deep an expression may go, checked on the tokens before the parser sees them. The parser, and
 * every later stage that walks an expression (checker, printer, interpreter, compiler, editor),
 * recurse once per level of the expression's tree, so a line of ten thousand `(` or `-` or `and`
 * would overflow the stack. This scan is one pass over a declaration's tokens, with no recursion:
 * a declaration that goes past a limit is reported (P006) and not parsed, so nothing recursive ever
 * sees it. The limits are stated in grammar/README.md ("Limits").
 *
 * - Nesting: parentheses (a call's included), signs (`-`, `+`), `not` and `if` that are still open
 *   at a token. A sign closes at the end of its operand (`-a * b` is `(-a) * b`); a `not` at the next
 *   `and`, `or` or the end of its part of the rule (`pay`, `when`, `,`, …); an `if` at the `)` that
 *   closes its parentheses or at the end of the line (`else if … else if …` nests one level per `if`).
 * - Operators on one line: every operator makes one more node of the tree, and a chain of them
 *   (`a + b + c + …`) nests each into the next, so their number bounds the depth too.
 */
import type { IToken, TokenType } from 'chevrotain';
import {
  Comma, DateLit, Dot, DotDot, Equals, Greater, GreaterEq, Identifier, K, Keyword, Less, LessEq, LParen, Minus, Newline, NotEq,
  NumberLit, PercentLit, PeriodLit, Plus, RParen, Slash, Star, StringLit,
} from './tokens.js';

/** Parentheses, signs and `not` open at once, at most. */
export const MAX_NESTING = 64;
/** Operators on one line, at most. */
export const MAX_OPERATORS = 250;

export interface NestingProblem {
  readonly token: IToken;
  readonly message: string;
  readonly hint: string;
}

/** Tokens after which a `-` or `+` is a binary operator: the end of an operand. */
const operandEnds = new Set<TokenType>([Identifier, NumberLit, PercentLit, DateLit, PeriodLit, StringLit, K.true, K.false, RParen]);
const binaryOperators = new Set<TokenType>([Star, Slash, K.of, K.is, Equals, NotEq, Less, LessEq, Greater, GreaterEq]);
/** Keywords that belong inside an expression; any other keyword ends one part of a rule. */
const expressionKeywords = new Set<TokenType>([K.and, K.or, K.not, K.of, K.is, K.set, K.true, K.false]);

interface Level {
  signs: number;
  nots: number;
  /** `if`s open at this level: each nests its branches one level deeper, until the `)` or the line's end. */
  ifs: number;
}

/** The first place in a declaration's tokens where an expression goes past a limit, if any. */
export function nestingProblem(tokens: readonly IToken[]): NestingProblem | undefined {
  let levels: Level[] = [{ signs: 0, nots: 0, ifs: 0 }];
  let depth = 0;
  let operators = 0;
  const top = (): Level => levels[levels.length - 1]!;
  const closeSigns = (): void => {
    depth -= top().signs;
    top().signs = 0;
  };
  const closeAll = (): void => {
    closeSigns();
    depth -= top().nots;
    top().nots = 0;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const type = t.tokenType;
    const prev = tokens[i - 1]?.tokenType;
    let opens = false;
    let operator = false;
    if (type === Newline) {
      levels = [{ signs: 0, nots: 0, ifs: 0 }];
      depth = 0;
      operators = 0;
    } else if (type === LParen) {
      levels.push({ signs: 0, nots: 0, ifs: 0 });
      opens = true;
    } else if (type === RParen) {
      if (levels.length > 1) {
        const closed = levels.pop()!;
        depth -= 1 + closed.signs + closed.nots + closed.ifs;
      }
      closeSigns();
    } else if (type === Minus || type === Plus) {
      operator = true;
      if (prev === undefined || !operandEnds.has(prev)) {
        top().signs++;
        opens = true;
      }
    } else if (type === K.not) {
      // `is not set` asks a question; it does not negate.
      if (prev !== K.is) {
        operator = true;
        top().nots++;
        opens = true;
      }
    } else if (type === K.if) {
      operator = true;
      closeAll();
      top().ifs++;
      opens = true;
    } else if (type === K.and || type === K.or) {
      operator = true;
      closeAll();
    } else if (binaryOperators.has(type)) {
      operator = true;
    } else if (operandEnds.has(type)) {
      // A name followed by `(` or `.` is a call or a column: the operand goes on.
      const next = tokens[i + 1]?.tokenType;
      if (next !== LParen && next !== Dot) closeSigns();
    } else if (type === Comma || type === DotDot || (type.CATEGORIES?.includes(Keyword) && !expressionKeywords.has(type))) {
      closeAll();
    }
    if (opens && ++depth > MAX_NESTING) {
      return {
        token: t,
        message: `this expression is nested too deeply: more than ${MAX_NESTING} parentheses, signs and \`not\` inside one another`,
        hint: 'give an inner part a name with `let` and use the name here',
      };
    }
    if (operator && ++operators > MAX_OPERATORS) {
      return {
        token: t,
        message: `this line has more than ${MAX_OPERATORS} operators (such as \`+\`, \`*\`, \`and\`, \`>=\`); a line may have at most ${MAX_OPERATORS}`,
        hint: 'split the expression into a few `let` definitions and combine them',
      };
    }
  }
  return undefined;
}
