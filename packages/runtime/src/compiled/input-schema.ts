/**
 * The zod schema a compiled module exports per table (`dealsSchema`): it validates one row as an
 * application passes it — every cell through the same cell schemas a run uses (schema.ts), required
 * cells present, no unknown columns — and returns the row unchanged. Its type is the module's row
 * interface, so `z.infer<typeof dealsSchema>` is `DealsRow` and a parsed row goes straight into
 * `computeStatements`. The row interface is generated beside it from the same table schema
 * (compiler, sections/tables.ts), with the same cell types as `inputCell` accepts here.
 */
import { z } from 'zod';
import { parseCell, type ColumnType, type TableSchema } from '../schema.js';

/** A zod schema whose input and output are the row interface `Row`. */
export type InputRowSchema<Row> = z.ZodType<Row, Row>;

/** What a cell of each column type may be before parsing (the compiler's `inputType`). */
function inputCell(type: ColumnType): z.ZodType {
  switch (type) {
    case 'money':
    case 'decimal':
    case 'count':
      return z.union([z.number(), z.string()]);
    case 'boolean':
      return z.union([z.boolean(), z.string()]);
    case 'percent':
    case 'date':
    case 'period':
      return z.string();
    case 'text':
    case 'payee':
      return z.union([z.string(), z.number()]);
  }
}

/** One cell: of its input type, parsed as a run parses it, present unless optional. */
function checkedCell(type: ColumnType, optional: boolean): z.ZodType {
  const cell = inputCell(type).superRefine((raw, ctx) => {
    const parsed = parseCell(type, raw);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    else if (parsed.value === undefined && !optional) ctx.addIssue({ code: 'custom', message: 'a value is required but the cell is empty' });
  });
  return optional ? cell.nullish() : cell;
}

export function inputRowSchema<Row>(table: TableSchema): InputRowSchema<Row> {
  const shape: Record<string, z.ZodType> = {};
  if (table.kind !== 'rows') shape['payee'] = checkedCell('payee', false);
  if (table.kind === 'payeePeriod') shape['period'] = checkedCell('period', false);
  for (const c of table.columns) if (table.kind === 'rows' || (c.name !== 'payee' && c.name !== 'period')) shape[c.name] = checkedCell(c.type, c.optional === true);
  // The cast is checked by test/compiler/typed-schemas.test.ts: the shape above is the generated row interface.
  return z.strictObject(shape).readonly() as unknown as InputRowSchema<Row>;
}
