/**
 * The exported entry points of a compiled module and what they share: the public types
 * (ComputeOptions, Outcome, Payout, Contribution), `evaluate` on rows @payplan/data loaded,
 * `computeStatements`, `computeStatement`, `computePayouts` and `dealContribution` on rows as an
 * application passes them. Each tries the fast path where the plan has one and the data is plainly
 * written, and otherwise validates the rows in full and runs the settlement engine (`$engine`), so
 * every entry point returns what the interpreter would, or throws the ComputeError it would report.
 */
import type { EmitContext } from './context.js';
import { jsString, typeKey } from './names.js';

export function entryPoints(cx: EmitContext): string {
  return [publicTypes(cx), engineFunction(), evaluateFunction(cx), readingFunctions(cx), statementFunctions(cx), payoutsFunction(cx), contributionFunction(cx)].join('\n');
}

function publicTypes(cx: EmitContext): string {
  return `// ── Entry points ──────────────────────────────────────────────────────────────────────────────

export interface ComputeOptions {
  /** The name of each table's source, for messages and statements (default: the table's name). */
  readonly files?: { ${cx.tables.map((t) => `readonly ${typeKey(t.schema.name)}?: string`).join('; ')} };
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
`;
}

/** `$engine`: the settlement engine on loaded rows, with the run's data at hand for messages. */
function engineFunction(): string {
  return `/** The settlement engine on loaded rows: the interpreter's run, diagnostic for diagnostic. */
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
`;
}

function evaluateFunction(cx: EmitContext): string {
  return `/**
 * The interpreter's \`evaluate\` for rows loaded by @payplan/data: the same statements, or the same
 * diagnostics and no statements. Never throws for a value that cannot be computed.
 */
export function evaluate(data: LoadedData, options: { readonly fast?: boolean | "only" } = {}): Outcome {
${
  cx.fast.statements
    ? `  if (options.fast !== false && !$planError) {
${cx.rowTables.map((t) => `    const t$${t.member} = ${t.fixRec}$ofRows(data.get(${jsString(t.schema.name)})?.rows ?? []);`).join('\n')}
    if (${cx.rowTables.map((t) => `t$${t.member}`).join(' && ') || 'true'}) {
      const statements = $fastStatements($fastData(${[...cx.rowTables.map((t) => `t$${t.member}`), ...cx.payeeTables.map((t) => `data.get(${jsString(t.schema.name)})?.rows ?? []`)].join(', ')}));
      if (statements) return { value: { plan: $planName, currency: $currency, statements }, diagnostics: [] };
    }
  }
`
    : ''
}  $onlyFast(options, "these statements");
  return $engine(data);
}
`;
}

/** `$read`: a run's inputs, on the fast path when plainly written; `$loadAll`: validated in full. */
function readingFunctions(cx: EmitContext): string {
  return `/** Inputs read for a run: on the fast path when every row is plainly written, and as loaded rows (validated on first need). */
interface $Read {
  readonly fast: ${cx.fast.statements ? '$FastData' : 'never'} | undefined;
  loaded(): LoadedData;
}

function $read(inputs: Inputs, options: ComputeOptions): $Read {
  let cache: LoadedData | undefined;
  const issues: $Issue[] = [];
  const loaded = (): LoadedData => (cache ??= $loadAll(inputs, options));
${fastRead(cx)}
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
  if (issues.every((i) => i.code === "D009")) $unknownPayees($calendar, $paidTables, data, issues);
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
`;
}

