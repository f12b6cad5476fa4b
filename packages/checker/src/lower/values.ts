/**
 * Plan-level values: `const`, `let`, `base` and rate tables. Their names are declared first (one
 * name, one value; not a column's, a table's or a built-in name), then each definition is checked
 * on demand, the first time a reference asks for its unit, so a rule may use a value declared after
 * it; a value reached again while it is being checked is a cycle (S008).
 */
import type { DiagnosticBag, SourceText, Span } from '@payplan/diagnostics';
import { Dec, type RoundingMode } from '@payplan/runtime';
import type { Ast } from '@payplan/syntax';
import type { Settings } from '../header.js';
import type { IrExpr, IrGroup, IrTeam, Unit } from '../ir.js';
import { didYouMean } from '../suggest.js';
import { numeric, unitWords } from '../units.js';
import { lowerExpr, type ExprContext, type Scope, type Symbol } from '../lower-expr.js';
import type { TableInfo } from '../tables.js';
import { lowerBase } from './bases.js';
import { sourceOf, symbolOf, type ActiveDates, type Lowering, type ValueDecl } from './context.js';
import { lowerRates } from './rates.js';

/** Names every plan has (see lower-expr.ts `builtinName`), which declarations may not take. */
const builtInNames = ['payee', 'quarter', 'month', 'half', 'excess', 'active_share', 'active_year_share', 'payout', 'period_start', 'period_end'];

/** The declared values by name; a name taken twice, or taken from a column, table or built-in, is reported. */
export function declareValues(plan: Ast.Plan, tables: ReadonlyMap<string, TableInfo>, payeeColumns: ReadonlyMap<string, readonly TableInfo[]>, bag: DiagnosticBag): Map<string, ValueDecl> {
  const decls = new Map<string, ValueDecl>();
  for (const d of plan.decls) {
    if (d.kind !== 'Const' && d.kind !== 'Let' && d.kind !== 'Base' && d.kind !== 'Rates' && d.kind !== 'Report') continue;
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
  }
  return decls;
}

/**
 * The statement lines rules produce, by name, so that any expression may read one (lines are
 * values once defined; evaluation follows dependencies, not plan order). Duplicates are S006 later.
 */
export function declareLines(plan: Ast.Plan): Map<string, Span> {
  const lines = new Map<string, Span>();
  const add = (name: string, span: Span) => lines.has(name) || lines.set(name, span);
  for (const d of plan.decls) {
    if (d.kind === 'Commission') add(d.name?.name ?? 'commission', d.name?.span ?? d.keyword);
    else if (d.kind === 'Bonus') add(d.name?.name ?? 'bonus', d.name?.span ?? d.keyword);
    else if (d.kind === 'StepBonus') add(d.name?.name ?? 'step_bonus', d.name?.span ?? d.keyword);
    else if (d.kind === 'Salary') add(d.name?.name ?? 'salary', d.name?.span ?? d.keyword);
    else if (d.kind === 'Pool') add(d.name.name, d.name.span);
    else if (d.kind === 'ForEach') for (const r of d.rules) if (r.kind === 'PayRule') add(r.name.name, r.name.span);
  }
  return lines;
}

export interface LoweringStart {
  readonly bag: DiagnosticBag;
  readonly source: SourceText;
  readonly settings: Settings;
  readonly tables: ReadonlyMap<string, TableInfo>;
  readonly payeeColumns: ReadonlyMap<string, readonly TableInfo[]>;
  readonly teams: ReadonlyMap<string, IrTeam>;
  readonly groups: ReadonlyMap<string, IrGroup>;
  readonly active?: ActiveDates;
  readonly decls: ReadonlyMap<string, ValueDecl>;
  readonly lines: ReadonlyMap<string, Span>;
  readonly afterForEach?: ExprContext['afterForEach'];
  readonly valueHistories?: ReadonlyMap<string, { readonly table: string; readonly column: string }>;
}

/** The shared state of one plan's lowering, with an expression context whose names check on demand. */
export function startLowering(start: LoweringStart): Lowering {
  const symbols = new Map<string, Symbol>([...start.decls].map(([name, d]) => [name, symbolOf(d)]));
  // `lw` is complete before any expression is lowered, which is when `cx` first reads it.
  let lw!: Lowering;
  const cx: ExprContext = {
    bag: start.bag,
    tables: start.tables,
    symbols,
    payeeColumns: start.payeeColumns,
    lines: start.lines,
    currency: start.settings.currency,
    settle: start.settings.settle,
    ...(start.settings.calendar && { calendar: start.settings.calendar }),
    ...(start.active && { active: start.active }),
    ...(start.afterForEach && { afterForEach: start.afterForEach }),
    ...(start.valueHistories && { valueHistories: start.valueHistories }),
    used: (name) => {
      if (!lw.uses.includes(name)) lw.uses.push(name);
    },
    unitOf: (sym, at) => unitOf(lw, sym, at),
  };
  const consts: Lowering['consts'] = new Map();
  const lets: Lowering['lets'] = new Map();
  lw = {
    bag: start.bag,
    source: start.source,
    tables: start.tables,
    teams: start.teams,
    groups: start.groups,
    decls: start.decls,
    consts,
    lets,
    bases: new Map(),
    rates: new Map(),
    failed: new Set(),
    visiting: [],
    definitions: (kind, name) => (kind === 'const' ? consts.get(name)?.value : lets.get(name)?.value),
    componentNames: new Map(),
    uses: [],
    cx,
  };
  return lw;
}

