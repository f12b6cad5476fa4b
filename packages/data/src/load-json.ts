/** JSON input: a file holding an array of row objects, e.g. `[{"payee": "ana", "quota": 120000}]`. */
import type { SourceText } from '@payplan/diagnostics';
import type { TableSchema } from '@payplan/runtime';
import { JsonPlaces } from './json-positions.js';
import { MAX_ROWS, tooManyRows } from './limits.js';
import { emptyMessage } from './messages.js';
import { loadObjects } from './load-rows.js';
import { FileDiagnostics } from './sink.js';
import type { DataContext, LoadResult } from './types.js';

export function loadJson(schema: TableSchema, file: string, text: string, ctx: DataContext, source: SourceText): LoadResult {
  const diags = new FileDiagnostics(file);
  if (text.trim() === '') {
    diags.error('D008', () => ({ span: { start: 0, end: 0 }, message: emptyMessage(file, schema) }));
    return { diagnostics: diags.finish() };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(reason);
    const at = pos ? Math.min(Number(pos[1]), text.length) : 0;
    diags.error('D001', () => ({ span: { start: at, end: at + 1 }, message: `${file} is not valid JSON: ${reason}` }));
    return { diagnostics: diags.finish() };
  }
  if (!Array.isArray(data)) {
    const found = data === null ? 'null' : typeof data === 'object' ? 'an object' : `a ${typeof data}`;
    const start = text.length - text.trimStart().length;
    diags.error('D001', () => ({
      span: { start, end: start + 1 },
      message: `${file}: expected a JSON array of rows such as [{"payee": "ana", …}, …], found ${found}`,
    }));
    return { diagnostics: diags.finish() };
  }
  const max = ctx.maxRows ?? MAX_ROWS;
  if (data.length > max) return { diagnostics: [tooManyRows(file, data.length, max)] };
  return loadObjects(schema, file, data, ctx, diags, new JsonPlaces(text), source);
}
