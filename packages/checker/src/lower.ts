/**
 * The checker's entry: AST → IR. Builds the plan's symbol table, checks every declaration (names,
 * units, tier structure, duplicate names, cycles) and lowers it. Returns the IR only when there are
 * no errors, so back ends never see a plan the checker rejected; diagnostics come back as data.
 */
import { DiagnosticBag, type Diagnostic, type Result, type SourceText, type Span } from '@payplan/diagnostics';
import type { Ast } from '@payplan/syntax';
import { checkHeader } from './header.js';
import type { IrBand, IrBase, IrComponent, IrConst, IrExpr, IrLet, IrPlan, IrRequirement, IrShownValue, IrSource, Unit } from './ir.js';
import { condition, lowerExpr, type ExprContext, type Scope, type Symbol } from './lower-expr.js';
import { checkTable, type TableInfo } from './tables.js';
import { unify, unitWords } from './units.js';
import { columnUnit } from './lower-expr.js';

export interface CheckOutput {
  /** The lowered plan; present only when the plan has no errors. */
  readonly ir?: IrPlan;
  /** The tables the plan declares, even when other parts have errors (editors use them). */
  readonly tables: readonly TableInfo[];
}

type ValueDecl = Ast.ConstDecl | Ast.LetDecl | Ast.BaseDecl;

