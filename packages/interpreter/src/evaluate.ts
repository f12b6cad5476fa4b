/**
 * The interpreter: IR → the plan-specific half of a run, handed to the runtime's settlement engine.
 * Expressions become closures once (closures.ts); this file wires them into a `PlanSpec`: how to
 * compute derived values, bases, requirements, credit shares and each statement's lines for one
 * payee and period. The engine does the rest (grouping, credit, teams, year-to-date, clawbacks,
 * draws) exactly as it does for compiled modules. A value that cannot be computed is a diagnostic
 * naming the payee, the period and the rule, and the run returns no statements.
 */
import type { IrBase, IrComponent, IrExpr, IrPlan, IrSource, Unit } from '@payplan/checker';
import type { Diagnostic, Result } from '@payplan/diagnostics';
import {
  bandLabel, bandPayText, bonusLine, checkLadder, noPayeeContext, noPayeeRow, noSplitPart, commissionLine, Dec, limitLine, ONE, perRowLine, PlanError, poolLine, salaryLine, settle,
  stepBonusLine, TierOrderError, unitLabel, valueText, ZERO, type BandInput, type ComputedLine, type CreditedRow, type Ctx, type InputRow,
  type NamedValue, type PayoutLimit, type PlanSpec, type RowRef, type RowSource, type RunResult, type SourceRef, type TableRows,
} from '@payplan/runtime';
import { compileExpr, type Closure, type Env, type Frame, type Value } from './closures.js';
import { listRows, rowRules, sumRows } from './row-rules.js';

/** Validated rows of one input table, with the file they came from. */
export type TableData = TableRows;
export type DataSet = ReadonlyMap<string, TableData>;

/** An IR plan prepared for evaluation: every expression turned into a closure once. */
export interface PreparedPlan {
  readonly ir: IrPlan;
  readonly closures: Map<IrExpr, Closure>;
}

export function prepare(ir: IrPlan): PreparedPlan {
  const closures = new Map<IrExpr, Closure>();
  const visit = (e: IrExpr | undefined) => {
    if (e && !closures.has(e)) closures.set(e, compileExpr(e));
  };
  ir.consts.forEach((c) => visit(c.value));
  ir.lets.forEach((l) => visit(l.value));
  ir.bases.forEach((b) => (visit(b.value), visit(b.where)));
  ir.requirements.forEach((r) => (visit(r.where), visit(r.condition)));
  for (const c of ir.components) {
    switch (c.kind) {
      case 'commission':
        visit(c.base);
        c.bands.forEach((b) => (visit(b.lower), visit(b.upper), visit(b.pay)));
        break;
      case 'bonus':
        visit(c.when);
        visit(c.pay);
        break;
      case 'per_row':
        visit(c.where);
        visit(c.when);
        visit(c.pay);
        break;
      case 'step_bonus':
        visit(c.on);
        c.steps.forEach((st) => (visit(st.at), visit(st.pay)));
        break;
      case 'salary':
        visit(c.amount);
        visit(c.measure);
        c.bands.forEach((b) => (visit(b.lower), visit(b.upper), visit(b.by)));
        break;
      case 'pool':
        visit(c.amount);
        visit(c.weight);
        break;
    }
  }
  ir.shown.forEach((s) => visit(s.ref));
  ir.rates.forEach((r) => (r.entries.forEach((e) => visit(e.value)), visit(r.fallback)));
  ir.limits.forEach((l) => visit(l.value));
  ir.ladders.forEach((l) => l.items.forEach(visit));
  ir.credits.forEach((c) => c.rules.forEach((r) => (visit(r.share), visit(r.when))));
  visit(ir.draw?.amount);
  return { ir, closures };
}

const sourceRef = (file: string, s: IrSource): SourceRef => ({ file, line: s.line, column: s.column, start: s.span.start, end: s.span.end });

const noPayee = noPayeeContext;

