/**
 * The fast path section of a compiled module: the same plan on exact integers. Transaction rows kept
 * column by column (numbers in typed arrays) with their readers, per-payee rows as integer records,
 * rows grouped by payee and period as the engine groups them, the scope (`$Fix`) the integer
 * functions of fast/plan.ts read, and the functions that make a statement or a payout from them.
 * Any surprise at run time bails, and the module runs the engine instead.
 */
import type { ColumnSchema } from '@payplan/runtime';
import type { EmitContext, TableNames } from '../context.js';
import { columnScale, type ValueKind } from '../expr.js';
import { commentText, jsName, jsString } from '../names.js';
import { onePassFunction } from './one-pass.js';
import { rowsReader } from './readers.js';
import { streamFunction } from './stream.js';

type Column = { readonly name: string; readonly type: string; readonly optional: boolean };

const cellKind = (type: string): ValueKind => (type === 'boolean' ? 'bool' : type === 'money' || type === 'decimal' || type === 'count' || type === 'percent' ? 'num' : 'str');
const fixType = (c: { type: string; optional: boolean }) => `${cellKind(c.type) === 'num' ? 'number' : cellKind(c.type) === 'str' ? 'string' : 'boolean'}${c.optional ? ' | undefined' : ''}`;
const scaleOf = (type: string) => columnScale[type] ?? 0;

export function fastSection(cx: EmitContext): string {
  const { rowTables, payeeTables, fast } = cx;
  const parts: string[] = [
    `// ── The fast path: the same plan on exact integers ────────────────────────────────────────────
// Used for a run when every row's numbers fit (money with at most 2 decimals, and so on) and the
// plan settles each payee-period on its own; any surprise sends the whole run to the engine above.
// Transaction rows are kept column by column (numbers in typed arrays), so a million rows are a
// few arrays rather than a million objects.
`,
    ...fast.consts,
    '',
  ];
  for (const t of rowTables) parts.push(rowColumns(t), rowsReader(cx, t));
  for (const t of payeeTables) parts.push(payeeRecord(t));
  parts.push(groupsAndScope(cx));
  for (const t of payeeTables) parts.push(payeeRowFunctions(t));
  for (const t of rowTables) parts.push(rowsFunction(cx, t));
  parts.push(...[...fast.lets.values()].map((f) => f.code), ...[...fast.bases.values()].map((f) => f.code), ...fast.rowFns);
  parts.push(statementFunctions(cx));
  if (fast.payouts) {
    parts.push(...fast.ruleFns, payoutFunction(cx));
    if (fast.onePass) parts.push(onePassFunction(cx), streamFunction(cx));
  }
  return parts.join('\n');
}

/** A transaction table's rows as columns: the record type, its allocation, and its reading from loaded rows. */
function rowColumns(t: TableNames): string {
  const cols = t.schema.columns;
  const column = (c: ColumnSchema) => (cellKind(c.type) === 'num' && !c.optional ? 'Float64Array' : `${fixType(c).includes('|') ? `(${fixType(c)})` : fixType(c)}[]`);
  const numbers = cols.filter((c) => cellKind(c.type) === 'num').map((c) => `${commentText(c.name)} at ${scaleOf(c.type)}`);
  return `/** The \`${commentText(t.schema.name)}\` rows, column by column; numbers as exact integers (${numbers.join(', ') || 'none'} decimals). */
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
${cols.map((col) => loadedCell(col, '    ', (m, v) => `d.${m}[i] = ${v};`)).join('\n')}
    d.$row[i] = r.row;
    d.$key[i] = ${t.keyColumn ? `String(c[${jsString(t.keyColumn.name)}])` : '""'};
  }
  return d;
}
`;
}

/**
 * Reads a loaded cell `c[<name>]` as an integer (numbers) or as it is; a number with more decimals
 * than its scale returns undefined. `store` writes the value of member `m` (a local `c$<m>`, or text).
 */
function loadedCell(col: Column, indent: string, store?: (m: string, value: string) => string): string {
  const m = jsName(col.name);
  const cell = `c[${jsString(col.name)}]`;
  const stored = store ? `\n${indent}${store(m, `c$${m}`)}` : '';
  if (cellKind(col.type) !== 'num') return store ? `${indent}${store(m, `${cell} as ${fixType(col)}`)}` : `${indent}const c$${m} = ${cell} as ${fixType(col)};`;
  const s = scaleOf(col.type);
  return col.optional
    ? `${indent}const c$${m}$cell = ${cell} as Dec | undefined;\n${indent}const c$${m} = c$${m}$cell === undefined ? undefined : $fixOf(c$${m}$cell, ${s});\n${indent}if (c$${m}$cell !== undefined && c$${m} === undefined) return undefined;${stored}`
    : `${indent}const c$${m} = $fixOf(${cell} as Dec, ${s});\n${indent}if (c$${m} === undefined) return undefined;${stored}`;
}

