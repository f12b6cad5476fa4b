/**
 * fast-check arbitraries for random, syntactically valid plans, built directly as ASTs (they need
 * not type-check). Every span is a dummy: tests compare trees without positions. Expressions are
 * generated freely and then given `Paren` nodes exactly where the grammar needs them, so the
 * printer, which never adds parentheses, can print every generated tree.
 */
import fc from 'fast-check';
import { keywords, type Ast } from '@payplan/syntax';

const S = { start: 0, end: 0 } as const;
const reserved = new Set(keywords);

// ─── Names and literals ─────────────────────────────────────────────────────────────────────────

const firstChars = [...'abcdefghijklmnopqrstuvwxyzABCTPQ_', '毛', '利', '提', '成', 'é', 'ß', 'Ω', 'ж', 'ñ'];
const restChars = [...firstChars, ...'0123456789'];
const word = fc.oneof(
  fc.tuple(fc.constantFrom(...firstChars), fc.array(fc.constantFrom(...restChars), { maxLength: 7 })).map(([f, r]) => f + r.join('')),
  fc.constantFrom('price', 'T1', '毛利', 'région', 'deals', 'qty', 'ab_12', 'Ωmega', 'ofx', 'pay_out', 'notes', 'tablet'),
);
export const name = word.filter((w) => !reserved.has(w));
const ident = name.map((n): Ast.Ident => ({ kind: 'Ident', name: n, span: S }));
const optIdent = fc.option(ident, { nil: undefined });

const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
const fraction = fc.option(digits(1, 3), { nil: undefined }).map((f) => (f === undefined ? '' : `.${f}`));
const numberText = fc.oneof(
  fc.tuple(digits(1, 7), fraction).map(([i, f]) => i + f),
  fc.tuple(digits(1, 3), fc.array(digits(3, 3), { minLength: 1, maxLength: 3 }), fraction).map(([h, g, f]) => [h, ...g].join(',') + f),
);
const numberLit = numberText.map((text): Ast.NumberLit => ({ kind: 'NumberLit', text, span: S }));
const currencyCode = fc.constantFrom('CNY', 'EUR', 'USD').map((name): Ast.Ident => ({ kind: 'Ident', name, span: S }));
const money = fc.tuple(numberText, currencyCode).map(([text, currency]): Ast.NumberLit => ({ kind: 'NumberLit', text, currency, span: S }));
const stringChars = [...'ab Z09', '"', '\\', '\n', '\t', '#', '%', '北', 'é', '…', "'", '\u00a0'];
const stringLit = fc.array(fc.constantFrom(...stringChars), { maxLength: 12 }).map((c): Ast.StringLit => ({ kind: 'StringLit', value: c.join(''), span: S }));
const boolLit = fc.boolean().map((value): Ast.BoolLit => ({ kind: 'BoolLit', value, span: S }));

const leaf: fc.Arbitrary<Ast.Expr> = fc.oneof(
  numberLit,
  money,
  numberText.map((text): Ast.PercentLit => ({ kind: 'PercentLit', text, span: S })),
  stringLit,
  boolLit,
  fc.tuple(digits(4, 4), digits(2, 2), digits(2, 2)).map(([y, m, d]): Ast.DateLit => ({ kind: 'DateLit', text: `${y}-${m}-${d}`, span: S })),
  fc.tuple(optIdent, ident).map(([qualifier, n]): Ast.NameRef => ({ kind: 'NameRef', ...(qualifier && { qualifier }), name: n, span: S })),
);

// ─── Expressions with the parentheses the grammar needs ─────────────────────────────────────────

/** How tightly a node binds: -1 `if`, 0 `or` … 8 primary. An operand below its slot's level needs parentheses. */
function level(e: Ast.Expr): number {
  switch (e.kind) {
    case 'If':
      return -1;
    case 'Logical':
      return e.op === 'or' ? 0 : 1;
    case 'Not':
      return 2;
    case 'Compare':
    case 'IsSet':
      return 3;
    case 'Binary':
      return e.op === '+' || e.op === '-' ? 4 : 5;
    case 'Of':
      return 6;
    case 'Unary':
      return 7;
    default:
      return 8;
  }
}

