/** Helpers for messages about column names: edit distance for "did you mean" hints, and lists. */
import { listWords } from '@payplan/runtime';

/** `a, b and c`: worded in the runtime, which compiled modules share. */
export { listWords };

/** Levenshtein distance, giving up (returning `max + 1`) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? max + 1;
}

/** The closest candidate within edit distance 2 (ignoring case), for a "did you mean" hint. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDist = 3;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase(), 2);
    if (d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}


/** Row numbers for a note: `4, 9 and 12`, or `4, 9, 12 and 37 more`. */
export function listRows(rows: readonly number[], total: number, shown = 5): string {
  const head = rows.slice(0, shown).map(String);
  const rest = total - head.length;
  return rest > 0 ? `${head.join(', ')} and ${rest} more` : listWords(head);
}
