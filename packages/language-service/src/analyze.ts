/**
 * One analysis of a plan text, shared by every editor feature: the facade's `check` (the same
 * diagnostics the CLI prints), the token stream (for positions, completion and hover), and a symbol
 * table of every name the plan declares with its kind, definition and unit.
 *
 * Units come from the checker. When the plan has errors the checker returns no IR, so the analysis
 * re-checks the plan without the declarations that have errors (repeating while errors cascade):
 * hovering `margin` still says "money" while an unrelated line is broken.
 */
import { check, type Checked } from '@payplan/core';
import { checkPlan, type IrPlan, type Unit } from '@payplan/checker';
import { hasErrors, SourceText, type Diagnostic, type Span } from '@payplan/diagnostics';
import { Comment, planLexer, StringLit, UnterminatedString, type Ast } from '@payplan/syntax';
import type { IToken } from 'chevrotain';

export type SymbolKind = 'table' | 'column' | 'const' | 'let' | 'base' | 'rates' | 'team' | 'group' | 'component' | 'row';

/** A name the plan declares. */
export interface PlanSymbol {
  readonly name: string;
  readonly kind: SymbolKind;
  /** The defining identifier. */
  readonly span: Span;
  /** The declaration's first line (for hover), without its comment. */
  readonly declaration: string;
  /** One-based line of the definition. */
  readonly line: number;
  /** The checker's unit, when known. */
  readonly unit?: Unit;
  /** Columns: the table; row variables: the table they range over. */
  readonly table?: string;
  /** Columns: the declared type word (`money`); tables: `rows`, `payee` or `payeePeriod`. */
  readonly type?: string;
  readonly optional?: boolean;
  readonly key?: boolean;
  /** Components: the rule keyword (`commission`, `bonus`, `per-row`, …). */
  readonly rule?: string;
  /** The end-of-line comment after the definition, if any: authors document names this way. */
  readonly doc?: string;
}

export interface Symbols {
  /** Plan-level values: const, let, base, rates (and splits), teams. */
  readonly values: ReadonlyMap<string, PlanSymbol>;
  readonly tables: ReadonlyMap<string, PlanSymbol>;
  /** Columns by table name, in declaration order. */
  readonly columns: ReadonlyMap<string, readonly PlanSymbol[]>;
  readonly components: readonly PlanSymbol[];
  /** `for each deal in deals`: the row variables. */
  readonly rows: readonly PlanSymbol[];
}

export interface Analysis {
  readonly file: string;
  readonly text: string;
  readonly source: SourceText;
  readonly checked: Checked;
  readonly diagnostics: readonly Diagnostic[];
  /** Lexed tokens (comments excluded), in order. */
  readonly tokens: readonly IToken[];
  /** Comment and string tokens: no completion inside them. */
  readonly quiet: readonly IToken[];
  readonly symbols: Symbols;
  /** The IR of the plan, or of its healthy part when it has errors. */
  readonly ir?: IrPlan;
}

/** Analyses a plan text. Never throws: a plan the checker cannot take still gets tokens and symbols. */
export function analyze(text: string, file = 'plan.payplan'): Analysis {
  const checked = check(text, file);
  const source = checked.source;
  const lexed = planLexer.tokenize(text);
  const tokens = lexed.tokens.filter((t) => t.tokenType !== UnterminatedString);
  const quiet = [...(lexed.groups['comments'] ?? []), ...lexed.tokens.filter((t) => t.tokenType === StringLit || t.tokenType === UnterminatedString)];
  const ir = checked.ir ?? healthyIr(checked, source);
  const symbols = collectSymbols(checked.ast, source, ir);
  return { file, text, source, checked, diagnostics: checked.diagnostics, tokens, quiet, symbols, ...(ir && { ir }) };
}

