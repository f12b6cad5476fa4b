/**
 * Rules that read a transaction table row by row: bases (`sum of … over deals where …`) and per-row
 * rules (`for each deal in deals … pay …`). Each becomes one function giving a row's amount, or
 * `undefined` when the row does not count, used three ways: summed over a context's rows, listed
 * for explanations, and, when the rule reads nothing but its row (columns, constants, literals),
 * tallied while the settlement engine groups the rows. The tally is the fast path: grouping reads
 * rows in input order, while they are in the processor's cache; a context's rows, read later, are
 * scattered across memory, and on a million rows fetching them costs more than the arithmetic.
 */
import type { IrBase, IrComponent, IrExpr, IrPlan } from '@payplan/checker';
import { creditedRowRef, ONE, periodDependent, PlanError, roundRow, ZERO, type Dec, type CreditedRow, type Ctx, type RowRef, type TallySpec } from '@payplan/runtime';
import type { Closure, Frame, Value } from './closures.js';

export interface RowRule {
  readonly table: string;
  /** The row's amount (credited share applied, rounded per row if the plan says so), or `undefined` when the row does not count. */
  amount(f: Frame, r: CreditedRow): Dec | undefined;
  /** The rule's place in its table's tally, when it reads nothing but its row. */
  readonly slot?: number;
  /** Whether the amount is shown per row in explanations (a count shows the rows alone). */
  readonly showsAmount: boolean;
  /** How many contexts have listed the rule's rows so far in this run, and whether every group's rows are listed already. */
  readonly listing: { count: number; everyGroup: boolean };
}

/** Per group of rows: a running sum and count per tallied rule. A sum is `undefined` once a row's amount failed: the rule then loops over the rows and reports the error as it would have. */
interface Tally {
  readonly sums: (Dec | undefined)[];
  readonly counts: number[];
  /** Per tallied rule, the group's rows as explanations list them, once every group's are listed. */
  listed?: RowRef[][];
}

export interface RowRules {
  readonly bases: ReadonlyMap<string, RowRule>;
  readonly perRow: ReadonlyMap<string, RowRule>;
  readonly tally: TallySpec;
}

export type AsDec = (v: Value, at: IrExpr, row?: CreditedRow, table?: string) => Dec;

export function rowRules(ir: IrPlan, closureOf: (e: IrExpr) => Closure, asDec: AsDec, noPayeeFrame: Frame): RowRules {
  const credited = (v: Dec, r: CreditedRow): Dec => (r.share ? v.mul(r.share) : v);
  /** The tallied rules of each table, in slot order. */
  const slots = new Map<string, RowRule[]>();
  /** Gives the rule a slot in its table's tally when every expression it evaluates reads only its row. */
  const register = (rule: RowRule, exprs: readonly (IrExpr | undefined)[]): RowRule => {
    if (!exprs.every((e) => !e || readsOnlyItsRow(e))) return rule;
    const list = slots.get(rule.table) ?? [];
    slots.set(rule.table, list);
    const tallied = { ...rule, slot: list.length };
    list.push(tallied);
    return tallied;
  };

  const bases = new Map<string, RowRule>();
  for (const b of ir.bases) {
    if (b.over.kind !== 'table') continue;
    bases.set(b.name, register(baseRule(b, b.over.table), [b.where, b.value]));
  }
  function baseRule(b: IrBase, table: string): RowRule {
    const where = b.where && closureOf(b.where);
    const value = b.value && closureOf(b.value);
    return {
      table,
      showsAmount: !!value,
      listing: { count: 0, everyGroup: false },
      amount(f, r) {
        if (where && where(f) !== true) return undefined;
        return value ? credited(asDec(value(f), b.value!, r, table), r) : ONE;
      },
    };
  }

  const perRow = new Map<string, RowRule>();
  for (const c of ir.components) {
    if (c.kind !== 'per_row') continue;
    perRow.set(c.name, register(perRowRule(c), [c.where, c.when, c.pay]));
  }
  function perRowRule(c: Extract<IrComponent, { kind: 'per_row' }>): RowRule {
    const [where, when, pay] = [c.where && closureOf(c.where), c.when && closureOf(c.when), closureOf(c.pay)];
    return {
      table: c.table,
      showsAmount: true,
      listing: { count: 0, everyGroup: false },
      amount(f, r) {
        if (where && where(f) !== true) return undefined;
        if (when && when(f) !== true) return undefined;
        return roundRow(credited(asDec(pay(f), c.pay, r, c.table), r), ir.rounding);
      },
    };
  }

  const frame = { ...noPayeeFrame };
  const tally: TallySpec = {
    start(table) {
      const rules = slots.get(table);
      return rules?.length ? ({ sums: rules.map(() => ZERO), counts: rules.map(() => 0) } satisfies Tally) : undefined;
    },
    add(table, accumulator, r) {
      const { sums, counts } = accumulator as Tally;
      const rules = slots.get(table)!;
      frame.row = r;
      for (let k = 0; k < rules.length; k++) {
        const sum = sums[k];
        if (sum === undefined) continue;
        try {
          const v = rules[k]!.amount(frame, r);
          if (v === undefined) continue;
          sums[k] = sum.plus(v);
          counts[k]!++;
        } catch (err) {
          if (!(err instanceof PlanError)) throw err;
          sums[k] = undefined;
        }
      }
    },
  };
  return { bases, perRow, tally };
}

