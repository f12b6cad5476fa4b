/**
 * The decimal half of a compiled module's support: the interpreter's checks on values, worded as it
 * words them (empty operands, division by zero, comparisons, rate-table lookups, per-payee values).
 * Each throws the engine's PlanError with the span the generated code passes, so a compiled module
 * reports what the interpreter reports, at the same place.
 */
import { Dec } from '../decimal.js';
import type { CreditedRow, Ctx } from '../engine.js';
import { noPayeeRow, noSplitPart, PlanError, ifComputable } from '../plan-error.js';
import { keyRangeOf, type KeyRange } from '../key-ranges.js';
import { valueText, type ValueUnit } from '../format.js';
import type { CellValue, TableSchema } from '../schema.js';
import type { NamedValue } from '../statement.js';
import { runDataFile } from './run-data.js';

/** A value of the plan: a number, text, yes/no, or empty. */
export type PlanValue = Dec | string | boolean | undefined;

const emptyValue = 'a value used here is empty';
const guardHint = '; guard optional columns with `is set`';

/** A number operand that may be empty, as the interpreter's num checks it. */
export function num(v: Dec | undefined, start: number, end: number): Dec {
  if (v === undefined) throw new PlanError('R003', emptyValue + guardHint, { start, end });
  return v;
}

/** An amount a rule needs (a base's summand, a band's bound or pay): empty is an error, naming the row if any. */
export function amount(v: Dec | undefined, start: number, end: number, table?: string, r?: CreditedRow): Dec {
  if (v === undefined) throw new PlanError('R003', emptyValue + (table !== undefined && r ? ' (' + runDataFile(table) + ' row ' + r.row.row + ')' : '') + guardHint, { start, end });
  return v;
}

/** Division: the divisor is checked first, then the dividend is computed. */
export function div(divisor: Dec, start: number, end: number, dividend: () => Dec): Dec {
  if (divisor.isZero()) throw new PlanError('R002', 'division by zero', { start, end });
  return dividend().div(divisor);
}

/** A comparison where a side may be empty: equality treats empty as a value; ordering it is an error. */
export function cmp(op: '=' | '!=' | '<' | '<=' | '>' | '>=', a: PlanValue, b: PlanValue, start: number, end: number): boolean {
  if (op === '=' || op === '!=') {
    const same = a === undefined || b === undefined ? a === b : order(a, b, start, end) === 0;
    return op === '=' ? same : !same;
  }
  const o = order(a, b, start, end);
  return op === '<' ? o < 0 : op === '<=' ? o <= 0 : op === '>' ? o > 0 : o >= 0;
}

function order(a: PlanValue, b: PlanValue, start: number, end: number): number {
  if (a instanceof Dec && b instanceof Dec) return a.cmp(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a === undefined || b === undefined) throw new PlanError('R003', 'a value compared here is empty' + guardHint, { start, end });
  return a === b ? 0 : 1;
}

/** A column of the payee's row of a per-payee table; no row is an error naming the column. */
export function payeeValue(ctx: Ctx, table: TableSchema, column: string, start: number, end: number): CellValue {
  const row = ctx.payeeRow(table.name);
  if (row) return row.cells[column];
  throw noPayeeRow(table.name, table.kind === 'payeePeriod', ctx.payee, ctx.period, column, { start, end });
}

/** The same, empty when the payee has no row (for is-set tests and shown values). */
export function payeeValueOrEmpty(ctx: Ctx, table: TableSchema, column: string): CellValue {
  return ctx.payeeRow(table.name)?.cells[column];
}

/** A rate table: its entries by canonical key text, and its fallback (or none, for a split). */
export interface Rates {
  readonly name: string;
  readonly split: boolean;
  readonly entries: ReadonlyMap<string, PlanValue>;
  /** Entries for ranges of the one key, looked up when no entry matches exactly. */
  readonly ranges?: readonly KeyRange<PlanValue>[];
  readonly fallback: PlanValue;
  readonly start: number;
  readonly end: number;
}

/** A value as a rate-table key: the canonical text the checker made of the table's keys. */
export function keyText(v: PlanValue, start: number, end: number): string {
  if (v === undefined) throw new PlanError('R003', 'a rate table key used here is empty', { start, end });
  if (v instanceof Dec) return v.toFixed();
  return typeof v === 'boolean' ? (v ? 'true' : 'false') : v;
}

export function lookup(t: Rates, keys: readonly string[]): PlanValue {
  const id = keys.join('\u0000');
  if (t.entries.has(id)) return t.entries.get(id);
  if (t.split) throw noSplitPart(t.name, keys, { start: t.start, end: t.end });
  const range = keyRangeOf(t.ranges, id);
  return range ? range.value : t.fallback;
}

/** A row's amount scaled by the share credited to this payee. */
export function credited(v: Dec, r: CreditedRow): Dec {
  return r.share ? v.mul(r.share) : v;
}

/** A value shown on the statement, when the payee has it and it can be computed (`shownIfComputable`). */
export function show(out: NamedValue[], name: string, unit: ValueUnit, label: string, compute: () => PlanValue): void {
  const v = ifComputable(compute)?.value;
  if (v !== undefined) out.push({ name, value: valueText(v, unit), unit: label });
}

/** A value a rule's explanation lists: none when it cannot be computed for this payee (`ifComputable`). */
export function used(name: string, unit: ValueUnit, label: string, compute: () => PlanValue): NamedValue[] {
  const got = ifComputable(compute);
  return got ? [{ name, value: valueText(got.value, unit), unit: label }] : [];
}
