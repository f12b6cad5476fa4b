/**
 * Lints: a plan that checked cleanly (its AST, its IR and its text) → warnings about what it
 * probably does not mean, each with a stable code L001–L005. Nothing here changes a payout or
 * blocks a run; `payplan check --strict` turns the warnings into errors.
 *
 * Every finding is proved, not sampled: values are reduced to linear forms `c + Σ kᵢ·xᵢ` over the
 * plan's inputs with order.ts `linear` (constants and derived values expanded, inputs of money
 * taken to be zero or more, as the order checks take them), and a lint speaks only when the form
 * decides the question; what is not linear (a rate read from a table per payee, attainment) is
 * left alone rather than guessed at. A plan can mark a finding as meant with a comment on the
 * reported line (or on its rule's first line): `# cliff: intended`, `# rate: intended`,
 * `# unused: intended`, `# unreachable: intended`, `# never-pays: intended`.
 */
import type { Code, Diagnostic, Label, SourceText, Span } from '@payplan/diagnostics';
import { bandLabel, bandPayText, Dec, moneyText, ONE, percentText, ZERO } from '@payplan/runtime';
import type { Ast } from '@payplan/syntax';
import type { IrBand, IrCommission, IrComponent, IrExpr, IrPlan, IrSalary, IrStepBonus, Unit } from './ir.js';
import { references } from './lower.js';
import { linear, type Definitions, type Linear } from './order.js';

/** The word a plan writes before `: intended` to keep a finding of each code quiet. */
const markers: Partial<Record<Code, string>> = { L001: 'unused', L002: 'rate', L003: 'cliff', L004: 'unreachable', L005: 'never-pays' };

/**
 * The warnings of a plan the checker accepted (its IR, the AST it came from for names and comments,
 * and its text). Returns diagnostics only, never throws: a lint that cannot decide says nothing.
 */
export function lintPlan(ir: IrPlan, plan: Ast.Plan, source: SourceText): Diagnostic[] {
  const out: Diagnostic[] = [];
  const consts = new Map(ir.consts.map((c) => [c.name, c.value]));
  const lets = new Map(ir.lets.map((l) => [l.name, l.value]));
  const defs: Definitions = (kind, name) => (kind === 'const' ? consts : lets).get(name);
  const commentLines = new Map<number, string>();
  for (const c of plan.comments) commentLines.set(source.lineCol(c.span.start).line, c.text);
  const say = (e: { span: Span }): string => source.slice(e.span).replace(/\s+/g, ' ').trim();

  /** Adds a warning unless its line, or its rule's first line, says the finding is intended. */
  const warn = (code: Code, span: Span, message: string, extra: WarnExtra = {}): void => {
    const word = markers[code];
    const lines = [span, ...[extra.owner ?? []].flat()].map((s) => source.lineCol(s.start).line);
    if (word && lines.some((l) => new RegExp(`#.*\\b${word}\\s*:\\s*intended\\b`, 'i').test(commentLines.get(l) ?? ''))) return;
    if (out.some((d) => d.code === code && d.span.start === span.start && d.span.end === span.end)) return;
    out.push({
      code,
      severity: 'warning',
      message,
      file: source.file,
      span,
      ...(extra.labels?.length && { labels: extra.labels }),
      ...(extra.notes?.length && { notes: extra.notes }),
      ...(extra.hint && { hint: extra.hint }),
    });
  };

  const cx: Cx = { ir, defs, warn, say, forms: new Map(), keys: new Map() };
  unusedDeclarations(cx, plan);
  for (const c of ir.components) {
    ratesAbove100(cx, c);
    if (c.kind === 'commission') commissionShape(cx, c);
    if (c.kind === 'step_bonus') stepShape(cx, c);
    if (c.kind === 'salary') salaryShape(cx, c);
    neverPays(cx, c);
  }
  return out;
}

interface WarnExtra {
  /** Where else a `# …: intended` comment may stand: the rule's first line, a constant's line. */
  readonly owner?: Span | readonly Span[];
  readonly labels?: Label[];
  readonly notes?: string[];
  readonly hint?: string;
}

interface Cx {
  readonly ir: IrPlan;
  readonly defs: Definitions;
  readonly warn: (code: Code, span: Span, message: string, extra?: WarnExtra) => void;
  /** An expression as written, on one line. */
  readonly say: (e: { span: Span }) => string;
  /** The linear form and the key of each expression asked about so far (see `form`, `canon`). */
  readonly forms: Map<IrExpr, Linear | undefined>;
  readonly keys: Map<IrExpr, string>;
}

