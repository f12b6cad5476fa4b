/**
 * Statement lines with their explanations, built the same way by every back end: the interpreter
 * and compiled modules compute the figures, then call these to word and package them. Keeping the
 * wording here is what lets the differential tests demand identical explanations.
 */
import { Dec, ZERO } from './decimal.js';
import { exactMoneyText, moneyText, percentText } from './format.js';
import type { ComputedLine } from './assemble.js';
import type { Explanation, NamedValue, RowRef, SourceRef } from './statement.js';
import { flat, inBand, marginal, wholeAmount, type BandInput, type Measure } from './tiers.js';

/** What every rule knows about itself: its name, its text and place in the plan. */
export interface RuleInfo {
  readonly component: string;
  readonly rule: string;
  readonly source: SourceRef;
}

/**
 * The input rows behind a line: a list, or a function listing them when they are first read. A run
 * over a million rows references every one of them from some explanation, but a payroll export
 * reads none of them and a reviewer reads a few; listing them on demand keeps that work (a
 * reference and a formatted amount per row) out of the run. The function must be pure: it is
 * called at most once, whenever the rows are first read. Until then it keeps the run's grouped
 * rows reachable, so a result holds on to its input data while it is held.
 */
export type RowSource = readonly RowRef[] | (() => readonly RowRef[]);

/**
 * An explanation whose `rows`, when given as a function, are listed on first read and kept. The
 * property stays enumerable and in its place, so JSON, structured clones and deep equality see
 * an ordinary explanation.
 */
export function explained(fields: Omit<Explanation, 'rows' | 'bands'>, rows: RowSource, bands?: readonly string[]): Explanation {
  const e = { rule: fields.rule, source: fields.source, detail: fields.detail, values: fields.values } as Explanation & { rows: readonly RowRef[] };
  if (typeof rows === 'function') {
    Object.defineProperty(e, lister, { value: rows, writable: true });
    Object.defineProperty(e, 'rows', listedOnRead);
  } else e.rows = rows;
  return bands ? Object.assign(e, { bands }) : e;
}

/** Where a lazy explanation keeps the function listing its rows: a hidden property, unseen by JSON, clones and equality. */
const lister = Symbol('rows lister');
/**
 * One accessor shared by every lazy explanation, so they all keep one hidden class (an accessor
 * made per object would give each its own, and slow every read of every explanation).
 */
const listedOnRead: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Explanation & { [lister]?: () => readonly RowRef[] }) {
    const listed = this[lister]!();
    this[lister] = undefined;
    Object.defineProperty(this, 'rows', { value: listed, enumerable: true, writable: false, configurable: false });
    return listed;
  },
};

export function commissionLine(
  info: RuleInfo,
  mode: 'flat' | 'whole' | 'marginal',
  base: Dec,
  baseName: string,
  bands: readonly BandInput[],
  values: readonly NamedValue[],
  rows: RowSource,
  measure?: Measure,
): ComputedLine {
  // Bands on the base itself in another unit than money (attainment, a count) have it as their measure.
  const r = mode === 'flat' ? flat(base, bands[0]!, baseName) : mode === 'whole' ? wholeAmount(base, bands, baseName, measure) : marginal(base, bands, baseName, measure?.unit);
  const detail = mode === 'flat' ? r.detail : `${mode === 'whole' ? 'whole amount' : 'marginal'}: ${r.detail}`;
  return { component: info.component, kind: 'commission', exact: r.amount, explanation: explained({ rule: info.rule, source: info.source, detail, values }, rows, mode !== 'flat' ? r.bands : undefined) };
}

export function bonusLine(info: RuleInfo, held: boolean, amount: Dec | undefined, values: readonly NamedValue[], rows: RowSource): ComputedLine {
  const exact = held && amount ? amount : ZERO;
  const detail = held ? `condition holds: pays ${moneyText(exact)}` : 'condition does not hold: pays 0.00';
  return { component: info.component, kind: 'bonus', exact, explanation: explained({ rule: info.rule, source: info.source, detail, values }, rows) };
}

/** `count` is how many rows paid: the rows themselves may be listed later (see `RowSource`). */
export function perRowLine(info: RuleInfo, total: Dec, count: number, rows: RowSource, values: readonly NamedValue[]): ComputedLine {
  const detail = count ? `${count} ${count === 1 ? 'row pays' : 'rows pay'} ${moneyText(total)} in all` : 'no row qualifies: pays 0.00';
  return { component: info.component, kind: 'per_row', exact: total, explanation: explained({ rule: info.rule, source: info.source, detail, values }, rows) };
}

/** `T1 .. T2 pay 3%` → `T1 .. T2`: a band's range as written. */
export function bandLabel(text: string): string {
  return text.replace(/\s+pay\s.*$/, '').trim();
}

