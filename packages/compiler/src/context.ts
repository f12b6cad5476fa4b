/**
 * What every section of a compiled module shares: takes a checked plan and the emit options; returns
 * an EmitContext — the module-level identifiers of the plan's tables, constants, lets, bases and
 * rules (claimed once, in a fixed order, so the same plan always gets the same names), the plan's
 * constants as computed at compile time, the fast path's state, and small helpers that write an
 * expression, an amount, a condition, a doc comment or a rule's shown values as the interpreter
 * would compute them. Sections (sections/*.ts, fast/*.ts) read it and append text; only the fast path's
 * planning (fast/plan.ts) and decimal literals (`names.literal`) add to it while emitting.
 */
import type { IrBase, IrExpr, IrLet, IrPlan, IrSource, Unit } from '@payplan/checker';
import { Dec, unitLabel, valueText, type ColumnSchema, type RoundingRule, type TableSchema } from '@payplan/runtime';
import { evaluateConsts, type ConstError, type ConstValue, type RatesValue } from './consts.js';
import { condition, emitExpr, kindOfUnit, paren, type Emitted, type ExprEnv, type Names } from './expr.js';
import { fixBase, fixLet } from './fast/plan.js';
import { commentText, jsName, jsString, NameTable, typeName } from './names.js';

export interface EmitOptions {
  /** The plan's text, so runtime errors can name exact lines and columns (else rule lines are used). */
  readonly source?: string;
  /** Where the generated module imports the runtime from (default `@payplan/runtime`). */
  readonly runtimeImport?: string;
  /** false: emit the decimal path only. */
  readonly fastPath?: boolean;
}

/** Names the generated module imports from @payplan/runtime. */
export const runtimeValues = [
  'Dec', 'ZERO', 'ONE', 'PlanError', 'TierOrderError', 'settle', 'assembleStatement', 'commissionLine', 'bonusLine', 'perRowLine', 'stepBonusLine',
  'salaryLine', 'poolLine', 'limitLine', 'creditedRowRef', 'roundRow', 'roundStep', 'valueText', 'periodLabel', 'periodOf', 'parsePeriod', 'parseDate', 'cellSchema', 'rowSchema', 'allocate', 'allocationLine', 'readKeyed', 'keyCell', 'rankMembers', 'rankValue', 'contestLine',
  'fixed', 'periodExample', 'periodPart', 'activeShare', 'noPayeeContext', 'everyPayeePeriod', 'checkLadder', 'cellText', 'repeatedKeyMessage', 'unknownPayeeMessage',
  'lineValue', 'reportedLine', 'reportedValue', 'roundReport', 'rowTiers', 'calendarOf', 'dateFunction', 'previousValue',
];
export const runtimeTypes = [
  'BandInput', 'CalendarOptions', 'CellValue', 'ColumnType', 'ComputedLine', 'CreditedRow', 'CreditSpec', 'Ctx', 'InputRow', 'NamedValue', 'PayoutLimit', 'PeriodKind',
  'PlanSpec', 'PoolPart', 'PoolSpec', 'Allocation', 'Ranking', 'RequirementSpec', 'RoundingRule', 'RowRef', 'RuleInfo', 'RunResult', 'SalaryBandInput', 'Statement', 'StatementException',
  'StatementParts', 'StepInput', 'TableSchema', 'ReportedValue',
];
/** Local names the generated functions use: plan names must not shadow them (or be shadowed). */
const localNames = `T _ _k a a0 a1 all amount at away b bad bands base byPayee c cache cells checked code column compute copy ctx d d0 d1 d2 d3 data
  date dated days diagnostics digits dividend divisor e end err excess explain f fast fields file files first from fx g get group grouping held hi i
  inputs issues items k kept key keyColumn keyOf keys ks label last leader leap limits line lines list lo loaded lower m m0 m1 make measure
  members memo message mode month more n name neg next o ok op ops options out outcome p part parts payee period periods place places prev
  prior q r raw read refs replaced row rows s same scale schema seen settled slot slots start statements steps sum t table text texts to total
  twice type u unit upper v value values weightOf what wholeYear withRows withStatement withoutRows withoutStatement x y year ym yy zero`.split(/\s+/);
