/**
 * Whether a condition can never hold: conjunctions flattened, `not` pushed inwards, disjunctions
 * split, and each comparison normalised to a linear form against a bound, or a value against a
 * literal. Used by L005 for conditions that contradict themselves.
 */
import type { Label, Span } from '@payplan/diagnostics';
import { Dec, ZERO } from '@payplan/runtime';
import type { IrExpr, Unit } from '../ir.js';
import { canon, formOrAtom, type Cx } from './context.js';
import { isConstant, plus } from './linear.js';

type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
type OrderOp = Exclude<CmpOp, '!='>;
const negated: Record<CmpOp, CmpOp> = { '=': '!=', '!=': '=', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };
/** The same claim with both sides multiplied by a negative number. */
const mirrored: Record<OrderOp, OrderOp> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const numeric: ReadonlySet<Unit> = new Set(['money', 'ratio', 'count', 'decimal', 'number']);

/** One comparison, normalised: a linear form against zero, or a value against a literal. */
type Atom =
  | { readonly kind: 'order'; readonly dir: string; readonly bound: Dec; readonly op: OrderOp; readonly span: Span }
  | { readonly kind: 'is'; readonly key: string; readonly value: string; readonly equal: boolean; readonly span: Span }
  | { readonly kind: 'set'; readonly key: string; readonly set: boolean; readonly span: Span };

/**
 * Whether a condition can never hold, for any inputs; the spans of the parts that contradict each
 * other. Decided on constants, on comparisons of one linear form against different bounds
 * (`x > y and x < y`, `att >= 120% and att < 100%`), on one value equal to two different literals,
 * and on `is set` with `is not set` of one value. Not on the inputs' signs: a bonus for a negative
 * margin is odd, not impossible.
 */
export function impossible(cx: Cx, e: IrExpr): { labels: Label[] } | undefined {
  const spans = contradiction(cx, e, false);
  if (!spans) return undefined;
  return { labels: spans.length === 1 ? [{ span: spans[0]!, message: 'never holds' }] : spans.slice(0, 4).map((span) => ({ span, message: 'cannot hold together' })) };
}

function contradiction(cx: Cx, e: IrExpr, negate: boolean): Span[] | undefined {
  return conjunction(cx, [{ e, negate }], 0);
}

interface Part {
  readonly e: IrExpr;
  /** The part is claimed false rather than true (it stands under a `not`). */
  readonly negate: boolean;
}

/**
 * Whether parts that must all hold cannot. Conjunctions are flattened and `not` pushed inwards; a
 * disjunction among the parts is split into its two sides, each of which must fail with the rest
 * (`product = "pump" or product = "valve"` against `product = "cable"`). Splits stop at a depth
 * of eight, beyond which the condition is taken to be possible.
 */
function conjunction(cx: Cx, parts: readonly Part[], depth: number): Span[] | undefined {
  const flat: Part[] = [];
  const flatten = (p: Part): void => {
    if (p.e.kind === 'logic' && (p.e.op === 'or') === p.negate) (flatten({ e: p.e.left, negate: p.negate }), flatten({ e: p.e.right, negate: p.negate }));
    else if (p.e.kind === 'not') flatten({ e: p.e.operand, negate: !p.negate });
    else flat.push(p);
  };
  parts.forEach(flatten);
  const atoms: Atom[] = [];
  let split: Part | undefined;
  for (const p of flat) {
    if (p.e.kind === 'bool') {
      if (p.e.value === p.negate) return [p.e.span];
      continue;
    }
    if (p.e.kind === 'logic') {
      split ??= p;
      continue;
    }
    const a = atom(cx, p.e, p.negate);
    if (a) atoms.push(a);
  }
  const own = conflicting(atoms);
  if (own || !split || split.e.kind !== 'logic' || depth >= 8) return own;
  const rest = flat.filter((p) => p !== split);
  const left = conjunction(cx, [...rest, { e: split.e.left, negate: split.negate }], depth + 1);
  const right = left && conjunction(cx, [...rest, { e: split.e.right, negate: split.negate }], depth + 1);
  if (!left || !right) return undefined;
  const spans = [...left, ...right].filter((sp, i, all) => all.findIndex((o) => o.start === sp.start && o.end === sp.end) === i);
  return spans.sort((a, b) => a.start - b.start);
}

