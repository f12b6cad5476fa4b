/**
 * The interpreter: IR + validated input rows → one statement per payee per settlement period,
 * every line explained. Rows are grouped by payee and period once; each (payee, period) is then
 * evaluated with lazily computed, memoised bases and derived values. A value that cannot be computed
 * (division by zero, a missing per-payee row, thresholds out of order) is a diagnostic naming the
 * payee, the period and the rule, and the run returns no statements: never a partial result.
 */
import type { IrBase, IrComponent, IrExpr, IrPlan, IrRequirement, IrSource, Unit } from '@payplan/checker';
import { DiagnosticBag, type Diagnostic, type Result } from '@payplan/diagnostics';
import {
  assembleStatement, bandLabel, bandPayText, bonusLine, commissionLine, Dec, limitLine, parsePeriod, perRowLine, periodLabel, periodOf,
  roundRow, salaryLine, stepBonusLine, TierOrderError, unitLabel, valueText, ZERO, type PayoutLimit,
  type BandInput, type ComputedLine, type InputRow, type NamedValue, type RowRef, type RunResult, type SourceRef, type Statement,
  type StatementException,
} from '@payplan/runtime';
import { compileExpr, EvalError, type Closure, type Frame, type Value } from './closures.js';

/** Validated rows of one input table, with the file they came from. */
export interface TableData {
  readonly file: string;
  readonly rows: readonly InputRow[];
}

export type DataSet = ReadonlyMap<string, TableData>;

interface Group {
  readonly payee: string;
  readonly period: string;
  readonly rows: Map<string, InputRow[]>;
}

const sourceRef = (file: string, s: IrSource): SourceRef => ({ file, line: s.line, column: s.column, start: s.span.start, end: s.span.end });

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
    if (c.kind === 'commission') {
      visit(c.base);
      c.bands.forEach((b) => (visit(b.lower), visit(b.upper), visit(b.pay)));
    } else if (c.kind === 'bonus') {
      visit(c.when);
      visit(c.pay);
    } else if (c.kind === 'step_bonus') {
      visit(c.on);
      c.steps.forEach((st) => (visit(st.at), visit(st.pay)));
    } else if (c.kind === 'salary') {
      visit(c.amount);
      visit(c.measure);
      c.bands.forEach((b) => (visit(b.lower), visit(b.upper), visit(b.by)));
    } else {
      visit(c.where);
      visit(c.when);
      visit(c.pay);
    }
  }
  ir.shown.forEach((s) => visit(s.ref));
  ir.rates.forEach((r) => (r.entries.forEach((e) => visit(e.value)), visit(r.fallback)));
  ir.limits.forEach((l) => visit(l.value));
  ir.ladders.forEach((l) => l.items.forEach(visit));
  return { ir, closures };
}

