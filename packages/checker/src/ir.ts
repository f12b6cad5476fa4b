/**
 * The one intermediate representation that the interpreter and the compiler both consume. The
 * checker guarantees: every name is resolved to what it denotes (a constant, a per-payee value, a
 * base, a row field); every expression carries its unit; definitions are listed in dependency order;
 * `of` is lowered to multiplication. Back ends never look at the AST, so they cannot disagree about it.
 */
import type { Span } from '@payplan/diagnostics';
import type { CalendarOptions, DateFunction, PeriodKind, RoundingMode, RoundingRule, TableSchema } from '@payplan/runtime';

/**
 * Units of values. `number` is an untyped literal (like Go's untyped constants): it takes the unit
 * its context needs, so `price > 120` compares money with money and `qty * 2` stays a count.
 * `ratio` covers percentages and attainment (money ÷ money).
 */
export type Unit = 'money' | 'ratio' | 'count' | 'decimal' | 'number' | 'boolean' | 'text' | 'date' | 'payee';

interface Node {
  readonly span: Span;
  readonly unit: Unit;
}

export type IrExpr =
  | (Node & { readonly kind: 'num'; readonly value: string })
  | (Node & { readonly kind: 'str'; readonly value: string })
  | (Node & { readonly kind: 'bool'; readonly value: boolean })
  | (Node & { readonly kind: 'date'; readonly value: string })
  /** A plan-wide constant. */
  | (Node & { readonly kind: 'const'; readonly name: string })
  /** A derived value per payee per period (`let`). */
  | (Node & { readonly kind: 'let'; readonly name: string })
  /** An aggregate per payee per period (`base`). */
  | (Node & { readonly kind: 'base'; readonly name: string })
  /**
   * A statement line read as a value: its amount after its caps and floors, rounded as the plan
   * rounds lines (exact under `per total`); a reported (unpaid) line is read exact.
   */
  | (Node & { readonly kind: 'line'; readonly name: string })
  /** A column of a per-payee (or per-payee-per-period) table, for the current payee and period. */
  | (Node & {
      readonly kind: 'payeeValue';
      readonly table: string;
      readonly column: string;
      readonly optional: boolean;
      /** The least value the column declares (`T money > 0` gives 0), for the order analysis. */
      readonly atLeast?: string;
    })
  /** A column of the current row, inside an aggregate, a filter or a per-row rule. */
  | (Node & { readonly kind: 'field'; readonly table: string; readonly column: string; readonly optional: boolean })
  /** Inside a band's `pay`: the part of the base above the band's lower bound. */
  | (Node & { readonly kind: 'excess' })
  /** The current payee's id. */
  | (Node & { readonly kind: 'payee' })
  /** The part of the statement's period (or its year) the payee was active (`active from … to …`), by days. */
  | (Node & {
      readonly kind: 'activeShare';
      readonly of: 'period' | 'year';
      readonly table: string;
      readonly from: string;
      readonly to: string;
      /** The plan's calendar, which says the days of a period and of its (fiscal) year. */
      readonly settle: PeriodKind;
      readonly calendar?: CalendarOptions;
    })
  /**
   * The number of the statement's period within its year: its quarter (1–4), month (1–12) or half
   * (1–2); quarters and halves counted from the fiscal year's first month when it is not January.
   */
  | (Node & { readonly kind: 'periodPart'; readonly part: 'quarter' | 'month' | 'half'; readonly fiscalStart?: number })
  | (Node & { readonly kind: 'neg'; readonly operand: IrExpr })
  | (Node & { readonly kind: 'arith'; readonly op: '+' | '-' | '*' | '/'; readonly left: IrExpr; readonly right: IrExpr })
  | (Node & { readonly kind: 'cmp'; readonly op: '=' | '!=' | '<' | '<=' | '>' | '>='; readonly left: IrExpr; readonly right: IrExpr })
  | (Node & { readonly kind: 'logic'; readonly op: 'and' | 'or'; readonly left: IrExpr; readonly right: IrExpr })
  | (Node & { readonly kind: 'not'; readonly operand: IrExpr })
  | (Node & { readonly kind: 'isSet'; readonly operand: IrExpr; readonly negated: boolean })
  /**
   * A function. `round`, `floor` and `ceil` always have two arguments, the value and its step (a
   * positive literal of the value's unit; 1 when `floor`/`ceil` were written without one): the value
   * to a multiple of the step, half up (ties away from zero), down (toward −∞) or up (toward +∞).
   */
  | (Node & { readonly kind: 'call'; readonly fn: 'min' | 'max' | 'abs' | 'round' | 'floor' | 'ceil' | DateFunction; readonly args: readonly IrExpr[] })
  /** `if … then … else …`: both branches have `unit`; only the chosen one is evaluated. */
  | (Node & { readonly kind: 'if'; readonly condition: IrExpr; readonly then: IrExpr; readonly else: IrExpr })
  /** A rate table looked up by key values (row columns or per-payee values). */
  | (Node & { readonly kind: 'lookup'; readonly rates: string; readonly keys: readonly IrExpr[] })
  /** Tiered bands applied to one row's value (a per-row tiered rule): money, like a commission. */
  | (Node & { readonly kind: 'tiers' } & IrTiers)
  /**
   * A column of a keyed table's row (`customers.finder`), the row found by the values of its key
   * columns where the lookup is written: a row's column or a per-payee value of the same name, or
   * (a key without `value`) the statement's period.
   */
  | (Node & {
      readonly kind: 'keyed';
      readonly table: string;
      readonly column: string;
      readonly optional: boolean;
      readonly keys: readonly { readonly column: string; readonly value?: IrExpr }[];
    })
  /** `previous(revenue, n)`: the value n periods earlier; before the run, read from its history table. */
  | (Node & { readonly kind: 'previous'; readonly value: { readonly kind: 'let' | 'base'; readonly name: string }; readonly back: number; readonly history: { readonly table: string; readonly column: string } });

