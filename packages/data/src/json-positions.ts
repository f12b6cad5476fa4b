/**
 * Positions in a JSON array of row objects, found by a small scanner over text that `JSON.parse`
 * has already accepted. Built only when a diagnostic needs a span, once per file.
 */
import type { Span } from '@payplan/diagnostics';

export interface RowPlaces {
  /** The span of the row at `index` (0-based). */
  element(index: number): Span;
  /** The span of the value of `key` in the row at `index`, or of the row's opening brace if it has none. */
  member(index: number, key: string): Span;
}

export const noPlaces: RowPlaces = { element: () => ({ start: 0, end: 0 }), member: () => ({ start: 0, end: 0 }) };

export class JsonPlaces implements RowPlaces {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  element(index: number): Span {
    const start = this.elementStarts()[index];
    if (start === undefined) return { start: 0, end: 0 };
    return { start, end: this.skipValue(start) };
  }

  member(index: number, key: string): Span {
    const t = this.text;
    const s = this.elementStarts()[index];
    if (s === undefined) return { start: 0, end: 0 };
    if (t[s] !== '{') return { start: s, end: this.skipValue(s) };
    let found: Span | undefined;
    let i = this.skipWs(s + 1);
    while (t[i] === '"') {
      const keyEnd = this.skipString(i);
      const k: unknown = JSON.parse(t.slice(i, keyEnd));
      i = this.skipWs(this.skipWs(keyEnd) + 1); // past ':'
      const valueEnd = this.skipValue(i);
      if (k === key) found = { start: i, end: valueEnd }; // the last one wins, as in JSON.parse
      i = this.skipWs(valueEnd);
      if (t[i] !== ',') break;
      i = this.skipWs(i + 1);
    }
    return found ?? { start: s, end: s + 1 };
  }

  private elementStarts(): number[] {
    if (this.starts) return this.starts;
    const t = this.text;
    const starts: number[] = [];
    let i = this.skipWs(0);
    if (t[i] === '[') {
      i = this.skipWs(i + 1);
      while (i < t.length && t[i] !== ']') {
        starts.push(i);
        i = this.skipWs(this.skipValue(i));
        if (t[i] !== ',') break;
        i = this.skipWs(i + 1);
      }
    }
    this.starts = starts;
    return starts;
  }

  private skipWs(i: number): number {
    const t = this.text;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      i++;
    }
    return i;
  }

  /** `i` is at an opening quote; returns the offset after the closing one. */
  private skipString(i: number): number {
    const t = this.text;
    i++;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === 34) return i + 1;
      else i++;
    }
    return i;
  }

  private skipValue(i: number): number {
    const t = this.text;
    const c = t[i];
    if (c === '"') return this.skipString(i);
    if (c === '{' || c === '[') {
      let depth = 0;
      while (i < t.length) {
        const d = t[i];
        if (d === '"') {
          i = this.skipString(i);
          continue;
        }
        if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') {
          depth--;
          if (depth === 0) return i + 1;
        }
        i++;
      }
      return i;
    }
    while (i < t.length && !',]} \t\r\n'.includes(t[i] ?? ',')) i++;
    return i;
  }
}