// ─── Linear forms ───────────────────────────────────────────────────────────────────────────────

/** `excess` inside a band's pay, as the variable `linear` makes of a base of this name. */
const EXCESS_BASE = '\u0000excess';
const EXCESS = `base:${EXCESS_BASE}`;
/** A position inside a band: how far the base is above the band's lower bound. */
const POS = '\u0000pos';

const lconst = (c: Dec): Linear => ({ constant: c, terms: new Map() });
const lvar = (name: string): Linear => ({ constant: ZERO, terms: new Map([[name, ONE]]) });

function plus(a: Linear, b: Linear, sign: 1 | -1 = 1): Linear {
  const terms = new Map(a.terms);
  for (const [k, v] of b.terms) terms.set(k, (terms.get(k) ?? ZERO).plus(sign === 1 ? v : v.neg()));
  return { constant: sign === 1 ? a.constant.plus(b.constant) : a.constant.minus(b.constant), terms };
}

function times(a: Linear, k: Dec): Linear {
  return { constant: a.constant.mul(k), terms: new Map([...a.terms].map(([n, v]) => [n, v.mul(k)])) };
}

const isConstant = (a: Linear): boolean => [...a.terms.values()].every((k) => k.isZero());

/** The product of two forms when one of them is a constant; otherwise not linear. */
function product(a: Linear, b: Linear): Linear | undefined {
  if (isConstant(a)) return times(b, a.constant);
  if (isConstant(b)) return times(a, b.constant);
  return undefined;
}

/** `a` with the variable `v` replaced by the form `m`. */
function substitute(a: Linear, v: string, m: Linear): Linear {
  const k = a.terms.get(v);
  if (!k || k.isZero()) return a;
  const terms = new Map(a.terms);
  terms.delete(v);
  return plus({ constant: a.constant, terms }, times(m, k));
}

const coefficient = (a: Linear, v: string): Dec => a.terms.get(v) ?? ZERO;
const mentions = (a: Linear, v: string): boolean => !coefficient(a, v).isZero();

/**
 * Over inputs that are zero or more: never below zero; below zero for every input but all zeros
 * (`-1% of T` counts: a target of zero is no target); or either, depending on the inputs.
 */
function signOf(a: Linear): 'never-negative' | 'always-negative' | 'either' {
  const ks = [...a.terms.values()];
  if (a.constant.gte(0) && ks.every((k) => k.gte(0))) return 'never-negative';
  if (a.constant.lte(0) && ks.every((k) => k.lte(0))) return 'always-negative';
  return 'either';
}

const provablyZero = (a: Linear): boolean => a.constant.isZero() && isConstant(a);

/** A variable of a linear form as the plan names it: `base:margin` → `margin`, `quotas.T` → `T`. */
const varName = (v: string): string => (v.startsWith('base:') ? v.slice(5) : v.startsWith('?') ? v.slice(1) : (v.split('.').pop() ?? v));

/** 15400 → "15,400.00". */
function amountText(d: Dec): string {
  const t = moneyText(d);
  const [int = '', frac] = t.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  return `${sign}${int.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac !== undefined ? '.' + frac : ''}`;
}

/** A form in words: `2,000.00 - 1% of \`T\``. Inputs are money, so a coefficient reads as a share. */
function formText(a: Linear): string {
  const parts: { neg: boolean; text: string }[] = [];
  if (!a.constant.isZero()) parts.push({ neg: a.constant.lt(0), text: amountText(a.constant.abs()) });
  for (const [v, k] of a.terms) if (!k.isZero()) parts.push({ neg: k.lt(0), text: `${percentText(k.abs())} of \`${varName(v)}\`` });
  if (!parts.length) return '0.00';
  return parts.map((p, i) => (i === 0 ? `${p.neg ? '-' : ''}${p.text}` : `${p.neg ? '-' : '+'} ${p.text}`)).join(' ');
}

