/**
 * What-if: how one payee's payout, line by line, moves as one value moves (a base such as `margin`,
 * a per-payee input such as a quota `T`, or a derived value), the data otherwise as it is. Values
 * can also be pinned (overrides): a constant such as a rate, a quota.
 *
 * It works on the checked IR: every use of the chosen value is replaced by a literal, and the plan is
 * evaluated again per sampled point. Bands and steps make payouts jump at thresholds, so besides an
 * even grid the samples include each threshold and a point just below it; a chart that joins the
 * points then draws the jumps as (near) vertical edges instead of slopes.
 *
 * This needs the interpreter directly (the facade's `run` takes plan text, not an IR); moving an
 * `evaluate(ir, data)` entry into @payplan/core would let this depend on the facade alone.
 */
import { check, load, type Input } from '@payplan/core';
import type { IrPlan, Unit } from '@payplan/checker';
import { evaluate, type DataSet } from '@payplan/interpreter';
import { Dec, grouped, type Statement } from '@payplan/runtime';
import { writeCsv } from './csv.js';
import { dataFile, type Session } from './session.js';

export interface WhatIfRequest {
  readonly session: Session;
  readonly payee: string;
  readonly period: string;
  /** The value on the horizontal axis; by default the base of the plan's first commission. */
  readonly variable?: string;
  /** Values pinned by the reader: name → text as typed (`25%`, `120,000`). */
  readonly overrides?: Readonly<Record<string, string>>;
  /** How many evenly spaced samples (thresholds add a few more). */
  readonly samples?: number;
}

export interface WhatIfPoint {
  readonly x: number;
  readonly payout: number;
  /** Each line's amount, by component name. */
  readonly parts: Readonly<Record<string, number>>;
}

/** A value the reader can put on the axis or pin. */
export interface WhatIfValue {
  readonly name: string;
  readonly kind: 'const' | 'let' | 'base' | 'input';
  readonly unit: Unit;
  /** The value for this payee and period, as the statement shows it (overrides applied). */
  readonly value?: string;
  readonly overridden: boolean;
}

export interface WhatIfResult {
  readonly variable?: string;
  readonly unit?: Unit;
  readonly currency?: string;
  /** Statement lines in plan order. */
  readonly components: readonly string[];
  /** The payee's figures at the variable's current value (overrides applied). */
  readonly current?: WhatIfPoint;
  /** When the variable is pinned: the figures at its actual value. */
  readonly actual?: WhatIfPoint;
  readonly points: readonly WhatIfPoint[];
  /** Named thresholds of the same unit (T1, T, …) and literal band bounds, within the plotted range. */
  readonly marks: readonly { readonly name: string; readonly x: number }[];
  readonly values: readonly WhatIfValue[];
  /** Why there is no chart. */
  readonly error?: string;
}

const numeric = new Set<Unit>(['money', 'ratio', 'count', 'decimal', 'number']);

export function whatIf(req: WhatIfRequest): WhatIfResult {
  const empty = (error: string, extra: Partial<WhatIfResult> = {}): WhatIfResult => ({ components: [], points: [], marks: [], values: [], error, ...extra });
  const checked = check(req.session.plan, req.session.file ?? 'plan.payplan');
  if (!checked.ir) return empty('the plan has errors; fix them to see the what-if chart');
  const ir = showingConstants(checked.ir);
  const inputs: Input[] = req.session.tables
    .filter((t) => ir.tables.some((s) => s.name === t.name))
    .map((t) => ({ table: t.name, file: dataFile(t.name), bytes: writeCsv(t).text }));
  const loaded = load(ir, inputs);
  if (loaded.diagnostics.some((d) => d.severity === 'error')) return empty('the data has errors; fix them to see the what-if chart');

  const candidates = valueCandidates(ir);
  const overrides = new Map<string, string>();
  for (const [name, text] of Object.entries(req.overrides ?? {})) {
    const c = candidates.find((v) => v.name === name);
    const v = c && parseValue(text, c.unit);
    if (v !== undefined) overrides.set(name, v);
  }
  const pinned = substitute(ir, overrides);
  const full = statementOf(pinned, loaded.data, req.payee, req.period);
  if (!full) return empty(`no statement for ${req.payee} in ${req.period}`);
  // Other payees' rows rarely matter to one payee's statement; check that before dropping them.
  const own = payeeData(ir, loaded.data, req.payee);
  const mine = statementOf(pinned, own, req.payee, req.period);
  const data = mine && mine.payout === full.payout ? own : loaded.data;

  const values: WhatIfValue[] = candidates.map((c) => {
    const v = valueText(full, c.name, ir);
    return { ...c, ...(v !== undefined && { value: v }), overridden: overrides.has(c.name) };
  });
  const components = full.lines.map((l) => l.component);
  const axis = candidates.filter((c) => c.kind !== 'const' && numeric.has(c.unit));
  const variable = req.variable && axis.some((c) => c.name === req.variable) ? req.variable : defaultVariable(ir, axis);
  const base = { components, values, currency: ir.currency, current: point(0, full) };
  if (!variable) return { ...base, points: [], marks: [], error: 'the plan has no value to vary' };
  const unit = axis.find((c) => c.name === variable)!.unit;
  const currentText = values.find((v) => v.name === variable)?.value;
  const currentX = currentText === undefined ? 0 : Number(parseValue(currentText, unit) ?? 0);

  // The axis spans the value as it actually is (not as pinned), so dragging a pin does not rescale it.
  let actualX = currentX;
  let actual: WhatIfPoint | undefined;
  if (overrides.has(variable)) {
    const unpinned = statementOf(substitute(ir, new Map([...overrides].filter(([k]) => k !== variable))), data, req.payee, req.period);
    const text = unpinned && valueText(unpinned, variable, ir);
    if (text !== undefined) actualX = Number(parseValue(text, unit) ?? 0);
    if (unpinned) actual = point(actualX, unpinned);
  }
  const marks = thresholdMarks(ir, full, variable, unit);
  const top = niceCeiling(Math.max(actualX * 1.5, currentX * 1.05, ...marks.map((m) => m.x * 1.25), unit === 'ratio' ? 1.5 : 1));
  const samples = Math.max(2, Math.min(400, req.samples ?? 100));
  const xs = new Set<number>();
  for (let i = 0; i <= samples; i++) xs.add((top * i) / samples);
  const nudge = top / 1e6;
  for (const m of marks) if (m.x > 0 && m.x <= top) (xs.add(m.x), xs.add(m.x - nudge));
  xs.add(currentX);
  const points: WhatIfPoint[] = [];
  for (const x of [...xs].filter((v) => v >= 0).sort((a, b) => a - b)) {
    const st = statementOf(substitute(ir, new Map([...overrides, [variable, decimalText(x)]])), data, req.payee, req.period);
    if (st) points.push(point(x, st));
  }
  return {
    ...base,
    variable,
    unit,
    current: point(currentX, full),
    ...(actual && { actual }),
    points,
    marks: marks.filter((m) => m.x > 0 && m.x <= top),
  };
}

