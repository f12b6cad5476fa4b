/**
 * Compare two versions of a plan on the same data: the payout of each payee in each period under
 * both, and the difference. Either version may fail (a plan error, data it cannot read); the
 * comparison then says so, carries the failing version's markers, and shows what the other produced
 * with no difference: a version that does not run pays nothing that could be compared, not zero.
 */
import { Dec, ZERO } from '@payplan/runtime';
import type { Marker } from './markers.js';
import { runSession, type Session, type SessionResult } from './session.js';

export interface ComparisonRow {
  readonly payee: string;
  readonly period: string;
  /** Payout under each version; absent when that version has no statement for this payee and period. */
  readonly a?: string;
  readonly b?: string;
  /** b − a (a missing payout counts as zero); absent when either version does not run. */
  readonly difference?: string;
}

export interface VersionSummary {
  readonly ok: boolean;
  readonly name?: string;
  readonly errors: number;
  /** The first error's CLI header line. */
  readonly firstError?: string;
  /** The version's problems in its own plan text, for squiggles in its editor. */
  readonly markers: readonly Marker[];
  /** The sum of its payouts; absent when it does not run. */
  readonly total?: string;
}

export interface Comparison {
  readonly rows: readonly ComparisonRow[];
  readonly a: VersionSummary;
  readonly b: VersionSummary;
  /** B's total − A's total; absent when either version does not run. */
  readonly difference?: string;
}

export function compare(session: Session, otherPlan: string): Comparison {
  const ra = runSession(session);
  const rb = runSession({ ...session, plan: otherPlan, file: 'version-b.payplan' });
  const pay = (r: SessionResult) => new Map((r.result?.statements ?? []).map((s) => [`${s.payee}\u0000${s.period}`, s] as const));
  const pa = pay(ra);
  const pb = pay(rb);
  const keys = [...new Set([...pa.keys(), ...pb.keys()])].sort();
  const both = !!ra.result && !!rb.result;
  const rows = keys.map((k): ComparisonRow => {
    const a = pa.get(k);
    const b = pb.get(k);
    const [payee, period] = k.split('\u0000') as [string, string];
    const diff = new Dec(b?.payout ?? 0).minus(new Dec(a?.payout ?? 0));
    return { payee, period, ...(a && { a: a.payout }), ...(b && { b: b.payout }), ...(both && { difference: diff.toFixed(Math.max(2, diff.decimalPlaces())) }) };
  });
  const summary = (r: SessionResult): VersionSummary => {
    const errors = r.problems.filter((p) => p.severity === 'error');
    return {
      ok: !!r.result,
      ...(r.result && { name: r.result.plan, total: r.result.statements.reduce((t, s) => t.plus(s.payout), ZERO).toFixed(2) }),
      errors: errors.length,
      ...(errors[0] && { firstError: `${errors[0].file}${errors[0].line ? `:${errors[0].line}` : ''}: ${errors[0].headline}` }),
      markers: r.markers,
    };
  };
  const a = summary(ra);
  const b = summary(rb);
  return { rows, a, b, ...(a.total !== undefined && b.total !== undefined && { difference: new Dec(b.total).minus(a.total).toFixed(2) }) };
}
