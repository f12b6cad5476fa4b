/**
 * The fast path's readers of plain rows (as an application passes them): each cell in its common
 * spelling straight to an integer or text local `c$<column>` (@payplan/runtime/compiled's fast
 * readers), and a table's declared keys gathered for one duplicate check at the end. Anything not
 * plainly written makes a reader return its `fail` value, and the module then validates the data in
 * full, which reports what is wrong or reads it on decimals.
 */
import type { EmitContext, TableNames } from '../context.js';
import { columnScale } from '../expr.js';
import { commentText, jsName, jsString } from '../names.js';

/** Reads one raw row's cells into locals `c$<column>`, in their common spellings; anything else returns `fail`. */
export function readCells(cx: EmitContext, t: TableNames, fail: string, indent: string, slot?: string): string {
  const year = cx.ir.year !== undefined ? jsString(String(cx.ir.year)) : 'undefined';
  const lines: string[] = [];
  for (const c of t.schema.columns) {
    const m = `c$${jsName(c.name)}`;
    const raw = `o[${jsString(c.name)}]`;
    const slotted = slot !== undefined && c.name === t.schema.dateColumn && !c.optional;
    if (slotted && !c.key) {
      // The date matters here only for its period: validated and placed in one reading.
      lines.push(`const ${slot} = $dateSlot(${raw}, ${cx.ir.year ?? 'undefined'});`, `if (${slot} < 0) return ${fail};`);
      continue;
    }
    const read = (x: string) => cellReader(c.type, x, c.name === t.schema.dateColumn ? year : 'undefined');
    if (c.optional) lines.push(`const ${m}$raw = ${raw};`, `const ${m}$empty = $isEmpty(${m}$raw);`, `const ${m} = ${m}$empty ? undefined : ${read(`${m}$raw`)};`, `if (${m} === undefined && !${m}$empty) return ${fail};`);
    else if (['money', 'decimal', 'count'].includes(c.type)) lines.push(`const ${m}$raw = ${raw};`, `const ${m} = ${read(`${m}$raw`)};`, `if (${m} === undefined) return ${fail};`);
    else lines.push(`const ${m} = ${read(raw)};`, `if (${m} === undefined) return ${fail};`);
    if (slotted) lines.push(`const ${slot} = $periodSlot(${m});`); // a date that is a key is kept as text for the key check
  }
  return lines.map((l) => indent + l).join('\n');
}

/** The fast reader of a cell `x` of a column type (`year`: the plan year a dating column must be in). */
function cellReader(type: string, x: string, year: string): string {
  switch (type) {
    case 'money':
    case 'decimal':
    case 'count': {
      const s = columnScale[type];
      // Text is the common spelling of money; whole counts often come as numbers.
      return type === 'count' ? `(typeof ${x} === "number" ? $fixNumber(${x}, ${s}) : $fixCell(${x}, ${s}))` : `(typeof ${x} === "string" ? $fixText(${x}, ${s}) : $fixCell(${x}, ${s}))`;
    }
    case 'percent':
      return `$percentCell(${x}, ${columnScale['percent']})`;
    case 'date':
      return `$dateCell(${x}, ${year})`;
    case 'text':
    case 'payee':
      return `$textCell(${x})`;
    case 'boolean':
      return `$boolCell(${x})`;
    default:
      return 'undefined'; // any other type: the full validation reads it
  }
}

/** The pieces of a reader's duplicate-key check: declare the key list, gather a row's key, check at the end. */
export interface KeyCheck {
  readonly declare: string;
  readonly gather: string;
  readonly check: string;
}

/**
 * The fast readers' duplicate-key check (D005): each row's declared key goes into `keys[i]` while
 * reading, as text equal whenever @payplan/data's key texts are equal (key columns are never
 * optional), and `$mayRepeat` looks for repeats once all are read. Empty strings for a table
 * without declared keys.
 */
