/**
 * The plan's abstract syntax tree: plain readonly data, a discriminated union on `kind`, and a
 * half-open `span` on every node. The parser builds it (cst-to-ast.ts), the printer prints it back
 * (print.ts) and the checker reads it; nothing here is resolved or typed yet: names are just text.
 */
import type { Span } from '@payplan/diagnostics';

export interface Ident {
  readonly kind: 'Ident';
  readonly name: string;
  readonly span: Span;
}

// ─── Expressions ────────────────────────────────────────────────────────────────────────────────

export type BinaryOp = '+' | '-' | '*' | '/';
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Expr =
  | NumberLit
  | PercentLit
  | StringLit
  | BoolLit
  | DateLit
  | NameRef
  | Unary
  | Binary
  | OfExpr
  | Compare
  | Logical
  | Not
  | IsSet
  | Call
  | Paren
  | IfExpr;

/**
 * A number as written: `2,000`, `120.00`, `0.5`; `text` keeps the author's digits and grouping.
 * With a currency code (`50,000 CNY`) it is an amount of money.
 */
export interface NumberLit {
  readonly kind: 'NumberLit';
  readonly text: string;
  readonly currency?: Ident;
  readonly span: Span;
}
/** `20%`; `text` is the digits without the percent sign. */
export interface PercentLit {
  readonly kind: 'PercentLit';
  readonly text: string;
  readonly span: Span;
}
export interface StringLit {
  readonly kind: 'StringLit';
  /** The decoded value (escapes resolved). */
  readonly value: string;
  readonly span: Span;
}
export interface BoolLit {
  readonly kind: 'BoolLit';
  readonly value: boolean;
  readonly span: Span;
}
export interface DateLit {
  readonly kind: 'DateLit';
  readonly text: string;
  readonly span: Span;
}
/** `margin`, or qualified `quotas.T` / `deal.price`. */
export interface NameRef {
  readonly kind: 'NameRef';
  readonly qualifier?: Ident;
  readonly name: Ident;
  readonly span: Span;
}
export interface Unary {
  readonly kind: 'Unary';
  readonly op: '-' | '+';
  readonly operand: Expr;
  readonly span: Span;
}
export interface Binary {
  readonly kind: 'Binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}
/** `5% of T`: a rate applied to an amount. */
export interface OfExpr {
  readonly kind: 'Of';
  readonly rate: Expr;
  readonly amount: Expr;
  readonly span: Span;
}
export interface Compare {
  readonly kind: 'Compare';
  readonly op: CompareOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}
export interface Logical {
  readonly kind: 'Logical';
  readonly op: 'and' | 'or';
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}
export interface Not {
  readonly kind: 'Not';
  readonly operand: Expr;
  readonly span: Span;
}
/** `finder is set` / `finder is not set`: whether an optional cell has a value. */
export interface IsSet {
  readonly kind: 'IsSet';
  readonly operand: Expr;
  readonly negated: boolean;
  readonly span: Span;
}
/** `min(a, b)`, `max(a, b)`, `abs(a)`. */
export interface Call {
  readonly kind: 'Call';
  readonly callee: Ident;
  readonly args: readonly Expr[];
  readonly span: Span;
}
/** Parentheses are kept so the printer reproduces them. */
export interface Paren {
  readonly kind: 'Paren';
  readonly inner: Expr;
  readonly span: Span;
}

/** `if C then A else B`: one of two values, chosen by a yes/no condition. */
export interface IfExpr {
  readonly kind: 'If';
  readonly condition: Expr;
  readonly then: Expr;
  readonly else: Expr;
  readonly span: Span;
}

// ─── Plan header ────────────────────────────────────────────────────────────────────────────────

export type HeaderItem = CurrencyItem | SettleItem | RoundItem | YearItem | EffectiveItem | FiscalYearItem;

export interface CurrencyItem {
  readonly kind: 'Currency';
  readonly code: Ident;
  readonly span: Span;
}
/** `settle quarterly`, `settle quarterly year_to_date`, or `settle biweekly from 2025-12-29`. */
export interface SettleItem {
  readonly kind: 'Settle';
  readonly frequency: Ident;
  /** The first day of one biweekly period: periods run every 14 days from it. */
  readonly anchor?: DateLit;
  readonly basis?: Ident;
  readonly span: Span;
}
/** `round half_up to 0.01 per line`. */
export interface RoundItem {
  readonly kind: 'Round';
  readonly mode: Ident;
  readonly step: NumberLit;
  readonly point?: Ident;
  readonly span: Span;
}
/** `year 2026`: the calendar year the plan covers; dates outside it are data errors. */
export interface YearItem {
  readonly kind: 'Year';
  readonly year: NumberLit;
  readonly span: Span;
}

/** `effective 2026-07-01`: this version of the plan applies to periods starting on or after the date. */
export interface EffectiveItem {
  readonly kind: 'Effective';
  readonly date: DateLit;
  readonly span: Span;
}

/** `fiscal_year from april`: the month the plan's (fiscal) year starts in. */
export interface FiscalYearItem {
  readonly kind: 'FiscalYear';
  readonly month: Ident;
  readonly span: Span;
}

// ─── Declarations ───────────────────────────────────────────────────────────────────────────────

export type Decl =
  | TableDecl
  | ConstDecl
  | LetDecl
  | BaseDecl
  | CommissionDecl
  | BonusDecl
  | ForEachDecl
  | StepBonusDecl
  | SalaryDecl
  | RatesDecl
  | CapDecl
  | LadderDecl
  | CreditDecl
  | TeamDecl
  | ClawbackDecl
  | DrawDecl
  | PoolDecl
  | GroupDecl
  | AllocateDecl
  | ContestDecl
  | ExampleDecl
  | ActiveDecl
  | HistoryDecl
  | ReportDecl;

/** `> 0`, `>= 50,000`, `<= 100%`: what every value of a column must satisfy. */
export interface ColumnBound {
  readonly op: '>' | '>=' | '<' | '<=';
  /** The number as written, with its sign: `0`, `-5`, `100%`. */
  readonly value: NumberLit | PercentLit;
  readonly negative: boolean;
  readonly span: Span;
}

export interface ColumnDecl {
  readonly kind: 'Column';
  readonly name: Ident;
  /** `text`, `money`, …: an identifier the checker validates, so a typo gets a helpful message. */
  readonly type: Ident;
  /** `key`, `optional`. */
  readonly modifiers: readonly Ident[];
  /** A declared range, checked in the data and used by the checker's order analysis. */
  readonly bound?: ColumnBound;
  readonly span: Span;
}

/** `table quotas per payee per period`, `table deals by rep on closed`. */
export interface TableDecl {
  readonly kind: 'Table';
  readonly name: Ident;
  /** The words after `per`: `payee`, `period`. */
  readonly per: readonly Ident[];
  /** `by rep`: the payee column a row is attributed to. */
  readonly by?: Ident;
  /** `on closed`: the date column that decides a row's period. */
  readonly on?: Ident;
  readonly columns: readonly ColumnDecl[];
  readonly span: Span;
}

/** `const Pp = 120.00`: a plan-wide value. */
export interface ConstDecl {
  readonly kind: 'Const';
  readonly name: Ident;
  readonly value: Expr;
  readonly span: Span;
}

/** `let T1 = 60% of T`: a value per payee per period. */
export interface LetDecl {
  readonly kind: 'Let';
  readonly name: Ident;
  readonly value: Expr;
  readonly span: Span;
}

export type Aggregate = SumAgg | CountAgg | RankAgg;

/** `rank of revenue over company where deals_won > 0`: the payee's place among the group's members, highest first. */
export interface RankAgg {
  readonly kind: 'Rank';
  readonly value: Expr;
  /** The group ranked over. */
  readonly table: Ident;
  readonly where?: Expr;
  readonly span: Span;
}

/** `sum of qty * price over deals where product = "pump"`. */
export interface SumAgg {
  readonly kind: 'Sum';
  readonly value: Expr;
  readonly table: Ident;
  readonly where?: Expr;
  readonly span: Span;
}
/** `count of deals where new_customer`. */
export interface CountAgg {
  readonly kind: 'Count';
  readonly table: Ident;
  readonly where?: Expr;
  readonly span: Span;
}

/** `base margin = sum of … over deals`: an aggregate per payee per period. */
export interface BaseDecl {
  readonly kind: 'Base';
  readonly name: Ident;
  readonly value: Aggregate;
  readonly span: Span;
}

/**
 * Which ends of a range are closed. A lower end is closed (`from X`) unless written `above X`; an
 * upper end is open (`below X`, `A .. B`) unless written `up to X`. `words` is set when a two-ended
 * range was written with words (`from A below B`) rather than `A .. B`, so the printer keeps it.
 */
export interface RangeEnds {
  readonly lowerOpen?: boolean;
  readonly upperClosed?: boolean;
  readonly words?: boolean;
}

export type BandRange =
  | ({ readonly kind: 'Below'; readonly upper: Expr; readonly span: Span } & RangeEnds)
  | ({ readonly kind: 'From'; readonly lower: Expr; readonly span: Span } & RangeEnds)
  | ({ readonly kind: 'Between'; readonly lower: Expr; readonly upper: Expr; readonly span: Span } & RangeEnds);

/** One band of a tiered commission: `T1 .. T2 pay 3%`. */
export interface Band {
  readonly kind: 'Band';
  readonly range: BandRange;
  readonly pay: Expr;
  readonly span: Span;
}

export type TierMode = 'whole' | 'marginal';

/** `[by MEASURE] whole|marginal` and bands: what a tiered commission and a per-row tiered rule share. */
export interface Tiers {
  /** `by markup`: the bands are on this measure, and the rate they pick is paid on the base. */
  readonly by?: Expr;
  readonly mode?: { readonly value: TierMode; readonly span: Span };
  readonly bands: readonly Band[];
}

/**
 * `commission [name] on BASE pay RATE` (flat), or
 * `commission [name] on BASE whole|marginal` followed by bands.
 */
export interface CommissionDecl {
  readonly kind: 'Commission';
  readonly name?: Ident;
  /** `per year`: the component is measured over, and paid at the end of, a longer period than the plan's. */
  readonly per?: Ident;
  readonly keyword: Span;
  /** `report commission …`: the line is shown, never paid. */
  readonly reported?: Span;
  readonly on: Expr;
  readonly by?: Expr;
  readonly mode?: { readonly value: TierMode; readonly span: Span };
  /** Set for the one-line form. */
  readonly pay?: Expr;
  readonly bands: readonly Band[];
  readonly span: Span;
}

/** `bonus [name] [when COND] pay AMOUNT`: without `when`, a fixed amount. */
export interface BonusDecl {
  readonly kind: 'Bonus';
  readonly name?: Ident;
  /** `per year`: the component is measured over, and paid at the end of, a longer period than the plan's. */
  readonly per?: Ident;
  readonly keyword: Span;
  readonly reported?: Span;
  readonly when?: Expr;
  readonly pay: Expr;
  readonly span: Span;
}

/** `require COND else [exclude] "message"`. */
export interface RequireRule {
  readonly kind: 'Require';
  readonly condition: Expr;
  readonly exclude: boolean;
  readonly message: StringLit;
  readonly span: Span;
}
/** `price_difference when price > Pp pay rp of (price - Pp) * qty`. */
export interface PayRule {
  readonly kind: 'PayRule';
  readonly name: Ident;
  readonly when?: Expr;
  readonly pay: Expr;
  readonly span: Span;
}
/** `deal_commission on amount marginal` and its bands: tiers applied to each row on its own. */
export interface RowTierRule extends Tiers {
  readonly kind: 'RowTiers';
  readonly name: Ident;
  readonly on: Expr;
  readonly span: Span;
}
/** `let deal.markup = (price - cost) / cost`: a value of each row, used like a column after it. */
export interface RowLet {
  readonly kind: 'RowLet';
  readonly row: Ident;
  readonly name: Ident;
  readonly value: Expr;
  readonly span: Span;
}
export type RowRule = RequireRule | PayRule | RowTierRule | RowLet;

/** `for each deal in deals [where COND]` followed by per-row rules. */
export interface ForEachDecl {
  readonly kind: 'ForEach';
  readonly row: Ident;
  readonly table: Ident;
  readonly where?: Expr;
  readonly rules: readonly RowRule[];
  readonly span: Span;
}

/** One step of a step bonus: `at T pay 3,000`. */
export interface Step {
  readonly kind: 'Step';
  readonly at: Expr;
  readonly pay: Expr;
  readonly span: Span;
}

export type StepMode = 'highest' | 'every';

/** `step bonus [name] on EXPR highest|every` followed by `at X pay Y` steps. */
export interface StepBonusDecl {
  readonly kind: 'StepBonus';
  readonly name?: Ident;
  /** `per year`: the component is measured over, and paid at the end of, a longer period than the plan's. */
  readonly per?: Ident;
  readonly keyword: Span;
  readonly reported?: Span;
  readonly on: Expr;
  readonly mode?: { readonly value: StepMode; readonly span: Span };
  readonly steps: readonly Step[];
  readonly span: Span;
}

/** One band of a floating salary: `below 80% by -10%`. */
export interface SalaryBand {
  readonly kind: 'SalaryBand';
  readonly range: BandRange;
  readonly by: Expr;
  readonly span: Span;
}

/**
 * `salary [name] of AMOUNT floats with EXPR` followed by bands that move it up or down; without
 * `floats with`, a fixed salary.
 */
export interface SalaryDecl {
  readonly kind: 'Salary';
  readonly name?: Ident;
  readonly keyword: Span;
  readonly reported?: Span;
  readonly amount: Expr;
  readonly with?: Expr;
  readonly bands: readonly SalaryBand[];
  readonly span: Span;
}

/** `from 1 up to 6`, `below 10,000`, `5,000 .. 20,000`: a range of numeric keys in a rate table. */
export type KeyRange = { readonly kind: 'KeyRange'; readonly lower?: Expr; readonly upper?: Expr; readonly span: Span } & RangeEnds;

/** A key in a rate table entry: a quoted text, a number, true/false, or a range of numbers. */
export type RateKey = StringLit | NumberLit | BoolLit | KeyRange;

/** `"pump", "north"  4%`. */
export interface RateEntry {
  readonly kind: 'RateEntry';
  readonly keys: readonly RateKey[];
  readonly value: Expr;
  readonly span: Span;
}

/**
 * `rates NAME by COL[, COL]` followed by entries and an `else` fallback; or `split NAME by KEY`,
 * whose entries are shares of a whole that must add up to 100% (and need no fallback).
 */
export interface RatesDecl {
  readonly kind: 'Rates';
  readonly split: boolean;
  readonly name: Ident;
  readonly keys: readonly Ident[];
  readonly entries: readonly RateEntry[];
  readonly fallback?: Expr;
  readonly span: Span;
}

/** `cap commission at 3 * T`, `floor payout at 0`: a limit on one line or on the payout. */
export interface CapDecl {
  readonly kind: 'Cap';
  readonly bound: 'cap' | 'floor';
  readonly target: Ident;
  readonly value: Expr;
  readonly span: Span;
}

/** `ladder Pmin < Pd < Pp <= Pq < Pmax`: values that must stay in this order. */
export interface LadderDecl {
  readonly kind: 'Ladder';
  readonly items: readonly Expr[];
  readonly ops: readonly ('<' | '<=')[];
  readonly span: Span;
}

/** `to finder 10% when finder is set`, or `to owner rest`. */
export interface CreditRule {
  readonly kind: 'CreditRule';
  readonly to: Ident;
  /** The share; absent for `rest`. */
  readonly share?: Expr;
  readonly rest: boolean;
  readonly when?: Expr;
  readonly span: Span;
}

/** `credit deals` followed by rules saying who is credited with each row, and with what share. */
export interface CreditDecl {
  readonly kind: 'Credit';
  readonly table: Ident;
  readonly rules: readonly CreditRule[];
  readonly span: Span;
}

/** `team downline by hierarchy.manager all`: who reports to a payee, directly or at all levels. */
export interface TeamDecl {
  readonly kind: 'Team';
  readonly name: Ident;
  readonly table: Ident;
  readonly column: Ident;
  /** `all` or `direct`, checked by the checker. */
  readonly depth: Ident;
  readonly span: Span;
}

/** `clawback deal in deals when cancelled within 90 days`. */
export interface ClawbackDecl {
  readonly kind: 'Clawback';
  readonly row: Ident;
  readonly table: Ident;
  readonly column: Ident;
  readonly days: NumberLit;
  readonly span: Span;
}

/** `draw [name] of 2,000 recoverable`: a guaranteed minimum payout, recovered later or not. */
export interface DrawDecl {
  readonly kind: 'Draw';
  readonly name?: Ident;
  readonly keyword: Span;
  readonly amount: Expr;
  readonly mode: { readonly value: 'recoverable' | 'nonrecoverable'; readonly span: Span };
  readonly span: Span;
}

/**
 * `pool team_pool of 2% of team_margin over downline by weight`: an amount computed for each team
 * leader and shared among the team's members in proportion to their weights. With a named leader
 * (`over downline of "mia"`), the pool of that leader's team alone.
 */
export interface PoolDecl {
  readonly kind: 'Pool';
  readonly name: Ident;
  readonly amount: Expr;
  readonly team: Ident;
  readonly leader?: StringLit;
  readonly weight: Expr;
  readonly span: Span;
}

/** `group region by regions.region` (the payees sharing a per-payee value) or `group company` (every payee). */
export interface GroupDecl {
  readonly kind: 'Group';
  readonly name: Ident;
  readonly table?: Ident;
  readonly column?: Ident;
  readonly span: Span;
}

/**
 * `allocate region_pool of 1% of region_margin over region by margin`: an amount of a group, rounded,
 * shared among its members in proportion to their weights, each part rounded, the parts adding up to it.
 */
export interface AllocateDecl {
  readonly kind: 'Allocate';
  readonly name: Ident;
  readonly amount: Expr;
  readonly group: Ident;
  readonly weight: Expr;
  readonly span: Span;
}

/** One prize of a contest: `place 1 pay 3,000`. */
export interface Place {
  readonly kind: 'Place';
  readonly place: NumberLit;
  readonly pay: Expr;
  readonly span: Span;
}

/**
 * `contest best_seller on revenue over company where deals_won > 0` and its `place N pay AMOUNT`
 * lines: prizes by rank among the group's members; tied members share the prizes of their places.
 */
export interface ContestDecl {
  readonly kind: 'Contest';
  readonly name: Ident;
  readonly measure: Expr;
  readonly group: Ident;
  readonly where?: Expr;
  readonly places: readonly Place[];
  readonly span: Span;
}

/** A literal value in an example, as written (`ana`, `2026-Q1`, `1,000`, `"pump"`, `20%`). */
export interface ExampleValue {
  readonly kind: 'ExampleValue';
  /** The value as a data cell would hold it: quotes removed, everything else as written. */
  readonly text: string;
  /** The source text, for the printer: `"pump"` keeps its quotes. */
  readonly raw: string;
  readonly span: Span;
}

/** `deals: id=1 rep=ana closed=2026-02-10 qty=1,000`: one input row of an example. */
export interface ExampleRow {
  readonly kind: 'ExampleRow';
  readonly table: Ident;
  readonly cells: readonly { readonly column: Ident; readonly value: ExampleValue }[];
  readonly span: Span;
}

/** `expect ana 2026-Q1 payout = 15,400.00`, or a line's name instead of `payout`. */
export interface ExampleExpect {
  readonly kind: 'Expect';
  readonly payee: ExampleValue;
  readonly period: ExampleValue;
  readonly line: Ident;
  readonly amount: ExampleValue;
  readonly span: Span;
}

/** `example "name"` followed by input rows and expectations: a test that lives with the plan. */
export interface ExampleDecl {
  readonly kind: 'Example';
  readonly name: StringLit;
  readonly rows: readonly ExampleRow[];
  readonly expects: readonly ExampleExpect[];
  readonly span: Span;
}

/**
 * `active from roster.joined to roster.left`: the days each payee is on the plan, from a per-payee
 * table's optional date columns. Makes `active_share` (the part of a period they were active) available.
 */
export interface ActiveDecl {
  readonly kind: 'Active';
  readonly table: Ident;
  readonly from: Ident;
  /** The table named before `to`; the checker requires it to be `table`. */
  readonly toTable: Ident;
  readonly to: Ident;
  readonly span: Span;
}

/**
 * `history from paid.amount`: what was already paid for earlier periods (by another system, or a
 * run before a migration), from a table per payee per period. Such a period counts as paid in a
 * year-to-date true-up and is not settled again.
 */
export interface HistoryDecl {
  readonly kind: 'History';
  /**
   * `history of revenue from past.revenue`: not payouts but the value `revenue` of the periods
   * before the run, which `previous(revenue)` reads for the run's first periods.
   */
  readonly of?: Ident;
  readonly table: Ident;
  readonly column: Ident;
  readonly span: Span;
}

/** `report NAME = EXPR [round MODE to STEP]`: a value shown on every statement, never paid. */
export interface ReportDecl {
  readonly kind: 'Report';
  readonly name: Ident;
  readonly value: Expr;
  readonly round?: { readonly mode: Ident; readonly step: NumberLit };
  readonly span: Span;
}

export interface PlanHeader {
  readonly name: StringLit;
  readonly items: readonly HeaderItem[];
  readonly span: Span;
}

export interface Comment {
  /** The comment text including `#`. */
  readonly text: string;
  readonly span: Span;
}

export interface Plan {
  readonly kind: 'Plan';
  readonly header?: PlanHeader;
  readonly decls: readonly Decl[];
  /** Every comment in the file, in order; the printer re-attaches them by position. */
  readonly comments: readonly Comment[];
  readonly span: Span;
}
