/**
 * The support code every compiled module carries at its end: the interpreter's checks and errors,
 * exact integer arithmetic for the fast path, and the reading of input rows. It is plain text (the
 * module imports nothing but @payplan/runtime), fixed for every plan; the differential tests run it
 * against the interpreter for every example plan. It contains no `${`, so it is safe in any literal.
 */
export const prelude = String.raw`
// ── Support code (the same in every compiled plan) ─────────────────────────────────────────────

/** A diagnostic as the interpreter reports it: a code, a message and a span of the plan or a data file. */
export interface PlanDiagnostic {
  readonly code: string;
  readonly severity: "error";
  readonly message: string;
  readonly file: string;
  readonly span: { readonly start: number; readonly end: number };
}

/** What the compute functions throw: every problem found, the first named with its plan line. */
export class ComputeError extends Error {
  readonly diagnostics: readonly PlanDiagnostic[];
  constructor(diagnostics: readonly PlanDiagnostic[]) {
    const first = diagnostics[0];
    const more = diagnostics.length > 1 ? " (and " + (diagnostics.length - 1) + " more)" : "";
    super(first ? $where(first) + ": error[" + first.code + "]: " + first.message + more : "the plan could not be computed");
    this.name = "ComputeError";
    this.diagnostics = diagnostics;
  }
}

/** "plan.payplan:12:9" for a diagnostic in the plan; the data file's name for one in the data. */
function $where(d: PlanDiagnostic): string {
  if (d.file !== $file || (d.span.start === 0 && d.span.end === 0)) return d.file;
  let line = 0;
  while (line + 1 < $lineStarts.length && $lineStarts[line + 1]! <= d.span.start) line++;
  return d.file + ":" + (line + 1) + ":" + (d.span.start - $lineStarts[line]! + 1);
}

/** The data of the run in progress, for messages naming a data file (set by $engine for one synchronous run). */
let $data: LoadedData | undefined;

const $empty = "a value used here is empty";
const $guard = "; guard optional columns with \x60is set\x60";

/** A number operand that may be empty, as the interpreter's num checks it. */
function $num(v: Dec | undefined, start: number, end: number): Dec {
  if (v === undefined) throw new PlanError("R003", $empty + $guard, { start, end });
  return v;
}

/** An amount a rule needs (a base's summand, a band's bound or pay): empty is an error, naming the row if any. */
function $amount(v: Dec | undefined, start: number, end: number, table?: string, r?: CreditedRow): Dec {
  if (v === undefined) throw new PlanError("R003", $empty + (table !== undefined && r ? " (" + ($data?.get(table)?.file ?? table) + " row " + r.row.row + ")" : "") + $guard, { start, end });
  return v;
}

/** Division: the divisor is checked first, then the dividend is computed. */
function $div(divisor: Dec, start: number, end: number, dividend: () => Dec): Dec {
  if (divisor.isZero()) throw new PlanError("R002", "division by zero", { start, end });
  return dividend().div(divisor);
}

type $Value = Dec | string | boolean | undefined;

/** A comparison where a side may be empty: equality treats empty as a value; ordering it is an error. */
function $cmp(op: "=" | "!=" | "<" | "<=" | ">" | ">=", a: $Value, b: $Value, start: number, end: number): boolean {
  if (op === "=" || op === "!=") {
    const same = a === undefined || b === undefined ? a === b : $order(a, b, start, end) === 0;
    return op === "=" ? same : !same;
  }
  const o = $order(a, b, start, end);
  return op === "<" ? o < 0 : op === "<=" ? o <= 0 : op === ">" ? o > 0 : o >= 0;
}

function $order(a: $Value, b: $Value, start: number, end: number): number {
  if (a instanceof Dec && b instanceof Dec) return a.cmp(b);
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (a === undefined || b === undefined) throw new PlanError("R003", "a value compared here is empty" + $guard, { start, end });
  return a === b ? 0 : 1;
}

/** A column of the payee's row of a per-payee table; no row is an error naming the column. */
function $payeeValue(ctx: Ctx, table: TableSchema, column: string, start: number, end: number): CellValue {
  const row = ctx.payeeRow(table.name);
  if (row) return row.cells[column];
  throw noPayeeRow(table.name, table.kind === "payeePeriod", ctx.payee, ctx.period, column, { start, end });
}

/** The same, empty when the payee has no row (for is-set tests and shown values). */
function $payeeValueOrEmpty(ctx: Ctx, table: TableSchema, column: string): CellValue {
  return ctx.payeeRow(table.name)?.cells[column];
}

/** A rate table: its entries by canonical key text, and its fallback (or none, for a split). */
interface $Rates {
  readonly name: string;
  readonly split: boolean;
  readonly entries: ReadonlyMap<string, $Value>;
  readonly fallback: $Value;
  readonly start: number;
  readonly end: number;
}

/** A value as a rate-table key: the canonical text the checker made of the table's keys. */
function $keyText(v: $Value, start: number, end: number): string {
  if (v === undefined) throw new PlanError("R003", "a rate table key used here is empty", { start, end });
  if (v instanceof Dec) return v.toFixed();
  return typeof v === "boolean" ? (v ? "true" : "false") : v;
}

function $lookup(t: $Rates, keys: readonly string[]): $Value {
  const id = keys.join("\u0000");
  if (t.entries.has(id)) return t.entries.get(id);
  if (t.split) throw noSplitPart(t.name, keys, { start: t.start, end: t.end });
  return t.fallback;
}

/** A row's amount scaled by the share credited to this payee. */
function $credited(v: Dec, r: CreditedRow): Dec {
  return r.share ? v.mul(r.share) : v;
}

/** A value shown on the statement, when the payee has it. */
function $show(out: NamedValue[], name: string, unit: "money" | "ratio" | "count" | "decimal" | "number" | "boolean" | "text" | "date" | "payee", label: string, v: $Value): void {
  if (v !== undefined) out.push({ name, value: valueText(v, unit), unit: label });
}

// ── Exact integers (the fast path) ──
// A number n at scale s stands for n / 10^s. Every result is checked to lie within ±(2^53 − 1),
// where doubles hold integers exactly: an operation on exact operands whose true result lies in that
// range is computed exactly, and one whose true result lies outside it lands outside it too, so the
// check catches it. Anything unexpected bails, and the payee-period is recomputed with decimals.

const $BAIL: unique symbol = Symbol("payplan.bail");
const $MAX = 9007199254740991;
const $P10: readonly number[] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];

function $bail(): never {
  throw $BAIL;
}
function $ck(n: number): number {
  return n <= $MAX && n >= -$MAX ? n : $bail();
}
function $add(a: number, b: number): number {
  return $ck(a + b);
}
function $sub(a: number, b: number): number {
  return $ck(a - b);
}
function $mul(a: number, b: number): number {
  return $ck(a * b);
}
function $up(n: number, k: number): number {
  return $ck(n * $P10[k]!);
}
function $upq(n: number | undefined, k: number): number | undefined {
  return n === undefined ? undefined : $up(n, k);
}
function $need<T>(v: T | undefined): T {
  return v === undefined ? $bail() : v;
}
function $cmpq(op: "=" | "!=" | "<" | "<=" | ">" | ">=", a: number | undefined, b: number | undefined): boolean {
  if (op === "=") return a === b;
  if (op === "!=") return a !== b;
  if (a === undefined || b === undefined) return $bail();
  return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
}

/** Computes a value once per fast-path scope (lets and bases, as the engine's memo does). */
function $memo<T>(fx: { readonly memo: Map<string, unknown> }, key: string, compute: () => T): T {
  if (!fx.memo.has(key)) fx.memo.set(key, compute());
  return fx.memo.get(key) as T;
}

/** A comparison of text, dates or yes/no values on the fast path where a side may be empty (ordering an empty value bails). */
function $cmpFix(op: "=" | "!=" | "<" | "<=" | ">" | ">=", a: string | boolean | undefined, b: string | boolean | undefined): boolean {
  if (op === "=") return a === b;
  if (op === "!=") return a !== b;
  if (typeof a !== "string" || typeof b !== "string") return $bail();
  return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
}

/** n at scale s as plain text with exactly s decimals: (1234, 2) → "12.34"; never "-0". */
function $plain(n: number, scale: number): string {
  if (n === 0) return scale === 0 ? "0" : "0." + "0".repeat(scale);
  const neg = n < 0;
  let s = String(neg ? -n : n);
  if (scale === 0) return (neg ? "-" : "") + s;
  if (s.length <= scale) s = "0".repeat(scale - s.length + 1) + s;
  return (neg ? "-" : "") + s.slice(0, s.length - scale) + "." + s.slice(s.length - scale);
}

/** The runtime's moneyText of n at scale s: two decimals, or more when the value has them. */
function $moneyText(n: number, scale: number): string {
  while (scale > 2 && n % 10 === 0) {
    n /= 10;
    scale--;
  }
  const s = $plain(n, scale);
  return scale === 2 ? s : scale === 1 ? s + "0" : scale === 0 ? s + ".00" : s;
}

/** n at scale s as a decimal (exact). */
function $dec(n: number, scale: number): Dec {
  return n === 0 ? ZERO : new Dec($plain(n, scale));
}

/** A decimal as an integer at the given scale, or undefined when it has more decimals or is too large. */
function $fixOf(d: Dec, scale: number): number | undefined {
  if (d.decimalPlaces() > scale) return undefined;
  const n = Number(d.toFixed(scale).replace(".", ""));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Rounds n at scale s to a multiple of the step k at scale ks, as the runtime's roundTo does. */
function $round(n: number, scale: number, k: number, ks: number, mode: "half_up" | "half_even" | "down" | "up"): number {
  let a = n;
  let d = k;
  if (scale >= ks) d = $mul(k, $P10[scale - ks]!);
  else a = $up(n, ks - scale);
  // |a| and d are safe integers, so a / d truncates to the exact integer quotient.
  const q = Math.trunc(a / d);
  const r = a - q * d;
  let u = q;
  if (r !== 0) {
    const twice = 2 * Math.abs(r);
    const away = mode === "up" ? true : mode === "down" ? false : twice > d || (twice === d && (mode === "half_up" || q % 2 !== 0));
    if (away) u = a < 0 ? q - 1 : q + 1;
  }
  return $mul(u, k);
}

/** The band a base falls in (whole amount), after the runtime's check that bounds rise; -1 for none. */
function $wholeBand(base: number, lower: readonly (number | undefined)[], upper: readonly (number | undefined)[]): number {
  $rising(lower, upper);
  for (let i = 0; i < lower.length; i++) {
    const lo = lower[i];
    const hi = upper[i];
    if (lo !== undefined && base < lo) continue;
    if (hi !== undefined && base >= hi) continue;
    return i;
  }
  return -1;
}

/** Band bounds out of order are an error the decimal path reports (R001): bail to it. */
function $rising(lower: readonly (number | undefined)[], upper: readonly (number | undefined)[]): void {
  let prev: number | undefined;
  for (let i = 0; i < lower.length; i++) {
    const lo = lower[i];
    const hi = upper[i];
    if (lo !== undefined && hi !== undefined && lo > hi) $bail();
    if (prev !== undefined && lo !== undefined && lo < prev) $bail();
    prev = hi ?? lo ?? prev;
  }
}

// ── Reading input rows ──
// Rows an application passes are read as @payplan/data reads in-memory rows: numbers become their
// text, text is trimmed, an empty cell (empty text, null, undefined) is a missing value. The fast
// readers take the common well-formed spellings straight to integers; any other row sends the whole
// data set through the full validation, which reads every cell through the runtime's zod schemas.

const $hasOwn = Object.prototype.hasOwnProperty;
const $digits = /^-?\d+(\.\d+)?$/;

/**
 * A plain decimal number ("-12.5", 7) as an integer at the scale, or undefined for anything else
 * (other spellings, more decimals than the scale, too large): the full validation then reads it.
 * Accepts exactly what @payplan/data's plain-number shortcut accepts, /^-?\d+(\.\d+)?$/ after trim.
 */
function $fixCell(raw: unknown, scale: number): number | undefined {
  return typeof raw === "string" ? $fixText(raw, scale) : typeof raw === "number" ? $fixNumber(raw, scale) : undefined;
}

function $fixNumber(raw: number, scale: number): number | undefined {
  if (!Number.isSafeInteger(raw)) return Number.isFinite(raw) ? $fixText(String(raw), scale) : undefined;
  const n = raw * $P10[scale]!;
  return Number.isSafeInteger(n) ? n + 0 : undefined;
}

function $fixText(raw: string, scale: number): number | undefined {
  const end = raw.length;
  if (end === 0) return undefined;
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(end - 1);
  if (first <= 32 || last <= 32 || first >= 127 || last >= 127) {
    const t = raw.trim();
    return t === raw || t === "" ? undefined : $fixText(t, scale);
  }
  let i = first === 45 ? 1 : 0;
  let v = 0;
  // Whole digits, then (after a dot) at most scale decimals.
  const start = i;
  for (; i < end; i++) {
    const c = raw.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
  }
  if (i === start || i - start > 15) return undefined;
  let places = 0;
  if (i < end) {
    if (raw.charCodeAt(i) !== 46 || i + 1 === end || end - i - 1 > scale) return undefined;
    for (i++; i < end; i++) {
      const c = raw.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      v = v * 10 + c;
      places++;
    }
  }
  // Written at the full scale (the common case) the digits are the integer: no multiplication.
  const n = places === scale ? v : v * $P10[scale - places]!;
  if (n > $MAX) return undefined;
  return first === 45 ? 0 - n : n;
}

/** Text or payee cell in its common spelling: a non-empty string (trimmed) or a finite number. */
function $textCell(raw: unknown): string | undefined {
  if (typeof raw === "string") {
    const n = raw.length;
    if (n === 0) return undefined;
    const a = raw.charCodeAt(0);
    const b = raw.charCodeAt(n - 1);
    if (a > 32 && b > 32 && a < 127 && b < 127) return raw;
    const t = raw.trim();
    return t === "" ? undefined : t;
  }
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  return undefined;
}

/** A yes/no cell in its common spelling, as the runtime's boolean schema reads it. */
function $boolCell(raw: unknown): boolean | undefined {
  if (typeof raw === "boolean") return raw;
  if (typeof raw !== "string") return undefined;
  const t = raw.trim().toLowerCase();
  return t === "true" || t === "yes" || t === "y" || t === "1" ? true : t === "false" || t === "no" || t === "n" || t === "0" ? false : undefined;
}

/** A percentage cell ("12.5%") as an integer at the scale (0.125 at scale 4 is 1250), or undefined. */
function $percentCell(raw: unknown, scale: number): number | undefined {
  if (typeof raw !== "string") return undefined;
  const m = /^([+-]?\d+(\.\d+)?)\s*%$/.exec(raw.trim());
  return m ? $fixCell(m[1]!.replace(/^\+/, ""), scale - 2) : undefined;
}

const $monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** An ISO date cell (YYYY-MM-DD, a real calendar day, in the year if given), or undefined. Mirrors the runtime's parseDate. */
function $dateCell(raw: unknown, year: string | undefined): string | undefined {
  if (typeof raw !== "string") return undefined;
  const t = raw.length === 10 ? raw : raw.trim();
  if (t.length !== 10 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return undefined;
  const d0 = t.charCodeAt(0) - 48, d1 = t.charCodeAt(1) - 48, d2 = t.charCodeAt(2) - 48, d3 = t.charCodeAt(3) - 48;
  const m0 = t.charCodeAt(5) - 48, m1 = t.charCodeAt(6) - 48, a0 = t.charCodeAt(8) - 48, a1 = t.charCodeAt(9) - 48;
  if ((d0 | d1 | d2 | d3 | m0 | m1 | a0 | a1) < 0 || d0 > 9 || d1 > 9 || d2 > 9 || d3 > 9 || m0 > 9 || m1 > 9 || a0 > 9 || a1 > 9) return undefined;
  if (year !== undefined && !t.startsWith(year)) return undefined;
  const y = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
  const m = m0 * 10 + m1;
  const d = a0 * 10 + a1;
  if (m < 1 || m > 12 || d < 1) return undefined;
  // The runtime counts days with Date.UTC, which reads years 0–99 as 1900–1999.
  const yy = y < 100 ? y + 1900 : y;
  const leap = (yy % 4 === 0 && yy % 100 !== 0) || yy % 400 === 0;
  return d <= (m === 2 && leap ? 29 : $monthDays[m - 1]!) ? t : undefined;
}

/**
 * The settlement period slot of an ISO date cell, validated exactly as $dateCell validates it (and
 * in the plan year when given), or -1: the date and its period in one reading of the text.
 */
function $dateSlot(raw: unknown, year: number | undefined): number {
  if (typeof raw !== "string") return -1;
  const t = raw.length === 10 ? raw : raw.trim();
  if (t.length !== 10 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return -1;
  const d0 = t.charCodeAt(0) - 48, d1 = t.charCodeAt(1) - 48, d2 = t.charCodeAt(2) - 48, d3 = t.charCodeAt(3) - 48;
  const m0 = t.charCodeAt(5) - 48, m1 = t.charCodeAt(6) - 48, a0 = t.charCodeAt(8) - 48, a1 = t.charCodeAt(9) - 48;
  if ((d0 | d1 | d2 | d3 | m0 | m1 | a0 | a1) < 0 || d0 > 9 || d1 > 9 || d2 > 9 || d3 > 9 || m0 > 9 || m1 > 9 || a0 > 9 || a1 > 9) return -1;
  const y = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
  if (year !== undefined && y !== year) return -1;
  const m = m0 * 10 + m1;
  const d = a0 * 10 + a1;
  if (m < 1 || m > 12 || d < 1) return -1;
  const yy = y < 100 ? y + 1900 : y;
  if (d > (m === 2 && ((yy % 4 === 0 && yy % 100 !== 0) || yy % 400 === 0) ? 29 : $monthDays[m - 1]!)) return -1;
  const table = ($slotByMonth ??= new Int32Array(120012));
  const month = y * 12 + m - 1;
  let slot = table[month]!;
  if (slot === 0) table[month] = slot = $slotOfLabel(periodLabel(periodOf(t, $settle))) + 1;
  return slot - 1;
}

/** A period cell already written as the plan's canonical label (2026-Q1), in the plan year; else undefined. */
function $periodCell(raw: unknown): string | undefined {
  if (typeof raw !== "string") return undefined;
  const p = parsePeriod(raw, $settle);
  if (!p || ($year !== undefined && p.year !== $year)) return undefined;
  const label = periodLabel(p);
  return label === raw ? label : undefined;
}

/** An empty cell: missing, null, or blank text. */
function $isEmpty(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");
}

/**
 * Whether a table's keys may repeat, for the fast readers' duplicate-key check: when they may, the
 * reader hands the data to full validation, which reports the duplicate (D005) or finds none. An
 * open-addressing table of the keys' hashes, sized once: a Set of a million keys costs about three
 * times as much, as it rehashes while it grows. Past a budget of collisions (keys made to collide)
 * the answer is "may repeat".
 */
function $mayRepeat(keys: readonly string[]): boolean {
  const n = keys.length;
  // All hashes first, then the table: measured faster than hashing each key as it goes in.
  const hashes = new Int32Array(n);
  for (let i = 0; i < n; i++) hashes[i] = $hash(keys[i]!);
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  // Each slot holds a key's index + 1 (0: empty); hashes are compared before keys.
  const slots = new Int32Array(size);
  let budget = 8 * n + 64;
  for (let i = 0; i < n; i++) {
    const h = hashes[i]!;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const at = slots[s]!;
      if (at === 0) {
        slots[s] = i + 1;
        break;
      }
      if ((hashes[at - 1] === h && keys[at - 1] === keys[i]) || --budget < 0) return true;
    }
  }
  return false;
}

/** FNV-1a of a string's UTF-16 code units, mixed so its low bits serve as a table index. */
function $hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h ^ (h >>> 15);
}

/** n at scale s as key text, as @payplan/data writes a decimal (no trailing zeros): (1250, 2) → "12.5". */
function $numberText(n: number, scale: number): string {
  return scale === 0 ? String(n) : $plain(n, scale).replace(/\.?0+$/, "");
}

/** Every row through a fast reader, or undefined at the first row it does not take. */
function $readAll<T>(rows: readonly unknown[], read: (o: unknown, row: number) => T | undefined): T[] | undefined {
  if (!Array.isArray(rows)) return undefined;
  const out: T[] = new Array<T>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = read(rows[i], i + 1);
    if (r === undefined) return undefined;
    out[i] = r;
  }
  return out;
}

/** Every item converted, or undefined at the first that does not convert. */
function $allOf<A, B>(items: readonly A[], f: (a: A) => B | undefined): B[] | undefined {
  const out: B[] = new Array<B>(items.length);
  for (let i = 0; i < items.length; i++) {
    const b = f(items[i]!);
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}

/** One input problem, reported as @payplan/data words it. */
interface $Issue {
  readonly code: string;
  readonly file: string;
  readonly message: string;
}

type $Column = { readonly name: string; readonly type: ColumnType; readonly optional: boolean; readonly period: boolean };

/** The columns a row supplies: implicit payee (and period) for per-payee tables, then the declared ones. */
function $fields(t: TableSchema): $Column[] {
  const out: $Column[] = [];
  if (t.kind !== "rows") out.push({ name: "payee", type: "payee", optional: false, period: false });
  if (t.kind === "payeePeriod") out.push({ name: "period", type: "text", optional: false, period: true });
  for (const c of t.columns) if (!out.some((f) => f.name === c.name)) out.push({ name: c.name, type: c.type, optional: c.optional, period: false });
  return out;
}

/** Reads and validates every row of a table; problems go to issues, valid rows are returned. */
function $validate(t: TableSchema, file: string, rows: readonly unknown[], issues: $Issue[]): InputRow[] {
  const fields = $fields(t);
  const keys = $keysOf(t, fields);
  const out: InputRow[] = [];
  const place = (row: number, name: string) => file + " row " + row + ", column " + name;
  if (!Array.isArray(rows)) {
    issues.push({ code: "D001", file, message: file + ": expected a list of rows" });
    return out;
  }
  for (let i = 0; i < rows.length; i++) {
    const row = i + 1;
    const o = rows[i];
    if (typeof o !== "object" || o === null || Array.isArray(o)) {
      issues.push({ code: "D001", file, message: file + " row " + row + ": expected an object of column values" });
      continue;
    }
    const cells: Record<string, CellValue> = Object.create(null) as Record<string, CellValue>;
    let ok = true;
    for (const f of fields) {
      const raw: unknown = $hasOwn.call(o, f.name) ? (o as Record<string, unknown>)[f.name] : undefined;
      const value = $readCell(t, f, raw, (code, message) => {
        issues.push({ code, file, message: place(row, f.name) + ": " + message });
        ok = false;
      });
      Object.defineProperty(cells, f.name, { value, enumerable: true, writable: true, configurable: true });
    }
    for (const k of keys) {
      const message = $repeatedKey(t, file, k, row, cells);
      if (message === undefined) continue;
      issues.push({ code: "D005", file, message });
      ok = false;
    }
    if (ok) out.push({ row, cells });
  }
  return out;
}

/**
 * A key the rows of a table must not repeat, as @payplan/data checks them: the payee (and period) of
 * a per-payee table, and the columns declared as keys. Key text → the first row that has it.
 */
interface $KeyCheck {
  readonly kind: "payee" | "payeePeriod" | "declared";
  readonly columns: readonly string[];
  readonly seen: Map<string, number>;
}

function $keysOf(t: TableSchema, fields: readonly $Column[]): $KeyCheck[] {
  const keys: $KeyCheck[] = [];
  if (t.kind === "payee") keys.push({ kind: "payee", columns: ["payee"], seen: new Map() });
  if (t.kind === "payeePeriod") keys.push({ kind: "payeePeriod", columns: ["payee", "period"], seen: new Map() });
  const declared = fields.filter((f) => t.columns.some((c) => c.key && c.name === f.name)).map((f) => f.name);
  if (declared.length) keys.push({ kind: "declared", columns: declared, seen: new Map() });
  return keys;
}

/** Registers a row's key; the D005 message when an earlier row has the same one. Empty or bad key cells are reported already. */
function $repeatedKey(t: TableSchema, file: string, k: $KeyCheck, row: number, cells: Record<string, CellValue>): string | undefined {
  const values: string[] = [];
  for (const c of k.columns) {
    const v = cells[c];
    if (v === undefined) return undefined;
    values.push(cellText(v));
  }
  const key = values.length === 1 ? values[0]! : values.join("\u0000");
  const prev = k.seen.get(key);
  if (prev === undefined) {
    k.seen.set(key, row);
    return undefined;
  }
  return repeatedKeyMessage({ kind: k.kind, file, table: t.name, row, firstRow: prev, columns: k.columns, values });
}

/**
 * Payees paid by a transaction row who have no row in a per-payee table (for the row's period, in
 * tables per period), as @payplan/data's checkDataSet reports them (D006): once per table, payee
 * and period, at the first such row. Only $paidTables count: a payment history or a dated hierarchy
 * need not have a row for every payee.
 */
function $unknownPayees(data: LoadedData, issues: $Issue[]): void {
  const perPayee: { readonly name: string; readonly keys: Set<string> }[] = [];
  const perPeriod: { readonly name: string; readonly keys: Set<string> }[] = [];
  for (const t of $paidTables) {
    const rows = data.get(t.name)?.rows;
    if (!rows || t.kind === "rows") continue;
    const keyOf = (r: InputRow) => String(r.cells["payee"]) + (t.kind === "payeePeriod" ? "\u0000" + String(r.cells["period"]) : "");
    (t.kind === "payee" ? perPayee : perPeriod).push({ name: t.name, keys: new Set(rows.map(keyOf)) });
  }
  if (!perPayee.length && !perPeriod.length) return;
  // @payplan/data learns the period kind from the rows per period, so with none it names no period.
  const dated = perPeriod.some((p) => p.keys.size > 0);
  const byFile = new Map<string, $Issue[]>();
  for (const t of $paidTables) {
    const table = data.get(t.name);
    const column = t.payeeColumn;
    if (!table || t.kind !== "rows" || column === undefined) continue;
    const reported = new Set<string>();
    const missing = (row: number, payee: string, target: string, period: string | undefined) => {
      const key = target + "\u0000" + payee + "\u0000" + (period ?? "");
      if (reported.has(key)) return;
      reported.add(key);
      let list = byFile.get(table.file);
      if (!list) byFile.set(table.file, (list = []));
      list.push({ code: "D006", file: table.file, message: unknownPayeeMessage(table.file, row, column, payee, target, period) });
    };
    for (const r of table.rows) {
      const payee = r.cells[column];
      if (typeof payee !== "string") continue;
      for (const p of perPayee) if (!p.keys.has(payee)) missing(r.row, payee, p.name, undefined);
      const date = t.dateColumn === undefined ? undefined : r.cells[t.dateColumn];
      if (!perPeriod.length || typeof date !== "string") continue;
      const period = dated ? periodLabel(periodOf(date, $settle)) : undefined;
      for (const p of perPeriod) if (period === undefined || !p.keys.has(payee + "\u0000" + period)) missing(r.row, payee, p.name, period);
    }
  }
  for (const list of byFile.values()) for (const issue of list) issues.push(issue);
}

/** One cell, as @payplan/data reads it: normalised to text, then parsed by the column type's schema. */
function $readCell(t: TableSchema, f: $Column, raw: unknown, bad: (code: string, message: string) => void): CellValue {
  let text: unknown = raw;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return bad("D004", "expected a finite number, found " + String(raw)), undefined;
    text = String(raw);
  } else if (typeof raw === "bigint") text = raw.toString();
  else if (typeof raw === "boolean") text = f.type === "boolean" ? raw : String(raw);
  else if (raw === null) text = undefined;
  else if (raw instanceof Dec) text = raw.toFixed();
  else if (typeof raw === "object") return bad("D004", "expected a single value such as text or a number, found " + (Array.isArray(raw) ? "a list" : "an object")), undefined;
  else if (raw !== undefined && typeof raw !== "string") return bad("D004", "expected a single value such as text or a number, found a " + typeof raw), undefined;
  if (f.period) {
    const p = typeof text === "string" ? text.trim() : text === undefined ? "" : String(text);
    if (p === "") return bad("D011", "a value is required but the cell is empty"), undefined;
    const period = parsePeriod(p, $settle);
    if (!period) return bad("D010", "expected a period of the plan's settlement kind, such as " + periodLabel({ kind: $settle, year: $year ?? 2026, index: 1 }) + ", found \"" + p + "\""), undefined;
    if ($year !== undefined && period.year !== $year) return bad("D007", periodLabel(period) + " is outside the plan year " + $year), undefined;
    return periodLabel(period);
  }
  const r = $parseCell(f.type, text);
  if (r instanceof $CellError) return bad("D004", r.message), undefined;
  if (r === undefined) {
    if (!f.optional) bad("D011", "a value is required but the cell is empty");
    return undefined;
  }
  if (t.kind === "rows" && f.name === t.dateColumn && $year !== undefined && typeof r === "string" && r.slice(0, 4) !== String($year)) {
    return bad("D007", r + " is outside the plan year " + $year), undefined;
  }
  const bound = t.columns.find((c) => c.name === f.name)?.bound;
  if (bound && r instanceof Dec && !$within(r.cmp(new Dec(bound.value)), bound.op)) {
    const shown = (d: Dec) => (f.type === "percent" ? d.mul(100).toFixed() + "%" : d.toFixed());
    return bad("D015", shown(r) + " is not " + bound.op + " " + shown(new Dec(bound.value)) + ", the range the plan declares for " + f.name), undefined;
  }
  return r;
}

/** Whether a comparison result (-1, 0, 1) satisfies a declared range's operator. */
function $within(c: number, op: ">" | ">=" | "<" | "<="): boolean {
  return op === ">" ? c > 0 : op === ">=" ? c >= 0 : op === "<" ? c < 0 : c <= 0;
}

/** A cell that does not parse, with the schema's message. */
class $CellError {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

const $schemas = new Map<ColumnType, ReturnType<typeof cellSchema>>();
const $plainNumber = /^-?\d+(\.\d+)?$/;
const $plainInteger = /^-?\d+$/;

/**
 * One cell exactly as the runtime's parseCell reads it (empty is undefined), with one zod schema per
 * column type and @payplan/data's shortcuts for the commonest spellings (which give what the schema gives).
 */
function $parseCell(type: ColumnType, raw: unknown): CellValue | $CellError {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === "string") {
    const t = raw.trim();
    if (t === "") return undefined;
    if (type === "text" || type === "payee") return t;
    if ((type === "money" || type === "decimal") && $plainNumber.test(t)) return new Dec(t);
    if (type === "count" && $plainInteger.test(t)) return new Dec(t);
    if (type === "date") {
      const d = parseDate(raw);
      if (d !== undefined) return d;
    }
  }
  let schema = $schemas.get(type);
  if (schema === undefined) $schemas.set(type, (schema = cellSchema(type)));
  const r = schema.safeParse(raw);
  return r.success ? r.data : new $CellError(r.error.issues[0]?.message ?? "not a valid " + type);
}

/** Throws the input problems found, as a PlanError naming each file, row and column. */
function $rejectInputs(issues: readonly $Issue[]): never {
  throw new ComputeError(issues.slice(0, 100).map((i) => ({ code: i.code, severity: "error" as const, message: i.message, file: i.file, span: { start: 0, end: 0 } })));
}

/**
 * Settlement periods of dates, numbered: each distinct period label gets a slot, and a table by month
 * (year × 12 + month − 1) finds a date's slot without building any text. Module-wide, since a date's
 * period never changes.
 */
let $slotByMonth: Int32Array | undefined;
const $slotLabels: string[] = [];
function $slotOfLabel(label: string): number {
  const i = $slotLabels.indexOf(label);
  return i >= 0 ? i : $slotLabels.push(label) - 1;
}
function $periodSlot(date: string): number {
  const month = ((date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48)) * 12 + (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 49);
  const table = ($slotByMonth ??= new Int32Array(120012));
  let slot = table[month]!;
  if (slot === 0) table[month] = slot = $slotOfLabel(periodLabel(periodOf(date, $settle))) + 1;
  return slot - 1;
}
/** The settlement period of a valid ISO date. */
function $periodOf(date: string): string {
  return $slotLabels[$periodSlot(date)]!;
}

/** Groups by payee and then period slot, each group made once, kept in order of first appearance. */
function $grouping<G>(make: (payee: string, period: string) => G): { readonly all: G[]; readonly get: (payee: string, slot: number) => G } {
  const byPayee = new Map<string, (G | undefined)[]>();
  const all: G[] = [];
  const get = (payee: string, slot: number): G => {
    let slots = byPayee.get(payee);
    if (slots === undefined) byPayee.set(payee, (slots = []));
    let g = slots[slot];
    if (g === undefined) {
      slots[slot] = g = make(payee, $slotLabels[slot]!);
      all.push(g);
    }
    return g;
  };
  return { all, get };
}

/** A Float64Array twice as long, with the same contents. */
function $grown(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

/** Orders statements as the interpreter does: by payee, then period. */
function $byPayeePeriod(a: { readonly payee: string; readonly period: string }, b: { readonly payee: string; readonly period: string }): number {
  return a.payee === b.payee ? (a.period < b.period ? -1 : 1) : a.payee < b.payee ? -1 : 1;
}
`;
