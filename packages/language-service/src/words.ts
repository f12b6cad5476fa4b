/**
 * What the plan's words mean, in one sentence each, for hover and completion details. Words the
 * language gains later still complete and hover (as "keyword"); they just have no sentence yet.
 */
import type { Unit } from '@payplan/checker';
import { grouped as groupedDecimal } from '@payplan/runtime';

export const keywordDocs: Readonly<Record<string, string>> = {
  plan: 'Starts the plan header: `plan "Account executive 2026"`, followed by its settings.',
  currency: 'The currency every amount is paid in: `currency CNY`.',
  settle: 'How often statements are settled: `settle quarterly` (daily, weekly, `biweekly from DATE`, semi_monthly, monthly, quarterly, half_yearly, yearly).',
  round: 'How amounts are rounded: `round half_up to 0.01 per line` (or `per total`).',
  to: 'The rounding step: `round half_up to 0.01`.',
  per: 'In a table: `per payee [per period]` makes one row per payee (and period). In `round`: `per line` or `per total`. After a rule\'s name: `per year` measures it over the year and pays it on the statement that closes the year.',
  year: 'The calendar year the plan covers: dates outside it are data errors.',
  table: 'Declares an input table and its typed columns, one per line.',
  by: 'In a table: the payee column a transaction row belongs to (`table deals by rep`).',
  on: 'In a table: the date column that decides a row\'s period. In a rule: the base it pays on (`commission on margin`).',
  const: 'A plan-wide value: `const Pp = 120.00`.',
  let: 'A value per payee and period: `let T1 = 60% of T`.',
  base: 'An aggregate per payee and period over a transaction table: `base margin = sum of … over deals`.',
  sum: 'Adds up an expression over a table\'s rows: `sum of qty * price over deals`.',
  count: 'Counts a table\'s rows: `count of deals where …`. Also a column type: a whole number.',
  of: '`5% of T`: a rate applied to an amount. In aggregates: `sum of …`, `count of …`.',
  over: 'Names the table an aggregate goes through: `sum of … over deals`.',
  where: 'Keeps only the rows for which the condition holds.',
  commission: 'A commission line: `commission on BASE pay RATE`, or tiered with `whole`/`marginal` bands below it.',
  whole: 'Tier mode: the rate of the band the base falls in applies to the whole base.',
  marginal: 'Tier mode: each band\'s rate applies only to the part of the base inside the band.',
  below: 'Opens the first band: `below T1 pay 0`.',
  from: 'Opens the last, open-ended band: `from T pay 5%`.',
  pay: 'What a rule or band pays: a rate of the base, or an amount of money.',
  bonus: 'A bonus line: `bonus when CONDITION pay AMOUNT`, or a fixed amount: `bonus fixed pay 35`.',
  when: 'The condition under which a rule pays.',
  for: '`for each deal in deals`: per-row rules for a transaction table.',
  each: '`for each ROW in TABLE`: names the row variable.',
  in: '`for each ROW in TABLE`: names the table.',
  require: 'A per-row check: `require COND else "message"`; failing rows are listed on the statement.',
  else: 'In `require`: the message shown for a row that fails; `else exclude "…"` also leaves the row out. In `if … then … else …`: the value when the condition does not hold. In a rate table: the fallback.',
  report: 'Shows without paying: `report NAME = EXPR [round half_up to 0.0001]` (an effective rate), or `report` before a rule whose line is an intermediate amount (read by name, never paid).',
  if: 'Chooses a value: `if markup <= 20% then 5% else 10%`. The condition is yes/no; both branches have one unit; only the chosen one is evaluated.',
  then: 'In `if … then … else …`: the value when the condition holds.',
  exclude: 'A failing row is left out of every base and rule (not just flagged).',
  and: 'Both conditions hold.',
  or: 'At least one condition holds.',
  not: 'The condition does not hold.',
  is: '`x is set` / `x is not set`: whether an optional cell has a value.',
  set: '`x is set`: whether an optional cell has a value.',
  true: 'Yes.',
  false: 'No.',
  step: '`step bonus on BASE highest|every` followed by `at X pay Y` steps.',
  highest: 'Step mode: only the highest step reached pays.',
  every: 'Step mode: every step reached pays.',
  at: 'A step\'s threshold (`at T pay 3,000`), or a cap\'s limit (`cap commission at 3 * T`).',
  salary: '`salary of AMOUNT floats with EXPR`: a salary moved up or down by bands.',
  floats: '`salary of AMOUNT floats with EXPR`.',
  with: '`salary of AMOUNT floats with EXPR`: what moves the salary.',
  rates: '`rates NAME by COLUMN`: a table of rates looked up by a row\'s columns.',
  cap: '`cap LINE at AMOUNT`: an upper limit on a statement line or the payout.',
  floor: '`floor LINE at AMOUNT`: a lower limit on a statement line or the payout.',
  ladder: '`ladder A < B <= C`: values that must stay in this order.',
  fiscal_year: '`fiscal_year from april`: the plan\'s year starts on the 1st of this month; FY2026 runs April 2026 to March 2027, and year to date restarts with it.',
  group: '`group region by regions.region`: the payees sharing a per-payee value (the payee included); `group company`: every payee. Sum over it with `sum of margin over region`.',
  rank: '`base position = rank of revenue over company where deals_won > 0`: the payee\'s rank among the group, highest first (1, 2, 2, 4); members the condition leaves out rank after all others.',
  contest: '`contest NAME on MEASURE over GROUP [where …]` with `place 1 pay 3,000` lines: prizes by rank; members tied share the prizes of the places they occupy.',
  place: 'A contest\'s prize: `place 1 pay 3,000`.',
  allocate: '`allocate NAME of AMOUNT over GROUP by WEIGHT`: the group\'s amount, rounded, shared by weight; the rounded parts add up to it (the remainder goes to the largest weight).',
};

