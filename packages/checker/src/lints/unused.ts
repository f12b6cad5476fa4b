/**
 * L001: declarations no rule uses. Constants, rate tables and teams are never shown on a statement:
 * one that no rule, limit, ladder, requirement, credit rule or draw reaches (directly or through
 * other values) is dead. Derived values (`let`) and bases are printed on every statement — the
 * reference promises it, so a reader sees the thresholds they were measured against — so they count
 * as used: a base kept only for the statement (a count of pumps sold) or a plan that only decomposes
 * a target is not a mistake. Linear in the plan's size: each value's references are read once.
 */
import type { IrExpr } from '../ir.js';
import { references } from '../references.js';
import { componentExprs, type Cx } from './context.js';

export function unusedDeclarations(cx: Cx): void {
  const { ir } = cx;
  const used = reachedValues(cx);
  const readers = unusedReaders(cx, used);
  const usedTeams = new Set<string>([...ir.bases.flatMap((b) => (b.over.kind === 'team' ? [b.over.team] : [])), ...ir.components.flatMap((c) => (c.kind === 'pool' ? [c.team] : []))]);
  for (const d of cx.plan.decls) {
    if ((d.kind === 'Const' || d.kind === 'Rates') && !used.has(d.name.name)) {
      const what = d.kind === 'Const' ? `\`${d.name.name}\`` : `rate table \`${d.name.name}\``;
      const by = readers.get(d.name.name) ?? [];
      cx.warn('L001', d.name.span, `${what} is never used by any rule`, {
        owner: d.span,
        notes: by.length ? [`only ${by.map((n) => `\`${n}\``).join(', ')} ${by.length === 1 ? 'uses' : 'use'} it, and no rule uses ${by.length === 1 ? 'that' : 'those'}`] : [],
        hint: `remove it, or use it where it was meant to be used; if it is kept on purpose, end its line with \`# unused: intended\``,
      });
    }
    if (d.kind === 'Team' && !usedTeams.has(d.name.name)) {
      cx.warn('L001', d.name.span, `team \`${d.name.name}\` is never used by any base or pool`, {
        hint: `aggregate it (\`base team_margin = sum of margin over ${d.name.name}\`) or share a pool over it; or remove it`,
      });
    }
  }
}

/** Every expression the plan evaluates for a statement, apart from constants and rate tables. */
function rootExpressions(cx: Cx): IrExpr[] {
  const { ir } = cx;
  const roots: IrExpr[] = [];
  for (const c of ir.components) roots.push(...componentExprs(c));
  for (const l of ir.limits) roots.push(l.value);
  for (const l of ir.ladders) roots.push(...l.items);
  for (const r of ir.requirements) roots.push(r.condition, ...(r.where ? [r.where] : []));
  for (const c of ir.credits) for (const r of c.rules) roots.push(...(r.share ? [r.share] : []), ...(r.when ? [r.when] : []));
  if (ir.draw) roots.push(ir.draw.amount);
  for (const l of ir.lets) roots.push(l.value);
  for (const b of ir.bases) roots.push(...(b.value ? [b.value] : []), ...(b.where ? [b.where] : []));
  return roots;
}

/** The values of constants and rate tables (entries and fallback), by name. */
function valueExpressions(cx: Cx): Map<string, IrExpr[]> {
  const values = new Map<string, IrExpr[]>();
  for (const k of cx.ir.consts) values.set(k.name, [k.value]);
  for (const t of cx.ir.rates) values.set(t.name, [...t.entries.map((en) => en.value), ...(t.fallback ? [t.fallback] : [])]);
  return values;
}

/** The names the roots reach, directly or through constants and rate tables. */
function reachedValues(cx: Cx): Set<string> {
  const values = valueExpressions(cx);
  const used = new Set<string>();
  const queue = rootExpressions(cx);
  for (let e = queue.pop(); e; e = queue.pop()) {
    for (const name of references(e)) {
      if (used.has(name)) continue;
      used.add(name);
      queue.push(...(values.get(name) ?? []));
    }
  }
  return used;
}

/** For each name, the unused constants and rate tables that refer to it (constants first, in IR order). */
function unusedReaders(cx: Cx, used: ReadonlySet<string>): Map<string, string[]> {
  const readers = new Map<string, string[]>();
  const note = (reader: string, values: readonly IrExpr[]) => {
    // A reader is listed once per name it reads, however often it reads it.
    for (const name of new Set(values.flatMap(references))) {
      const list = readers.get(name);
      if (list) list.push(reader);
      else readers.set(name, [reader]);
    }
  };
  for (const k of cx.ir.consts) if (!used.has(k.name)) note(k.name, [k.value]);
  for (const t of cx.ir.rates) if (!used.has(t.name)) note(t.name, [...t.entries.map((en) => en.value), ...(t.fallback ? [t.fallback] : [])]);
  return readers;
}
