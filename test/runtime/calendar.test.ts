/**
 * The plan's calendar (runtime calendar.ts): labels of every frequency, ISO weeks at year ends,
 * biweekly anchors, semi-months, fiscal years, the year a period belongs to, and labels that are
 * shaped right but name no period.
 */
import { describe, expect, it } from 'vitest';
import { calendarOf } from '@payplan/runtime';

describe('the calendar', () => {
  it('labels ISO weeks by their week-numbering year', () => {
    const weeks = calendarOf('week');
    expect(weeks.periodOf('2025-12-29')).toBe('2026-W01');
    expect(weeks.periodOf('2026-01-04')).toBe('2026-W01');
    expect(weeks.periodOf('2026-01-05')).toBe('2026-W02');
    expect(weeks.periodOf('2021-01-03')).toBe('2020-W53');
    expect(weeks.bounds('2020-W53')).toEqual({ first: '2020-12-28', last: '2021-01-03' });
    expect(weeks.yearOf('2020-W53')).toBe('2020');
    expect(weeks.parse('2025-w53')).toBeUndefined(); // 2025 has 52 ISO weeks; 2026, starting on a Thursday, 53
    expect(weeks.parse('2026-W53')).toBe('2026-W53');
    expect(weeks.parse('2020-w53')).toBe('2020-W53');
  });
  it('counts biweekly periods from the anchor, both ways, and names the period of a misaligned span', () => {
    const cal = calendarOf('biweek', { anchor: '2025-12-29' });
    expect(cal.periodOf('2026-01-11')).toBe('2025-12-29/2026-01-11');
    expect(cal.periodOf('2026-01-12')).toBe('2026-01-12/2026-01-25');
    expect(cal.periodOf('2025-12-28')).toBe('2025-12-15/2025-12-28');
    expect(cal.parse('2026-01-05/2026-01-18')).toBeUndefined();
    expect(cal.nearest('2026-01-05/2026-01-18')).toEqual({ first: '2026-01-05', label: '2025-12-29/2026-01-11' });
    // A biweekly period belongs to the year of its last day.
    expect(cal.yearOf('2025-12-29/2026-01-11')).toBe('2026');
  });
  it('splits months into the 1st–15th and the 16th–last day', () => {
    const cal = calendarOf('semimonth');
    expect(cal.periodOf('2024-02-29')).toBe('2024-02-16/2024-02-29');
    expect(cal.next('2026-01-16/2026-01-31')).toBe('2026-02-01/2026-02-15');
    expect(cal.parse('2026-01-01/2026-01-14')).toBeUndefined();
  });
  it('labels fiscal quarters and years from the fiscal year start, named by the year it starts in', () => {
    const q = calendarOf('quarter', { fiscalStart: 4 });
    expect(q.periodOf('2026-04-01')).toBe('FY2026-Q1');
    expect(q.periodOf('2027-03-31')).toBe('FY2026-Q4');
    expect(q.bounds('FY2026-Q4')).toEqual({ first: '2027-01-01', last: '2027-03-31' });
    expect(q.parse('fy2026-q2')).toBe('FY2026-Q2');
    expect(q.parse('2026-Q2')).toBeUndefined();
    const m = calendarOf('month', { fiscalStart: 4 });
    expect(m.yearOf('2026-03')).toBe('FY2025');
    expect(m.yearOf('2026-04')).toBe('FY2026');
    expect(m.previousInYear('2026-04')).toBeUndefined();
    expect(m.nextInYear('2027-03')).toBeUndefined();
    expect(m.yearBounds('FY2026')).toEqual({ first: '2026-04-01', last: '2027-03-31' });
  });
  it('keeps calendar-year labels as they were', () => {
    expect(calendarOf('quarter').periodOf('2026-05-31')).toBe('2026-Q2');
    expect(calendarOf('half').next('2025-H2')).toBe('2026-H1');
    expect(calendarOf('year').parse(' 2026 ')).toBe('2026');
    expect(calendarOf('day').next('2024-02-28')).toBe('2024-02-29');
  });
});