/** The module's exports, which plan names must not take. */
export const publicNames = [
  'plan', 'tables', 'schemas', 'RowSchema', 'Inputs', 'ComputeOptions', 'LoadedData', 'Outcome', 'Payout', 'Contribution', 'ComputeError',
  'PlanDiagnostic', 'evaluate', 'computeStatements', 'computeStatement', 'computePayouts', 'dealContribution', 'streamFigures', 'Figures', 'FiguresStream',
];

export interface TableNames {
  readonly schema: TableSchema;
  /** Record member in the fast path's groups. */
  readonly member: string;
  /** Public row interface (`DealsRow`) and zod schema (`dealsSchema`). */
  readonly rowType: string;
  readonly schemaId: string;
  /** Module constant holding the table's schema. */
  readonly schemaConst: string;
  /** Fast path: integer record type, its readers, and (transaction tables) rows after requirements. */
  readonly fixRec: string;
  readonly rowsFn: string;
  readonly payeeRowFn: string;
  readonly keyColumn: ColumnSchema | undefined;
  /** The implicit payee (and period) columns of per-payee tables, then the declared ones. */
  readonly columns: readonly { readonly name: string; readonly type: string; readonly optional: boolean }[];
}

/** A fast-path function emitted on first use, and the scale of its result. */
export interface FixFunction {
  readonly code: string;
  readonly scale: number;
}

/** What the fast path covers for this plan, and its functions as they are emitted (fast/plan.ts fills it). */
export interface FastState {
  statements: boolean;
  payouts: boolean;
  reason: string | undefined;
  readonly consts: string[];
  readonly rowFns: string[];
  readonly ruleFns: string[];
  readonly componentScales: Map<string, number>;
  readonly lets: Map<string, FixFunction>;
  readonly bases: Map<string, FixFunction>;
  /** Payouts in one pass: each base's and per-row rule's slot in a group's sums (empty when the plan's shape does not allow it). */
  readonly sumSlots: Map<string, number>;
  onePass: boolean;
}

export interface EmitContext {
  readonly ir: IrPlan;
  readonly options: EmitOptions;
  /** The runtime's module specifier. */
  readonly runtime: string;
  readonly consts: ReadonlyMap<string, ConstValue>;
  readonly rates: ReadonlyMap<string, RatesValue>;
  readonly constError: ConstError | undefined;
  readonly tables: readonly TableNames[];
  readonly rowTables: readonly TableNames[];
  readonly payeeTables: readonly TableNames[];
  /** The tables whose payees must have a row in each per-payee table (D006): all but a payment history and dated hierarchies. */
  readonly paidTables: readonly TableNames[];
  /** Whether any per-payee table is among them. */
  readonly payeeChecked: boolean;
  readonly constIds: ReadonlyMap<string, string>;
  readonly rateIds: ReadonlyMap<string, string>;
  readonly letsByName: ReadonlyMap<string, IrLet>;
  readonly basesByName: ReadonlyMap<string, IrBase>;
  readonly letFns: ReadonlyMap<string, string>;
  readonly baseFns: ReadonlyMap<string, string>;
  readonly componentFns: ReadonlyMap<string, string>;
  /** Per rule: the memoised line with its caps and floors (`line`), and its value read by name (`value`). */
  readonly lineFns: ReadonlyMap<string, { readonly line: string; readonly value: string }>;
  readonly infoIds: ReadonlyMap<string, string>;
  /** Each pool's PoolSpec constant, which its line and the engine's unpaid-pool report share. */
  readonly poolIds: ReadonlyMap<string, string>;
  readonly requirementIds: readonly string[];
  /** Decimal literals by value → their module constant, collected while emitting. */
  readonly literals: ReadonlyMap<string, string>;
  readonly names: Names;
  readonly fast: FastState;
  readonly rounding: RoundingRule;
  /** The rounding step's decimal places, and the step as an integer at them. */
  readonly stepPlaces: number;
  readonly stepUnits: Dec;
  readonly perRowRound: boolean;

