/**
 * Rows given as objects: a JSON file's array, or rows an embedding application (or the playground's
 * grid) passes in memory. Row numbers are 1-based indexes into the array. There is no header, so a
 * required column that no row has is D002, a key no column is named is D003 (once, at its first row),
 * and a row lacking a required value is D011.
 */
import type { SourceText } from '@payplan/diagnostics';
import { plainOrQuoted, quoted, tableFields, type InputRow, type TableSchema } from '@payplan/runtime';
import type { RowPlaces } from './json-positions.js';
import { registerLocator } from './locate.js';
import { closest, listWords } from './names.js';
import type { FileDiagnostics } from './sink.js';
import type { DataContext, LoadResult, LoadedTable } from './types.js';
import { RowValidator } from './validate.js';

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the text ${quoted(v)}`;
  return `a ${typeof v}`;
}

export function loadObjects(
  schema: TableSchema,
  file: string,
  items: readonly unknown[],
  ctx: DataContext,
  diags: FileDiagnostics,
  places: RowPlaces,
  source: SourceText | undefined,
): LoadResult {
  const fields = tableFields(schema);
  const fieldNames = fields.map((f) => f.name);
  const validator = new RowValidator(schema, file, ctx, diags, {
    cell: (row, field) => places.member(row - 1, fieldNames[field] ?? ''),
    row: (row) => places.element(row - 1),
  });
  const declared = new Set(fieldNames);

  // First pass: which keys the rows use, so a column missing everywhere is reported once.
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const o = items[i];
    if (typeof o !== 'object' || o === null || Array.isArray(o)) continue;
    for (const k in o) {
      if (hasOwn(o, k) && !seen.has(k)) seen.set(k, i);
    }
  }
  for (const [k, i] of seen) {
    if (declared.has(k)) continue;
    const guess = closest(k, fieldNames.filter((n) => !seen.has(n)));
    diags.error('D003', () => ({
      span: places.member(i, k),
      message: `${file} row ${i + 1}: unknown column ${quoted(k)}; ${schema.name} has the columns ${listWords(fieldNames)}`,
      ...(guess !== undefined ? { hint: `did you mean \`${guess}\`?` } : {}),
    }));
  }
  let readable = true;
  if (items.length > 0) {
    const keysFound = [...seen.keys()];
    fields.forEach((f, fi) => {
      if (seen.has(f.name)) return;
      validator.markAbsent(fi);
      if (f.optional) return;
      readable = false;
      diags.error('D002', () => ({
        span: places.element(0),
        message: `${file}: missing column ${f.name}: no row has a value for it; the rows have ${keysFound.length ? keysFound.map(plainOrQuoted).join(', ') : 'no columns'}`,
        notes: [`${schema.name} needs the columns ${listWords(fields.filter((g) => !g.optional).map((g) => g.name))}`],
      }));
    });
  }

  const rows: InputRow[] = [];
  const indexes: number[] = [];
  const scratch: unknown[] = fields.map(() => undefined);
  for (let i = 0; i < items.length; i++) {
    const o = items[i];
    if (typeof o !== 'object' || o === null || Array.isArray(o)) {
      const found = kindOf(o);
      diags.error('D001', () => ({
        span: places.element(i),
        message: `${file} row ${i + 1}: expected an object of column values such as {${fieldNames
          .slice(0, 2)
          .map((n) => `"${n}": …`)
          .join(', ')}}, found ${found}`,
      }));
      continue;
    }
    const rec = o as Record<string, unknown>;
    for (let f = 0; f < fieldNames.length; f++) {
      const name = fieldNames[f] ?? '';
      scratch[f] = hasOwn(rec, name) ? rec[name] : undefined;
    }
    const row = validator.validate(i + 1, scratch);
    if (row !== undefined) {
      rows.push(row);
      indexes.push(i);
    }
  }

  if (!readable) return { diagnostics: diags.finish() };
  const value: LoadedTable = source ? { schema, file, rows, source } : { schema, file, rows };
  registerLocator(value, {
    cell: (rowIndex, column) => {
      const i = indexes[rowIndex];
      return i === undefined ? { start: 0, end: 0 } : places.member(i, column);
    },
  });
  return { value, diagnostics: diags.finish() };
}
