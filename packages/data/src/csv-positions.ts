/**
 * Positions in CSV text. csv-parse reports where each record ends as a UTF-8 byte offset; spans are
 * UTF-16 offsets into the decoded text. `ByteCursor` converts between the two, moving forward only,
 * so converting every record end of a file costs one pass over it. Cell spans are found only when a
 * diagnostic needs them, by re-scanning the record from its start.
 */
import type { Span } from '@payplan/diagnostics';

/** Converts increasing UTF-8 byte offsets of `text` to UTF-16 offsets. */
export class ByteCursor {
  private byte = 0;
  private char = 0;
  private readonly ascii: boolean;

  constructor(
    private readonly text: string,
    byteLength: number,
  ) {
    this.ascii = byteLength === text.length;
  }

  charAt(byteOffset: number): number {
    if (this.ascii) return byteOffset;
    const t = this.text;
    let b = this.byte;
    let c = this.char;
    while (b < byteOffset && c < t.length) {
      const u = t.charCodeAt(c);
      if (u < 0x80) {
        b += 1;
        c += 1;
      } else if (u < 0x800) {
        b += 2;
        c += 1;
      } else if (u >= 0xd800 && u <= 0xdbff && c + 1 < t.length) {
        b += 4;
        c += 2;
      } else {
        b += 3;
        c += 1;
      }
    }
    this.byte = b;
    this.char = c;
    return c;
  }
}

/** Skips line breaks (blank lines) from `i`: where the next record starts. */
export function skipLineBreaks(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

export interface RecordShape {
  /** The fields' spans, quotes included. */
  readonly fields: Span[];
  /** Where the record ends (before its line break). */
  readonly end: number;
  /** The offset of an opening quote that is never closed, if any. */
  readonly unclosedQuote?: number;
}

/** Scans the CSV record that starts at `start` (delimiter `,`, quote `"`, `""` inside quotes). */
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

/** The span of field `index` of the record at `start`; an empty span at the record's end if it has fewer fields. */
export function fieldSpan(text: string, start: number, index: number): Span {
  const r = scanRecord(text, start);
  return r.fields[index] ?? { start: r.end, end: r.end };
}

/** The span of the whole record at `start`. */
export function recordSpan(text: string, start: number): Span {
  return { start, end: scanRecord(text, start).end };
}