/** A per-payee table's row as an integer record, and its reading from a loaded row. */
function payeeRecord(t: TableNames): string {
  return `/** A \`${commentText(t.schema.name)}\` row with its numbers as exact integers. */
interface ${t.fixRec} {
${t.columns.map((c) => `  readonly ${jsName(c.name)}: ${fixType(c)};`).join('\n')}
}

/** A loaded row as integers, or undefined when a value has more decimals than the fast path keeps. */
function ${t.fixRec}$of(r: InputRow): ${t.fixRec} | undefined {
  const c = r.cells;
${t.columns.map((col) => loadedCell(col, '  ')).join('\n')}
  return { ${t.columns.map((c) => `${jsName(c.name)}: c$${jsName(c.name)}`).join(', ')} };
}
`;
}

/** Groups, the run's data on the fast path, the integer scope and the context the decimal functions see. */
function groupsAndScope(cx: EmitContext): string {
  const { rowTables, payeeTables } = cx;
  return `/** One payee in one settlement period: the indexes of their rows in each transaction table, in input order. */
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

${fastDataFunction(cx)}
${cx.payeeChecked ? paidCheck(cx) : ''}
${scopeTypes(cx)}`;
}

/** `$fastData`: rows grouped by payee and period, and per-payee tables indexed, as the settlement engine does. */
function fastDataFunction(cx: EmitContext): string {
  const { rowTables, payeeTables } = cx;
  const params = [...rowTables.map((t) => `t$${t.member}: ${t.fixRec}`), ...payeeTables.map((t) => `t$${t.member}: readonly InputRow[]`)];
  const fields = [...rowTables.map((t) => `${t.member}: t$${t.member}`), ...payeeTables.flatMap((t) => [`${t.member}$loaded`, `${t.member}$fix`])];
  const indexes = payeeTables.map(
    (t) => `  const ${t.member}$loaded = new Map<string, InputRow>();
  const ${t.member}$fix = new Map<string, ${t.fixRec} | undefined>();
  for (const r of t$${t.member}) {
    const period = ${t.schema.kind === 'payeePeriod' ? 'String(r.cells["period"])' : '""'};
    const key = String(r.cells["payee"]) + "\\u0000" + period;
    ${t.member}$loaded.set(key, r);
    ${t.member}$fix.set(key, ${t.fixRec}$of(r));${t.schema.kind === 'payeePeriod' ? '\n    group(String(r.cells["payee"]), $slotOfLabel(period));' : ''}
  }`,
  );
  return `/** Groups rows by payee and period, and indexes per-payee tables, as the settlement engine does. */
function $newGroup(payee: string, period: string): $Group {
  return { payee, period, rows: { ${rowTables.map((t) => `${t.member}: []`).join(', ')} }, sums: undefined };
}

function $fastData(${params.join(', ')}, grouping = $grouping($newGroup)): $FastData {
  const group = grouping.get;
${rowTables.map((t) => `  for (let i = 0; i < t$${t.member}.$row.length; i++) group(t$${t.member}.${jsName(t.schema.payeeColumn!)}[i]!, $periodSlot(t$${t.member}.${jsName(t.schema.dateColumn!)}[i]!)).rows.${t.member}.push(i);`).join('\n')}
${indexes.join('\n')}
  everyPayeePeriod([...grouping.all.map((g) => g.payee)${payeeTables.map((t) => `, ...t$${t.member}.map((r) => String(r.cells["payee"]))`).join('')}], grouping.all.map((g) => g.period), $cal, (payee, period) => group(payee, $slotOfLabel(period)));
  return { groups: grouping.all.sort($byPayeePeriod)${fields.map((x) => `, ${x}`).join('')} };
}
`;
}

/** The fast path's check that payees have their rows per payee (D006 in full validation). */
function paidCheck(cx: EmitContext): string {
  const has = (t: TableNames) => `data.${t.member}$fix.has(g.payee + "\\u0000"${t.schema.kind === 'payeePeriod' ? ' + g.period' : ''})`;
  const rowsIn = cx.paidTables.filter((t) => t.schema.kind === 'rows').map((t) => `g.rows.${t.member}.length > 0`);
  return `/** Whether a group's payee has a row in every per-payee table (for the group's period, in tables per period). */
function $paid(data: $FastData, g: $Group): boolean {
  return ${cx.paidTables.filter((t) => t.schema.kind !== 'rows').map(has).join(' && ')};
}

/** Whether a group has transaction rows, not only rows per payee. */
function $hasRows(g: $Group): boolean {
  return ${rowsIn.join(' || ') || 'false'};
}
`;
}

