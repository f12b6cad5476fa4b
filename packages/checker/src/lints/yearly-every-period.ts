/**
 * L010: a rule that reads as yearly, settled every period. "Monthly commission plus an annual bonus"
 * written as `bonus annual_bonus when revenue >= 1,200,000 pay 5,000` in a monthly plan compares one
 * month's revenue with the year's threshold, and silently pays 0. A commission, bonus or step bonus
 * named as yearly (`annual_bonus`, `year_end_bonus`), or reading a value so named (`annual_target`)
 * directly, in a plan that settles more often than yearly, without `per year` and without
 * `year_to_date` (where sums do run over the year), is reported: say `per year`, or mark it.
 */
import type { IrComponent, IrExpr } from '../ir.js';
import { children, componentExprs, type Cx } from './context.js';

const yearly = /(^|_)(annual|annually|yearly|year)(_|$)/i;

export function yearlyEveryPeriod(cx: Cx, c: IrComponent): void {
  const { ir } = cx;
  if (ir.settle === 'year' || ir.yearToDate || ir.componentPeriods?.[c.name] !== undefined) return;
  if (c.kind !== 'commission' && c.kind !== 'bonus' && c.kind !== 'step_bonus') return;
  const named = yearly.test(c.name);
  const reads = componentExprs(c).flatMap(yearlyReads);
  if (!named && !reads.length) return;
  const keyword = { commission: 'commission', bonus: 'bonus', step_bonus: 'step bonus' }[c.kind];
  const every = { day: 'day', week: 'week', biweek: 'two weeks', semimonth: 'half-month', month: 'month', quarter: 'quarter', half: 'half-year', year: 'year' }[ir.settle];
  const why = named ? `\`${c.name}\` reads as a yearly rule` : `\`${c.name}\` compares with \`${nameOf(reads[0]!)}\`, which reads as a yearly figure`;
  const nameSpan = cx.plan.decls.flatMap((d) => ('name' in d && d.name && typeof d.name === 'object' && 'name' in d.name && d.name.name === c.name ? [d.name.span] : []))[0];
  cx.warn('L010', named ? (nameSpan ?? c.source.span) : reads[0]!.span, `${why}, but the plan measures and pays it every ${every}, on that ${every}'s figures only`, {
    owner: c.source.span,
    notes: [`a yearly threshold compared with one ${every}'s figures may never be reached, and the rule then pays 0 without a word`],
    hint: `to measure it over the year and pay it on the year's last statement, write \`${keyword} ${c.name} per year …\`; if it is meant for every ${every}, end the line with \`# every-period: intended\``,
  });
}

/** The references to values named as yearly, in an expression and its operands (not through definitions). */
function yearlyReads(e: IrExpr): IrExpr[] {
  const own = (e.kind === 'const' || e.kind === 'let' || e.kind === 'base' || e.kind === 'payeeValue') && yearly.test(nameOf(e)) ? [e] : [];
  return [...own, ...children(e).flatMap(yearlyReads)];
}

function nameOf(e: IrExpr): string {
  return e.kind === 'payeeValue' ? e.column : 'name' in e ? String(e.name) : '';
}
