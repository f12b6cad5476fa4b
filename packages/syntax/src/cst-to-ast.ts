/**
 * Builds the AST from Chevrotain's concrete syntax tree. Takes the CST of one header or declaration
 * and returns its AST node, or `undefined` when error recovery left it too incomplete to be useful
 * (the parse error has been reported already). Spans are half-open: Chevrotain's `endOffset` is
 * inclusive, converted once here.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { Span } from '@payplan/diagnostics';
import type * as A from './ast.js';

type Children = Record<string, CstElement[] | undefined>;

const isToken = (e: CstElement | undefined): e is IToken => e !== undefined && 'image' in e;
const isNode = (e: CstElement | undefined): e is CstNode => e !== undefined && 'children' in e;

/** A token is usable unless error recovery invented it. */
const real = (t: IToken | undefined): t is IToken => t !== undefined && !t.isInsertedInRecovery && !Number.isNaN(t.startOffset);

const tok = (c: Children, key: string, i = 0): IToken | undefined => {
  const e = c[key]?.[i];
  return isToken(e) && real(e) ? e : undefined;
};
const toks = (c: Children, key: string): IToken[] => (c[key] ?? []).filter(isToken).filter(real);
const node = (c: Children, key: string, i = 0): CstNode | undefined => {
  const e = c[key]?.[i];
  return isNode(e) ? e : undefined;
};
const nodes = (c: Children, key: string): CstNode[] => (c[key] ?? []).filter(isNode);

export const tokenSpan = (t: IToken): Span => ({ start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 });
const nodeSpan = (n: CstNode): Span => ({ start: n.location?.startOffset ?? 0, end: (n.location?.endOffset ?? n.location?.startOffset ?? 0) + 1 });
const join = (a: Span, b: Span): Span => ({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });

const ident = (t: IToken): A.Ident => ({ kind: 'Ident', name: t.image, span: tokenSpan(t) });
const optIdent = (t: IToken | undefined): A.Ident | undefined => (t ? ident(t) : undefined);

/** Decodes a string literal's escapes: \" \\ \n \t. */
export function decodeString(image: string): string {
  return image.slice(1, -1).replace(/\\(.)/g, (_, ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch));
}

const stringLit = (t: IToken): A.StringLit => ({ kind: 'StringLit', value: decodeString(t.image), span: tokenSpan(t) });
const numberLit = (t: IToken): A.NumberLit => ({ kind: 'NumberLit', text: t.image, span: tokenSpan(t) });

// ─── Header and declarations ────────────────────────────────────────────────────────────────────

export function headerToAst(n: CstNode): A.PlanHeader | undefined {
  const c = n.children as Children;
  const name = tok(c, 'StringLit');
  if (!name) return undefined;
  const items = nodes(c, 'headerItem').flatMap((h) => {
    const item = headerItem(h);
    return item ? [item] : [];
  });
  return { name: stringLit(name), items, span: nodeSpan(n) };
}

function headerItem(n: CstNode): A.HeaderItem | undefined {
  const c = n.children as Children;
  const span = lineSpan(n);
  if (tok(c, 'Currency')) {
    const code = tok(c, 'code');
    return code && { kind: 'Currency', code: ident(code), span };
  }
  if (tok(c, 'Settle')) {
    const f = tok(c, 'frequency');
    const anchor = tok(c, 'anchor');
    return f && { kind: 'Settle', frequency: ident(f), ...(anchor && { anchor: { kind: 'DateLit', text: anchor.image, span: tokenSpan(anchor) } }), basis: optIdent(tok(c, 'basis')), span };
  }
  if (tok(c, 'Round')) {
    const mode = tok(c, 'mode');
    const step = tok(c, 'step');
    return mode && step && { kind: 'Round', mode: ident(mode), step: numberLit(step), point: optIdent(tok(c, 'point')), span };
  }
  if (tok(c, 'Effective')) {
    const d = tok(c, 'date');
    return d && { kind: 'Effective', date: { kind: 'DateLit', text: d.image, span: tokenSpan(d) }, span };
  }
  if (tok(c, 'Fiscal_year')) {
    const m = tok(c, 'month');
    return m && { kind: 'FiscalYear', month: ident(m), span };
  }
  if (tok(c, 'Year')) {
    const y = tok(c, 'year');
    return y && { kind: 'Year', year: numberLit(y), span };
  }
  return undefined;
}

