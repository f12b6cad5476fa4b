/**
 * IR expressions → TypeScript expressions, in one of two number representations:
 *   `dec`: decimals (the runtime's Dec), read from the settlement engine's context (`ctx`) and rows
 *          exactly as the interpreter's closures read them (interpreter/src/closures.ts): the same
 *          evaluation order, the same empty-value and division checks with the same messages and
 *          spans. This is the reference path every result can fall back to.
 *   `fix`: exact integers scaled by a power of ten known at compile time (money at 2 decimals, so
 *          12.34 is 1234), read from the fast path's scope (`fx`) and integer rows. Every operation is
 *          checked to stay within ±(2^53 − 1), where a double holds integers exactly; a result that
 *          would leave that range, or anything the fast path does not handle (an empty value, a
 *          missing per-payee row), *bails*, and the run is redone on decimals. So the fast path is
 *          exact whenever it finishes.
 * An expression the fast path cannot represent exactly (division, a rate table, too many decimals)
 * raises `NotFixable` at compile time, and the caller leaves the fast path out.
 */
import type { IrExpr, Unit } from '@payplan/checker';
import { Dec } from '@payplan/runtime';
import type { ConstValue } from './consts.js';
import { jsString } from './names.js';

/** Decimal places beyond which the fast path is not attempted (values stay far inside 2^53). */
export const MAX_SCALE = 12;

/** Decimal places input columns keep on the fast path; data with more takes the decimal path. */
export const columnScale: Readonly<Record<string, number>> = { money: 2, count: 0, decimal: 4, percent: 4 };

export class NotFixable extends Error {}

export type ValueKind = 'num' | 'str' | 'bool';

export interface Emitted {
  readonly code: string;
  readonly kind: ValueKind;
  /** May be `undefined` (an empty optional cell, or a value derived from one). */
  readonly optional: boolean;
  /** Decimal places of a `fix` number. */
  readonly scale: number;
  /** Safe before `.method()` or as an operand without parentheses. */
  readonly primary: boolean;
  /** A `fix` number known when compiling (a literal or constant), which scaling folds. */
  readonly known?: { readonly n: bigint; readonly what?: string };
}

/** What the emitter knows about the plan's names (module-level identifiers). */
export interface Names {
  constant(name: string): { readonly id: string; readonly fixId: string; readonly value: ConstValue };
  /** The function computing a derived value (`let`), whether it may be empty, its kind and fast scale. */
  let(name: string): { readonly fn: string; readonly optional: boolean; readonly kind: ValueKind; fixScale(): number };
  base(name: string): { readonly fn: string; fixScale(): number };
  /** The function reading a statement line's value by name. */
  line(name: string): string;
  /** The module constant holding a table's schema. */
  table(name: string): string;
  /** The fast path's accessor of the current payee's row of a per-payee table. */
  fixPayeeRow(table: string): string;
  /** Record member of a column in the fast path's integer rows. */
  column(name: string): string;
  /** Module constant of a rate table. */
  rates(name: string): string;
  /** Module-level identifier of a decimal literal. */
  literal(value: string): string;
}

export interface ExprEnv {
  readonly mode: 'dec' | 'fix';
  readonly names: Names;
  /** The context variable: `ctx` (decimals) or `fx` (integers). */
  readonly scope: string;
  /** The current row: a CreditedRow (decimals), or an index into the table's columns (fix). */
  readonly row?: string;
  /** Fast path: the current table's columns (else the row's cells are locals named `c$<column>`). */
  readonly cols?: string;
  /** `excess` inside a band's pay: a Dec variable, or an integer and its scale. */
  readonly excess?: { readonly code: string; readonly scale: number };
}

export const kindOfUnit = (u: Unit): ValueKind => (u === 'boolean' ? 'bool' : u === 'text' || u === 'date' || u === 'payee' ? 'str' : 'num');

