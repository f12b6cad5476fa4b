/**
 * Expressions: resolves every name against the scope it appears in, infers and checks units, and
 * lowers to IR (`of` becomes `*`, parentheses disappear). Reports problems and returns `undefined`
 * for an expression it cannot type, so one mistake yields one diagnostic, not a cascade.
 */
import { DiagnosticBag, type Span } from '@payplan/diagnostics';
import { Dec, parseDate, periodWords, type CalendarOptions, type PeriodKind } from '@payplan/runtime';
import type { Ast } from '@payplan/syntax';
import type { IrExpr, Unit } from './ir.js';
import type { TableInfo } from './tables.js';
import { arithmetic, comparable, numeric, ofUnit, unify, unitWords } from './units.js';
import { didYouMean } from './suggest.js';
import { lowerPrevious } from './lower-previous.js';
import { dateArithmetic, dateCall, dateFunctionNames, isDateFunction, periodDate } from './lower-dates.js';

/** A name a plan-level expression can refer to. */
export type Symbol =
  | { readonly kind: 'const'; readonly name: string }
  | { readonly kind: 'let'; readonly name: string }
  | { readonly kind: 'base'; readonly name: string }
  | { readonly kind: 'rates'; readonly name: string; readonly keys: readonly Ast.Ident[] };

/** Where an expression stands, which decides the names it can see. */
export interface Scope {
  /** `const`: plan-wide, sees only constants. `payee`: per payee and period. */
  readonly level: 'const' | 'payee';
  /**
   * Inside an aggregate, a filter or a per-row rule: the row's table and the row variable's name,
   * and in a `for each` block the row's values defined so far (`let deal.markup = …`), which are
   * read like columns and stand for their lowered definition.
   */
  readonly row?: { readonly table: TableInfo; readonly variable?: string; readonly lets?: ReadonlyMap<string, IrExpr> };
  /** Inside a band's `pay`: `excess` is available, of the unit of what the bands measure (money unless said). */
  readonly band?: boolean;
  readonly excessUnit?: Unit;
}

export interface ExprContext {
  readonly bag: DiagnosticBag;
  readonly tables: ReadonlyMap<string, TableInfo>;
  /** Declared plan-level names (const, let, base). */
  readonly symbols: ReadonlyMap<string, Symbol>;
  /** Columns of per-payee tables, by column name. */
  readonly payeeColumns: ReadonlyMap<string, readonly TableInfo[]>;
  /** Statement lines by name (`commission`, `stretch`), which expressions may read as values. */
  readonly lines: ReadonlyMap<string, Span>;
  /** The unit of a plan-level name, checking its definition on demand (and detecting cycles). */
  unitOf(sym: Symbol, at: Ast.Ident): Unit | undefined;
  /** Called for each reference, so rules can list the values they use. */
  used(name: string): void;
  /** The plan's currency code, for money literals such as `50,000 CNY`. */
  readonly currency: string;
  /** The `active from … to …` declaration, which makes `active_share` available. */
  readonly active?: { readonly table: string; readonly from: string; readonly to: string };
  /** The plan's settlement period, which decides whether `quarter`, `month`, `half` make sense. */
  readonly settle: PeriodKind;
  /** The biweekly anchor and the fiscal year's first month, when the header states them. */
  readonly calendar?: CalendarOptions;
  /**
   * Reports (S022) a transaction column read by a declaration written just after a `for each` block
   * that has it, which was surely meant to be inside the block; true when it did.
   */
  readonly afterForEach?: (e: Ast.NameRef, name: string) => boolean;
  /** `history of VALUE from TABLE.COLUMN`, by value: what `previous(VALUE)` reads before the run. */
  readonly valueHistories?: ReadonlyMap<string, { readonly table: string; readonly column: string }>;
  /** Rate tables whose keys are being resolved, outermost first: a key that leads back to one is a cycle. */
  readonly resolvingRates?: readonly string[];
}

const functions = { min: 'min', max: 'max', abs: 'abs', round: 'round', floor: 'floor', ceil: 'ceil' } as const;

