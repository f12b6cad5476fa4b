/**
 * Commissions: `commission on revenue pay 5%` (flat) and tiered ones, `whole` or `marginal`, whose
 * bands (lower/tiers.ts) are on the base or, with `by`, on another measure.
 */
import type { Ast } from '@payplan/syntax';
import type { IrComponent } from '../ir.js';
import { unitWords } from '../units.js';
import { reported } from './bonuses.js';
import { claimRuleName, sourceOf, type Lowering } from './context.js';
import { lowerBand, lowerTierBase, lowerTiers } from './tiers.js';

export function lowerCommission(lw: Lowering, d: Ast.CommissionDecl): IrComponent | undefined {
  const name = claimRuleName(lw, d, 'commission');
  const { bag, source } = lw;
  const header = sourceOf(source, { start: d.span.start, end: d.bands[0]?.span.start ?? d.span.end });
  if (d.pay) {
    const base = lowerTierBase(lw, d.on, undefined, { level: 'payee' }, 'a commission');
    if (!base) return undefined;
    if (base.base.unit !== 'money') {
      bag.error('T003', d.on.span, `a commission is paid on money, but \`${source.slice(d.on.span)}\` is ${unitWords(base.base.unit)}`, {
        hint: 'for an amount by bands of this measure, write the bands: `commission on … whole` with `below …`, `from …` lines',
      });
      return undefined;
    }
    const band = lowerBand(lw, d.pay, { lower: undefined, upper: undefined }, sourceOf(source, d.span), { level: 'payee' }, 'money', false);
    return band && { kind: 'commission', name, ...reported(d), base: base.base, baseName: source.slice(d.on.span), mode: 'flat', bands: [band], uses: [...lw.uses], source: header };
  }
  const base = lowerTierBase(lw, d.on, d.by, { level: 'payee' }, 'a commission');
  if (!base) return undefined;
  const tiers = lowerTiers(lw, d, d.on, base, { level: 'payee' }, { span: d.span, words: 'commission' });
  return tiers && { kind: 'commission', name, ...reported(d), ...tiers, uses: [...lw.uses], source: header };
}