const tsTypeOf = (kind: ValueKind, optional: boolean): string => `${kind === 'num' ? 'Dec' : kind === 'str' ? 'string' : 'boolean'}${optional ? ' | undefined' : ''}`;
const prim = (code: string, kind: ValueKind, optional = false, scale = 0): Emitted => ({ code, kind, optional, scale, primary: true });
const compound = (code: string, kind: ValueKind, optional = false, scale = 0): Emitted => ({ code, kind, optional, scale, primary: false });
export const paren = (e: Emitted): string => (e.primary ? e.code : `(${e.code})`);
const spanOf = (e: IrExpr): string => `${e.span.start}, ${e.span.end}`;

export function emitExpr(e: IrExpr, env: ExprEnv): Emitted {
  return env.mode === 'dec' ? dec(e, env) : fix(e, env);
}

// ── Decimals: the interpreter's closures ────────────────────────────────────────────────────────

/** Tiered bands on one row's value, as the interpreter's closure: the runtime's `rowTiers` on bands built for the row. */
function decTiers(e: Extract<IrExpr, { kind: 'tiers' }>, env: ExprEnv): Emitted {
  const bands = e.bands.map((b) => {
    const parts = [
      ...(b.lower ? [`lower: ${decNum(b.lower, env)}`] : []),
      ...(b.upper ? [`upper: ${decNum(b.upper, env)}`] : []),
      ...(b.lowerOpen ? ['lowerOpen: true'] : []),
      ...(b.upperClosed ? ['upperClosed: true'] : []),
      "label: ''",
      "payText: ''",
      `payIsRate: ${b.payIsRate}`,
      `pay: (excess: Dec): Dec => ${decNum(b.pay, { ...env, excess: { code: 'excess', scale: 0 } })}`,
    ];
    return `{ ${parts.join(', ')} }`;
  });
  const measure = e.by ? decNum(e.by.measure, env) : 'undefined';
  return prim(`rowTiers(${jsString(e.mode)}, ${decNum(e.base, env)}, [${bands.join(', ')}], ${measure}, ${spanOf(e)})`, 'num');
}

/** A number operand as the interpreter's `num` takes it: checked only when it may be empty. */
function decNum(e: IrExpr, env: ExprEnv): string {
  const v = dec(e, env);
  return v.optional ? `$num(${v.code}, ${spanOf(e)})` : paren(v);
}