export function lowerExpr(e: Ast.Expr, scope: Scope, cx: ExprContext): IrExpr | undefined {
  switch (e.kind) {
    case 'NumberLit':
    case 'PercentLit':
    case 'StringLit':
    case 'BoolLit':
    case 'DateLit':
      return literal(e, cx);
    case 'Paren':
      return lowerExpr(e.inner, scope, cx);
    case 'NameRef':
      return resolveName(e, scope, cx);
    case 'Unary':
      return unary(e, scope, cx);
    case 'Binary':
    case 'Of':
      return binary(e, scope, cx);
    case 'Compare':
      return compare(e, scope, cx);
    case 'Logical': {
      const left = condition(e.left, scope, cx);
      const right = condition(e.right, scope, cx);
      return left && right && { kind: 'logic', op: e.op, left, right, unit: 'boolean', span: e.span };
    }
    case 'Not': {
      const operand = condition(e.operand, scope, cx);
      return operand && { kind: 'not', operand, unit: 'boolean', span: e.span };
    }
    case 'IsSet':
      return isSet(e, scope, cx);
    case 'Call':
      return call(e, scope, cx);
    case 'If':
      return ifExpr(e, scope, cx);
  }
}

/**
 * `if C then A else B`: C is yes/no (T002); A and B have one unit (T001), an untyped number taking
 * the other branch's unit, as it does next to `+`. So `if late then 0 else 5% of margin` is money.
 */
function ifExpr(e: Ast.IfExpr, scope: Scope, cx: ExprContext): IrExpr | undefined {
  const test = condition(e.condition, scope, cx);
  const then = lowerExpr(e.then, scope, cx);
  const otherwise = lowerExpr(e.else, scope, cx);
  if (!test || !then || !otherwise) return undefined;
  const unit = unify(then.unit, otherwise.unit);
  if (!unit) {
    cx.bag.error('T001', e.span, `the two branches of \`if\` must have one unit, but one is ${unitWords(then.unit)} and the other ${unitWords(otherwise.unit)}`, {
      labels: [
        { span: then.span, message: unitWords(then.unit) },
        { span: otherwise.span, message: unitWords(otherwise.unit) },
      ],
      hint: then.unit === 'ratio' || otherwise.unit === 'ratio' ? 'to pay a percentage of an amount, write `5% of amount` in the branch' : 'make both branches the same kind of value',
    });
    return undefined;
  }
  return { kind: 'if', condition: test, then, else: otherwise, unit, span: e.span };
}

type Literal = Extract<Ast.Expr, { kind: 'NumberLit' | 'PercentLit' | 'StringLit' | 'BoolLit' | 'DateLit' }>;

function literal(e: Literal, cx: ExprContext): IrExpr | undefined {
  switch (e.kind) {
    case 'NumberLit':
      if (e.currency && e.currency.name !== cx.currency) {
        cx.bag.error('T003', e.currency.span, `\`${e.currency.name}\` is not this plan's currency (${cx.currency}); amounts are written \`${e.text} ${cx.currency}\``);
        return undefined;
      }
      return { kind: 'num', value: e.text.replace(/,/g, ''), unit: e.currency ? 'money' : 'number', span: e.span };
    case 'PercentLit':
      return { kind: 'num', value: new Dec(e.text.replace(/,/g, '')).div(100).toFixed(), unit: 'ratio', span: e.span };
    case 'StringLit':
      return { kind: 'str', value: e.value, unit: 'text', span: e.span };
    case 'BoolLit':
      return { kind: 'bool', value: e.value, unit: 'boolean', span: e.span };
    case 'DateLit': {
      const d = parseDate(e.text);
      if (!d) {
        cx.bag.error('T003', e.span, `\`${e.text}\` is not a calendar date`);
        return undefined;
      }
      return { kind: 'date', value: d, unit: 'date', span: e.span };
    }
  }
}

function unary(e: Extract<Ast.Expr, { kind: 'Unary' }>, scope: Scope, cx: ExprContext): IrExpr | undefined {
  const operand = lowerExpr(e.operand, scope, cx);
  if (!operand) return undefined;
  if (!numeric.has(operand.unit)) {
    cx.bag.error('T001', e.span, `a sign goes before a number, not before ${unitWords(operand.unit)}`);
    return undefined;
  }
  return e.op === '+' ? operand : { kind: 'neg', operand, unit: operand.unit, span: e.span };
}

