/**
 * The values of a plan under evaluation: its constants and rate tables (computed once, before any
 * payee), the environment its closures read (derived values, bases, per-payee values, lookups), and
 * what every rule's line needs of them: a value as a decimal, the values a rule used and the rows
 * behind its bases.
 */
import type { IrBase, IrExpr, IrKeyRange, IrPlan, IrSource, Unit } from '@payplan/checker';
import {
  Dec, ifComputable, keyRangeOf, noPayeeContext, noPayeeRow, noSplitPart, ONE, PlanError, rankMembers, rankValue, roundReport, unitLabel, valueText, ZERO, type CreditedRow, type Ctx, type InputRow, type NamedValue, type RowRef,
  type KeyRange, type Ranking, type RowSource, type SourceRef,
} from '@payplan/runtime';
import type { Closure, Env, Frame, Value } from './closures.js';
import type { DataSet } from './evaluate.js';
import { listRows, rowRules, sumRows, type RowRules } from './row-rules.js';

interface RateTable {
  readonly entries: Map<string, Value>;
  readonly ranges: readonly KeyRange<Value>[];
  readonly fallback: Value;
  readonly split: boolean;
  readonly source: IrSource;
}

interface BaseValue {
  readonly value: Dec;
  readonly rows: () => readonly RowRef[];
}

/** A key range of the IR with its ends as decimals and its value computed. */
export function keyRangeInput<T>(k: IrKeyRange, value: T): KeyRange<T> {
  return { ...(k.lower !== undefined && { lower: new Dec(k.lower) }), ...(k.upper !== undefined && { upper: new Dec(k.upper) }), ...(k.lowerOpen && { lowerOpen: true }), ...(k.upperClosed && { upperClosed: true }), label: k.label, value };
}

export const sourceRef = (file: string, s: IrSource): SourceRef => ({ file, line: s.line, column: s.column, start: s.span.start, end: s.span.end });

export class PlanValues {
  readonly env: Env;
  readonly rules: RowRules;
  private readonly consts = new Map<string, Value>();
  private readonly rateTables = new Map<string, RateTable>();
  private readonly letsByName: ReadonlyMap<string, IrPlan['lets'][number]>;
  private readonly basesByName: ReadonlyMap<string, IrBase>;
  private readonly unitOf: ReadonlyMap<string, Unit>;
  /** Reads a statement line by name; set by the statement's builder (plan-spec.ts), which owns the lines. */
  lineReader: (ctx: Ctx, name: string) => Dec = () => ZERO;
  private readonly lineNames: ReadonlySet<string>;
  /** Memo keys, made once rather than for every use. */
  private readonly baseKeys: ReadonlyMap<string, string>;
  private readonly letKeys: ReadonlyMap<string, string>;

  /** Computes the constants and rate tables: a PlanError here belongs to no payee. */
  constructor(
    readonly ir: IrPlan,
    private readonly closures: ReadonlyMap<IrExpr, Closure>,
    private readonly data: DataSet,
  ) {
    this.letsByName = new Map(ir.lets.map((l) => [l.name, l]));
    this.basesByName = new Map(ir.bases.map((b) => [b.name, b]));
    this.unitOf = new Map<string, Unit>([...ir.consts, ...ir.lets, ...ir.bases, ...ir.shown].map((x) => [x.name, x.unit]));
    this.baseKeys = new Map(ir.bases.map((b) => [b.name, `base:${b.name}`]));
    this.letKeys = new Map(ir.lets.map((l) => [l.name, `let:${l.name}`]));
    this.lineNames = new Set(ir.components.map((c) => c.name));
    this.env = {
      consts: this.consts,
      let: (ctx, name) => ctx.memo(this.letKeys.get(name)!, () => this.letValue(ctx, this.letsByName.get(name)!)),
      base: (ctx, name) => this.base(ctx, name).value,
      line: (ctx, name) => this.lineReader(ctx, name),
      payeeValue: (ctx, table, column, at, allowMissing) => {
        const row = ctx.payeeRow(table);
        if (row) return row.cells[column];
        if (allowMissing) return undefined;
        throw noPayeeRow(table, ir.tables.find((t) => t.name === table)?.kind === 'payeePeriod', ctx.payee, ctx.period, column, at.span);
      },
      lookup: (rates, keys) => this.lookup(rates, keys),
    };
    const base = this.frame(noPayeeContext);
    for (const c of ir.consts) this.consts.set(c.name, this.run(c.value, base));
    for (const r of ir.rates) {
      this.rateTables.set(r.name, {
        entries: new Map(r.entries.map((e) => [e.keys.join('\u0000'), this.run(e.value, base)])),
        ranges: (r.ranges ?? []).map((k) => keyRangeInput(k, this.run(k.value, base))),
        fallback: r.fallback ? this.run(r.fallback, base) : undefined,
        split: r.split,
        source: r.source,
      });
    }
    this.rules = rowRules(ir, (e) => this.closureOf(e), this.asDec, base);
  }

  closureOf(e: IrExpr): Closure {
    return this.closures.get(e)!;
  }

  run(e: IrExpr, f: Frame): Value {
    return this.closureOf(e)(f);
  }

  frame(ctx: Ctx, row?: CreditedRow, excess?: Dec): Frame {
    return { env: this.env, ctx, row, excess };
  }