/** A node's span without its trailing newline. */
function lineSpan(n: CstNode): Span {
  const s = nodeSpan(n);
  const nl = (n.children as Children)['Newline'];
  const last = nl?.[nl.length - 1];
  if (isToken(last) && real(last) && last.startOffset < s.end && last.startOffset >= s.start) return { start: s.start, end: last.startOffset };
  return s;
}

/** The first rule node among a node's children, in the order they were added. */
function firstNode(c: Children): CstNode | undefined {
  for (const elements of Object.values(c)) {
    const found = elements?.find(isNode);
    if (found) return found;
  }
  return undefined;
}

export function declarationToAst(n: CstNode): A.Decl | undefined {
  const inner = firstNode(n.children as Children);
  if (!inner) return undefined;
  switch (inner.name) {
    case 'tableDecl':
      return tableDecl(inner);
    case 'constDecl':
    case 'letDecl':
      return valueDecl(inner, inner.name === 'constDecl' ? 'Const' : 'Let');
    case 'baseDecl':
      return baseDecl(inner);
    case 'commissionDecl':
      return commissionDecl(inner);
    case 'bonusDecl':
      return bonusDecl(inner);
    case 'forEachDecl':
      return forEachDecl(inner);
    case 'stepBonusDecl':
      return stepBonusDecl(inner);
    case 'salaryDecl':
      return salaryDecl(inner);
    case 'ratesDecl':
      return ratesDecl(inner);
    case 'capDecl':
      return capDecl(inner);
    case 'ladderDecl':
      return ladderDecl(inner);
    case 'creditDecl':
      return creditDecl(inner);
    case 'teamDecl':
      return teamDecl(inner);
    case 'clawbackDecl':
      return clawbackDecl(inner);
    case 'drawDecl':
      return drawDecl(inner);
    case 'exampleDecl':
      return exampleDecl(inner);
    case 'reportDecl':
      return reportDecl(inner);
    case 'historyDecl': {
      const c = inner.children as Children;
      const [table, column, value] = [tok(c, 'table'), tok(c, 'column'), tok(c, 'value')];
      return table && column ? { kind: 'History', ...(value && { of: ident(value) }), table: ident(table), column: ident(column), span: lineSpan(inner) } : undefined;
    }
    case 'activeDecl': {
      const c = inner.children as Children;
      const tables = toks(c, 'table');
      const [from, to] = [tok(c, 'from'), tok(c, 'to')];
      if (tables.length !== 2 || !from || !to) return undefined;
      return { kind: 'Active', table: ident(tables[0]!), from: ident(from), toTable: ident(tables[1]!), to: ident(to), span: lineSpan(inner) };
    }
    case 'poolDecl': {
      const c = inner.children as Children;
      const [name, team, leader] = [tok(c, 'name'), tok(c, 'team'), tok(c, 'leader')];
      const amount = expr(node(c, 'amount'));
      const weight = expr(node(c, 'weight'));
      return name && team && amount && weight ? { kind: 'Pool', name: ident(name), amount, team: ident(team), ...(leader && { leader: stringLit(leader) }), weight, span: lineSpan(inner) } : undefined;
    }
    case 'groupDecl': {
      const c = inner.children as Children;
      const [name, table, column] = [tok(c, 'name'), tok(c, 'table'), tok(c, 'column')];
      return name && { kind: 'Group', name: ident(name), ...(table && column && { table: ident(table), column: ident(column) }), span: lineSpan(inner) };
    }
    case 'contestDecl':
      return contestDecl(inner);
    case 'allocateDecl': {
      const c = inner.children as Children;
      const [name, group] = [tok(c, 'name'), tok(c, 'group')];
      const amount = expr(node(c, 'amount'));
      const weight = expr(node(c, 'weight'));
      return name && group && amount && weight ? { kind: 'Allocate', name: ident(name), amount, group: ident(group), weight, span: lineSpan(inner) } : undefined;
    }
    default:
      return undefined;
  }
}