export function evaluate(plan: IrPlan | PreparedPlan, data: DataSet): Result<RunResult | undefined> {
  const { ir, closures } = 'closures' in plan ? plan : prepare(plan);
  const closureOf = (e: IrExpr): Closure => closures.get(e)!;
  const run = (e: IrExpr, f: Frame): Value => closureOf(e)(f);
  const letsByName = new Map(ir.lets.map((l) => [l.name, l]));
  const basesByName = new Map(ir.bases.map((b) => [b.name, b]));
  const unitOf = new Map<string, Unit>([...ir.consts, ...ir.lets, ...ir.bases, ...ir.shown].map((x) => [x.name, x.unit]));

  /** Memo keys, made once rather than for every use. */
  const baseKeys = new Map(ir.bases.map((b) => [b.name, `base:${b.name}`]));
  const letKeys = new Map(ir.lets.map((l) => [l.name, `let:${l.name}`]));

  const consts = new Map<string, Value>();
  const rateTables = new Map<string, { entries: Map<string, Value>; fallback: Value; split: boolean; source: IrSource }>();
  const lookup = (rates: string, keys: readonly string[]): Value => {
    const t = rateTables.get(rates)!;
    const id = keys.join('\u0000');
    if (t.entries.has(id)) return t.entries.get(id);
    if (t.split) throw noSplitPart(rates, keys, t.source.span);
    return t.fallback;
  };
  const env: Env = {
    consts,
    let: (ctx, name) => ctx.memo(letKeys.get(name)!, () => closureOf(letsByName.get(name)!.value)(frame(ctx))),
    base: (ctx, name) => baseOf(ctx, name).value,
    payeeValue(ctx, table, column, at, allowMissing) {
      const row = ctx.payeeRow(table);
      if (row) return row.cells[column];
      if (allowMissing) return undefined;
      const perPeriod = ir.tables.find((t) => t.name === table)?.kind === 'payeePeriod';
      throw noPayeeRow(table, perPeriod, ctx.payee, ctx.period, column, at.span);
    },
    lookup,
  };
  const frame = (ctx: Ctx, row?: CreditedRow, excess?: Dec): Frame => ({ env, ctx, row, excess });
  const rowOnly = (row: InputRow): Frame => frame(noPayee, { row, period: '' });
  const base = frame(noPayee);

  for (const c of ir.consts) consts.set(c.name, run(c.value, base));
  for (const r of ir.rates) {
    rateTables.set(r.name, {
      entries: new Map(r.entries.map((e) => [e.keys.join('\u0000'), run(e.value, base)])),
      fallback: r.fallback ? run(r.fallback, base) : undefined,
      split: r.split,
      source: r.source,
    });
  }

  const asDec = (v: Value, at: IrExpr, row?: CreditedRow, table?: string): Dec => {
    if (v instanceof Dec) return v;
    const where = row && table ? ` (${data.get(table)?.file ?? table} row ${row.row.row})` : '';
    throw new PlanError('R003', `a value used here is empty${where}; guard optional columns with \`is set\``, at.span);
  };
  const rules = rowRules(ir, closureOf, asDec, base);

  function baseOf(ctx: Ctx, name: string): { value: Dec; rows: () => readonly RowRef[] } {
    return ctx.memo(baseKeys.get(name)!, () => computeBase(ctx, basesByName.get(name)!));
  }
  function computeBase(ctx: Ctx, b: IrBase): { value: Dec; rows: () => readonly RowRef[] } {
    if (b.over.kind === 'team') {
      const team = b.over.team;
      let total = ZERO;
      const refs: RowRef[] = [];
      ctx.members(team).forEach((m, i) => {
        const f = frame(m);
        if (b.where && run(b.where, f) !== true) return;
        const v = b.value ? asDec(run(b.value, f), b.value) : ONE;
        total = total.plus(v);
        refs.push({ table: `team ${team}`, row: i + 1, key: m.payee, ...(b.value && { amount: valueText(v, b.unit) }) });
      });
      return { value: total, rows: () => refs };
    }
    const rule = rules.bases.get(b.name)!;
    // Listed when first read (see RowSource in the runtime), and kept: every rule using the base shows the same rows.
    let listed: readonly RowRef[] | undefined;
    return { value: sumRows(rule, ctx, frame(ctx)).total, rows: () => (listed ??= listRows(ir, rule, ctx, frame(ctx))) };
  }

  function usedValues(ctx: Ctx, names: readonly string[]): NamedValue[] {
    const out: NamedValue[] = [];
    for (const name of names) {
      const unit = unitOf.get(name) ?? 'decimal';
      let v: Value;
      if (consts.has(name)) v = consts.get(name);
      else if (letsByName.has(name)) v = env.let(ctx, name);
      else if (basesByName.has(name)) v = baseOf(ctx, name).value;
      else {
        const shown = ir.shown.find((x) => x.name === name);
        if (!shown || shown.ref.kind !== 'payeeValue') continue;
        v = env.payeeValue(ctx, shown.ref.table, shown.ref.column, shown.ref, true);
      }
      out.push({ name, value: valueText(v, unit), unit: unitLabel(unit, ir.currency) });
    }
    return out;
  }
  const rowsOf = (ctx: Ctx, names: readonly string[]): RowSource => {
    const bases = names.filter((n) => basesByName.has(n)).map((n) => baseOf(ctx, n));
    if (bases.length === 1) return bases[0]!.rows;
    return bases.length ? () => bases.flatMap((b) => b.rows()) : [];
  };

  const limitsByTarget = new Map<string, IrPlan['limits'][number][]>();
  for (const l of ir.limits) limitsByTarget.set(l.target, [...(limitsByTarget.get(l.target) ?? []), l]);
  /** What each rule says of itself, worked out once rather than for every statement. */
  const infoOf = new Map(ir.components.map((c) => [c, { component: c.name, rule: c.source.text, source: sourceRef(ir.file, c.source) }]));
  const bandTexts = new Map(ir.components.flatMap((c) => (c.kind === 'commission' ? c.bands : [])).map((b) => [b, { label: bandLabel(b.source.text), payText: bandPayText(b.source.text) }]));

  function line(ctx: Ctx, c: IrComponent): ComputedLine {
    const info = infoOf.get(c)!;
    const f = frame(ctx);
    switch (c.kind) {
      case 'commission': {
        const amount = asDec(run(c.base, f), c.base);
        const bands = c.bands.map((b): BandInput => {
          const { label, payText } = bandTexts.get(b)!;
          const pay = (excess: Dec) => asDec(run(b.pay, frame(ctx, undefined, excess)), b.pay);
          const band: { -readonly [K in keyof BandInput]: BandInput[K] } = { label, payText, payIsRate: b.payIsRate, pay };
          if (b.lower) band.lower = asDec(run(b.lower, f), b.lower);
          if (b.upper) band.upper = asDec(run(b.upper, f), b.upper);
          return band;
        });
        try {
          return commissionLine(info, c.mode, amount, c.baseName, bands, usedValues(ctx, c.uses), rowsOf(ctx, c.uses));
        } catch (err) {
          if (err instanceof TierOrderError) throw new PlanError('R001', `tier thresholds are out of order: ${err.message}; check this payee's targets in the data`, c.base.span);
          throw err;
        }
      }
      case 'bonus': {
        const held = run(c.when, f) === true;
        return bonusLine(info, held, held ? asDec(run(c.pay, f), c.pay) : undefined, usedValues(ctx, c.uses), rowsOf(ctx, c.uses));
      }
      case 'per_row': {
        const rule = rules.perRow.get(c.name)!;
        const { total, count } = sumRows(rule, ctx, frame(ctx));
        return perRowLine(info, total, count, () => listRows(ir, rule, ctx, frame(ctx)), usedValues(ctx, c.uses));
      }
      case 'step_bonus': {
        const measure = asDec(run(c.on, f), c.on);
        const steps = c.steps.map((st) => ({ at: asDec(run(st.at, f), st.at), pay: asDec(run(st.pay, f), st.pay), label: bandLabel(st.source.text) }));
        return stepBonusLine(info, c.mode, measure, `${c.onName} ${valueText(measure, c.on.unit)}`, steps, usedValues(ctx, c.uses), rowsOf(ctx, c.uses));
      }
      case 'salary': {
        const measure = asDec(run(c.measure, f), c.measure);
        const bands = c.bands.map((b) => {
          const lower = b.lower && asDec(run(b.lower, f), b.lower);
          const upper = b.upper && asDec(run(b.upper, f), b.upper);
          return { ...(lower && { lower }), ...(upper && { upper }), by: asDec(run(b.by, f), b.by), label: b.source.text.replace(/\s+by\s.*$/, '') };
        });
        return salaryLine(info, asDec(run(c.amount, f), c.amount), measure, `${c.measureName} ${valueText(measure, c.measure.unit)}`, bands, usedValues(ctx, c.uses));
      }
      case 'pool': {
        const weightOf = (m: Ctx) => m.memo(`weight:${c.name}`, () => asDec(run(c.weight, frame(m)), c.weight));
        const parts = ctx.leaders(c.team).map((leader) => ({
          leader: leader.payee,
          pool: leader.memo(`pool:${c.name}`, () => asDec(run(c.amount, frame(leader)), c.amount)),
          weight: weightOf(ctx),
          teamWeight: leader.members(c.team).reduce((sum, m) => sum.plus(weightOf(m)), ZERO),
        }));
        return poolLine(info, parts, usedValues(ctx, c.uses));
      }
    }
  }

  const spec: PlanSpec = {
    file: ir.file,
    name: ir.name,
    currency: ir.currency,
    settle: ir.settle,
    yearToDate: ir.yearToDate,
    ...(ir.settleSource && { ytdSource: sourceRef(ir.file, ir.settleSource) }),
    rounding: ir.rounding,
    tables: ir.tables,
    credits: ir.credits.map((c) => ({
      table: c.table,
      rules: c.rules.map((r) => ({
        to: r.to,
        rest: r.rest,
        ...(r.share && { share: (row: InputRow) => asDec(run(r.share!, rowOnly(row)), r.share!) }),
        ...(r.when && { when: (row: InputRow) => run(r.when!, rowOnly(row)) === true }),
        rule: r.source.text,
      })),
    })),
    teams: ir.teams,
    requirements: ir.requirements.map((req) => ({
      table: req.table,
      ...(req.where && { applies: (ctx: Ctx, r: CreditedRow) => run(req.where!, frame(ctx, r)) === true }),
      holds: (ctx: Ctx, r: CreditedRow) => run(req.condition, frame(ctx, r)) === true,
      exclude: req.exclude,
      message: req.message,
      source: sourceRef(ir.file, req.source),
    })),
    clawbacks: ir.clawbacks.map((cb) => ({ table: cb.table, rowName: cb.rowName, column: cb.column, days: cb.days, rule: cb.source.text, source: sourceRef(ir.file, cb.source) })),
    ...(ir.history && { history: ir.history }),
    tally: rules.tally,
    ...(ir.draw && {
      draw: { component: ir.draw.name, amount: (ctx: Ctx) => asDec(run(ir.draw!.amount, frame(ctx)), ir.draw!.amount), mode: ir.draw.mode, rule: ir.draw.source.text, source: sourceRef(ir.file, ir.draw.source) },
    }),
    statement(ctx) {
      const f = frame(ctx);
      const limitsOn = (component: string) => limitsByTarget.get(component) ?? [];
      for (const ladder of ir.ladders) checkLadder(ladder.items.map((i) => asDec(run(i, f), i)), ladder.texts, ladder.ops, ladder.items);
      const lines = ir.components.map((c) => limitsOn(c.name).reduce((acc, x) => limitLine(acc, x.bound, asDec(run(x.value, f), x.value), x.source.text), line(ctx, c)));
      const limits: PayoutLimit[] = limitsOn('payout').map((l) => ({
        bound: l.bound,
        value: asDec(run(l.value, f), l.value),
        info: { component: `payout_${l.bound}`, rule: l.source.text, source: sourceRef(ir.file, l.source) },
        values: usedValues(ctx, l.uses),
      }));
      const values: NamedValue[] = [];
      for (const s of ir.shown) {
        const v = s.ref.kind === 'payeeValue' ? env.payeeValue(ctx, s.ref.table, s.ref.column, s.ref, true) : run(s.ref, f);
        if (v !== undefined) values.push({ name: s.name, value: valueText(v, s.unit), unit: unitLabel(s.unit, ir.currency) });
      }
      return { lines, limits, values };
    },
  };

  try {
    const settled = settle(spec, data);
    const diagnostics: Diagnostic[] = settled.errors.map((e) => ({ code: e.code as Diagnostic['code'], severity: 'error', message: e.message, file: e.file, span: e.span }));
    return { value: settled.result, diagnostics };
  } catch (err) {
    // Constants and rate tables are computed before any payee: their errors land here.
    if (!(err instanceof PlanError)) throw err;
    return { value: undefined, diagnostics: [{ code: err.code, severity: 'error', message: err.message, file: ir.file, span: err.span }] };
  }
}
