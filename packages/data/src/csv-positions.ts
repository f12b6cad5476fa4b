/**
 * Positions in CSV text, found by a small scanner that splits records and fields the way csv-parse
 * does (delimiter `,`, quote `"`, `""` inside quotes, line breaks `\r\n`, `\n` or `\r`). Only needed
 * for diagnostics and `locateCell`, so the index of record starts is built on first use, in one pass.
 */
import type { Span } from '@payplan/diagnostics';

export interface RecordShape {
  /** The fields' spans, quotes included. */
  readonly fields: Span[];
  /** Where the record ends (before its line break). */
  readonly end: number;
  /** The offset of an opening quote that is never closed, if any. */
  readonly unclosedQuote?: number;
}

/** Scans the CSV record that starts at `start`. */
export function scanRecord(text: string, start: number): RecordShape {
  const fields: Span[] = [];
  const n = text.length;
  let i = start;
  for (;;) {
    const fieldStart = i;
    if (text.charCodeAt(i) === 34) {
      i++;
      let closed = false;
      while (i < n) {
        if (text.charCodeAt(i) === 34) {
          if (text.charCodeAt(i + 1) === 34) i += 2;
          else {
            i++;
            closed = true;
            break;
          }
        } else i++;
      }
      if (!closed) {
        fields.push({ start: fieldStart, end: n });
        return { fields, end: n, unclosedQuote: fieldStart };
      }
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 44 || c === 10 || c === 13) break;
      i++;
    }
    fields.push({ start: fieldStart, end: i });
    if (i < n && text.charCodeAt(i) === 44) {
      i++;
      continue;
    }
    return { fields, end: i };
  }
}

/** The offset after the line break at `i` (if any). */
function afterBreak(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  if (c === 10) return i + 1;
  return i;
}

/** Where each record of a CSV text starts; record `k` is spreadsheet row `k + 1`. */
export class RecordIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** The start offset of record `k` (0-based), or the end of the text. */
  start(k: number): number {
    return this.index()[k] ?? this.text.length;
  }

  /** The span of field `col` of record `k`; an empty span at the record's end if it has fewer fields. */
  field(k: number, col: number): Span {
    const r = scanRecord(this.text, this.start(k));
    return r.fields[col] ?? { start: r.end, end: r.end };
  }

  /** The span of the whole record `k` (without its line break). */
  record(k: number): Span {
    const start = this.start(k);
    return { start, end: scanRecord(this.text, start).end };
  }

  private index(): number[] {
    if (this.starts) return this.starts;
    const t = this.text;
    const starts: number[] = [];
    let i = 0;
    while (i < t.length) {
      starts.push(i);
      const r = scanRecord(t, i);
      if (r.unclosedQuote !== undefined) break;
      i = afterBreak(t, r.end);
    }
    this.starts = starts;
    return starts;
  }
}
