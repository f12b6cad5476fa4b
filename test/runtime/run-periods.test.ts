/**
 * The periods a run settles: every period from the first the data has anything for to the last,
 * gaps and year boundaries included, and every payee gets each of them.
 */
import { describe, expect, it } from 'vitest';
import { calendarOf, everyPayeePeriod, runPeriods } from '@payplan/runtime';

describe('the periods of a run', () => {
  it('fills the gaps between the first and the last period', () => {
    expect(runPeriods(['2026-04', '2026-01', '2026-02'], calendarOf('month'))).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
  });
  it('runs across a year boundary', () => {
    expect(runPeriods(['2026-Q1', '2025-Q3'], calendarOf('quarter'))).toEqual(['2025-Q3', '2025-Q4', '2026-Q1']);
    expect(runPeriods(['2027', '2025'], calendarOf('year'))).toEqual(['2025', '2026', '2027']);
    expect(runPeriods(['2025-H2', '2026-H2'], calendarOf('half'))).toEqual(['2025-H2', '2026-H1', '2026-H2']);
  });
  it('is empty without data', () => expect(runPeriods([], calendarOf('month'))).toEqual([]));
  it('gives every payee every period, once each', () => {
    const pairs: string[] = [];
    everyPayeePeriod(['bob', 'ana', 'bob'], ['2026-Q2', '2026-Q1'], calendarOf('quarter'), (p, q) => pairs.push(`${p} ${q}`));
    expect(pairs).toEqual(['bob 2026-Q1', 'bob 2026-Q2', 'ana 2026-Q1', 'ana 2026-Q2']);
  });
});
