/**
 * The plan's input tables in a compiled module: each table's schema as a constant (`$Deals$table`),
 * the exported `tables`, one typed row interface per table (`DealsRow`, cells as an application
 * passes them), one zod schema per table (`dealsSchema`) and the `Inputs` interface of a run.
 */
import { calendarOf, type TableSchema } from '@payplan/runtime';
import type { EmitContext, TableNames } from '../context.js';
import { commentText, jsString, literalKey, typeKey } from '../names.js';

export function tablesSection(cx: EmitContext): string {
  const { tables } = cx;
  return [
    ...tables.map((t) => `const ${t.schemaConst}: TableSchema = ${tableLiteral(t.schema)};`),
    `const $tableList: readonly TableSchema[] = [${tables.map((t) => t.schemaConst).join(', ')}];
const $planTables = { tables: $tableList };
/** The tables whose payees must have a row in each per-payee table (D006): all but a payment history and dated hierarchies. */
const $paidTables: readonly TableSchema[] = [${cx.paidTables.map((t) => t.schemaConst).join(', ')}];

/** The plan's input tables, as declared. */
export const tables: { ${tables.map((t) => `readonly ${typeKey(t.schema.name)}: TableSchema`).join('; ')} } = { ${tables.map((t) => `${literalKey(t.schema.name)}: ${t.schemaConst}`).join(', ')} };
`,
    ...tables.map((t) => rowInterface(cx, t)),
    `/**
 * The zod schema of one input row as an application passes it: validates every cell as a run does and
 * returns the row unchanged, so \`z.infer\` of a table's schema is the table's row interface.
 */
export type RowSchema<Row> = $InputRowSchema<Row>;
${tables.map((t) => `export const ${t.schemaId}: RowSchema<${t.rowType}> = $inputRowSchema<${t.rowType}>(${t.schemaConst});`).join('\n')}
export const schemas: { ${tables.map((t) => `readonly ${typeKey(t.schema.name)}: RowSchema<${t.rowType}>`).join('; ')} } = { ${tables.map((t) => `${literalKey(t.schema.name)}: ${t.schemaId}`).join(', ')} };

/** Every input table's rows, as an application passes them. */
export interface Inputs {
${tables.map((t) => `  readonly ${typeKey(t.schema.name)}: readonly ${t.rowType}[];`).join('\n')}
}

// ── Constants and rate tables (computed when the plan was compiled) ───────────────────────────
`,
  ].join('\n');
}

function tableLiteral(t: TableSchema): string {
  const cols = t.columns.map((c) => `{ name: ${jsString(c.name)}, type: ${jsString(c.type)}, optional: ${c.optional}, key: ${c.key}${c.bound ? `, bound: { op: ${jsString(c.bound.op)}, value: ${jsString(c.bound.value)} }` : ''} }`);
  return `{ name: ${jsString(t.name)}, kind: ${jsString(t.kind)}, columns: [${cols.join(', ')}]${t.payeeColumn !== undefined ? `, payeeColumn: ${jsString(t.payeeColumn)}` : ''}${t.dateColumn !== undefined ? `, dateColumn: ${jsString(t.dateColumn)}` : ''}${t.keys ? `, keys: [${t.keys.map(jsString).join(', ')}]` : ''} }`;
}

/** The type of a cell as an application passes it. */
function inputType(type: string): string {
  return type === 'money' || type === 'decimal' || type === 'count' ? 'number | string' : type === 'boolean' ? 'boolean | string' : type === 'percent' || type === 'date' || type === 'period' ? 'string' : 'string | number';
}

function rowInterface(cx: EmitContext, t: TableNames): string {
  const fields: string[] = [];
  if (t.schema.kind === 'payee' || t.schema.kind === 'payeePeriod') fields.push('  /** Whose row this is. */\n  readonly payee: string | number;');
  if (t.schema.kind === 'payeePeriod') fields.push(`  /** The settlement period, such as ${calendarOf(cx.ir.settle, cx.ir.calendar).example}. */\n  readonly period: string;`);
  for (const c of t.schema.columns) {
    if ((t.schema.kind === 'payee' || t.schema.kind === 'payeePeriod') && (c.name === 'payee' || c.name === 'period')) continue;
    const notes = [c.type, c.key && 'key', c.optional && 'optional', c.name === t.schema.payeeColumn && 'whose row it is', c.name === t.schema.dateColumn && 'decides the settlement period'].filter(Boolean);
    fields.push(`  /** ${commentText(notes.join(', '))} */\n  readonly ${typeKey(c.name)}${c.optional ? '?' : ''}: ${inputType(c.type)}${c.optional ? ' | null' : ''};`);
  }
  const kind = { rows: 'transaction table', payee: 'table per payee', payeePeriod: 'table per payee per period', keyed: 'keyed table' }[t.schema.kind];
  return `/** A row of the ${kind} \`${commentText(t.schema.name)}\`, as an application passes it (cells as text or numbers). */
export interface ${t.rowType} {
${fields.join('\n')}
}
`;
}