export function evaluate(plan: IrPlan | PreparedPlan, data: DataSet): Result<RunResult | undefined> {
  const { ir, closures } = 'closures' in plan ? plan : prepare(plan);
  const run = (e: IrExpr, f: Frame): Value => closures.get(e)!(f);
  const bag = new DiagnosticBag(ir.file);

  const unitOf = new Map<string, Unit>();
  ir.consts.forEach((c) => unitOf.set(c.name, c.unit));
  ir.lets.forEach((l) => unitOf.set(l.name, l.unit));
  ir.bases.forEach((b) => unitOf.set(b.name, b.unit));
  ir.shown.forEach((s) => unitOf.set(s.name, s.unit));
  const letsByName = new Map(ir.lets.map((l) => [l.name, l]));
  const basesByName = new Map(ir.bases.map((b) => [b.name, b]));

  // Plan-wide constants.
  const consts = new Map<string, Value>();
  const constFrame: Frame = {
    payee: '',
    period: '',
    consts,
    let: () => undefined,
    base: () => undefined,
    payeeValue: () => undefined,
    lookup: () => undefined,
  };
  for (const c of ir.consts) consts.set(c.name, run(c.value, constFrame));

  // Rate tables: entries are constant, so each becomes a map from keys to value once.
  const rateTables = new Map<string, { entries: Map<string, Value>; fallback: Value }>();
  for (const r of ir.rates) {
    rateTables.set(r.name, {
      entries: new Map(r.entries.map((e) => [e.keys.join('\u0000'), run(e.value, constFrame)])),
      fallback: r.fallback ? run(r.fallback, constFrame) : undefined,
    });
  }
  const lookup = (rates: string, keys: readonly string[]): Value => {
    const t = rateTables.get(rates)!;
    const id = keys.join('\u0000');
    return t.entries.has(id) ? t.entries.get(id) : t.fallback;
  };

  // Group transaction rows by payee and period; index per-payee tables.
  const groups = new Map<string, Group>();
  const group = (payee: string, period: string): Group => {
    const key = `${payee}\u0000${period}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { payee, period, rows: new Map() }));
    return g;
  };
  const perPayee = new Map<string, Map<string, InputRow>>();
  try {
    groupRows();
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    bag.error('D010', { start: 0, end: 0 }, err.message);
    return { value: undefined, diagnostics: bag.items };
  }
  function groupRows(): void {
  for (const t of ir.tables) {
    const rows = data.get(t.name)?.rows ?? [];
    if (t.kind === 'rows') {
      for (const row of rows) {
        const payee = row.cells[t.payeeColumn!] as string;
        const period = rowPeriod(t, row);
        const g = group(payee, period);
        let list = g.rows.get(t.name);
        if (!list) g.rows.set(t.name, (list = []));
        list.push(row);
      }
    } else {
      const index = new Map<string, InputRow>();
      for (const row of rows) {
        const payee = row.cells['payee'] as string;
        const period = t.kind === 'payeePeriod' ? (row.cells['period'] as string) : '';
        index.set(`${payee}\u0000${period}`, row);
        if (t.kind === 'payeePeriod') group(payee, period);
      }
      perPayee.set(t.name, index);
    }
  }
  }
  /** The settlement period of a transaction row: the period containing its date, or its period column. */
  function rowPeriod(t: (typeof ir.tables)[number], row: InputRow): string {
    const v = row.cells[t.dateColumn!] as string;
    if (t.columns.find((c) => c.name === t.dateColumn)?.type !== 'period') return periodLabel(periodOf(v, ir.settle));
    const p = parsePeriod(v, ir.settle);
    if (!p) throw new DataError(`${data.get(t.name)?.file ?? t.name} row ${row.row}, column ${t.dateColumn}: "${v}" is not a ${ir.settle} period; this plan settles ${ir.settle}ly`);
    return periodLabel(p);
  }
  const tableKind = new Map(ir.tables.map((t) => [t.name, t]));
  const keyColumn = new Map(ir.tables.map((t) => [t.name, t.columns.find((c) => c.key)?.name]));
  const rowRef = (table: string, row: InputRow, amount?: Dec): RowRef => {
    const key = keyColumn.get(table);
    const keyValue = key ? row.cells[key] : undefined;
    return { table, row: row.row, ...(keyValue !== undefined && { key: String(keyValue) }), ...(amount && { amount: valueText(amount, 'money') }) };
  };

  const statements: Statement[] = [];
  const ordered = [...groups.values()].sort((a, b) => (a.payee === b.payee ? (a.period < b.period ? -1 : 1) : a.payee < b.payee ? -1 : 1));
  for (const g of ordered) {
    try {
      statements.push(statementFor(g));
    } catch (err) {
      if (err instanceof EvalError) {
        bag.error(err.code, err.at.span, `${g.payee}, ${g.period}: ${err.message}`);
      } else throw err;
    }
  }

  function statementFor(g: Group): Statement {
    const lets = new Map<string, Value>();
    const bases = new Map<string, { value: Dec; rows: RowRef[] }>();
    const frame: Frame = {
      payee: g.payee,
      period: g.period,
      consts,
      let(name) {
        if (!lets.has(name)) lets.set(name, run(letsByName.get(name)!.value, frame));
        return lets.get(name);
      },
      base(name) {
        return baseOf(name).value;
      },
      payeeValue(table, column, at) {
        const t = tableKind.get(table)!;
        const row = perPayee.get(table)?.get(`${g.payee}\u0000${t.kind === 'payeePeriod' ? g.period : ''}`);
        if (!row) throw new EvalError('R003', `table \`${table}\` has no row for ${g.payee}${t.kind === 'payeePeriod' ? ` in ${g.period}` : ''}, so \`${column}\` is unknown`, at);
        return row.cells[column];
      },
      lookup,
    };
    const inRow = (row: InputRow): Frame => ({ ...frame, row });

    function baseOf(name: string): { value: Dec; rows: RowRef[] } {
      let b = bases.get(name);
      if (!b) bases.set(name, (b = computeBase(basesByName.get(name)!)));
      return b;
    }
    function computeBase(b: IrBase): { value: Dec; rows: RowRef[] } {
      let total = ZERO;
      const refs: RowRef[] = [];
      for (const row of g.rows.get(b.table) ?? []) {
        const f = inRow(row);
        if (b.where && run(b.where, f) !== true) continue;
        const v = b.value ? asDec(run(b.value, f), b.value, row, b.table) : new Dec(1);
        total = total.plus(v);
        refs.push(rowRef(b.table, row, b.value ? v : undefined));
      }
      return { value: total, rows: refs };
    }

    // Requirements first: an excluded row is out of every base and rule.
    const exceptions: StatementException[] = [];
    for (const req of ir.requirements) applyRequirement(req, g, exceptions);

    for (const ladder of ir.ladders) checkLadder(ladder);
    const computed: ComputedLine[] = ir.components.map((c) => limited(line(c)));
    const payoutLimits: PayoutLimit[] = ir.limits
      .filter((l) => l.target === 'payout')
      .map((l) => ({
        bound: l.bound,
        value: asDec(run(l.value, frame), l.value),
        info: { component: `payout_${l.bound}`, rule: l.source.text, source: sourceRef(ir.file, l.source) },
        values: usedValues(l.uses),
      }));
    const values: NamedValue[] = [];
    for (const s of ir.shown) {
      try {
        values.push({ name: s.name, value: valueText(run(s.ref, frame), s.unit), unit: unitLabel(s.unit, ir.currency) });
      } catch (err) {
        if (!(err instanceof EvalError)) throw err; // a per-payee value this payee lacks and no rule needs
      }
    }
    return assembleStatement(g.payee, g.period, ir.currency, ir.rounding, computed, values, exceptions, payoutLimits);

    /** Applies the caps and floors stated for this line's component, in plan order. */
    function limited(l: ComputedLine): ComputedLine {
      return ir.limits.filter((x) => x.target === l.component).reduce((acc, x) => limitLine(acc, x.bound, asDec(run(x.value, frame), x.value), x.source.text), l);
    }

    function checkLadder(ladder: (typeof ir.ladders)[number]): void {
      const values = ladder.items.map((i) => asDec(run(i, frame), i));
      ladder.ops.forEach((op, i) => {
        const [a, b] = [values[i]!, values[i + 1]!];
        if (op === '<' ? a.lt(b) : a.lte(b)) return;
        throw new EvalError('R001', `\`${ladder.texts[i]} ${op} ${ladder.texts[i + 1]}\` does not hold: ${valueText(a, ladder.items[i]!.unit)} is not ${op === '<' ? 'below' : 'at or below'} ${valueText(b, ladder.items[i + 1]!.unit)}`, ladder.items[i + 1]!);
      });
    }

    function applyRequirement(req: IrRequirement, g: Group, out: StatementException[]): void {
      const rows = g.rows.get(req.table);
      if (!rows) return;
      const kept: InputRow[] = [];
      for (const row of rows) {
        const f = inRow(row);
        const applies = !req.where || run(req.where, f) === true;
        if (applies && run(req.condition, f) !== true) {
          const ref = rowRef(req.table, row);
          out.push({ table: req.table, row: row.row, ...(ref.key !== undefined && { key: ref.key }), message: req.message, action: req.exclude ? 'excluded' : 'flagged', source: sourceRef(ir.file, req.source) });
          if (req.exclude) continue;
        }
        kept.push(row);
      }
      g.rows.set(req.table, kept);
    }

    function usedValues(names: readonly string[]): NamedValue[] {
      return names.map((name) => {
        const unit = unitOf.get(name) ?? 'decimal';
        const v = consts.has(name) ? consts.get(name) : letsByName.has(name) ? frame.let(name) : basesByName.has(name) ? frame.base(name) : shownValue(name);
        return { name, value: valueText(v, unit), unit: unitLabel(unit, ir.currency) };
      });
    }
    function shownValue(name: string): Value {
      const s = ir.shown.find((x) => x.name === name);
      return s ? run(s.ref, frame) : undefined;
    }
    function rowsOf(names: readonly string[]): RowRef[] {
      return names.filter((n) => basesByName.has(n)).flatMap((n) => baseOf(n).rows);
    }

    function line(c: IrComponent): ComputedLine {
      const info = { component: c.name, rule: c.source.text, source: sourceRef(ir.file, c.source) };
      switch (c.kind) {
        case 'commission': {
          const base = asDec(run(c.base, frame), c.base);
          const bands: BandInput[] = c.bands.map((b) => {
            const lower = b.lower && asDec(run(b.lower, frame), b.lower);
            const upper = b.upper && asDec(run(b.upper, frame), b.upper);
            return {
              ...(lower && { lower }),
              ...(upper && { upper }),
              label: bandLabel(b.source.text),
              payText: bandPayText(b.source.text),
              payIsRate: b.payIsRate,
              pay: (excess: Dec) => asDec(run(b.pay, { ...frame, excess }), b.pay),
            };
          });
          try {
            return commissionLine(info, c.mode, base, c.baseName, bands, usedValues(c.uses), rowsOf(c.uses));
          } catch (err) {
            if (err instanceof TierOrderError) throw new EvalError('R001', `tier thresholds are out of order: ${err.message}; check this payee's targets in the data`, c.base);
            throw err;
          }
        }
        case 'bonus': {
          const held = run(c.when, frame) === true;
          return bonusLine(info, held, held ? asDec(run(c.pay, frame), c.pay) : undefined, usedValues(c.uses), rowsOf(c.uses));
        }
        case 'per_row': {
          let total = ZERO;
          const rows: RowRef[] = [];
          for (const row of g.rows.get(c.table) ?? []) {
            const f = inRow(row);
            if (c.where && run(c.where, f) !== true) continue;
            if (c.when && run(c.when, f) !== true) continue;
            const v = roundRow(asDec(run(c.pay, f), c.pay, row, c.table), ir.rounding);
            total = total.plus(v);
            rows.push(rowRef(c.table, row, v));
          }
          return perRowLine(info, total, rows, usedValues(c.uses));
        }
        case 'step_bonus': {
          const measure = asDec(run(c.on, frame), c.on);
          const steps = c.steps.map((st) => ({ at: asDec(run(st.at, frame), st.at), pay: asDec(run(st.pay, frame), st.pay), label: st.source.text.replace(/\s+pay\s.*$/, '') }));
          return stepBonusLine(info, c.mode, measure, `${c.onName} ${valueText(measure, c.on.unit)}`, steps, usedValues(c.uses), rowsOf(c.uses));
        }
        case 'salary': {
          const measure = asDec(run(c.measure, frame), c.measure);
          const bands = c.bands.map((b) => {
            const lower = b.lower && asDec(run(b.lower, frame), b.lower);
            const upper = b.upper && asDec(run(b.upper, frame), b.upper);
            return { ...(lower && { lower }), ...(upper && { upper }), by: asDec(run(b.by, frame), b.by), label: b.source.text.replace(/\s+by\s.*$/, '') };
          });
          return salaryLine(info, asDec(run(c.amount, frame), c.amount), measure, `${c.measureName} ${valueText(measure, c.measure.unit)}`, bands, usedValues(c.uses));
        }
      }
    }
  }

  function asDec(v: Value, at: IrExpr, row?: InputRow, table?: string): Dec {
    if (v instanceof Dec) return v;
    const where = row && table ? ` (${data.get(table)?.file ?? table} row ${row.row})` : '';
    throw new EvalError('R003', `a value used here is empty${where}; guard optional columns with \`is set\``, at);
  }

  const diagnostics: Diagnostic[] = bag.items;
  if (bag.hasErrors) return { value: undefined, diagnostics };
  return { value: { plan: ir.name, currency: ir.currency, statements }, diagnostics };
}

/** Input that passed cell validation but does not fit the plan (a period of the wrong kind). */
class DataError extends Error {}