/** `a + b`, `a * b`, …, and `rate of amount` (which becomes `*`). */
function binary(e: Extract<Ast.Expr, { kind: 'Binary' | 'Of' }>, scope: Scope, cx: ExprContext): IrExpr | undefined {
  const left = lowerExpr(e.kind === 'Of' ? e.rate : e.left, scope, cx);
  const right = lowerExpr(e.kind === 'Of' ? e.amount : e.right, scope, cx);
  if (!left || !right) return undefined;
  if (e.kind === 'Binary') {
    const dated = dateArithmetic(e.op, left, right, e.span, cx);
    if (dated !== 'none') return dated;
  }
  const r = e.kind === 'Of' ? ofUnit(left.unit, right.unit) : arithmetic(e.op, left.unit, right.unit);
  if (!r.ok) {
    cx.bag.error(e.kind === 'Of' ? 'T005' : 'T001', e.span, r.message, {
      labels: [
        { span: left.span, message: unitWords(left.unit) },
        { span: right.span, message: unitWords(right.unit) },
      ],
      ...(r.hint && { hint: r.hint }),
    });
    return undefined;
  }
  return { kind: 'arith', op: e.kind === 'Of' ? '*' : e.op, left, right, unit: r.unit, span: e.span };
}

function compare(e: Extract<Ast.Expr, { kind: 'Compare' }>, scope: Scope, cx: ExprContext): IrExpr | undefined {
  const left = lowerExpr(e.left, scope, cx);
  const right = lowerExpr(e.right, scope, cx);
  if (!left || !right) return undefined;
  const r = comparable(e.op, left.unit, right.unit);
  if (!r.ok) {
    cx.bag.error('T004', e.span, r.message, { labels: [{ span: left.span, message: unitWords(left.unit) }, { span: right.span, message: unitWords(right.unit) }] });
    return undefined;
  }
  return { kind: 'cmp', op: e.op, left, right, unit: 'boolean', span: e.span };
}

function isSet(e: Extract<Ast.Expr, { kind: 'IsSet' }>, scope: Scope, cx: ExprContext): IrExpr | undefined {
  const operand = lowerExpr(e.operand, scope, cx);
  if (!operand) return undefined;
  // A per-payee value may be unset because the payee has no row in its table at all; a keyed value, because its table has no row for the key.
  if (operand.kind !== 'payeeValue' && operand.kind !== 'keyed' && (operand.kind !== 'field' || !operand.optional)) {
    cx.bag.error('T003', e.operand.span, '`is set` asks whether an optional column, a per-payee value or a keyed table\'s value has a value; this is none of these', {
      hint: 'mark the column `optional` in its table',
    });
    return undefined;
  }
  return { kind: 'isSet', operand, negated: e.negated, unit: 'boolean', span: e.span };
}

/** `min(…)`, `max(…)` (two or more values of one unit), `abs(…)`, and `round`, `floor`, `ceil` (rounding.ts). */
function call(e: Extract<Ast.Expr, { kind: 'Call' }>, scope: Scope, cx: ExprContext): IrExpr | undefined {
  const { bag } = cx;
  if (e.callee.name === 'previous') return lowerPrevious(e, scope, cx);
  const fn = functions[e.callee.name as keyof typeof functions];
  const dated = isDateFunction(e.callee.name) ? e.callee.name : undefined;
  if (!fn && !dated) {
    const known = [...Object.keys(functions), ...dateFunctionNames, 'previous'];
    bag.error('N001', e.callee.span, `unknown function \`${e.callee.name}\`; the functions are ${known.join(', ')}`, didYouMean(e.callee.name, known));
    return undefined;
  }
  const args = e.args.map((a) => lowerExpr(a, scope, cx));
  if (args.some((a) => !a)) return undefined;
  const ok = args as IrExpr[];
  if (fn === 'round' || fn === 'floor' || fn === 'ceil') return roundingCall(fn, e, ok, bag);
  if (dated) return dateCall(dated, e, ok, scope, cx);
  if (!fn) return undefined;
  const arity = fn === 'abs' ? [1, 1] : [2, Infinity];
  if (ok.length < arity[0]! || ok.length > arity[1]!) {
    bag.error('T003', e.span, fn === 'abs' ? '`abs` takes one value' : `\`${fn}\` takes two or more values`);
    return undefined;
  }
  let unit: Unit | undefined = ok[0]!.unit;
  for (const a of ok.slice(1)) unit = unit && unify(unit, a.unit);
  if (!unit || !numeric.has(unit)) {
    bag.error('T001', e.span, `\`${fn}\` needs values of one unit, such as all money`, { labels: ok.map((a) => ({ span: a.span, message: unitWords(a.unit) })) });
    return undefined;
  }
  return { kind: 'call', fn, args: ok, unit, span: e.span };
}

