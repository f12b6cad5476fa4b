/**
 * Settlement periods for a compiled module's fast path, numbered: each distinct period label gets a
 * slot, and a table by month (year × 12 + month − 1) finds a date's slot without building any text.
 * One `periodSlots` per module (its settlement kind and plan year); a date's period never changes, so
 * the table lives as long as the module. A calendar whose periods are shorter than a month (or whose
 * years are fiscal) looks a date's period up by its day instead. Groups of rows are kept by payee and
 * slot, and statements are ordered by payee and period.
 */
import { calendarOf, type CalendarOptions } from '../calendar.js';
import type { PeriodKind } from '../period.js';
import { daysInMonth, isoDigits } from './read-cells.js';

export interface PeriodSlots {
  /** The slot of a period label, given one the first time it is seen. */
  slotOfLabel(label: string): number;
  /** The slot of a valid ISO date's period. */
  periodSlot(date: string): number;
  /** The settlement period of a valid ISO date. */
  periodOf(date: string): string;
  /**
   * The slot of an ISO date cell, validated exactly as `dateCell` validates it (and in the plan year
   * when given), or -1: the date and its period in one reading of the text.
   */
  dateSlot(raw: unknown, year: number | undefined): number;
  /** A period cell already written as the plan's canonical label (2026-Q1), in the plan year; else undefined. */
  periodCell(raw: unknown): string | undefined;
  /** Groups by payee and then period slot, each group made once, kept in order of first appearance. */
  grouping<G>(make: (payee: string, period: string) => G): Grouping<G>;
}

export interface Grouping<G> {
  readonly all: G[];
  readonly get: (payee: string, slot: number) => G;
}

export function periodSlots(settle: PeriodKind, year: number | undefined, options?: CalendarOptions): PeriodSlots {
  const cal = calendarOf(settle, options);
  const byMonthWorks = (settle === 'month' || settle === 'quarter' || settle === 'half' || settle === 'year') && !cal.fiscal;
  const byDay = new Map<string, number>();
  let byMonth: Int32Array | undefined;
  const labels: string[] = [];
  const slotOfLabel = (label: string): number => {
    const i = labels.indexOf(label);
    return i >= 0 ? i : labels.push(label) - 1;
  };
  /** The slot of month (year × 12 + month − 1) of a valid date. */
  const slotOfMonth = (month: number, date: string): number => {
    if (!byMonthWorks) {
      let slot = byDay.get(date);
      if (slot === undefined) byDay.set(date, (slot = slotOfLabel(cal.periodOf(date))));
      return slot;
    }
    const table = (byMonth ??= new Int32Array(120012));
    let slot = table[month]!;
    if (slot === 0) table[month] = slot = slotOfLabel(cal.periodOf(date)) + 1;
    return slot - 1;
  };
  const periodSlot = (date: string): number => {
    const month = ((date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48)) * 12 + (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 49);
    return slotOfMonth(month, date);
  };
  return {
    slotOfLabel,
    periodSlot,
    periodOf: (date) => labels[periodSlot(date)]!,
    dateSlot(raw, inYear) {
      if (typeof raw !== 'string') return -1;
      const t = raw.length === 10 ? raw : raw.trim();
      const ymd = isoDigits(t);
      if (ymd < 0) return -1;
      const y = Math.floor(ymd / 10000);
      if (inYear !== undefined && byMonthWorks && y !== inYear) return -1;
      const m = Math.floor(ymd / 100) % 100;
      const d = ymd % 100;
      if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return -1;
      const slot = slotOfMonth(y * 12 + m - 1, t);
      return inYear !== undefined && !byMonthWorks && !cal.inYear(labels[slot]!, inYear) ? -1 : slot;
    },
    periodCell(raw) {
      if (typeof raw !== 'string') return undefined;
      const label = cal.parse(raw);
      if (label === undefined || (year !== undefined && !cal.inYear(label, year))) return undefined;
      return label === raw ? label : undefined;
    },
    grouping<G>(make: (payee: string, period: string) => G): Grouping<G> {
      const byPayee = new Map<string, (G | undefined)[]>();
      const all: G[] = [];
      const get = (payee: string, slot: number): G => {
        let slots = byPayee.get(payee);
        if (slots === undefined) byPayee.set(payee, (slots = []));
        let g = slots[slot];
        if (g === undefined) {
          slots[slot] = g = make(payee, labels[slot]!);
          all.push(g);
        }
        return g;
      };
      return { all, get };
    },
  };
}

/** Orders statements as the interpreter does: by payee, then period. */
export function byPayeePeriod(a: { readonly payee: string; readonly period: string }, b: { readonly payee: string; readonly period: string }): number {
  return a.payee === b.payee ? (a.period < b.period ? -1 : 1) : a.payee < b.payee ? -1 : 1;
}