/** In words, when a form that can be negative is: `when T is below 200,000.00`. */
function whenNegative(a: Linear): string {
  const vars = [...a.terms].filter(([, k]) => !k.isZero());
  if (vars.length === 1) {
    const [[v, k]] = vars as [[string, Dec]];
    const at = amountText(a.constant.neg().div(k));
    return k.gt(0) ? `when \`${varName(v)}\` is below ${at}` : `when \`${varName(v)}\` is above ${at}`;
  }
  return `for some values of ${vars.map(([v]) => `\`${varName(v)}\``).join(', ')}`;
}

/** An IR expression with `excess` turned into a variable `linear` understands. */
function withExcessVar(e: IrExpr): IrExpr {
  switch (e.kind) {
    case 'excess':
      return { kind: 'base', name: EXCESS_BASE, unit: 'money', span: e.span };
    case 'neg':
      return { ...e, operand: withExcessVar(e.operand) };
    case 'not':
      return { ...e, operand: withExcessVar(e.operand) };
    case 'isSet':
      return { ...e, operand: withExcessVar(e.operand) };
    case 'arith':
      return { ...e, left: withExcessVar(e.left), right: withExcessVar(e.right) };
    case 'cmp':
      return { ...e, left: withExcessVar(e.left), right: withExcessVar(e.right) };
    case 'logic':
      return { ...e, left: withExcessVar(e.left), right: withExcessVar(e.right) };
    case 'call':
      return { ...e, args: e.args.map(withExcessVar) };
    case 'lookup':
      return { ...e, keys: e.keys.map(withExcessVar) };
    default:
      return e;
  }
}

/** An expression's linear form, worked out once: the lints ask about the same bounds and pays many times. */
function form(cx: Cx, e: IrExpr): Linear | undefined {
  if (!cx.forms.has(e)) cx.forms.set(e, linear(withExcessVar(e), cx.defs));
  return cx.forms.get(e);
}

/**
 * An expression as data without positions: two expressions with the same key are the same value.
 * Worked out once per expression, as the walks below ask again at every level of an expression.
 */
function canon(cx: Cx, e: IrExpr): string {
  let key = cx.keys.get(e);
  if (key === undefined) cx.keys.set(e, (key = JSON.stringify(e, (k, v: unknown) => (k === 'span' ? undefined : v))));
  return key;
}

/** A linear form, or the expression as one opaque variable (`margin / T` is not linear, but is itself). */
const formOrAtom = (cx: Cx, e: IrExpr): Linear => form(cx, e) ?? lvar(`?${canon(cx, e)}`);

// ─── L001: declarations no rule uses ────────────────────────────────────────────────────────────

/**
 * Constants, rate tables and teams never shown on a statement: one that no rule, limit, ladder,
 * requirement, credit rule or draw reaches (directly or through other values) is dead. Derived
 * values (`let`) and bases are printed on every statement — the reference promises it, so a reader
 * sees the thresholds they were measured against — so they count as used: a base kept only for the
 * statement (a count of pumps sold) or a plan that only decomposes a target is not a mistake.
 */
function unusedDeclarations(cx: Cx, plan: Ast.Plan): void {
  const { ir } = cx;
  const roots: IrExpr[] = [];
  const usedTeams = new Set<string>();
  for (const c of ir.components) roots.push(...componentExprs(c));
  for (const l of ir.limits) roots.push(l.value);
  for (const l of ir.ladders) roots.push(...l.items);
  for (const r of ir.requirements) roots.push(r.condition, ...(r.where ? [r.where] : []));
  for (const c of ir.credits) for (const r of c.rules) roots.push(...(r.share ? [r.share] : []), ...(r.when ? [r.when] : []));
  if (ir.draw) roots.push(ir.draw.amount);
  for (const l of ir.lets) roots.push(l.value);
  for (const b of ir.bases) {
    roots.push(...(b.value ? [b.value] : []), ...(b.where ? [b.where] : []));
    if (b.over.kind === 'team') usedTeams.add(b.over.team);
  }
  for (const c of ir.components) if (c.kind === 'pool') usedTeams.add(c.team);

  const used = new Set<string>();
  const queue = [...roots];
  // By name, not searched for each reference: names are unique (the checker rejects a second one).
  const consts = new Map(ir.consts.map((k) => [k.name, k]));
  const rates = new Map(ir.rates.map((t) => [t.name, t]));
  for (let e = queue.pop(); e; e = queue.pop()) {
    for (const name of references(e)) {
      if (used.has(name)) continue;
      used.add(name);
      const k = consts.get(name);
      if (k) queue.push(k.value);
      const r = rates.get(name);
      if (r) queue.push(...r.entries.map((en) => en.value), ...(r.fallback ? [r.fallback] : []));
    }
  }
  // Who refers to an unused value: other unused values, which is worth saying.
  const readers = (name: string): string[] => [
    ...ir.consts.filter((k) => !used.has(k.name) && references(k.value).includes(name)).map((k) => k.name),
    ...ir.rates.filter((t) => !used.has(t.name) && [...t.entries.map((en) => en.value), ...(t.fallback ? [t.fallback] : [])].some((v) => references(v).includes(name))).map((t) => t.name),
  ];
  for (const d of plan.decls) {
    if ((d.kind === 'Const' || d.kind === 'Rates') && !used.has(d.name.name)) {
      const what = d.kind === 'Const' ? `\`${d.name.name}\`` : `rate table \`${d.name.name}\``;
      const by = readers(d.name.name);
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