/** An expression that must be a yes/no condition. */
export function condition(e: Ast.Expr, scope: Scope, cx: ExprContext): IrExpr | undefined {
  const r = lowerExpr(e, scope, cx);
  if (r && r.unit !== 'boolean') {
    cx.bag.error('T002', e.span, `a condition must be true or false, but this is ${unitWords(r.unit)}`, { hint: 'compare it, for example `margin >= T`' });
    return undefined;
  }
  return r;
}

function resolveName(e: Ast.NameRef, scope: Scope, cx: ExprContext): IrExpr | undefined {
  const { bag } = cx;
  const name = e.name.name;
  if (e.qualifier) return resolveQualified(e, e.qualifier, scope, cx);

  // Inside a row: the row's own columns come first.
  if (scope.row) {
    const col = scope.row.table.schema.columns.find((c) => c.name === name);
    if (col) return { kind: 'field', table: scope.row.table.schema.name, column: col.name, optional: col.optional, unit: columnUnit(col.type), span: e.span };
    const rowLet = scope.row.lets?.get(name);
    if (rowLet) return rowLet;
  }
  if (name === 'excess' && scope.band) return { kind: 'excess', unit: scope.excessUnit ?? 'money', span: e.span };

  const sym = cx.symbols.get(name);
  if (sym?.kind === 'rates') return lookup(sym, e, scope, cx);
  if (sym) {
    if (scope.level === 'const' && sym.kind !== 'const') {
      bag.error('N006', e.span, `a constant cannot use \`${name}\`, which differs per payee and period`, { hint: `use \`let\` for values that depend on \`${name}\`` });
      return undefined;
    }
    const unit = cx.unitOf(sym, e.name);
    if (!unit) return undefined;
    cx.used(name);
    return { kind: sym.kind, name, unit, span: e.span };
  }
  if (cx.lines.has(name)) return lineValue(name, e, scope, cx);
  const owners = cx.payeeColumns.get(name);
  if (owners && owners.length) {
    if (scope.level === 'const') {
      bag.error('N006', e.span, `a constant cannot use \`${name}\`, which comes from table \`${owners[0]!.schema.name}\` per payee`, { hint: `use \`let\` instead of \`const\`` });
      return undefined;
    }
    if (owners.length > 1) {
      bag.error('N003', e.span, `\`${name}\` is a column of several tables (${owners.map((t) => t.schema.name).join(', ')}); say which`, { hint: `write \`${owners[0]!.schema.name}.${name}\`` });
      return undefined;
    }
    return payeeValue(owners[0]!, name, e, cx);
  }
  if (cx.tables.has(name)) {
    bag.error('N006', e.span, `\`${name}\` is a table; use one of its columns, or aggregate it with \`sum of … over ${name}\``);
    return undefined;
  }
  const builtin = builtinName(name, scope, e, cx);
  if (builtin !== 'none') return builtin;
  const rowHint = !scope.row && [...cx.tables.values()].some((t) => t.schema.kind === 'rows' && t.schema.columns.some((c) => c.name === name));
  if (rowHint && cx.afterForEach?.(e, name)) return undefined;
  const candidates = [...cx.symbols.keys(), ...cx.payeeColumns.keys(), ...cx.lines.keys(), ...(scope.row ? scope.row.table.schema.columns.map((c) => c.name) : [])];
  bag.error('N001', e.span, rowHint ? `\`${name}\` is a column of a transaction table, usable only inside \`sum of … over\`, \`count of\` or \`for each\`` : `unknown name \`${name}\``, rowHint ? {} : didYouMean(name, candidates));
  return undefined;
}