function atom(cx: Cx, e: IrExpr, negate: boolean): Atom | undefined {
  if (e.kind === 'isSet') return { kind: 'set', key: canon(cx, e.operand), set: e.negated === negate, span: e.span };
  // A yes/no value on its own (`flag`, `not flag`) claims it equals true (or false).
  if (e.unit === 'boolean' && (e.kind === 'payeeValue' || e.kind === 'field' || e.kind === 'let')) return { kind: 'is', key: canon(cx, e), value: 'true', equal: !negate, span: e.span };
  if (e.kind !== 'cmp') return undefined;
  const op = negate ? negated[e.op] : e.op;
  if (numeric.has(e.left.unit) && numeric.has(e.right.unit)) {
    const d = plus(formOrAtom(cx, e.left), formOrAtom(cx, e.right), -1);
    if (op === '!=') return isConstant(d) && d.constant.isZero() ? { kind: 'order', dir: '', bound: ZERO, op: '<', span: e.span } : undefined;
    const terms = [...d.terms].filter(([, k]) => !k.isZero()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (!terms.length) return { kind: 'order', dir: '', bound: d.constant.neg(), op, span: e.span };
    // Scale so the first coefficient is 1: `dir op bound`, with `dir` a key for the direction.
    const k0 = terms[0]![1];
    const scaled = terms.map(([v, k]) => [v, k.div(k0).toFixed()] as const);
    const bound = d.constant.neg().div(k0);
    return { kind: 'order', dir: JSON.stringify(scaled), bound, op: k0.lt(0) ? mirrored[op] : op, span: e.span };
  }
  if (op !== '=' && op !== '!=') return undefined;
  const literal = (x: IrExpr) => (x.kind === 'str' || x.kind === 'bool' || x.kind === 'date' ? String(x.value) : undefined);
  const [l, r] = [literal(e.left), literal(e.right)];
  if (l !== undefined && r !== undefined) return { kind: 'order', dir: '', bound: ZERO, op: (l === r) === (op === '=') ? '=' : '<', span: e.span };
  if (r !== undefined) return { kind: 'is', key: canon(cx, e.left), value: r, equal: op === '=', span: e.span };
  if (l !== undefined) return { kind: 'is', key: canon(cx, e.right), value: l, equal: op === '=', span: e.span };
  return undefined;
}

/** Spans of atoms that cannot all hold together, if any. */
function conflicting(atoms: readonly Atom[]): Span[] | undefined {
  // Comparisons of constants: `dir` is empty and the claim is `0 op bound`.
  for (const a of atoms) if (a.kind === 'order' && a.dir === '' && !holds(ZERO, a.op, a.bound)) return [a.span];
  const byDir = new Map<string, Atom[]>();
  for (const a of atoms) {
    const key = a.kind === 'order' ? `o${a.dir}` : a.kind === 'is' ? `i${a.key}` : `s${a.key}`;
    if (a.kind === 'order' && a.dir === '') continue;
    byDir.set(key, [...(byDir.get(key) ?? []), a]);
  }
  for (const group of byDir.values()) {
    if (group[0]!.kind === 'order') {
      let lo: { v: Dec; strict: boolean; span: Span } | undefined;
      let hi: { v: Dec; strict: boolean; span: Span } | undefined;
      for (const a of group) {
        if (a.kind !== 'order') continue;
        if (a.op === '>' || a.op === '>=' || a.op === '=') {
          const strict = a.op === '>';
          if (!lo || a.bound.gt(lo.v) || (a.bound.eq(lo.v) && strict)) lo = { v: a.bound, strict, span: a.span };
        }
        if (a.op === '<' || a.op === '<=' || a.op === '=') {
          const strict = a.op === '<';
          if (!hi || a.bound.lt(hi.v) || (a.bound.eq(hi.v) && strict)) hi = { v: a.bound, strict, span: a.span };
        }
        if (lo && hi && (lo.v.gt(hi.v) || (lo.v.eq(hi.v) && (lo.strict || hi.strict)))) return lo.span === hi.span ? [lo.span] : [lo.span, hi.span].sort((x, y) => x.start - y.start);
      }
    } else if (group[0]!.kind === 'is') {
      const is = group.filter((a): a is Extract<Atom, { kind: 'is' }> => a.kind === 'is');
      for (const a of is) {
        for (const b of is) {
          if (a === b || !a.equal) continue;
          if ((b.equal && b.value !== a.value) || (!b.equal && b.value === a.value)) return [a.span, b.span].sort((x, y) => x.start - y.start);
        }
      }
    } else {
      const set = group.filter((a): a is Extract<Atom, { kind: 'set' }> => a.kind === 'set');
      const yes = set.find((a) => a.set);
      const no = set.find((a) => !a.set);
      if (yes && no) return [yes.span, no.span].sort((x, y) => x.start - y.start);
    }
  }
  return undefined;
}

function holds(a: Dec, op: OrderOp, b: Dec): boolean {
  switch (op) {
    case '<':
      return a.lt(b);
    case '<=':
      return a.lte(b);
    case '>':
      return a.gt(b);
    case '>=':
      return a.gte(b);
    case '=':
      return a.eq(b);
  }
}
