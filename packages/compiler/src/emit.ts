/**
 * IR → a TypeScript module. Takes a checked plan (IrPlan) and options; returns the module's text,
 * which imports nothing but @payplan/runtime and computes exactly what the interpreter computes:
 * the same statements in the same order, the same explanations, the same diagnostics.
 *
 * How it guarantees that: the decimal half of the module is the interpreter's PlanSpec written out
 * as code (interpreter/src/evaluate.ts, rule for rule, in the same evaluation order) and run
 * through the runtime's settlement engine, as the interpreter is. The fast half handles plans the
 * engine would settle one payee-period at a time with nothing carried between them (no credit
 * splits, teams, year-to-date, clawbacks or draws): it groups rows itself, computes every row-level
 * figure on exact integers (expr.ts), and hands the same decimal rule functions a context whose
 * bases come from those integers, so every explanation is still worded by the same code. Any
 * surprise on the fast path (a value too large or too precise, an error) sends the whole run to
 * the engine, so the fast path can only ever return what the engine would.
 *
 * Layout, for a reader: the plan's tables as typed interfaces and zod schemas; its constants as
 * literals; one function per derived value, base and rule, named after it, with a comment pointing
 * at its plan line; the fast path; the entry points. Support code common to every plan is imported
 * from @payplan/runtime/compiled.
 */
import type { IrBase, IrCommission, IrComponent, IrExpr, IrLet, IrPlan, IrRequirement, IrRowRule, IrSource, Unit } from '@payplan/checker';
import { bandLabel, bandPayText, Dec, unitLabel, valueText, type ColumnSchema, type TableSchema } from '@payplan/runtime';
import { evaluateConsts, type ConstError, type ConstValue } from './consts.js';
import { columnScale, condition, emitExpr, fixLiteral, kindOfUnit, MAX_SCALE, need, NotFixable, paren, up, type Emitted, type ExprEnv, type Names, type ValueKind } from './expr.js';
import { commentText, jsName, jsString, literalKey, NameTable, typeKey, typeName } from './names.js';

export interface EmitOptions {
  /** The plan's text, so runtime errors can name exact lines and columns (else rule lines are used). */
  readonly source?: string;
  /** Where the generated module imports the runtime from (default `@payplan/runtime`). */
  readonly runtimeImport?: string;
  /** false: emit the decimal path only. */
  readonly fastPath?: boolean;
}

export interface EmitResult {
  readonly code: string;
  /** Whether the fast integer path was emitted for statements and for payouts, and if not, why. */
  readonly fastPath: { readonly statements: boolean; readonly payouts: boolean; readonly reason?: string };
  /** A constant or rate table that cannot be computed: every run of the module reports it. */
  readonly constError?: ConstError;
}

const runtimeValues = [
  'Dec', 'ZERO', 'ONE', 'PlanError', 'TierOrderError', 'settle', 'assembleStatement', 'commissionLine', 'bonusLine', 'perRowLine', 'stepBonusLine',
  'salaryLine', 'poolLine', 'limitLine', 'creditedRowRef', 'roundRow', 'valueText', 'periodLabel', 'periodOf', 'parsePeriod', 'parseDate', 'cellSchema', 'rowSchema',
  'fixed', 'periodExample', 'periodPart', 'activeShare', 'noPayeeContext', 'noPayeeRow', 'noSplitPart', 'everyPayeePeriod', 'checkLadder', 'cellText', 'repeatedKeyMessage', 'unknownPayeeMessage',
];
const runtimeTypes = [
  'BandInput', 'CellValue', 'ColumnType', 'ComputedLine', 'CreditedRow', 'CreditSpec', 'Ctx', 'InputRow', 'NamedValue', 'PayoutLimit', 'PeriodKind',
  'PlanSpec', 'PoolPart', 'RequirementSpec', 'RoundingRule', 'RowRef', 'RuleInfo', 'RunResult', 'SalaryBandInput', 'Statement', 'StatementException',
  'StatementParts', 'StepInput', 'TableSchema',
];
/** Local names the generated functions use: plan names must not shadow them (or be shadowed). */
const localNames = `T _ _k a a0 a1 all amount at away b bad bands base byPayee c cache cells checked code column compute copy ctx d d0 d1 d2 d3 data
  date dated days diagnostics digits dividend divisor e end err excess explain f fast fields file files first from fx g get group grouping held hi i
  inputs issues items k kept key keyColumn keyOf keys ks label last leader leap limits line lines list lo loaded lower m m0 m1 make measure
  members memo message mode month more n name neg next o ok op ops options out outcome p part parts payee period periods place places prev
  prior q r raw read refs replaced row rows s same scale schema seen settled slot slots start statements steps sum t table text texts to total
  twice type u unit upper v value values weightOf what wholeYear withRows withStatement withoutRows withoutStatement x y year ym yy zero`.split(/\s+/);
/** The support code of @payplan/runtime/compiled, imported under `$` names (which plan names never take), by family. */
const compiledValues = [
  ['ComputeError', 'withRunData', 'rejectInputs', 'validateRows', 'unknownPayees', 'periodSlots', 'byPayeePeriod'],
  ['num', 'amount', 'div', 'cmp', 'payeeValue', 'payeeValueOrEmpty', 'keyText', 'lookup', 'credited', 'show'],
  ['BAIL', 'bail', 'add', 'sub', 'mul', 'up', 'upq', 'need', 'cmpq', 'cmpFix', 'memo', 'plain', 'moneyText', 'dec', 'fixOf', 'numberText', 'round', 'wholeBand', 'rising', 'grown'],
  ['fixCell', 'fixNumber', 'fixText', 'textCell', 'boolCell', 'percentCell', 'dateCell', 'isEmpty', 'mayRepeat'],
];
const compiledTypes = ['PlanDiagnostic', 'LoadedData', 'PlanCalendar', 'InputIssue as $Issue', 'Rates as $Rates', 'PlanValue as $Value'];
/** Public names are imported as they are; the rest under `$` names. */
const compiledImport = (name: string) => (name.includes(' as ') || publicNames.includes(name) ? name : `${name} as $${name}`);
const publicNames = [
  'plan', 'tables', 'schemas', 'RowSchema', 'Inputs', 'ComputeOptions', 'LoadedData', 'Outcome', 'Payout', 'Contribution', 'ComputeError',
  'PlanDiagnostic', 'evaluate', 'computeStatements', 'computeStatement', 'computePayouts', 'dealContribution',
];