export function checkPlan(plan: Ast.Plan, source: SourceText): Result<CheckOutput> {
  const bag = new DiagnosticBag(source.file);
  const settings = checkHeader(plan.header, bag);
  const sourceOf = (span: Span): IrSource => {
    const { line, column } = source.lineCol(span.start);
    return { span, line, column, text: source.slice(span).split('\n')[0]!.replace(/\s*#.*$/, '').trimEnd() };
  };

  // Tables first: their columns are names everything else can use.
  const tables = new Map<string, TableInfo>();
  for (const d of plan.decls) {
    if (d.kind !== 'Table') continue;
    const prior = tables.get(d.name.name);
    if (prior) {
      bag.error('N002', d.name.span, `table \`${d.name.name}\` is declared twice`, { labels: [{ span: prior.decl.name.span, message: 'first declared here' }] });
      continue;
    }
    const info = checkTable(d, bag);
    if (info) tables.set(d.name.name, info);
  }
  const payeeColumns = new Map<string, TableInfo[]>();
  for (const t of tables.values()) {
    if (t.schema.kind === 'rows') continue;
    for (const c of t.schema.columns) payeeColumns.set(c.name, [...(payeeColumns.get(c.name) ?? []), t]);
  }

  // Plan-level names.
  const symbols = new Map<string, Symbol>();
  const decls = new Map<string, ValueDecl>();
  for (const d of plan.decls) {
    if (d.kind !== 'Const' && d.kind !== 'Let' && d.kind !== 'Base') continue;
    const name = d.name.name;
    const prior = decls.get(name);
    if (prior) {
      bag.error('N002', d.name.span, `\`${name}\` is defined twice`, { labels: [{ span: prior.name.span, message: 'first defined here' }] });
      continue;
    }
    if (payeeColumns.has(name)) bag.error('N002', d.name.span, `\`${name}\` is already a column of table \`${payeeColumns.get(name)![0]!.schema.name}\``);
    if (tables.has(name)) bag.error('N002', d.name.span, `\`${name}\` is already the name of a table`);
    decls.set(name, d);
    symbols.set(name, { kind: d.kind === 'Const' ? 'const' : d.kind === 'Let' ? 'let' : 'base', name });
  }

  // Definitions are checked on demand, so a reference can learn its unit; `visiting` finds cycles.
  const consts = new Map<string, IrConst>();
  const lets = new Map<string, IrLet>();
  const bases = new Map<string, IrBase>();
  const failed = new Set<string>();
  const visiting: string[] = [];
  let uses: string[] = [];

  const cx: ExprContext = {
    bag,
    tables,
    symbols,
    payeeColumns,
    used: (name) => {
      if (!uses.includes(name)) uses.push(name);
    },
    unitOf: (sym, at) => {
      const done = consts.get(sym.name) ?? lets.get(sym.name) ?? bases.get(sym.name);
      if (done) return done.unit;
      if (failed.has(sym.name)) return undefined;
      if (visiting.includes(sym.name)) {
        const cycle = [...visiting.slice(visiting.indexOf(sym.name)), sym.name];
        bag.error('S008', at.span, `\`${sym.name}\` is defined in terms of itself: ${cycle.join(' → ')}`);
        failed.add(sym.name);
        return undefined;
      }
      const d = decls.get(sym.name);
      return d ? defineValue(d) : undefined;
    },
  };

  /** Checks a definition once, in a fresh `uses` list, and records its lowered form. */
  function defineValue(d: ValueDecl): Unit | undefined {
    const name = d.name.name;
    visiting.push(name);
    const outerUses = uses;
    uses = [];
    let unit: Unit | undefined;
    if (d.kind === 'Base') {
      const base = lowerBase(d);
      if (base) {
        bases.set(name, base);
        unit = base.unit;
      }
    } else {
      const scope: Scope = { level: d.kind === 'Const' ? 'const' : 'payee' };
      const value = lowerExpr(d.value, scope, cx);
      if (value) {
        unit = value.unit;
        if (d.kind === 'Const') consts.set(name, { name, unit, value, source: sourceOf(d.span) });
        else lets.set(name, { name, unit, value, source: sourceOf(d.span) });
      }
    }
    uses = outerUses;
    visiting.pop();
    if (!unit) failed.add(name);
    return unit;
  }

  function rowScope(table: Ast.Ident, variable?: string): Scope | undefined {
    const t = tables.get(table.name);
    if (!t) {
      bag.error('N004', table.span, `unknown table \`${table.name}\``, didYouMeanTable(table.name));
      return undefined;
    }
    return { level: 'payee', row: { table: t, ...(variable !== undefined && { variable }) } };
  }
  const didYouMeanTable = (name: string) => {
    const near = [...tables.keys()].find((k) => k.toLowerCase().startsWith(name.toLowerCase().slice(0, 3)));
    return near ? { hint: `did you mean \`${near}\`?` } : {};
  };

  function lowerBase(d: Ast.BaseDecl): IrBase | undefined {
    const agg = d.value;
    const scope = rowScope(agg.table);
    if (!scope) return undefined;
    const where = agg.where && condition(agg.where, scope, cx);
    if (agg.where && !where) return undefined;
    const common = { name: d.name.name, table: agg.table.name, ...(where && { where }), source: sourceOf(d.span) };
    if (agg.kind === 'Count') return { ...common, unit: 'count', aggregate: 'count' };
    const value = lowerExpr(agg.value, scope, cx);
    if (!value) return undefined;
    if (!['money', 'count', 'decimal', 'number'].includes(value.unit)) {
      bag.error('T003', agg.value.span, `a base sums money, counts or numbers, but this is ${unitWords(value.unit)}`);
      return undefined;
    }
    return { ...common, unit: value.unit === 'number' ? 'decimal' : value.unit, aggregate: 'sum', value };
  }

  // Components, in plan order.
  const components: IrComponent[] = [];
  const requirements: IrRequirement[] = [];
  const componentNames = new Map<string, Span>();
  const claimName = (name: string, span: Span, defaultName: boolean) => {
    const prior = componentNames.get(name);
    if (prior) {
      bag.error('S006', span, `two rules would both produce the statement line \`${name}\``, {
        labels: [{ span: prior, message: 'first here' }],
        ...(defaultName && { hint: `give this one its own name, e.g. \`${name} stretch …\`` }),
      });
    }
    componentNames.set(name, span);
  };

  for (const d of plan.decls) {
    uses = [];
    switch (d.kind) {
      case 'Const':
      case 'Let':
      case 'Base':
        if (!consts.has(d.name.name) && !lets.has(d.name.name) && !bases.has(d.name.name) && !failed.has(d.name.name)) defineValue(d);
        break;
      case 'Commission': {
        const name = d.name?.name ?? 'commission';
        claimName(name, d.name?.span ?? d.keyword, !d.name);
        const c = lowerCommission(d, name);
        if (c) components.push(c);
        break;
      }
      case 'Bonus': {
        const name = d.name?.name ?? 'bonus';
        claimName(name, d.name?.span ?? d.keyword, !d.name);
        const when = condition(d.when, { level: 'payee' }, cx);
        const pay = amount(d.pay, { level: 'payee' });
        if (when && pay) components.push({ kind: 'bonus', name, when, pay, uses: [...uses], source: sourceOf(d.span) });
        break;
      }
      case 'ForEach': {
        const scope = rowScope(d.table, d.row.name);
        if (!scope) break;
        if (tables.get(d.table.name)!.schema.kind !== 'rows') {
          bag.error('S005', d.table.span, `\`for each\` goes through a transaction table; \`${d.table.name}\` is a table per payee`);
          break;
        }
        const where = d.where && condition(d.where, scope, cx);
        for (const rule of d.rules) {
          uses = [];
          if (rule.kind === 'Require') {
            const cond = condition(rule.condition, scope, cx);
            if (cond) requirements.push({ table: d.table.name, ...(where && { where }), condition: cond, exclude: rule.exclude, message: rule.message.value, source: sourceOf(rule.span) });
          } else {
            claimName(rule.name.name, rule.name.span, false);
            const when = rule.when && condition(rule.when, scope, cx);
            const pay = amount(rule.pay, scope);
            if (pay && (!rule.when || when)) {
              components.push({
                kind: 'per_row',
                name: rule.name.name,
                table: d.table.name,
                ...(where && { where }),
                ...(when && { when }),
                pay,
                uses: [...uses],
                source: sourceOf(rule.span),
              });
            }
          }
        }
        break;
      }
      case 'Table':
        break;
    }
  }

  /** An expression that must be an amount of money (a bare number counts as money). */
  function amount(e: Ast.Expr, scope: Scope): IrExpr | undefined {
    const r = lowerExpr(e, scope, cx);
    if (r && r.unit !== 'money' && r.unit !== 'number') {
      bag.error('T003', e.span, `this must be an amount of money, but it is ${unitWords(r.unit)}`, r.unit === 'ratio' ? { hint: 'apply the rate to an amount: `5% of margin`' } : {});
      return undefined;
    }
    return r;
  }

  function lowerCommission(d: Ast.CommissionDecl, name: string): IrComponent | undefined {
    const payee: Scope = { level: 'payee' };
    const base = lowerExpr(d.on, payee, cx);
    if (!base) return undefined;
    if (base.unit !== 'money') {
      bag.error('T003', d.on.span, `a commission is paid on money, but \`${source.slice(d.on.span)}\` is ${unitWords(base.unit)}`);
      return undefined;
    }
    const source_ = sourceOf({ start: d.span.start, end: d.bands[0]?.span.start ?? d.span.end });
    if (d.pay) {
      const band = lowerBand(d.pay, undefined, undefined, base.unit, sourceOf(d.span));
      return band && { kind: 'commission', name, base, baseName: source.slice(d.on.span), mode: 'flat', bands: [band], uses: [...uses], source: source_ };
    }
    if (!d.mode) {
      bag.error('S004', d.on.span, 'say whether each band\'s rate applies to the whole base (`whole`) or only to the part inside the band (`marginal`)', {
        hint: `write \`commission on ${source.slice(d.on.span)} whole\` or \`… marginal\``,
      });
    }
    if (!d.bands.length) {
      bag.error('S003', d.span, 'a tiered commission needs bands below its header, such as `below T1 pay 0` and `from T1 pay 5%`');
      return undefined;
    }
    checkBandsJoin(d.bands);
    const bands: IrBand[] = [];
    for (const b of d.bands) {
      const lower = b.range.kind === 'Below' ? undefined : bound(b.range.lower, base.unit);
      const upper = b.range.kind === 'From' ? undefined : bound(b.range.upper, base.unit);
      const band = lowerBand(b.pay, lower, upper, base.unit, sourceOf(b.span));
      if (band) bands.push(band);
    }
    if (bands.length !== d.bands.length || !d.mode) return undefined;
    return { kind: 'commission', name, base, baseName: source.slice(d.on.span), mode: d.mode.value, bands, uses: [...uses], source: source_ };
  }

  function bound(e: Ast.Expr, unit: Unit): IrExpr | undefined {
    const r = lowerExpr(e, { level: 'payee' }, cx);
    if (r && !unify(r.unit, unit)) {
      bag.error('T004', e.span, `this band bound is ${unitWords(r.unit)}, but the commission base is ${unitWords(unit)}`);
      return undefined;
    }
    return r;
  }

  function lowerBand(pay: Ast.Expr, lower: IrExpr | undefined, upper: IrExpr | undefined, baseUnit: Unit, src: IrSource): IrBand | undefined {
    const p = lowerExpr(pay, { level: 'payee', band: true }, cx);
    if (!p) return undefined;
    const payIsRate = p.unit === 'ratio';
    if (!payIsRate && p.unit !== 'money' && p.unit !== 'number') {
      bag.error('T003', pay.span, `a band pays a rate such as 5% or an amount of money, but this is ${unitWords(p.unit)}`);
      return undefined;
    }
    void baseUnit;
    return { ...(lower && { lower }), ...(upper && { upper }), pay: p, payIsRate, source: src };
  }

  /** Bands must run from `below X` (or a first lower bound) up to `from Y` with no gap or overlap. */
  function checkBandsJoin(bands: readonly Ast.Band[]): void {
    const text = (e: Ast.Expr) => source.slice(e.span).replace(/\s+/g, ' ');
    bands.forEach((b, i) => {
      const r = b.range;
      if (r.kind === 'Below' && i !== 0) bag.error('S003', r.span, '`below` can only open the first band');
      if (r.kind === 'From' && i !== bands.length - 1) bag.error('S003', r.span, '`from` can only open the last band: it runs without an upper bound');
      if (i === 0) return;
      const prev = bands[i - 1]!.range;
      const prevUpper = prev.kind === 'From' ? undefined : prev.upper;
      const lower = r.kind === 'Below' ? undefined : r.lower;
      if (prevUpper && lower && text(prevUpper) !== text(lower)) {
        bag.error('S003', lower.span, `this band starts at \`${text(lower)}\` but the band before it ends at \`${text(prevUpper)}\`: bands must join with no gap or overlap`, {
          labels: [{ span: prevUpper.span, message: 'previous band ends here' }],
          hint: `start this band at \`${text(prevUpper)}\``,
        });
      }
    });
    const last = bands[bands.length - 1]!.range;
    if (last.kind !== 'From') bag.error('S003', last.span, `the last band must be open-ended, such as \`from ${last.kind === 'Between' ? text(last.upper) : 'T'} pay …\`, so every result falls in a band`);
  }

  // Shown values: per-payee inputs, bases and derived values, in plan order.
  const shown: IrShownValue[] = [];
  for (const t of tables.values()) {
    if (t.schema.kind === 'rows') continue;
    for (const c of t.schema.columns) {
      const unit = columnUnit(c.type);
      if (unit === 'money' || unit === 'ratio' || unit === 'count' || unit === 'decimal') {
        shown.push({ name: c.name, unit, ref: { kind: 'payeeValue', table: t.schema.name, column: c.name, optional: c.optional, unit, span: t.decl.span } });
      }
    }
  }
  for (const d of plan.decls) {
    if (d.kind === 'Base' && bases.has(d.name.name)) shown.push({ name: d.name.name, unit: bases.get(d.name.name)!.unit, ref: { kind: 'base', name: d.name.name, unit: bases.get(d.name.name)!.unit, span: d.span } });
    if (d.kind === 'Let' && lets.has(d.name.name)) shown.push({ name: d.name.name, unit: lets.get(d.name.name)!.unit, ref: { kind: 'let', name: d.name.name, unit: lets.get(d.name.name)!.unit, span: d.span } });
  }

  const diagnostics: Diagnostic[] = bag.items;
  const tableList = [...tables.values()];
  if (bag.hasErrors) return { value: { tables: tableList }, diagnostics };
  const ir: IrPlan = {
    file: source.file,
    name: settings.name,
    currency: settings.currency,
    settle: settings.settle,
    rounding: settings.rounding,
    ...(settings.year !== undefined && { year: settings.year }),
    tables: tableList.map((t) => t.schema),
    consts: orderByDeclaration(plan, consts),
    lets: orderByDependency(orderByDeclaration(plan, lets)),
    bases: orderByDeclaration(plan, bases),
    requirements,
    components,
    shown,
  };
  return { value: { ir, tables: tableList }, diagnostics };
}

function orderByDeclaration<T extends { name: string }>(plan: Ast.Plan, m: ReadonlyMap<string, T>): T[] {
  const out: T[] = [];
  for (const d of plan.decls) if ((d.kind === 'Const' || d.kind === 'Let' || d.kind === 'Base') && m.has(d.name.name)) out.push(m.get(d.name.name)!);
  return orderByDependency(out);
}

/** Stable topological order: each definition after the ones it references. Cycles were rejected. */
function orderByDependency<T extends { name: string; value?: IrExpr }>(defs: readonly T[]): T[] {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (d: T) => {
    if (done.has(d.name)) return;
    done.add(d.name);
    for (const ref of d.value ? references(d.value) : []) {
      const dep = byName.get(ref);
      if (dep) visit(dep);
    }
    out.push(d);
  };
  defs.forEach(visit);
  return out;
}

/** Names of plan-level values an expression reads directly. */
export function references(e: IrExpr): string[] {
  switch (e.kind) {
    case 'const':
    case 'let':
    case 'base':
      return [e.name];
    case 'neg':
    case 'not':
    case 'isSet':
      return references(e.operand);
    case 'arith':
    case 'cmp':
    case 'logic':
      return [...references(e.left), ...references(e.right)];
    case 'call':
      return e.args.flatMap(references);
    default:
      return [];
  }
}
