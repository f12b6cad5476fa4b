/**
 * Plan-wide constants and rate tables, evaluated at compile time. Takes the IR's constants (in
 * dependency order) and rate tables; returns each one's value, computed with the runtime's one decimal configuration exactly as the
 * interpreter computes it at run time, so a compiled module can hold constants as literals. A
 * constant that cannot be computed (division by zero) is a diagnostic, found before any data is read.
 */
import type { IrExpr, IrKeyRange, IrPlan } from '@payplan/checker';
import type { Span } from '@payplan/diagnostics';
import { dateFunction, Dec, PlanError, roundStep, type CellValue } from '@payplan/runtime';

export type ConstValue = CellValue;

export class ConstError extends Error {
  constructor(
    readonly code: 'R002' | 'R003' | 'R004',
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

/**
 * Every constant, then every rate table's entries, in order, as the interpreter computes them before
 * any payee. Stops at the first that cannot be computed, as the interpreter does, and says which.
 */
export function evaluateConsts(ir: IrPlan): { consts: Map<string, ConstValue>; rates: Map<string, RatesValue>; error?: ConstError } {
  const consts = new Map<string, ConstValue>();
  const rates = new Map<string, RatesValue>();
  try {
    for (const c of ir.consts) consts.set(c.name, evaluate(c.value, consts));
    for (const r of ir.rates) {
      rates.set(r.name, {
        entries: r.entries.map((e) => ({ keys: e.keys, value: evaluate(e.value, consts) })),
        ranges: (r.ranges ?? []).map((k) => ({ range: k, value: evaluate(k.value, consts) })),
        fallback: r.fallback ? evaluate(r.fallback, consts) : undefined,
      });
    }
    return { consts, rates };
  } catch (err) {
    if (err instanceof ConstError) return { consts, rates, error: err };
    throw err;
  }
}

export interface RatesValue {
  readonly entries: readonly { readonly keys: readonly string[]; readonly value: ConstValue }[];
  readonly ranges: readonly { readonly range: IrKeyRange; readonly value: ConstValue }[];
  readonly fallback: ConstValue;
}

const num = (v: ConstValue, at: IrExpr): Dec => {
  if (v instanceof Dec) return v;
  throw new ConstError('R003', v === undefined ? 'a value used here is empty; guard optional columns with `is set`' : 'expected a number', at.span);
};

/** The interpreter's closures (interpreter/src/closures.ts), restricted to what a constant may use. */
function evaluate(e: IrExpr, consts: ReadonlyMap<string, ConstValue>): ConstValue {
  const run = (x: IrExpr) => evaluate(x, consts);
  switch (e.kind) {
    case 'num':
      return new Dec(e.value);
    case 'str':
    case 'date':
    case 'bool':
      return e.value;
    case 'const':
      return consts.get(e.name);
    case 'payee':
      return '';
    case 'periodPart':
      return new Dec(0);
    case 'neg':
      return num(run(e.operand), e.operand).neg();
    case 'arith': {
      if (e.op === '/') {
        const d = num(run(e.right), e.right);
        if (d.isZero()) throw new ConstError('R002', 'division by zero', e.right.span);
        return num(run(e.left), e.left).div(d);
      }
      const l = num(run(e.left), e.left);
      const r = num(run(e.right), e.right);
      return e.op === '+' ? l.plus(r) : e.op === '-' ? l.minus(r) : l.mul(r);
    }
    case 'cmp': {
      const a = run(e.left);
      const b = run(e.right);
      if (e.op === '=' || e.op === '!=') {
        const same = a === undefined || b === undefined ? a === b : order(a, b, e) === 0;
        return e.op === '=' ? same : !same;
      }
      const o = order(a, b, e);
      return e.op === '<' ? o < 0 : e.op === '<=' ? o <= 0 : e.op === '>' ? o > 0 : o >= 0;
    }
    case 'logic':
      return e.op === 'and' ? run(e.left) === true && run(e.right) === true : run(e.left) === true || run(e.right) === true;
    case 'not':
      return run(e.operand) !== true;
    case 'if':
      return run(e.condition) === true ? run(e.then) : run(e.else);
    case 'call': {
      if (e.fn !== 'min' && e.fn !== 'max' && e.fn !== 'abs' && e.fn !== 'round' && e.fn !== 'floor' && e.fn !== 'ceil') return constDate(e.fn, e.args.map(run), e.args);
      const args = e.args.map((a) => num(run(a), a));
      if (e.fn === 'round' || e.fn === 'floor' || e.fn === 'ceil') return roundStep(e.fn, args[0]!, args[1]!);
      return e.fn === 'min' ? Dec.min(...args) : e.fn === 'max' ? Dec.max(...args) : args[0]!.abs();
    }
    default:
      // The checker allows only literals and other constants in a constant.
      throw new Error(`a constant cannot use ${e.kind}`);
  }
}

/** A date function of constants (the checker keeps the period's own dates out of constants). */
function constDate(fn: Parameters<typeof dateFunction>[0], args: ConstValue[], at: readonly IrExpr[]): ConstValue {
  try {
    return dateFunction(fn, args, at.map((a) => a.span), undefined);
  } catch (err) {
    if (err instanceof PlanError && (err.code === 'R002' || err.code === 'R003' || err.code === 'R004')) throw new ConstError(err.code, err.message, err.span);
    throw err;
  }
}

function order(a: ConstValue, b: ConstValue, at: IrExpr): number {
  if (a instanceof Dec && b instanceof Dec) return a.cmp(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a === undefined || b === undefined) throw new ConstError('R003', 'a value compared here is empty; guard optional columns with `is set`', at.span);
  return a === b ? 0 : 1;
}
