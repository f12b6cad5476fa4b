/**
 * Payouts' data in one pass (`$onePass`), for plans that exclude no rows and whose row rules read
 * nothing but the row (fast/plan.ts decides): while the rows an application passes are read, each
 * payee-period's base and per-row rule sums are added up in one array, and no rows are kept. Any row
 * not plainly written returns undefined, and `computePayouts` takes the usual path.
 */
import type { IrExpr } from '@payplan/checker';
import type { EmitContext, TableNames } from '../context.js';
import { emitExpr, need, type ExprEnv } from '../expr.js';
import { jsName, jsString } from '../names.js';
import { keyCheck, payeeRowsReader, readCells } from './readers.js';

export function onePassFunction(cx: EmitContext): string {
  const { rowTables, payeeTables } = cx;
  const width = cx.fast.sumSlots.size;
  const dataFields = [
    ...rowTables.map((t) => `${t.member}: ${t.fixRec}$columns(0)`),
    ...payeeTables.flatMap((t) => [`${t.member}$loaded: new Map<string, InputRow>()`, `${t.member}$fix: t$${t.member}`]),
  ];
  const loops = rowTables.map((t) => tableLoop(cx, t));
  return `/**
 * Payouts' data in one pass over the rows as an application passes them: this plan excludes no rows
 * and its row rules read nothing but the row, so each payee-period's sums are added up while reading,
 * and no rows are kept. undefined: a row is not plainly written (the usual path then reads them all).
 */
function $onePass(inputs: Inputs, options: ComputeOptions): $FastData | undefined {
  const issues: $Issue[] = [];
  void options;
  const grouping = $grouping($newGroup);
${payeeTables.map((t) => `  const t$${t.member} = ${t.fixRec}$readAll($given(inputs, ${jsString(t.schema.name)}) ?? [], grouping);
  if (!t$${t.member}) return undefined;`).join('\n')}
  // Every group's sums side by side in one array, ${width} per group; each payee's groups by period
  // slot hold their offset, so the common case is one map lookup and two indexes.
  let sums: Float64Array = new Float64Array(${width} * 1024);
  let next = 0;
  const offsets = new Map<$Group, number>();
  const open = (payee: string, slot: number): number => {
    const g = grouping.get(payee, slot);
    let at = offsets.get(g);
    if (at === undefined) offsets.set(g, (at = next)), (next += ${width});
    return at;
  };
  const byPayee = new Map<string, (number | undefined)[]>();
${loops.join('\n')}
  everyPayeePeriod([...grouping.all.map((g) => g.payee)${payeeTables.map((t) => `, ...[...t$${t.member}.keys()].map((k) => k.slice(0, k.indexOf("\\u0000")))`).join('')}], grouping.all.map((g) => g.period), $cal, (payee, period) => grouping.get(payee, $slotOfLabel(period)));
  const data: $FastData = {
    groups: grouping.all.sort($byPayeePeriod)${dataFields.map((x) => `,\n    ${x}`).join('')},
  };
  for (const g of data.groups) {
    const at = offsets.get(g);
    if (at === undefined) g.sums = new Float64Array(${width});
${cx.payeeChecked ? '    else if (!$paid(data, g)) return undefined; // a payee without their row per payee: full validation reports it\n' : ''}    else g.sums = sums.subarray(at, at + ${width});
  }
  return data;
}
${payeeTables.map((t) => payeeRowsReader(cx, t)).join('\n')}`;
}

/** The sums a table's row adds to: its bases and per-row rules, each under its condition. */
export function rowSums(cx: EmitContext, t: TableNames): string[] {
  const env = (): ExprEnv => ({ mode: 'fix', names: cx.names, scope: 'fx', row: 'i' });
  const adds: string[] = [];
  for (const b of cx.ir.bases) {
    if (b.over.kind !== 'table' || b.over.table !== t.schema.name) continue;
    const k = cx.fast.sumSlots.get(`base:${b.name}`)!;
    const v = b.value ? need(emitExpr(b.value, env())).code : '1';
    const where = b.where ? `if (${cx.holds(emitExpr(b.where, env()))}) ` : '';
    adds.push(`    // ${cx.ruleText(b.source)}`, `    ${where}sums[at + ${k}] = $add(sums[at + ${k}]!, ${v});`);
  }
  for (const c of cx.ir.components) {
    if (c.kind !== 'per_row' || c.table !== t.schema.name) continue;
    const k = cx.fast.sumSlots.get(`rule:${c.name}`)!;
    const tests = [c.where, c.when].filter((x): x is IrExpr => !!x).map((x) => cx.holds(emitExpr(x, env())));
    const pay = need(emitExpr(c.pay, env()));
    const v = cx.perRowRound ? cx.roundFix(pay.code, pay.scale) : pay.code;
    adds.push(`    // ${cx.ruleText(c.source)}`, `    ${tests.length ? `if (${tests.join(' && ')}) ` : ''}sums[at + ${k}] = $add(sums[at + ${k}]!, ${v});`);
  }
  return adds;
}

/** One transaction table's loop: read each row, find its group's sums, add to them. */
function tableLoop(cx: EmitContext, t: TableNames): string {
  const adds = rowSums(cx, t);
  const keys = keyCheck(t, `${t.member}$keys`, `${t.member}$given.length`, 'undefined');
  const payee = `c$${jsName(t.schema.payeeColumn!)}`;
  return `  const ${t.member}$given = $given(inputs, ${jsString(t.schema.name)}) ?? [];
  if (!Array.isArray(${t.member}$given)) return undefined;${keys.declare}
  for (let i = 0; i < ${t.member}$given.length; i++) {
    const row: unknown = ${t.member}$given[i];
    if (typeof row !== "object" || row === null) return undefined;
    const o = row as Record<string, unknown>;
${readCells(cx, t, 'undefined', '    ', 'slot')}
${keys.gather}    let slots = byPayee.get(${payee});
    if (slots === undefined) byPayee.set(${payee}, (slots = []));
    let at = slots[slot];
    if (at === undefined) {
      at = slots[slot] = open(${payee}, slot);
      if (at + ${cx.fast.sumSlots.size} > sums.length) sums = $grown(sums);
    }
${adds.join('\n')}
  }
${keys.check}`;
}
