/**
 * Components with a period of their own: `bonus annual_bonus per year when …`, `commission per
 * quarter on …`, `step bonus per year on …`. Such a component is measured over the longer period
 * and paid on the statement of the plan period that closes it (the runtime's own-periods.ts). The
 * longer period must be made of whole plan periods, and a year-to-date plan takes only `per year`
 * (its true-ups would take a quarter's line back the next month); anything else is S028.
 */
import type { DiagnosticBag } from '@payplan/diagnostics';
import { periodWords, type PeriodKind } from '@payplan/runtime';
import type { Ast } from '@payplan/syntax';
import type { Settings } from '../header.js';
import { didYouMean } from '../suggest.js';

const words: Record<string, PeriodKind> = { month: 'month', quarter: 'quarter', half: 'half', year: 'year' };
/** The plan frequencies each longer period is made of, whole. */
const madeOf: Record<PeriodKind, readonly PeriodKind[]> = {
  year: ['day', 'week', 'biweek', 'semimonth', 'month', 'quarter', 'half'],
  half: ['day', 'semimonth', 'month', 'quarter'],
  quarter: ['day', 'semimonth', 'month'],
  month: ['day', 'semimonth'],
  week: [],
  biweek: [],
  semimonth: [],
  day: [],
};
const rank: Record<PeriodKind, number> = { day: 0, week: 1, biweek: 1, semimonth: 1, month: 2, quarter: 3, half: 4, year: 5 };
const defaultNames: Record<string, string> = { Commission: 'commission', Bonus: 'bonus', StepBonus: 'step_bonus' };

/** The components that state a period of their own, by line name; undefined when none does. */
export function ownPeriods(plan: Ast.Plan, settings: Settings, bag: DiagnosticBag): Record<string, PeriodKind> | undefined {
  const out: Record<string, PeriodKind> = {};
  for (const d of plan.decls) {
    if ((d.kind !== 'Commission' && d.kind !== 'Bonus' && d.kind !== 'StepBonus') || !d.per) continue;
    const kind = words[d.per.name];
    const plain = periodWords[settings.settle];
    if (!kind) {
      bag.error('S028', d.per.span, `a component is measured \`per month\`, \`per quarter\`, \`per half\` or \`per year\`, not \`per ${d.per.name}\``, didYouMean(d.per.name, Object.keys(words)));
    } else if (!madeOf[kind].includes(settings.settle)) {
      const why =
        kind === settings.settle ? `the plan already settles ${plain.adverb}` : rank[kind] <= rank[settings.settle] ? `a ${periodWords[kind].noun} is not longer than a ${plain.noun}` : `a ${plain.noun} can straddle two ${periodWords[kind].noun}s`;
      bag.error('S028', d.per.span, `\`per ${d.per.name}\` needs a ${periodWords[kind].noun} made of whole periods of the plan, and ${why}`, {
        hint: kind === settings.settle ? `remove \`per ${d.per.name}\`` : 'only `per year` fits every frequency',
      });
    } else if (settings.yearToDate && kind !== 'year') {
      bag.error('S028', d.per.span, `a year-to-date plan pays each period the year's entitlement less what the year paid, so a line paid once a ${periodWords[kind].noun} would be taken back the period after`, {
        hint: 'use `per year`, or settle without `year_to_date`',
      });
    } else out[d.name?.name ?? defaultNames[d.kind]!] = kind;
  }
  return Object.keys(out).length ? out : undefined;
}