function tableDecl(n: CstNode): A.TableDecl | undefined {
  const c = n.children as Children;
  const name = tok(c, 'name');
  if (!name) return undefined;
  const columns = nodes(c, 'columnDecl').flatMap((col): A.ColumnDecl[] => {
    const cc = col.children as Children;
    const cname = tok(cc, 'name');
    const type = tok(cc, 'type');
    if (!cname || !type) return [];
    const [op, value] = [tok(cc, 'boundOp'), tok(cc, 'bound')];
    const sign = tok(cc, 'boundSign');
    const bound: A.ColumnBound | undefined =
      op && value
        ? {
            op: (compareOps[op.image] ?? '>=') as A.ColumnBound['op'],
            value: value.tokenType.name === 'PercentLit' ? { kind: 'PercentLit', text: value.image.slice(0, -1), span: tokenSpan(value) } : numberLit(value),
            negative: sign !== undefined,
            span: join(tokenSpan(op), tokenSpan(value)),
          }
        : undefined;
    return [{ kind: 'Column', name: ident(cname), type: ident(type), modifiers: toks(cc, 'modifier').map(ident), ...(bound && { bound }), span: lineSpan(col) }];
  });
  return {
    kind: 'Table',
    name: ident(name),
    per: toks(c, 'per').map(ident),
    by: optIdent(tok(c, 'by')),
    on: optIdent(tok(c, 'on')),
    columns,
    span: lineSpan(n),
  };
}

function valueDecl(n: CstNode, kind: 'Const' | 'Let'): A.ConstDecl | A.LetDecl | undefined {
  const c = n.children as Children;
  const name = tok(c, 'name');
  const value = expr(node(c, 'value'));
  return name && value && { kind, name: ident(name), value, span: lineSpan(n) };
}

function baseDecl(n: CstNode): A.BaseDecl | undefined {
  const c = n.children as Children;
  const name = tok(c, 'name');
  const agg = node(c, 'aggregate');
  if (!name || !agg) return undefined;
  const ac = agg.children as Children;
  const table = tok(ac, 'table');
  if (!table) return undefined;
  const where = expr(node(ac, 'where'));
  let value: A.Aggregate;
  if (tok(ac, 'Sum') || tok(ac, 'Rank')) {
    const v = expr(node(ac, 'value'));
    if (!v) return undefined;
    value = { kind: tok(ac, 'Sum') ? 'Sum' : 'Rank', value: v, table: ident(table), ...(where && { where }), span: nodeSpan(agg) };
  } else {
    value = { kind: 'Count', table: ident(table), ...(where && { where }), span: nodeSpan(agg) };
  }
  return { kind: 'Base', name: ident(name), value, span: lineSpan(n) };
}

function commissionDecl(n: CstNode): A.CommissionDecl | undefined {
  const c = n.children as Children;
  const keyword = tok(c, 'Commission');
  const on = expr(node(c, 'base'));
  if (!keyword || !on) return undefined;
  const pay = expr(node(c, 'pay'));
  const t = tiers(node(c, 'tiers'));
  const header = lineSpan(n);
  const headerEnd = t.bands[0] ? Math.min(header.end, t.bands[0].span.start) : header.end;
  return {
    kind: 'Commission',
    name: optIdent(tok(c, 'name')),
    ...perOf(c),
    keyword: tokenSpan(keyword),
    on,
    ...t,
    ...(pay && { pay }),
    span: { start: header.start, end: t.bands.length ? t.bands[t.bands.length - 1]!.span.end : headerEnd },
  };
}

/** `[by MEASURE] whole|marginal` and its bands. */
function tiers(n: CstNode | undefined): A.Tiers {
  if (!n) return { bands: [] };
  const c = n.children as Children;
  const modeTok = tok(c, 'mode');
  const by = expr(node(c, 'by'));
  const bands = nodes(c, 'band').flatMap((b) => {
    const band = bandToAst(b);
    return band ? [band] : [];
  });
  return { ...(by && { by }), ...(modeTok && { mode: { value: modeTok.image as A.TierMode, span: tokenSpan(modeTok) } }), bands };
}

/** Which ends a range closes, from its words: `above` opens the lower end, `up to` closes the upper. */
function rangeEnds(c: Children): A.RangeEnds {
  const lowerEnd = tok(c, 'lowerEnd');
  const upperEnd = tok(c, 'upperEnd');
  return {
    ...(lowerEnd?.image === 'above' && { lowerOpen: true }),
    ...((tok(c, 'upTo') ?? upperEnd)?.image === 'up' && { upperClosed: true }),
    ...(lowerEnd && upperEnd && { words: true }),
  };
}

/** `below X`, `up to X`, `from X`, `above X`, `from A up to B`, `A .. B`…, shared by commission and salary bands. */
function bandRange(n: CstNode | undefined): A.BandRange | undefined {
  if (!n) return undefined;
  const c = n.children as Children;
  const lower = expr(node(c, 'lower'));
  const upper = expr(node(c, 'upper'));
  const first = tok(c, 'Below') ?? tok(c, 'upTo') ?? tok(c, 'lowerEnd');
  const ends = rangeEnds(c);
  if (lower && upper) return { kind: 'Between', lower, upper, ...ends, span: join(first ? tokenSpan(first) : lower.span, upper.span) };
  if (first && upper) return { kind: 'Below', upper, ...ends, span: join(tokenSpan(first), upper.span) };
  if (first && lower) return { kind: 'From', lower, ...ends, span: join(tokenSpan(first), lower.span) };
  return undefined;
}

