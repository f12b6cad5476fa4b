/**
 * What every lowering module shares: the plan's declarations as the checker has learned them so
 * far, the diagnostics bag, and the small checks several declaration families make (an amount of
 * money, a band bound of the base's unit, an order that can never hold, a statement line's name).
 * `checkPlan` (lower.ts) builds one `Lowering` per plan and hands it to each family in turn.
 */
import type { DiagnosticBag, SourceText, Span } from '@payplan/diagnostics';
import type { Ast } from '@payplan/syntax';
import type { IrBase, IrConst, IrExpr, IrGroup, IrLet, IrRates, IrSource, IrTeam, Unit } from '../ir.js';
import { lowerExpr, type ExprContext, type Scope, type Symbol } from '../lower-expr.js';
import { neverInOrder, type Definitions } from '../order.js';
import type { TableInfo } from '../tables.js';
import { unify, unitWords } from '../units.js';

/** A plan-level value: its unit is learned on demand, so a reference can be checked before it. */
export type ValueDecl = Ast.ConstDecl | Ast.LetDecl | Ast.BaseDecl | Ast.RatesDecl | Ast.ReportDecl;

/** Where the `active_share` dates come from (`active from roster.joined to roster.left`). */
export interface ActiveDates {
  readonly table: string;
  readonly from: string;
  readonly to: string;
}

export interface Lowering {
  readonly bag: DiagnosticBag;
  readonly source: SourceText;
  readonly tables: ReadonlyMap<string, TableInfo>;
  readonly teams: ReadonlyMap<string, IrTeam>;
  readonly groups: ReadonlyMap<string, IrGroup>;
  /** Declared plan-level values by name, and their lowered forms once checked. */
  readonly decls: ReadonlyMap<string, ValueDecl>;
  readonly consts: Map<string, IrConst>;
  readonly lets: Map<string, IrLet>;
  readonly bases: Map<string, IrBase>;
  readonly rates: Map<string, IrRates>;
  /** Values whose definition failed to check: referring to one reports nothing more. */
  readonly failed: Set<string>;
  /** Values being checked, innermost last: a name met again here is a cycle. */
  readonly visiting: string[];
  readonly definitions: Definitions;
  /** Statement lines claimed so far, at the name (or keyword) that claimed them. */
  readonly componentNames: Map<string, Span>;
  /** The plan-level values the rule being lowered reads, for its explanation. */
  uses: string[];
  /** The context expressions are lowered in: the plan's names, currency, settlement and active dates. */
  readonly cx: ExprContext;
}

/** A node's position and first line, as the IR keeps it for explanations and runtime errors. */
export function sourceOf(source: SourceText, span: Span): IrSource {
  const { line, column } = source.lineCol(span.start);
  return { span, line, column, text: firstLine(source.slice(span)) };
}

/** The first line of a text, without its comment, its spaces collapsed. */
function firstLine(text: string): string {
  const end = text.indexOf('\n');
  const line = end < 0 ? text : text.slice(0, end);
  // Most lines have no comment; the pattern is only worth trying on those that might.
  return (line.includes('#') ? line.replace(/\s*#.*$/, '') : line).replace(/\s+/g, ' ').trim();
}

/** Claims a statement line's name; a second rule producing the same line is an error (S006). */
export function claimName(lw: Lowering, name: string, span: Span, defaultName: boolean): void {
  const prior = lw.componentNames.get(name);
  if (prior) {
    lw.bag.error('S006', span, `two rules would both produce the statement line \`${name}\``, {
      labels: [{ span: prior, message: 'first here' }],
      ...(defaultName && { hint: `give this one its own name, e.g. \`${name} stretch …\`` }),
    });
  }
  lw.componentNames.set(name, span);
}

/** A rule's statement-line name: its own, or the keyword's default (`commission`, `bonus`, …). */
export function claimRuleName(lw: Lowering, d: { readonly name?: Ast.Ident; readonly keyword: Span }, fallback: string): string {
  const name = d.name?.name ?? fallback;
  claimName(lw, name, d.name?.span ?? d.keyword, !d.name);
  return name;
}

/** An expression that must be an amount of money (a bare number counts as money). */
export function amount(lw: Lowering, e: Ast.Expr, scope: Scope): IrExpr | undefined {
  const r = lowerExpr(e, scope, lw.cx);
  if (r && r.unit !== 'money' && r.unit !== 'number') {
    lw.bag.error('T003', e.span, `this must be an amount of money, but it is ${unitWords(r.unit)}`, r.unit === 'ratio' ? { hint: 'apply the rate to an amount: `5% of margin`' } : {});
    return undefined;
  }
  return r;
}

/** A band or step bound, which must have the unit of what it bounds. */
export function bound(lw: Lowering, e: Ast.Expr, unit: Unit): IrExpr | undefined {
  const r = lowerExpr(e, { level: 'payee' }, lw.cx);
  if (r && !unify(r.unit, unit)) {
    lw.bag.error('T004', e.span, `this band bound is ${unitWords(r.unit)}, but the commission base is ${unitWords(unit)}`);
    return undefined;
  }
  return r;
}

/** Reports `a op b` when it can never hold, whatever the inputs. */
export function orderCheck(lw: Lowering, a: IrExpr, b: IrExpr, op: '<' | '<=', at: Span, what: 'band' | 'step' | 'ladder'): void {
  if (!neverInOrder(a, b, op, lw.definitions)) return;
  const [ta, tb] = [lw.source.slice(a.span), lw.source.slice(b.span)];
  const message =
    what === 'ladder'
      ? `\`${ta} ${op} ${tb}\` can never hold: \`${tb}\` is never ${op === '<' ? 'above' : 'at or above'} \`${ta}\``
      : what === 'step'
        ? `steps must rise, but \`${tb}\` is never above the step before it, \`${ta}\``
        : `this band would run backwards: \`${tb}\` is never above \`${ta}\``;
  lw.bag.error('S011', at, message, { labels: [{ span: a.span, message: ta }], notes: ['values from tables are taken to be zero or more, or within the range their column declares'] });
}

/** The symbol a value declaration introduces. */
export function symbolOf(d: ValueDecl): Symbol {
  const name = d.name.name;
  return d.kind === 'Rates' ? { kind: 'rates', name, keys: d.keys } : { kind: d.kind === 'Const' ? 'const' : d.kind === 'Base' ? 'base' : 'let', name };
}
