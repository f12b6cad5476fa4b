/**
 * Statement lines with their explanations, built the same way by every back end: the interpreter
 * and compiled modules compute the figures, then call these to word and package them. Keeping the
 * wording here is what lets the differential tests demand identical explanations.
 */
import { Dec, ZERO } from './decimal.js';
import { moneyText } from './format.js';
import type { ComputedLine } from './assemble.js';
import type { NamedValue, RowRef, SourceRef } from './statement.js';
import { flat, marginal, wholeAmount, type BandInput } from './tiers.js';

/** What every rule knows about itself: its name, its text and place in the plan. */
export interface RuleInfo {
  readonly component: string;
  readonly rule: string;
  readonly source: SourceRef;
}

export function commissionLine(
  info: RuleInfo,
  mode: 'flat' | 'whole' | 'marginal',
  base: Dec,
  baseName: string,
  bands: readonly BandInput[],
  values: readonly NamedValue[],
  rows: readonly RowRef[],
): ComputedLine {
  const r = mode === 'flat' ? flat(base, bands[0]!, baseName) : mode === 'whole' ? wholeAmount(base, bands, baseName) : marginal(base, bands, baseName);
  const detail = mode === 'flat' ? r.detail : `${mode === 'whole' ? 'whole amount' : 'marginal'}: ${r.detail}`;
  return { component: info.component, kind: 'commission', exact: r.amount, explanation: { rule: info.rule, source: info.source, detail, values, rows } };
}

export function bonusLine(info: RuleInfo, held: boolean, amount: Dec | undefined, values: readonly NamedValue[], rows: readonly RowRef[]): ComputedLine {
  const exact = held && amount ? amount : ZERO;
  const detail = held ? `condition holds: pays ${moneyText(exact)}` : 'condition does not hold: pays 0.00';
  return { component: info.component, kind: 'bonus', exact, explanation: { rule: info.rule, source: info.source, detail, values, rows } };
}

export function perRowLine(info: RuleInfo, total: Dec, rows: readonly RowRef[], values: readonly NamedValue[]): ComputedLine {
  const detail = rows.length ? `${rows.length} ${rows.length === 1 ? 'row pays' : 'rows pay'} ${moneyText(total)} in all` : 'no row qualifies: pays 0.00';
  return { component: info.component, kind: 'per_row', exact: total, explanation: { rule: info.rule, source: info.source, detail, values, rows } };
}

/** `T1 .. T2 pay 3%` → `T1 .. T2`: a band's range as written. */
export function bandLabel(text: string): string {
  return text.replace(/\s+pay\s.*$/, '').trim();
}

/** `T1 .. T2 pay 3%` → `3%`: what a band pays, as written. */
export function bandPayText(text: string): string {
  const m = /\spay\s+(.*)$/.exec(text);
  return m ? m[1]!.trim() : text;
}