function componentExprs(c: IrComponent): IrExpr[] {
  switch (c.kind) {
    case 'commission':
      return [c.base, ...c.bands.flatMap((b) => [b.pay, ...(b.lower ? [b.lower] : []), ...(b.upper ? [b.upper] : [])])];
    case 'bonus':
      return [c.when, c.pay];
    case 'per_row':
      return [c.pay, ...(c.when ? [c.when] : []), ...(c.where ? [c.where] : [])];
    case 'step_bonus':
      return [c.on, ...c.steps.flatMap((s) => [s.at, s.pay])];
    case 'salary':
      return [c.amount, c.measure, ...c.bands.flatMap((b) => [b.by, ...(b.lower ? [b.lower] : []), ...(b.upper ? [b.upper] : [])])];
    case 'pool':
      return [c.amount, c.weight];
  }
}

// ─── L002: rates above 100% ─────────────────────────────────────────────────────────────────────

/**
 * A rate pays when it is applied to a result: a base, a row's figures, `excess`, or what any
 * commission of the plan is paid on. Such a rate above 100% pays out more than the result itself, which is
 * nearly always a slipped digit (`500%` for `50%`). A percentage applied to a target or to a fixed
 * amount (`120% of T`, a weight of 150% on an award) is a threshold or a multiplier, not such a
 * rate, and is left alone; so are salary adjustments.
 */
/** What commissions are paid on, per plan, as keys by expression kind: computed once, not once per component. */
const measuresOf = new WeakMap<IrPlan, Map<IrExpr['kind'], Set<string>>>();

function measuresByKind(cx: Cx): Map<IrExpr['kind'], Set<string>> {
  const measures = new Map<IrExpr['kind'], Set<string>>();
  for (const k of cx.ir.components) if (k.kind === 'commission') measures.set(k.base.kind, (measures.get(k.base.kind) ?? new Set()).add(canon(cx, k.base)));
  return measures;
}

function ratesAbove100(cx: Cx, c: IrComponent): void {
  // What commissions are paid on is a result wherever it appears (a per-payee `revenue` column is
  // one, though a per-payee target beside it is not).
  let measures = measuresOf.get(cx.ir);
  if (!measures) measuresOf.set(cx.ir, (measures = measuresByKind(cx)));
  const isMeasure = (e: IrExpr, depth = 0): boolean => {
    if (depth > 50) return false;
    // Only an expression of a measure's kind can have its key: most have not, and need no key.
    if (measures.get(e.kind)?.has(canon(cx, e))) return true;
    switch (e.kind) {
      case 'base':
      case 'field':
      case 'excess':
        return true;
      case 'let': {
        const d = cx.defs('let', e.name);
        return !!d && isMeasure(d, depth + 1);
      }
      case 'neg':
        return isMeasure(e.operand, depth + 1);
      case 'arith':
        return isMeasure(e.left, depth + 1) || isMeasure(e.right, depth + 1);
      case 'call':
        return e.args.some((a) => isMeasure(a, depth + 1));
      default:
        return false;
    }
  };
  const check = (rate: IrExpr, appliedTo: string): void => {
    if (rate.kind === 'lookup') {
      // Reported at the table's entries, once each, whichever rule applies them.
      const table = cx.ir.rates.find((t) => t.name === rate.rates);
      if (!table || table.unit !== 'ratio') return;
      for (const v of [...table.entries.map((en) => en.value), ...(table.fallback ? [table.fallback] : [])]) {
        const f = form(cx, v);
        if (f && isConstant(f) && f.constant.gt(1)) {
          cx.warn('L002', v.span, `rate table \`${table.name}\` pays ${percentText(f.constant)} here: more than the whole of what it applies to`, {
            labels: [{ span: rate.span, message: 'applied here' }],
            hint: `if ${percentText(f.constant)} is meant, end the line with \`# rate: intended\``,
          });
        }
      }
      return;
    }
    const f = form(cx, rate);
    if (!f || !isConstant(f) || !f.constant.gt(1)) return;
    const named = rate.kind === 'const' || rate.kind === 'let' ? ` (\`${rate.name}\`)` : '';
    const definition = rate.kind === 'const' ? cx.ir.consts.find((k) => k.name === rate.name) : rate.kind === 'let' ? cx.ir.lets.find((l) => l.name === rate.name) : undefined;
    cx.warn('L002', rate.span, `a rate of ${percentText(f.constant)}${named} pays more than the whole of ${appliedTo}`, {
      owner: [c.source.span, ...(definition ? [definition.source.span] : [])],
      hint: `did you mean ${percentText(f.constant.div(10))}? If ${percentText(f.constant)} is meant, end the line with \`# rate: intended\``,
    });
  };
  const walk = (e: IrExpr): void => {
    if (e.kind === 'arith' && e.op === '*') {
      const pairs: [IrExpr, IrExpr][] = [
        [e.left, e.right],
        [e.right, e.left],
      ];
      for (const [rate, amount] of pairs) if (rate.unit === 'ratio' && amount.unit !== 'ratio' && isMeasure(amount)) check(rate, `\`${cx.say(amount)}\``);
    }
    for (const child of children(e)) walk(child);
  };
  switch (c.kind) {
    case 'commission':
      for (const b of c.bands) {
        if (b.payIsRate) check(b.pay, `\`${c.baseName}\``);
        walk(b.pay);
      }
      break;
    case 'bonus':
    case 'per_row':
      walk(c.pay);
      break;
    case 'step_bonus':
      c.steps.forEach((s) => walk(s.pay));
      break;
    case 'salary':
      walk(c.amount);
      break;
    case 'pool':
      walk(c.amount);
      break;
  }
}