export const atLeast = (e: Ast.Expr, min: number): Ast.Expr => (level(e) >= min ? e : { kind: 'Paren', inner: e, span: S });

const ops = <T extends string>(...xs: T[]) => fc.constantFrom(...xs);

export const expr: fc.Arbitrary<Ast.Expr> = fc.letrec<{ e: Ast.Expr }>((tie) => {
  const sub = tie('e');
  return {
    e: fc.oneof(
      { maxDepth: 4, depthSize: 'small' },
      leaf,
      fc.tuple(ops('-', '+'), sub).map(([op, operand]): Ast.Expr => ({ kind: 'Unary', op, operand: atLeast(operand, 7), span: S })),
      fc.tuple(ops('+', '-', '*', '/'), sub, sub).map(([op, l, r]): Ast.Expr => {
        const lv = op === '+' || op === '-' ? 4 : 5;
        return { kind: 'Binary', op, left: atLeast(l, lv), right: atLeast(r, lv + 1), span: S };
      }),
      fc.tuple(sub, sub).map(([rate, amount]): Ast.Expr => ({ kind: 'Of', rate: atLeast(rate, 7), amount: atLeast(amount, 7), span: S })),
      fc.tuple(ops('=', '!=', '<', '<=', '>', '>='), sub, sub).map(([op, l, r]): Ast.Expr => ({ kind: 'Compare', op, left: atLeast(l, 4), right: atLeast(r, 4), span: S })),
      fc.tuple(ops('and', 'or'), sub, sub).map(([op, l, r]): Ast.Expr => {
        const lv = op === 'or' ? 0 : 1;
        return { kind: 'Logical', op, left: atLeast(l, lv), right: atLeast(r, lv + 1), span: S };
      }),
      sub.map((operand): Ast.Expr => ({ kind: 'Not', operand: atLeast(operand, 2), span: S })),
      fc.tuple(sub, fc.boolean()).map(([operand, negated]): Ast.Expr => ({ kind: 'IsSet', operand: atLeast(operand, 4), negated, span: S })),
      fc.tuple(ident, fc.array(sub, { minLength: 1, maxLength: 3 })).map(([callee, args]): Ast.Expr => ({ kind: 'Call', callee, args, span: S })),
      sub.map((inner): Ast.Expr => ({ kind: 'Paren', inner, span: S })),
      // Each branch of an `if` is a whole expression, another `if` included.
      fc.tuple(sub, sub, sub).map(([condition, then, otherwise]): Ast.Expr => ({ kind: 'If', condition, then, else: otherwise, span: S })),
    ),
  };
}).e;
const optExpr = fc.option(expr, { nil: undefined });

// ─── Header and declarations ────────────────────────────────────────────────────────────────────

const headerItem: fc.Arbitrary<Ast.HeaderItem> = fc.oneof(
  ident.map((code): Ast.HeaderItem => ({ kind: 'Currency', code, span: S })),
  fc.tuple(ident, optIdent).map(([frequency, basis]): Ast.HeaderItem => ({ kind: 'Settle', frequency, ...(basis && { basis }), span: S })),
  fc
    .tuple(ident, fc.constantFrom('2025-12-29', '2026-01-05'), optIdent)
    .map(([frequency, date, basis]): Ast.HeaderItem => ({ kind: 'Settle', frequency, anchor: { kind: 'DateLit', text: date, span: S }, ...(basis && { basis }), span: S })),
  ident.map((month): Ast.HeaderItem => ({ kind: 'FiscalYear', month, span: S })),
  fc.tuple(ident, numberLit, optIdent).map(([mode, step, point]): Ast.HeaderItem => ({ kind: 'Round', mode, step, point, span: S })),
  numberLit.map((year): Ast.HeaderItem => ({ kind: 'Year', year, span: S })),
);
const header = fc.tuple(stringLit, fc.array(headerItem, { maxLength: 5 })).map(([n, items]): Ast.PlanHeader => ({ name: n, items, span: S }));

const column = fc
  .tuple(ident, fc.oneof(ident, fc.constant<Ast.Ident>({ kind: 'Ident', name: 'count', span: S })), fc.array(ident, { maxLength: 2 }))
  .map(([n, type, modifiers]): Ast.ColumnDecl => ({ kind: 'Column', name: n, type, modifiers, span: S }));
