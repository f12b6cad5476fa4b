/**
 * Credit: who is credited with a transaction row, and with what share. A row's credit rules name
 * payee columns with fixed or computed shares, or `rest`; the shares must come to 100%.
 */
import { Dec, ZERO } from './decimal.js';
import { percentText } from './format.js';
import type { InputRow } from './schema.js';

export interface CreditRuleSpec {
  /** The payee column credited. */
  readonly to: string;
  readonly rest: boolean;
  readonly share?: (row: InputRow) => Dec;
  readonly when?: (row: InputRow) => boolean;
  readonly rule: string;
}

export interface CreditSpec {
  readonly table: string;
  readonly rules: readonly CreditRuleSpec[];
}

/** Splits one row among the payees its credit rules name; shares must come to 100%. */
export function creditRow(credit: CreditSpec, row: InputRow, file: string): { credits: { payee: string; share: Dec; via: string }[] } | { error: string; column?: string } {
  const out: { payee: string; share: Dec; via: string }[] = [];
  let given = ZERO;
  let rest: CreditRuleSpec | undefined;
  for (const rule of credit.rules) {
    if (rule.when && !rule.when(row)) continue;
    if (rule.rest) {
      rest ??= rule;
      continue;
    }
    const payee = row.cells[rule.to];
    if (typeof payee !== 'string') return { error: `${file} row ${row.row}, column ${rule.to}: empty, but \`${rule.rule}\` credits it; guard the rule with \`when ${rule.to} is set\``, column: rule.to };
    const share = rule.share!(row);
    given = given.plus(share);
    out.push({ payee, share, via: rule.rule });
  }
  if (rest) {
    const payee = row.cells[rest.to];
    if (typeof payee !== 'string') return { error: `${file} row ${row.row}, column ${rest.to}: empty, but \`${rest.rule}\` credits it the rest`, column: rest.to };
    if (given.gt(1)) return { error: `${file} row ${row.row}: credit shares add up to ${percentText(given)}, more than 100%` };
    out.push({ payee, share: new Dec(1).minus(given), via: rest.rule });
  } else if (!given.eq(1)) {
    return { error: `${file} row ${row.row}: credit shares add up to ${percentText(given)}, not 100%` };
  }
  // One payee named twice (finder and owner the same person) gets one combined share.
  const merged = new Map<string, { payee: string; share: Dec; via: string }>();
  for (const c of out) {
    const prior = merged.get(c.payee);
    merged.set(c.payee, prior ? { ...prior, share: prior.share.plus(c.share), via: `${prior.via}; ${c.via}` } : c);
  }
  return { credits: [...merged.values()].filter((c) => !c.share.isZero()) };
}

