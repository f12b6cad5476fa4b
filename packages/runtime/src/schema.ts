/**
 * Input table schemas, shared by the checker (which derives them from `table` declarations), the data
 * loaders (CSV and JSON) and compiled modules (which export them). Cell values are parsed by one zod
 * schema per column type, so every entry point rejects bad input with the same message.
 */
import { z } from 'zod';
import { Dec } from './decimal.js';
import { quoted } from './format.js';
import { parseDate } from './period.js';

export type ColumnType = 'text' | 'payee' | 'date' | 'period' | 'count' | 'decimal' | 'money' | 'percent' | 'boolean';

export const columnTypes: readonly ColumnType[] = ['text', 'payee', 'date', 'period', 'count', 'decimal', 'money', 'percent', 'boolean'];

export interface ColumnSchema {
  readonly name: string;
  readonly type: ColumnType;
  readonly optional: boolean;
  readonly key: boolean;
  /** A declared range every value must satisfy (`T money > 0`); the value as decimal text. */
  readonly bound?: { readonly op: '>' | '>=' | '<' | '<='; readonly value: string };
}

/**
 * `rows`: transaction rows (deals), attributed to a payee by `payeeColumn` and to a period by `dateColumn`.
 * `payee`: one row per payee (team targets). `payeePeriod`: one row per payee per period (quotas);
 * their first two data columns are `payee` and `period`, implicit in the declaration. `keyed`: one
 * row per value of its key columns (`table customers per customer`), read by key (a lookup).
 */
export type TableKind = 'rows' | 'payee' | 'payeePeriod' | 'keyed';

export interface TableSchema {
  readonly name: string;
  readonly kind: TableKind;
  readonly columns: readonly ColumnSchema[];
  readonly payeeColumn?: string;
  readonly dateColumn?: string;
  /** A keyed table's key columns, in the order of its `per` words. */
  readonly keys?: readonly string[];
}

/** Whether a table's rows belong to payees by its implicit `payee` column (tables `per payee`, `per payee per period`). */
export function isPayeeTable(t: { readonly kind: TableKind }): boolean {
  return t.kind === 'payee' || t.kind === 'payeePeriod';
}

/** A parsed cell: strings for text, payee and date; Dec for numbers; boolean; undefined when empty. */
export type CellValue = string | Dec | boolean | undefined;

/** One input row after validation, with its 1-based row number in the source (header is row 1 in CSV). */
export interface InputRow {
  readonly row: number;
  readonly cells: Readonly<Record<string, CellValue>>;
}

const numberRe = /^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/;

function decimalCell(what: string) {
  return z.union([z.string(), z.number()]).transform((raw, ctx) => {
    const text = String(raw).trim();
    if (!numberRe.test(text)) {
      ctx.addIssue({ code: 'custom', message: `expected ${what}, found ${quoted(text)}` });
      return z.NEVER;
    }
    return new Dec(text.replace(/,/g, ''));
  });
}

/** The zod schema that parses one non-empty cell of a column type. */
export function cellSchema(type: ColumnType): z.ZodType<CellValue, unknown> {
  switch (type) {
    case 'text':
    case 'payee':
      return z.union([z.string(), z.number()]).transform((v) => String(v).trim());
    case 'date':
      return z.string().transform((raw, ctx) => {
        const d = parseDate(raw);
        if (!d) {
          ctx.addIssue({ code: 'custom', message: `expected a date written YYYY-MM-DD, found ${quoted(raw)}` });
          return z.NEVER;
        }
        return d;
      });
    case 'period':
      return z.union([z.string(), z.number()]).transform((raw, ctx) => {
        const text = String(raw).trim().toUpperCase();
        if (!/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/.test(text)) {
          ctx.addIssue({ code: 'custom', message: `expected a period such as 2026-03, 2026-Q1, 2026-H1 or 2026, found ${quoted(String(raw))}` });
          return z.NEVER;
        }
        return text;
      });
    case 'money':
      return decimalCell('an amount of money such as 1200.50');
    case 'decimal':
      return decimalCell('a number such as 1.5');
    case 'count':
      return decimalCell('a whole number').refine((d) => d.isInteger(), { message: 'expected a whole number (a count), found a fraction' });
    case 'percent':
      return z.union([z.string(), z.number()]).transform((raw, ctx) => {
        const text = String(raw).trim();
        const m = /^([+-]?\d+(\.\d+)?)\s*%$/.exec(text);
        if (!m) {
          ctx.addIssue({ code: 'custom', message: `expected a percentage written with a % sign such as 20%, found ${quoted(text)}` });
          return z.NEVER;
        }
        return new Dec(m[1] ?? '0').div(100);
      });
    case 'boolean':
      return z.union([z.boolean(), z.string()]).transform((raw, ctx) => {
        if (typeof raw === 'boolean') return raw;
        const t = raw.trim().toLowerCase();
        if (['true', 'yes', 'y', '1'].includes(t)) return true;
        if (['false', 'no', 'n', '0'].includes(t)) return false;
        ctx.addIssue({ code: 'custom', message: `expected true or false (or yes/no), found ${quoted(raw)}` });
        return z.NEVER;
      });
  }
}

/** Parses one cell; empty text or null is `undefined` (the caller decides whether that is allowed). */
export function parseCell(type: ColumnType, raw: unknown): { ok: true; value: CellValue } | { ok: false; message: string } {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, value: undefined };
  const r = cellSchema(type).safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, message: r.error.issues[0]?.message ?? `not a valid ${type}` };
}

/** The zod schema for one row object of a table, as an embedding application passes it (JSON). */
export function rowSchema(table: TableSchema): z.ZodType<Record<string, CellValue>, unknown> {
  const shape: Record<string, z.ZodType<CellValue, unknown>> = {};
  if (isPayeeTable(table)) shape['payee'] = cellSchema('payee');
  if (table.kind === 'payeePeriod') shape['period'] = z.string() as z.ZodType<CellValue, unknown>;
  for (const c of table.columns) {
    const s = cellSchema(c.type);
    shape[c.name] = c.optional ? (s.optional() as z.ZodType<CellValue, unknown>) : s;
  }
  return z.strictObject(shape) as unknown as z.ZodType<Record<string, CellValue>, unknown>;
}
