/**
 * The checker's entry: AST → IR. Builds the plan's symbol table, checks every declaration (names,
 * units, tier structure, duplicate names, cycles) and lowers it. Returns the IR only when there are
 * no errors, so back ends never see a plan the checker rejected; diagnostics come back as data.
 */
import { DiagnosticBag, type Diagnostic, type Result, type SourceText, type Span } from '@payplan/diagnostics';
import type { Ast } from '@payplan/syntax';
import { checkHeader } from './header.js';
import type { IrBand, IrBase, IrClawback, IrComponent, IrConst, IrCredit, IrDraw, IrExpr, IrLadder, IrLet, IrLimit, IrPlan, IrRates, IrRequirement, IrShownValue, IrSource, IrTeam, Unit } from './ir.js';
import { neverInOrder, type Definitions } from './order.js';
import { reportDeepChains } from './chains.js';
import { Dec } from '@payplan/runtime';
import { condition, lowerExpr, type ExprContext, type Scope, type Symbol } from './lower-expr.js';
import { checkTable, type TableInfo } from './tables.js';
import { didYouMean } from './suggest.js';
import { checkExamples } from './examples.js';
import { unify, unitWords } from './units.js';
import { columnUnit } from './lower-expr.js';

export interface CheckOutput {
  /** The lowered plan; present only when the plan has no errors. */
  readonly ir?: IrPlan;
  /** The tables the plan declares, even when other parts have errors (editors use them). */
  readonly tables: readonly TableInfo[];
}

/** Names every plan has (see lower-expr.ts `builtinName`), which declarations may not take. */
const builtInNames = ['payee', 'quarter', 'month', 'half', 'excess', 'active_share', 'active_year_share', 'payout'];

type ValueDecl = Ast.ConstDecl | Ast.LetDecl | Ast.BaseDecl | Ast.RatesDecl;

