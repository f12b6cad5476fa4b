/**
 * `table` declarations → input table schemas. Decides each table's kind from its `per` words and,
 * for transaction tables, which payee column a row belongs to and which date decides its period.
 */
import type { DiagnosticBag } from '@payplan/diagnostics';
import { columnTypes, Dec, type ColumnSchema, type ColumnType, type TableKind, type TableSchema } from '@payplan/runtime';
import type { Ast } from '@payplan/syntax';
import { didYouMean } from './suggest.js';

export interface TableInfo {
  readonly schema: TableSchema;
  readonly decl: Ast.TableDecl;
}

const modifiers = ['key', 'optional'];

export function checkTable(decl: Ast.TableDecl, bag: DiagnosticBag): TableInfo | undefined {
  const per = decl.per.map((p) => p.name).join(' ');
  const perText = decl.per.map((p) => `per ${p.name}`).join(' ');
  const kinds: Record<string, TableKind> = { '': 'rows', payee: 'payee', 'payee period': 'payeePeriod' };
  // `per customer` (any `per` words not starting with `payee`): a keyed table, read by its key columns.
  const kind = kinds[per] ?? (decl.per[0]?.name !== 'payee' ? 'keyed' : undefined);
  if (!kind) {
    bag.error('S005', decl.per[0]?.span ?? decl.name.span, `a table is \`per payee\`, \`per payee per period\`, keyed by its own columns (\`per customer\`), or (for transactions) none of these; \`per ${per}\` is not one of these`);
    return undefined;
  }
  const columns: ColumnSchema[] = [];
  const seen = new Map<string, Ast.ColumnDecl>();
  for (const col of decl.columns) {
    const first = seen.get(col.name.name);
    if (first) {
      bag.error('N002', col.name.span, `column \`${col.name.name}\` is declared twice in table \`${decl.name.name}\``, { labels: [{ span: first.name.span, message: 'first declared here' }] });
      continue;
    }
    if ((kind === 'payee' || kind === 'payeePeriod') && (col.name.name === 'payee' || col.name.name === 'period')) {
      bag.error('S005', col.name.span, `\`${col.name.name}\` is implicit in a table \`${perText}\`: its data has that column already, so do not declare it`);
      continue;
    }
    seen.set(col.name.name, col);
    const type = col.type.name as ColumnType;
    if (!columnTypes.includes(type)) {
      bag.error('S005', col.type.span, `unknown column type \`${col.type.name}\`; use one of ${columnTypes.join(', ')}`, didYouMean(col.type.name, columnTypes));
      continue;
    }
    const mods = new Set<string>();
    for (const m of col.modifiers) {
      if (!modifiers.includes(m.name)) bag.error('S005', m.span, `unknown column option \`${m.name}\`; use \`key\` or \`optional\``, didYouMean(m.name, modifiers));
      mods.add(m.name);
    }
    if (mods.has('key') && mods.has('optional')) bag.error('S005', col.span, 'a key column cannot be optional');
    let bound: ColumnSchema['bound'];
    if (col.bound) {
      const numeric = ['money', 'count', 'decimal', 'percent'].includes(type);
      const isPercent = col.bound.value.kind === 'PercentLit';
      if (!numeric) bag.error('S005', col.bound.span, `only numbers can have a range; \`${col.name.name}\` is ${type}`);
      else if (isPercent !== (type === 'percent')) bag.error('T004', col.bound.span, type === 'percent' ? 'a percentage column is bounded by a percentage, such as `<= 100%`' : `\`${col.name.name}\` is ${type}: bound it by a number, such as \`> 0\``);
      else {
        const text = col.bound.value.text.replace(/,/g, '');
        const value = new Dec(text).mul(col.bound.negative ? -1 : 1).div(isPercent ? 100 : 1);
        bound = { op: col.bound.op, value: value.toFixed() };
      }
    }
    const keyed = kind === 'keyed' && decl.per.some((p) => p.name === col.name.name);
    columns.push({ name: col.name.name, type, optional: mods.has('optional'), key: mods.has('key') || keyed, ...(bound && { bound }) });
  }
  if (kind === 'keyed') return keyedTable(decl, columns, bag);
  if (kind !== 'rows') {
    if (decl.by || decl.on) bag.error('S005', (decl.by ?? decl.on)!.span, `\`by\` and \`on\` are for transaction tables; a table \`${perText}\` is keyed by payee${kind === 'payeePeriod' ? ' and period' : ''}`);
    return { schema: { name: decl.name.name, kind, columns }, decl };
  }
  const payeeColumn = pickColumn(decl, columns, 'payee', decl.by, bag);
  const dateColumn = pickColumn(decl, columns, 'date', decl.on, bag);
  // Kept even when attribution failed (an error is reported), so uses of the table do not cascade.
  return { schema: { name: decl.name.name, kind, columns, ...(payeeColumn && { payeeColumn }), ...(dateColumn && { dateColumn }) }, decl };
}

