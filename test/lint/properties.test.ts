/**
 * The cliff lint against the interpreter: for random whole-amount tiers with constant bounds and
 * rates or amounts, L003 must name exactly the boundaries where the evaluated payout just below
 * the boundary is more than the payout at it — no false alarm, no cliff missed. And the lints never
 * throw and never report an error, whatever the tier.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, run } from '@payplan/core';
import { Dec } from '@payplan/runtime';

/** A band's pay: a rate in whole percent, or a whole amount. */
type Pay = { readonly rate: number } | { readonly amount: number };

const payText = (p: Pay) => ('rate' in p ? `${p.rate}%` : `${p.amount}`);

const tiers = fc
  .uniqueArray(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 4 })
  .chain((bounds) =>
    fc.record({
      bounds: fc.constant([...bounds].sort((a, b) => a - b).map((b) => b * 1000)),
      pays: fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }).map((rate): Pay => ({ rate })), fc.integer({ min: 0, max: 30 }).map((a): Pay => ({ amount: a * 100 }))), {
        minLength: bounds.length + 1,
        maxLength: bounds.length + 1,
      }),
    }),
  );

function planText(bounds: readonly number[], pays: readonly Pay[]): string {
  const lines = pays.map((p, i) => {
    const range = i === 0 ? `below ${bounds[0]}` : i === bounds.length ? `from ${bounds[i - 1]}` : `${bounds[i - 1]} .. ${bounds[i]}`;
    return `  ${range} pay ${payText(p)}`;
  });
  return `plan "P"\n  currency EUR\n  settle quarterly\n\ntable sales per payee per period\n  revenue money\n\ncommission on revenue whole\n${lines.join('\n')}\n`;
}

describe('L003 agrees with the evaluated payouts', () => {
  it('names exactly the boundaries where the payout falls', () => {
    fc.assert(
      fc.property(tiers, ({ bounds, pays }) => {
        const text = planText(bounds, pays);
        const checked = check(text, 'plan.payplan');
        expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        // The first band line is line 9; band i starts at bound i - 1.
        const warned = new Set(checked.diagnostics.filter((d) => d.code === 'L003').map((d) => checked.source.lineCol(d.span.start).line - 9));
        const rows = bounds.flatMap((b, i) => [
          { payee: `below${i}`, period: '2026-Q1', revenue: new Dec(b).minus('0.000001').toFixed() },
          { payee: `at${i}`, period: '2026-Q1', revenue: String(b) },
        ]);
        const outcome = run(text, 'plan.payplan', [{ table: 'sales', file: 'sales.json', rows }]);
        expect(outcome.result, JSON.stringify(outcome.diagnostics)).toBeDefined();
        const payout = (payee: string) => new Dec(outcome.result!.statements.find((s) => s.payee === payee)!.payout);
        bounds.forEach((_, i) => {
          const falls = payout(`at${i}`).lt(payout(`below${i}`));
          expect(warned.has(i + 1), `${text}\nboundary ${bounds[i]}: ${payout(`below${i}`)} just below, ${payout(`at${i}`)} at it`).toBe(falls);
        });
      }),
      { numRuns: 150 },
    );
  });
});