const table = fc
  .tuple(ident, fc.array(ident, { maxLength: 2 }), optIdent, optIdent, fc.array(column, { maxLength: 5 }))
  .map(([n, per, by, on, columns]): Ast.Decl => ({ kind: 'Table', name: n, per, by, on, columns, span: S }));

const value = (kind: 'Const' | 'Let') => fc.tuple(ident, expr).map(([n, v]): Ast.Decl => ({ kind, name: n, value: v, span: S }));

const aggregate: fc.Arbitrary<Ast.Aggregate> = fc.oneof(
  fc.tuple(expr, ident, optExpr).map(([v, t, where]): Ast.Aggregate => ({ kind: 'Sum', value: v, table: t, ...(where && { where }), span: S })),
  fc.tuple(ident, optExpr).map(([t, where]): Ast.Aggregate => ({ kind: 'Count', table: t, ...(where && { where }), span: S })),
  fc.tuple(expr, ident, optExpr).map(([v, t, where]): Ast.Aggregate => ({ kind: 'Rank', value: v, table: t, ...(where && { where }), span: S })),
);
const base = fc.tuple(ident, aggregate).map(([n, v]): Ast.Decl => ({ kind: 'Base', name: n, value: v, span: S }));

/** Which ends a range closes, as the parser records them: only `true` flags, `words` for a two-ended range in words. */
const ends = (lower: boolean, upper: boolean): fc.Arbitrary<Ast.RangeEnds> =>
  fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()).map(([open, closed, words]) => ({
    ...(lower && open && { lowerOpen: true }),
    ...(upper && closed && { upperClosed: true }),
    ...(lower && upper && (words || (lower && open) || (upper && closed)) && { words: true }),
  }));
const range: fc.Arbitrary<Ast.BandRange> = fc.oneof(
  fc.tuple(expr, ends(false, true)).map(([upper, e]): Ast.BandRange => ({ kind: 'Below', upper, ...e, span: S })),
  fc.tuple(expr, ends(true, false)).map(([lower, e]): Ast.BandRange => ({ kind: 'From', lower, ...e, span: S })),
  fc.tuple(expr, expr, ends(true, true)).map(([lower, upper, e]): Ast.BandRange => ({ kind: 'Between', lower, upper, ...e, span: S })),
);
const band = fc.tuple(range, expr).map(([r, pay]): Ast.Band => ({ kind: 'Band', range: r, pay, span: S }));
const tiers: fc.Arbitrary<Ast.Tiers> = fc
  .tuple(optExpr, fc.option(fc.constantFrom<Ast.TierMode>('whole', 'marginal'), { nil: undefined }), fc.array(band, { maxLength: 4 }))
  .map(([by, mode, bands]) => ({ ...(by && { by }), ...(mode && { mode: { value: mode, span: S } }), bands }));
/** A rule's own period, `per year`: `year` is a keyword, the other words are names. */
const optPer = fc.option(
  fc.constantFrom('year', 'quarter', 'half', 'month').map((name): Ast.Ident => ({ kind: 'Ident', name, span: S })),
  { nil: undefined },
);
const withPer = (d: fc.Arbitrary<Ast.Decl>): fc.Arbitrary<Ast.Decl> => fc.tuple(d, optPer).map(([decl, per]) => (per ? ({ ...decl, per } as Ast.Decl) : decl));
const commission: fc.Arbitrary<Ast.Decl> = fc.oneof(
  fc.tuple(optIdent, expr, expr).map(([n, on, pay]): Ast.Decl => ({ kind: 'Commission', name: n, keyword: S, on, pay, bands: [], span: S })),
  fc
    .tuple(optIdent, expr, tiers)
    .map(([n, on, t]): Ast.Decl => ({ kind: 'Commission', name: n, keyword: S, on, ...t, span: S })),
);
/** `report` before a rule: shown, never paid. */
const reportedFlag = fc.boolean().map((r) => (r ? { reported: S } : {}));
const bonus = fc
  .tuple(optIdent, optExpr, expr, reportedFlag)
  .map(([n, when, pay, reported]): Ast.Decl => ({ kind: 'Bonus', name: n, keyword: S, ...(when && { when }), pay, ...reported, span: S }));