/** `T1 .. T2 pay 3%` → `3%`: what a band pays, as written. */
export function bandPayText(text: string): string {
  const m = /\spay\s+(.*)$/.exec(text);
  return m ? m[1]!.trim() : text;
}

/** One step of a step bonus, evaluated. */
export interface StepInput {
  readonly at: Dec;
  readonly pay: Dec;
  /** The step as written, e.g. `at T`. */
  readonly label: string;
}

/** `measureText` is the measure as shown to a reader (money, or a percentage for attainment). */
export function stepBonusLine(info: RuleInfo, mode: 'highest' | 'every', measure: Dec, measureText: string, steps: readonly StepInput[], values: readonly NamedValue[], rows: RowSource): ComputedLine {
  const reached = steps.filter((s) => measure.gte(s.at));
  const paid = mode === 'highest' ? reached.slice(-1) : reached;
  const exact = paid.reduce((sum, s) => sum.plus(s.pay), ZERO);
  const what = measureText;
  const detail = !reached.length
    ? `${what} reaches no step: pays 0.00`
    : mode === 'highest'
      ? `${what} reaches ${reached.length} step${reached.length === 1 ? '' : 's'}; the highest, ${paid[0]!.label}, pays ${moneyText(exact)}`
      : `${what} passes ${paid.map((s) => `${s.label} (${moneyText(s.pay)})`).join(', ')}: pays ${moneyText(exact)}`;
  return { component: info.component, kind: 'step_bonus', exact, explanation: explained({ rule: info.rule, source: info.source, detail, values }, rows, paid.map((s) => s.label)) };
}

/** One band of a floating salary, evaluated. */
export interface SalaryBandInput {
  readonly lower?: Dec;
  readonly upper?: Dec;
  readonly lowerOpen?: boolean;
  readonly upperClosed?: boolean;
  readonly by: Dec;
  readonly label: string;
}

/** `measure` is absent for a fixed salary (`salary of 2,000`), which pays its amount. */
export function salaryLine(info: RuleInfo, amount: Dec, measure: Dec | undefined, measureText: string, bands: readonly SalaryBandInput[], values: readonly NamedValue[]): ComputedLine {
  if (!measure) return { component: info.component, kind: 'salary', exact: amount, explanation: { rule: info.rule, source: info.source, detail: `fixed salary: pays ${moneyText(amount)}`, values, rows: [] } };
  const band = bands.find((b) => inBand(measure, b));
  const by = band ? band.by : ZERO;
  const exact = amount.mul(by.plus(1));
  const what = measureText;
  const detail = band
    ? `${what} is in band ${band.label}: ${moneyText(amount)} ${by.isNegative() ? '−' : '+'} ${percentText(by.abs())} = ${moneyText(exact)}`
    : `${what} is in no band: the salary stays ${moneyText(amount)}`;
  return { component: info.component, kind: 'salary', exact, explanation: { rule: info.rule, source: info.source, detail, values, rows: [], bands: band ? [band.label] : [] } };
}

/** Applies a cap or floor to one line; the explanation says when it bound. */
export function limitLine(line: ComputedLine, bound: 'cap' | 'floor', value: Dec, rule: string): ComputedLine {
  const binds = bound === 'cap' ? line.exact.gt(value) : line.exact.lt(value);
  if (!binds) return line;
  const detail = `${line.explanation.detail}; ${bound === 'cap' ? 'capped' : 'raised to the floor'} at ${moneyText(value)} by \`${rule}\` (was ${moneyText(line.exact)})`;
  return { ...line, exact: value, explanation: { ...line.explanation, detail } };
}

/** A member's part of a pool: for each leader whose team they are in, pool × weight ÷ team weights. */
export interface PoolPart {
  readonly leader: string;
  readonly pool: Dec;
  readonly weight: Dec;
  readonly teamWeight: Dec;
}

export function poolLine(info: RuleInfo, parts: readonly PoolPart[], values: readonly NamedValue[]): ComputedLine {
  let exact = ZERO;
  const words: string[] = [];
  const rows: RowRef[] = [];
  parts.forEach((p, i) => {
    const share = p.teamWeight.isZero() ? ZERO : p.pool.mul(p.weight).div(p.teamWeight);
    exact = exact.plus(share);
    words.push(`${moneyText(p.pool)} pool of ${p.leader} × weight ${p.weight.toFixed()} / ${p.teamWeight.toFixed()} = ${moneyText(share)}`);
    rows.push({ table: `pool of ${p.leader}`, row: i + 1, key: p.leader, amount: exactMoneyText(share) });
  });
  const detail = words.length ? words.join('; ') : 'in no team with a pool: pays 0.00';
  return { component: info.component, kind: 'bonus', exact, explanation: { rule: info.rule, source: info.source, detail, values, rows } };
}