function bandToAst(n: CstNode): A.Band | undefined {
  const c = n.children as Children;
  const pay = expr(node(c, 'pay'));
  const range = bandRange(node(c, 'range'));
  return pay && range && { kind: 'Band', range, pay, span: lineSpan(n) };
}

/** A block's span: its header line through its last member. */
function blockSpan(n: CstNode, members: readonly { span: Span }[]): Span {
  const header = lineSpan(n);
  const last = members[members.length - 1];
  return { start: header.start, end: last ? last.span.end : header.end };
}

function stepBonusDecl(n: CstNode): A.StepBonusDecl | undefined {
  const c = n.children as Children;
  const keyword = tok(c, 'Step');
  const on = expr(node(c, 'base'));
  if (!keyword || !on) return undefined;
  const modeTok = tok(c, 'mode');
  const steps = nodes(c, 'step').flatMap((st): A.Step[] => {
    const sc = st.children as Children;
    const at = expr(node(sc, 'at'));
    const pay = expr(node(sc, 'pay'));
    return at && pay ? [{ kind: 'Step', at, pay, span: lineSpan(st) }] : [];
  });
  return {
    kind: 'StepBonus',
    name: optIdent(tok(c, 'name')),
    ...perOf(c),
    keyword: join(tokenSpan(keyword), tokenSpan(tok(c, 'Bonus') ?? keyword)),
    on,
    ...(modeTok && { mode: { value: modeTok.image as A.StepMode, span: tokenSpan(modeTok) } }),
    steps,
    span: blockSpan(n, steps),
  };
}

function salaryDecl(n: CstNode): A.SalaryDecl | undefined {
  const c = n.children as Children;
  const keyword = tok(c, 'Salary');
  const amount = expr(node(c, 'amount'));
  const withExpr = expr(node(c, 'with'));
  if (!keyword || !amount || (c['Floats'] && !withExpr)) return undefined;
  const bands = nodes(c, 'salaryBand').flatMap((b): A.SalaryBand[] => {
    const bc = b.children as Children;
    const range = bandRange(node(bc, 'range'));
    const by = expr(node(bc, 'by'));
    return range && by ? [{ kind: 'SalaryBand', range, by, span: lineSpan(b) }] : [];
  });
  return { kind: 'Salary', name: optIdent(tok(c, 'name')), keyword: tokenSpan(keyword), amount, ...(withExpr && { with: withExpr }), bands, span: blockSpan(n, bands) };
}

/** `report NAME = …`, or `report` before a rule: the rule, marked as shown and not paid, its span from `report`. */
function reportDecl(n: CstNode): A.Decl | undefined {
  const c = n.children as Children;
  const keyword = tok(c, 'Report');
  if (!keyword) return undefined;
  const rule = node(c, 'rule');
  if (rule) {
    const inner = declarationToAst({ name: 'declaration', children: { [rule.name]: [rule] } } as CstNode);
    if (!inner || (inner.kind !== 'Commission' && inner.kind !== 'Bonus' && inner.kind !== 'StepBonus' && inner.kind !== 'Salary')) return undefined;
    return { ...inner, reported: tokenSpan(keyword), span: join(tokenSpan(keyword), inner.span) };
  }
  const name = tok(c, 'name');
  const value = expr(node(c, 'value'));
  if (!name || !value) return undefined;
  const mode = tok(c, 'mode');
  const step = tok(c, 'step');
  return { kind: 'Report', name: ident(name), value, ...(mode && step && { round: { mode: ident(mode), step: numberLit(step) } }), span: lineSpan(n) };
}

/** A key range's end: `-5`, `10,000 EUR`, `20%`, as an expression so the checker reads it like any literal. */
function keyNumber(n: CstNode | undefined): A.Expr | undefined {
  if (!n) return undefined;
  const c = n.children as Children;
  const minus = tok(c, 'Minus');
  const num = tok(c, 'NumberLit');
  const pct = tok(c, 'PercentLit');
  const lit: A.Expr | undefined = pct ? { kind: 'PercentLit', text: pct.image.slice(0, -1), span: tokenSpan(pct) } : num ? numberLit(num) : undefined;
  return lit && minus ? { kind: 'Unary', op: '-', operand: lit, span: join(tokenSpan(minus), lit.span) } : lit;
}

