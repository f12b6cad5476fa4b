/**
 * Turns IR expressions into JavaScript closures once, before any row is read (as feelin does), so
 * evaluating a million rows costs closure calls, not tree walks. Values are decimals, strings,
 * booleans, or `undefined` for an empty optional cell.
 */
import type { IrExpr } from '@payplan/checker';
import { activeShare, calendarOf, dateFunction, Dec, keyCell, periodPart, PlanError, previousValue, readKeyed, roundStep, rowTiers, ZERO, type BandInput, type CellValue, type CreditedRow, type Ctx, type KeyCell } from '@payplan/runtime';

export type Value = CellValue;

/** How names are looked up during a run: the same for every frame. */
export interface Env {
  readonly consts: ReadonlyMap<string, Value>;
  let(ctx: Ctx, name: string): Value;
  base(ctx: Ctx, name: string): Value;
  /** A statement line's amount as read by name (see `lineValue` in the runtime). */
  line(ctx: Ctx, name: string): Value;
  /** A per-payee column; `undefined` when the payee has no row and `allowMissing` is set. */
  payeeValue(ctx: Ctx, table: string, column: string, at: IrExpr, allowMissing: boolean): Value;
  /** A rate table's value for the given keys (canonical text). */
  lookup(rates: string, keys: readonly string[]): Value;
}

/**
 * What an expression reads while it is evaluated for one payee and period (and maybe one row).
 * Deliberately small and mutable: a loop over rows sets `row` on one frame instead of making one
 * frame per row, which is most of what the interpreter would otherwise allocate.
 */
export interface Frame {
  readonly env: Env;
  ctx: Ctx;
  row: CreditedRow | undefined;
  excess: Dec | undefined;
}

export type Closure = (f: Frame) => Value;

const num = (v: Value, at: IrExpr): Dec => {
  if (v instanceof Dec) return v;
  throw new PlanError('R003', v === undefined ? 'a value used here is empty; guard optional columns with `is set`' : 'expected a number', at.span);
};

export function compileExpr(e: IrExpr): Closure {
  switch (e.kind) {
    case 'num': {
      const v = new Dec(e.value);
      return () => v;
    }
    case 'str':
    case 'date': {
      const v = e.value;
      return () => v;
    }
    case 'bool': {
      const v = e.value;
      return () => v;
    }
    case 'const': {
      const name = e.name;
      return (f) => f.env.consts.get(name);
    }
    case 'let': {
      const name = e.name;
      return (f) => f.env.let(f.ctx, name);
    }
    case 'base': {
      const name = e.name;
      return (f) => f.env.base(f.ctx, name);
    }
    case 'line': {
      const name = e.name;
      return (f) => f.env.line(f.ctx, name);
    }
    case 'payeeValue': {
      const { table, column } = e;
      return (f) => f.env.payeeValue(f.ctx, table, column, e, false);
    }
    case 'field': {
      const column = e.column;
      return (f) => f.row?.row.cells[column];
    }
    case 'excess':
      return (f) => f.excess ?? ZERO;
    case 'payee':
      return (f) => f.ctx.payee;
    case 'activeShare': {
      const { table, from, to } = e;
      const wholeYear = e.of === 'year';
      const cal = calendarOf(e.settle, e.calendar);
      return (f) => activeShare(f.ctx, table, from, to, wholeYear, cal);
    }
    case 'periodPart': {
      const { part, fiscalStart } = e;
      return (f) => new Dec(periodPart(f.ctx.period, part, fiscalStart));
    }
    case 'neg': {
      const a = compileExpr(e.operand);
      return (f) => num(a(f), e.operand).neg();
    }
    case 'arith': {
      const l = compileExpr(e.left);
      const r = compileExpr(e.right);
      switch (e.op) {
        case '+':
          return (f) => num(l(f), e.left).plus(num(r(f), e.right));
        case '-':
          return (f) => num(l(f), e.left).minus(num(r(f), e.right));
        case '*':
          return (f) => num(l(f), e.left).mul(num(r(f), e.right));
        case '/':
          return (f) => {
            const d = num(r(f), e.right);
            if (d.isZero()) throw new PlanError('R002', 'division by zero', e.right.span);
            return num(l(f), e.left).div(d);
          };
      }
      break;
    }
    case 'cmp': {
      const l = compileExpr(e.left);
      const r = compileExpr(e.right);
      const test = compareWith(e.op);
      return (f) => test(l(f), r(f), e);
    }
    case 'logic': {
      const l = compileExpr(e.left);
      const r = compileExpr(e.right);
      return e.op === 'and' ? (f) => l(f) === true && r(f) === true : (f) => l(f) === true || r(f) === true;
    }
    case 'not': {
      const a = compileExpr(e.operand);
      return (f) => a(f) !== true;
    }
    case 'isSet': {
      // A per-payee value is "not set" also when the payee has no row in its table.
      const op = e.operand;
      const a: Closure = op.kind === 'payeeValue' ? (f) => f.env.payeeValue(f.ctx, op.table, op.column, op, true) : op.kind === 'keyed' ? keyedClosure(op, true) : compileExpr(op);
      return e.negated ? (f) => a(f) === undefined : (f) => a(f) !== undefined;
    }
    case 'if': {
      // Only the chosen branch runs, so `if qty > 0 then x / qty else 0` never divides by zero.
      const c = compileExpr(e.condition);
      const a = compileExpr(e.then);
      const b = compileExpr(e.else);
      return (f) => (c(f) === true ? a(f) : b(f));
    }
    case 'keyed':
      return keyedClosure(e, false);
    case 'previous': {
      const { value, back, history, span } = e;
      const read = value.kind === 'let' ? (f: Frame) => (c: Ctx) => f.env.let(c, value.name) : (f: Frame) => (c: Ctx) => f.env.base(c, value.name);
      return (f) => previousValue(f.ctx, back, read(f), history, span);
    }
    case 'lookup': {
      const keys = e.keys.map(compileExpr);
      const rates = e.rates;
      return (f) => f.env.lookup(rates, keys.map((k, i) => keyText(k(f), e.keys[i]!)));
    }
    case 'tiers':
      return tiersClosure(e);
    case 'call': {
      const args = e.args.map(compileExpr);
      switch (e.fn) {
        case 'min':
          return (f) => Dec.min(...args.map((a, i) => num(a(f), e.args[i]!)));
        case 'max':
          return (f) => Dec.max(...args.map((a, i) => num(a(f), e.args[i]!)));
        case 'abs':
          return (f) => num(args[0]!(f), e.args[0]!).abs();
        case 'round':
        case 'floor':
        case 'ceil': {
          const fn = e.fn;
          return (f) => roundStep(fn, num(args[0]!(f), e.args[0]!), num(args[1]!(f), e.args[1]!));
        }
        default: {
          const fn = e.fn;
          const spans = e.args.map((a) => a.span);
          return (f) => dateFunction(fn, args.map((a) => a(f)), spans, f.ctx.period);
        }
      }
    }
  }
  throw new Error(`unhandled IR node ${(e as IrExpr).kind}`);
}