function children(e: IrExpr): IrExpr[] {
  switch (e.kind) {
    case 'neg':
    case 'not':
    case 'isSet':
      return [e.operand];
    case 'arith':
    case 'cmp':
    case 'logic':
      return [e.left, e.right];
    case 'call':
      return [...e.args];
    case 'lookup':
      return [...e.keys];
    default:
      return [];
  }
}

// ─── L003, L004: the shape of a tiered commission ──────────────────────────────────────────────

interface Tier {
  readonly band: IrBand;
  readonly lower?: Linear;
  readonly upper?: Linear;
}

/**
 * Walks the payout of a tiered commission along its base. In a whole-amount tier, the payout just
 * below a boundary (the lower band's pay at the boundary) is compared with the payout at it (the
 * upper band's pay with no excess): when the difference can be negative, selling a little more
 * pays less — a cliff. Inside a band, the payout is followed from its lower bound (`base = lower +
 * pos`): a negative slope in `pos` means the payout falls as the base rises. Marginal tiers are
 * continuous for rates; only a negative rate, or an amount band that starts below zero, falls.
 * A cap on the commission's line makes a band that starts at or above the cap pointless (L004).
 */
function commissionShape(cx: Cx, c: IrCommission): void {
  if (c.mode === 'flat') return;
  const base = form(cx, c.base);
  const baseVar = base && base.constant.isZero() && base.terms.size === 1 && [...base.terms.values()][0]!.eq(1) ? [...base.terms.keys()][0] : undefined;
  const tiers: Tier[] = c.bands.map((band) => {
    const lower = band.lower && form(cx, band.lower);
    const upper = band.upper && form(cx, band.upper);
    return { band, ...(lower && { lower }), ...(upper && { upper }) };
  });
  const owner = c.source.span;

  /** A band's pay (a rate or an amount) with the base at `at` and `excess` at `excess`. */
  const pay = (b: IrBand, at: Linear, excess: Linear): Linear | undefined => {
    let p = form(cx, b.pay);
    if (!p) return undefined;
    p = substitute(p, EXCESS, excess);
    if (baseVar) p = substitute(p, baseVar, at);
    else if (base && [...base.terms.keys()].some((v) => mentions(p!, v))) return undefined;
    return p;
  };
  /** Whole amount: what the band pays in all with the base at `at`. */
  const wholePay = (t: Tier, at: Linear): Linear | undefined => {
    const excess = t.lower ? plus(at, t.lower, -1) : at;
    const p = pay(t.band, at, excess);
    return p && (t.band.payIsRate ? product(p, at) : p);
  };
  /** Marginal: what the band pays for the part `part` of it, the base being at `at`. */
  const marginalPay = (t: Tier, part: Linear, at: Linear): Linear | undefined => {
    const p = pay(t.band, at, part);
    return p && (t.band.payIsRate ? product(p, part) : p);
  };
  const label = (t: Tier) => `\`${bandLabel(t.band.source.text)}\``;
  const payWords = (t: Tier) => (t.band.payIsRate ? `${bandPayText(t.band.source.text)} of all of \`${c.baseName}\`` : bandPayText(t.band.source.text));
  const intendedHint = 'if the drop is intended, end the band\'s line with `# cliff: intended`';

  tiers.forEach((t, i) => {
    const start = t.lower ?? lconst(ZERO);
    const inside = plus(start, lvar(POS));
    // Inside the band: the slope of the payout in the base.
    const slopeForm = c.mode === 'whole' ? wholePay(t, inside) : marginalPay(t, lvar(POS), inside);
    if (slopeForm && coefficient(slopeForm, POS).lt(0)) {
      cx.warn('L003', t.band.pay.span, `the payout falls as \`${c.baseName}\` rises within band ${label(t)}`, {
        owner,
        notes: [`every 1.00 more of \`${c.baseName}\` in this band pays ${amountText(coefficient(slopeForm, POS).neg())} less`],
        hint: `a negative rate here means that the more is sold, the less is paid; ${intendedHint}`,
      });
    }
    if (!t.lower || !t.band.lower) return;
    const prev = tiers[i - 1];
    // At the band's lower bound: what is paid from it on, against what was paid just below it.
    const after = c.mode === 'whole' ? wholePay(t, t.lower) : marginalPay(t, lconst(ZERO), t.lower);
    const before = c.mode === 'whole' ? (prev ? wholePay(prev, t.lower) : lconst(ZERO)) : lconst(ZERO);
    if (!after || !before) return;
    const change = plus(after, before, -1);
    const sign = signOf(change);
    if (sign === 'never-negative') return;
    const bound = cx.say(t.band.lower);
    const notes: string[] = [];
    if (isConstant(after) && isConstant(before)) notes.push(`at ${bound}: ${amountText(before.constant)} just below it, ${amountText(after.constant)} from it on`);
    else if (sign === 'always-negative') notes.push(`at \`${bound}\` the payout drops by ${formText(times(change, new Dec(-1)))}`);
    if (sign === 'either') notes.push(`it falls ${whenNegative(change)}`);
    const labels: Label[] = prev && c.mode === 'whole' ? [{ span: prev.band.pay.span, message: `just below \`${bound}\`, pays ${payWords(prev)}` }] : [];
    cx.warn('L003', t.band.lower.span, `the payout ${sign === 'either' ? 'can fall' : 'falls'} as \`${c.baseName}\` rises past \`${bound}\``, {
      owner,
      labels: [...labels, { span: t.band.pay.span, message: `from \`${bound}\` on, pays ${payWords(t)}` }],
      notes,
      hint:
        c.mode === 'whole' && prev?.band.payIsRate && t.band.payIsRate
          ? `in a whole-amount tier the rate applies to all of \`${c.baseName}\`, so a lower rate above a boundary pays less in all; raise it, or make the tier \`marginal\`; ${intendedHint}`
          : intendedHint,
    });
  });

  // L004: a band that starts at or above the commission's cap always pays the cap.
  for (const limit of cx.ir.limits) {
    if (limit.bound !== 'cap' || limit.target !== c.name) continue;
    const cap = form(cx, limit.value);
    if (!cap) continue;
    let reached = lconst(ZERO); // marginal: what the bands below have paid in full
    for (const [i, t] of tiers.entries()) {
      if ((t.band.lower && !t.lower) || (t.band.upper && !t.upper)) break; // a bound that is not linear
      const start = t.lower ?? lconst(ZERO);
      const startPay = c.mode === 'whole' ? wholePay(t, start) : marginalPay(t, lconst(ZERO), start);
      const inside = plus(start, lvar(POS));
      const slope = c.mode === 'whole' ? wholePay(t, inside) : marginalPay(t, lvar(POS), inside);
      if (i > 0 && t.lower && t.band.lower && startPay && slope && coefficient(slope, POS).gte(0) && signOf(plus(plus(reached, startPay), cap, -1)) === 'never-negative') {
        cx.warn('L004', { start: t.band.source.span.start, end: t.band.pay.span.end }, `band ${label(t)} can never change the payout: from \`${cx.say(t.band.lower)}\` on, \`${c.name}\` is already at its cap`, {
          owner,
          labels: [{ span: { start: limit.source.span.start, end: limit.value.span.end }, message: 'the cap' }],
          notes: ['whatever this band pays, the payee gets the cap'],
          hint: 'raise the cap, or drop the bands above it; if it is meant, end the band\'s line with `# unreachable: intended`',
        });
        break;
      }
      if (c.mode === 'marginal') {
        const part = t.upper ? plus(t.upper, start, -1) : undefined;
        const full = part && marginalPay(t, part, t.upper!);
        if (!full) break;
        reached = plus(reached, full);
      }
    }
  }
}