/** A key range, or a plain number key (`6`), which is a NumberLit as before ranges existed. */
function keyRange(n: CstNode): A.RateKey | undefined {
  const c = n.children as Children;
  const lower = keyNumber(node(c, 'lower'));
  const upper = keyNumber(node(c, 'upper'));
  const first = tok(c, 'Below') ?? tok(c, 'upTo') ?? tok(c, 'lowerEnd');
  if (!lower && !upper) return undefined;
  // A lone number: a NumberLit key; a lone percentage or negative number: a range of that one value.
  if (!first && lower && !upper) return lower.kind === 'NumberLit' ? lower : { kind: 'KeyRange', lower, upper: lower, upperClosed: true, words: true, span: lower.span };
  const start = first ? tokenSpan(first) : lower!.span;
  return { kind: 'KeyRange', ...(lower && { lower }), ...(upper && { upper }), ...rangeEnds(c), span: join(start, (upper ?? lower)!.span) };
}

function rateKey(n: CstNode): A.RateKey | undefined {
  const c = n.children as Children;
  const range = node(c, 'range');
  if (range) return keyRange(range);
  let t: IToken | undefined;
  if ((t = tok(c, 'StringLit'))) return stringLit(t);
  if ((t = tok(c, 'True'))) return { kind: 'BoolLit', value: true, span: tokenSpan(t) };
  if ((t = tok(c, 'False'))) return { kind: 'BoolLit', value: false, span: tokenSpan(t) };
  return undefined;
}

function ratesDecl(n: CstNode): A.RatesDecl | undefined {
  const c = n.children as Children;
  const name = tok(c, 'name');
  if (!name) return undefined;
  const entries = nodes(c, 'rateEntry').flatMap((e): A.RateEntry[] => {
    const ec = e.children as Children;
    const keys = nodes(ec, 'key').map(rateKey);
    const value = expr(node(ec, 'value'));
    if (!value || keys.some((k) => !k)) return [];
    return [{ kind: 'RateEntry', keys: keys as A.RateKey[], value, span: lineSpan(e) }];
  });
  const fallback = expr(node(c, 'fallback'));
  const elseTok = tok(c, 'Else');
  const end = fallback ? fallback.span.end : entries.length ? entries[entries.length - 1]!.span.end : lineSpan(n).end;
  return {
    kind: 'Rates',
    split: tok(c, 'kind')?.image === 'split',
    name: ident(name),
    keys: toks(c, 'key').map(ident),
    entries,
    ...(fallback && { fallback }),
    span: { start: lineSpan(n).start, end: elseTok && fallback ? fallback.span.end : end },
  };
}

function capDecl(n: CstNode): A.CapDecl | undefined {
  const c = n.children as Children;
  const bound = tok(c, 'bound');
  const target = tok(c, 'target');
  const value = expr(node(c, 'value'));
  return bound && target && value && { kind: 'Cap', bound: bound.image === 'floor' ? 'floor' : 'cap', target: ident(target), value, span: lineSpan(n) };
}

function ladderDecl(n: CstNode): A.LadderDecl | undefined {
  const c = n.children as Children;
  const items = nodes(c, 'item').map(additive);
  const ops = toks(c, 'op').map((t) => (t.image === '<' ? '<' : '<=') as '<' | '<=');
  if (items.some((i) => !i) || ops.length !== items.length - 1) return undefined;
  return { kind: 'Ladder', items: items as A.Expr[], ops, span: lineSpan(n) };
}

function bonusDecl(n: CstNode): A.BonusDecl | undefined {
  const c = n.children as Children;
  const keyword = tok(c, 'Bonus');
  const when = expr(node(c, 'when'));
  const pay = expr(node(c, 'pay'));
  if (!keyword || !pay || (c['When'] && !when)) return undefined;
  return { kind: 'Bonus', name: optIdent(tok(c, 'name')), ...perOf(c), keyword: tokenSpan(keyword), ...(when && { when }), pay, span: lineSpan(n) };
}

/** A component's own period, `per year`, when it states one. */
function perOf(c: Children): { per?: A.Ident } {
  const n = node(c, 'per');
  const word = n && tok(n.children as Children, 'word');
  return word ? { per: ident(word) } : {};
}