const report = fc
  .tuple(ident, expr, fc.option(fc.tuple(ident, numberLit), { nil: undefined }))
  .map(([n, v, round]): Ast.Decl => ({ kind: 'Report', name: n, value: v, ...(round && { round: { mode: round[0], step: round[1] } }), span: S }));

const rowRule: fc.Arbitrary<Ast.RowRule> = fc.oneof(
  fc.tuple(expr, fc.boolean(), stringLit).map(([condition, exclude, message]): Ast.RowRule => ({ kind: 'Require', condition, exclude, message, span: S })),
  fc.tuple(ident, optExpr, expr).map(([n, when, pay]): Ast.RowRule => ({ kind: 'PayRule', name: n, ...(when && { when }), pay, span: S })),
  fc.tuple(ident, ident, expr).map(([row, n, v]): Ast.RowRule => ({ kind: 'RowLet', row, name: n, value: v, span: S })),
  fc.tuple(ident, expr, tiers).map(([n, on, t]): Ast.RowRule => ({ kind: 'RowTiers', name: n, on, ...t, span: S })),
);
const forEach = fc
  .tuple(ident, ident, optExpr, fc.array(rowRule, { maxLength: 4 }))
  .map(([row, t, where, rules]): Ast.Decl => ({ kind: 'ForEach', row, table: t, ...(where && { where }), rules, span: S }));

const stepBonus = fc
  .tuple(optIdent, expr, fc.option(fc.constantFrom<Ast.StepMode>('highest', 'every'), { nil: undefined }), fc.array(fc.tuple(expr, expr), { maxLength: 3 }))
  .map(([n, on, mode, steps]): Ast.Decl => ({
    kind: 'StepBonus',
    name: n,
    keyword: S,
    on,
    ...(mode && { mode: { value: mode, span: S } }),
    steps: steps.map(([at, pay]): Ast.Step => ({ kind: 'Step', at, pay, span: S })),
    span: S,
  }));
const salary = fc
  .tuple(optIdent, expr, optExpr, fc.array(fc.tuple(range, expr), { maxLength: 3 }))
  .map(([n, amount, w, bands]): Ast.Decl => ({
    kind: 'Salary',
    name: n,
    keyword: S,
    amount,
    ...(w && { with: w }),
    bands: bands.map(([r, by]): Ast.SalaryBand => ({ kind: 'SalaryBand', range: r, by, span: S })),
    span: S,
  }));
const percentLit = numberText.map((text): Ast.Expr => ({ kind: 'PercentLit', text, span: S }));
const keyEnd: fc.Arbitrary<Ast.Expr> = fc.tuple(fc.boolean(), fc.oneof(numberLit, percentLit)).map(([minus, lit]) => (minus ? { kind: 'Unary', op: '-', operand: lit, span: S } : lit));
const keyRange: fc.Arbitrary<Ast.RateKey> = fc.oneof(
  fc.tuple(keyEnd, ends(false, true)).map(([upper, e]): Ast.RateKey => ({ kind: 'KeyRange', upper, ...e, span: S })),
  fc.tuple(keyEnd, ends(true, false)).map(([lower, e]): Ast.RateKey => ({ kind: 'KeyRange', lower, ...e, span: S })),
  fc.tuple(keyEnd, keyEnd, ends(true, true)).map(([lower, upper, e]): Ast.RateKey => ({ kind: 'KeyRange', lower, upper, ...e, span: S })),
);
const rateKey: fc.Arbitrary<Ast.RateKey> = fc.oneof(stringLit, numberLit, boolLit, keyRange);
const rates = fc
  .tuple(fc.boolean(), ident, fc.array(ident, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(fc.array(rateKey, { minLength: 1, maxLength: 3 }), expr), { maxLength: 3 }), optExpr)
  .map(([split, n, keys, entries, fallback]): Ast.Decl => ({
    kind: 'Rates',
    split,
    name: n,
    keys,
    entries: entries.map(([k, v]): Ast.RateEntry => ({ kind: 'RateEntry', keys: k, value: v, span: S })),
    ...(fallback && { fallback }),
    span: S,
  }));
