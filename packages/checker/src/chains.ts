/**
 * How deep definitions may build on one another (S017). The checker learns a definition's unit when
 * a rule first uses it, the interpreter computes a `let` when it is first needed, and the compiler
 * works out a value's decimals from the values it uses: each follows a chain of definitions
 * (`let a2 = a1 + 1`, `let a1 = a0 + 1`, …) by recursion, through every level of each expression on
 * the way. So the depth that matters is that of an expression with every definition it names written
 * out in its place, in parentheses. This module measures it on the AST, without recursion and in
 * time linear in the plan, before the checker lowers anything; a plan past the limit is reported
 * and goes no further. The limit is stated in grammar/README.md ("Limits").
 */
import type { DiagnosticBag, Span } from '@payplan/diagnostics';
import { expressionsOf, subExpressions, type Ast } from '@payplan/syntax';

/** Levels of an expression with its definitions written out in place, at most. */
export const MAX_DEFINITION_DEPTH = 500;

type Definition = Ast.ConstDecl | Ast.LetDecl | Ast.BaseDecl | Ast.RatesDecl;

/** A name of a definition, used `level` levels down an expression (the top being level 1). */
interface Reference {
  readonly name: string;
  readonly level: number;
  readonly span: Span;
}

interface Shape {
  /** The depth of the declaration's own expressions. */
  readonly depth: number;
  readonly refs: readonly Reference[];
}

interface Measured {
  /** The depth with every definition written out. */
  readonly depth: number;
  /** The reference the depth comes through, if it comes through one. */
  readonly via?: Reference;
}

const isDefinition = (d: Ast.Decl): d is Definition => d.kind === 'Const' || d.kind === 'Let' || d.kind === 'Base' || d.kind === 'Rates';

/**
 * Reports (S017) each place where definitions chain deeper than the limit — once per chain, at the
 * definition or rule where the depth first passes it — and says whether it reported any.
 */
export function reportDeepChains(plan: Ast.Plan, bag: DiagnosticBag): boolean {
  const definitions = new Map<string, Definition>();
  for (const d of plan.decls) if (isDefinition(d) && !definitions.has(d.name.name)) definitions.set(d.name.name, d);
  const shapes = new Map<Ast.Decl, Shape>(plan.decls.map((d) => [d, shapeOf(d, definitions)]));
  const measured = measureDefinitions(definitions, shapes);
  const measure = (d: Ast.Decl): Measured => (isDefinition(d) && definitions.get(d.name.name) === d ? measured.get(d.name.name)! : combine(shapes.get(d)!, measured));

  let reported = false;
  for (const d of plan.decls) {
    const m = measure(d);
    if (m.depth <= MAX_DEFINITION_DEPTH) continue;
    // Past the limit only because a definition it uses is: that one is reported.
    if (m.via && measured.get(m.via.name)!.depth > MAX_DEFINITION_DEPTH) continue;
    const chain = isDefinition(d) ? [d.name.name] : [];
    for (let r = m.via; r; r = measured.get(r.name)!.via) chain.push(r.name);
    const subject = isDefinition(d) ? `\`${d.name.name}\`` : 'this rule';
    const shown = chain.length <= 4 ? chain.join(' → ') : `${chain.slice(0, 2).join(' → ')} → … → ${chain[chain.length - 1]}`;
    bag.error('S017', m.via?.span ?? (isDefinition(d) ? d.name.span : d.span), `${subject} is built on ${chain.length} definitions chained one on another (${shown}): written out in full it is ${m.depth} levels deep, more than the ${MAX_DEFINITION_DEPTH} a plan allows`, {
      hint: 'define values from the plan\'s inputs in fewer steps, rather than each from the one before',
    });
    reported = true;
  }
  return reported;
}

/** A declaration's own depth and the definitions it names, walked with a stack. */
function shapeOf(d: Ast.Decl, definitions: ReadonlyMap<string, Definition>): Shape {
  let depth = 0;
  const refs: Reference[] = [];
  const pending: [Ast.Expr, number][] = expressionsOf(d).map((e) => [e, 1]);
  pending.reverse();
  while (pending.length) {
    const [e, level] = pending.pop()!;
    depth = Math.max(depth, level);
    if (e.kind === 'NameRef' && !e.qualifier && definitions.has(e.name.name)) refs.push({ name: e.name.name, level, span: e.span });
    const subs = subExpressions(e);
    for (let i = subs.length - 1; i >= 0; i--) pending.push([subs[i]!, level + 1]);
  }
  return { depth, refs };
}

/** A declaration's depth from its shape and the measured definitions it names. */
function combine(shape: Shape, measured: ReadonlyMap<string, Measured>): Measured {
  let best: Measured = { depth: shape.depth };
  for (const r of shape.refs) {
    // A definition not measured is one on a cycle, which the checker reports (S008).
    const inner = measured.get(r.name);
    if (inner && r.level + inner.depth > best.depth) best = { depth: r.level + inner.depth, via: r };
  }
  return best;
}

/**
 * Every definition's depth, each after the definitions it names: a depth-first walk with an explicit
 * stack, in plan order, as the checker meets them. A name met again while it is being measured
 * closes a cycle and counts for nothing here.
 */
function measureDefinitions(definitions: ReadonlyMap<string, Definition>, shapes: ReadonlyMap<Ast.Decl, Shape>): Map<string, Measured> {
  const measured = new Map<string, Measured>();
  const open = new Set<string>();
  for (const root of definitions.keys()) {
    if (measured.has(root)) continue;
    const path: { name: string; next: number }[] = [{ name: root, next: 0 }];
    open.add(root);
    while (path.length) {
      const top = path[path.length - 1]!;
      const refs = shapes.get(definitions.get(top.name)!)!.refs;
      const r = refs[top.next++];
      if (r) {
        if (!measured.has(r.name) && !open.has(r.name)) {
          open.add(r.name);
          path.push({ name: r.name, next: 0 });
        }
        continue;
      }
      measured.set(top.name, combine(shapes.get(definitions.get(top.name)!)!, measured));
      open.delete(top.name);
      path.pop();
    }
  }
  return measured;
}