/**
 * A step bonus paying only its highest step falls when a step pays less than the one below it; one
 * paying every step falls when a step pays a negative amount. A cap that the steps below already
 * reach makes the steps above it pointless.
 */
function stepShape(cx: Cx, c: IrStepBonus): void {
  const pays = c.steps.map((s) => form(cx, s.pay));
  const owner = c.source.span;
  c.steps.forEach((s, i) => {
    const p = pays[i];
    const prev = i > 0 ? pays[i - 1] : lconst(ZERO);
    if (!p || !prev) return;
    const change = c.mode === 'highest' ? plus(p, prev, -1) : p;
    const sign = signOf(change);
    if (sign === 'never-negative') return;
    const at = cx.say(s.at);
    const notes: string[] = [];
    if (c.mode === 'highest' && i > 0 && isConstant(p) && isConstant(prev)) notes.push(`reaching \`${at}\` pays ${amountText(p.constant)} instead of ${amountText(prev.constant)}: only the highest step reached pays`);
    if (sign === 'either') notes.push(`it falls ${whenNegative(change)}`);
    cx.warn('L003', s.pay.span, `the payout ${sign === 'either' ? 'can fall' : 'falls'} as \`${c.onName}\` reaches \`${at}\``, {
      owner,
      labels: c.mode === 'highest' && i > 0 ? [{ span: c.steps[i - 1]!.pay.span, message: 'the step before it pays more' }] : [],
      notes,
      hint: `${c.mode === 'highest' ? 'each step should pay at least as much as the one before it' : 'a step that pays a negative amount takes money back when it is passed'}; if the drop is intended, end the step's line with \`# cliff: intended\``,
    });
  });
  for (const limit of cx.ir.limits) {
    if (limit.bound !== 'cap' || limit.target !== c.name) continue;
    const cap = form(cx, limit.value);
    if (!cap) continue;
    let paid = lconst(ZERO);
    for (const [i, s] of c.steps.entries()) {
      const before = paid;
      const p = pays[i];
      if (!p) break;
      paid = c.mode === 'highest' ? p : plus(paid, p);
      if (i > 0 && signOf(plus(before, cap, -1)) === 'never-negative' && signOf(plus(paid, cap, -1)) === 'never-negative') {
        cx.warn('L004', { start: s.source.span.start, end: s.pay.span.end }, `step \`at ${cx.say(s.at)}\` can never change the payout: the steps below it already reach the cap`, {
          owner,
          labels: [{ span: { start: limit.source.span.start, end: limit.value.span.end }, message: 'the cap' }],
          hint: 'raise the cap, or drop the steps above it; if it is meant, end the step\'s line with `# unreachable: intended`',
        });
        break;
      }
    }
  }
}

