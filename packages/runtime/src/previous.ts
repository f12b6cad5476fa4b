/**
 * The previous period (`previous(revenue, n)`): the same payee's value n periods earlier. Inside
 * the run it is that period's own value, computed by the plan's code for that period's context;
 * before the run's first period it is read from the value's history table (`history of revenue
 * from past.revenue`), where a payee without a row for the period has 0. Both back ends call
 * `previousValue`, so they read the same period and the same row.
 */
import { Dec, ZERO } from './decimal.js';
import type { Ctx } from './engine.js';
import { parsePeriod, periodFromLabel, periodLabel } from './period.js';
import { PlanError } from './plan-error.js';
import type { CellValue } from './schema.js';

const perYear = { month: 12, quarter: 4, half: 2, year: 1 } as const;

/** The label of the period `n` periods before `label`, of the same kind (2026-Q1 − 1 = 2025-Q4). */
export function periodBefore(label: string, n: number): string {
  const p = periodFromLabel(label);
  if (!p) throw new Error(`not a period label: ${label}`);
  const count = perYear[p.kind];
  const at = p.year * count + (p.index - 1) - n;
  return periodLabel({ kind: p.kind, year: Math.floor(at / count), index: (at % count) + 1 });
}

/** True when `label` is a period label of the same kind as `like` (so the two compare as text). */
export function sameKind(label: string, like: string): boolean {
  const p = periodFromLabel(like);
  return p !== undefined && parsePeriod(label, p.kind) !== undefined;
}

/**
 * `previous(value, n)` for a context: `value` evaluated in the context `n` periods earlier when
 * that period is part of the run, else the history table's cell (0 without a row or a value).
 */
export function previousValue(ctx: Ctx, n: number, value: (earlier: Ctx) => CellValue, history: { readonly table: string; readonly column: string }, span: { readonly start: number; readonly end: number }): CellValue {
  const label = periodBefore(ctx.period, n);
  const earlier = ctx.earlier(label);
  if (earlier) return value(earlier);
  const cell = ctx.payeeRowIn(history.table, label)?.cells[history.column];
  if (cell === undefined) return ZERO;
  if (!(cell instanceof Dec)) throw new PlanError('R003', `the history of this value holds ${String(cell)} for ${label}, not a number`, span);
  return cell;
}