/** Tiered bands on one row's value: each band's bounds and pay are evaluated for the row, `excess` set while a pay runs. */
function tiersClosure(e: Extract<IrExpr, { kind: 'tiers' }>): Closure {
  const base = compileExpr(e.base);
  const measure = e.by && compileExpr(e.by.measure);
  const bands = e.bands.map((b) => ({ b, lower: b.lower && compileExpr(b.lower), upper: b.upper && compileExpr(b.upper), pay: compileExpr(b.pay) }));
  return (f) => {
    const inputs = bands.map(({ b, lower, upper, pay }): BandInput => ({
      ...(lower && { lower: num(lower(f), b.lower!) }),
      ...(upper && { upper: num(upper(f), b.upper!) }),
      ...(b.lowerOpen && { lowerOpen: true }),
      ...(b.upperClosed && { upperClosed: true }),
      label: '',
      payText: '',
      payIsRate: b.payIsRate,
      pay: (excess) => {
        const outer = f.excess;
        f.excess = excess;
        try {
          return num(pay(f), b.pay);
        } finally {
          f.excess = outer;
        }
      },
    }));
    return rowTiers(e.mode, num(base(f), e.base), inputs, measure && num(measure(f), e.by!.measure), e.span.start, e.span.end);
  };
}

/** A keyed table's cell; with `allowMissing` (under `is set`), `undefined` when the table has no row for the key. */
function keyedClosure(e: Extract<IrExpr, { kind: 'keyed' }>, allowMissing: boolean): Closure {
  const keyColumns = e.keys.map((k) => k.column);
  const keys = e.keys.map((k) => k.value && { read: compileExpr(k.value), source: k.value });
  return (f) => readKeyed(f.ctx, e.table, keyColumns, e.column, keys.map((k) => (k ? { value: k.read(f), from: keySource(f, k.source) } : { value: f.ctx.period })), e.span, allowMissing);
}

/** The cell a key value is read from: the row's, or the payee's row of a per-payee table. */
function keySource(f: Frame, e: IrExpr): KeyCell | undefined {
  if (e.kind === 'field') return keyCell(e.table, f.row?.row, e.column);
  if (e.kind === 'payeeValue') return keyCell(e.table, f.ctx.payeeRow(e.table), e.column);
  return undefined;
}

function compareWith(op: '=' | '!=' | '<' | '<=' | '>' | '>='): (a: Value, b: Value, at: IrExpr) => boolean {
  const order = (a: Value, b: Value, at: IrExpr): number => {
    if (a instanceof Dec && b instanceof Dec) return a.cmp(b);
    if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
    if (a === undefined || b === undefined) throw new PlanError('R003', 'a value compared here is empty; guard optional columns with `is set`', at.span);
    return a === b ? 0 : 1;
  };
  switch (op) {
    case '=':
      return (a, b, at) => (a === undefined || b === undefined ? a === b : order(a, b, at) === 0);
    case '!=':
      return (a, b, at) => (a === undefined || b === undefined ? a !== b : order(a, b, at) !== 0);
    case '<':
      return (a, b, at) => order(a, b, at) < 0;
    case '<=':
      return (a, b, at) => order(a, b, at) <= 0;
    case '>':
      return (a, b, at) => order(a, b, at) > 0;
    case '>=':
      return (a, b, at) => order(a, b, at) >= 0;
  }
}

/** A value as a rate-table key: the same canonical text the checker made of the table's keys. */
export function keyText(v: Value, at: IrExpr): string {
  if (v === undefined) throw new PlanError('R003', 'a rate table key used here is empty', at.span);
  if (v instanceof Dec) return v.toFixed();
  return typeof v === 'boolean' ? (v ? 'true' : 'false') : v;
}