/** Bands on a value: what a tiered commission and a per-row tiered rule share. */
export interface IrTiers {
  readonly mode: 'whole' | 'marginal';
  /** What the bands measure and, without `by`, what a rate is paid on. */
  readonly base: IrExpr;
  /** The base as written (`margin`), for explanations. */
  readonly baseName: string;
  /** `on margin by markup`: the bands are on `measure`, and the rate of the band it falls in is paid on `base`. */
  readonly by?: IrMeasure;
  readonly bands: readonly IrBand[];
}

/** What the bands of a `by` rule are on, and how it is written. */
export interface IrMeasure {
  readonly measure: IrExpr;
  readonly name: string;
}

export type IrExprKind = IrExpr['kind'];

/** Where a rule is written: its span and the header text as written, for explanations. */
export interface IrSource {
  readonly span: Span;
  /** One-based line and column of `span.start`, precomputed so back ends need no source text. */
  readonly line: number;
  readonly column: number;
  /** The rule as written (first line), e.g. `commission on margin whole`. */
  readonly text: string;
}

export interface IrConst {
  readonly name: string;
  readonly unit: Unit;
  readonly value: IrExpr;
  readonly source: IrSource;
}

export interface IrLet {
  readonly name: string;
  readonly unit: Unit;
  readonly value: IrExpr;
  readonly source: IrSource;
  /** `report NAME = …`: shown on the statement as a reported value (not among `values`), never paid. */
  readonly reported?: {
    /** `round MODE to STEP`: the value is rounded so, and read rounded. */
    readonly round?: { readonly mode: RoundingMode; readonly step: string };
    readonly uses: readonly string[];
  };
}

/** What a statement reports without paying, in plan order: a reported rule's line, or a reported value (a `let`). */
export interface IrReport {
  readonly kind: 'line' | 'value';
  readonly name: string;
}