/** The body of `$read`: the fast path's reading of per-payee tables (validated) and transaction rows (fast readers). */
function fastRead(cx: EmitContext): string {
  if (!cx.fast.statements) return '  void issues;\n  return { fast: undefined, loaded };';
  const { rowTables, payeeTables } = cx;
  return `  if (options.fast === false) return { fast: undefined, loaded };
${payeeTables.map((t) => `  const t$${t.member} = $validateRows($calendar, ${t.schemaConst}, $fileOf(options, ${jsString(t.schema.name)}), $given(inputs, ${jsString(t.schema.name)}) ?? [], issues);`).join('\n')}
  if (issues.length) return { fast: undefined, loaded };
${rowTables.map((t) => `  const t$${t.member} = ${t.fixRec}$read($given(inputs, ${jsString(t.schema.name)}) ?? []);`).join('\n')}
  if (${rowTables.map((t) => `!t$${t.member}`).join(' || ') || 'false'}) return { fast: undefined, loaded };
  const fast = $fastData(${[...rowTables, ...payeeTables].map((t) => `t$${t.member}`).join(', ')});
${
  cx.payeeChecked
    ? `  // A payee without their row per payee is an input error (D006), which full validation reports.
  if (!fast.groups.every((g) => !$hasRows(g) || $paid(fast, g))) return { fast: undefined, loaded };
`
    : ''
}  return { fast, loaded };`;
}

function statementFunctions(cx: EmitContext): string {
  return `/** The run: its statements and, from the engine, the pools paid to nobody (a plan with teams has no fast path). */
function $resultOf(read: $Read, options: ComputeOptions): RunResult {
${cx.fast.statements ? '  if (read.fast) {\n    const statements = $fastStatements(read.fast);\n    if (statements) return { plan: $planName, currency: $currency, statements };\n  }\n' : ''}  $onlyFast(options, "these statements");
  const outcome = $engine(read.loaded());
  if (!outcome.value) throw new ComputeError(outcome.diagnostics, { file: $file, lineStarts: $lineStarts });
  return outcome.value;
}

function $statementsOf(read: $Read, options: ComputeOptions): Statement[] {
  return [...$resultOf(read, options).statements];
}

/** With \`fast: "only"\`, not finishing on exact integers is an error. */
function $onlyFast(options: { readonly fast?: boolean | "only" }, what: string): void {
  if (options.fast === "only") throw new Error("payplan: the exact-integer path cannot compute " + what + " (" + $fastPathNote + ")");
}

/** Statements for every payee and period. Throws ComputeError for invalid inputs or a value that cannot be computed. */
export function computeStatements(inputs: Inputs, options: ComputeOptions = {}): RunResult {
  return $resultOf($read(inputs, options), options);
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
  cx.fast.statements
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
`;
}

function payoutsFunction(cx: EmitContext): string {
  const payouts = cx.fast.statements && cx.fast.payouts;
  return `/** Every payout, without explanations: the fastest way to the figures, for payroll exports. */
export function computePayouts(inputs: Inputs, options: ComputeOptions = {}): Payout[] {
${
  payouts && cx.fast.onePass
    ? `  if (options.fast !== false && !$planError) {
    try {
      const data = $onePass(inputs, options);
      if (data) return data.groups.map((g) => ({ payee: g.payee, period: g.period, payout: $plain($fastPayout(data, g), ${cx.stepPlaces}) }));
    } catch (err) {
      if (err !== $BAIL && !(err instanceof PlanError)) throw err;
    }
  }
`
    : ''
}  const read = $read(inputs, options);
${
  payouts
    ? `  const data = read.fast;
  if (data) {
    try {
      return data.groups.map((g) => ({ payee: g.payee, period: g.period, payout: $plain($fastPayout(data, g), ${cx.stepPlaces}) }));
    } catch (err) {
      if (err !== $BAIL && !(err instanceof PlanError)) throw err;
    }
  }
`
    : ''
}  $onlyFast(options, "these payouts");
  return $statementsOf(read, options).map((s) => ({ payee: s.payee, period: s.period, payout: s.payout }));
}
`;
}

function contributionFunction(cx: EmitContext): string {
  const rowTableUnion = cx.rowTables.map((t) => jsString(t.schema.name)).join(' | ') || 'never';
  const rowTypeUnion = cx.rowTables.map((t) => t.rowType).join(' | ') || 'never';
  return `/**
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