/** `$Fix`, the integer functions' scope; `$FastCtx`, the engine context the decimal functions see on the fast path. */
function scopeTypes(cx: EmitContext): string {
  const payeeRows = cx.payeeTables.map((t) => `        case ${jsString(t.schema.name)}:\n          return fx.data.${t.member}$loaded.get(fx.payee + "\\u0000" + ${t.schema.kind === 'payeePeriod' ? 'fx.period' : '""'});`);
  return `/** What the fast path's functions read for one payee and period. */
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
  readonly rows: { ${cx.rowTables.map((t) => `${t.member}?: readonly number[]`).join('; ')} };
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
${payeeRows.join('\n')}
        default:
          return undefined;
      }
    },
    members: () => [],
    leaders: () => [],
    earlier: (): never => $bail(),
    payeeRowIn: (): never => $bail(),
    keyedRow: (): never => $bail(),
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
`;
}

/** The payee's row of a per-payee table as integers: required (a missing row bails) or optional. */
function payeeRowFunctions(t: TableNames): string {
  const key = t.schema.kind === 'payeePeriod' ? 'fx.key' : 'fx.payeeKey';
  return `/** The payee's \`${commentText(t.schema.name)}\` row as integers; a missing row (an error on decimals) bails. */
function ${t.payeeRowFn}(fx: $Fix): ${t.fixRec} {
  return fx.data.${t.member}$fix.get(${key}) ?? $bail();
}
function ${t.payeeRowFn}OrEmpty(fx: $Fix): ${t.fixRec} | undefined {
  const key = ${key};
  return fx.data.${t.member}$fix.has(key) ? (fx.data.${t.member}$fix.get(key) ?? $bail()) : undefined;
}
`;
}

/** A payee-period's rows of a transaction table after the requirements on it. */
function rowsFunction(cx: EmitContext, t: TableNames): string {
  const reqs = cx.ir.requirements.map((r, i) => ({ r, id: cx.requirementIds[i]! })).filter((x) => x.r.table === t.schema.name);
  return `/** This payee-period's \`${commentText(t.schema.name)}\` rows after the requirements on them; the first use applies them, as the engine does. */
function ${t.rowsFn}(fx: $Fix): readonly number[] {
  let rows = fx.rows.${t.member};
  if (rows === undefined) {
    rows = fx.group.rows.${t.member};
    fx.rows.${t.member} = rows;
${reqs.map((x) => `    rows = ${x.id}$fix(fx, rows);\n    fx.rows.${t.member} = rows;`).join('\n')}
  }
  return rows;
}
`;
}

/** Requirements first, table by table, as the engine applies them. */
const touchRows = (cx: EmitContext) => cx.rowTables.map((t) => `  ${t.rowsFn}(fx);`).join('\n');

function statementFunctions(cx: EmitContext): string {
  return `/** A statement on the fast path: requirements first (table by table, as the engine does), then the plan's own functions. */
function $fastStatement(data: $FastData, g: $Group): Statement {
  const fx = $fix(data, g, true);
${touchRows(cx)}
  const parts = $statementParts($fastCtx(fx));
  return assembleStatement(g.payee, g.period, $currency, $rounding, parts.lines, parts.values, fx.exceptions, parts.limits, parts.reported);
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
`;
}

/** A payout on integers: every rule's amount, rounded per line or in total as the plan says. */
function payoutFunction(cx: EmitContext): string {
  const { rounding } = cx;
  const items = cx.ir.components.map((c) => ({ code: `${cx.componentFns.get(c.name)!}$fix(fx${c.kind === 'per_row' ? ', undefined' : ''})`, scale: cx.fast.componentScales.get(c.name) ?? 0 }));
  const sum = (xs: readonly string[]) => xs.reduce((acc, x) => (acc ? `$add(${acc}, ${x})` : x), '');
  let total: string;
  if (rounding.point === 'total') {
    const s = Math.max(0, ...items.map((p) => p.scale));
    total = cx.roundFix(sum(items.map((p) => (s > p.scale ? `$up(${p.code}, ${s - p.scale})` : p.code))) || '0', s);
  } else total = sum(items.map((p) => cx.roundFix(p.code, p.scale))) || '0';
  return `/** A payout on the fast path, in exact integers at ${cx.stepPlaces} decimals: rounded ${rounding.mode} to ${commentText(rounding.step)} per ${rounding.point}, as statements are. */
function $fastPayout(data: $FastData, g: $Group): number {
  const fx = $fix(data, g, false);
${touchRows(cx)}
  return ${total};
}
`;
}