function forEachDecl(n: CstNode): A.ForEachDecl | undefined {
  const c = n.children as Children;
  const row = tok(c, 'row');
  const table = tok(c, 'table');
  if (!row || !table) return undefined;
  const where = expr(node(c, 'where'));
  const rules = nodes(c, 'rowRule').flatMap((r) => {
    const rule = rowRule(r);
    return rule ? [rule] : [];
  });
  const header = lineSpan(n);
  return {
    kind: 'ForEach',
    row: ident(row),
    table: ident(table),
    ...(where && { where }),
    rules,
    span: { start: header.start, end: rules.length ? rules[rules.length - 1]!.span.end : header.end },
  };
}

function rowRule(n: CstNode): A.RowRule | undefined {
  const c = n.children as Children;
  const span = lineSpan(n);
  if (tok(c, 'Require')) {
    const condition = expr(node(c, 'condition'));
    const message = tok(c, 'message');
    return condition && message && { kind: 'Require', condition, exclude: tok(c, 'Exclude') !== undefined, message: stringLit(message), span };
  }
  const name = tok(c, 'name');
  if (tok(c, 'Let')) {
    const row = tok(c, 'row');
    const value = expr(node(c, 'value'));
    return row && name && value && { kind: 'RowLet', row: ident(row), name: ident(name), value, span };
  }
  const tiersNode = node(c, 'tiers');
  if (tiersNode) {
    const on = expr(node(c, 'base'));
    const t = tiers(tiersNode);
    const end = t.bands.length ? t.bands[t.bands.length - 1]!.span.end : span.end;
    return name && on && { kind: 'RowTiers', name: ident(name), on, ...t, span: { start: span.start, end: Math.max(end, span.start) } };
  }
  const pay = expr(node(c, 'pay'));
  const when = expr(node(c, 'when'));
  return name && pay && { kind: 'PayRule', name: ident(name), ...(when && { when }), pay, span };
}

function creditDecl(n: CstNode): A.CreditDecl | undefined {
  const c = n.children as Children;
  const table = tok(c, 'table');
  if (!table) return undefined;
  const rules = nodes(c, 'creditRule').flatMap((r): A.CreditRule[] => {
    const rc = r.children as Children;
    const to = tok(rc, 'to');
    const share = expr(node(rc, 'share'));
    const rest = tok(rc, 'Rest') !== undefined;
    const when = expr(node(rc, 'when'));
    if (!to || (!share && !rest)) return [];
    return [{ kind: 'CreditRule', to: ident(to), ...(share && { share }), rest, ...(when && { when }), span: lineSpan(r) }];
  });
  return { kind: 'Credit', table: ident(table), rules, span: blockSpan(n, rules) };
}

function teamDecl(n: CstNode): A.TeamDecl | undefined {
  const c = n.children as Children;
  const [name, table, column, depth] = [tok(c, 'name'), tok(c, 'table'), tok(c, 'column'), tok(c, 'depth')];
  return name && table && column && depth && { kind: 'Team', name: ident(name), table: ident(table), column: ident(column), depth: ident(depth), span: lineSpan(n) };
}

function clawbackDecl(n: CstNode): A.ClawbackDecl | undefined {
  const c = n.children as Children;
  const [row, table, column, days] = [tok(c, 'row'), tok(c, 'table'), tok(c, 'column'), tok(c, 'days')];
  return row && table && column && days && { kind: 'Clawback', row: ident(row), table: ident(table), column: ident(column), days: numberLit(days), span: lineSpan(n) };
}

function drawDecl(n: CstNode): A.DrawDecl | undefined {
  const c = n.children as Children;
  const keyword = tok(c, 'Draw');
  const amount = expr(node(c, 'amount'));
  const mode = tok(c, 'mode');
  return keyword && amount && mode && { kind: 'Draw', name: optIdent(tok(c, 'name')), keyword: tokenSpan(keyword), amount, mode: { value: mode.image === 'recoverable' ? 'recoverable' : 'nonrecoverable', span: tokenSpan(mode) }, span: lineSpan(n) };
}

function exampleValue(n: CstNode | undefined): A.ExampleValue | undefined {
  if (!n) return undefined;
  const all = Object.values(n.children as Children).flat().filter(isToken).filter(real).sort((a, b) => a.startOffset - b.startOffset);
  if (!all.length) return undefined;
  const raw = all.map((t) => t.image).join('');
  const text = all[0]!.tokenType.name === 'StringLit' ? decodeString(raw) : raw;
  return { kind: 'ExampleValue', text, raw, span: { start: all[0]!.startOffset, end: (all[all.length - 1]!.endOffset ?? 0) + 1 } };
}

