/** The plan-level values an IR expression reads, for ordering definitions and for the lints. */
import type { IrExpr, IrTiers } from './ir.js';

/** What tiered bands evaluate: the base, the measure, each band's bounds and pay. */
export function tierOperands(t: IrTiers): IrExpr[] {
  return [t.base, ...(t.by ? [t.by.measure] : []), ...t.bands.flatMap((b) => [b.pay, ...(b.lower ? [b.lower] : []), ...(b.upper ? [b.upper] : [])])];
}

/** Names of plan-level values an expression reads directly. */
export function references(e: IrExpr): string[] {
  return collectReferences(e, []);
}

/** `references`, added to one list rather than joined from a list per node. */
function collectReferences(e: IrExpr, out: string[]): string[] {
  switch (e.kind) {
    case 'const':
    case 'let':
    case 'base':
    case 'line':
      out.push(e.name);
      break;
    case 'neg':
    case 'not':
    case 'isSet':
      collectReferences(e.operand, out);
      break;
    case 'arith':
    case 'cmp':
    case 'logic':
      collectReferences(e.left, out);
      collectReferences(e.right, out);
      break;
    case 'call':
      for (const a of e.args) collectReferences(a, out);
      break;
    case 'if':
      collectReferences(e.condition, out);
      collectReferences(e.then, out);
      collectReferences(e.else, out);
      break;
    case 'keyed':
      for (const k of e.keys) if (k.value) collectReferences(k.value, out);
      break;
    case 'previous':
      out.push(e.value.name);
      break;
    case 'lookup':
      out.push(e.rates);
      for (const k of e.keys) collectReferences(k, out);
      break;
    case 'tiers':
      for (const x of tierOperands(e)) collectReferences(x, out);
      break;
  }
  return out;
}
