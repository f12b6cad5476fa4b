/** Messages shared by the loaders. */
import type { TableSchema } from '@payplan/runtime';
import { tableFields } from './fields.js';

export function emptyMessage(file: string, schema: TableSchema): string {
  return `${file} is empty; expected a header line with the columns ${tableFields(schema)
    .map((f) => f.name)
    .join(', ')}`;
}
