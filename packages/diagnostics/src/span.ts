/**
 * Source positions. Spans are half-open UTF-16 offsets into one source text; lines and columns are
 * computed only for display, from a `SourceText` that indexes line starts once.
 */

/** A half-open range `[start, end)` of UTF-16 offsets in one source text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export const span = (start: number, end: number): Span => ({ start, end });

/** One-based line and column of an offset, for people. */
export interface LineCol {
  readonly line: number;
  readonly column: number;
}

/** A named source text with its line index, so offsets can be shown as `file:line:col`. */
export class SourceText {
  private readonly lineStarts: number[];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  lineCol(offset: number): LineCol {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] ?? 0) + 1 };
  }

  /** The text of a one-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  slice(s: Span): string {
    return this.text.slice(s.start, s.end);
  }
}