function point(x: number, st: Statement): WhatIfPoint {
  const parts: Record<string, number> = {};
  for (const l of st.lines) parts[l.component] = Number(l.amount);
  return { x, payout: Number(st.payout), parts };
}

function statementOf(ir: IrPlan, data: DataSet, payee: string, period: string): Statement | undefined {
  const r = evaluate(ir, data);
  return r.value?.statements.find((s) => s.payee === payee && s.period === period);
}

/** The IR with every constant among the shown values, so statements carry their values too. */
function showingConstants(ir: IrPlan): IrPlan {
  const extra = ir.consts
    .filter((c) => numeric.has(c.unit) && !ir.shown.some((s) => s.name === c.name))
    .map((c) => ({ name: c.name, unit: c.unit, ref: { kind: 'const' as const, name: c.name, unit: c.unit, span: c.source.span } }));
  return extra.length ? { ...ir, shown: [...ir.shown, ...extra] } : ir;
}

/** The rows of one payee only. */
function payeeData(ir: IrPlan, data: DataSet, payee: string): DataSet {
  const out = new Map<string, { file: string; rows: NonNullable<ReturnType<DataSet['get']>>['rows'] }>();
  for (const t of ir.tables) {
    const d = data.get(t.name);
    if (!d) continue;
    const column = t.kind === 'rows' ? t.payeeColumn! : 'payee';
    out.set(t.name, { file: d.file, rows: d.rows.filter((r) => r.cells[column] === payee) });
  }
  return out;
}

/** Values a reader can vary or pin: constants, per-payee inputs, bases and derived values. */
export function valueCandidates(ir: IrPlan): Omit<WhatIfValue, 'value' | 'overridden'>[] {
  const out: Omit<WhatIfValue, 'value' | 'overridden'>[] = [];
  for (const c of ir.consts) if (numeric.has(c.unit)) out.push({ name: c.name, kind: 'const', unit: c.unit });
  for (const s of ir.shown) {
    if (!numeric.has(s.unit) || out.some((o) => o.name === s.name)) continue;
    const kind = s.ref.kind === 'base' ? 'base' : s.ref.kind === 'let' ? 'let' : 'input';
    out.push({ name: s.name, kind, unit: s.unit });
  }
  return out;
}

/** The base the first commission (or other rule with a base) is paid on, when it is a plain name. */
function defaultVariable(ir: IrPlan, axis: readonly { name: string }[]): string | undefined {
  for (const c of ir.components) {
    const on = 'base' in c ? c.base : 'on' in c ? c.on : undefined;
    const name = on && nameOf(on);
    if (name && axis.some((a) => a.name === name)) return name;
  }
  return axis.find((a) => a.name)?.name;
}

function nameOf(e: unknown): string | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const n = e as { kind?: string; name?: string; column?: string };
  if (n.kind === 'base' || n.kind === 'let' || n.kind === 'const') return n.name;
  if (n.kind === 'payeeValue') return n.column;
  return undefined;
}