/**
 * A floating salary takes the first band its measure falls in, and stays unchanged between bands.
 * A band after an open-ended `from` band (or inside an earlier band) is never reached; moving from
 * one band (or gap) to the next with a smaller adjustment lowers the salary as the measure rises.
 */
function salaryShape(cx: Cx, c: IrSalary): void {
  const owner = c.source.span;
  const lo = c.bands.map((b) => (b.lower ? form(cx, b.lower) : undefined));
  const hi = c.bands.map((b) => (b.upper ? form(cx, b.upper) : undefined));
  /** `a ≤ b` for every input; an absent bound is -∞ (lower) or +∞ (upper). */
  const atMost = (a: Linear | undefined, b: Linear | undefined): boolean => !!a && !!b && signOf(plus(b, a, -1)) === 'never-negative';
  const words = (b: IrSalary['bands'][number]) => `\`${bandLabel(b.source.text).replace(/\s+by\s.*$/, '')}\``;
  const reachable = c.bands.map((b, j) => {
    const covering = c.bands.findIndex((a, i) => i < j && (!a.lower || (!!b.lower && atMost(lo[i], lo[j]))) && (!a.upper || (!!b.upper && atMost(hi[j], hi[i]))));
    if (covering >= 0) {
      cx.warn('L004', { start: b.source.span.start, end: b.by.span.end }, `band ${words(b)} can never be reached: band ${words(c.bands[covering]!)} before it already covers it`, {
        owner,
        labels: [{ span: { start: c.bands[covering]!.source.span.start, end: c.bands[covering]!.by.span.end }, message: 'the salary takes the first band that fits' }],
        hint: 'bands are tried in order: move this band before the one that covers it, or narrow that one',
      });
    }
    return covering < 0;
  });
  // Moving along the measure: into each band at its lower bound (from the band before it when they
  // join, else from the unchanged salary of a gap), and out of it at its upper bound into a gap.
  const live = c.bands.map((b, i) => ({ b, i })).filter(({ i }) => reachable[i]);
  const joins = (a: Linear | undefined, b: Linear | undefined) => !!a && !!b && provablyZero(plus(a, b, -1));
  const moves: { at: IrExpr; from: Linear | undefined; to: Linear | undefined; span: Span }[] = [];
  live.forEach(({ b, i }, n) => {
    const prev = live[n - 1];
    const next = live[n + 1];
    const by = form(cx, b.by);
    if (b.lower && !(prev && joins(hi[prev.i], lo[i]))) moves.push({ at: b.lower, from: lconst(ZERO), to: by, span: b.by.span });
    if (b.lower && prev && joins(hi[prev.i], lo[i])) moves.push({ at: b.lower, from: form(cx, prev.b.by), to: by, span: b.by.span });
    if (b.upper && !(next && joins(hi[i], lo[next.i]))) moves.push({ at: b.upper, from: by, to: lconst(ZERO), span: b.upper.span });
  });
  for (const m of moves) {
    if (!m.from || !m.to) continue;
    const change = plus(m.to, m.from, -1);
    const sign = signOf(change);
    if (sign === 'never-negative') continue;
    const at = cx.say(m.at);
    const notes = isConstant(m.from) && isConstant(m.to) ? [`it moves by ${percentText(m.from.constant)} just below \`${at}\` and by ${percentText(m.to.constant)} from it on`] : [];
    if (sign === 'either') notes.push(`it falls ${whenNegative(change)}`);
    cx.warn('L003', m.span, `the salary ${sign === 'either' ? 'can fall' : 'falls'} as \`${c.measureName}\` rises past \`${at}\``, {
      owner,
      notes,
      hint: 'a higher band should not move the salary less than the band (or gap) below it; if it is meant, end the band\'s line with `# cliff: intended`',
    });
  }
}

