/**
 * L007: in a `year_to_date` plan, a value that does not accumulate, paid as the year's entitlement.
 * Year to date, every base over a transaction table sums the year's rows up to the period, but a
 * column of a `per payee per period` table is that period's own value (and a `per payee` table's
 * is the same all year). A rule whose pay reads such a column — as a commission's measure, in what
 * a band, bonus, step, salary or pool pays, directly or through derived values and sums over a
 * team — makes the year's entitlement this period's figure, and each period then pays it less
 * everything paid earlier in the year. Only amounts are reported (money, counts, numbers): a rate or
 * an attainment is a level, not a sum, and conditions and bounds are thresholds, not pay. A `for
 * each` rule is left alone: it pays per row, and its rows do accumulate.
 */
import type { Label } from '@payplan/diagnostics';
import type { IrComponent, IrExpr } from '../ir.js';
import type { Cx } from './context.js';

/** A read of a period column inside a rule's pay, and the derived value it was read through, if any. */
interface Read {
  readonly column: Extract<IrExpr, { kind: 'payeeValue' }>;
  readonly via?: Via;
}

/** A derived value or a sum over a team, as the rule refers to it. */
type Via = Extract<IrExpr, { kind: 'let' | 'base' }>;

export function periodValuesInYearToDate(cx: Cx, c: IrComponent): void {
  if (!cx.ir.yearToDate) return;
  const periodTables = new Set(cx.ir.tables.filter((t) => t.kind === 'payeePeriod' && t.name !== cx.ir.history?.table).map((t) => t.name));
  if (!periodTables.size) return;
  const reads: Read[] = [];
  for (const e of paidAmounts(c)) collect(cx, periodTables, e, undefined, reads, 0);
  for (const read of reads) warn(cx, c, read);
}

/** What a rule pays, as expressions: a commission's measure and band pays, a bonus's pay, and so on. */
function paidAmounts(c: IrComponent): IrExpr[] {
  switch (c.kind) {
    case 'commission':
      return [c.base, ...c.bands.map((b) => b.pay)];
    case 'bonus':
      return [c.pay];
    case 'per_row':
      return [];
    case 'step_bonus':
      return c.steps.map((s) => s.pay);
    case 'salary':
      return [c.amount];
    case 'pool':
    case 'allocation':
      return [c.amount];
    case 'contest':
      return c.places.map((p) => p.pay);
  }
}

const amounts = new Set(['money', 'count', 'decimal', 'number']);

/** The period-column reads among the amounts of `e` (not its conditions, keys or rates). */
function collect(cx: Cx, periodTables: ReadonlySet<string>, e: IrExpr, via: Via | undefined, out: Read[], depth: number): void {
  if (depth > 50 || !amounts.has(e.unit)) return;
  const next = (x: IrExpr, v: Via | undefined = via) => collect(cx, periodTables, x, v, out, depth + 1);
  switch (e.kind) {
    case 'payeeValue':
      if (periodTables.has(e.table)) out.push({ column: e, ...(via && { via }) });
      return;
    case 'let': {
      const d = cx.defs('let', e.name);
      if (d) next(d, via ?? e);
      return;
    }
    case 'base': {
      // Over a team, a base sums each member's own values for the same period.
      const base = cx.ir.bases.find((b) => b.name === e.name);
      if (base?.over.kind === 'team' && base.value) next(base.value, via ?? e);
      return;
    }
    case 'neg':
      return next(e.operand);
    case 'arith':
      next(e.left);
      if (e.op !== '/') next(e.right);
      return;
    case 'call':
      for (const a of e.args) next(a);
      return;
    case 'if':
      next(e.then);
      next(e.else);
      return;
    default:
      return;
  }
}

function warn(cx: Cx, c: IrComponent, { column, via }: Read): void {
  const name = column.column;
  const definition = via && [...cx.ir.lets, ...cx.ir.bases].find((d) => d.name === via.name);
  const labels: Label[] = via ? [{ span: via.span, message: `\`${c.name}\` pays on \`${name}\` through this` }] : [];
  cx.warn('L007', column.span, `\`${name}\` is this period's value, not the year's so far: \`${c.name}\` pays on it as the year's entitlement`, {
    owner: [c.source.span, ...(definition ? [definition.source.span] : [])],
    labels,
    notes: [
      `in a \`year_to_date\` plan, sums over transaction tables run from the start of the year, but a column of the \`per payee per period\` table \`${column.table}\` holds only its period's value`,
      `each period would pay this period's \`${name}\` less everything paid earlier in the year`,
    ],
    hint: `record these figures as rows of a transaction table and sum them in a base; if \`${name}\` already holds the year to date, end the line with \`# period-value: intended\``,
  });
}