/**
 * A statement line read as a value (`50% of commission`): an amount of money per payee and period,
 * so not in a constant. Cycles through lines are found once every rule is lowered (line-cycles.ts).
 */
function lineValue(name: string, e: Ast.NameRef, scope: Scope, cx: ExprContext): IrExpr | undefined {
  if (scope.level === 'const') {
    cx.bag.error('N006', e.span, `a constant cannot use the statement line \`${name}\`, which differs per payee and period`, { hint: `use \`let\` for values that depend on \`${name}\`` });
    return undefined;
  }
  cx.used(name);
  return { kind: 'line', name, unit: 'money', span: e.span };
}

/** A rate table used by name: its keys are looked up by name where it is used (a row, or the payee). */
function lookup(sym: Extract<Symbol, { kind: 'rates' }>, e: Ast.NameRef, scope: Scope, cx: ExprContext): IrExpr | undefined {
  if (scope.level === 'const') {
    cx.bag.error('N006', e.span, `a constant cannot use the rate table \`${sym.name}\`, whose rate depends on ${sym.keys.map((k) => k.name).join(' and ')}`);
    return undefined;
  }
  const resolving = cx.resolvingRates ?? [];
  if (resolving.includes(sym.name)) {
    const cycle = [...resolving.slice(resolving.indexOf(sym.name)), sym.name];
    cx.bag.error('S008', e.span, `the rate table \`${sym.name}\` is keyed by itself: ${cycle.join(' → ')}`, { hint: 'key a rate table by a column or a per-payee value, not by a rate table' });
    return undefined;
  }
  const keys: IrExpr[] = [];
  for (const k of sym.keys) {
    // Resolve the key as if it were written here; report our own message if it is not available.
    const scratch = new DiagnosticBag(cx.bag.file);
    const key = resolveName({ kind: 'NameRef', name: { ...k, span: e.span }, span: e.span }, scope, { ...cx, bag: scratch, used: () => undefined, resolvingRates: [...resolving, sym.name] });
    if (!key && scratch.items.some((d) => d.code === 'S008')) {
      cx.bag.items.push(...scratch.items.filter((d) => d.code === 'S008'));
      return undefined;
    }
    if (!key) {
      cx.bag.error('N006', e.span, `the rate table \`${sym.name}\` is keyed by \`${k.name}\`, which is not available here`, {
        hint: `use \`${sym.name}\` inside \`for each\` or an aggregate over a table with a \`${k.name}\` column, or where \`${k.name}\` is a per-payee value`,
      });
      return undefined;
    }
    keys.push(key);
  }
  const unit = cx.unitOf(sym, e.name);
  if (!unit) return undefined;
  // Not listed among the rule's values: the rate differs per row, and each row's amount is shown.
  return { kind: 'lookup', rates: sym.name, keys, unit, span: e.span };
}