export interface IrBase {
  readonly name: string;
  readonly unit: Unit;
  /** `rank`: the payee's competition rank among the group's members by `value`, highest first (`over` is a group). */
  readonly aggregate: 'sum' | 'count' | 'rank';
  /** A transaction table's rows, or a team's members (their values for the same period). */
  readonly over:
    | { readonly kind: 'table'; readonly table: string }
    | { readonly kind: 'team'; readonly team: string }
    /** Every member of the payee's group (the payee included), their values for the same period. */
    | { readonly kind: 'group'; readonly group: string };
  /** The summed expression (absent for `count`). */
  readonly value?: IrExpr;
  readonly where?: IrExpr;
  readonly source: IrSource;
}

export interface IrBand {
  readonly lower?: IrExpr;
  readonly upper?: IrExpr;
  /** `above X`: the lower bound itself is not in the band. */
  readonly lowerOpen?: boolean;
  /** `up to X`: the upper bound itself is in the band. */
  readonly upperClosed?: boolean;
  /** A rate (applied to the base, or in marginal mode to the part in the band) or an amount of money. */
  readonly pay: IrExpr;
  readonly payIsRate: boolean;
  readonly source: IrSource;
}

export interface IrCommission {
  readonly kind: 'commission';
  readonly name: string;
  readonly base: IrExpr;
  /** The base as written (`margin`), for explanations. */
  readonly baseName: string;
  /** `flat`: the one-line form, a single band without bounds. */
  readonly mode: 'flat' | 'whole' | 'marginal';
  /** `on margin by markup whole`: the bands are on the measure, the rate is paid on the base. */
  readonly by?: IrMeasure;
  readonly bands: readonly IrBand[];
  /** Names of the values the rule reads, shown in its explanation. */
  readonly uses: readonly string[];
  /** `report …`: the line is shown with the reported values and never paid. */
  readonly reported?: boolean;
  readonly source: IrSource;
}

export interface IrBonus {
  readonly kind: 'bonus';
  readonly name: string;
  readonly when: IrExpr;
  readonly pay: IrExpr;
  readonly uses: readonly string[];
  /** `report …`: the line is shown with the reported values and never paid. */
  readonly reported?: boolean;
  readonly source: IrSource;
}

export interface IrRowRule {
  readonly kind: 'per_row';
  readonly name: string;
  readonly table: string;
  /** The `for each` block's filter and this rule's own `when`, both over the row. */
  readonly where?: IrExpr;
  readonly when?: IrExpr;
  readonly pay: IrExpr;
  readonly uses: readonly string[];
  /** Never set: only commissions, bonuses, step bonuses and salaries can be reported. */
  readonly reported?: boolean;
  readonly source: IrSource;
}

export interface IrStep {
  readonly at: IrExpr;
  readonly pay: IrExpr;
  readonly source: IrSource;
}

/** A ladder of steps on a measure: the highest step reached pays, or every step passed pays. */
export interface IrStepBonus {
  readonly kind: 'step_bonus';
  readonly name: string;
  readonly on: IrExpr;
  readonly onName: string;
  readonly mode: 'highest' | 'every';
  readonly steps: readonly IrStep[];
  readonly uses: readonly string[];
  /** `report …`: the line is shown with the reported values and never paid. */
  readonly reported?: boolean;
  readonly source: IrSource;
}

export interface IrSalaryBand {
  readonly lower?: IrExpr;
  readonly upper?: IrExpr;
  readonly lowerOpen?: boolean;
  readonly upperClosed?: boolean;
  /** The adjustment, a percentage: -10% lowers the salary by a tenth. */
  readonly by: IrExpr;
  readonly source: IrSource;
}

/** A fixed salary, moved up or down by the band its measure (usually attainment) falls in, if it floats. */
export interface IrSalary {
  readonly kind: 'salary';
  readonly name: string;
  readonly amount: IrExpr;
  /** Absent for a fixed salary (`salary of 2,000`), which has no bands. */
  readonly measure?: IrExpr;
  readonly measureName?: string;
  readonly bands: readonly IrSalaryBand[];
  readonly uses: readonly string[];
  /** `report …`: the line is shown with the reported values and never paid. */
  readonly reported?: boolean;
  readonly source: IrSource;
}

