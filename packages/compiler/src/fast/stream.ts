/**
 * Figures streamed (`streamFigures`), for plans whose payouts take one pass (fast/plan.ts decides):
 * rows are handed over one at a time, as a reader parses them, and only each payee-period's sums
 * are kept, so memory grows with payees × periods and not with rows. `finish()` gives each
 * statement's figures (its lines' amounts and its payout, exactly as the statement would show them)
 * without explanations: what `payplan run` prints as a table or CSV. A row not plainly written, or
 * any surprise, makes `row` or `finish` answer false or undefined, and the caller then runs the
 * usual path, which validates in full and reports what is wrong.
 *
 * The caller checks the declared keys of transaction rows (D005): the stream keeps no rows, so it
 * cannot. (@payplan/data's streaming reader does, with a fingerprint per row.)
 */
import type { EmitContext, TableNames } from '../context.js';
import { jsName, jsString } from '../names.js';
import { rowSums } from './one-pass.js';
import { readCells } from './readers.js';

export function streamFunction(cx: EmitContext): string {
  const { rowTables, payeeTables } = cx;
  const width = cx.fast.sumSlots.size;
  const dataFields = [
    ...rowTables.map((t) => `${t.member}: ${t.fixRec}$columns(0)`),
    ...payeeTables.flatMap((t) => [`${t.member}$loaded: new Map<string, InputRow>()`, `${t.member}$fix: t$${t.member}`]),
  ];
  const lines = cx.ir.components.map((c) => {
    const scale = cx.fast.componentScales.get(c.name) ?? 0;
    const v = `${cx.componentFns.get(c.name)!}$fix(fx${c.kind === 'per_row' ? ', undefined' : ''})`;
    const amount = cx.rounding.point === 'total' ? `$moneyText(${v}, ${scale})` : `$plain(${cx.roundFix(v, scale)}, ${cx.stepPlaces})`;
    return `{ component: ${jsString(c.name)}, amount: ${amount} }`;
  });
  return `/** One statement's figures: each line's amount and the payout, as the statement shows them, without explanations. */
export interface Figures {
  readonly payee: string;
  readonly period: string;
  readonly lines: readonly { readonly component: string; readonly amount: string }[];
  readonly payout: string;
}

/** Rows handed over one at a time; false or undefined: not plainly written (run the usual path instead). */
export interface FiguresStream {
  row(table: string, o: Record<string, unknown>): boolean;
  finish(): Figures[] | undefined;
}

/**
 * Statements' figures from rows streamed one at a time, keeping only each payee-period's sums.
 * \`inputs\` holds the per-payee tables' rows; transaction rows go to \`row\`. The caller checks
 * declared keys (D005). undefined: the plan or the per-payee rows need the usual path.
 */
export function streamFigures(inputs: Partial<Inputs>): FiguresStream | undefined {
  if ($planError) return undefined;
  const grouping = $grouping($newGroup);
${payeeTables.map((t) => `  const t$${t.member} = ${t.fixRec}$readAll($given(inputs as Inputs, ${jsString(t.schema.name)}) ?? [], grouping);\n  if (!t$${t.member}) return undefined;`).join('\n')}
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
${rowTables.map((t) => rowFunction(cx, t)).join('\n')}
  const $figuresOf = (): Figures[] | undefined => {
    everyPayeePeriod([...grouping.all.map((g) => g.payee)${payeeTables.map((t) => `, ...[...t$${t.member}.keys()].map((k) => k.slice(0, k.indexOf("\\u0000")))`).join('')}], grouping.all.map((g) => g.period), $cal, (payee, period) => grouping.get(payee, $slotOfLabel(period)));
    const data: $FastData = {
      groups: grouping.all.sort($byPayeePeriod)${dataFields.map((x) => `,\n      ${x}`).join('')},
    };
    for (const g of data.groups) {
      const at = offsets.get(g);
      if (at === undefined) g.sums = new Float64Array(${width});
${cx.payeeChecked ? '      else if (!$paid(data, g)) return undefined; // a payee without their row per payee: full validation reports it\n' : ''}      else g.sums = sums.subarray(at, at + ${width});
    }
    return data.groups.map((g) => {
      const fx = $fix(data, g, false);
      return { payee: g.payee, period: g.period, lines: [${lines.join(', ')}], payout: $plain($fastPayout(data, g), ${cx.stepPlaces}) };
    });
  };
  return {
    row(table: string, o: Record<string, unknown>): boolean {
      try {
        switch (table) {
${rowTables.map((t) => `          case ${jsString(t.schema.name)}:\n            return ${t.member}$row(o);`).join('\n')}
          default:
            return false;
        }
      } catch (err) {
        if (err === $BAIL) return false;
        throw err;
      }
    },
    finish(): Figures[] | undefined {
      try {
        return $figuresOf();
      } catch (err) {
        if (err === $BAIL || err instanceof PlanError) return undefined;
        throw err;
      }
    },
  };
}
`;
}

/** One transaction table's row: read its cells, find its group's sums, add to them. */
function rowFunction(cx: EmitContext, t: TableNames): string {
  const payee = `c$${jsName(t.schema.payeeColumn!)}`;
  return `  const ${t.member}$row = (o: Record<string, unknown>): boolean => {
${readCells(cx, t, 'false', '    ', 'slot')}
    let slots = byPayee.get(${payee});
    if (slots === undefined) byPayee.set(${payee}, (slots = []));
    let at = slots[slot];
    if (at === undefined) {
      at = slots[slot] = open(${payee}, slot);
      if (at + ${cx.fast.sumSlots.size} > sums.length) sums = $grown(sums);
    }
${rowSums(cx, t).map((l) => l.replace(/^ {4}/, '    ')).join('\n')}
    return true;
  };`;
}
