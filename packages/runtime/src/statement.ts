/**
 * What a plan run produces: one statement per payee per settlement period. Every line carries its
 * explanation — the rule that produced it (with its place in the plan), the values it used and the
 * input rows that fed it — so a rep's question "why this figure?" is answered from the data itself.
 * The interpreter and compiled modules produce exactly this shape; all amounts are decimal strings.
 */

/** Where a rule is written in the plan. Lines and columns are one-based. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly start: number;
  readonly end: number;
}

/** A value a rule used, with its unit, as shown to a reader. */
export interface NamedValue {
  readonly name: string;
  readonly value: string;
  readonly unit: string;
}

/** An input row that fed a line: the table, the 1-based data row number, and its key if any. */
export interface RowRef {
  readonly table: string;
  readonly row: number;
  readonly key?: string;
  /** The amount this row contributed, for per-row rules and sums. */
  readonly amount?: string;
  /** The share of the row credited to this payee, when a credit rule split it (`10%`). */
  readonly share?: string;
  /** The credit rule that credited it, as written. */
  readonly credit?: string;
}

export interface Explanation {
  /** The rule's header as written, e.g. `commission on margin whole`. */
  readonly rule: string;
  readonly source: SourceRef;
  /** How the amount was computed, in words and figures: `band T2 .. T: 5% × 69,500.00`. */
  readonly detail: string;
  readonly values: readonly NamedValue[];
  readonly rows: readonly RowRef[];
  /** The bands or steps of a tiered rule that paid, as written (`T1 .. T2`): for rule coverage. */
  readonly bands?: readonly string[];
}

export type LineKind = 'commission' | 'bonus' | 'per_row' | 'step_bonus' | 'salary' | 'limit';

export interface StatementLine {
  /** The component's name in the plan: `commission`, `bonus`, `price_difference`. */
  readonly component: string;
  readonly kind: LineKind;
  /** The amount paid, rounded as the plan says (exact when rounding applies to the total only). */
  readonly amount: string;
  /** The amount before rounding. */
  readonly exact: string;
  readonly explanation: Explanation;
}

/**
 * What a statement reports without paying (`report …`): a reported rule's line (an intermediate
 * amount such as a tiered commission before its multiplier) or a reported value (an effective
 * rate). Never part of the payout; consumers that add lines up never see these.
 */
export interface ReportedValue {
  readonly name: string;
  /** The value as shown: `3799.9994`, `2.38%`; rounded when the report says so. */
  readonly value: string;
  /** Its unit: the currency, `percent`, `count`, `decimal`. */
  readonly unit: string;
  /** The value before the report's own rounding. */
  readonly exact: string;
  readonly explanation: Explanation;
}

/** A row a `require` rule rejected: shown on the statement, never silently dropped. */
export interface StatementException {
  readonly table: string;
  readonly row: number;
  readonly key?: string;
  readonly message: string;
  /** `excluded`: the row was left out of every base and rule; `flagged`: kept and reported. */
  readonly action: 'excluded' | 'flagged';
  readonly source: SourceRef;
}

export interface Statement {
  readonly payee: string;
  readonly period: string;
  /** In a run over several effective-dated versions of a plan: the version that computed this. */
  readonly version?: string;
  readonly currency: string;
  readonly lines: readonly StatementLine[];
  /** Sum of the lines, rounded as the plan says. */
  readonly payout: string;
  /** Bases, targets and derived values the lines used, in plan order. */
  readonly values: readonly NamedValue[];
  /** Reported lines and values (`report …`), in plan order: shown, never paid. Absent when the plan reports nothing. */
  readonly reported?: readonly ReportedValue[];
  readonly exceptions: readonly StatementException[];
}

export interface RunResult {
  readonly plan: string;
  readonly currency: string;
  readonly statements: readonly Statement[];
  /** Pools funded for a leader with no member to share them (present only when some were). */
  readonly unpaidPools?: readonly UnpaidPool[];
}

/**
 * A pool computed for a leader and paid to nobody: the leader has no members in the period, or
 * their members' weights add up to zero. Its amount is on no statement, so the run says so.
 */
export interface UnpaidPool {
  readonly pool: string;
  readonly leader: string;
  readonly period: string;
  /** The pool's amount, exact. */
  readonly amount: string;
  readonly reason: 'no members' | 'no weight';
  readonly rule: string;
  readonly source: SourceRef;
}
