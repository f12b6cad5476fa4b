/**
 * Formatter test support: format a text, compare plans without positions, list comment texts.
 * `fmt` throws when the text does not parse cleanly, so a property failing there shows the
 * diagnostics rather than a confusing AST diff.
 */
import { parsePlan, printPlan, type Plan } from '@payplan/syntax';

/** Parses without errors or throws with the diagnostics. */
export function parseClean(text: string, file = 'plan.payplan'): Plan {
  const parsed = parsePlan(text, file);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`${file} does not parse:\n${errors.map((d) => `${d.code} ${d.message} at ${d.span.start}`).join('\n')}\n---\n${text}`);
  return parsed.value.plan;
}

export const fmt = (text: string): string => printPlan(parseClean(text), text);

/**
 * The tree without positions: drops every `span` (and the `keyword` spans of commission and bonus; a `reported` span becomes `true`)
 * and the comment list, which `commentTexts` compares on its own.
 */
export function stripSpans(plan: Plan): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'span' && k !== 'keyword' && x !== undefined) out[k] = k === 'reported' ? true : strip(x);
    return out;
  };
  return strip({ ...plan, comments: [] });
}

/** Comment texts as a sorted list: a multiset, so a comment moved is fine but a lost one is not. */
export const commentTexts = (plan: Plan): string[] => plan.comments.map((c) => c.text).sort();

/**
 * Each comment with where it sits: `end` of a line of code or on its `own` line. Formatting may
 * move a comment, but never from the end of a line onto a line of its own or back.
 */
export function commentPlaces(plan: Plan, text: string): string[] {
  return plan.comments
    .map((c) => {
      const lineStart = Math.max(text.lastIndexOf('\n', c.span.start - 1), text.lastIndexOf('\r', c.span.start - 1)) + 1;
      return `${text.slice(lineStart, c.span.start).trim() ? 'end' : 'own'} ${c.text}`;
    })
    .sort();
}

/** Lines ending in spaces or tabs (split on real newlines only). */
export const trailingWhitespace = (text: string): string[] => text.split('\n').filter((l) => /[ \t]$/.test(l));