/** A value as the statement shows it: a shown value, or one a rule used, or a constant's literal. */
function valueText(st: Statement, name: string, ir: IrPlan): string | undefined {
  const v = st.values.find((x) => x.name === name) ?? st.lines.flatMap((l) => l.explanation.values).find((x) => x.name === name);
  if (v) return v.value;
  const c = ir.consts.find((x) => x.name === name);
  if (c?.value.kind === 'num') return c.unit === 'ratio' ? `${new Dec(c.value.value).mul(100).toFixed()}%` : c.value.value;
  return undefined;
}

/** Parses a value as typed: `120,000`, `20%` (for percentages, `0.2` is also accepted). Decimal text, or undefined. */
export function parseValue(text: string, unit: Unit): string | undefined {
  const t = text.trim().replace(/,/g, '');
  const pct = /^([+-]?\d+(?:\.\d+)?)\s*%$/.exec(t);
  if (pct) return unit === 'ratio' ? new Dec(pct[1]!).div(100).toFixed() : undefined;
  if (!/^[+-]?\d+(?:\.\d+)?$/.test(t)) return undefined;
  return new Dec(t).toFixed();
}

const decimalText = (x: number): string => new Dec(x.toFixed(6)).toFixed();

/** Thresholds worth marking: named values of the variable's unit on the statement, and literal band bounds. */
function thresholdMarks(ir: IrPlan, st: Statement, variable: string, unit: Unit): { name: string; x: number }[] {
  const marks = new Map<string, number>();
  const label = st.values.find((v) => v.name === variable)?.unit;
  const named = [...st.values, ...st.lines.flatMap((l) => l.explanation.values)];
  for (const v of named) {
    if (v.name === variable || v.unit !== label || marks.has(v.name)) continue;
    const x = Number(parseValue(v.value, unit));
    if (Number.isFinite(x) && x > 0) marks.set(v.name, x);
  }
  // The bounds of bands and steps on the variable: literals (`below 1,000,000`) and names of any unit
  // (an untyped constant such as `const T1 = 60% of T` is a number, not money).
  for (const c of ir.components) {
    const on = 'base' in c ? c.base : 'on' in c ? c.on : undefined;
    if (!on || nameOf(on) !== variable) continue;
    const bounds = 'bands' in c ? c.bands.flatMap((b) => [b.lower, b.upper]) : 'steps' in c ? c.steps.map((s) => s.at) : [];
    for (const b of bounds) {
      if (b?.kind === 'num') marks.set(grouped(b.value), Number(b.value));
      const name = nameOf(b);
      const v = name !== undefined && !marks.has(name) ? named.find((x) => x.name === name) : undefined;
      const x = v && Number(parseValue(v.value, unit));
      if (name !== undefined && x !== undefined && Number.isFinite(x) && x > 0) marks.set(name, x);
    }
  }
  return [...marks].map(([name, x]) => ({ name, x })).sort((a, b) => a.x - b.x);
}


/** 137,000 → 150,000: an axis end a reader can take in. */
export function niceCeiling(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= x - 1e-9) return m * p;
  return 10 * p;
}

/**
 * The IR with every use of the named values replaced by literals. Constants and derived values get
 * the literal as their definition; a base becomes a derived value, so explanations that list it show
 * the pinned figure.
 */
export function substitute(ir: IrPlan, values: ReadonlyMap<string, string>): IrPlan {
  if (!values.size) return ir;
  const literal = (value: string, unit: Unit, span: { start: number; end: number }) => ({ kind: 'num' as const, value, unit, span });
  const map = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(map);
    if (!node || typeof node !== 'object') return node;
    const n = node as Record<string, unknown>;
    if (typeof n['kind'] === 'string' && typeof n['unit'] === 'string' && n['span']) {
      const key = n['kind'] === 'payeeValue' ? (n['column'] as string) : ['const', 'let', 'base'].includes(n['kind'] as string) ? (n['name'] as string) : undefined;
      const v = key !== undefined ? values.get(key) : undefined;
      if (v !== undefined) return literal(v, n['unit'] as Unit, n['span'] as { start: number; end: number });
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(n)) out[k] = map(n[k]);
    return out;
  };
  const next = map(ir) as { -readonly [K in keyof IrPlan]: IrPlan[K] };
  const define = <T extends { name: string; unit: Unit; value: unknown; source: { span: { start: number; end: number } } }>(d: T): T => {
    const v = values.get(d.name);
    return v === undefined ? d : { ...d, value: literal(v, d.unit, d.source.span) };
  };
  next.consts = next.consts.map(define);
  const pinnedBases = next.bases.filter((b) => values.has(b.name));
  next.bases = next.bases.filter((b) => !values.has(b.name));
  next.lets = [...pinnedBases.map((b) => ({ name: b.name, unit: b.unit, value: literal(values.get(b.name)!, b.unit, b.source.span), source: b.source })), ...next.lets.map(define)];
  return next;
}