/** The unit of a referenced value, checking its definition first if it has not been yet. */
function unitOf(lw: Lowering, sym: Symbol, at: Ast.Ident): Unit | undefined {
  const done = lw.consts.get(sym.name) ?? lw.lets.get(sym.name) ?? lw.bases.get(sym.name) ?? lw.rates.get(sym.name);
  if (done) return done.unit;
  if (lw.failed.has(sym.name)) return undefined;
  if (lw.visiting.includes(sym.name)) {
    const cycle = [...lw.visiting.slice(lw.visiting.indexOf(sym.name)), sym.name];
    lw.bag.error('S008', at.span, `\`${sym.name}\` is defined in terms of itself: ${cycle.join(' → ')}`);
    lw.failed.add(sym.name);
    return undefined;
  }
  const d = lw.decls.get(sym.name);
  return d ? defineValue(lw, d) : undefined;
}

/** Checks a value's definition unless a reference already has (or it failed). */
export function defineIfNew(lw: Lowering, d: ValueDecl): void {
  const name = d.name.name;
  if (lw.failed.has(name)) return;
  if (d.kind === 'Rates' ? lw.rates.has(name) : lw.consts.has(name) || lw.lets.has(name) || lw.bases.has(name)) return;
  defineValue(lw, d);
}

/** Checks a definition once, in a fresh `uses` list, and records its lowered form. */
function defineValue(lw: Lowering, d: ValueDecl): Unit | undefined {
  const name = d.name.name;
  lw.visiting.push(name);
  const outerUses = lw.uses;
  lw.uses = [];
  const unit = lowerValue(lw, d);
  lw.uses = outerUses;
  lw.visiting.pop();
  if (!unit) lw.failed.add(name);
  return unit;
}

function lowerValue(lw: Lowering, d: ValueDecl): Unit | undefined {
  const name = d.name.name;
  if (d.kind === 'Base') {
    const base = lowerBase(lw, d);
    if (base) lw.bases.set(name, base);
    return base?.unit;
  }
  if (d.kind === 'Rates') {
    const table = lowerRates(lw, d);
    if (table) lw.rates.set(name, table);
    return table?.unit;
  }
  const scope: Scope = { level: d.kind === 'Const' ? 'const' : 'payee' };
  const value = lowerExpr(d.value, scope, lw.cx);
  if (!value) return undefined;
  if (d.kind === 'Const') lw.consts.set(name, { name, unit: value.unit, value, source: sourceOf(lw.source, d.span) });
  else if (d.kind === 'Report') return reportValue(lw, d, value);
  else lw.lets.set(name, { name, unit: value.unit, value, source: sourceOf(lw.source, d.span) });
  return value.unit;
}

const roundingModes: readonly string[] = ['half_up', 'half_even', 'down', 'up'];

/** `report NAME = EXPR [round MODE to STEP]`: a derived value, shown as reported; a number, rounded when it says so. */
function reportValue(lw: Lowering, d: Ast.ReportDecl, value: IrExpr): Unit | undefined {
  const name = d.name.name;
  if (!numeric.has(value.unit)) {
    lw.bag.error('T003', d.value.span, `a report shows a number (money, a percentage, a count), but this is ${unitWords(value.unit)}`);
    return undefined;
  }
  let round: { mode: RoundingMode; step: string } | undefined;
  if (d.round) {
    const step = d.round.step.text.replace(/,/g, '');
    if (!roundingModes.includes(d.round.mode.name)) {
      lw.bag.error('S007', d.round.mode.span, `unknown rounding mode \`${d.round.mode.name}\`; use half_up, half_even, down or up`, didYouMean(d.round.mode.name, roundingModes));
      return undefined;
    }
    if (new Dec(step).lte(0)) {
      lw.bag.error('S007', d.round.step.span, 'the rounding step must be greater than zero, such as 0.01 or 0.0001');
      return undefined;
    }
    round = { mode: d.round.mode.name as RoundingMode, step };
  }
  lw.lets.set(name, { name, unit: value.unit, value, source: sourceOf(lw.source, d.span), reported: { ...(round && { round }), uses: [...lw.uses] } });
  return value.unit;
}