/** Names every plan has: the payee, and the number of the period within its year. */
function builtinName(name: string, scope: Scope, e: Ast.NameRef, cx: ExprContext): IrExpr | undefined | 'none' {
  const periodDay = periodDate(name, e.span, scope, cx);
  if (periodDay !== 'none') return periodDay;
  if (name === 'active_share' || name === 'active_year_share') {
    if (!cx.active) return 'none';
    if (scope.level === 'const') {
      cx.bag.error('N006', e.span, `\`${name}\` differs per payee and period; a constant cannot use it`, { hint: 'use `let` instead of `const`' });
      return undefined;
    }
    return { kind: 'activeShare', of: name === 'active_share' ? 'period' : 'year', ...cx.active, settle: cx.settle, ...(cx.calendar && { calendar: cx.calendar }), unit: 'ratio', span: e.span };
  }
  if (name !== 'payee' && name !== 'quarter' && name !== 'month' && name !== 'half') return 'none';
  if (scope.level === 'const') {
    cx.bag.error('N006', e.span, `\`${name}\` differs per ${name === 'payee' ? 'payee' : 'period'}; a constant cannot use it`, { hint: 'use `let` instead of `const`' });
    return undefined;
  }
  if (name === 'payee') return { kind: 'payee', unit: 'payee', span: e.span };
  // A period has a quarter if it is a quarter or a month, and so on; a week may straddle two months.
  const fits: Record<string, readonly string[]> = { month: ['month', 'semimonth', 'day'], quarter: ['quarter', 'month', 'semimonth', 'day'], half: ['half', 'quarter', 'month', 'semimonth', 'day'] };
  if (!fits[name]!.includes(cx.settle)) {
    cx.bag.error('N006', e.span, `this plan settles by ${periodWords[cx.settle].noun}, so a period has no single ${name}`);
    return undefined;
  }
  const fiscalStart = cx.calendar?.fiscalStart;
  return { kind: 'periodPart', part: name, ...(fiscalStart && { fiscalStart }), unit: 'count', span: e.span };
}

function resolveQualified(e: Ast.NameRef, q: Ast.Ident, scope: Scope, cx: ExprContext): IrExpr | undefined {
  const { bag } = cx;
  const name = e.name.name;
  // `deal.price`: the row variable, or the row's table name.
  if (scope.row && (q.name === scope.row.variable || q.name === scope.row.table.schema.name)) {
    const col = scope.row.table.schema.columns.find((c) => c.name === name);
    const rowLet = q.name === scope.row.variable ? scope.row.lets?.get(name) : undefined;
    if (rowLet) return rowLet;
    if (!col) {
      bag.error('N005', e.name.span, `table \`${scope.row.table.schema.name}\` has no column \`${name}\``, didYouMean(name, scope.row.table.schema.columns.map((c) => c.name)));
      return undefined;
    }
    return { kind: 'field', table: scope.row.table.schema.name, column: col.name, optional: col.optional, unit: columnUnit(col.type), span: e.span };
  }
  const table = cx.tables.get(q.name);
  if (!table) {
    bag.error('N004', q.span, `unknown table \`${q.name}\``, didYouMean(q.name, cx.tables.keys()));
    return undefined;
  }
  if (table.schema.kind === 'rows') {
    bag.error('N006', e.span, `\`${q.name}\` is a transaction table; its columns are usable only inside \`sum of … over ${q.name}\`, \`count of\` or \`for each … in ${q.name}\``);
    return undefined;
  }
  if (scope.level === 'const') {
    bag.error('N006', e.span, `a constant cannot use \`${q.name}.${name}\`, which differs per payee`, { hint: 'use `let` instead of `const`' });
    return undefined;
  }
  if (table.schema.kind === 'keyed') return keyedValue(table, name, e, scope, cx);
  return payeeValue(table, name, e, cx);
}

/**
 * `customers.finder`: the keyed table's row whose key columns have, by name, the values found here:
 * the row's column, else a per-payee value; a key column of type `period`, else, is the statement's period.
 */