function exampleDecl(n: CstNode): A.ExampleDecl | undefined {
  const c = n.children as Children;
  const name = tok(c, 'name');
  if (!name) return undefined;
  const rows = nodes(c, 'exampleRow').flatMap((r): A.ExampleRow[] => {
    const rc = r.children as Children;
    const table = tok(rc, 'table');
    const columns = toks(rc, 'column');
    const values = nodes(rc, 'value').map(exampleValue);
    if (!table || columns.length !== values.length || values.some((v) => !v)) return [];
    return [{ kind: 'ExampleRow', table: ident(table), cells: columns.map((col, i) => ({ column: ident(col), value: values[i]! })), span: lineSpan(r) }];
  });
  const expects = nodes(c, 'exampleExpect').flatMap((e): A.ExampleExpect[] => {
    const ec = e.children as Children;
    const [payee, period, amount] = [exampleValue(node(ec, 'payee')), exampleValue(node(ec, 'period')), exampleValue(node(ec, 'amount'))];
    const lineTok = tok(ec, 'line');
    return payee && period && amount && lineTok ? [{ kind: 'Expect', payee, period, line: ident(lineTok), amount, span: lineSpan(e) }] : [];
  });
  const members = [...rows, ...expects].sort((a, b) => a.span.start - b.span.start);
  return { kind: 'Example', name: stringLit(name), rows, expects, span: blockSpan(n, members) };
}

// ─── Expressions ────────────────────────────────────────────────────────────────────────────────

/** Folds a rule of the form `operand (op operand)*` left-associatively. */
function foldLeft(c: Children, sub: (n: CstNode | undefined) => A.Expr | undefined, build: (op: IToken, l: A.Expr, r: A.Expr) => A.Expr): A.Expr | undefined {
  const operands = nodes(c, 'operand');
  let acc = sub(operands[0]);
  // Most levels of most expressions hold one operand: nothing to fold, no operators to sort.
  if (operands.length < 2) return acc;
  const ops = [...(c['op'] ?? []), ...(c['Or'] ?? []), ...(c['And'] ?? [])].filter(isToken).sort((a, b) => a.startOffset - b.startOffset);
  for (let i = 1; i < operands.length && acc; i++) {
    const right = sub(operands[i]);
    const op = ops[i - 1];
    if (!right || !op) return undefined;
    acc = build(op, acc, right);
  }
  return acc;
}

export function expr(n: CstNode | undefined): A.Expr | undefined {
  if (!n) return undefined;
  const c = n.children as Children;
  const kwIf = tok(c, 'If');
  if (kwIf) {
    const [condition, then, otherwise] = [expr(node(c, 'condition')), expr(node(c, 'then')), expr(node(c, 'else'))];
    return condition && then && otherwise && { kind: 'If', condition, then, else: otherwise, span: join(tokenSpan(kwIf), otherwise.span) };
  }
  return foldLeft(c, andExpr, (_op, left, right) => ({ kind: 'Logical', op: 'or', left, right, span: join(left.span, right.span) }));
}

function andExpr(n: CstNode | undefined): A.Expr | undefined {
  if (!n) return undefined;
  return foldLeft(n.children as Children, notExpr, (_op, left, right) => ({ kind: 'Logical', op: 'and', left, right, span: join(left.span, right.span) }));
}

function notExpr(n: CstNode | undefined): A.Expr | undefined {
  if (!n) return undefined;
  const c = n.children as Children;
  const kwNot = tok(c, 'Not');
  if (kwNot) {
    const operand = notExpr(node(c, 'negated'));
    return operand && { kind: 'Not', operand, span: join(tokenSpan(kwNot), operand.span) };
  }
  return comparison(node(c, 'operand'));
}

const compareOps: Record<string, A.CompareOp> = { '=': '=', '!=': '!=', '≠': '!=', '<': '<', '<=': '<=', '≤': '<=', '>': '>', '>=': '>=', '≥': '>=' };

function comparison(n: CstNode | undefined): A.Expr | undefined {
  if (!n) return undefined;
  const c = n.children as Children;
  const left = additive(node(c, 'left'));
  if (!left) return undefined;
  const op = tok(c, 'op');
  if (op) {
    const right = additive(node(c, 'right'));
    return right && { kind: 'Compare', op: compareOps[op.image] ?? '=', left, right, span: join(left.span, right.span) };
  }
  const set = tok(c, 'Set');
  if (set) return { kind: 'IsSet', operand: left, negated: tok(c, 'isNot') !== undefined, span: join(left.span, tokenSpan(set)) };
  return left;
}