  /** A frame for a row alone, outside any payee's context (credit shares and conditions). */
  rowOnly(row: InputRow): Frame {
    return this.frame(noPayeeContext, { row, period: '' });
  }

  /** A value that must be a number; an empty one is an error naming the row when there is one. */
  readonly asDec = (v: Value, at: IrExpr, row?: CreditedRow, table?: string): Dec => {
    if (v instanceof Dec) return v;
    const where = row && table ? ` (${this.data.get(table)?.file ?? table} row ${row.row.row})` : '';
    throw new PlanError('R003', `a value used here is empty${where}; guard optional columns with \`is set\``, at.span);
  };

  /** Evaluates an expression to a number. */
  num(e: IrExpr, f: Frame): Dec {
    return this.asDec(this.run(e, f), e);
  }

  base(ctx: Ctx, name: string): BaseValue {
    return ctx.memo(this.baseKeys.get(name)!, () => this.computeBase(ctx, this.basesByName.get(name)!));
  }

  /** The values a rule used, as its explanation shows them. */
  usedValues(ctx: Ctx, names: readonly string[]): NamedValue[] {
    const out: NamedValue[] = [];
    for (const name of names) {
      const unit = this.unitOf.get(name) ?? 'decimal';
      let v: Value;
      if (this.consts.has(name)) v = this.consts.get(name);
      else if (this.letsByName.has(name) || this.basesByName.has(name)) {
        // Computed when it can be: a rule whose condition failed may name a value this payee lacks.
        const got = ifComputable(() => (this.letsByName.has(name) ? this.env.let(ctx, name) : this.base(ctx, name).value));
        if (!got) continue;
        v = got.value;
      } else if (this.lineNames.has(name)) {
        out.push({ name, value: valueText(this.lineReader(ctx, name), 'money'), unit: this.ir.currency });
        continue;
      } else {
        const shown = this.ir.shown.find((x) => x.name === name);
        if (!shown || shown.ref.kind !== 'payeeValue') continue;
        v = this.env.payeeValue(ctx, shown.ref.table, shown.ref.column, shown.ref, true);
      }
      out.push({ name, value: valueText(v, unit), unit: unitLabel(unit, this.ir.currency) });
    }
    return out;
  }

  /** The rows behind the bases a rule used. */
  rowsOf(ctx: Ctx, names: readonly string[]): RowSource {
    const bases = names.filter((n) => this.basesByName.has(n)).map((n) => this.base(ctx, n));
    if (bases.length === 1) return bases[0]!.rows;
    return bases.length ? () => bases.flatMap((b) => b.rows()) : [];
  }

  /** A derived value; a reported one that says how to round is rounded, and read rounded. */
  private letValue(ctx: Ctx, l: IrPlan['lets'][number]): Value {
    const v = this.closureOf(l.value)(this.frame(ctx));
    return l.reported?.round && v instanceof Dec ? roundReport(v, l.reported.round) : v;
  }

  private lookup(rates: string, keys: readonly string[]): Value {
    const t = this.rateTables.get(rates)!;
    const id = keys.join('\u0000');
    if (t.entries.has(id)) return t.entries.get(id);
    if (t.split) throw noSplitPart(rates, keys, t.source.span);
    const range = keyRangeOf(t.ranges, id);
    return range ? range.value : t.fallback;
  }

  private computeBase(ctx: Ctx, b: IrBase): BaseValue {
    if (b.aggregate === 'rank' && b.over.kind === 'group') {
      const r = this.ranking(ctx, `base:${b.name}`, b.over.group, b.value!, b.where);
      const { value, rows } = rankValue(r, ctx.payee, b.value!.unit);
      return { value, rows: () => rows };
    }
    if (b.over.kind === 'team') return this.teamBase(ctx, b, b.over.team, `team ${b.over.team}`);
    if (b.over.kind === 'group') return this.teamBase(ctx, b, b.over.group, `group ${b.over.group}`);
    const rule = this.rules.bases.get(b.name)!;
    // Listed when first read (see RowSource in the runtime), and kept: every rule using the base shows the same rows.
    let listed: readonly RowRef[] | undefined;
    return { value: sumRows(rule, ctx, this.frame(ctx)).total, rows: () => (listed ??= listRows(this.ir, rule, ctx, this.frame(ctx))) };
  }

  /** The members of a payee's group ranked by a measure, once per group and period (in its first member's context). */
  ranking(ctx: Ctx, key: string, group: string, measure: IrExpr, where: IrExpr | undefined): Ranking {
    const members = ctx.members(group);
    return members[0]!.memo(`ranking:${key}`, () =>
      rankMembers(group, members.map((m) => {
        const f = this.frame(m);
        return { payee: m.payee, value: this.num(measure, f), ranked: !where || this.run(where, f) === true };
      })),
    );
  }

  /** A sum (or count) over a team or group: each member's own value, for the members the condition keeps. */
  private teamBase(ctx: Ctx, b: IrBase, team: string, label: string): BaseValue {
    let total = ZERO;
    const refs: RowRef[] = [];
    ctx.members(team).forEach((m, i) => {
      const f = this.frame(m);
      if (b.where && this.run(b.where, f) !== true) return;
      const v = b.value ? this.num(b.value, f) : ONE;
      total = total.plus(v);
      refs.push({ table: label, row: i + 1, key: m.payee, ...(b.value && { amount: valueText(v, b.unit) }) });
    });
    return { value: total, rows: () => refs };
  }
}
