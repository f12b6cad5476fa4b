/**
 * The checker's entry: AST → IR. Builds the plan's symbol table, checks every declaration (names,
 * units, tier structure, duplicate names, cycles) and lowers it. Returns the IR only when there are
 * no errors, so back ends never see a plan the checker rejected; diagnostics come back as data.
 *
 * Each declaration family has its own module under `lower/`; this file only runs them in order:
 * the header, tables, teams and the across-period sources first (everything else reads them), then
 * the plan's values and rules in plan order, then what needs every statement line to be known
 * (caps, ladders, credit, clawbacks, the draw), and last the plan's examples.
 */
import { DiagnosticBag, type Result, type SourceText } from '@payplan/diagnostics';
import type { Ast } from '@payplan/syntax';
import { reportDeepChains } from './chains.js';
import { checkExamples } from './examples.js';
import { checkHeader } from './header.js';
import type { IrClawback, IrComponent, IrCredit, IrDraw, IrLadder, IrLimit, IrPlan, IrReport, IrRequirement } from './ir.js';
import { orderByDeclaration, shownValues } from './lower/assemble.js';
import { lowerBonus, lowerSalary, lowerStepBonus } from './lower/bonuses.js';
import { lowerCommission } from './lower/commission.js';
import { claimName, sourceOf, type Lowering } from './lower/context.js';
import { lowerCredit } from './lower/credit.js';
import { lowerCap, lowerLadder } from './lower/limits.js';
import { lowerForEach } from './lower/rows.js';
import { declareTables, payeeColumnsOf } from './lower/tables.js';
import { afterForEachCheck } from './lower/after-for-each.js';
import { declareGroups, lowerAllocate, lowerContest } from './lower/groups.js';
import { declareTeams, lowerPool } from './lower/teams.js';
import { ownPeriods } from './lower/own-periods.js';
import { declareValueHistories } from './lower-previous.js';
import { declareActive, declareHistory, lowerClawback, lowerDraw } from './lower/time.js';
import { reportLineCycles } from './lower/line-cycles.js';
import { declareLines, declareValues, defineIfNew, startLowering } from './lower/values.js';
import type { TableInfo } from './tables.js';

export interface CheckOutput {
  /** The lowered plan; present only when the plan has no errors. */
  readonly ir?: IrPlan;
  /** The tables the plan declares, even when other parts have errors (editors use them). */
  readonly tables: readonly TableInfo[];
}

export function checkPlan(plan: Ast.Plan, source: SourceText): Result<CheckOutput> {
  const bag = new DiagnosticBag(source.file);
  const settings = checkHeader(plan.header, bag);
  // Tables first: their columns are names everything else can use.
  const tables = declareTables(plan, bag);
  // Definitions chained deeper than the later stages can follow (chains.ts): nothing more is checked.
  if (reportDeepChains(plan, bag)) return { value: { tables: [...tables.values()] }, diagnostics: bag.items };
  const payeeColumns = payeeColumnsOf(tables);
  const teams = declareTeams(plan, tables, bag, source);
  const groups = declareGroups(plan, tables, teams, bag, source);
  const history = declareHistory(plan, tables, settings, bag, source);
  const valueHistories = declareValueHistories(plan, tables, bag);
  const active = declareActive(plan, tables, bag);
  const decls = declareValues(plan, tables, payeeColumns, bag);
  const afterForEach = afterForEachCheck(plan, tables, bag);
  const lw = startLowering({ bag, source, settings, tables, payeeColumns, teams, groups, ...(active && { active }), decls, lines: declareLines(plan), afterForEach, valueHistories });

  const rules = lowerRules(lw, plan);
  const componentPeriods = ownPeriods(plan, settings, bag);
  const after = lowerAfterRules(lw, plan);
  reportLineCycles(lw, rules.components, after.limits);
  const shown = shownValues(lw, plan);
  const examples = plan.decls.filter((d): d is Ast.ExampleDecl => d.kind === 'Example');
  bag.items.push(...checkExamples(examples, [...tables.values()].map((t) => t.schema), [...lw.componentNames.keys()], source.file));

  const tableList = [...tables.values()];
  if (bag.hasErrors) return { value: { tables: tableList }, diagnostics: bag.items };
  const settleItem = plan.header?.items.find((i) => i.kind === 'Settle');
  const ir: IrPlan = {
    file: source.file,
    name: settings.name,
    currency: settings.currency,
    settle: settings.settle,
    ...(settings.calendar && { calendar: settings.calendar }),
    ...(active && { active }),
    yearToDate: settings.yearToDate,
    ...(settleItem && { settleSource: sourceOf(source, settleItem.span) }),
    rounding: settings.rounding,
    ...(settings.year !== undefined && { year: settings.year }),
    ...(settings.effective && { effective: settings.effective }),
    tables: tableList.map((t) => t.schema),
    tableSpans: new Map(tableList.map((t) => [t.schema.name, t.decl.name.span])),
    consts: orderByDeclaration(plan, lw.consts),
    lets: orderByDeclaration(plan, lw.lets),
    bases: orderByDeclaration(plan, lw.bases),
    requirements: rules.requirements,
    components: rules.components,
    rates: orderByDeclaration(plan, lw.rates),
    limits: after.limits,
    ladders: after.ladders,
    credits: after.credits,
    teams: [...teams.values()],
    groups: [...groups.values()],
    clawbacks: after.clawbacks,
    ...(after.draw && { draw: after.draw }),
    ...(history && { history }),
    ...(componentPeriods && { componentPeriods }),
    valueHistories: [...valueHistories.values()],
    shown,
    reports: reportsOf(plan, rules.components, lw),
  };
  return { value: { ir, tables: tableList }, diagnostics: bag.items };
}