function additive(n: CstNode | undefined): A.Expr | undefined {
  if (!n) return undefined;
  return foldLeft(n.children as Children, multiplicative, (op, left, right) => ({
    kind: 'Binary',
    op: op.image === '+' ? '+' : '-',
    left,
    right,
    span: join(left.span, right.span),
  }));
}

function multiplicative(n: CstNode | undefined): A.Expr | undefined {
  if (!n) return undefined;
  return foldLeft(n.children as Children, ofExpr, (op, left, right) => ({
    kind: 'Binary',
    op: op.image === '*' || op.image === '×' ? '*' : '/',
    left,
    right,
    span: join(left.span, right.span),
  }));
}

function ofExpr(n: CstNode | undefined): A.Expr | undefined {
  if (!n) return undefined;
  const c = n.children as Children;
  const rate = unary(node(c, 'rate'));
  if (!rate) return undefined;
  if (!tok(c, 'Of')) return rate;
  const amount = unary(node(c, 'amount'));
  return amount && { kind: 'Of', rate, amount, span: join(rate.span, amount.span) };
}

function unary(n: CstNode | undefined): A.Expr | undefined {
  if (!n) return undefined;
  const c = n.children as Children;
  const sign = tok(c, 'Minus') ?? tok(c, 'Plus');
  if (sign) {
    const operand = unary(node(c, 'negated'));
    return operand && { kind: 'Unary', op: sign.image === '+' ? '+' : '-', operand, span: join(tokenSpan(sign), operand.span) };
  }
  return primary(node(c, 'operand'));
}

function primary(n: CstNode | undefined): A.Expr | undefined {
  if (!n) return undefined;
  const c = n.children as Children;
  let t: IToken | undefined;
  if ((t = tok(c, 'PercentLit'))) return { kind: 'PercentLit', text: t.image.slice(0, -1), span: tokenSpan(t) };
  if ((t = tok(c, 'NumberLit'))) {
    const currency = tok(c, 'currency');
    return currency ? { kind: 'NumberLit', text: t.image, currency: ident(currency), span: join(tokenSpan(t), tokenSpan(currency)) } : numberLit(t);
  }
  if ((t = tok(c, 'DateLit'))) return { kind: 'DateLit', text: t.image, span: tokenSpan(t) };
  if ((t = tok(c, 'StringLit'))) return stringLit(t);
  if ((t = tok(c, 'True'))) return { kind: 'BoolLit', value: true, span: tokenSpan(t) };
  if ((t = tok(c, 'False'))) return { kind: 'BoolLit', value: false, span: tokenSpan(t) };
  const inner = node(c, 'inner');
  if (inner) {
    const e = expr(inner);
    return e && { kind: 'Paren', inner: e, span: nodeSpan(n) };
  }
  const line = tok(c, 'line');
  if (line) return { kind: 'NameRef', name: ident(line), span: tokenSpan(line) };
  const name = tok(c, 'name') ?? tok(c, 'keywordFn');
  if (!name) return undefined;
  if (c['call']) {
    const args = nodes(c, 'arg').map(expr);
    if (args.some((a) => a === undefined)) return undefined;
    return { kind: 'Call', callee: ident(name), args: args as A.Expr[], span: nodeSpan(n) };
  }
  const member = tok(c, 'member');
  if (member) return { kind: 'NameRef', qualifier: ident(name), name: ident(member), span: join(tokenSpan(name), tokenSpan(member)) };
  return { kind: 'NameRef', name: ident(name), span: tokenSpan(name) };
}

function contestDecl(n: CstNode): A.ContestDecl | undefined {
  const c = n.children as Children;
  const [name, group] = [tok(c, 'name'), tok(c, 'group')];
  const measure = expr(node(c, 'measure'));
  const where = expr(node(c, 'where'));
  if (!name || !group || !measure) return undefined;
  const places = nodes(c, 'placeLine').flatMap((p): A.Place[] => {
    const pc = p.children as Children;
    const place = tok(pc, 'place');
    const pay = expr(node(pc, 'pay'));
    return place && pay ? [{ kind: 'Place', place: numberLit(place), pay, span: lineSpan(p) }] : [];
  });
  return { kind: 'Contest', name: ident(name), measure, group: ident(group), ...(where && { where }), places, span: blockSpan(n, places) };
}