const cap = fc
  .tuple(fc.constantFrom<'cap' | 'floor'>('cap', 'floor'), fc.oneof(ident, fc.constantFrom('commission', 'bonus', 'salary').map((n): Ast.Ident => ({ kind: 'Ident', name: n, span: S }))), expr)
  .map(([bound, target, v]): Ast.Decl => ({ kind: 'Cap', bound, target, value: v, span: S }));
const ladder = fc
  .array(fc.tuple(fc.constantFrom<'<' | '<='>('<', '<='), expr), { minLength: 1, maxLength: 3 })
  .chain((rest) => expr.map((first): Ast.Decl => ({ kind: 'Ladder', items: [first, ...rest.map(([, e]) => e)].map((e) => atLeast(e, 4)), ops: rest.map(([op]) => op), span: S })));

const creditRule = fc
  .tuple(ident, fc.option(expr, { nil: undefined }), optExpr)
  .map(([to, share, when]): Ast.CreditRule => ({ kind: 'CreditRule', to, ...(share && { share }), rest: share === undefined, ...(when && { when }), span: S }));
const credit = fc.tuple(ident, fc.array(creditRule, { maxLength: 3 })).map(([t, rules]): Ast.Decl => ({ kind: 'Credit', table: t, rules, span: S }));
const team = fc
  .tuple(ident, ident, ident, ident)
  .map(([n, t, column, depth]): Ast.Decl => ({ kind: 'Team', name: n, table: t, column, depth, span: S }));
const clawback = fc
  .tuple(ident, ident, ident, numberLit)
  .map(([row, t, column, days]): Ast.Decl => ({ kind: 'Clawback', row, table: t, column, days, span: S }));
const draw = fc
  .tuple(optIdent, expr, fc.constantFrom<'recoverable' | 'nonrecoverable'>('recoverable', 'nonrecoverable'))
  .map(([n, amount, mode]): Ast.Decl => ({ kind: 'Draw', name: n, keyword: S, amount, mode: { value: mode, span: S }, span: S }));
const history = fc
  .tuple(optIdent, ident, ident)
  .map(([of, t, column]): Ast.Decl => ({ kind: 'History', ...(of && { of }), table: t, column, span: S }));

const pool = fc
  .tuple(ident, expr, ident, fc.option(stringLit, { nil: undefined }), expr)
  .map(([n, amount, t, leader, weight]): Ast.Decl => ({ kind: 'Pool', name: n, amount, team: t, ...(leader && { leader }), weight, span: S }));

const group = fc
  .tuple(ident, fc.option(fc.tuple(ident, ident), { nil: undefined }))
  .map(([n, by]): Ast.Decl => ({ kind: 'Group', name: n, ...(by && { table: by[0], column: by[1] }), span: S }));
const place = fc.tuple(numberLit, expr).map(([n, pay]): Ast.Place => ({ kind: 'Place', place: n, pay, span: S }));
const contest = fc
  .tuple(ident, expr, ident, optExpr, fc.array(place, { maxLength: 3 }))
  .map(([n, measure, g, where, places]): Ast.Decl => ({ kind: 'Contest', name: n, measure, group: g, ...(where && { where }), places, span: S }));
const allocate = fc
  .tuple(ident, expr, ident, expr)
  .map(([n, amount, g, weight]): Ast.Decl => ({ kind: 'Allocate', name: n, amount, group: g, weight, span: S }));

export const decl: fc.Arbitrary<Ast.Decl> = fc.oneof(
  table, value('Const'), value('Let'), base, withPer(commission), withPer(bonus), forEach, withPer(stepBonus), salary, rates, cap, ladder, credit, team, clawback, draw, pool, report, history, group, allocate, contest,
);

export const plan: fc.Arbitrary<Ast.Plan> = fc
  .tuple(fc.option(header, { nil: undefined }), fc.array(decl, { maxLength: 8 }))
  .map(([h, decls]): Ast.Plan => ({ kind: 'Plan', ...(h && { header: h }), decls, comments: [], span: S }));

/** A comment's text (after `#`): anything on one line, trailing spaces included (the parser trims them). */
export const commentBody = fc.array(fc.constantFrom(...'ab #Z9\t', '毛', '"', '\\', '…', ' '), { maxLength: 10 }).map((c) => c.join(''));