export const columnTypeDocs: Readonly<Record<string, string>> = {
  text: 'Any text, such as an id or a product name.',
  payee: 'The id of the person paid.',
  date: 'A calendar date written YYYY-MM-DD; decides the settlement period.',
  count: 'A whole number.',
  decimal: 'A number such as 1.5.',
  money: 'An amount of money such as 1200.50, in the plan\'s currency.',
  percent: 'A percentage written with a % sign, such as 20%.',
  boolean: 'true or false (yes/no).',
};

export const modifierDocs: Readonly<Record<string, string>> = {
  key: 'The column identifies a row: its values must be unique.',
  optional: 'Cells may be empty; test with `is set`.',
};

export const settingWords = {
  settle: {
    daily: 'Days: 2026-01-05.',
    weekly: 'ISO weeks, Monday to Sunday: 2026-W01.',
    biweekly: 'Fourteen days from a stated first day (`biweekly from 2025-12-29`): 2025-12-29/2026-01-11.',
    semi_monthly: 'The 1st–15th and the 16th–last day: 2026-01-16/2026-01-31.',
    monthly: 'Monthly periods: 2026-03.',
    quarterly: 'Quarters: 2026-Q1.',
    half_yearly: 'Halves: 2026-H1.',
    yearly: 'Whole years: 2026.',
  },
  round: {
    half_up: 'Ties away from zero: 2.675 → 2.68.',
    half_even: 'Ties to even (banker\'s rounding): 0.125 → 0.12.',
    down: 'Toward zero.',
    up: 'Away from zero.',
  },
  point: { line: 'Each statement line is rounded.', total: 'Lines stay exact; the payout is rounded once.' },
  per: { payee: 'One row per payee.', period: 'One row per payee per settlement period.' },
  currency: { CNY: 'Chinese yuan', EUR: 'Euro', USD: 'US dollar', GBP: 'Pound sterling', JPY: 'Japanese yen', INR: 'Indian rupee', CHF: 'Swiss franc' },
} as const satisfies Record<string, Record<string, string>>;

export const functionDocs: Readonly<Record<string, string>> = {
  min: '`min(a, b, …)`: the smallest of values of one unit.',
  max: '`max(a, b, …)`: the largest of values of one unit.',
  abs: '`abs(a)`: the value without its sign.',
  round: '`round(a, step)`: the value to a multiple of the step, half up (ties away from zero): `round(bonus, 0.01)`.',
  floor: '`floor(a)` or `floor(a, step)`: down to a whole unit or a multiple of the step (toward −∞): `floor(attainment, 1%)`.',
  ceil: '`ceil(a)` or `ceil(a, step)`: up to a whole unit or a multiple of the step (toward +∞).',
  days_between: '`days_between(from, to)`: the days from one date to another, a count (`to - from` says the same).',
  months_between: '`months_between(from, to)`: the whole months from one date to another, a count; a month counts on the day it completes.',
  years_between: '`years_between(from, to)`: the whole years from one date to another, a count (tenure: `years_between(hired, period_end)`).',
  add_days: '`add_days(date, days)`: the date so many days later (`date + days` says the same).',
  add_months: '`add_months(date, months)`: the same day so many months later, or that month\'s last day when it is shorter.',
  within_months: '`within_months(date, start, months)`: yes when start ≤ date ≤ add_months(start, months), both days included.',
  period_of: '`period_of(date)`: the label of the settlement period containing the date, such as 2026-Q1.',
  month_of: '`month_of(date)`: the month of a date, 1–12.',
  quarter_of: '`quarter_of(date)`: the calendar quarter of a date, 1–4.',
  year_of: '`year_of(date)`: the year of a date.',
  previous: '`previous(value)`, `previous(value, n)`: the value the same payee had one (or n) periods earlier; before the run, from `history of value from TABLE.COLUMN`.',
};

/** Names every plan has (the checker reserves them). */
export const builtinDocs: Readonly<Record<string, string>> = {
  payee: 'Built in: the id of the payee whose statement is being computed.',
  quarter: 'Built in: the quarter (1–4) of the period being settled.',
  month: 'Built in: the month (1–12) of the period being settled.',
  half: 'Built in: the half-year (1–2) of the period being settled.',
  period_start: 'Built in: the first day of the period being settled, a date.',
  period_end: 'Built in: the last day of the period being settled, a date.',
  active_share: 'Built in (with `active from … to …`): the part of the period the payee was on the plan.',
  active_year_share: 'Built in (with `active from … to …`): the part of the year the payee was on the plan.',
  payout: 'Built in: the statement\'s total, as in `cap payout at …` or `floor payout at 0`.',
};

/** A unit in a reader's words; money names the plan's currency. */
export function unitText(unit: Unit | undefined, currency?: string): string {
  switch (unit) {
    case undefined:
      return 'unit not known yet';
    case 'money':
      return currency ? `money (${currency})` : 'money';
    case 'ratio':
      return 'percentage';
    case 'count':
      return 'count';
    case 'decimal':
      return 'number';
    case 'number':
      return 'number (takes the unit its context needs)';
    case 'boolean':
      return 'yes/no';
    default:
      return unit;
  }
}

/** 130000.00 → 130,000.00 (decimal text, thousands grouped; text after the number, such as `%`, kept). */
export function grouped(amount: string): string {
  const m = /^(-?\d+(?:\.\d+)?)(.*)$/.exec(amount);
  return m ? groupedDecimal(m[1]!) + (m[2] ?? '') : amount;
}
