/** Schemas and helpers shared by the data loader tests. */
import { renderDiagnostics, SourceText, type Diagnostic } from '@payplan/diagnostics';
import type { ColumnSchema, ColumnType, TableSchema } from '@payplan/runtime';
import type { DataContext, LoadedTable } from '@payplan/data';

export const col = (name: string, type: ColumnType, extra: Partial<Pick<ColumnSchema, 'optional' | 'key'>> = {}): ColumnSchema => ({
  name,
  type,
  optional: extra.optional ?? false,
  key: extra.key ?? false,
});

export const deals: TableSchema = {
  name: 'deals',
  kind: 'rows',
  payeeColumn: 'rep',
  dateColumn: 'close_date',
  columns: [
    col('deal_id', 'text', { key: true }),
    col('rep', 'payee'),
    col('close_date', 'date'),
    col('price', 'money'),
    col('qty', 'count', { optional: true }),
    col('note', 'text', { optional: true }),
  ],
};

export const targets: TableSchema = { name: 'targets', kind: 'payee', columns: [col('target', 'money'), col('rate', 'percent')] };

export const quotas: TableSchema = { name: 'quotas', kind: 'payeePeriod', columns: [col('quota', 'money')] };

export const ctx: DataContext = { settle: 'quarter', year: 2026 };

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Renders diagnostics against the text they point into, as the CLI does. */
export function render(ds: readonly Diagnostic[], file: string, text: string): string {
  return renderDiagnostics(ds, new Map([[file, new SourceText(file, text)]]));
}

/** The text a diagnostic's span covers. */
export const spanText = (text: string, d: Diagnostic | undefined): string => (d ? text.slice(d.span.start, d.span.end) : '<no diagnostic>');

/** Cells of the loaded rows with decimals as strings, for comparisons. */
export function plainRows(t: LoadedTable | undefined): { row: number; cells: Record<string, unknown> }[] {
  return (t?.rows ?? []).map((r) => ({
    row: r.row,
    cells: Object.fromEntries(Object.entries(r.cells).map(([k, v]) => [k, typeof v === 'object' ? v.toFixed() : v])),
  }));
}

export const codesOf = (ds: readonly Diagnostic[]): string[] => ds.map((d) => d.code);
