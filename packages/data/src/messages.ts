/** Messages shared by the loaders. */
import { tableFields, type TableSchema } from '@payplan/runtime';

export function emptyMessage(file: string, schema: TableSchema): string {
  return `${file} is empty; expected a header line with the columns ${tableFields(schema)
    .map((f) => f.name)
    .join(', ')}`;
}