  tbl(name: string): TableNames;
  /** `plan.payplan:12`: where a rule is. */
  at(s: IrSource): string;
  ruleText(s: IrSource): string;
  /** A doc comment quoting a rule and pointing at its line. */
  doc(s: IrSource, note?: string): string;
  decEnv(scope?: string, row?: string, excess?: string): ExprEnv;
  dec(e: IrExpr, env?: ExprEnv): Emitted;
  fx(e: IrExpr, row?: string, excess?: { code: string; scale: number }): Emitted;
  /** An amount a rule needs, as the interpreter's `asDec`: empty is an error, naming the row of a row rule. */
  amount(e: IrExpr, env?: ExprEnv, table?: string): string;
  /** A condition as the interpreter tests it (`=== true`), and its negation. */
  holds(v: Emitted): string;
  fails(v: Emitted): string;
  sourceRef(s: IrSource): string;
  spanLit(e: IrExpr): string;
  /** The values a rule shows: the interpreter's usedValues. */
  usedValues(uses: readonly string[], scope?: string): string;
  /** The rows of the bases a rule uses. */
  rowsOf(uses: readonly string[], scope?: string): string;
  /** An integer rounded as the plan rounds. */
  roundFix(code: string, scale: number): string;
}

export function emitContext(ir: IrPlan, options: EmitOptions): EmitContext {
  const evaluated = evaluateConsts(ir);
  const consts = evaluated.consts;
  const ids = new NameTable([...runtimeValues, ...runtimeTypes, ...publicNames, ...localNames], /^(lower|upper)\d+$/);
  const tables = ir.tables.map((t) => tableNames(t, ids));
  const tableOf = new Map(tables.map((t) => [t.schema.name, t]));
  const tbl = (name: string): TableNames => tableOf.get(name)!;
  // A payment history covers only the periods already paid, and a dated hierarchy lists only the
  // moves: @payplan/data does not ask either for a row for every payee.
  // Nor a history of values (`history of revenue from …`), which holds periods before the run.
  const partial = new Set([ir.history?.table, ...ir.valueHistories.map((h) => h.table), ...ir.teams.filter((t) => tbl(t.table).schema.kind === 'rows').map((t) => t.table)]);
  const paidTables = tables.filter((t) => !partial.has(t.schema.name) && t.schema.kind !== 'keyed');

  const constIds = new Map(ir.consts.map((c) => [c.name, ids.claim(jsName(c.name))]));
  const rateIds = new Map(ir.rates.map((r) => [r.name, ids.claim(`$rates$${jsName(r.name)}`)]));
  const letsByName = new Map(ir.lets.map((l) => [l.name, l]));
  const basesByName = new Map(ir.bases.map((b) => [b.name, b]));
  const letFns = new Map(ir.lets.map((l) => [l.name, ids.claim(jsName(l.name))]));
  const baseFns = new Map(ir.bases.map((b) => [b.name, ids.claim(jsName(b.name))]));
  const componentFns = new Map(ir.components.map((c) => [c.name, ids.claim(jsName(c.name))]));
  const infoIds = new Map(ir.components.map((c) => [c.name, ids.claim(`$${componentFns.get(c.name)!}$info`)]));
  const poolIds = new Map(ir.components.filter((c) => c.kind === 'pool').map((c) => [c.name, ids.claim(`$${componentFns.get(c.name)!}$pool`)]));
  // Each rule's line with its caps and floors, computed once per context, and its value as read by name.
  const lineFns = new Map(ir.components.map((c) => [c.name, { line: ids.claim(`$${componentFns.get(c.name)!}$line`), value: ids.claim(`$${componentFns.get(c.name)!}$value`) }]));
  const requirementIds = ir.requirements.map((_, i) => ids.claim(`$require${i + 1}`));
  const literals = new Map<string, string>();

  // Which lets may be empty (an optional column, passed on).
  const optionalLet = new Map<string, boolean>();
  const mayBeEmpty = (e: IrExpr): boolean =>
    e.kind === 'field' || e.kind === 'payeeValue' ? e.optional : e.kind === 'let' ? (optionalLet.get(e.name) ?? false) : e.kind === 'const' ? consts.get(e.name) === undefined : false;
  for (const l of ir.lets) optionalLet.set(l.name, mayBeEmpty(l.value));

  const rounding = ir.rounding;
  const stepPlaces = Math.max(0, new Dec(rounding.step).decimalPlaces());
  const stepUnits = new Dec(rounding.step).mul(new Dec(10).pow(stepPlaces));
  const names: Names = {
    constant: (name) => ({ id: constIds.get(name)!, fixId: `${constIds.get(name)!}$fix`, value: consts.get(name) }),
    let: (name) => ({
      fn: letFns.get(name)!,
      optional: optionalLet.get(name) ?? false,
      kind: kindOfUnit(letsByName.get(name)!.unit),
      fixScale: () => fixLet(cx, letsByName.get(name)!),
    }),
    base: (name) => ({ fn: baseFns.get(name)!, fixScale: () => fixBase(cx, basesByName.get(name)!) }),
    line: (name) => lineFns.get(name)!.value,
    table: (name) => tbl(name).schemaConst,
    fixPayeeRow: (table) => tbl(table).payeeRowFn,
    column: (name) => jsName(name),
    rates: (name) => rateIds.get(name)!,
    literal: (value) => {
      let id = literals.get(value);
      if (!id) literals.set(value, (id = ids.claim(`$${value.replace(/\./g, '_').replace(/^-/, 'minus')}`)));
      return id;
    },
  };
  const at = (s: IrSource) => `${commentText(ir.file)}:${s.line}`;
  const ruleText = (s: IrSource) => commentText(s.text);
  const decEnv = (scope = 'ctx', row?: string, excess?: string): ExprEnv => ({ mode: 'dec', names, scope, ...(row && { row }), ...(excess && { excess: { code: excess, scale: 0 } }) });
  const fixEnv = (row?: string, excess?: { code: string; scale: number }): ExprEnv => ({ mode: 'fix', names, scope: 'fx', ...(row && { row, cols: 'd' }), ...(excess && { excess }) });
  const dec = (e: IrExpr, env: ExprEnv = decEnv()): Emitted => emitExpr(e, env);
  const unitOf = new Map<string, Unit>([...ir.consts, ...ir.lets, ...ir.bases, ...ir.shown].map((x) => [x.name, x.unit]));

  const cx: EmitContext = {
    ir,
    options,
    runtime: options.runtimeImport ?? '@payplan/runtime',
    consts,
    rates: evaluated.rates,
    constError: evaluated.error,
    tables,
    rowTables: tables.filter((t) => t.schema.kind === 'rows'),
    payeeTables: tables.filter((t) => t.schema.kind === 'payee' || t.schema.kind === 'payeePeriod'),
    paidTables,
    payeeChecked: paidTables.some((t) => t.schema.kind !== 'rows'),
    constIds,
    rateIds,
    letsByName,
    basesByName,
    letFns,
    baseFns,
    componentFns,
    lineFns,
    infoIds,
    poolIds,
    requirementIds,
    literals,
    names,
    fast: { statements: false, payouts: false, reason: undefined, consts: [], rowFns: [], ruleFns: [], componentScales: new Map(), lets: new Map(), bases: new Map(), sumSlots: new Map(), onePass: false },
    rounding,
    stepPlaces,
    stepUnits,
    perRowRound: rounding.point === 'row',
    tbl,
    at,
    ruleText,
    doc: (s, note) => `/** ${ruleText(s)} — ${at(s)}${note ? `; ${note}` : ''} */`,
    decEnv,
    dec,
    fx: (e, row, excess) => emitExpr(e, fixEnv(row, excess)),
    amount: (e, env = decEnv(), table) => {
      const v = dec(e, env);
      if (!v.optional) return v.code;
      const where = table !== undefined && env.row ? `, ${jsString(table)}, ${env.row}` : '';
      return `$amount(${v.code}, ${e.span.start}, ${e.span.end}${where})`;
    },
    holds: (v) => condition(v),
    fails: (v) => (v.optional || v.kind !== 'bool' ? `${paren(v)} !== true` : `!${paren(v)}`),
    sourceRef: (s) => `{ file: $file, line: ${s.line}, column: ${s.column}, start: ${s.span.start}, end: ${s.span.end} }`,
    spanLit: (e) => `{ start: ${e.span.start}, end: ${e.span.end} }`,
    usedValues: (uses, scope = 'ctx') => usedValues(cx, unitOf, uses, scope),
    rowsOf: (uses, scope = 'ctx') => {
      const bases = uses.filter((n) => basesByName.has(n)).map((n) => `${baseFns.get(n)!}(${scope}).rows`);
      return bases.length === 0 ? '[]' : bases.length === 1 ? bases[0]! : `[${bases.map((b) => `...${b}`).join(', ')}]`;
    },
    roundFix: (code, scale) => `$round(${code}, ${scale}, ${stepUnits.toFixed()}, ${stepPlaces}, ${jsString(rounding.mode)})`,
  };
  return cx;
}

