/**
 * The lints, in the order they run, each with its codes and the word a plan writes before
 * `: intended` to keep a finding quiet. A lint looks at the whole plan once (`plan`) or at each
 * rule in turn (`rule`); lint.ts runs every `plan` lint, then every `rule` lint on each rule.
 * Adding a lint: a module under lints/, an entry here, its code in codes.ts, and its pages in
 * grammar/tools.md and grammar/diagnostics.md.
 */
import type { Code } from '@payplan/diagnostics';
import type { IrComponent } from '../ir.js';
import { commissionShape } from './commission-shape.js';
import type { Cx } from './context.js';
import { neverPays } from './never-pays.js';
import { periodValuesInYearToDate } from './period-values.js';
import { ratesAbove100 } from './rates.js';
import { salaryShape } from './salary-shape.js';
import { stepShape } from './step-shape.js';
import { unpaidPayees } from './unpaid-payees.js';
import { unpaidPools } from './unpaid-pools.js';
import { unusedDeclarations } from './unused.js';
import { yearlyEveryPeriod } from './yearly-every-period.js';

export interface Lint {
  /** The codes the lint reports, each with its marker: `cliff` for `# cliff: intended`. */
  readonly markers: Partial<Record<Code, string>>;
  readonly plan?: (cx: Cx) => void;
  readonly rule?: (cx: Cx, c: IrComponent) => void;
}

const shapeMarkers = { L003: 'cliff', L004: 'unreachable' } as const;

export const lints: readonly Lint[] = [
  { markers: { L001: 'unused' }, plan: unusedDeclarations },
  { markers: { L002: 'rate' }, rule: ratesAbove100 },
  { markers: shapeMarkers, rule: (cx, c) => c.kind === 'commission' && commissionShape(cx, c) },
  { markers: shapeMarkers, rule: (cx, c) => c.kind === 'step_bonus' && stepShape(cx, c) },
  { markers: shapeMarkers, rule: (cx, c) => c.kind === 'salary' && salaryShape(cx, c) },
  { markers: { L005: 'never-pays' }, rule: neverPays },
  { markers: { L006: 'unpaid' }, plan: unpaidPayees },
  { markers: { L007: 'period-value' }, rule: periodValuesInYearToDate },
  { markers: { L010: 'every-period' }, rule: yearlyEveryPeriod },
  { markers: { L013: 'unpaid-pool' }, rule: unpaidPools },
];