function dec(e: IrExpr, env: ExprEnv): Emitted {
  const { names, scope } = env;
  switch (e.kind) {
    case 'num':
      return prim(names.literal(e.value), 'num');
    case 'str':
    case 'date':
      return prim(jsString(e.value), 'str');
    case 'bool':
      return prim(String(e.value), 'bool');
    case 'const': {
      const c = names.constant(e.name);
      return prim(c.id, kindOfUnit(e.unit), c.value === undefined);
    }
    case 'let': {
      const l = names.let(e.name);
      return prim(`${l.fn}(${scope})`, l.kind, l.optional);
    }
    case 'base':
      return prim(`${names.base(e.name).fn}(${scope}).value`, 'num');
    case 'line':
      return prim(`${names.line(e.name)}(${scope})`, 'num');
    case 'previous': {
      // The value as the earlier period's own context computes it, or its history before the run.
      const value = e.value.kind === 'let' ? `${names.let(e.value.name).fn}(c)` : `${names.base(e.value.name).fn}(c).value`;
      const history = `{ table: ${jsString(e.history.table)}, column: ${jsString(e.history.column)} }`;
      const kind = kindOfUnit(e.unit);
      return compound(`previousValue(${scope}, ${e.back}, (c: Ctx) => ${value}, ${history}, ${spanOf(e)}) as ${tsTypeOf(kind, true)}`, kind, true);
    }
    case 'payeeValue': {
      const kind = kindOfUnit(e.unit);
      return compound(`$payeeValue(${scope}, ${names.table(e.table)}, ${jsString(e.column)}, ${spanOf(e)}) as ${tsTypeOf(kind, e.optional)}`, kind, e.optional);
    }
    case 'field': {
      const kind = kindOfUnit(e.unit);
      return compound(`${row(env)}.row.cells[${jsString(e.column)}] as ${tsTypeOf(kind, e.optional)}`, kind, e.optional);
    }
    case 'excess':
      if (!env.excess) throw new Error('`excess` outside a band');
      return prim(env.excess.code, 'num');
    case 'payee':
      return prim(`${scope}.payee`, 'str');
    case 'periodPart':
      return prim(`new Dec(periodPart(${scope}.period, ${jsString(e.part)}${e.fiscalStart ? `, ${e.fiscalStart}` : ''}))`, 'num');
    case 'activeShare':
      return prim(`activeShare(${scope}, ${jsString(e.table)}, ${jsString(e.from)}, ${jsString(e.to)}, ${e.of === 'year'}, $cal)`, 'num');
    case 'neg':
      return prim(`${decNum(e.operand, env)}.neg()`, 'num');
    case 'arith': {
      if (e.op === '/') {
        // As the interpreter: the divisor first, checked for zero, then the dividend.
        return prim(`$div(${decNum(e.right, env)}, ${spanOf(e.right)}, () => ${decNum(e.left, env)})`, 'num');
      }
      const method = e.op === '+' ? 'plus' : e.op === '-' ? 'minus' : 'mul';
      const l = decNum(e.left, env);
      const r = dec(e.right, env);
      return prim(`${l}.${method}(${r.optional ? `$num(${r.code}, ${spanOf(e.right)})` : r.code})`, 'num');
    }
    case 'cmp': {
      const l = dec(e.left, env);
      const r = dec(e.right, env);
      if (l.optional || r.optional || l.kind !== r.kind) return prim(`$cmp(${jsString(e.op)}, ${l.code}, ${r.code}, ${spanOf(e)})`, 'bool');
      if (l.kind === 'num') {
        const m = { '=': 'eq', '!=': 'eq', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' }[e.op];
        const test = `${paren(l)}.${m}(${r.code})`;
        return e.op === '!=' ? compound(`!${test}`, 'bool') : prim(test, 'bool');
      }
      // Text and dates compare as text; yes/no values only for (in)equality.
      return compound(`${paren(l)} ${jsOp(e.op)} ${paren(r)}`, 'bool');
    }
    case 'logic':
      return compound(`${condition(dec(e.left, env))} ${e.op === 'and' ? '&&' : '||'} ${condition(dec(e.right, env))}`, 'bool');
    case 'not': {
      const a = dec(e.operand, env);
      return a.optional || a.kind !== 'bool' ? compound(`${paren(a)} !== true`, 'bool') : compound(`!${paren(a)}`, 'bool');
    }
    case 'isSet': {
      // A per-payee value is "not set" also when the payee has no row in its table.
      const op = e.operand;
      const a = op.kind === 'payeeValue' ? prim(`$payeeValueOrEmpty(${scope}, ${names.table(op.table)}, ${jsString(op.column)})`, kindOfUnit(op.unit), true) : op.kind === 'keyed' ? keyedCode(op, env, true) : dec(op, env);
      return compound(`${paren(a)} ${e.negated ? '===' : '!=='} undefined`, 'bool');
    }
    case 'keyed':
      return keyedCode(e, env, false);
    case 'lookup': {
      const keys = e.keys.map((k) => `$keyText(${dec(k, env).code}, ${spanOf(k)})`);
      // A rate table always has a value: its fallback, or (a split) an error for a missing key.
      const kind = kindOfUnit(e.unit);
      return compound(`$lookup(${names.rates(e.rates)}, [${keys.join(', ')}]) as ${tsTypeOf(kind, false)}`, kind, false);
    }
    case 'tiers':
      return decTiers(e, env);
    case 'call': {
      if (e.fn !== 'min' && e.fn !== 'max' && e.fn !== 'abs' && e.fn !== 'round' && e.fn !== 'floor' && e.fn !== 'ceil') {
        // One runtime function for every back end, so the calendar rules cannot drift apart.
        const args = e.args.map((a) => dec(a, env).code);
        const spans = e.args.map((a) => `{ start: ${a.span.start}, end: ${a.span.end} }`);
        return compound(`dateFunction(${jsString(e.fn)}, [${args.join(', ')}], [${spans.join(', ')}], ${scope}.period) as ${tsTypeOf(kindOfUnit(e.unit), false)}`, kindOfUnit(e.unit));
      }
      const args = e.args.map((a) => decNum(a, env));
      if (e.fn === 'abs') return prim(`${args[0]}.abs()`, 'num');
      if (e.fn === 'round' || e.fn === 'floor' || e.fn === 'ceil') return prim(`roundStep(${jsString(e.fn)}, ${args.join(', ')})`, 'num');
      return prim(`Dec.${e.fn}(${args.join(', ')})`, 'num');
    }
    case 'if': {
      // As the interpreter: the condition counts only when it is `true`; only the chosen branch runs.
      const a = dec(e.then, env);
      const b = dec(e.else, env);
      return compound(`${condition(dec(e.condition, env))} ? ${paren(a)} : ${paren(b)}`, a.kind, a.optional || b.optional);
    }
    default:
      return unsupported(e);
  }
}

const jsOp = (op: string): string => (op === '=' ? '===' : op === '!=' ? '!==' : op);

/** An operand of `and`/`or`: the interpreter tests `=== true`, which a plain boolean needs not. */
export function condition(v: Emitted): string {
  return v.optional || v.kind !== 'bool' ? `${paren(v)} === true` : paren(v);
}

function row(env: ExprEnv): string {
  if (!env.row) throw new Error('a column outside a row');
  return env.row;
}

/** As the interpreter: each key's value and the cell it came from, then the row by key (`allowMissing`: under `is set`). */
function keyedCode(e: Extract<IrExpr, { kind: 'keyed' }>, env: ExprEnv, allowMissing: boolean): Emitted {
  const keys = e.keys.map((k) => (k.value ? `{ value: ${dec(k.value, env).code}, from: ${keySourceCode(k.value, env)} }` : `{ value: ${env.scope}.period }`));
  const kind = kindOfUnit(e.unit);
  const optional = e.optional || allowMissing;
  return compound(`readKeyed(${env.scope}, ${jsString(e.table)}, [${e.keys.map((k) => jsString(k.column)).join(", ")}], ${jsString(e.column)}, [${keys.join(', ')}], ${spanOf(e)}${allowMissing ? ', true' : ''}) as ${tsTypeOf(kind, optional)}`, kind, optional);
}

/** The cell a key value is read from, as code: the row's, or the payee's row of a per-payee table. */
function keySourceCode(e: IrExpr, env: ExprEnv): string {
  if (e.kind === 'field') return `keyCell(${jsString(e.table)}, ${row(env)}.row, ${jsString(e.column)})`;
  if (e.kind === 'payeeValue') return `keyCell(${jsString(e.table)}, ${env.scope}.payeeRow(${jsString(e.table)}), ${jsString(e.column)})`;
  return 'undefined';
}

function unsupported(e: { kind: string }): never {
  throw new Error(`the compiler does not handle \`${e.kind}\` expressions yet`);
}

// ── Exact integers ──────────────────────────────────────────────────────────────────────────────

/** Raises `x` to `scale` decimals: multiplies by a power of ten, checked. */
export function up(x: Emitted, scale: number): string {
  const k = scale - x.scale;
  if (k < 0) throw new Error('cannot lower a scale');
  if (k === 0 || x.code === '0') return x.code;
  if (x.known) {
    const n = x.known.n * 10n ** BigInt(k);
    if (n <= BigInt(Number.MAX_SAFE_INTEGER) && -n <= BigInt(Number.MAX_SAFE_INTEGER)) return x.known.what ? `${n} /* ${x.known.what} at ${scale} decimals */` : String(n);
  }
  return x.optional ? `$upq(${x.code}, ${k})` : `$up(${x.code}, ${k})`;
}

/** A number operand that must be present: an empty value bails. */
export const need = (x: Emitted): Emitted => (x.optional ? prim(`$need(${x.code})`, 'num', false, x.scale) : x);

const checkScale = (scale: number): number => {
  if (scale > MAX_SCALE) throw new NotFixable(`a value would carry ${scale} decimals`);
  return scale;
};

/** An integer literal for a decimal at its own scale. */
export function fixLiteral(d: Dec, what: string): { code: string; scale: number } {
  const scale = checkScale(d.decimalPlaces());
  const n = d.mul(new Dec(10).pow(scale));
  if (n.abs().gt(Number.MAX_SAFE_INTEGER)) throw new NotFixable(`${what} is too large for exact integers`);
  return { code: n.toFixed(), scale };
}

function fix(e: IrExpr, env: ExprEnv): Emitted {
  const { names, scope } = env;
  switch (e.kind) {
    case 'num': {
      const l = fixLiteral(new Dec(e.value), e.value);
      return { ...prim(l.code, 'num', false, l.scale), known: { n: BigInt(l.code) } };
    }
    case 'str':
    case 'date':
      return prim(jsString(e.value), 'str');
    case 'bool':
      return prim(String(e.value), 'bool');
    case 'const': {
      const c = names.constant(e.name);
      const kind = kindOfUnit(e.unit);
      if (kind !== 'num') return prim(c.id, kind, c.value === undefined);
      if (!(c.value instanceof Dec)) throw new NotFixable(`constant ${e.name} is not a number`);
      const l = fixLiteral(c.value, `constant ${e.name}`);
      return { ...prim(c.fixId, 'num', false, l.scale), known: { n: BigInt(l.code), what: c.id } };
    }
    case 'let': {
      const l = names.let(e.name);
      return prim(`${l.fn}$fix(${scope})`, l.kind, l.optional, l.kind === 'num' ? l.fixScale() : 0);
    }
    case 'base': {
      const b = names.base(e.name);
      return prim(`${b.fn}$fix(${scope}).fix`, 'num', false, b.fixScale());
    }
    case 'payeeValue': {
      const kind = kindOfUnit(e.unit);
      return prim(`${names.fixPayeeRow(e.table)}(${scope}).${names.column(e.column)}`, kind, e.optional, kind === 'num' ? unitScale(e.unit) : 0);
    }
    case 'field': {
      const kind = kindOfUnit(e.unit);
      const scale = kind === 'num' ? unitScale(e.unit) : 0;
      if (!env.cols) return prim(`c$${names.column(e.column)}`, kind, e.optional, scale);
      return prim(`${env.cols}.${names.column(e.column)}[${row(env)}]${e.optional ? '' : '!'}`, kind, e.optional, scale);
    }
    case 'excess':
      if (!env.excess) throw new Error('`excess` outside a band');
      return prim(env.excess.code, 'num', false, env.excess.scale);
    case 'payee':
      return prim(`${scope}.payee`, 'str');
    case 'periodPart':
      return prim(`periodPart(${scope}.period, ${jsString(e.part)}${e.fiscalStart ? `, ${e.fiscalStart}` : ''})`, 'num', false, 0);
    case 'neg': {
      const a = need(fix(e.operand, env));
      return compound(`-${paren(a)}`, 'num', false, a.scale);
    }
    case 'arith': {
      if (e.op === '/') throw new NotFixable('division');
      const l = need(fix(e.left, env));
      const r = need(fix(e.right, env));
      if (e.op === '*') return prim(`$mul(${l.code}, ${r.code})`, 'num', false, checkScale(l.scale + r.scale));
      const scale = Math.max(l.scale, r.scale);
      return prim(`${e.op === '+' ? '$add' : '$sub'}(${up(l, scale)}, ${up(r, scale)})`, 'num', false, scale);
    }
    case 'cmp': {
      const l = fix(e.left, env);
      const r = fix(e.right, env);
      if (l.kind === 'num' && r.kind === 'num') {
        const scale = Math.max(l.scale, r.scale);
        const [a, b] = [up(l, scale), up(r, scale)];
        if (l.optional || r.optional) return prim(`$cmpq(${jsString(e.op)}, ${a}, ${b})`, 'bool');
        return compound(`${a} ${jsOp(e.op)} ${b}`, 'bool');
      }
      // Text, dates and yes/no values compare as on decimals; an empty value in an ordering bails.
      if (l.optional || r.optional || l.kind !== r.kind) return prim(`$cmpFix(${jsString(e.op)}, ${l.code}, ${r.code})`, 'bool');
      return compound(`${paren(l)} ${jsOp(e.op)} ${paren(r)}`, 'bool');
    }
    case 'logic':
      return compound(`${condition(fix(e.left, env))} ${e.op === 'and' ? '&&' : '||'} ${condition(fix(e.right, env))}`, 'bool');
    case 'not': {
      const a = fix(e.operand, env);
      return a.optional || a.kind !== 'bool' ? compound(`${paren(a)} !== true`, 'bool') : compound(`!${paren(a)}`, 'bool');
    }
    case 'isSet': {
      const op = e.operand;
      const a = op.kind === 'payeeValue' ? prim(`${names.fixPayeeRow(op.table)}OrEmpty(${scope})?.${names.column(op.column)}`, kindOfUnit(op.unit), true) : fix(op, env);
      return compound(`${paren(a)} ${e.negated ? '===' : '!=='} undefined`, 'bool');
    }
    case 'call': {
      if (e.fn !== 'min' && e.fn !== 'max' && e.fn !== 'abs' && e.fn !== 'round' && e.fn !== 'floor' && e.fn !== 'ceil') throw new NotFixable('date arithmetic');
      const args = e.args.map((a) => need(fix(a, env)));
      if (e.fn === 'abs') return prim(`Math.abs(${args[0]!.code})`, 'num', false, args[0]!.scale);
      if (e.fn === 'round' || e.fn === 'floor' || e.fn === 'ceil') throw new NotFixable(`${e.fn}(…)`);
      const scale = Math.max(...args.map((a) => a.scale));
      return prim(`Math.${e.fn}(${args.map((a) => up(a, scale)).join(', ')})`, 'num', false, scale);
    }
    case 'if': {
      // Both branches at one scale, so the value's scale is known when compiling whichever runs.
      const a = fix(e.then, env);
      const b = fix(e.else, env);
      const test = condition(fix(e.condition, env));
      if (a.kind !== 'num') return compound(`${test} ? ${paren(a)} : ${paren(b)}`, a.kind, a.optional || b.optional);
      const scale = Math.max(a.scale, b.scale);
      const branch = (x: Emitted): string => (x.scale === scale ? paren(x) : `(${up(x, scale)})`);
      return compound(`${test} ? ${branch(a)} : ${branch(b)}`, 'num', a.optional || b.optional, scale);
    }
    case 'lookup':
      throw new NotFixable('a rate table lookup');
    case 'line':
      throw new NotFixable('a statement line read as a value');
    case 'tiers':
      throw new NotFixable('tiered bands on each row');
    case 'keyed':
      throw new NotFixable('a keyed table lookup');
    case 'previous':
      throw new NotFixable('a value of an earlier period');
    case 'activeShare':
      throw new NotFixable('proration by active days');
    default:
      return unsupported(e);
  }
}

function unitScale(u: Unit): number {
  return u === 'money' ? columnScale['money']! : u === 'count' ? columnScale['count']! : u === 'ratio' ? columnScale['percent']! : columnScale['decimal']!;
}