function keyedValue(table: TableInfo, name: string, e: Ast.NameRef, scope: Scope, cx: ExprContext): IrExpr | undefined {
  const col = table.schema.columns.find((c) => c.name === name);
  if (!col) {
    cx.bag.error('N005', e.name.span, `table \`${table.schema.name}\` has no column \`${name}\``, didYouMean(name, table.schema.columns.map((c) => c.name)));
    return undefined;
  }
  const keys: { column: string; value?: IrExpr }[] = [];
  for (const k of table.schema.keys ?? []) {
    const keyCol = table.schema.columns.find((c) => c.name === k)!;
    const rowCol = scope.row?.table.schema.columns.find((c) => c.name === k);
    const owners = cx.payeeColumns.get(k) ?? [];
    let value: IrExpr | undefined;
    if (rowCol) value = { kind: 'field', table: scope.row!.table.schema.name, column: k, optional: rowCol.optional, unit: columnUnit(rowCol.type), span: e.span };
    else if (owners.length === 1) value = payeeValue(owners[0]!, k, e, { ...cx, used: () => undefined });
    else if (keyCol.type !== 'period') {
      cx.bag.error('N006', e.span, `\`${table.schema.name}.${name}\` is read by the key \`${k}\`, which is not available here`, {
        hint: `read it inside \`for each\` or an aggregate over a table with a \`${k}\` column, or where \`${k}\` is a per-payee value`,
      });
      return undefined;
    }
    const keyUnit = columnUnit(keyCol.type);
    if (value && !(value.unit === keyUnit || (keyUnit === 'text' && value.unit === 'payee') || (keyUnit === 'payee' && value.unit === 'text'))) {
      cx.bag.error('T004', e.span, `\`${table.schema.name}\` is keyed by \`${k}\` (${unitWords(keyUnit)}), but \`${k}\` here is ${unitWords(value.unit)}`);
      return undefined;
    }
    keys.push({ column: k, ...(value && { value }) });
  }
  return { kind: 'keyed', table: table.schema.name, column: name, optional: col.optional, keys, unit: columnUnit(col.type), span: e.span };
}

function payeeValue(table: TableInfo, name: string, e: Ast.NameRef, cx: ExprContext): IrExpr | undefined {
  const col = table.schema.columns.find((c) => c.name === name);
  if (!col) {
    cx.bag.error('N005', e.name.span, `table \`${table.schema.name}\` has no column \`${name}\``, didYouMean(name, table.schema.columns.map((c) => c.name)));
    return undefined;
  }
  cx.used(name);
  const atLeast = col.bound && (col.bound.op === '>' || col.bound.op === '>=') ? col.bound.value : undefined;
  return { kind: 'payeeValue', table: table.schema.name, column: name, optional: col.optional, ...(atLeast !== undefined && { atLeast }), unit: columnUnit(col.type), span: e.span };
}

export function columnUnit(type: string): Unit {
  switch (type) {
    case 'money':
      return 'money';
    case 'percent':
      return 'ratio';
    case 'count':
      return 'count';
    case 'decimal':
      return 'decimal';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'payee':
      return 'payee';
    default:
      return 'text';
  }
}

/**
 * `round(x, step)`, `floor(x[, step])`, `ceil(x[, step])`: the value to a multiple of a step of its
 * own unit (`round(bonus, 0.01)`, `floor(attainment, 1%)`, `ceil(hours)`), the step a positive
 * number written out (S039), so that every back end rounds to the same grid.
 */
function roundingCall(fn: 'round' | 'floor' | 'ceil', e: Extract<Ast.Expr, { kind: 'Call' }>, args: IrExpr[], bag: DiagnosticBag): IrExpr | undefined {
  if (args.length !== 2 && !(fn !== 'round' && args.length === 1)) {
    bag.error('T003', e.span, fn === 'round' ? '`round` takes a value and the step to round it to, such as `round(bonus, 0.01)`' : `\`${fn}\` takes a value and, optionally, the step to round it to, such as \`${fn}(attainment, 1%)\``);
    return undefined;
  }
  const [value, step = { kind: 'num', value: '1', unit: 'number', span: e.span } as IrExpr] = args;
  if (!numeric.has(value!.unit)) {
    bag.error('T003', value!.span, `\`${fn}\` rounds a number, an amount or a percentage, but this is ${unitWords(value!.unit)}`);
    return undefined;
  }
  if (step.kind !== 'num' || !new Dec(step.value).gt(0)) {
    bag.error('S007', step.span, `the step of \`${fn}\` must be a positive number written out, such as 0.01, 1 or 5%`, { hint: `write the step itself: \`${fn}(…, 0.01)\`` });
    return undefined;
  }
  const unit = unify(value!.unit, step.unit);
  if (!unit) {
    bag.error('T001', step.span, `the step of \`${fn}\` must be of the value's unit: the value is ${unitWords(value!.unit)}, the step ${unitWords(step.unit)}`);
    return undefined;
  }
  return { kind: 'call', fn, args: [value!, step], unit, span: e.span };
}