/** A pool computed for each leader of a team and shared among its members by weight. */
export interface IrPool {
  readonly kind: 'pool';
  readonly name: string;
  /** The pool, evaluated for the leader. */
  readonly amount: IrExpr;
  readonly team: string;
  /** The one leader whose pool it is (`over downline of "mia"`); without it, every leader of the team. */
  readonly leader?: string;
  /** A member's weight, evaluated for the member. */
  readonly weight: IrExpr;
  readonly uses: readonly string[];
  /** Never set: only commissions, bonuses, step bonuses and salaries can be reported. */
  readonly reported?: boolean;
  readonly source: IrSource;
}

/**
 * An amount of a group (`allocate`), rounded to the plan's step and shared among the group's members
 * by weight, each part rounded, the remainder to the largest weight so the parts add up to the amount.
 */
export interface IrAllocation {
  readonly kind: 'allocation';
  readonly name: string;
  /** The group's amount: evaluated for every member, it must come out the same (R005 otherwise). */
  readonly amount: IrExpr;
  readonly group: string;
  /** A member's weight, evaluated for the member. */
  readonly weight: IrExpr;
  readonly uses: readonly string[];
  /** Never set: allocations and contests are always paid. */
  readonly reported?: boolean;
  readonly source: IrSource;
}

/** One prize of a contest, for the member at `place` (1 = first). */
export interface IrPlace {
  readonly place: number;
  readonly pay: IrExpr;
  readonly source: IrSource;
}

/**
 * A contest: the members of a group for whom `where` holds are ranked by `measure`, highest first;
 * members tied on it occupy consecutive places and share those places' prizes equally.
 */
export interface IrContest {
  readonly kind: 'contest';
  readonly name: string;
  readonly measure: IrExpr;
  /** The measure as written, for explanations. */
  readonly measureName: string;
  readonly group: string;
  readonly where?: IrExpr;
  /** Places 1, 2, … in order. */
  readonly places: readonly IrPlace[];
  readonly uses: readonly string[];
  /** Never set: allocations and contests are always paid. */
  readonly reported?: boolean;
  readonly source: IrSource;
}

export type IrComponent = IrCommission | IrBonus | IrRowRule | IrStepBonus | IrSalary | IrPool | IrAllocation | IrContest;

/** A cap or floor on one component's line, or on the whole payout (`target` = `payout`). */
export interface IrLimit {
  readonly bound: 'cap' | 'floor';
  readonly target: string;
  readonly value: IrExpr;
  readonly uses: readonly string[];
  readonly source: IrSource;
}

/** A rate table: entries keyed by one or more values, and a fallback. */
export interface IrRates {
  readonly name: string;
  /** A split: shares adding up to 100%, with no fallback; a key it does not list is an error. */
  readonly split: boolean;
  readonly unit: Unit;
  /** The key columns' names, in order. */
  readonly keys: readonly string[];
  /** Each entry's keys as canonical text (`pump`, `1.5`, `true`) and its value. */
  readonly entries: readonly { readonly keys: readonly string[]; readonly value: IrExpr }[];
  /** Entries for a range of the (one) key, `from 1 up to 6`: looked up when no entry matches exactly. */
  readonly ranges?: readonly IrKeyRange[];
  readonly fallback?: IrExpr;
  readonly source: IrSource;
}

/** A range of a numeric key and its value; the ends are canonical decimal text. */
export interface IrKeyRange {
  readonly lower?: string;
  readonly upper?: string;
  readonly lowerOpen?: boolean;
  readonly upperClosed?: boolean;
  /** The range as written, `from 1 up to 6`, for explanations. */
  readonly label: string;
  readonly value: IrExpr;
}

/** Who is credited with each row of a transaction table, and with what share. */
export interface IrCredit {
  readonly table: string;
  readonly rules: readonly {
    readonly to: string;
    readonly share?: IrExpr;
    readonly rest: boolean;
    readonly when?: IrExpr;
    readonly source: IrSource;
  }[];
  readonly source: IrSource;
}