interface TableNames {
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

export function emitModule(ir: IrPlan, options: EmitOptions = {}): EmitResult {
  const evaluated = evaluateConsts(ir);
  const consts = evaluated.consts;
  const runtime = options.runtimeImport ?? '@payplan/runtime';
  const ids = new NameTable([...runtimeValues, ...runtimeTypes, ...publicNames, ...localNames], /^(lower|upper)\d+$/);
  const at = (s: IrSource) => `${commentText(ir.file)}:${s.line}`;
  const ruleText = (s: IrSource) => commentText(s.text);
  const doc = (s: IrSource, note?: string) => `/** ${ruleText(s)} — ${at(s)}${note ? `; ${note}` : ''} */`;

  // ── Names ─────────────────────────────────────────────────────────────────────────────────────
  const tables: TableNames[] = ir.tables.map((t) => {
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
        ...(t.kind !== 'rows' ? [{ name: 'payee', type: 'payee', optional: false }] : []),
        ...(t.kind === 'payeePeriod' ? [{ name: 'period', type: 'text', optional: false }] : []),
        ...t.columns.filter((c) => !(t.kind !== 'rows' && (c.name === 'payee' || c.name === 'period'))),
      ],
    };
  });
  const tableOf = new Map(tables.map((t) => [t.schema.name, t]));
  const tbl = (name: string): TableNames => tableOf.get(name)!;
  const rowTables = tables.filter((t) => t.schema.kind === 'rows');
  const payeeTables = tables.filter((t) => t.schema.kind !== 'rows');
  // A payment history covers only the periods already paid, and a dated hierarchy lists only the
  // moves: @payplan/data does not ask either for a row for every payee.
  const partial = new Set([ir.history?.table, ...ir.teams.filter((t) => tbl(t.table).schema.kind === 'rows').map((t) => t.table)]);
  const paidTables = tables.filter((t) => !partial.has(t.schema.name));
  const payeeChecked = paidTables.some((t) => t.schema.kind !== 'rows');

  const constIds = new Map(ir.consts.map((c) => [c.name, ids.claim(jsName(c.name))]));
  const rateIds = new Map(ir.rates.map((r) => [r.name, ids.claim(`$rates$${jsName(r.name)}`)]));
  const letsByName = new Map(ir.lets.map((l) => [l.name, l]));
  const basesByName = new Map(ir.bases.map((b) => [b.name, b]));
  const letFns = new Map(ir.lets.map((l) => [l.name, ids.claim(jsName(l.name))]));
  const baseFns = new Map(ir.bases.map((b) => [b.name, ids.claim(jsName(b.name))]));
  const componentFns = new Map(ir.components.map((c) => [c.name, ids.claim(jsName(c.name))]));
  const infoIds = new Map(ir.components.map((c) => [c.name, ids.claim(`$${componentFns.get(c.name)!}$info`)]));
  const requirementIds = ir.requirements.map((_, i) => ids.claim(`$require${i + 1}`));
  const literals = new Map<string, string>();

  // Which lets may be empty (an optional column, passed on).
  const optionalLet = new Map<string, boolean>();
  const mayBeEmpty = (e: IrExpr): boolean =>
    e.kind === 'field' || e.kind === 'payeeValue' ? e.optional : e.kind === 'let' ? (optionalLet.get(e.name) ?? false) : e.kind === 'const' ? consts.get(e.name) === undefined : false;
  for (const l of ir.lets) optionalLet.set(l.name, mayBeEmpty(l.value));

  // Fast-path functions of lets and bases, emitted on first use (a let only when fast code reads it).
  const fixLets = new Map<string, { code: string; scale: number }>();
  const fixBases = new Map<string, { code: string; scale: number }>();
  const names: Names = {
    constant: (name) => ({ id: constIds.get(name)!, fixId: `${constIds.get(name)!}$fix`, value: consts.get(name) }),
    let: (name) => ({
      fn: letFns.get(name)!,
      optional: optionalLet.get(name) ?? false,
      kind: kindOfUnit(letsByName.get(name)!.unit),
      fixScale: () => fixLet(letsByName.get(name)!),
    }),
    base: (name) => ({ fn: baseFns.get(name)!, fixScale: () => fixBase(basesByName.get(name)!) }),
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
  const decEnv = (scope = 'ctx', row?: string, excess?: string): ExprEnv => ({ mode: 'dec', names, scope, ...(row && { row }), ...(excess && { excess: { code: excess, scale: 0 } }) });
  const fixEnv = (row?: string, excess?: { code: string; scale: number }): ExprEnv => ({ mode: 'fix', names, scope: 'fx', ...(row && { row, cols: 'd' }), ...(excess && { excess }) });
  const dec = (e: IrExpr, env: ExprEnv = decEnv()): Emitted => emitExpr(e, env);
  const fx = (e: IrExpr, row?: string, excess?: { code: string; scale: number }): Emitted => emitExpr(e, fixEnv(row, excess));

  /** An amount a rule needs, as the interpreter's `asDec`: empty is an error, naming the row of a row rule. */
  const amount = (e: IrExpr, env: ExprEnv = decEnv(), table?: string): string => {
    const v = dec(e, env);
    if (!v.optional) return v.code;
    const where = table !== undefined && env.row ? `, ${jsString(table)}, ${env.row}` : '';
    return `$amount(${v.code}, ${e.span.start}, ${e.span.end}${where})`;
  };
  /** A condition as the interpreter tests it (`=== true`), and its negation. */
  const holds = (v: Emitted): string => condition(v);
  const fails = (v: Emitted): string => (v.optional || v.kind !== 'bool' ? `${paren(v)} !== true` : `!${paren(v)}`);
  const sourceRef = (s: IrSource) => `{ file: $file, line: ${s.line}, column: ${s.column}, start: ${s.span.start}, end: ${s.span.end} }`;
  const spanLit = (e: IrExpr) => `{ start: ${e.span.start}, end: ${e.span.end} }`;

  // Values a rule shows: the interpreter's usedValues.
  const unitOf = new Map<string, Unit>([...ir.consts, ...ir.lets, ...ir.bases, ...ir.shown].map((x) => [x.name, x.unit]));
  const usedValues = (uses: readonly string[], scope = 'ctx'): string => {
    const items: string[] = [];
    for (const name of uses) {
      const unit = unitOf.get(name) ?? 'decimal';
      let value: string;
      if (consts.has(name)) value = jsString(valueText(consts.get(name), unit));
      else if (letsByName.has(name)) value = `valueText(${letFns.get(name)!}(${scope}), ${jsString(unit)})`;
      else if (basesByName.has(name)) value = `valueText(${baseFns.get(name)!}(${scope}).value, ${jsString(unit)})`;
      else {
        const shown = ir.shown.find((x) => x.name === name);
        if (!shown || shown.ref.kind !== 'payeeValue') continue;
        value = `valueText($payeeValueOrEmpty(${scope}, ${tbl(shown.ref.table).schemaConst}, ${jsString(shown.ref.column)}), ${jsString(unit)})`;
      }
      items.push(`{ name: ${jsString(name)}, value: ${value}, unit: ${jsString(unitLabel(unit, ir.currency))} }`);
    }
    return items.length ? `[\n    ${items.join(',\n    ')},\n  ]` : '[]';
  };
  const rowsOf = (uses: readonly string[], scope = 'ctx'): string => {
    const bases = uses.filter((n) => basesByName.has(n)).map((n) => `${baseFns.get(n)!}(${scope}).rows`);
    return bases.length === 0 ? '[]' : bases.length === 1 ? bases[0]! : `[${bases.map((b) => `...${b}`).join(', ')}]`;
  };

  // ── The fast path: which plans, and its functions ─────────────────────────────────────────────
  const rounding = ir.rounding;
  const stepPlaces = Math.max(0, new Dec(rounding.step).decimalPlaces());
  const stepUnits = new Dec(rounding.step).mul(new Dec(10).pow(stepPlaces));
  const engineOnly = [
    ir.yearToDate && 'year-to-date settlement',
    ir.credits.length && 'credit splits',
    ir.teams.length && 'teams',
    ir.clawbacks.length && 'clawbacks',
    ir.draw && 'a draw',
    rowTables.some((t) => t.schema.columns.find((c) => c.name === t.schema.dateColumn)?.type !== 'date') && 'rows dated by a period column',
    evaluated.error && 'a constant that cannot be computed',
    options.fastPath === false && 'turned off',
  ].filter(Boolean)[0];
  let fastStatements = !engineOnly;
  let fastPayouts = fastStatements;
  let fastReason: string | undefined = engineOnly || undefined;
  const fixConsts: string[] = [];
  const fastRowFns: string[] = [];
  const fastRuleFns: string[] = [];
  const componentScales = new Map<string, number>();

  function fixLet(l: IrLet): number {
    const done = fixLets.get(l.name);
    if (done) return done.scale;
    const v = fx(l.value);
    const fn = letFns.get(l.name)!;
    const type = v.kind === 'num' ? 'number' : v.kind === 'str' ? 'string' : 'boolean';
    fixLets.set(l.name, {
      scale: v.scale,
      code: `${doc(l.source)}
function ${fn}$fix(fx: $Fix): ${type}${v.optional ? ' | undefined' : ''} {
  return $memo(fx, ${jsString(`let:${l.name}`)}, () => ${v.code});
}
`,
    });
    return v.scale;
  }

  function fixBase(b: IrBase): number {
    const done = fixBases.get(b.name);
    if (done) return done.scale;
    if (b.over.kind !== 'table') throw new NotFixable('a team base');
    const t = tbl(b.over.table);
    const v = b.value ? need(fx(b.value, 'i')) : undefined;
    const scale = v?.scale ?? 0;
    const where = b.where ? `      if (${fails(fx(b.where, 'i'))}) continue;\n` : '';
    fixBases.set(b.name, {
      scale,
      code: `${doc(b.source, `exact integers at ${scale} decimals`)}
function ${baseFns.get(b.name)!}$fix(fx: $Fix): $FixSum {
  return $memo(fx, ${jsString(`base:${b.name}`)}, (): $FixSum => {${sumSlots.has(`base:${b.name}`) ? `\n    if (fx.group.sums) return { fix: fx.group.sums[${sumSlots.get(`base:${b.name}`)}]!, scale: ${scale}, rows: [] }; // summed while reading (payouts)` : ''}
    const d = fx.data.${t.member};
    let total = 0;
    const rows: RowRef[] = [];
    for (const i of ${t.rowsFn}(fx)) {
${where}      const v = ${v ? v.code : '1'};
      total = $add(total, v);
      if (fx.explain) rows.push(${fixRowRef(t, v ? `$moneyText(v, ${scale})` : undefined)});
    }
    return { fix: total, scale: ${scale}, rows };
  });
}
`,
    });
    return scale;
  }

  function fixRowRef(t: TableNames, amountText?: string): string {
    return `{ table: ${jsString(t.schema.name)}, row: d.$row[i]!${t.keyColumn ? ', key: d.$key[i]!' : ''}${amountText ? `, amount: ${amountText}` : ''} }`;
  }

  const perRowRound = rounding.point === 'row';
  const roundFix = (code: string, scale: number) => `$round(${code}, ${scale}, ${stepUnits.toFixed()}, ${stepPlaces}, ${jsString(rounding.mode)})`;

  /** A per-row rule on integers: each row's pay (rounded per row when the plan says), with references when asked. */
  function fixPerRow(c: IrRowRule): string {
    const t = tbl(c.table);
    const filters = [c.where, c.when].filter((x): x is IrExpr => !!x).map((x) => `    if (${fails(fx(x, 'i'))}) continue;\n`);
    const pay = need(fx(c.pay, 'i'));
    const scale = perRowRound ? stepPlaces : pay.scale;
    componentScales.set(c.name, scale);
    return `${doc(c.source, `exact integers at ${scale} decimals`)}
function ${componentFns.get(c.name)!}$fix(fx: $Fix, refs: RowRef[] | undefined): number {${sumSlots.has(`rule:${c.name}`) ? `\n  if (fx.group.sums && !refs) return fx.group.sums[${sumSlots.get(`rule:${c.name}`)}]!; // summed while reading (payouts)` : ''}
  const d = fx.data.${t.member};
  let total = 0;
  for (const i of ${t.rowsFn}(fx)) {
${filters.join('')}    const v = ${perRowRound ? roundFix(pay.code, pay.scale) : pay.code};
    total = $add(total, v);
    if (refs) refs.push(${fixRowRef(t, `$moneyText(v, ${scale})`)});
  }
  return total;
}
`;
  }

  function fixRequirement(r: IrRequirement, id: string): string {
    const t = tbl(r.table);
    const keep = r.where ? `${fails(fx(r.where, 'i'))} || ${holds(fx(r.condition, 'i'))}` : holds(fx(r.condition, 'i'));
    return `function ${id}$fix(fx: $Fix, rows: readonly number[]): number[] {
  const d = fx.data.${t.member};
  const kept: number[] = [];
  for (const i of rows) {
    if (${keep}) {
      kept.push(i);
      continue;
    }
    fx.exceptions.push({ table: ${jsString(t.schema.name)}, row: d.$row[i]!${t.keyColumn ? ', key: d.$key[i]!' : ''}, message: ${id}.message, action: ${jsString(r.exclude ? 'excluded' : 'flagged')}, source: ${id}.source });
${r.exclude ? '' : '    kept.push(i);\n'}  }
  return kept;
}
`;
  }

  function fixComponent(c: IrComponent): string {
    const fn = componentFns.get(c.name)!;
    switch (c.kind) {
      case 'per_row':
        return ''; // emitted with the statements' fast functions
      case 'bonus': {
        const when = fx(c.when);
        const pay = need(fx(c.pay));
        componentScales.set(c.name, pay.scale);
        return `${doc(c.source, `exact integers at ${pay.scale} decimals`)}
function ${fn}$fix(fx: $Fix): number {
  return ${holds(when)} ? ${pay.code} : 0;
}
`;
      }
      case 'commission':
        return fixCommission(c, fn);
      default:
        throw new NotFixable(`a ${c.kind.replace('_', ' ')} rule`);
    }
  }

  function fixCommission(c: IrCommission, fn: string): string {
    const base = need(fx(c.base));
    const bounds = c.bands.map((b) => ({ lower: b.lower && need(fx(b.lower)), upper: b.upper && need(fx(b.upper)) }));
    const sc = Math.max(base.scale, ...bounds.flatMap((b) => [b.lower?.scale ?? 0, b.upper?.scale ?? 0]));
    const lines: string[] = [`  const base = ${up(base, sc)};`];
    bounds.forEach((b, i) => {
      if (b.lower) lines.push(`  const lower${i} = ${up(b.lower, sc)};`);
      if (b.upper) lines.push(`  const upper${i} = ${up(b.upper, sc)};`);
    });
    // Each band pays a rate of the base (or of the part inside the band), or an amount given the excess.
    const pays = c.bands.map((b, i) => {
      const x = c.mode === 'marginal' ? 'part' : c.mode === 'flat' || !b.lower ? 'base' : 'excess';
      const pay = need(fx(b.pay, undefined, { code: x, scale: sc }));
      const code = b.payIsRate ? `$mul(${pay.code}, ${c.mode === 'marginal' ? 'part' : 'base'})` : pay.code;
      return { code, scale: b.payIsRate ? pay.scale + sc : pay.scale, i, source: b.source, usesExcess: x === 'excess' && /\bexcess\b/.test(pay.code) };
    });
    const sa = Math.max(...pays.map((p) => p.scale));
    if (sa > MAX_SCALE) throw new NotFixable(`commission ${c.name} would carry ${sa} decimals`);
    componentScales.set(c.name, sa);
    const lift = (p: { code: string; scale: number }) => (sa > p.scale ? `$up(${p.code}, ${sa - p.scale})` : p.code);
    const lowers = `[${c.bands.map((b, i) => (b.lower ? `lower${i}` : 'undefined')).join(', ')}]`;
    const uppers = `[${c.bands.map((b, i) => (b.upper ? `upper${i}` : 'undefined')).join(', ')}]`;
    if (c.mode === 'flat') lines.push(`  return ${lift(pays[0]!)};`);
    else if (c.mode === 'whole') {
      lines.push(`  switch ($wholeBand(base, ${lowers}, ${uppers})) {`);
      for (const p of pays) lines.push(`    case ${p.i}: { // ${ruleText(p.source)}`, ...(p.usesExcess ? [`      const excess = $sub(base, lower${p.i});`] : []), `      return ${lift(p)};`, '    }');
      lines.push('    default:', '      return 0;', '  }');
    } else {
      lines.push(`  $rising(${lowers}, ${uppers});`, '  let amount = 0;');
      for (const p of pays) {
        const b = c.bands[p.i]!;
        const lo = b.lower ? `lower${p.i}` : '0';
        const top = b.upper ? `base > upper${p.i} ? upper${p.i} : base` : 'base';
        // As the runtime's tiers: a rate pays on the part inside the band; a fixed amount once the band is reached.
        const reached = b.payIsRate ? 'part !== 0' : b.lower ? `base >= ${lo}` : 'base > 0';
        lines.push(`  { // ${ruleText(p.source)}`, `    const part = Math.max(0, $sub(${top}, ${lo}));`, `    if (${reached}) amount = $add(amount, ${lift(p)});`, '  }');
      }
      lines.push('  return amount;');
    }
    return `${doc(c.source, `exact integers at ${sa} decimals; base and bounds at ${sc}`)}
function ${fn}$fix(fx: $Fix): number {
${lines.join('\n')}
}
`;
  }

  // Payouts in one pass: when no rows are excluded or flagged and every row rule reads only its row
  // (columns, constants, literals), each payee-period's sums can be added up while the rows are read.
  const rowLocal = (e: IrExpr | undefined): boolean => {
    if (!e) return true;
    switch (e.kind) {
      case 'num':
      case 'str':
      case 'bool':
      case 'date':
      case 'const':
      case 'field':
        return true;
      case 'neg':
      case 'not':
        return rowLocal(e.operand);
      case 'isSet':
        return e.operand.kind === 'field';
      case 'arith':
      case 'cmp':
      case 'logic':
        return rowLocal(e.left) && rowLocal(e.right);
      case 'call':
        return e.args.every(rowLocal);
      default:
        return false;
    }
  };
  const onePassShape =
    ir.requirements.length === 0 &&
    ir.bases.every((b) => b.over.kind === 'table' && rowLocal(b.value) && rowLocal(b.where)) &&
    ir.components.every((c) => c.kind !== 'per_row' || (rowLocal(c.where) && rowLocal(c.when) && rowLocal(c.pay)));
  const sumSlots = new Map<string, number>();
  if (onePassShape) {
    ir.bases.forEach((b) => sumSlots.set(`base:${b.name}`, sumSlots.size));
    ir.components.forEach((c) => c.kind === 'per_row' && sumSlots.set(`rule:${c.name}`, sumSlots.size));
  }

  if (fastStatements) {
    try {
      for (const c of ir.consts) {
        const v = consts.get(c.name);
        if (!(v instanceof Dec) || kindOfUnit(c.unit) !== 'num') continue;
        try {
          const l = fixLiteral(v, `constant ${c.name}`);
          fixConsts.push(`const ${constIds.get(c.name)!}$fix = ${l.code}; // ${commentText(c.name)} at ${l.scale} decimal${l.scale === 1 ? '' : 's'}`);
        } catch (err) {
          if (!(err instanceof NotFixable)) throw err;
          // Used by fast code only if some expression reads it; that expression then fails too.
        }
      }
      for (const b of ir.bases) fixBase(b);
      ir.requirements.forEach((r, i) => fastRowFns.push(fixRequirement(r, requirementIds[i]!)));
      for (const c of ir.components) if (c.kind === 'per_row') fastRowFns.push(fixPerRow(c));
    } catch (err) {
      if (!(err instanceof NotFixable)) throw err;
      fastStatements = fastPayouts = false;
      fastReason = err.message;
    }
  }
  if (fastPayouts) {
    try {
      if (ir.limits.length) throw new NotFixable('caps and floors');
      if (ir.ladders.length) throw new NotFixable('ladders');
      if (stepUnits.gt(Number.MAX_SAFE_INTEGER)) throw new NotFixable('the rounding step');
      for (const c of ir.components) fastRuleFns.push(fixComponent(c));
    } catch (err) {
      if (!(err instanceof NotFixable)) throw err;
      fastPayouts = false;
      fastRuleFns.length = 0;
      fastReason = `payouts: ${err.message}`;
    }
  }

  // ── The plan on decimals: the interpreter's PlanSpec, as code ─────────────────────────────────
  const decFns: string[] = [];
  for (const l of ir.lets) {
    const v = dec(l.value);
    const type = `${v.kind === 'num' ? 'Dec' : v.kind === 'str' ? 'string' : 'boolean'}${v.optional ? ' | undefined' : ''}`;
    decFns.push(`${doc(l.source)}
function ${letFns.get(l.name)!}(ctx: Ctx): ${type} {
  return ctx.memo(${jsString(`let:${l.name}`)}, (): ${type} => ${v.code});
}
`);
  }
  for (const b of ir.bases) decFns.push(decBase(b));

  function decBase(b: IrBase): string {
    const fn = baseFns.get(b.name)!;
    const head = `${doc(b.source)}
function ${fn}(ctx: Ctx): $Sum {
  return ctx.memo(${jsString(`base:${b.name}`)}, (): $Sum => {`;
    if (b.over.kind === 'team') {
      const env = decEnv('m');
      const where = b.where ? `      if (${fails(dec(b.where, env))}) continue;\n` : '';
      return `${head}
    let total = ZERO;
    const rows: RowRef[] = [];
    const members = ctx.members(${jsString(b.over.team)});
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
${where}      const v = ${b.value ? amount(b.value, env) : 'new Dec(1)'};
      total = total.plus(v);
      rows.push({ table: ${jsString(`team ${b.over.team}`)}, row: i + 1, key: m.payee${b.value ? `, amount: valueText(v, ${jsString(b.unit)})` : ''} });
    }
    return { value: total, rows };
  });
}
`;
    }
    const table = b.over.table;
    const env = decEnv('ctx', 'r');
    const where = b.where ? `      if (${fails(dec(b.where, env))}) continue;\n` : '';
    const fast = fastStatements ? `    const fx = $fastOf(ctx);\n    if (fx) return $sumOf(${fn}$fix(fx));\n` : '';
    return `${head}
${fast}    let total = ZERO;
    const rows: RowRef[] = [];
    for (const r of ctx.rows(${jsString(table)})) {
${where}      const v = ${b.value ? `$credited(${amount(b.value, env, table)}, r)` : 'new Dec(1)'};
      total = total.plus(v);
      rows.push(creditedRowRef($planTables, ${jsString(table)}, r${b.value ? ', v' : ''}));
    }
    return { value: total, rows };
  });
}
`;
  }

  const infoOf = (c: IrComponent) => `const ${infoIds.get(c.name)!}: RuleInfo = { component: ${jsString(c.name)}, rule: ${jsString(c.source.text)}, source: ${sourceRef(c.source)} };`;
  for (const c of ir.components) decFns.push(`${infoOf(c)}\n${doc(c.source)}\n${decComponent(c)}\n`);

  function decComponent(c: IrComponent): string {
    const fn = componentFns.get(c.name)!;
    const info = infoIds.get(c.name)!;
    switch (c.kind) {
      case 'commission': {
        const bands = c.bands.map((b) => {
          const parts: string[] = [];
          if (b.lower) parts.push(`lower: ${amount(b.lower)}`);
          if (b.upper) parts.push(`upper: ${amount(b.upper)}`);
          parts.push(`label: ${jsString(bandLabel(b.source.text))}`, `payText: ${jsString(bandPayText(b.source.text))}`, `payIsRate: ${b.payIsRate}`);
          parts.push(`pay: (excess: Dec): Dec => ${amount(b.pay, decEnv('ctx', undefined, 'excess'))}`);
          return `    // ${ruleText(b.source)} — ${at(b.source)}\n    { ${parts.join(', ')} },`;
        });
        return `function ${fn}(ctx: Ctx): ComputedLine {
  const amount = ${amount(c.base)};
  const bands: BandInput[] = [
${bands.join('\n')}
  ];
  try {
    return commissionLine(${info}, ${jsString(c.mode)}, amount, ${jsString(c.baseName)}, bands, ${usedValues(c.uses).replace(/\n/g, '\n  ')}, ${rowsOf(c.uses)});
  } catch (err) {
    if (err instanceof TierOrderError) throw new PlanError("R001", "tier thresholds are out of order: " + err.message + "; check this payee's targets in the data", ${spanLit(c.base)});
    throw err;
  }
}`;
      }
      case 'bonus':
        return `function ${fn}(ctx: Ctx): ComputedLine {
  const held = ${holds(dec(c.when))};
  return bonusLine(${info}, held, held ? ${amount(c.pay)} : undefined, ${usedValues(c.uses)}, ${rowsOf(c.uses)});
}`;
      case 'per_row': {
        const env = decEnv('ctx', 'r');
        const filters = [c.where, c.when].filter((x): x is IrExpr => !!x).map((x) => `    if (${fails(dec(x, env))}) continue;\n`);
        const v = `$credited(${amount(c.pay, env, c.table)}, r)`;
        const fast = fastStatements ? `  const fx = $fastOf(ctx);\n  if (fx) return perRowLine(${info}, $dec(${fn}$fix(fx, rows), ${componentScales.get(c.name) ?? 0}), rows.length, rows, ${usedValues(c.uses).replace(/\n/g, '\n  ')});\n` : '';
        return `function ${fn}(ctx: Ctx): ComputedLine {
  let total = ZERO;
  const rows: RowRef[] = [];
${fast}  for (const r of ctx.rows(${jsString(c.table)})) {
${filters.join('')}    const v = ${perRowRound ? `roundRow(${v}, $rounding)` : v};
    total = total.plus(v);
    rows.push(creditedRowRef($planTables, ${jsString(c.table)}, r, v));
  }
  return perRowLine(${info}, total, rows.length, rows, ${usedValues(c.uses)});
}`;
      }
      case 'step_bonus': {
        const steps = c.steps.map((st) => `    { at: ${amount(st.at)}, pay: ${amount(st.pay)}, label: ${jsString(bandLabel(st.source.text))} }, // ${at(st.source)}`);
        return `function ${fn}(ctx: Ctx): ComputedLine {
  const measure = ${amount(c.on)};
  const steps: StepInput[] = [
${steps.join('\n')}
  ];
  return stepBonusLine(${info}, ${jsString(c.mode)}, measure, ${jsString(`${c.onName} `)} + valueText(measure, ${jsString(c.on.unit)}), steps, ${usedValues(c.uses)}, ${rowsOf(c.uses)});
}`;
      }
      case 'salary': {
        const bands = c.bands.map((b) => {
          const parts: string[] = [];
          if (b.lower) parts.push(`lower: ${amount(b.lower)}`);
          if (b.upper) parts.push(`upper: ${amount(b.upper)}`);
          parts.push(`by: ${amount(b.by)}`, `label: ${jsString(b.source.text.replace(/\s+by\s.*$/, ''))}`);
          return `    { ${parts.join(', ')} }, // ${at(b.source)}`;
        });
        return `function ${fn}(ctx: Ctx): ComputedLine {
  const measure = ${amount(c.measure)};
  const bands: SalaryBandInput[] = [
${bands.join('\n')}
  ];
  return salaryLine(${info}, ${amount(c.amount)}, measure, ${jsString(`${c.measureName} `)} + valueText(measure, ${jsString(c.measure.unit)}), bands, ${usedValues(c.uses)});
}`;
      }
      case 'pool':
        return `function ${fn}(ctx: Ctx): ComputedLine {
  // A member's weight, computed once per member; the pool, once per leader.
  const weightOf = (m: Ctx): Dec => m.memo(${jsString(`weight:${c.name}`)}, (): Dec => ${amount(c.weight, decEnv('m'))});
  const parts: PoolPart[] = ctx.leaders(${jsString(c.team)}).map((leader) => ({
    leader: leader.payee,
    pool: leader.memo(${jsString(`pool:${c.name}`)}, (): Dec => ${amount(c.amount, decEnv('leader'))}),
    weight: weightOf(ctx),
    teamWeight: leader.members(${jsString(c.team)}).reduce((sum, m) => sum.plus(weightOf(m)), ZERO),
  }));
  return poolLine(${info}, parts, ${usedValues(c.uses)});
}`;
      default:
        throw new Error(`the compiler does not handle ${(c as { kind: string }).kind} rules yet`);
    }
  }

  // Requirements, credits and the statement.
  const requirementDecls = ir.requirements.map((r, i) => {
    const env = decEnv('ctx', 'r');
    const parts = [`table: ${jsString(r.table)}`];
    if (r.where) parts.push(`applies: (ctx: Ctx, r: CreditedRow): boolean => ${holds(dec(r.where, env))}`);
    parts.push(`holds: (ctx: Ctx, r: CreditedRow): boolean => ${holds(dec(r.condition, env))}`, `exclude: ${r.exclude}`, `message: ${jsString(r.message)}`, `source: ${sourceRef(r.source)}`);
    return `${doc(r.source)}\nconst ${requirementIds[i]!}: RequirementSpec = {\n  ${parts.join(',\n  ')},\n};\n`;
  });
  const credits = ir.credits.map((c) => {
    const rules = c.rules.map((r) => {
      const env = decEnv('noPayeeContext', 'r');
      const parts = [`to: ${jsString(r.to)}`, `rest: ${r.rest}`];
      if (r.share) parts.push(`share: (row: InputRow): Dec => {\n          const r: CreditedRow = { row, period: "" };\n          return ${amount(r.share, env)};\n        }`);
      if (r.when) parts.push(`when: (row: InputRow): boolean => {\n          const r: CreditedRow = { row, period: "" };\n          return ${holds(dec(r.when, env))};\n        }`);
      parts.push(`rule: ${jsString(r.source.text)}`);
      return `      // ${ruleText(r.source)} — ${at(r.source)}\n      {\n        ${parts.join(',\n        ')},\n      },`;
    });
    return `  {\n    table: ${jsString(c.table)},\n    rules: [\n${rules.join('\n')}\n    ],\n  },`;
  });
  const limitsOn = (name: string) => ir.limits.filter((x) => x.target === name);
  const lineCalls = ir.components.map((c) =>
    limitsOn(c.name).reduce((acc, x) => `limitLine(${acc}, ${jsString(x.bound)}, ${amount(x.value)}, ${jsString(x.source.text)})`, `${componentFns.get(c.name)!}(ctx)`),
  );
  const payoutLimits = limitsOn('payout').map(
    (l) => `{ bound: ${jsString(l.bound)}, value: ${amount(l.value)}, info: { component: ${jsString(`payout_${l.bound}`)}, rule: ${jsString(l.source.text)}, source: ${sourceRef(l.source)} }, values: ${usedValues(l.uses).replace(/\n/g, '\n  ')} }`,
  );
  const ladders = ir.ladders.map(
    (l) =>
      `  // ${ruleText(l.source)} — ${at(l.source)}\n  checkLadder([${l.items.map((i) => amount(i)).join(', ')}], [${l.texts.map((t) => jsString(t)).join(', ')}], [${l.ops.map((o) => jsString(o)).join(', ')}], [${l.items.map((i) => `{ unit: ${jsString(i.unit)}, span: { start: ${i.span.start}, end: ${i.span.end} } }`).join(', ')}]);`,
  );
  const shown = ir.shown.map((s) => {
    const v = s.ref.kind === 'payeeValue' ? `$payeeValueOrEmpty(ctx, ${tbl(s.ref.table).schemaConst}, ${jsString(s.ref.column)})` : dec(s.ref).code;
    return `  $show(values, ${jsString(s.name)}, ${jsString(s.unit)}, ${jsString(unitLabel(s.unit, ir.currency))}, ${v});`;
  });
  const statementParts = `/** One statement's lines (each with its caps and floors), payout limits and shown values: the plan's part of a statement. */
function $statementParts(ctx: Ctx): StatementParts {
${ladders.join('\n')}${ladders.length ? '\n' : ''}  const lines: ComputedLine[] = [
${lineCalls.map((l) => `    ${l},`).join('\n')}
  ];
  const limits: PayoutLimit[] = [${payoutLimits.length ? `\n    ${payoutLimits.join(',\n    ')},\n  ` : ''}];
  const values: NamedValue[] = [];
${shown.join('\n')}
  return { lines, limits, values };
}

/** The plan as the settlement engine runs it: the same specification the interpreter builds. */
const $spec: PlanSpec = {
  file: $file,
  name: $planName,
  currency: $currency,
  settle: $settle,
  yearToDate: ${ir.yearToDate},${ir.settleSource ? `\n  ytdSource: ${sourceRef(ir.settleSource)},` : ''}
  rounding: $rounding,
  tables: $tableList,
  credits: [${credits.length ? `\n${credits.join('\n')}\n` : ''}],
  teams: [${ir.teams.map((t) => `{ name: ${jsString(t.name)}, table: ${jsString(t.table)}, column: ${jsString(t.column)}, depth: ${jsString(t.depth)}${t.until ? `, until: ${jsString(t.until)}` : ''} }`).join(', ')}],
  requirements: [${requirementIds.join(', ')}],
  clawbacks: [${ir.clawbacks.map((cb) => `{ table: ${jsString(cb.table)}, rowName: ${jsString(cb.rowName)}, column: ${jsString(cb.column)}, days: ${cb.days}, rule: ${jsString(cb.source.text)}, source: ${sourceRef(cb.source)} }`).join(', ')}],
${ir.history ? `  history: { table: ${jsString(ir.history.table)}, column: ${jsString(ir.history.column)} },\n` : ''}${ir.draw ? `  draw: { component: ${jsString(ir.draw.name)}, amount: (ctx: Ctx): Dec => ${amount(ir.draw.amount)}, mode: ${jsString(ir.draw.mode)}, rule: ${jsString(ir.draw.source.text)}, source: ${sourceRef(ir.draw.source)} },\n` : ''}  statement: $statementParts,
};
`;

  // ── Assemble the module ───────────────────────────────────────────────────────────────────────
  const lineStarts = options.source !== undefined ? lineStartsOf(options.source) : ruleLines(ir);
  const constError = evaluated.error;
  const out: string[] = [];
  out.push(`/*
 * Generated by payplan from ${commentText(ir.file)}. Do not edit: change the plan and compile again.
 * Plan ${commentText(JSON.stringify(ir.name))}: ${commentText(ir.currency)}, settled by ${ir.settle}${ir.yearToDate ? ' (year to date)' : ''}, rounded ${rounding.mode} to ${commentText(rounding.step)} per ${rounding.point}.
 * Fast path (exact integers): ${fastStatements ? `statements${fastPayouts ? ' and payouts' : ''}` : 'none'}${fastReason ? ` (${commentText(fastReason)})` : ''}.
 */
import { ${runtimeValues.join(', ')} } from ${jsString(runtime)};
import type { ${runtimeTypes.join(', ')} } from ${jsString(runtime)};
import {
${compiledValues.map((family) => `  ${family.map(compiledImport).join(', ')},`).join('\n')}
} from ${jsString(`${runtime}/compiled`)};
import type { ${compiledTypes.map(compiledImport).join(', ')} } from ${jsString(`${runtime}/compiled`)};
export { ComputeError, type PlanDiagnostic, type LoadedData };

const $file = ${jsString(ir.file)};
/** Offsets where the plan's lines start, so errors can name a line and column. */
const $lineStarts: readonly number[] = [${lineStarts.join(', ')}];
const $planName = ${jsString(ir.name)};
const $currency = ${jsString(ir.currency)};
const $settle: PeriodKind = ${jsString(ir.settle)};
const $year: number | undefined = ${ir.year ?? 'undefined'};
/** How the plan's periods are written and the year it covers, for reading its data. */
const $calendar: $PlanCalendar = { settle: $settle, year: $year };
/** The plan's settlement periods, numbered as the fast path meets them. */
const { periodSlot: $periodSlot, slotOfLabel: $slotOfLabel, periodOf: $periodOf, dateSlot: $dateSlot, periodCell: $periodCell, grouping: $grouping } = $periodSlots($settle, $year);
const $rounding: RoundingRule = { mode: ${jsString(rounding.mode)}, step: ${jsString(rounding.step)}, point: ${jsString(rounding.point)} };
/** What the fast path covers for this plan, for messages. */
const $fastPathNote = ${jsString(fastStatements ? `statements${fastPayouts ? ' and payouts' : ''} when the data fits${fastReason ? `; ${fastReason}` : ''}` : `no fast path: ${fastReason ?? ''}`)};

/** The plan this module computes. */
export const plan: { readonly name: string; readonly file: string; readonly currency: string; readonly settle: PeriodKind; readonly yearToDate: boolean; readonly rounding: RoundingRule; readonly year: number | undefined } = {
  name: $planName,
  file: $file,
  currency: $currency,
  settle: $settle,
  yearToDate: ${ir.yearToDate},
  rounding: $rounding,
  year: $year,
};

// ── Input tables ──────────────────────────────────────────────────────────────────────────────
`);
  for (const t of tables) out.push(`const ${t.schemaConst}: TableSchema = ${tableLiteral(t.schema)};`);
  out.push(`const $tableList: readonly TableSchema[] = [${tables.map((t) => t.schemaConst).join(', ')}];
const $planTables = { tables: $tableList };
/** The tables whose payees must have a row in each per-payee table (D006): all but a payment history and dated hierarchies. */
const $paidTables: readonly TableSchema[] = [${paidTables.map((t) => t.schemaConst).join(', ')}];

/** The plan's input tables, as declared. */
export const tables: { ${tables.map((t) => `readonly ${typeKey(t.schema.name)}: TableSchema`).join('; ')} } = { ${tables.map((t) => `${literalKey(t.schema.name)}: ${t.schemaConst}`).join(', ')} };
`);
  for (const t of tables) out.push(rowInterface(t));
  out.push(`/** The zod schema of one input row: validates it and parses its cells (amounts to decimals, dates checked). */
export type RowSchema = ReturnType<typeof rowSchema>;
${tables.map((t) => `export const ${t.schemaId}: RowSchema = rowSchema(${t.schemaConst});`).join('\n')}
export const schemas: { ${tables.map((t) => `readonly ${typeKey(t.schema.name)}: RowSchema`).join('; ')} } = { ${tables.map((t) => `${literalKey(t.schema.name)}: ${t.schemaId}`).join(', ')} };

/** Every input table's rows, as an application passes them. */
export interface Inputs {
${tables.map((t) => `  readonly ${typeKey(t.schema.name)}: readonly ${t.rowType}[];`).join('\n')}
}

// ── Constants and rate tables (computed when the plan was compiled) ───────────────────────────
`);
  out.push(constError ? `/** A constant or rate table that cannot be computed: every run reports it, as the interpreter does. */
const $planError: PlanDiagnostic | undefined = { code: ${jsString(constError.code)}, severity: "error", message: ${jsString(constError.message)}, file: $file, span: { start: ${constError.span.start}, end: ${constError.span.end} } };
` : 'const $planError: PlanDiagnostic | undefined = undefined;\n');
  for (const c of ir.consts) {
    const v = consts.get(c.name);
    const known = consts.has(c.name);
    const value = !known ? 'undefined' : v instanceof Dec ? `new Dec(${jsString(v.toFixed())})` : v === undefined ? 'undefined' : typeof v === 'string' ? jsString(v) : String(v);
    const type = !known ? 'undefined' : v instanceof Dec ? 'Dec' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : 'undefined';
    out.push(`${doc(c.source)}\nconst ${constIds.get(c.name)!}: ${type} = ${value};`);
  }
  for (const r of ir.rates) {
    const v = evaluated.rates.get(r.name);
    const lit = (x: ConstValue) => (x instanceof Dec ? `new Dec(${jsString(x.toFixed())})` : x === undefined ? 'undefined' : typeof x === 'string' ? jsString(x) : String(x));
    const entries = v ? v.entries.map((e) => `[${jsString(e.keys.join('\u0000'))}, ${lit(e.value)}]`) : [];
    out.push(`${doc(r.source)}
const ${rateIds.get(r.name)!}: $Rates = {
  name: ${jsString(r.name)},
  split: ${r.split},
  entries: new Map<string, $Value>([${entries.length ? `\n    ${entries.join(',\n    ')},\n  ` : ''}]),
  fallback: ${v ? lit(v.fallback) : 'undefined'},
  start: ${r.source.span.start},
  end: ${r.source.span.end},
};`);
  }
  const literalDecls = () => [...literals].map(([v, id]) => `const ${id} = new Dec(${jsString(v)});`).join('\n');

  out.push(`
// ── The plan on decimals: what the interpreter computes, as code ──────────────────────────────

/** A base's value and the rows that fed it. */
interface $Sum {
  readonly value: Dec;
  readonly rows: readonly RowRef[];
}
`);
  out.push(...decFns);
  out.push(...requirementDecls);
  out.push(statementParts);
  if (fastStatements) out.push(fastSection());
  out.push(entryPoints());
  // Literals are collected while emitting the rest; declared before first use at run time (functions run later).
  out.push(`// ── Decimal literals of the plan ──\n${literalDecls()}\n`);
  return {
    code: out.join('\n').replace(/\n{3,}/g, '\n\n'),
    fastPath: { statements: fastStatements, payouts: fastStatements && fastPayouts, ...(fastReason !== undefined && { reason: fastReason }) },
    ...(constError && { constError }),
  };

  // ── Pieces ────────────────────────────────────────────────────────────────────────────────────

  function tableLiteral(t: TableSchema): string {
    const cols = t.columns.map((c) => `{ name: ${jsString(c.name)}, type: ${jsString(c.type)}, optional: ${c.optional}, key: ${c.key}${c.bound ? `, bound: { op: ${jsString(c.bound.op)}, value: ${jsString(c.bound.value)} }` : ''} }`);
    return `{ name: ${jsString(t.name)}, kind: ${jsString(t.kind)}, columns: [${cols.join(', ')}]${t.payeeColumn !== undefined ? `, payeeColumn: ${jsString(t.payeeColumn)}` : ''}${t.dateColumn !== undefined ? `, dateColumn: ${jsString(t.dateColumn)}` : ''} }`;
  }

  function rowInterface(t: TableNames): string {
    const inputType = (type: string) =>
      type === 'money' || type === 'decimal' || type === 'count' ? 'number | string' : type === 'boolean' ? 'boolean | string' : type === 'percent' || type === 'date' || type === 'period' ? 'string' : 'string | number';
    const fields: string[] = [];
    if (t.schema.kind !== 'rows') fields.push('  /** Whose row this is. */\n  readonly payee: string | number;');
    if (t.schema.kind === 'payeePeriod') fields.push(`  /** The settlement period, such as ${{ quarter: '2026-Q1', month: '2026-03', half: '2026-H1', year: '2026' }[ir.settle]}. */\n  readonly period: string;`);
    for (const c of t.schema.columns) {
      if (t.schema.kind !== 'rows' && (c.name === 'payee' || c.name === 'period')) continue;
      const notes = [c.type, c.key && 'key', c.optional && 'optional', c.name === t.schema.payeeColumn && 'whose row it is', c.name === t.schema.dateColumn && 'decides the settlement period'].filter(Boolean);
      fields.push(`  /** ${commentText(notes.join(', '))} */\n  readonly ${typeKey(c.name)}${c.optional ? '?' : ''}: ${inputType(c.type)}${c.optional ? ' | null' : ''};`);
    }
    const kind = t.schema.kind === 'rows' ? 'transaction table' : t.schema.kind === 'payee' ? 'table per payee' : 'table per payee per period';
    return `/** A row of the ${kind} \`${commentText(t.schema.name)}\`, as an application passes it (cells as text or numbers). */
export interface ${t.rowType} {
${fields.join('\n')}
}
`;
  }

  function fastSection(): string {
    const cellKind = (type: string): ValueKind => (type === 'boolean' ? 'bool' : type === 'money' || type === 'decimal' || type === 'count' || type === 'percent' ? 'num' : 'str');
    const fixType = (c: { type: string; optional: boolean }) => `${cellKind(c.type) === 'num' ? 'number' : cellKind(c.type) === 'str' ? 'string' : 'boolean'}${c.optional ? ' | undefined' : ''}`;
    const scaleOf = (type: string) => columnScale[type] ?? 0;
    const parts: string[] = [`// ── The fast path: the same plan on exact integers ────────────────────────────────────────────
// Used for a run when every row's numbers fit (money with at most 2 decimals, and so on) and the
// plan settles each payee-period on its own; any surprise sends the whole run to the engine above.
// Transaction rows are kept column by column (numbers in typed arrays), so a million rows are a
// few arrays rather than a million objects.
`];
    parts.push(...fixConsts, '');
    for (const t of rowTables) {
      const cols = t.schema.columns;
      const column = (c: ColumnSchema) => (cellKind(c.type) === 'num' && !c.optional ? 'Float64Array' : `${fixType(c).includes('|') ? `(${fixType(c)})` : fixType(c)}[]`);
      const numbers = cols.filter((c) => cellKind(c.type) === 'num').map((c) => `${commentText(c.name)} at ${scaleOf(c.type)}`);
      parts.push(`/** The \`${commentText(t.schema.name)}\` rows, column by column; numbers as exact integers (${numbers.join(', ') || 'none'} decimals). */
interface ${t.fixRec} {
  /** Each row's number in its source (the CSV line, or the 1-based index of in-memory rows). */
  readonly $row: Int32Array;
  readonly $key: string[];
${cols.map((c) => `  readonly ${jsName(c.name)}: ${column(c)};`).join('\n')}
}

function ${t.fixRec}$columns(n: number): ${t.fixRec} {
  return { $row: new Int32Array(n), $key: new Array<string>(n)${cols.map((c) => `, ${jsName(c.name)}: ${column(c) === 'Float64Array' ? 'new Float64Array(n)' : `new Array(n)`}`).join('')} };
}

/** Loaded \`${commentText(t.schema.name)}\` rows (from @payplan/data) as columns, or undefined when a value has more decimals than the fast path keeps. */
function ${t.fixRec}$ofRows(rows: readonly InputRow[]): ${t.fixRec} | undefined {
  const d = ${t.fixRec}$columns(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const c = r.cells;
${cols
  .map((col) => {
    const m = jsName(col.name);
    const cell = `c[${jsString(col.name)}]`;
    if (cellKind(col.type) !== 'num') return `    d.${m}[i] = ${cell} as ${fixType(col)};`;
    const s = scaleOf(col.type);
    return col.optional
      ? `    const c$${m}$cell = ${cell} as Dec | undefined;\n    const c$${m} = c$${m}$cell === undefined ? undefined : $fixOf(c$${m}$cell, ${s});\n    if (c$${m}$cell !== undefined && c$${m} === undefined) return undefined;\n    d.${m}[i] = c$${m};`
      : `    const c$${m} = $fixOf(${cell} as Dec, ${s});\n    if (c$${m} === undefined) return undefined;\n    d.${m}[i] = c$${m};`;
  })
  .join('\n')}
    d.$row[i] = r.row;
    d.$key[i] = ${t.keyColumn ? `String(c[${jsString(t.keyColumn.name)}])` : '""'};
  }
  return d;
}
`);
      parts.push(fastReader(t));
    }
    for (const t of payeeTables) {
      parts.push(`/** A \`${commentText(t.schema.name)}\` row with its numbers as exact integers. */
interface ${t.fixRec} {
${t.columns.map((c) => `  readonly ${jsName(c.name)}: ${fixType(c)};`).join('\n')}
}

/** A loaded row as integers, or undefined when a value has more decimals than the fast path keeps. */
function ${t.fixRec}$of(r: InputRow): ${t.fixRec} | undefined {
  const c = r.cells;
${t.columns
  .map((col) => {
    const m = jsName(col.name);
    const cell = `c[${jsString(col.name)}]`;
    if (cellKind(col.type) !== 'num') return `  const c$${m} = ${cell} as ${fixType(col)};`;
    const s = scaleOf(col.type);
    return col.optional
      ? `  const c$${m}$cell = ${cell} as Dec | undefined;\n  const c$${m} = c$${m}$cell === undefined ? undefined : $fixOf(c$${m}$cell, ${s});\n  if (c$${m}$cell !== undefined && c$${m} === undefined) return undefined;`
      : `  const c$${m} = $fixOf(${cell} as Dec, ${s});\n  if (c$${m} === undefined) return undefined;`;
  })
  .join('\n')}
  return { ${t.columns.map((c) => `${jsName(c.name)}: c$${jsName(c.name)}`).join(', ')} };
}
`);
    }
    parts.push(`/** One payee in one settlement period: the indexes of their rows in each transaction table, in input order. */
interface $Group {
  readonly payee: string;
  readonly period: string;
  readonly rows: { ${rowTables.map((t) => `readonly ${t.member}: number[]`).join('; ')} };
  /** Payouts read in one pass: each base's and per-row rule's total, summed while reading (no rows kept). */
  sums: Float64Array | undefined;
}

/** A run's data on the fast path: its groups in statement order, the rows, and the per-payee tables. */
interface $FastData {
  readonly groups: readonly $Group[];
${rowTables.map((t) => `  readonly ${t.member}: ${t.fixRec};`).join('\n')}
${payeeTables.map((t) => `  readonly ${t.member}$loaded: ReadonlyMap<string, InputRow>;\n  /** undefined: the payee has a row, but its numbers do not fit the fast path. */\n  readonly ${t.member}$fix: ReadonlyMap<string, ${t.fixRec} | undefined>;`).join('\n')}
}

/** Groups rows by payee and period, and indexes per-payee tables, as the settlement engine does. */
function $newGroup(payee: string, period: string): $Group {
  return { payee, period, rows: { ${rowTables.map((t) => `${t.member}: []`).join(', ')} }, sums: undefined };
}

function $fastData(${[...rowTables.map((t) => `t$${t.member}: ${t.fixRec}`), ...payeeTables.map((t) => `t$${t.member}: readonly InputRow[]`)].join(', ')}, grouping = $grouping($newGroup)): $FastData {
  const group = grouping.get;
${rowTables.map((t) => `  for (let i = 0; i < t$${t.member}.$row.length; i++) group(t$${t.member}.${jsName(t.schema.payeeColumn!)}[i]!, $periodSlot(t$${t.member}.${jsName(t.schema.dateColumn!)}[i]!)).rows.${t.member}.push(i);`).join('\n')}
${payeeTables
  .map(
    (t) => `  const ${t.member}$loaded = new Map<string, InputRow>();
  const ${t.member}$fix = new Map<string, ${t.fixRec} | undefined>();
  for (const r of t$${t.member}) {
    const period = ${t.schema.kind === 'payeePeriod' ? 'String(r.cells["period"])' : '""'};
    const key = String(r.cells["payee"]) + "\\u0000" + period;
    ${t.member}$loaded.set(key, r);
    ${t.member}$fix.set(key, ${t.fixRec}$of(r));${t.schema.kind === 'payeePeriod' ? '\n    group(String(r.cells["payee"]), $slotOfLabel(period));' : ''}
  }`,
  )
  .join('\n')}
  everyPayeePeriod([...grouping.all.map((g) => g.payee)${payeeTables.map((t) => `, ...t$${t.member}.map((r) => String(r.cells["payee"]))`).join('')}], grouping.all.map((g) => g.period), $settle, (payee, period) => group(payee, $slotOfLabel(period)));
  return { groups: grouping.all.sort($byPayeePeriod)${[...rowTables.map((t) => `${t.member}: t$${t.member}`), ...payeeTables.flatMap((t) => [`${t.member}$loaded`, `${t.member}$fix`])].map((x) => `, ${x}`).join('')} };
}

${payeeChecked ? paidCheck() : ''}
/** What the fast path's functions read for one payee and period. */
interface $Fix {
  readonly payee: string;
  readonly period: string;
  readonly data: $FastData;
  readonly group: $Group;
  /** Keep row references for explanations (statements), or compute figures only (payouts). */
  readonly explain: boolean;
  readonly exceptions: StatementException[];
  readonly memo: Map<string, unknown>;
  /** The keys of the payee's rows in per-payee tables: by payee and period, and by payee alone. */
  readonly key: string;
  readonly payeeKey: string;
  /** Each transaction table's rows (indexes) after its requirements, once asked for. */
  readonly rows: { ${rowTables.map((t) => `${t.member}?: readonly number[]`).join('; ')} };
}

/** A base on the fast path: its integer total at a scale, and the rows that fed it. */
interface $FixSum {
  readonly fix: number;
  readonly scale: number;
  readonly rows: readonly RowRef[];
}

function $fix(data: $FastData, group: $Group, explain: boolean): $Fix {
  return { payee: group.payee, period: group.period, data, group, explain, exceptions: [], memo: new Map(), key: group.payee + "\\u0000" + group.period, payeeKey: group.payee + "\\u0000", rows: {} };
}

/** The engine's context, for the plan's decimal functions on the fast path: bases come from the integer scope. */
interface $FastCtx extends Ctx {
  readonly $fix: $Fix;
}

function $fastOf(ctx: Ctx): $Fix | undefined {
  return (ctx as Partial<$FastCtx>).$fix;
}

function $fastCtx(fx: $Fix): $FastCtx {
  const memo = new Map<string, unknown>();
  return {
    payee: fx.payee,
    period: fx.period,
    rows: (): never => $bail(),
    tallies: () => undefined,
    replay: () => undefined,
    payeeRow: (table: string): InputRow | undefined => {
      switch (table) {
${payeeTables.map((t) => `        case ${jsString(t.schema.name)}:\n          return fx.data.${t.member}$loaded.get(fx.payee + "\\u0000" + ${t.schema.kind === 'payeePeriod' ? 'fx.period' : '""'});`).join('\n')}
        default:
          return undefined;
      }
    },
    members: () => [],
    leaders: () => [],
    memo<T>(key: string, compute: () => T): T {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
    exceptions: fx.exceptions,
    $fix: fx,
  };
}

function $sumOf(s: $FixSum): $Sum {
  return { value: $dec(s.fix, s.scale), rows: s.rows };
}
`);
    for (const t of payeeTables) {
      const key = t.schema.kind === 'payeePeriod' ? 'fx.key' : 'fx.payeeKey';
      parts.push(`/** The payee's \`${commentText(t.schema.name)}\` row as integers; a missing row (an error on decimals) bails. */
function ${t.payeeRowFn}(fx: $Fix): ${t.fixRec} {
  return fx.data.${t.member}$fix.get(${key}) ?? $bail();
}
function ${t.payeeRowFn}OrEmpty(fx: $Fix): ${t.fixRec} | undefined {
  const key = ${key};
  return fx.data.${t.member}$fix.has(key) ? (fx.data.${t.member}$fix.get(key) ?? $bail()) : undefined;
}
`);
    }
    for (const t of rowTables) {
      const reqs = ir.requirements.map((r, i) => ({ r, id: requirementIds[i]! })).filter((x) => x.r.table === t.schema.name);
      parts.push(`/** This payee-period's \`${commentText(t.schema.name)}\` rows after the requirements on them; the first use applies them, as the engine does. */
function ${t.rowsFn}(fx: $Fix): readonly number[] {
  let rows = fx.rows.${t.member};
  if (rows === undefined) {
    rows = fx.group.rows.${t.member};
    fx.rows.${t.member} = rows;
${reqs.map((x) => `    rows = ${x.id}$fix(fx, rows);\n    fx.rows.${t.member} = rows;`).join('\n')}
  }
  return rows;
}
`);
    }
    parts.push(...[...fixLets.values()].map((f) => f.code), ...[...fixBases.values()].map((f) => f.code), ...fastRowFns);
    const touch = rowTables.map((t) => `  ${t.rowsFn}(fx);`).join('\n');
    parts.push(`/** A statement on the fast path: requirements first (table by table, as the engine does), then the plan's own functions. */
function $fastStatement(data: $FastData, g: $Group): Statement {
  const fx = $fix(data, g, true);
${touch}
  const parts = $statementParts($fastCtx(fx));
  return assembleStatement(g.payee, g.period, $currency, $rounding, parts.lines, parts.values, fx.exceptions, parts.limits);
}

/** Every statement on the fast path, or undefined when it cannot finish (the engine then runs). */
function $fastStatements(data: $FastData): Statement[] | undefined {
  try {
    return data.groups.map((g) => $fastStatement(data, g));
  } catch (err) {
    if (err === $BAIL || err instanceof PlanError) return undefined;
    throw err;
  }
}
`);
    if (fastPayouts) {
      const items = ir.components.map((c) => ({ code: `${componentFns.get(c.name)!}$fix(fx${c.kind === 'per_row' ? ', undefined' : ''})`, scale: componentScales.get(c.name) ?? 0 }));
      let total: string;
      if (rounding.point === 'total') {
        const s = Math.max(0, ...items.map((p) => p.scale));
        const lifted = items.map((p) => (s > p.scale ? `$up(${p.code}, ${s - p.scale})` : p.code));
        total = roundFix(lifted.reduce((acc, x) => (acc ? `$add(${acc}, ${x})` : x), '') || '0', s);
      } else total = items.map((p) => roundFix(p.code, p.scale)).reduce((acc, x) => (acc ? `$add(${acc}, ${x})` : x), '') || '0';
      parts.push(...fastRuleFns);
      parts.push(`/** A payout on the fast path, in exact integers at ${stepPlaces} decimals: rounded ${rounding.mode} to ${commentText(rounding.step)} per ${rounding.point}, as statements are. */
function $fastPayout(data: $FastData, g: $Group): number {
  const fx = $fix(data, g, false);
${touch}
  return ${total};
}
`);
      if (onePassShape) parts.push(onePassFn());
    }
    return parts.join('\n');
  }

  /** The fast path's check that payees have their rows per payee (D006 in full validation). */
  function paidCheck(): string {
    const has = (t: TableNames) => `data.${t.member}$fix.has(g.payee + "\\u0000"${t.schema.kind === 'payeePeriod' ? ' + g.period' : ''})`;
    const rowsIn = paidTables.filter((t) => t.schema.kind === 'rows').map((t) => `g.rows.${t.member}.length > 0`);
    return `/** Whether a group's payee has a row in every per-payee table (for the group's period, in tables per period). */
function $paid(data: $FastData, g: $Group): boolean {
  return ${paidTables.filter((t) => t.schema.kind !== 'rows').map(has).join(' && ')};
}

/** Whether a group has transaction rows, not only rows per payee. */
function $hasRows(g: $Group): boolean {
  return ${rowsIn.join(' || ') || 'false'};
}
`;
  }

  /** Payouts' data in one pass over plain rows: sums per payee-period, no rows kept (see onePassShape). */
  function onePassFn(): string {
    const env = (): ExprEnv => ({ mode: 'fix', names, scope: 'fx', row: 'i' });
    const loops = rowTables.map((t) => {
      const adds: string[] = [];
      for (const b of ir.bases) {
        if (b.over.kind !== 'table' || b.over.table !== t.schema.name) continue;
        const k = sumSlots.get(`base:${b.name}`)!;
        const v = b.value ? need(emitExpr(b.value, env())).code : '1';
        const where = b.where ? `if (${holds(emitExpr(b.where, env()))}) ` : '';
        adds.push(`    // ${ruleText(b.source)}`, `    ${where}sums[at + ${k}] = $add(sums[at + ${k}]!, ${v});`);
      }
      for (const c of ir.components) {
        if (c.kind !== 'per_row' || c.table !== t.schema.name) continue;
        const k = sumSlots.get(`rule:${c.name}`)!;
        const tests = [c.where, c.when].filter((x): x is IrExpr => !!x).map((x) => holds(emitExpr(x, env())));
        const pay = need(emitExpr(c.pay, env()));
        const v = perRowRound ? roundFix(pay.code, pay.scale) : pay.code;
        adds.push(`    // ${ruleText(c.source)}`, `    ${tests.length ? `if (${tests.join(' && ')}) ` : ''}sums[at + ${k}] = $add(sums[at + ${k}]!, ${v});`);
      }
      const keys = keyCheck(t, `${t.member}$keys`, `${t.member}$given.length`, 'undefined');
      return `  const ${t.member}$given = $given(inputs, ${jsString(t.schema.name)}) ?? [];
  if (!Array.isArray(${t.member}$given)) return undefined;${keys.declare}
  for (let i = 0; i < ${t.member}$given.length; i++) {
    const row: unknown = ${t.member}$given[i];
    if (typeof row !== "object" || row === null) return undefined;
    const o = row as Record<string, unknown>;
${readCells(t, 'undefined', '    ', 'slot')}
${keys.gather}    let slots = byPayee.get(c$${jsName(t.schema.payeeColumn!)});
    if (slots === undefined) byPayee.set(c$${jsName(t.schema.payeeColumn!)}, (slots = []));
    let at = slots[slot];
    if (at === undefined) {
      at = slots[slot] = open(c$${jsName(t.schema.payeeColumn!)}, slot);
      if (at + ${sumSlots.size} > sums.length) sums = $grown(sums);
    }
${adds.join('\n')}
  }
${keys.check}`;
    });
    return `/**
 * Payouts' data in one pass over the rows as an application passes them: this plan excludes no rows
 * and its row rules read nothing but the row, so each payee-period's sums are added up while reading,
 * and no rows are kept. undefined: a row is not plainly written (the usual path then reads them all).
 */
function $onePass(inputs: Inputs, options: ComputeOptions): $FastData | undefined {
  const issues: $Issue[] = [];
  void options;
  const grouping = $grouping($newGroup);
${payeeTables.map((t) => `  const t$${t.member} = ${t.fixRec}$readAll($given(inputs, ${jsString(t.schema.name)}) ?? [], grouping);
  if (!t$${t.member}) return undefined;`).join('\n')}
  // Every group's sums side by side in one array, ${sumSlots.size} per group; each payee's groups by period
  // slot hold their offset, so the common case is one map lookup and two indexes.
  let sums: Float64Array = new Float64Array(${sumSlots.size} * 1024);
  let next = 0;
  const offsets = new Map<$Group, number>();
  const open = (payee: string, slot: number): number => {
    const g = grouping.get(payee, slot);
    let at = offsets.get(g);
    if (at === undefined) offsets.set(g, (at = next)), (next += ${sumSlots.size});
    return at;
  };
  const byPayee = new Map<string, (number | undefined)[]>();
${loops.join('\n')}
  everyPayeePeriod([...grouping.all.map((g) => g.payee)${payeeTables.map((t) => `, ...[...t$${t.member}.keys()].map((k) => k.slice(0, k.indexOf("\\u0000")))`).join('')}], grouping.all.map((g) => g.period), $settle, (payee, period) => grouping.get(payee, $slotOfLabel(period)));
  const data: $FastData = {
    groups: grouping.all.sort($byPayeePeriod)${[...rowTables.map((t) => `${t.member}: ${t.fixRec}$columns(0)`), ...payeeTables.flatMap((t) => [`${t.member}$loaded: new Map<string, InputRow>()`, `${t.member}$fix: t$${t.member}`])].map((x) => `,\n    ${x}`).join('')},
  };
  for (const g of data.groups) {
    const at = offsets.get(g);
    if (at === undefined) g.sums = new Float64Array(${sumSlots.size});
${payeeChecked ? '    else if (!$paid(data, g)) return undefined; // a payee without their row per payee: full validation reports it\n' : ''}    else g.sums = sums.subarray(at, at + ${sumSlots.size});
  }
  return data;
}
${payeeTables.map((t) => payeeFastReader(t)).join('\n')}`;
  }

  /** A per-payee table read straight to integer records when plainly written (one row per payee and period), for payouts in one pass. */
  function payeeFastReader(t: TableNames): string {
    const cols = t.schema.columns.filter((c) => !(c.name === 'payee' || c.name === 'period'));
    const pseudo: TableNames = { ...t, schema: { ...t.schema, columns: cols } };
    const period = t.schema.kind === 'payeePeriod';
    const keys = keyCheck(t, 'keys', 'rows.length', 'undefined');
    return `/** \`${commentText(t.schema.name)}\` rows straight to integer records by payee${period ? ' and period' : ''}; undefined for anything not plainly written (or a payee twice). */
function ${t.fixRec}$readAll(rows: readonly unknown[], grouping: { readonly get: (payee: string, slot: number) => $Group }): Map<string, ${t.fixRec} | undefined> | undefined {
  if (!Array.isArray(rows)) return undefined;
  const out = new Map<string, ${t.fixRec} | undefined>();${keys.declare}
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (typeof row !== "object" || row === null) return undefined;
    const o = row as Record<string, unknown>;
    const c$payee = $textCell(o["payee"]);
    if (c$payee === undefined) return undefined;
${period ? `    const c$period = $periodCell(o["period"]);
    if (c$period === undefined) return undefined;
` : ''}${readCells(pseudo, 'undefined', '    ')}
${keys.gather}    const key = c$payee + "\\u0000" + ${period ? 'c$period' : '""'};
    if (out.has(key)) return undefined;
    out.set(key, { payee: c$payee${period ? ', period: c$period' : ''}${cols.map((c) => `, ${jsName(c.name)}: c$${jsName(c.name)}`).join('')} });${period ? '\n    grouping.get(c$payee, $slotOfLabel(c$period));' : ''}
  }
${keys.check}  return out;
}
`;
  }

  /** Reads one raw row's cells into locals `c$<column>`, in their common spellings; anything else returns `fail`. */
  function readCells(t: TableNames, fail: string, indent: string, slot?: string): string {
    const year = ir.year !== undefined ? jsString(String(ir.year)) : 'undefined';
    const lines: string[] = [];
    for (const c of t.schema.columns) {
      const m = `c$${jsName(c.name)}`;
      const raw = `o[${jsString(c.name)}]`;
      const slotted = slot !== undefined && c.name === t.schema.dateColumn && !c.optional;
      if (slotted && !c.key) {
        // The date matters here only for its period: validated and placed in one reading.
        lines.push(`const ${slot} = $dateSlot(${raw}, ${ir.year ?? 'undefined'});`, `if (${slot} < 0) return ${fail};`);
        continue;
      }
      const read = (x: string) => {
        switch (c.type) {
          case 'money':
          case 'decimal':
          case 'count': {
            const s = columnScale[c.type];
            // Text is the common spelling of money; whole counts often come as numbers.
            return c.type === 'count' ? `(typeof ${x} === "number" ? $fixNumber(${x}, ${s}) : $fixCell(${x}, ${s}))` : `(typeof ${x} === "string" ? $fixText(${x}, ${s}) : $fixCell(${x}, ${s}))`;
          }
          case 'percent':
            return `$percentCell(${x}, ${columnScale['percent']})`;
          case 'date':
            return `$dateCell(${x}, ${c.name === t.schema.dateColumn ? year : 'undefined'})`;
          case 'text':
          case 'payee':
            return `$textCell(${x})`;
          case 'boolean':
            return `$boolCell(${x})`;
          default:
            return 'undefined'; // any other type: the full validation reads it
        }
      };
      if (c.optional) lines.push(`const ${m}$raw = ${raw};`, `const ${m}$empty = $isEmpty(${m}$raw);`, `const ${m} = ${m}$empty ? undefined : ${read(`${m}$raw`)};`, `if (${m} === undefined && !${m}$empty) return ${fail};`);
      else if (['money', 'decimal', 'count'].includes(c.type)) lines.push(`const ${m}$raw = ${raw};`, `const ${m} = ${read(`${m}$raw`)};`, `if (${m} === undefined) return ${fail};`);
      else lines.push(`const ${m} = ${read(raw)};`, `if (${m} === undefined) return ${fail};`);
      if (slotted) lines.push(`const ${slot} = $periodSlot(${m});`); // a date that is a key is kept as text for the key check
    }
    return lines.map((l) => indent + l).join('\n');
  }

  /**
   * The fast readers' duplicate-key check (D005): each row's declared key goes into `keys[i]` while
   * reading, as text equal whenever @payplan/data's key texts are equal (key columns are never
   * optional), and `$mayRepeat` looks for repeats once all are read. Empty strings for a table
   * without declared keys.
   */
  function keyCheck(t: TableNames, keys: string, n: string, fail: string): { declare: string; gather: string; check: string } {
    const cols = t.columns.filter((c) => t.schema.columns.some((k) => k.key && k.name === c.name));
    if (cols.length === 0) return { declare: '', gather: '', check: '' };
    const part = (c: { name: string; type: string }) => {
      const m = `c$${jsName(c.name)}`;
      const scale = columnScale[c.type];
      return scale !== undefined ? `$numberText(${m}, ${scale})` : c.type === 'boolean' ? `String(${m})` : m;
    };
    return {
      declare: `\n  const ${keys} = new Array<string>(${n});`,
      gather: `    ${keys}[i] = ${cols.map(part).join(' + "\\u0000" + ')};\n`,
      check: `  if ($mayRepeat(${keys})) return ${fail}; // a repeated key (${commentText(cols.map((c) => c.name).join(', '))}): full validation reports it\n`,
    };
  }

  /** The key of a raw row read by readCells, as the engine writes it (String of the parsed cell). */
  function keyOfCells(t: TableNames): string {
    const kc = t.keyColumn;
    if (!kc) return '""';
    const m = `c$${jsName(kc.name)}`;
    return kc.type === 'money' || kc.type === 'decimal' || kc.type === 'count' || kc.type === 'percent' ? `$dec(${m}, ${columnScale[kc.type] ?? 0}).toString()` : `String(${m})`;
  }

  /** The hot reader: transaction rows in their common spelling, straight to integer columns. */
  function fastReader(t: TableNames): string {
    const keys = keyCheck(t, 'keys', 'rows.length', 'undefined');
    return `/** \`${commentText(t.schema.name)}\` rows as an application passes them, straight to integer columns when plainly written; undefined sends the data to full validation. */
function ${t.fixRec}$read(rows: readonly unknown[]): ${t.fixRec} | undefined {
  if (!Array.isArray(rows)) return undefined;
  const d = ${t.fixRec}$columns(rows.length);${keys.declare}
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (typeof row !== "object" || row === null) return undefined;
    const o = row as Record<string, unknown>;
${readCells(t, 'undefined', '    ')}
${keys.gather}${t.schema.columns.map((c) => `    d.${jsName(c.name)}[i] = c$${jsName(c.name)};`).join('\n')}
    d.$row[i] = i + 1;
    d.$key[i] = ${keyOfCells(t)};
  }
${keys.check}  return d;
}
`;
  }

  function entryPoints(): string {
    const rowTableUnion = rowTables.map((t) => jsString(t.schema.name)).join(' | ') || 'never';
    const rowTypeUnion = rowTables.map((t) => t.rowType).join(' | ') || 'never';
    const fastRead = fastStatements
      ? `  if (options.fast === false) return { fast: undefined, loaded };
${payeeTables.map((t) => `  const t$${t.member} = $validateRows($calendar, ${t.schemaConst}, $fileOf(options, ${jsString(t.schema.name)}), $given(inputs, ${jsString(t.schema.name)}) ?? [], issues);`).join('\n')}
  if (issues.length) return { fast: undefined, loaded };
${rowTables.map((t) => `  const t$${t.member} = ${t.fixRec}$read($given(inputs, ${jsString(t.schema.name)}) ?? []);`).join('\n')}
  if (${rowTables.map((t) => `!t$${t.member}`).join(' || ') || 'false'}) return { fast: undefined, loaded };
  const fast = $fastData(${[...rowTables, ...payeeTables].map((t) => `t$${t.member}`).join(', ')});
${
  payeeChecked
    ? `  // A payee without their row per payee is an input error (D006), which full validation reports.
  if (!fast.groups.every((g) => !$hasRows(g) || $paid(fast, g))) return { fast: undefined, loaded };
`
    : ''
}  return { fast, loaded };`
      : '  void issues;\n  return { fast: undefined, loaded };';
    return `// ── Entry points ──────────────────────────────────────────────────────────────────────────────

export interface ComputeOptions {
  /** The name of each table's source, for messages and statements (default: the table's name). */
  readonly files?: { ${tables.map((t) => `readonly ${typeKey(t.schema.name)}?: string`).join('; ')} };
  /**
   * false: compute on decimals only; "only": on exact integers only, throwing when that path cannot
   * finish (for tests and benchmarks). The results are the same either way.
   */
  readonly fast?: boolean | "only";
}

/** What \`evaluate\` returns, as the interpreter does: statements, or diagnostics and none. */
export interface Outcome {
  readonly value: RunResult | undefined;
  readonly diagnostics: readonly PlanDiagnostic[];
}

export interface Payout {
  readonly payee: string;
  readonly period: string;
  /** The payout, rounded as the plan says, e.g. "15400.00". */
  readonly payout: string;
}

export interface Contribution {
  readonly payee: string;
  readonly period: string;
  /** The payout with the row and without it ("0.00" when there is no statement). */
  readonly with: string;
  readonly without: string;
  /** with − without: what the row adds to the payout. */
  readonly contribution: string;
  /** The statement with the row, for its explanations. */
  readonly statement: Statement | undefined;
}

/** The settlement engine on loaded rows: the interpreter's run, diagnostic for diagnostic. */
function $engine(data: LoadedData): Outcome {
  if ($planError) return { value: undefined, diagnostics: [$planError] };
  try {
    const settled = $withRunData(data, () => settle($spec, data));
    return { value: settled.result, diagnostics: settled.errors.map((e) => ({ code: e.code, severity: "error", message: e.message, file: e.file, span: e.span })) };
  } catch (err) {
    if (!(err instanceof PlanError)) throw err;
    return { value: undefined, diagnostics: [{ code: err.code, severity: "error", message: err.message, file: $file, span: err.span }] };
  }
}

/**
 * The interpreter's \`evaluate\` for rows loaded by @payplan/data: the same statements, or the same
 * diagnostics and no statements. Never throws for a value that cannot be computed.
 */
export function evaluate(data: LoadedData, options: { readonly fast?: boolean | "only" } = {}): Outcome {
${
  fastStatements
    ? `  if (options.fast !== false && !$planError) {
${rowTables.map((t) => `    const t$${t.member} = ${t.fixRec}$ofRows(data.get(${jsString(t.schema.name)})?.rows ?? []);`).join('\n')}
    if (${rowTables.map((t) => `t$${t.member}`).join(' && ') || 'true'}) {
      const statements = $fastStatements($fastData(${[...rowTables.map((t) => `t$${t.member}`), ...payeeTables.map((t) => `data.get(${jsString(t.schema.name)})?.rows ?? []`)].join(', ')}));
      if (statements) return { value: { plan: $planName, currency: $currency, statements }, diagnostics: [] };
    }
  }
`
    : ''
}  $onlyFast(options, "these statements");
  return $engine(data);
}

/** Inputs read for a run: on the fast path when every row is plainly written, and as loaded rows (validated on first need). */
interface $Read {
  readonly fast: ${fastStatements ? '$FastData' : 'never'} | undefined;
  loaded(): LoadedData;
}

function $read(inputs: Inputs, options: ComputeOptions): $Read {
  let cache: LoadedData | undefined;
  const issues: $Issue[] = [];
  const loaded = (): LoadedData => (cache ??= $loadAll(inputs, options));
${fastRead}
}

/** Every table fully validated, as @payplan/data validates in-memory rows; invalid inputs throw ComputeError. */
function $loadAll(inputs: Inputs, options: ComputeOptions): LoadedData {
  const issues: $Issue[] = [];
  const data = new Map<string, { readonly file: string; readonly rows: readonly InputRow[] }>();
  for (const t of $tableList) {
    const file = $fileOf(options, t.name);
    const rows = $given(inputs, t.name);
    if (rows === undefined) issues.push({ code: "D009", file, message: "no data was given for table " + t.name + "; the plan reads it" });
    else data.set(t.name, { file, rows: $validateRows($calendar, t, file, rows, issues) });
  }
  // As the interpreter's pipeline: payees are checked against the per-payee tables only when the tables are otherwise valid.
  if (issues.every((i) => i.code === "D009")) $unknownPayees($settle, $paidTables, data, issues);
  if (issues.length) $rejectInputs(issues);
  return data;
}

const $hasOwn = Object.prototype.hasOwnProperty;

function $given(inputs: Inputs, table: string): readonly unknown[] | undefined {
  return $hasOwn.call(inputs, table) ? (inputs as unknown as Record<string, readonly unknown[]>)[table] : undefined;
}

function $fileOf(options: ComputeOptions, table: string): string {
  const files = options.files as Record<string, string | undefined> | undefined;
  return (files && $hasOwn.call(files, table) ? files[table] : undefined) ?? table;
}

function $statementsOf(read: $Read, options: ComputeOptions): Statement[] {
${fastStatements ? '  if (read.fast) {\n    const statements = $fastStatements(read.fast);\n    if (statements) return statements;\n  }\n' : ''}  $onlyFast(options, "these statements");
  const outcome = $engine(read.loaded());
  if (!outcome.value) throw new ComputeError(outcome.diagnostics, { file: $file, lineStarts: $lineStarts });
  return [...outcome.value.statements];
}

/** With \`fast: "only"\`, not finishing on exact integers is an error. */
function $onlyFast(options: { readonly fast?: boolean | "only" }, what: string): void {
  if (options.fast === "only") throw new Error("payplan: the exact-integer path cannot compute " + what + " (" + $fastPathNote + ")");
}

/** Statements for every payee and period. Throws ComputeError for invalid inputs or a value that cannot be computed. */
export function computeStatements(inputs: Inputs, options: ComputeOptions = {}): RunResult {
  return { plan: $planName, currency: $currency, statements: $statementsOf($read(inputs, options), options) };
}

/**
 * One payee's statement for one period, or undefined when they have none. On the fast path only that
 * statement is computed (so errors in other payees' statements go unnoticed); otherwise all are.
 */
export function computeStatement(inputs: Inputs, payee: string, period: string, options: ComputeOptions = {}): Statement | undefined {
  return $oneStatement($read(inputs, options), payee, period, options);
}

function $oneStatement(read: $Read, payee: string, period: string, options: ComputeOptions): Statement | undefined {
${
  fastStatements
    ? `  if (read.fast) {
    const g = read.fast.groups.find((x) => x.payee === payee && x.period === period);
    if (!g) return undefined;
    try {
      return $fastStatement(read.fast, g);
    } catch (err) {
      if (err !== $BAIL && !(err instanceof PlanError)) throw err;
    }
  }
`
    : ''
}  return $statementsOf({ fast: undefined, loaded: read.loaded }, options).find((s) => s.payee === payee && s.period === period);
}

/** Every payout, without explanations: the fastest way to the figures, for payroll exports. */
export function computePayouts(inputs: Inputs, options: ComputeOptions = {}): Payout[] {
${
  fastPayouts && fastStatements && onePassShape
    ? `  if (options.fast !== false && !$planError) {
    try {
      const data = $onePass(inputs, options);
      if (data) return data.groups.map((g) => ({ payee: g.payee, period: g.period, payout: $plain($fastPayout(data, g), ${stepPlaces}) }));
    } catch (err) {
      if (err !== $BAIL && !(err instanceof PlanError)) throw err;
    }
  }
`
    : ''
}  const read = $read(inputs, options);
${
  fastPayouts && fastStatements
    ? `  const data = read.fast;
  if (data) {
    try {
      return data.groups.map((g) => ({ payee: g.payee, period: g.period, payout: $plain($fastPayout(data, g), ${stepPlaces}) }));
    } catch (err) {
      if (err !== $BAIL && !(err instanceof PlanError)) throw err;
    }
  }
`
    : ''
}  $onlyFast(options, "these payouts");
  return $statementsOf(read, options).map((s) => ({ payee: s.payee, period: s.period, payout: s.payout }));
}

/**
 * What one transaction row adds to its payee's payout in its period: the payout with the row minus
 * the payout without it. The row may be one of the inputs (the same object, or one with the same key)
 * or a new one, such as a deal being quoted.
 */
export function dealContribution(inputs: Inputs, table: ${rowTableUnion}, row: ${rowTypeUnion}, options: ComputeOptions = {}): Contribution {
  const schema = $tableList.find((t) => t.name === table && t.kind === "rows");
  if (!schema) throw new Error("dealContribution: " + JSON.stringify(table) + " is not a transaction table of this plan");
  const list = $given(inputs, table) ?? [];
  const issues: $Issue[] = [];
  const checked = $validateRows($calendar, schema, $fileOf(options, table), [row], issues)[0];
  if (!checked) return $rejectInputs(issues);
  const keyColumn = schema.columns.find((c) => c.key)?.name;
  const keyOf = (o: unknown): string | undefined =>
    keyColumn !== undefined && typeof o === "object" && o !== null && $hasOwn.call(o, keyColumn) ? String((o as Record<string, unknown>)[keyColumn]).trim() : undefined;
  let at = list.indexOf(row);
  if (at < 0 && keyOf(row) !== undefined) at = list.findIndex((o) => keyOf(o) === keyOf(row));
  const withRows = at < 0 ? [...list, row] : list.map((o, i) => (i === at ? row : o));
  const withoutRows = at < 0 ? list : list.filter((_, i) => i !== at);
  const replaced = (rows: readonly unknown[]): Inputs => {
    const copy: Record<string, unknown> = { ...(inputs as unknown as Record<string, unknown>) };
    Object.defineProperty(copy, table, { value: rows, enumerable: true, writable: true, configurable: true });
    return copy as unknown as Inputs;
  };
  const dated = checked.cells[schema.dateColumn!];
  const payee = String(checked.cells[schema.payeeColumn!]);
  const period = typeof dated === "string" && /^\\d{4}-\\d{2}-\\d{2}$/.test(dated) ? $periodOf(dated) : String(dated);
  const withStatement = $oneStatement($read(replaced(withRows), options), payee, period, options);
  const withoutStatement = $oneStatement($read(replaced(withoutRows), options), payee, period, options);
  const zero = fixed(ZERO, $rounding.step);
  const a = withStatement?.payout ?? zero;
  const b = withoutStatement?.payout ?? zero;
  return { payee, period, with: a, without: b, contribution: fixed(new Dec(a).minus(new Dec(b)), $rounding.step), statement: withStatement };
}
`;
  }
}

/** Offsets where each line of the text starts. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** Without the plan's text: line starts known from where rules start (their lines and columns). */
function ruleLines(ir: IrPlan): number[] {
  const known = new Map<number, number>();
  const note = (s: IrSource) => known.set(s.line, s.span.start - (s.column - 1));
  [...ir.consts, ...ir.lets, ...ir.bases, ...ir.requirements, ...ir.rates, ...ir.limits, ...ir.ladders].forEach((x) => note(x.source));
  for (const c of ir.components) {
    note(c.source);
    if (c.kind === 'commission') c.bands.forEach((b) => note(b.source));
  }
  const max = Math.max(0, ...known.keys());
  const starts: number[] = [];
  for (let line = 1; line <= max; line++) starts.push(known.get(line) ?? starts[starts.length - 1] ?? 0);
  return starts.length ? starts : [0];
}