export function checkPlan(plan: Ast.Plan, source: SourceText): Result<CheckOutput> {
  const bag = new DiagnosticBag(source.file);
  const settings = checkHeader(plan.header, bag);
  const sourceOf = (span: Span): IrSource => {
    const { line, column } = source.lineCol(span.start);
    return { span, line, column, text: firstLine(source.slice(span)) };
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
  // Definitions chained deeper than the later stages can follow (chains.ts): nothing more is checked.
  if (reportDeepChains(plan, bag)) return { value: { tables: [...tables.values()] }, diagnostics: bag.items };

  const payeeColumns = new Map<string, TableInfo[]>();
  for (const t of tables.values()) {
    if (t.schema.kind === 'rows') continue;
    for (const c of t.schema.columns) payeeColumns.set(c.name, [...(payeeColumns.get(c.name) ?? []), t]);
  }

  // Teams: a per-payee table's payee column naming each payee's manager.
  const teams = new Map<string, IrTeam>();
  for (const d of plan.decls) {
    if (d.kind !== 'Team') continue;
    if (teams.has(d.name.name) || tables.has(d.name.name)) {
      bag.error('N002', d.name.span, `\`${d.name.name}\` is already the name of a ${teams.has(d.name.name) ? 'team' : 'table'}`);
      continue;
    }
    const t = tables.get(d.table.name);
    if (!t) {
      bag.error('N004', d.table.span, `unknown table \`${d.table.name}\``, didYouMean(d.table.name, tables.keys()));
      continue;
    }
    const col = t.schema.columns.find((c) => c.name === d.column.name);
    // A dated hierarchy: one row per member and manager, from a date (`on`) until an optional one.
    const until = t.schema.kind === 'rows' ? t.schema.columns.find((c) => c.type === 'date' && c.optional && c.name !== t.schema.dateColumn)?.name : undefined;
    if (t.schema.kind === 'rows' && col && col.name === t.schema.payeeColumn) {
      bag.error('S005', d.column.span, `in a dated hierarchy, \`${col.name}\` names the member; the team needs the column naming their manager`);
      continue;
    }
    if (!col || col.type !== 'payee') {
      bag.error(col ? 'T003' : 'N005', d.column.span, col ? `\`${d.column.name}\` must be a payee column naming each payee's manager` : `table \`${d.table.name}\` has no column \`${d.column.name}\``, didYouMean(d.column.name, t.schema.columns.map((c) => c.name)));
      continue;
    }
    if (d.depth.name !== 'all' && d.depth.name !== 'direct') {
      bag.error('S005', d.depth.span, `a team takes \`all\` (everyone below, at every level) or \`direct\` (direct reports only), not \`${d.depth.name}\``, didYouMean(d.depth.name, ['all', 'direct']));
      continue;
    }
    teams.set(d.name.name, { name: d.name.name, table: d.table.name, column: d.column.name, depth: d.depth.name, ...(until && { until }), source: sourceOf(d.span) });
  }

  // `history from paid.amount`: payouts already made, per payee per period.
  let history: { table: string; column: string } | undefined;
  for (const d of plan.decls) {
    if (d.kind !== 'History') continue;
    const t = tables.get(d.table.name);
    const col = t?.schema.columns.find((c) => c.name === d.column.name);
    if (history) bag.error('S002', d.span, 'a plan says once where its payment history comes from');
    else if (!t || t.schema.kind !== 'payeePeriod') bag.error('S005', d.table.span, `payment history comes from a table \`per payee per period\`; \`${d.table.name}\` is ${t ? 'not one' : 'not declared'}`, didYouMean(d.table.name, tables.keys()));
    else if (!col || col.type !== 'money') bag.error(col ? 'T003' : 'N005', d.column.span, col ? `\`${d.column.name}\` must be a money column: the amount paid` : `table \`${d.table.name}\` has no column \`${d.column.name}\``, didYouMean(d.column.name, t.schema.columns.map((c) => c.name)));
    else if (!settings.yearToDate) bag.error('S005', d.span, 'payment history matters only to a plan that settles `year_to_date`: say so in the header, or remove this line');
    else history = { table: d.table.name, column: d.column.name };
  }

  // `active from roster.joined to roster.left`: the days each payee is on the plan.
  let active: { table: string; from: string; to: string } | undefined;
  for (const d of plan.decls) {
    if (d.kind !== 'Active') continue;
    const t = tables.get(d.table.name);
    const cols = [d.from, d.to].map((c) => t?.schema.columns.find((x) => x.name === c.name));
    if (active) bag.error('S002', d.span, 'a plan says once where the active dates come from');
    else if (d.toTable.name !== d.table.name) bag.error('S005', d.toTable.span, `both dates come from one table: write \`active from ${d.table.name}.${d.from.name} to ${d.table.name}.${d.to.name}\``);
    else if (!t || t.schema.kind !== 'payee') bag.error('S005', d.table.span, `the active dates come from a table \`per payee\`; \`${d.table.name}\` is ${t ? 'not one' : 'not declared'}`, didYouMean(d.table.name, tables.keys()));
    else if (cols.some((c) => !c || c.type !== 'date' || !c.optional)) {
      const bad = [d.from, d.to][cols.findIndex((c) => !c || c.type !== 'date' || !c.optional)]!;
      bag.error('T003', bad.span, `\`${bad.name}\` must be an optional date column of \`${d.table.name}\` (empty when the payee did not join or leave in the year)`);
    } else active = { table: d.table.name, from: d.from.name, to: d.to.name };
  }

  // Plan-level names.
  const symbols = new Map<string, Symbol>();
  const decls = new Map<string, ValueDecl>();
  for (const d of plan.decls) {
    if (d.kind !== 'Const' && d.kind !== 'Let' && d.kind !== 'Base' && d.kind !== 'Rates') continue;
    const name = d.name.name;
    const prior = decls.get(name);
    if (prior) {
      bag.error('N002', d.name.span, `\`${name}\` is defined twice`, { labels: [{ span: prior.name.span, message: 'first defined here' }] });
      continue;
    }
    if (payeeColumns.has(name)) bag.error('N002', d.name.span, `\`${name}\` is already a column of table \`${payeeColumns.get(name)![0]!.schema.name}\``);
    if (tables.has(name)) bag.error('N002', d.name.span, `\`${name}\` is already the name of a table`);
    if (builtInNames.includes(name)) {
      bag.error('N002', d.name.span, `\`${name}\` is a built-in name in every plan; choose another name`);
      continue;
    }
    decls.set(name, d);
    symbols.set(name, d.kind === 'Rates' ? { kind: 'rates', name, keys: d.keys } : { kind: d.kind === 'Const' ? 'const' : d.kind === 'Let' ? 'let' : 'base', name });
  }

  // Definitions are checked on demand, so a reference can learn its unit; `visiting` finds cycles.
  const consts = new Map<string, IrConst>();
  const lets = new Map<string, IrLet>();
  const bases = new Map<string, IrBase>();
  const rates = new Map<string, IrRates>();
  const failed = new Set<string>();
  const definitions: Definitions = (kind, name) => (kind === 'const' ? consts.get(name)?.value : lets.get(name)?.value);
  const visiting: string[] = [];
  let uses: string[] = [];

  const cx: ExprContext = {
    bag,
    tables,
    symbols,
    payeeColumns,
    currency: settings.currency,
    settle: settings.settle,
    ...(active && { active }),
    used: (name) => {
      if (!uses.includes(name)) uses.push(name);
    },
    unitOf: (sym, at) => {
      const done = consts.get(sym.name) ?? lets.get(sym.name) ?? bases.get(sym.name) ?? rates.get(sym.name);
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
    } else if (d.kind === 'Rates') {
      const table = lowerRates(d);
      if (table) {
        rates.set(name, table);
        unit = table.unit;
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
      bag.error('N004', table.span, `unknown table or team \`${table.name}\``, didYouMean(table.name, [...tables.keys(), ...teams.keys()]));
      return undefined;
    }
    return { level: 'payee', row: { table: t, ...(variable !== undefined && { variable }) } };
  }

  function lowerBase(d: Ast.BaseDecl): IrBase | undefined {
    const agg = d.value;
    const team = teams.get(agg.table.name);
    // Over a team, the value is each member's own (a per-payee expression); over a table, each row's.
    const scope = team ? ({ level: 'payee' } as Scope) : rowScope(agg.table);
    if (!scope) return undefined;
    if (!team && tables.get(agg.table.name)?.schema.kind !== 'rows') {
      bag.error('S005', agg.table.span, `\`${agg.table.name}\` has one row per payee; aggregate a transaction table or a team, or use its columns directly`);
      return undefined;
    }
    const where = agg.where && condition(agg.where, scope, cx);
    if (agg.where && !where) return undefined;
    const over: IrBase['over'] = team ? { kind: 'team', team: team.name } : { kind: 'table', table: agg.table.name };
    const common = { name: d.name.name, over, ...(where && { where }), source: sourceOf(d.span) };
    if (agg.kind === 'Count') return { ...common, unit: 'count', aggregate: 'count' };
    const value = lowerExpr(agg.value, scope, cx);
    if (!value) return undefined;
    if (!['money', 'count', 'decimal', 'number'].includes(value.unit)) {
      bag.error('T003', agg.value.span, `a base sums money, counts or numbers, but this is ${unitWords(value.unit)}`);
      return undefined;
    }
    return { ...common, unit: value.unit === 'number' ? 'decimal' : value.unit, aggregate: 'sum', value };
  }

  /** A rate table: constant entries of one unit, one key per key column, and a fallback. */
  function lowerRates(d: Ast.RatesDecl): IrRates | undefined {
    const entries: { keys: string[]; value: IrExpr }[] = [];
    const seen = new Map<string, Ast.RateEntry>();
    let unit: Unit | undefined;
    let ok = true;
    const value = (e: Ast.Expr): IrExpr | undefined => {
      const v = lowerExpr(e, { level: 'const' }, cx);
      if (!v) return undefined;
      if (v.unit !== 'ratio' && v.unit !== 'money' && v.unit !== 'number') {
        bag.error('T003', e.span, `a rate table holds rates or amounts of money, but this is ${unitWords(v.unit)}`);
        return undefined;
      }
      const u: Unit | undefined = unit ? unify(unit, v.unit) : v.unit;
      if (!u) {
        bag.error('T004', e.span, `every entry of \`${d.name.name}\` must have one unit; this is ${unitWords(v.unit)}, earlier ones are ${unitWords(unit!)}`);
        return undefined;
      }
      unit = u;
      return v;
    };
    for (const entry of d.entries) {
      if (entry.keys.length !== d.keys.length) {
        bag.error('S010', entry.span, `\`${d.name.name}\` is keyed by ${d.keys.map((k) => k.name).join(', ')}: each entry needs ${d.keys.length} key${d.keys.length === 1 ? '' : 's'}, this one has ${entry.keys.length}`);
        ok = false;
        continue;
      }
      const keys = entry.keys.map(rateKeyText);
      const id = keys.join('\u0000');
      const prior = seen.get(id);
      if (prior) {
        bag.error('N002', entry.span, `this entry repeats the keys of an earlier one`, { labels: [{ span: prior.span, message: 'first here' }] });
        ok = false;
        continue;
      }
      seen.set(id, entry);
      const v = value(entry.value);
      if (v) entries.push({ keys, value: v });
      else ok = false;
    }
    const fallback = d.fallback && value(d.fallback);
    if (d.split) {
      // A split divides a whole: its parts are percentages that add up to exactly 100%.
      if (d.fallback) bag.error('S015', d.fallback.span, 'a split lists every part of the whole; it has no `else`');
      const parts = entries.map((e) => e.value);
      if (ok && parts.every((v) => v.kind === 'num' && v.unit === 'ratio')) {
        const total = parts.reduce((sum, v) => sum.plus(v.kind === 'num' ? v.value : 0), new Dec(0));
        if (!total.eq(1)) bag.error('S015', d.name.span, `the parts of \`${d.name.name}\` add up to ${total.mul(100).toFixed()}%, not 100%`, { hint: 'a split divides a whole: its shares must add up to exactly 100%' });
      } else if (ok) {
        bag.error('S015', d.name.span, `the parts of a split are written as percentages, such as \`"north"  50%\``);
      }
      if (!ok || !unit) return undefined;
      return { name: d.name.name, split: true, unit, keys: d.keys.map((k) => k.name), entries, source: sourceOf(d.span) };
    }
    if (!d.fallback) {
      bag.error('S010', d.name.span, `rate table \`${d.name.name}\` has no \`else\` line: a ${d.keys.map((k) => k.name).join('/')} it does not list would have no rate`, {
        hint: 'add a last line such as `else 5%` (or `else 0%` to pay nothing)',
      });
      ok = false;
    }
    if (!ok || !unit || (d.fallback && !fallback)) return undefined;
    return { name: d.name.name, split: false, unit: unit === 'number' ? 'money' : unit, keys: d.keys.map((k) => k.name), entries, ...(fallback && { fallback }), source: sourceOf(d.span) };
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
            // Requirements decide which rows the bases sum, so they cannot read a base.
            const base = cond && references(cond).find((n) => bases.has(n));
            if (base) {
              bag.error('S005', rule.condition.span, `a requirement is checked on each row before bases are summed, so it cannot use the base \`${base}\``);
              continue;
            }
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
      case 'StepBonus': {
        const name = d.name?.name ?? 'step_bonus';
        claimName(name, d.name?.span ?? d.keyword, !d.name);
        const c = lowerStepBonus(d, name);
        if (c) components.push(c);
        break;
      }
      case 'Salary': {
        const name = d.name?.name ?? 'salary';
        claimName(name, d.name?.span ?? d.keyword, !d.name);
        const c = lowerSalary(d, name);
        if (c) components.push(c);
        break;
      }
      case 'Rates':
        if (!rates.has(d.name.name) && !failed.has(d.name.name)) defineValue(d);
        break;
      case 'Pool': {
        claimName(d.name.name, d.name.span, false);
        const team = teams.get(d.team.name);
        if (!team) {
          bag.error('N004', d.team.span, `unknown team \`${d.team.name}\``, didYouMean(d.team.name, teams.keys()));
          break;
        }
        const poolAmount = amount(d.amount, { level: 'payee' });
        // The explanation lists the member's own values (the weight); the pool is the leader's.
        uses = [];
        const weight = lowerExpr(d.weight, { level: 'payee' }, cx);
        if (weight && weight.unit !== 'count' && weight.unit !== 'decimal' && weight.unit !== 'ratio' && weight.unit !== 'number' && weight.unit !== 'money') {
          bag.error('T003', d.weight.span, `a member's weight is a number, a percentage or an amount, but this is ${unitWords(weight.unit)}`);
          break;
        }
        if (poolAmount && weight) components.push({ kind: 'pool', name: d.name.name, amount: poolAmount, team: team.name, weight, uses: [...uses], source: sourceOf(d.span) });
        break;
      }
      case 'Cap':
      case 'Ladder':
      case 'Table':
      case 'Credit':
      case 'Team':
      case 'Clawback':
      case 'Draw':
      case 'Example':
      case 'Active':
      case 'History':
        break;
    }
  }

  // Limits and ladders come after every component is known.
  const limits: IrLimit[] = [];
  const ladders: IrLadder[] = [];
  const credits: IrCredit[] = [];
  const clawbacks: IrClawback[] = [];
  let draw: IrDraw | undefined;
  for (const d of plan.decls) {
    uses = [];
    if (d.kind === 'Credit') {
      const c = lowerCredit(d);
      if (c) {
        const prior = credits.find((x) => x.table === c.table);
        if (prior) bag.error('N002', d.table.span, `table \`${c.table}\` already has credit rules`, { labels: [{ span: prior.source.span, message: 'first here' }] });
        else credits.push(c);
      }
    } else if (d.kind === 'Clawback') {
      const t = tables.get(d.table.name);
      const col = t?.schema.columns.find((c) => c.name === d.column.name);
      if (!t || t.schema.kind !== 'rows') bag.error('N004', d.table.span, `clawbacks apply to a transaction table; \`${d.table.name}\` is not one`, didYouMean(d.table.name, tables.keys()));
      else if (!col) bag.error('N005', d.column.span, `table \`${d.table.name}\` has no column \`${d.column.name}\``, didYouMean(d.column.name, t.schema.columns.map((c) => c.name)));
      else if (col.type !== 'date' || !col.optional) bag.error('T003', d.column.span, `\`${d.column.name}\` must be an optional date column: the day a row was cancelled, empty when it was not`);
      else if (!/^\d+$/.test(d.days.text)) bag.error('T003', d.days.span, 'the clawback window is a whole number of days');
      else clawbacks.push({ table: d.table.name, rowName: d.row.name, column: d.column.name, days: Number(d.days.text), source: sourceOf(d.span) });
    } else if (d.kind === 'Draw') {
      const name = d.name?.name ?? 'draw';
      claimName(name, d.name?.span ?? d.keyword, !d.name);
      const value = amount(d.amount, { level: 'payee' });
      if (draw) bag.error('S013', d.keyword, 'a plan has at most one draw');
      else if (value) draw = { name, amount: value, mode: d.mode.value, source: sourceOf(d.span) };
    } else if (d.kind === 'Cap') {
      const target = d.target.name;
      if (target !== 'payout' && !componentNames.has(target)) {
        bag.error('S013', d.target.span, `there is no line \`${target}\` to ${d.bound}; write the name of a commission, bonus or rule, or \`payout\``, {
          ...didYouMean(target, [...componentNames.keys(), 'payout']),
        });
        continue;
      }
      const value = amount(d.value, { level: 'payee' });
      if (value) limits.push({ bound: d.bound, target, value, uses: [...uses], source: sourceOf(d.span) });
    } else if (d.kind === 'Ladder') {
      const items = d.items.map((i) => lowerExpr(i, { level: 'payee' }, cx));
      if (items.some((i) => !i)) continue;
      const ok = items as IrExpr[];
      const u = ok.reduce<Unit | undefined>((acc, i) => (acc ? unify(acc, i.unit) : undefined), ok[0]!.unit);
      if (!u) {
        bag.error('T004', d.span, 'a ladder compares values of one unit, such as prices or targets', { labels: ok.map((i) => ({ span: i.span, message: unitWords(i.unit) })) });
        continue;
      }
      ok.forEach((item, i) => {
        const next = ok[i + 1];
        if (next) orderCheck(item, next, d.ops[i]!, next.span, 'ladder');
      });
      ladders.push({ items: ok, texts: d.items.map((i) => source.slice(i.span)), ops: d.ops, source: sourceOf(d.span) });
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
      if (lower && upper) orderCheck(lower, upper, '<', upper.span, 'band');
      const band = lowerBand(b.pay, lower, upper, base.unit, sourceOf(b.span));
      if (band) bands.push(band);
    }
    if (bands.length !== d.bands.length || !d.mode) return undefined;
    return { kind: 'commission', name, base, baseName: source.slice(d.on.span), mode: d.mode.value, bands, uses: [...uses], source: source_ };
  }

  /** Credit rules: shares of each row to payee columns; constant shares must come to 100%. */
  function lowerCredit(d: Ast.CreditDecl): IrCredit | undefined {
    const t = tables.get(d.table.name);
    if (!t || t.schema.kind !== 'rows') {
      bag.error('N004', d.table.span, t ? `credit applies to a transaction table; \`${d.table.name}\` has one row per payee` : `unknown table \`${d.table.name}\``, didYouMean(d.table.name, tables.keys()));
      return undefined;
    }
    // Credit is decided per row, before any payee is known: rules see the row and constants only.
    const scope: Scope = { level: 'const', row: { table: t } };
    const rules: IrCredit['rules'][number][] = [];
    let constantTotal = new Dec(0);
    let allConstant = true;
    let rests = 0;
    for (const r of d.rules) {
      const col = t.schema.columns.find((c) => c.name === r.to.name);
      if (!col || col.type !== 'payee') {
        bag.error(col ? 'T003' : 'N005', r.to.span, col ? `credit goes to a payee column; \`${r.to.name}\` is ${col.type}` : `table \`${t.schema.name}\` has no column \`${r.to.name}\``, didYouMean(r.to.name, t.schema.columns.filter((c) => c.type === 'payee').map((c) => c.name)));
        continue;
      }
      const when = r.when && condition(r.when, scope, cx);
      if (r.when && !when) continue;
      if (col.optional && !r.when) bag.error('S014', r.to.span, `\`${r.to.name}\` is optional, so this rule needs a condition such as \`when ${r.to.name} is set\``);
      if (r.rest) {
        rests++;
        rules.push({ to: col.name, rest: true, ...(when && { when }), source: sourceOf(r.span) });
        continue;
      }
      const share = lowerExpr(r.share!, scope, cx);
      if (!share) continue;
      if (share.unit !== 'ratio') {
        bag.error('T005', r.share!.span, `a credit share is a percentage such as 10%, but this is ${unitWords(share.unit)}`);
        continue;
      }
      if (share.kind === 'num' && !r.when) constantTotal = constantTotal.plus(share.value);
      else allConstant = false;
      rules.push({ to: col.name, rest: false, share, ...(when && { when }), source: sourceOf(r.span) });
    }
    if (rests > 1) bag.error('S014', d.span, 'only one credit rule can take the `rest`');
    if (rests === 0 && d.rules.some((r) => r.when)) {
      bag.error('S014', d.table.span, 'with a share that applies only sometimes (`when`), the shares cannot add up to 100% on every row', { hint: 'give the last rule `rest` to credit whatever is left' });
    }
    if (rests === 0 && allConstant && !constantTotal.eq(1)) {
      bag.error('S014', d.table.span, `the credit shares add up to ${constantTotal.mul(100).toFixed()}%, not 100%`, { hint: 'give the last rule `rest` to credit whatever is left' });
    }
    if (constantTotal.gt(1)) bag.error('S014', d.table.span, `the credit shares add up to ${constantTotal.mul(100).toFixed()}%, more than 100%`);
    return { table: t.schema.name, rules, source: sourceOf(d.span) };
  }

  function lowerStepBonus(d: Ast.StepBonusDecl, name: string): IrComponent | undefined {
    const on = lowerExpr(d.on, { level: 'payee' }, cx);
    if (!on) return undefined;
    if (on.unit !== 'money' && on.unit !== 'ratio' && on.unit !== 'count') {
      bag.error('T003', d.on.span, `a step bonus is measured on money, attainment or a count, but this is ${unitWords(on.unit)}`);
      return undefined;
    }
    if (!d.mode) {
      bag.error('S012', d.on.span, 'say whether only the highest step reached pays (`highest`) or every step passed pays (`every`)', {
        hint: `write \`step bonus on ${source.slice(d.on.span)} highest\` or \`… every\``,
      });
    }
    if (!d.steps.length) bag.error('S012', d.span, 'a step bonus needs steps below its header, such as `at T pay 3,000`');
    const steps = d.steps.map((st) => {
      const at = bound(st.at, on.unit);
      const pay = amount(st.pay, { level: 'payee' });
      return at && pay ? { at, pay, source: sourceOf(st.span) } : undefined;
    });
    steps.forEach((st, i) => {
      const prev = steps[i - 1];
      if (st && prev) orderCheck(prev.at, st.at, '<', st.at.span, 'step');
    });
    if (!d.mode || !d.steps.length || steps.some((st) => !st)) return undefined;
    return { kind: 'step_bonus', name, on, onName: source.slice(d.on.span), mode: d.mode.value, steps: steps as NonNullable<(typeof steps)[number]>[], uses: [...uses], source: sourceOf({ start: d.span.start, end: d.steps[0]?.span.start ?? d.span.end }) };
  }

  function lowerSalary(d: Ast.SalaryDecl, name: string): IrComponent | undefined {
    const amountExpr = amount(d.amount, { level: 'payee' });
    const measure = lowerExpr(d.with, { level: 'payee' }, cx);
    if (!amountExpr || !measure) return undefined;
    if (measure.unit !== 'ratio' && measure.unit !== 'money' && measure.unit !== 'count' && measure.unit !== 'decimal') {
      bag.error('T003', d.with.span, `a salary floats with a measure such as attainment, but this is ${unitWords(measure.unit)}`);
      return undefined;
    }
    const bands = d.bands.map((b) => {
      const lower = b.range.kind === 'Below' ? undefined : bound(b.range.lower, measure.unit);
      const upper = b.range.kind === 'From' ? undefined : bound(b.range.upper, measure.unit);
      const by = lowerExpr(b.by, { level: 'payee' }, cx);
      if (by && by.unit !== 'ratio') {
        bag.error('T005', b.by.span, `a salary moves by a percentage such as -10% or +10%, but this is ${unitWords(by.unit)}`);
        return undefined;
      }
      if ((b.range.kind !== 'Below' && !lower) || (b.range.kind !== 'From' && !upper) || !by) return undefined;
      if (lower && upper) orderCheck(lower, upper, '<', upper.span, 'band');
      return { ...(lower && { lower }), ...(upper && { upper }), by, source: sourceOf(b.span) };
    });
    // Bands may leave gaps (the salary is unchanged there) but must rise without overlapping.
    bands.forEach((b, i) => {
      const prev = bands[i - 1];
      const prevTop = prev?.upper ?? prev?.lower;
      const start = b?.lower ?? b?.upper;
      if (b && prev && prevTop && start) orderCheck(prevTop, start, '<=', start.span, 'band');
    });
    if (bands.some((b) => !b)) return undefined;
    return {
      kind: 'salary',
      name,
      amount: amountExpr,
      measure,
      measureName: source.slice(d.with.span),
      bands: bands as NonNullable<(typeof bands)[number]>[],
      uses: [...uses],
      source: sourceOf({ start: d.span.start, end: d.bands[0]?.span.start ?? d.span.end }),
    };
  }

  /** Reports `a op b` when it can never hold, whatever the inputs. */
  function orderCheck(a: IrExpr, b: IrExpr, op: '<' | '<=', at: Span, what: 'band' | 'step' | 'ladder'): void {
    if (!neverInOrder(a, b, op, definitions)) return;
    const [ta, tb] = [source.slice(a.span), source.slice(b.span)];
    const message =
      what === 'ladder'
        ? `\`${ta} ${op} ${tb}\` can never hold: \`${tb}\` is never ${op === '<' ? 'above' : 'at or above'} \`${ta}\``
        : what === 'step'
          ? `steps must rise, but \`${tb}\` is never above the step before it, \`${ta}\``
          : `this band would run backwards: \`${tb}\` is never above \`${ta}\``;
    bag.error('S011', at, message, { labels: [{ span: a.span, message: ta }], notes: ['values from tables are taken to be zero or more, or within the range their column declares'] });
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
    if (p.kind === 'num' && p.unit === 'number' && new Dec(p.value).abs().lt(1) && !new Dec(p.value).isZero()) {
      bag.warning('S016', pay.span, `this band pays ${p.value} in money, not a rate`, { hint: `for a rate, write ${new Dec(p.value).mul(100).toFixed()}%` });
    }
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

  const examples = plan.decls.filter((d): d is Ast.ExampleDecl => d.kind === 'Example');
  bag.items.push(...checkExamples(examples, [...tables.values()].map((t) => t.schema), [...componentNames.keys()], source.file));
  const settleItem = plan.header?.items.find((i) => i.kind === 'Settle');
  const diagnostics: Diagnostic[] = bag.items;
  const tableList = [...tables.values()];
  if (bag.hasErrors) return { value: { tables: tableList }, diagnostics };
  const ir: IrPlan = {
    file: source.file,
    name: settings.name,
    currency: settings.currency,
    settle: settings.settle,
    ...(active && { active }),
    yearToDate: settings.yearToDate,
    ...(settleItem && { settleSource: sourceOf(settleItem.span) }),
    rounding: settings.rounding,
    ...(settings.year !== undefined && { year: settings.year }),
    ...(settings.effective && { effective: settings.effective }),
    tables: tableList.map((t) => t.schema),
    consts: orderByDeclaration(plan, consts),
    lets: orderByDeclaration(plan, lets),
    bases: orderByDeclaration(plan, bases),
    requirements,
    components,
    rates: orderByDeclaration(plan, rates),
    limits,
    ladders,
    credits,
    teams: [...teams.values()],
    clawbacks,
    ...(draw && { draw }),
    ...(history && { history }),
    shown,
  };
  return { value: { ir, tables: tableList }, diagnostics };
}

/** The first line of a text, without its comment, its spaces collapsed. */
function firstLine(text: string): string {
  const end = text.indexOf('\n');
  const line = end < 0 ? text : text.slice(0, end);
  // Most lines have no comment; the pattern is only worth trying on those that might.
  return (line.includes('#') ? line.replace(/\s*#.*$/, '') : line).replace(/\s+/g, ' ').trim();
}

function orderByDeclaration<T extends { name: string }>(plan: Ast.Plan, m: ReadonlyMap<string, T>): T[] {
  const out: T[] = [];
  for (const d of plan.decls) if ((d.kind === 'Const' || d.kind === 'Let' || d.kind === 'Base' || d.kind === 'Rates') && m.has(d.name.name)) out.push(m.get(d.name.name)!);
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
  return collectReferences(e, []);
}

/** `references`, added to one list rather than joined from a list per node. */
function collectReferences(e: IrExpr, out: string[]): string[] {
  switch (e.kind) {
    case 'const':
    case 'let':
    case 'base':
      out.push(e.name);
      break;
    case 'neg':
    case 'not':
    case 'isSet':
      collectReferences(e.operand, out);
      break;
    case 'arith':
    case 'cmp':
    case 'logic':
      collectReferences(e.left, out);
      collectReferences(e.right, out);
      break;
    case 'call':
      for (const a of e.args) collectReferences(a, out);
      break;
    case 'lookup':
      out.push(e.rates);
      for (const k of e.keys) collectReferences(k, out);
      break;
  }
  return out;
}

/** A rate table key as canonical text: the same text the runtime makes of a row's value. */
function rateKeyText(k: Ast.RateKey): string {
  switch (k.kind) {
    case 'StringLit':
      return k.value;
    case 'NumberLit':
      return new Dec(k.text.replace(/,/g, '')).toFixed();
    case 'BoolLit':
      return k.value ? 'true' : 'false';
  }
}