/** A table's module-level names, claimed in a fixed order. */
function tableNames(t: TableSchema, ids: NameTable): TableNames {
  const T = typeName(t.name);
  const member = jsName(t.name);
  return {
    schema: t,
    member,
    rowType: ids.claim(`${T}Row`),
    schemaId: ids.claim(`${member.replace(/\$$/, '')}Schema`),
    schemaConst: ids.claim(`$${T}$table`),
    fixRec: ids.claim(`$${T}$fix`),
    rowsFn: ids.claim(`${member}$rows`),
    payeeRowFn: ids.claim(`$${member}$row`),
    keyColumn: t.columns.find((c) => c.key),
    columns: [
      ...(t.kind === 'payee' || t.kind === 'payeePeriod' ? [{ name: 'payee', type: 'payee', optional: false }] : []),
      ...(t.kind === 'payeePeriod' ? [{ name: 'period', type: 'text', optional: false }] : []),
      ...t.columns.filter((c) => !((t.kind === 'payee' || t.kind === 'payeePeriod') && (c.name === 'payee' || c.name === 'period'))),
    ],
  };
}

/** The values a rule shows, as the interpreter's usedValues lists them: constants as text, lets, bases and per-payee values. */
function usedValues(cx: EmitContext, unitOf: ReadonlyMap<string, Unit>, uses: readonly string[], scope: string): string {
  const items: string[] = [];
  for (const name of uses) {
    const unit = unitOf.get(name) ?? 'decimal';
    let value: string;
    const label = jsString(unitLabel(unit, cx.ir.currency));
    if (cx.consts.has(name)) value = jsString(valueText(cx.consts.get(name), unit));
    else if (cx.letsByName.has(name) || cx.basesByName.has(name)) {
      // Computed when it can be (the runtime's ifComputable), as the interpreter lists it.
      const compute = cx.letsByName.has(name) ? `${cx.letFns.get(name)!}(${scope})` : `${cx.baseFns.get(name)!}(${scope}).value`;
      items.push(`...$used(${jsString(name)}, ${jsString(unit)}, ${label}, () => ${compute})`);
      continue;
    } else if (cx.lineFns.has(name)) {
      items.push(`{ name: ${jsString(name)}, value: valueText(${cx.lineFns.get(name)!.value}(${scope}), "money"), unit: ${jsString(cx.ir.currency)} }`);
      continue;
    } else {
      const shown = cx.ir.shown.find((x) => x.name === name);
      if (!shown || shown.ref.kind !== 'payeeValue') continue;
      value = `valueText($payeeValueOrEmpty(${scope}, ${cx.tbl(shown.ref.table).schemaConst}, ${jsString(shown.ref.column)}), ${jsString(unit)})`;
    }
    items.push(`{ name: ${jsString(name)}, value: ${value}, unit: ${label} }`);
  }
  return items.length ? `[\n    ${items.join(',\n    ')},\n  ]` : '[]';
}