// ─── L005: components that can never pay ───────────────────────────────────────────────────────

function neverPays(cx: Cx, c: IrComponent): void {
  const zero = (e: IrExpr): boolean => {
    const f = form(cx, e);
    return !!f && provablyZero(f);
  };
  const say = (reason: string, span: Span, extra: { labels?: Label[] } = {}) =>
    cx.warn('L005', span, `\`${c.name}\` can never pay: ${reason}`, {
      owner: c.source.span,
      // A label under the very span the caret marks says nothing more.
      labels: (extra.labels ?? []).filter((l) => l.span.start !== span.start || l.span.end !== span.end),
      hint: 'if it is kept on purpose, end its line with `# never-pays: intended`',
    });
  switch (c.kind) {
    case 'commission':
      if (c.bands.every((b) => zero(b.pay))) say(c.mode === 'flat' ? 'it pays 0' : 'every band pays 0', c.source.span);
      break;
    case 'bonus': {
      const never = impossible(cx, c.when);
      if (never) say('its condition can never hold', c.when.span, never);
      else if (zero(c.pay)) say('it pays 0', c.pay.span);
      break;
    }
    case 'per_row': {
      const cond: IrExpr | undefined = c.where && c.when ? { kind: 'logic', op: 'and', left: c.where, right: c.when, unit: 'boolean', span: c.when.span } : (c.when ?? c.where);
      const never = cond && impossible(cx, cond);
      if (never) say('no row can meet its condition', c.when?.span ?? c.source.span, never);
      else if (zero(c.pay)) say('it pays 0 on every row', c.pay.span);
      break;
    }
    case 'step_bonus':
      if (c.steps.every((s) => zero(s.pay))) say('every step pays 0', c.source.span);
      break;
    case 'salary':
      if (zero(c.amount)) say('the salary is 0', c.amount.span);
      break;
    case 'pool':
      if (zero(c.amount)) say('the pool is 0', c.amount.span);
      else if (zero(c.weight)) say('every member\'s weight is 0', c.weight.span);
      break;
  }
  for (const limit of cx.ir.limits) {
    if (limit.bound === 'cap' && limit.target === c.name && zero(limit.value)) say('it is capped at 0', limit.source.span);
  }
}

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
function impossible(cx: Cx, e: IrExpr): { labels: Label[] } | undefined {
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
