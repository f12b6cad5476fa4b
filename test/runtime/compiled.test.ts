/**
 * @payplan/runtime/compiled on its own: the support code compiled modules import. The fast path's
 * integer arithmetic and readers must give exactly what the decimal runtime gives (rounding, money
 * cells, dates and their periods) or give up; validation words problems as @payplan/data does; a
 * ComputeError names the plan line of its first problem.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, parseCellValue, parseDate, periodLabel, periodOf, roundTo, type PeriodKind, type TableSchema } from '@payplan/runtime';
import { add, BAIL, ComputeError, dateCell, dec, fixText, mayRepeat, MAX_EXACT, moneyText, periodSlots, round, validateRows, type InputIssue } from '@payplan/runtime/compiled';

describe('exact integers', () => {
  it('bail when a result leaves the range doubles hold exactly', () => {
    expect(add(MAX_EXACT - 1, 1)).toBe(MAX_EXACT);
    expect(() => add(MAX_EXACT, 1)).toThrow();
    try {
      add(MAX_EXACT, 1);
    } catch (err) {
      expect(err).toBe(BAIL);
    }
  });

  it('round as the runtime rounds, in every mode', () => {
    const modes = ['half_up', 'half_even', 'down', 'up'] as const;
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 4 }), fc.constantFrom('0.01', '1', '0.05', '10'), fc.constantFrom(...modes), (n, scale, step, mode) => {
        const places = Math.max(0, new Dec(step).decimalPlaces());
        const units = new Dec(step).mul(new Dec(10).pow(places)).toNumber();
        expect(dec(round(n, scale, units, places, mode), places).toFixed()).toBe(roundTo(dec(n, scale), step, mode).toFixed());
      }),
    );
  });

  it('write money as the runtime does', () => {
    expect(moneyText(1234, 2)).toBe('12.34');
    expect(moneyText(-5, 0)).toBe('-5.00');
    expect(moneyText(12345, 4)).toBe('1.2345');
    expect(moneyText(12300, 4)).toBe('1.23');
  });
});

describe('fast readers', () => {
  it('read a money cell to the integer the shared cell reading gives, or give up', () => {
    const spelling = fc.oneof(fc.string(), fc.stringMatching(/^ ?-?\d{1,17}(\.\d{0,4})? ?$/));
    fc.assert(
      fc.property(spelling, (raw) => {
        const n = fixText(raw, 2);
        if (n === undefined) return;
        const v = parseCellValue('money', raw);
        expect(v instanceof Dec && v.eq(dec(n, 2))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('read a date cell as parseDate does, and place it in its period', () => {
    const kinds: PeriodKind[] = ['month', 'quarter', 'half', 'year'];
    const date = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const byKind = new Map(kinds.map((k) => [k, periodSlots(k, undefined)]));
    fc.assert(
      fc.property(date, fc.constantFrom(...kinds), (raw, kind) => {
        const d = dateCell(raw, undefined);
        expect(d).toBe(parseDate(raw));
        const slot = byKind.get(kind)!.dateSlot(raw, undefined);
        expect(slot >= 0).toBe(d !== undefined);
      }),
      { numRuns: 2000 },
    );
    const slots = periodSlots('quarter', 2026);
    for (const d of ['2026-01-31', '2026-04-01', '2026-12-31', '2026-02-29', '2025-03-01']) {
      const slot = slots.dateSlot(d, 2026);
      expect(slot < 0 ? undefined : slots.periodOf(d)).toBe(parseDate(d) && d.startsWith('2026') ? periodLabel(periodOf(d, 'quarter')) : undefined);
    }
  });

  it('find keys that may repeat', () => {
    expect(mayRepeat(['a', 'b', 'c'])).toBe(false);
    expect(mayRepeat(['a', 'b', 'a'])).toBe(true);
    expect(mayRepeat(Array.from({ length: 10_000 }, (_, i) => String(i)))).toBe(false);
  });
});

describe('validation and errors', () => {
  const deals: TableSchema = {
    name: 'deals',
    kind: 'rows',
    columns: [
      { name: 'id', type: 'text', optional: false, key: true },
      { name: 'rep', type: 'payee', optional: false, key: false },
      { name: 'closed', type: 'date', optional: false, key: false },
      { name: 'amount', type: 'money', optional: false, key: false, bound: { op: '>=', value: '0' } },
    ],
    payeeColumn: 'rep',
    dateColumn: 'closed',
  };

  it('words problems as @payplan/data words them', () => {
    const issues: InputIssue[] = [];
    const rows = validateRows({ settle: 'quarter', year: 2026 }, deals, 'deals.csv', [
      { id: 1, rep: 'ana', closed: '2026-02-10', amount: '10' },
      { id: 1, rep: 'bob', closed: '2025-02-10', amount: [1] },
      { id: 2, rep: 'cat', closed: '2026-02-10', amount: '-1' },
    ], issues);
    expect(rows.map((r) => r.row)).toEqual([1]);
    expect(issues.map((i) => i.code)).toEqual(['D007', 'D004', 'D005', 'D015']);
    expect(issues[1]!.message).toBe('deals.csv row 2, column amount: expected a single value such as text or a number, found a list');
  });

  it('name the plan line and column of the first problem', () => {
    const e = new ComputeError(
      [
        { code: 'R002', severity: 'error', message: 'division by zero', file: 'plan.payplan', span: { start: 14, end: 20 } },
        { code: 'R003', severity: 'error', message: 'empty', file: 'plan.payplan', span: { start: 1, end: 2 } },
      ],
      { file: 'plan.payplan', lineStarts: [0, 10, 30] },
    );
    expect(e.message).toBe('plan.payplan:2:5: error[R002]: division by zero (and 1 more)');
    expect(e).toBeInstanceOf(Error);
  });
});
