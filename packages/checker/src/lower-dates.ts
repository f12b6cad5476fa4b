/**
 * Date arithmetic in expressions: the date functions (`days_between`, `add_months`, …), the names
 * `period_start` and `period_end`, and `date − date` / `date ± days`, which lower to the same calls.
 * A count of days or months is a `count`, never money; a date moves only by a whole count (T008
 * when the unit is wrong, R004 at run time when a computed count is not whole). The calendar rules
 * live in the runtime (`dates.ts`), which every back end calls.
 */
import type { Ast } from '@payplan/syntax';
import type { DateFunction } from '@payplan/runtime';
import type { IrExpr, Unit } from './ir.js';
import { unitWords } from './units.js';
import type { ExprContext, Scope } from './lower-expr.js';

/** Each function's arguments ('date' or a whole 'count') and result. */
const signatures: Record<Exclude<DateFunction, 'period_start' | 'period_end'>, { args: readonly ('date' | 'count')[]; result: Unit; reads: string }> = {
  days_between: { args: ['date', 'date'], result: 'count', reads: 'days_between(from, to)' },
  months_between: { args: ['date', 'date'], result: 'count', reads: 'months_between(from, to)' },
  years_between: { args: ['date', 'date'], result: 'count', reads: 'years_between(from, to)' },
  add_days: { args: ['date', 'count'], result: 'date', reads: 'add_days(date, days)' },
  add_months: { args: ['date', 'count'], result: 'date', reads: 'add_months(date, months)' },
  within_months: { args: ['date', 'date', 'count'], result: 'boolean', reads: 'within_months(date, start, months)' },
  period_of: { args: ['date'], result: 'text', reads: 'period_of(date)' },
  month_of: { args: ['date'], result: 'count', reads: 'month_of(date)' },
  quarter_of: { args: ['date'], result: 'count', reads: 'quarter_of(date)' },
  year_of: { args: ['date'], result: 'count', reads: 'year_of(date)' },
};

export const dateFunctionNames: readonly string[] = Object.keys(signatures);

export function isDateFunction(name: string): name is keyof typeof signatures {
  return Object.hasOwn(signatures, name);
}

/** A count of days or months: a count, or an untyped number (checked whole at run time). */
const isWholeCount = (u: Unit): boolean => u === 'count' || u === 'number';

export function dateCall(fn: keyof typeof signatures, e: Extract<Ast.Expr, { kind: 'Call' }>, args: readonly IrExpr[], scope: Scope, cx: ExprContext): IrExpr | undefined {
  const sig = signatures[fn];
  if (args.length !== sig.args.length) {
    cx.bag.error('T008', e.span, `\`${fn}\` takes ${sig.args.length === 1 ? 'one value' : `${sig.args.length} values`}: ${sig.reads}`);
    return undefined;
  }
  for (const [i, want] of sig.args.entries()) {
    const a = args[i]!;
    if (want === 'date' ? a.unit !== 'date' : !isWholeCount(a.unit)) {
      cx.bag.error('T008', a.span, `\`${fn}\` needs ${want === 'date' ? 'a date' : 'a whole count'} here, but this is ${unitWords(a.unit)}`, {
        hint: want === 'date' ? `write it as ${sig.reads}` : 'a number of days or months is a count, such as `6` or a `count` column',
      });
      return undefined;
    }
  }
  if (fn === 'period_of' && !periodLevel(fn, e.callee.span, scope, cx)) return undefined;
  return { kind: 'call', fn, args, unit: sig.result, span: e.span };
}

/** `period_start` / `period_end`: the first and last day of the period being settled. */
export function periodDate(name: string, span: Ast.Ident['span'], scope: Scope, cx: ExprContext): IrExpr | undefined | 'none' {
  if (name !== 'period_start' && name !== 'period_end') return 'none';
  if (!periodLevel(name, span, scope, cx)) return undefined;
  return { kind: 'call', fn: name, args: [], unit: 'date', span };
}

function periodLevel(name: string, span: Ast.Ident['span'], scope: Scope, cx: ExprContext): boolean {
  if (scope.level !== 'const') return true;
  cx.bag.error('N006', span, `\`${name}\` depends on the period being settled; a constant cannot use it`, { hint: 'use `let` instead of `const`' });
  return false;
}

/**
 * `a − b` with a date on either side: date − date is the days between them (a count), date ± a
 * count of days is a date. Anything else with a date is T008. `undefined` when neither is a date.
 */
export function dateArithmetic(op: '+' | '-' | '*' | '/', left: IrExpr, right: IrExpr, span: Ast.Expr['span'], cx: ExprContext): IrExpr | undefined | 'none' {
  if (left.unit !== 'date' && right.unit !== 'date') return 'none';
  if (op === '-' && left.unit === 'date' && right.unit === 'date') return { kind: 'call', fn: 'days_between', args: [right, left], unit: 'count', span };
  if ((op === '+' || op === '-') && left.unit === 'date' && isWholeCount(right.unit)) {
    const days: IrExpr = op === '+' ? right : { kind: 'neg', operand: right, unit: right.unit, span: right.span };
    return { kind: 'call', fn: 'add_days', args: [left, days], unit: 'date', span };
  }
  if (op === '+' && right.unit === 'date' && isWholeCount(left.unit)) return { kind: 'call', fn: 'add_days', args: [right, left], unit: 'date', span };
  const other = left.unit === 'date' ? right : left;
  cx.bag.error('T008', span, other.unit === 'date' ? `cannot ${op === '+' ? 'add' : op === '*' ? 'multiply' : 'divide'} two dates` : `a date moves by a count of days, not by ${unitWords(other.unit)}`, {
    labels: [
      { span: left.span, message: unitWords(left.unit) },
      { span: right.span, message: unitWords(right.unit) },
    ],
    hint: 'subtract two dates for the days between them (`cancelled - closed`), add a count of days to a date (`closed + 30`), or use add_months',
  });
  return undefined;
}