/** A rule's total and how many rows counted, over a context's rows: from the tally when it has one. */
export function sumRows(rule: RowRule, ctx: Ctx, f: Frame): { total: Dec; count: number } {
  const tallied = rule.slot !== undefined ? fromTallies(ctx.tallies(rule.table), rule.slot) : undefined;
  if (tallied) return tallied;
  let total = ZERO;
  let count = 0;
  for (const r of ctx.rows(rule.table)) {
    f.row = r;
    const v = rule.amount(f, r);
    if (v === undefined) continue;
    total = total.plus(v);
    count++;
  }
  return { total, count };
}

function fromTallies(tallies: readonly unknown[] | undefined, slot: number): { total: Dec; count: number } | undefined {
  if (!tallies) return undefined;
  let total = ZERO;
  let count = 0;
  for (const t of tallies as readonly Tally[]) {
    const sum = t.sums[slot];
    if (sum === undefined) return undefined;
    total = total.plus(sum);
    count += t.counts[slot]!;
  }
  return { total, count };
}

/**
 * Contexts a tallied rule lists rows for, one by one, before it lists every group's at once. Listing
 * one context walks its rows in payee order, scattered in memory; once many are read (a JSON export,
 * the playground) one pass in input order over every group is far cheaper than the rest one by one.
 */
const LISTINGS_BEFORE_EVERY_GROUP = 16;

/** The rows that count for a rule in a context, as explanations list them (computed again: see RowSource). */
export function listRows(ir: IrPlan, rule: RowRule, ctx: Ctx, f: Frame): readonly RowRef[] {
  const slot = rule.slot;
  const tallies = slot !== undefined ? (ctx.tallies(rule.table) as readonly Tally[] | undefined) : undefined;
  // As in sumRows: only groups whose tally held describe this context's rows.
  if (slot !== undefined && tallies?.every((t) => t.sums[slot] !== undefined) && (rule.listing.everyGroup || ++rule.listing.count > LISTINGS_BEFORE_EVERY_GROUP)) {
    if (!rule.listing.everyGroup) listEveryGroup(ir, rule, slot, ctx, f);
    const lists = tallies.map((t) => t.listed?.[slot] ?? []);
    return lists.length === 1 ? lists[0]! : lists.flat();
  }
  const refs: RowRef[] = [];
  for (const r of ctx.rows(rule.table)) {
    f.row = r;
    const v = rule.amount(f, r);
    if (v !== undefined) refs.push(creditedRowRef(ir, rule.table, r, rule.showsAmount ? v : undefined));
  }
  return refs;
}

/** Lists a tallied rule's rows for every group, in one pass over the rows in input order. */
function listEveryGroup(ir: IrPlan, rule: RowRule, slot: number, ctx: Ctx, f: Frame): void {
  ctx.replay(rule.table, (accumulator, r) => {
    const t = accumulator as Tally;
    // A group whose tally failed is summed, and so listed, by the loop: its run reported the error.
    if (t.sums[slot] === undefined) return;
    f.row = r;
    const v = rule.amount(f, r);
    if (v !== undefined) ((t.listed ??= [])[slot] ??= []).push(creditedRowRef(ir, rule.table, r, rule.showsAmount ? v : undefined));
  });
  rule.listing.everyGroup = true;
}

/** Whether an expression reads only its row's columns, constants and literals: nothing of a payee or period. */
function readsOnlyItsRow(e: IrExpr): boolean {
  switch (e.kind) {
    case 'num':
    case 'str':
    case 'date':
    case 'bool':
    case 'const':
    case 'field':
      return true;
    case 'neg':
    case 'not':
      return readsOnlyItsRow(e.operand);
    case 'isSet':
      return readsOnlyItsRow(e.operand);
    case 'arith':
    case 'cmp':
    case 'logic':
      return readsOnlyItsRow(e.left) && readsOnlyItsRow(e.right);
    case 'lookup':
      return e.keys.every(readsOnlyItsRow);
    case 'call':
      // The period's dates are not a row's: they need the period being settled.
      return !periodDependent.has(e.fn) && e.args.every(readsOnlyItsRow);
    case 'if':
      return readsOnlyItsRow(e.condition) && readsOnlyItsRow(e.then) && readsOnlyItsRow(e.else);
    default:
      return false;
  }
}