export function keyCheck(t: TableNames, keys: string, n: string, fail: string): KeyCheck {
  const cols = t.columns.filter((c) => t.schema.columns.some((k) => k.key && k.name === c.name));
  if (cols.length === 0) return { declare: '', gather: '', check: '' };
  const part = (c: { name: string; type: string }) => {
    const m = `c$${jsName(c.name)}`;
    const scale = columnScale[c.type];
    return scale !== undefined ? `$numberText(${m}, ${scale})` : c.type === 'boolean' ? `String(${m})` : m;
  };
  return {
    declare: `\n  const ${keys} = new Array<string>(${n});`,
    gather: `    ${keys}[i] = ${cols.map(part).join(' + "\\u0000" + ')};\n`,
    check: `  if ($mayRepeat(${keys})) return ${fail}; // a repeated key (${commentText(cols.map((c) => c.name).join(', '))}): full validation reports it\n`,
  };
}

/** The key of a raw row read by readCells, as the engine writes it (String of the parsed cell). */
function keyOfCells(t: TableNames): string {
  const kc = t.keyColumn;
  if (!kc) return '""';
  const m = `c$${jsName(kc.name)}`;
  return kc.type === 'money' || kc.type === 'decimal' || kc.type === 'count' || kc.type === 'percent' ? `$dec(${m}, ${columnScale[kc.type] ?? 0}).toString()` : `String(${m})`;
}

/** The hot reader: transaction rows in their common spelling, straight to integer columns. */
export function rowsReader(cx: EmitContext, t: TableNames): string {
  const keys = keyCheck(t, 'keys', 'rows.length', 'undefined');
  return `/** \`${commentText(t.schema.name)}\` rows as an application passes them, straight to integer columns when plainly written; undefined sends the data to full validation. */
function ${t.fixRec}$read(rows: readonly unknown[]): ${t.fixRec} | undefined {
  if (!Array.isArray(rows)) return undefined;
  const d = ${t.fixRec}$columns(rows.length);${keys.declare}
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (typeof row !== "object" || row === null) return undefined;
    const o = row as Record<string, unknown>;
${readCells(cx, t, 'undefined', '    ')}
${keys.gather}${t.schema.columns.map((c) => `    d.${jsName(c.name)}[i] = c$${jsName(c.name)};`).join('\n')}
    d.$row[i] = i + 1;
    d.$key[i] = ${keyOfCells(t)};
  }
${keys.check}  return d;
}
`;
}

/** A per-payee table read straight to integer records when plainly written (one row per payee and period), for payouts in one pass. */
export function payeeRowsReader(cx: EmitContext, t: TableNames): string {
  const cols = t.schema.columns.filter((c) => !(c.name === 'payee' || c.name === 'period'));
  const declared: TableNames = { ...t, schema: { ...t.schema, columns: cols } };
  const period = t.schema.kind === 'payeePeriod';
  const keys = keyCheck(t, 'keys', 'rows.length', 'undefined');
  return `/** \`${commentText(t.schema.name)}\` rows straight to integer records by payee${period ? ' and period' : ''}; undefined for anything not plainly written (or a payee twice). */
function ${t.fixRec}$readAll(rows: readonly unknown[], grouping: { readonly get: (payee: string, slot: number) => $Group }): Map<string, ${t.fixRec} | undefined> | undefined {
  if (!Array.isArray(rows)) return undefined;
  const out = new Map<string, ${t.fixRec} | undefined>();${keys.declare}
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (typeof row !== "object" || row === null) return undefined;
    const o = row as Record<string, unknown>;
    const c$payee = $textCell(o["payee"]);
    if (c$payee === undefined) return undefined;
${period ? `    const c$period = $periodCell(o["period"]);
    if (c$period === undefined) return undefined;
` : ''}${readCells(cx, declared, 'undefined', '    ')}
${keys.gather}    const key = c$payee + "\\u0000" + ${period ? 'c$period' : '""'};
    if (out.has(key)) return undefined;
    out.set(key, { payee: c$payee${period ? ', period: c$period' : ''}${cols.map((c) => `, ${jsName(c.name)}: c$${jsName(c.name)}`).join('')} });${period ? '\n    grouping.get(c$payee, $slotOfLabel(c$period));' : ''}
  }
${keys.check}  return out;
}
`;
}
