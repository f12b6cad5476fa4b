/**
 * Find references and rename: every place a declared name is written — its definition, its uses in
 * rules (resolved as hover and go-to-definition resolve them, `resolveAt`), and the cells of example
 * rows (`deals: id=1 qty=3`, where a column is named by its table at the start of the line). A
 * rename that would leave the plan with new errors is refused rather than applied: a plan that
 * checked before must check after.
 */
import { analyze, resolveAt, type Analysis, type PlanSymbol } from '@payplan/language-service';
import { hasErrors, type Span } from '@payplan/diagnostics';
import { Colon, Equals, Identifier, keywords, Newline } from '@payplan/syntax';
import type { IToken } from 'chevrotain';

const sameSymbol = (x: PlanSymbol, y: PlanSymbol) => x.kind === y.kind && x.span.start === y.span.start && x.name === y.name;
const spanOf = (t: IToken): Span => ({ start: t.startOffset, end: t.startOffset + t.image.length });

/** `deals: id=1 qty=3` in an example: the column a cell names, by the table the line starts with. */
function exampleCell(a: Analysis, i: number): PlanSymbol | undefined {
  const t = a.tokens[i]!;
  if (a.tokens[i + 1]?.tokenType !== Equals) return undefined;
  let start = i;
  while (start > 0 && a.tokens[start - 1]!.tokenType !== Newline) start--;
  const [table, colon] = [a.tokens[start], a.tokens[start + 1]];
  if (table?.tokenType !== Identifier || colon?.tokenType !== Colon) return undefined;
  return a.symbols.columns.get(table.image)?.find((c) => c.name === t.image);
}

/** The declared name at an offset, at its definition or a use. */
export function symbolAt(a: Analysis, offset: number): PlanSymbol | undefined {
  const i = a.tokens.findIndex((t) => t.startOffset <= offset && offset <= t.startOffset + t.image.length && t.tokenType === Identifier);
  if (i >= 0) {
    const cell = exampleCell(a, i);
    if (cell) return cell;
  }
  const at = resolveAt(a, offset);
  return at?.resolved.kind === 'symbol' ? at.resolved.symbol : undefined;
}

/** Every span where the symbol is written, the definition first. */
export function occurrences(a: Analysis, symbol: PlanSymbol): Span[] {
  const found: Span[] = [];
  a.tokens.forEach((t, i) => {
    if (t.tokenType !== Identifier || t.image !== symbol.name) return;
    const s = exampleCell(a, i) ?? symbolAt(a, t.startOffset);
    if (s && sameSymbol(s, symbol)) found.push(spanOf(t));
  });
  return found.sort((x, y) => (x.start === symbol.span.start ? -1 : y.start === symbol.span.start ? 1 : x.start - y.start));
}

export type Rename = { readonly edits: readonly { readonly span: Span; readonly text: string }[] } | { readonly error: string };

export function rename(a: Analysis, offset: number, newName: string): Rename {
  const symbol = symbolAt(a, offset);
  if (!symbol) return { error: 'there is no declared name here to rename' };
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(newName) || keywords.includes(newName)) return { error: `\`${newName}\` is not a name a plan can declare (a letter or _, then letters, digits or _; not a keyword)` };
  const edits = occurrences(a, symbol).map((span) => ({ span, text: newName }));
  let text = a.text;
  for (const e of [...edits].reverse()) text = text.slice(0, e.span.start) + e.text + text.slice(e.span.end);
  const after = analyze(text, a.file);
  if (!hasErrors(a.diagnostics) && hasErrors(after.diagnostics)) return { error: `renaming \`${symbol.name}\` to \`${newName}\` would break the plan (${after.diagnostics.find((d) => d.severity === 'error')?.message ?? 'an error'})` };
  return { edits };
}