/** A team: the payees reporting to each payee through a per-payee table's manager column. */
export interface IrTeam {
  readonly name: string;
  readonly table: string;
  readonly column: string;
  readonly depth: 'all' | 'direct';
  /** For a dated hierarchy (a transaction table `by member on from`): the optional end-date column. */
  readonly until?: string;
  readonly source: IrSource;
}

/**
 * A group of payees that is not a hierarchy: those sharing the value of a per-payee column
 * (`group region by regions.region`), or, without a column, every payee of the run.
 */
export interface IrGroup {
  readonly name: string;
  readonly table?: string;
  readonly column?: string;
  readonly source: IrSource;
}

export interface IrClawback {
  readonly table: string;
  readonly rowName: string;
  readonly column: string;
  readonly days: number;
  readonly source: IrSource;
}

export interface IrDraw {
  readonly name: string;
  readonly amount: IrExpr;
  readonly mode: 'recoverable' | 'nonrecoverable';
  readonly source: IrSource;
}

/** Values that must stay in order, checked for every payee and period at run time. */
export interface IrLadder {
  readonly items: readonly IrExpr[];
  /** Each item as written, for messages. */
  readonly texts: readonly string[];
  readonly ops: readonly ('<' | '<=')[];
  readonly source: IrSource;
}

export interface IrRequirement {
  readonly table: string;
  readonly where?: IrExpr;
  readonly condition: IrExpr;
  readonly exclude: boolean;
  readonly message: string;
  readonly source: IrSource;
}

/** A value shown on every statement (bases, per-payee inputs, derived values), in plan order. */
export interface IrShownValue {
  readonly name: string;
  readonly unit: Unit;
  readonly ref: IrExpr;
}

export interface IrPlan {
  readonly file: string;
  readonly name: string;
  readonly currency: string;
  readonly settle: PeriodKind;
  /** The biweekly anchor and the fiscal year's first month, when the header states them. */
  readonly calendar?: CalendarOptions;
  /** Year-to-date: each period pays the entitlement on the cumulative result minus what was paid. */
  readonly yearToDate: boolean;
  /** The header line that says `year_to_date`, for explanations. */
  readonly settleSource?: IrSource;
  readonly rounding: RoundingRule;
  /** The year the plan covers (a fiscal year, in a plan with `fiscal_year`), when the header names one. */
  readonly year?: number;
  /** This version applies to periods starting on or after this date (`effective`). */
  readonly effective?: string;
  readonly tables: readonly TableSchema[];
  /** Where each table is declared, by name: an error about a table's data as a whole (D009) points here. */
  readonly tableSpans: ReadonlyMap<string, Span>;
  /** In dependency order. */
  readonly consts: readonly IrConst[];
  /** In dependency order; may reference consts, bases, per-payee values and earlier lets. */
  readonly lets: readonly IrLet[];
  readonly bases: readonly IrBase[];
  readonly requirements: readonly IrRequirement[];
  /** In plan order: one statement line each. */
  readonly components: readonly IrComponent[];
  /**
   * Components measured over a longer period than the plan's (`bonus annual_bonus per year when …`),
   * by name; every other component is settled every period.
   */
  readonly componentPeriods?: Readonly<Record<string, PeriodKind>>;
  readonly rates: readonly IrRates[];
  readonly limits: readonly IrLimit[];
  readonly ladders: readonly IrLadder[];
  readonly credits: readonly IrCredit[];
  readonly teams: readonly IrTeam[];
  readonly groups: readonly IrGroup[];
  readonly clawbacks: readonly IrClawback[];
  readonly draw?: IrDraw;
  /** Where payouts already made for earlier periods are recorded (`history from …`). */
  readonly history?: { readonly table: string; readonly column: string; readonly source: IrSource };
  /** Where the values `previous(…)` reads before the run come from (`history of revenue from …`). */
  readonly valueHistories: readonly { readonly value: string; readonly table: string; readonly column: string }[];
  readonly shown: readonly IrShownValue[];
  /** Lines and values shown on every statement and never paid (`report`), in plan order. */
  readonly reports: readonly IrReport[];
}
