/** Plain helpers for walking the AST's expressions without recursion. */
import type * as A from './ast.js';

const exprKinds: ReadonlySet<string> = new Set<A.Expr['kind']>([
  'NumberLit', 'PercentLit', 'StringLit', 'BoolLit', 'DateLit', 'NameRef', 'Unary', 'Binary', 'Of', 'Compare', 'Logical', 'Not', 'IsSet', 'Call', 'Paren', 'If',
]);

/** An expression's operands, left to right. */
export function subExpressions(e: A.Expr): readonly A.Expr[] {
  switch (e.kind) {
    case 'Unary':
    case 'Not':
    case 'IsSet':
      return [e.operand];
    case 'Binary':
    case 'Compare':
    case 'Logical':
      return [e.left, e.right];
    case 'Of':
      return [e.rate, e.amount];
    case 'Call':
      return e.args;
    case 'Paren':
      return [e.inner];
    case 'If':
      return [e.condition, e.then, e.else];
    case 'NumberLit':
    case 'PercentLit':
    case 'StringLit':
    case 'BoolLit':
    case 'DateLit':
    case 'NameRef':
      return [];
  }
}

const isExpr = (v: object): v is A.Expr => 'kind' in v && typeof v.kind === 'string' && exprKinds.has(v.kind);

/**
 * The outermost expressions of a declaration (a `let`'s value, a band's range and pay, a rule's
 * condition, …), in the order they are written. Found by shape rather than per kind of
 * declaration, so a new kind of declaration is covered without changes here.
 */
export function expressionsOf(decl: A.Decl): A.Expr[] {
  const out: A.Expr[] = [];
  const pending: unknown[] = [decl];
  while (pending.length) {
    const v = pending.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (v !== decl && isExpr(v)) out.push(v);
    else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) pending.push(v[i]);
    else {
      const values = Object.values(v);
      for (let i = values.length - 1; i >= 0; i--) pending.push(values[i]);
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