/** Values, rules and requirements in plan order: each rule starts a fresh list of the values it reads. */
function lowerRules(lw: Lowering, plan: Ast.Plan): { components: IrComponent[]; requirements: IrRequirement[] } {
  const out = { components: [] as IrComponent[], requirements: [] as IrRequirement[] };
  const add = (c: IrComponent | undefined) => c && out.components.push(c);
  for (const d of plan.decls) {
    lw.uses = [];
    switch (d.kind) {
      case 'Const':
      case 'Let':
      case 'Base':
      case 'Rates':
        defineIfNew(lw, d);
        break;
      case 'Report':
        claimName(lw, d.name.name, d.name.span, false);
        defineIfNew(lw, d);
        break;
      case 'Commission':
        add(lowerCommission(lw, d));
        break;
      case 'Bonus':
        add(lowerBonus(lw, d));
        break;
      case 'ForEach':
        lowerForEach(lw, d, out);
        break;
      case 'StepBonus':
        add(lowerStepBonus(lw, d));
        break;
      case 'Salary':
        add(lowerSalary(lw, d));
        break;
      case 'Pool':
        add(lowerPool(lw, d));
        break;
      case 'Allocate':
        add(lowerAllocate(lw, d));
        break;
      case 'Contest':
        add(lowerContest(lw, d));
        break;
      case 'Cap':
      case 'Ladder':
      case 'Table':
      case 'Credit':
      case 'Team':
      case 'Group':
      case 'Clawback':
      case 'Draw':
      case 'Example':
      case 'Active':
      case 'History':
        break;
    }
  }
  return out;
}

/** What statements report without paying, in plan order: reported rules' lines and `report` values. */
function reportsOf(plan: Ast.Plan, components: readonly IrComponent[], lw: Lowering): IrReport[] {
  const out: IrReport[] = [];
  for (const d of plan.decls) {
    if (d.kind === 'Report' && lw.lets.has(d.name.name)) out.push({ kind: 'value', name: d.name.name });
    else if ((d.kind === 'Commission' || d.kind === 'Bonus' || d.kind === 'StepBonus' || d.kind === 'Salary') && d.reported) {
      const c = components.find((x) => x.source.span.start === d.span.start);
      if (c) out.push({ kind: 'line', name: c.name });
    }
  }
  return out;
}

interface AfterRules {
  readonly limits: IrLimit[];
  readonly ladders: IrLadder[];
  readonly credits: IrCredit[];
  readonly clawbacks: IrClawback[];
  draw?: IrDraw;
}

/** Caps and ladders (which name statement lines), credit, clawbacks and the draw, in plan order. */
function lowerAfterRules(lw: Lowering, plan: Ast.Plan): AfterRules {
  const out: AfterRules = { limits: [], ladders: [], credits: [], clawbacks: [] };
  const push = <T>(list: T[], x: T | undefined) => x && list.push(x);
  for (const d of plan.decls) {
    lw.uses = [];
    if (d.kind === 'Credit') push(out.credits, lowerCredit(lw, d, out.credits));
    else if (d.kind === 'Clawback') push(out.clawbacks, lowerClawback(lw, d));
    else if (d.kind === 'Draw') out.draw = lowerDraw(lw, d, out.draw) ?? out.draw;
    else if (d.kind === 'Cap') push(out.limits, lowerCap(lw, d));
    else if (d.kind === 'Ladder') push(out.ladders, lowerLadder(lw, d));
  }
  return out;
}
