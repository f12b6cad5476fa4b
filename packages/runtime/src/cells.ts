/**
 * Cell parsing for every entry point: @payplan/data's loaders (CSV, JSON, in-memory rows) and the
 * validation compiled modules run on the rows an application passes (compiled/validate.ts). Values go
 * through the zod cell schemas (schema.ts), so messages are the same wherever a table comes from; the
 * schemas are built once per column type here rather than once per cell.
 *
 * Loading a million rows calls this millions of times, so the commonest well-formed cells (plain
 * numbers, ISO dates, yes/no) take a shortcut that produces exactly what the schema would; anything
 * else, and every error, goes through the schema. A test checks the two agree.
 */
import { Dec } from './decimal.js';
import { parseDate } from './period.js';
import { cellSchema, type CellValue, type ColumnType } from './schema.js';

type CellSchema = ReturnType<typeof cellSchema>;

const schemas = new Map<ColumnType, CellSchema>();

function schemaFor(type: ColumnType): CellSchema {
  let s = schemas.get(type);
  if (s === undefined) {
    s = cellSchema(type);
    schemas.set(type, s);
  }
  return s;
}

/** A cell that does not parse, with the schema's message. */
export class CellError {
  constructor(readonly message: string) {}
}

const plainNumber = /^-?\d+(\.\d+)?$/;
const plainInteger = /^-?\d+$/;
const trueWords = new Set(['true', 'yes', 'y', '1']);
const falseWords = new Set(['false', 'no', 'n', '0']);

/** The value of a well-formed cell in its commonest spelling, or undefined to ask the schema. */
function shortcut(type: ColumnType, raw: string, t: string): CellValue {
  switch (type) {
    case 'text':
    case 'payee':
      return t;
    case 'money':
    case 'decimal':
      return plainNumber.test(t) ? new Dec(t) : undefined;
    case 'count':
      return plainInteger.test(t) ? new Dec(t) : undefined;
    case 'date':
      return parseDate(raw);
    case 'boolean': {
      const l = t.toLowerCase();
      return trueWords.has(l) ? true : falseWords.has(l) ? false : undefined;
    }
    case 'percent':
    case 'period':
      return undefined;
  }
}

/**
 * Parses one raw cell exactly as the runtime's `parseCell` does (empty text, `null` and `undefined`
 * are an empty cell, `undefined`), but with a cached schema per column type and without allocating
 * a result object per cell.
 */
export function parseCellValue(type: ColumnType, raw: unknown): CellValue | CellError {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') {
    const t = raw.trim();
    if (t === '') return undefined;
    const v = shortcut(type, raw, t);
    if (v !== undefined) return v;
  }
  const r = schemaFor(type).safeParse(raw);
  if (r.success) return r.data;
  return new CellError(r.error.issues[0]?.message ?? `not a valid ${type}`);
}

/**
 * Turns a value from a JSON file or an embedding application into what a cell schema accepts:
 * text, `true`/`false` for boolean columns, or nothing. Numbers (and decimals) become their text, so
 * they are checked by the same rules as CSV cells.
 */
export function normalizeRaw(type: ColumnType, raw: unknown): { ok: true; value: string | boolean | undefined } | { ok: false; message: string } {
  switch (typeof raw) {
    case 'string':
      return { ok: true, value: raw };
    case 'undefined':
      return { ok: true, value: undefined };
    case 'number':
      if (!Number.isFinite(raw)) return { ok: false, message: `expected a finite number, found ${String(raw)}` };
      return { ok: true, value: String(raw) };
    case 'bigint':
      return { ok: true, value: raw.toString() };
    case 'boolean':
      return { ok: true, value: type === 'boolean' ? raw : String(raw) };
    case 'object':
      if (raw === null) return { ok: true, value: undefined };
      if (Dec.isDecimal(raw)) return { ok: true, value: (raw as Dec).toFixed() };
      return { ok: false, message: `expected a single value such as text or a number, found ${Array.isArray(raw) ? 'a list' : 'an object'}` };
    default:
      return { ok: false, message: `expected a single value such as text or a number, found a ${typeof raw}` };
  }
}