/** Re-checks the plan without the declarations that hold errors, a few times, to learn the good names' units. */
function healthyIr(checked: Checked, source: SourceText): IrPlan | undefined {
  let plan = checked.ast;
  let diagnostics = checked.diagnostics;
  for (let round = 0; round < 4; round++) {
    const bad = diagnostics.filter((d) => d.severity === 'error' && d.file === source.file);
    const decls = plan.decls.filter((d) => !bad.some((e) => overlaps(d.span, e.span)));
    if (decls.length === plan.decls.length && round > 0) return undefined;
    plan = { ...plan, decls };
    try {
      const r = checkPlan(plan, source);
      if (r.value.ir) return r.value.ir;
      if (!hasErrors(r.diagnostics)) return undefined;
      diagnostics = r.diagnostics;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Whether an error falls in a declaration (an error at the end of its line counts). */
const overlaps = (decl: Span, error: Span): boolean => error.start >= decl.start && error.start <= decl.end;

const tableKind = (d: Ast.TableDecl): string => {
  const per = d.per.map((p) => p.name).join(' ');
  return per === 'payee' ? 'payee' : per === 'payee period' ? 'payeePeriod' : per === '' ? 'rows' : 'keyed';
};

function collectSymbols(plan: Ast.Plan, source: SourceText, ir: IrPlan | undefined): Symbols {
  const values = new Map<string, PlanSymbol>();
  const tables = new Map<string, PlanSymbol>();
  const columns = new Map<string, PlanSymbol[]>();
  const components: PlanSymbol[] = [];
  const rows: PlanSymbol[] = [];
  const units = new Map<string, Unit>();
  for (const list of [ir?.consts, ir?.lets, ir?.bases]) for (const v of list ?? []) units.set(v.name, v.unit);

  const lineOf = (span: Span) => source.lineCol(span.start).line;
  const firstLine = (span: Span) => source.lineText(lineOf(span)).replace(/\s*#.*$/, '').trim();
  const docOf = (span: Span) => {
    const m = /#\s*(.*)$/.exec(source.lineText(lineOf(span)));
    return m?.[1]?.trim() || undefined;
  };
  const make = (name: Ast.Ident, kind: SymbolKind, at: Span, extra: Partial<PlanSymbol> = {}): PlanSymbol => {
    const doc = docOf(at);
    return { name: name.name, kind, span: name.span, declaration: firstLine(at), line: lineOf(name.span), ...(doc !== undefined && { doc }), ...extra };
  };
  const value = (name: Ast.Ident, kind: SymbolKind, at: Span) => {
    if (values.has(name.name)) return;
    const unit = units.get(name.name);
    values.set(name.name, make(name, kind, at, unit ? { unit } : {}));
  };
  const component = (name: Ast.Ident | undefined, keyword: Span, rule: string, at: Span) => {
    const ident: Ast.Ident = name ?? { kind: 'Ident', name: rule.replace(/ /g, '_'), span: keyword };
    components.push(make(ident, 'component', at, { rule, unit: 'money' }));
  };

  for (const d of plan.decls) {
    switch (d.kind) {
      case 'Table': {
        if (!tables.has(d.name.name)) tables.set(d.name.name, make(d.name, 'table', d.span, { type: tableKind(d) }));
        const cols = d.columns.map((c) =>
          make(c.name, 'column', c.span, {
            table: d.name.name,
            type: c.type.name,
            optional: c.modifiers.some((m) => m.name === 'optional'),
            key: c.modifiers.some((m) => m.name === 'key'),
            ...(columnUnitOf(c.type.name) && { unit: columnUnitOf(c.type.name) }),
          }),
        );
        if (!columns.has(d.name.name)) columns.set(d.name.name, cols);
        break;
      }
      case 'Const':
        value(d.name, 'const', d.span);
        break;
      case 'Let':
        value(d.name, 'let', d.span);
        break;
      case 'Base':
        value(d.name, 'base', d.span);
        break;
      case 'Rates':
        value(d.name, 'rates', d.span);
        break;
      case 'Commission':
        component(d.name, d.keyword, 'commission', d.span);
        break;
      case 'Bonus':
        component(d.name, d.keyword, 'bonus', d.span);
        break;
      case 'StepBonus':
        component(d.name, d.keyword, 'step bonus', d.span);
        break;
      case 'Salary':
        component(d.name, d.keyword, 'salary', d.span);
        break;
      case 'ForEach':
        rows.push(make(d.row, 'row', d.span, { table: d.table.name }));
        for (const r of d.rules) if (r.kind === 'PayRule') component(r.name, r.name.span, 'per-row rule', r.span);
        break;
      case 'Team':
        value(d.name, 'team', d.span);
        break;
      case 'Pool':
        component(d.name, d.name.span, 'pool', d.span);
        break;
      case 'Group':
        value(d.name, 'group', d.span);
        break;
      case 'Allocate':
        component(d.name, d.name.span, 'allocation', d.span);
        break;
      case 'Contest':
        component(d.name, d.name.span, 'contest', d.span);
        break;
      case 'Draw':
        component(d.name, d.keyword, 'draw', d.span);
        break;
      case 'Clawback':
        rows.push(make(d.row, 'row', d.span, { table: d.table.name }));
        break;
      default:
        // Declarations that name nothing new (caps, ladders, credits, examples, …).
        break;
    }
  }
  return { values, tables, columns, components, rows };
}

/** The unit a column of this declared type has in expressions (as the checker reads it). */
export function columnUnitOf(type: string): Unit | undefined {
  const units: Record<string, Unit> = { money: 'money', percent: 'ratio', count: 'count', decimal: 'decimal', boolean: 'boolean', date: 'date', payee: 'payee', text: 'text' };
  return units[type];
}

/** The token whose text covers `offset` (or ends at it). */
export function tokenAt(tokens: readonly IToken[], offset: number): IToken | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid]!;
    const end = (t.endOffset ?? t.startOffset) + 1;
    if (offset < t.startOffset) hi = mid - 1;
    else if (offset > end) lo = mid + 1;
    else {
      // Prefer the token that starts at the offset over the one that ends there.
      const next = tokens[mid + 1];
      if (offset === end && next && next.startOffset === offset) return next;
      return t;
    }
  }
  return undefined;
}

/** Whether `offset` is inside a comment or a string, where editor help stays quiet. */
export function isQuiet(a: Analysis, offset: number): boolean {
  return a.quiet.some((t) => offset > t.startOffset && offset <= (t.endOffset ?? t.startOffset) + (t.tokenType === Comment ? 1 : 0));
}
