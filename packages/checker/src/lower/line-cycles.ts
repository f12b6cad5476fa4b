/**
 * Statement lines are values (`bonus decelerator … pay -50% of commission`), so a line may read a
 * value that reads a line. Units need no order (a line is money), so cycles through lines are found
 * here, once every rule is lowered: a line that, through values, bases, caps and other lines, reads
 * itself is S008, reported at the reference that closes the cycle with a label at the other end.
 */
import type { Span } from '@payplan/diagnostics';
import type { IrComponent, IrExpr, IrLimit } from '../ir.js';
import { children, componentExprs } from '../lints/context.js';
import type { Lowering } from './context.js';

interface Read {
  readonly name: string;
  readonly span: Span;
}

/** The values and lines an expression reads directly, each at the place it is read. */
function reads(e: IrExpr, out: Read[] = []): Read[] {
  if (e.kind === 'let' || e.kind === 'base' || e.kind === 'line') out.push({ name: e.name, span: e.span });
  else if (e.kind === 'lookup') out.push({ name: e.rates, span: e.span });
  for (const c of children(e)) reads(c, out);
  return out;
}

export function reportLineCycles(lw: Lowering, components: readonly IrComponent[], limits: readonly IrLimit[]): void {
  const graph = new Map<string, Read[]>();
  const add = (name: string, exprs: readonly (IrExpr | undefined)[]) => {
    const list = graph.get(name) ?? [];
    for (const e of exprs) if (e) reads(e, list);
    graph.set(name, list);
  };
  for (const l of lw.lets.values()) add(l.name, [l.value]);
  for (const b of lw.bases.values()) add(b.name, [b.value, b.where]);
  for (const c of components) add(c.name, componentExprs(c));
  for (const l of limits) if (l.target !== 'payout') add(l.target, [l.value]);
  const lines = new Set(components.map((c) => c.name));
  const reported = new Set<string>();
  for (const start of lines) {
    const path = findPath(graph, start);
    if (!path || path.some((r) => reported.has(r.name))) continue;
    path.forEach((r) => reported.add(r.name));
    const closing = path[path.length - 1]!;
    const names = [start, ...path.map((r) => r.name)];
    lw.bag.error('S008', closing.span, `the line \`${start}\` is computed from itself: ${names.join(' → ')}`, {
      labels: [{ span: path[0]!.span, message: `\`${start}\` reads \`${path[0]!.name}\` here` }],
      hint: 'a line can read lines and values that do not read it back; compute the shared part once, in a `let` or a `report` line',
    });
  }
}

/** A path of reads from `start` back to `start`, if there is one (depth first, each name once). */
function findPath(graph: ReadonlyMap<string, readonly Read[]>, start: string): Read[] | undefined {
  const seen = new Set<string>();
  const walk = (name: string, path: Read[]): Read[] | undefined => {
    for (const r of graph.get(name) ?? []) {
      if (r.name === start) return [...path, r];
      if (seen.has(r.name)) continue;
      seen.add(r.name);
      const found = walk(r.name, [...path, r]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, []);
}