/** The column named by `by`/`on`, or else the only required column of that type. */
function pickColumn(decl: Ast.TableDecl, columns: readonly ColumnSchema[], type: 'payee' | 'date', named: Ast.Ident | undefined, bag: DiagnosticBag): string | undefined {
  const what = type === 'payee' ? 'whose row it is' : 'which period it belongs to';
  const fits = (c: ColumnSchema) => c.type === type || (type === 'date' && c.type === 'period');
  const clause = type === 'payee' ? 'by' : 'on';
  if (named) {
    const col = columns.find((c) => c.name === named.name);
    if (!col) bag.error('N005', named.span, `table \`${decl.name.name}\` has no column \`${named.name}\``, didYouMean(named.name, columns.map((c) => c.name)));
    else if (!fits(col)) bag.error('S009', named.span, `\`${clause} ${named.name}\` must name a ${type === 'date' ? 'date or period' : type} column, but \`${named.name}\` is ${col.type}`);
    else if (col.optional) bag.error('S009', named.span, `\`${named.name}\` is optional, so it cannot decide ${what}`);
    else return col.name;
    return undefined;
  }
  const candidates = columns.filter((c) => fits(c) && !c.optional);
  if (candidates.length === 1) return candidates[0]!.name;
  if (candidates.length === 0) {
    bag.error('S009', decl.name.span, `table \`${decl.name.name}\` needs a ${type} column saying ${what}`, { hint: `add a column such as \`${type === 'payee' ? 'rep payee' : 'closed date'}\`, or declare the table \`per payee per period\`` });
  } else {
    bag.error('S009', decl.name.span, `table \`${decl.name.name}\` has several ${type} columns (${candidates.map((c) => c.name).join(', ')}); say which one decides ${what}`, {
      hint: `write \`table ${decl.name.name} ${clause} ${candidates[0]!.name}\``,
    });
  }
  return undefined;
}

/** `table customers per customer`: every `per` word names a required column; together they key a row. */
function keyedTable(decl: Ast.TableDecl, columns: readonly ColumnSchema[], bag: DiagnosticBag): TableInfo | undefined {
  const keys: string[] = [];
  for (const p of decl.per) {
    const col = columns.find((c) => c.name === p.name);
    if (!col) bag.error('S035', p.span, `\`per ${p.name}\` names the key of table \`${decl.name.name}\`, but it declares no column \`${p.name}\``, { hint: `declare it: \`${p.name} text\`` });
    else if (col.optional) bag.error('S035', p.span, `\`${p.name}\` keys table \`${decl.name.name}\`, so it cannot be optional`);
    else if (keys.includes(p.name)) bag.error('S035', p.span, `\`per ${p.name}\` is written twice`);
    else keys.push(p.name);
  }
  if (decl.by || decl.on) bag.error('S005', (decl.by ?? decl.on)!.span, `\`by\` and \`on\` are for transaction tables; table \`${decl.name.name}\` is read by its key`);
  if (keys.length !== decl.per.length) return undefined;
  return { schema: { name: decl.name.name, kind: 'keyed', columns, keys }, decl };
}
