/**
 * Semantic diff: two versions of a plan and one set of inputs → what a reviewer reads next to the
 * text diff. Both versions run on the same data; the payouts are compared per payee and period
 * (with the components that moved), largest movers first, with totals; and the two plans are
 * compared rule by rule, in plain words (`commission: band T2 .. T pays 6% (was 5%)`).
 *
 * Guarantees: a diff is produced only when both versions check, load and run without errors
 * (otherwise the diagnostics say why, labelled with each version's file name); amounts are exact
 * decimals, never floats; the result is plain data in a stable shape (`PlanDiff`, documented in
 * grammar/tools.md), which `payplan diff --json` prints as is.
 */
import { hasErrors, type Diagnostic, type SourceText, type Span } from '@payplan/diagnostics';
import { Dec, exactMoneyText, type RunResult, type Statement } from '@payplan/runtime';
import { printExpr, printRateKey, type Ast } from '@payplan/syntax';
import { run, type Checked, type Input, type Run } from './pipeline.js';

/** One version of a plan: its text, the name it is shown under, and the inputs it runs on. */
export interface DiffSide {
  readonly text: string;
  /** A path, or a git revision spec such as `HEAD~1:plans/ae.payplan`. */
  readonly file: string;
  readonly inputs: readonly Input[];
}

/** Money before and after, as decimal text; `null` where a version has no such figure. */
export interface AmountChange {
  readonly before: string | null;
  readonly after: string | null;
  /** `after − before`, a missing side counting as zero. */
  readonly change: string;
}

export interface ComponentChange extends AmountChange {
  readonly component: string;
  readonly status: 'changed' | 'added' | 'removed';
}

export interface StatementChange extends AmountChange {
  readonly payee: string;
  readonly period: string;
  readonly status: 'changed' | 'unchanged' | 'added' | 'removed';
  /** The lines whose amount moved (a line only one version has counts as 0.00 in the other). */
  readonly components: readonly ComponentChange[];
}

/** A change to the rules, in words. */
export interface StructuralChange {
  readonly change: 'added' | 'removed' | 'changed' | 'renamed';
  /** What changed: `plan`, `table deals`, `const rp`, `commission`, `cap commission`, … */
  readonly subject: string;
  /** In plain words: `band T2 .. T pays 6% (was 5%)`. */
  readonly text: string;
  /** One-based lines in each version, where the thing exists there. */
  readonly oldLine: number | null;
  readonly newLine: number | null;
}

export interface PlanDiff {
  readonly old: { readonly file: string; readonly plan: string; readonly currency: string };
  readonly new: { readonly file: string; readonly plan: string; readonly currency: string };
  readonly totals: AmountChange;
  readonly counts: { readonly statements: number; readonly changed: number; readonly unchanged: number; readonly added: number; readonly removed: number };
  readonly structural: readonly StructuralChange[];
  /** Sorted by the size of the change, largest first; then by payee and period. */
  readonly statements: readonly StatementChange[];
}

export interface DiffOutcome {
  /** Present when both versions ran. */
  readonly diff?: PlanDiff;
  readonly before: Run;
  readonly after: Run;
  /** Every source a diagnostic may point into, for both versions. */
  readonly sources: ReadonlyMap<string, SourceText>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Runs both versions on their inputs and compares them. Never throws on bad plans or data. */
export function diffPlans(before: DiffSide, after: DiffSide): DiffOutcome {
  const b = run(before.text, before.file, before.inputs);
  const a = run(after.text, after.file, after.inputs);
  const sources = new Map([...b.sources, ...a.sources]);
  const diagnostics = [...b.diagnostics, ...a.diagnostics];
  if (!b.result || !a.result || hasErrors(diagnostics)) return { before: b, after: a, sources, diagnostics };
  const payouts = payoutChanges(b.result, a.result);
  const diff: PlanDiff = {
    old: { file: before.file, plan: b.result.plan, currency: b.result.currency },
    new: { file: after.file, plan: a.result.plan, currency: a.result.currency },
    totals: payouts.totals,
    counts: payouts.counts,
    structural: structuralChanges(b.checked, a.checked),
    statements: payouts.statements,
  };
  return { diff, before: b, after: a, sources, diagnostics };
}

// ─── Payouts ────────────────────────────────────────────────────────────────────────────────────

const ZERO = new Dec(0);
/** Exact: the diff is machine output (`--json`); its text form cuts long decimals for display. */
const money = (d: Dec): string => exactMoneyText(d);
const amount = (s: string | undefined): Dec => (s === undefined ? ZERO : new Dec(s));

/** Statement by statement, and line by line: what moved. */
export function payoutChanges(before: RunResult, after: RunResult): Pick<PlanDiff, 'totals' | 'counts' | 'statements'> {
  const key = (s: Statement) => `${s.payee}\u0000${s.period}`;
  const old = new Map(before.statements.map((s) => [key(s), s]));
  const now = new Map(after.statements.map((s) => [key(s), s]));
  const keys = [...new Set([...old.keys(), ...now.keys()])];
  const statements: StatementChange[] = keys.map((k) => {
    const b = old.get(k);
    const a = now.get(k);
    const s = (a ?? b)!;
    const change = amount(a?.payout).minus(amount(b?.payout));
    const status = !b ? 'added' : !a ? 'removed' : change.isZero() && sameLines(a, b) ? 'unchanged' : 'changed';
    return {
      payee: s.payee,
      period: s.period,
      status,
      before: b ? b.payout : null,
      after: a ? a.payout : null,
      change: money(change),
      components: componentChanges(b, a),
    };
  });
  statements.sort((x, y) => {
    const d = new Dec(y.change).abs().cmp(new Dec(x.change).abs());
    return d || (x.payee < y.payee ? -1 : x.payee > y.payee ? 1 : x.period < y.period ? -1 : x.period > y.period ? 1 : 0);
  });
  const sum = (ss: readonly Statement[]) => ss.reduce((t, s) => t.plus(s.payout), ZERO);
  const totalBefore = sum(before.statements);
  const totalAfter = sum(after.statements);
  const count = (st: StatementChange['status']) => statements.filter((s) => s.status === st).length;
  return {
    totals: { before: money(totalBefore), after: money(totalAfter), change: money(totalAfter.minus(totalBefore)) },
    counts: { statements: statements.length, changed: count('changed'), unchanged: count('unchanged'), added: count('added'), removed: count('removed') },
    statements,
  };
}

const sameLines = (a: Statement, b: Statement): boolean => componentChanges(b, a).length === 0;

function componentChanges(b: Statement | undefined, a: Statement | undefined): ComponentChange[] {
  const names = [...new Set([...(b?.lines ?? []), ...(a?.lines ?? [])].map((l) => l.component))];
  const out: ComponentChange[] = [];
  for (const component of names) {
    const x = b?.lines.find((l) => l.component === component)?.amount;
    const y = a?.lines.find((l) => l.component === component)?.amount;
    const change = amount(y).minus(amount(x));
    // A line that appears or goes at 0.00 changes no figure: it did not move.
    if (change.isZero()) continue;
    out.push({ component, status: x === undefined ? 'added' : y === undefined ? 'removed' : 'changed', before: x ?? null, after: y ?? null, change: money(change) });
  }
  return out;
}

// ─── Rules ──────────────────────────────────────────────────────────────────────────────────────

/** What is compared: a version's syntax tree, its text, and (when it checked) its IR. */
type Version = Pick<Checked, 'ast' | 'source' | 'ir'>;

/**
 * The rules of two versions compared in words. Components are matched by name (a component gone
 * and one new with the same body is a rename); bands by their range, else by position; values,
 * tables, rate-table entries, caps and floors by name. Expressions are compared as written, except
 * that layout, parentheses and digit grouping (`2,000` = `2000`) do not count as changes.
 */
export function structuralChanges(before: Version, after: Version): StructuralChange[] {
  const out: StructuralChange[] = [];
  const lineOf = (v: Version, span: Span | undefined): number | null => (span ? v.source.lineCol(span.start).line : null);
  const push = (change: StructuralChange['change'], subject: string, text: string, old?: Span, now?: Span) =>
    out.push({ change, subject, text, oldLine: lineOf(before, old), newLine: lineOf(after, now) });

  header(before, after, push);
  tables(before, after, push);
  values(before, after, push);
  components(before, after, push);
  limits(before, after, push);
  others(before, after, push);
  return out;
}

type Push = (change: StructuralChange['change'], subject: string, text: string, old?: Span, now?: Span) => void;

/** A canonical form of any piece of syntax: no positions, no parentheses, numbers by value. */
function norm(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(norm);
  if (!x || typeof x !== 'object') return x;
  const o = x as Record<string, unknown>;
  if (o['kind'] === 'Paren') return norm(o['inner']);
  if (o['kind'] === 'NumberLit' || o['kind'] === 'PercentLit') {
    const text = String(o['text']).replace(/,/g, '');
    const currency = o['currency'] as Ast.Ident | undefined;
    return { kind: o['kind'], value: /^[\d.]+$/.test(text) ? new Dec(text).toFixed() : text, currency: currency?.name };
  }
  const r: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (k !== 'span' && k !== 'keyword') r[k] = norm(v);
  return r;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(norm(a)) === JSON.stringify(norm(b));
const ex = (e: Ast.Expr | undefined): string => (e ? printExpr(e) : 'none');

/** A declaration as written, comments dropped, its block's lines joined: `credit deals: to finder 10%; to owner rest`. */
function written(v: Version, span: Span): string {
  let text = v.source.slice(span);
  for (const c of [...v.ast.comments].reverse()) {
    if (c.span.start >= span.start && c.span.end <= span.end) text = text.slice(0, c.span.start - span.start) + text.slice(c.span.end - span.start);
  }
  const lines = text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return lines.length > 1 ? `${lines[0]}: ${lines.slice(1).join('; ')}` : (lines[0] ?? '');
}

/** The first line of a declaration, as written. */
const head = (v: Version, span: Span): string => written(v, span).split(': ')[0] ?? '';

function header(before: Version, after: Version, push: Push): void {
  const [b, a] = [before.ir, after.ir];
  const [hb, ha] = [before.ast.header, after.ast.header];
  if (b && a) {
    if (b.name !== a.name) push('changed', 'plan', `is now named "${a.name}" (was "${b.name}")`, hb?.span, ha?.span);
    if (b.currency !== a.currency) push('changed', 'plan', `pays in ${a.currency} (was ${b.currency})`, hb?.span, ha?.span);
    const settle = (ir: typeof a) => `${ir.settle}${ir.yearToDate ? ', year to date' : ''}`;
    if (settle(b) !== settle(a)) push('changed', 'plan', `settles by ${settle(a)} (was by ${settle(b)})`, hb?.span, ha?.span);
    const rounding = (ir: typeof a) => `${ir.rounding.mode} to ${ir.rounding.step} per ${ir.rounding.point}`;
    if (rounding(b) !== rounding(a)) push('changed', 'plan', `rounds ${rounding(a)} (was ${rounding(b)})`, hb?.span, ha?.span);
    if (b.year !== a.year) push('changed', 'plan', `covers ${a.year ?? 'any year'} (was ${b.year ?? 'any year'})`, hb?.span, ha?.span);
  }
  // Header settings the IR does not carry are compared as written.
  const known = new Set(['Currency', 'Settle', 'Round', 'Year']);
  const items = (v: Version) => new Map((v.ast.header?.items ?? []).filter((i) => !known.has(i.kind)).map((i) => [i.kind, i]));
  const [ib, ia] = [items(before), items(after)];
  for (const [kind, item] of ia) {
    const old = ib.get(kind);
    if (!old) push('added', 'plan', `added (${written(after, item.span)})`, undefined, item.span);
    else if (!same(old, item)) push('changed', 'plan', `${written(after, item.span)} (was ${written(before, old.span)})`, old.span, item.span);
  }
  for (const [kind, item] of ib) if (!ia.has(kind)) push('removed', 'plan', `removed (was ${written(before, item.span)})`, item.span);
}

function byName<T>(items: readonly T[], name: (t: T) => string): Map<string, T> {
  const m = new Map<string, T>();
  for (const t of items) if (!m.has(name(t))) m.set(name(t), t);
  return m;
}

function tables(before: Version, after: Version, push: Push): void {
  const list = (v: Version) => byName(v.ast.decls.filter((d): d is Ast.TableDecl => d.kind === 'Table'), (d) => d.name.name);
  const [b, a] = [list(before), list(after)];
  const line = (d: Ast.TableDecl) => `table ${d.name.name}${d.per.map((p) => ` per ${p.name}`).join('')}${d.by ? ` by ${d.by.name}` : ''}${d.on ? ` on ${d.on.name}` : ''}`;
  const column = (c: Ast.ColumnDecl) => [c.name.name, c.type.name, ...c.modifiers.map((m) => m.name)].join(' ');
  for (const [name, d] of a) {
    const old = b.get(name);
    const subject = `table ${name}`;
    if (!old) {
      push('added', subject, `added (columns ${d.columns.map(column).join(', ')})`, undefined, d.span);
      continue;
    }
    if (line(old) !== line(d)) push('changed', subject, `is now \`${line(d)}\` (was \`${line(old)}\`)`, old.span, d.span);
    const [cb, ca] = [byName(old.columns, (c) => c.name.name), byName(d.columns, (c) => c.name.name)];
    for (const [cn, c] of ca) {
      const oc = cb.get(cn);
      if (!oc) push('added', subject, `column ${column(c)} added`, old.span, c.span);
      else if (column(oc) !== column(c)) push('changed', subject, `column ${column(c)} (was ${column(oc)})`, oc.span, c.span);
    }
    for (const [cn, c] of cb) if (!ca.has(cn)) push('removed', subject, `column ${column(c)} removed`, c.span, d.span);
  }
  for (const [name, d] of b) if (!a.has(name)) push('removed', `table ${name}`, 'removed', d.span);
}

type ValueDecl = Ast.ConstDecl | Ast.LetDecl | Ast.BaseDecl | Ast.RatesDecl;

function values(before: Version, after: Version, push: Push): void {
  const list = (v: Version) =>
    byName(
      v.ast.decls.filter((d): d is ValueDecl => d.kind === 'Const' || d.kind === 'Let' || d.kind === 'Base' || d.kind === 'Rates'),
      (d) => d.name.name,
    );
  const [b, a] = [list(before), list(after)];
  const word = (d: ValueDecl) => (d.kind === 'Rates' ? (d.split ? 'split' : 'rates') : d.kind.toLowerCase());
  const definition = (d: ValueDecl): string => {
    switch (d.kind) {
      case 'Const':
      case 'Let':
        return ex(d.value);
      case 'Base':
        if (d.value.kind === 'Rank') return `rank of ${ex(d.value.value)} over ${d.value.table.name}${d.value.where ? ` where ${ex(d.value.where)}` : ''}`;
        return d.value.kind === 'Sum' ? `sum of ${ex(d.value.value)} over ${d.value.table.name}${d.value.where ? ` where ${ex(d.value.where)}` : ''}` : `count of ${d.value.table.name}${d.value.where ? ` where ${ex(d.value.where)}` : ''}`;
      case 'Rates':
        return `by ${d.keys.map((k) => k.name).join(', ')}: ${[...d.entries.map((e) => `${e.keys.map(printRateKey).join(', ')} ${ex(e.value)}`), ...(d.fallback ? [`else ${ex(d.fallback)}`] : [])].join('; ')}`;
    }
  };
  for (const [name, d] of a) {
    const old = b.get(name);
    const subject = `${word(d)} ${name}`;
    if (!old) push('added', subject, `added (${definition(d)})`, undefined, d.span);
    else if (word(old) !== word(d)) push('changed', subject, `is now a ${word(d)}: ${definition(d)} (was a ${word(old)}: ${definition(old)})`, old.span, d.span);
    else if (d.kind === 'Rates' && old.kind === 'Rates') rateEntries(old, d, subject, push);
    else if (!same({ ...old, name: undefined }, { ...d, name: undefined })) push('changed', subject, `${definition(d)} (was ${definition(old)})`, old.span, d.span);
  }
  for (const [name, d] of b) if (!a.has(name)) push('removed', `${word(d)} ${name}`, `removed (was ${definition(d)})`, d.span);
}

function rateEntries(old: Ast.RatesDecl, d: Ast.RatesDecl, subject: string, push: Push): void {
  const keys = (r: Ast.RatesDecl) => r.keys.map((k) => k.name).join(', ');
  if (keys(old) !== keys(d)) push('changed', subject, `is now keyed by ${keys(d)} (was ${keys(old)})`, old.span, d.span);
  const entryKey = (e: Ast.RateEntry) => JSON.stringify(norm(e.keys));
  const [eb, ea] = [byName(old.entries, entryKey), byName(d.entries, entryKey)];
  const label = (e: Ast.RateEntry) => e.keys.map(printRateKey).join(', ');
  for (const [k, e] of ea) {
    const oe = eb.get(k);
    if (!oe) push('added', subject, `${label(e)} added (${ex(e.value)})`, undefined, e.span);
    else if (!same(oe.value, e.value)) push('changed', subject, `${label(e)} is ${ex(e.value)} (was ${ex(oe.value)})`, oe.span, e.span);
  }
  for (const [k, e] of eb) if (!ea.has(k)) push('removed', subject, `${label(e)} removed (was ${ex(e.value)})`, e.span, d.span);
  if (!same(old.fallback, d.fallback)) push('changed', subject, `else ${ex(d.fallback)} (was ${ex(old.fallback)})`, old.fallback?.span ?? old.span, d.fallback?.span ?? d.span);
}

/** A statement line's rule: a declaration, or a per-row rule inside its `for each`. */
interface Component {
  readonly name: string;
  readonly node: Ast.Decl | Ast.PayRule;
  readonly forEach?: Ast.ForEachDecl;
  readonly span: Span;
}

function componentsOf(v: Version): Component[] {
  const out: Component[] = [];
  for (const d of v.ast.decls) {
    switch (d.kind) {
      case 'Commission':
      case 'Bonus':
      case 'StepBonus':
      case 'Salary':
      case 'Draw': {
        const fallback = { Commission: 'commission', Bonus: 'bonus', StepBonus: 'step_bonus', Salary: 'salary', Draw: 'draw' }[d.kind];
        out.push({ name: d.name?.name ?? fallback, node: d, span: d.span });
        break;
      }
      case 'Pool':
        out.push({ name: d.name.name, node: d, span: d.span });
        break;
      case 'ForEach':
        for (const r of d.rules) if (r.kind === 'PayRule') out.push({ name: r.name.name, node: r, forEach: d, span: r.span });
        break;
      default:
        break;
    }
  }
  return out;
}

/** A component without its name, for spotting renames. */
const body = (c: Component): string =>
  JSON.stringify(norm({ ...c.node, name: undefined, ...(c.forEach && { table: c.forEach.table.name, where: c.forEach.where ?? null }) }));

function components(before: Version, after: Version, push: Push): void {
  const [lb, la] = [componentsOf(before), componentsOf(after)];
  const [b, a] = [byName(lb, (c) => c.name), byName(la, (c) => c.name)];
  const gone = lb.filter((c) => !a.has(c.name));
  const renamed = new Set<Component>();
  for (const c of la) {
    const old = b.get(c.name);
    if (old) {
      ruleChanges(before, after, old, c, push);
      continue;
    }
    const was = gone.find((g) => !renamed.has(g) && g.node.kind === c.node.kind && body(g) === body(c));
    if (was) {
      renamed.add(was);
      push('renamed', c.name, `renamed from ${was.name}`, was.span, c.span);
    } else {
      push('added', c.name, `added (${describe(after, c)})`, undefined, c.span);
    }
  }
  for (const c of gone) if (!renamed.has(c)) push('removed', c.name, `removed (was ${describe(before, c)})`, c.span);
}

const describe = (v: Version, c: Component): string => (c.forEach ? `for each ${c.forEach.row.name} in ${c.forEach.table.name}${c.forEach.where ? ` where ${ex(c.forEach.where)}` : ''}: ${written(v, c.span)}` : written(v, c.span));

/** What changed inside one component that both versions have. */
function ruleChanges(before: Version, after: Version, old: Component, now: Component, push: Push): void {
  const subject = now.name;
  const say = (text: string, o: Span = old.span, n: Span = now.span) => push('changed', subject, text, o, n);
  const [o, n] = [old.node, now.node];
  if (o.kind !== n.kind) {
    say(`is now ${describe(after, now)} (was ${describe(before, old)})`);
    return;
  }
  if (o.kind === 'Commission' && n.kind === 'Commission') {
    if (!same(o.on, n.on)) say(`is now paid on ${ex(n.on)} (was ${ex(o.on)})`);
    const mode = (c: Ast.CommissionDecl) => (c.pay ? 'flat' : (c.mode?.value ?? 'flat'));
    if (mode(o) !== mode(n)) {
      if (mode(o) === 'flat') say(`is now tiered, ${mode(n)} (was a flat ${ex(o.pay)})`);
      else if (mode(n) === 'flat') say(`is now a flat ${ex(n.pay)} (was tiered, ${mode(o)})`);
      else say(`tiers are now ${mode(n)} (were ${mode(o)})`);
    } else if (o.pay && n.pay && !same(o.pay, n.pay)) say(`pays ${ex(n.pay)} (was ${ex(o.pay)})`);
    bands(o.bands.map(bandOf), n.bands.map(bandOf), 'pays', say, push, subject);
    return;
  }
  if (o.kind === 'Salary' && n.kind === 'Salary') {
    if (!same(o.amount, n.amount)) say(`is now ${ex(n.amount)} (was ${ex(o.amount)})`);
    if (!same(o.with, n.with)) say(`floats with ${ex(n.with)} (was ${ex(o.with)})`);
    bands(o.bands.map((b) => ({ range: b.range, value: b.by, span: b.span })), n.bands.map((b) => ({ range: b.range, value: b.by, span: b.span })), 'moves it by', say, push, subject);
    return;
  }
  if (o.kind === 'Bonus' && n.kind === 'Bonus') {
    if (!same(o.when, n.when)) say(`now pays when ${ex(n.when)} (was when ${ex(o.when)})`);
    if (!same(o.pay, n.pay)) say(`pays ${ex(n.pay)} (was ${ex(o.pay)})`);
    return;
  }
  if (o.kind === 'PayRule' && n.kind === 'PayRule') {
    const [fo, fn] = [old.forEach!, now.forEach!];
    if (fo.table.name !== fn.table.name) say(`now goes through ${fn.table.name} (was ${fo.table.name})`);
    if (!same(fo.where, fn.where)) say(`now applies to rows ${fn.where ? `where ${ex(fn.where)}` : 'of every kind'} (was ${fo.where ? `where ${ex(fo.where)}` : 'every row'})`);
    if (!same(o.when, n.when)) say(`now pays ${n.when ? `when ${ex(n.when)}` : 'on every row'} (was ${o.when ? `when ${ex(o.when)}` : 'on every row'})`);
    if (!same(o.pay, n.pay)) say(`pays ${ex(n.pay)} (was ${ex(o.pay)})`);
    return;
  }
  if (o.kind === 'StepBonus' && n.kind === 'StepBonus') {
    if (!same(o.on, n.on)) say(`is now measured on ${ex(n.on)} (was ${ex(o.on)})`);
    const mode = (s: Ast.StepBonusDecl) => (s.mode?.value === 'every' ? 'every step passed' : 'the highest step reached');
    if (o.mode?.value !== n.mode?.value) say(`now pays ${mode(n)} (was ${mode(o)})`);
    const [sb, sa] = [byName(o.steps, (s) => JSON.stringify(norm(s.at))), byName(n.steps, (s) => JSON.stringify(norm(s.at)))];
    const lostSteps = o.steps.filter((s) => !sa.has(JSON.stringify(norm(s.at))));
    const newSteps = n.steps.filter((s) => !sb.has(JSON.stringify(norm(s.at))));
    const paired = lostSteps.length === newSteps.length;
    for (const s of n.steps) {
      const os = sb.get(JSON.stringify(norm(s.at)));
      if (os) {
        if (!same(os.pay, s.pay)) say(`step at ${ex(s.at)} pays ${ex(s.pay)} (was ${ex(os.pay)})`, os.span, s.span);
        continue;
      }
      const was = paired ? lostSteps[newSteps.indexOf(s)] : undefined;
      if (was) {
        say(`step at ${ex(was.at)} is now at ${ex(s.at)}`, was.span, s.span);
        if (!same(was.pay, s.pay)) say(`step at ${ex(s.at)} pays ${ex(s.pay)} (was ${ex(was.pay)})`, was.span, s.span);
      } else push('changed', subject, `step at ${ex(s.at)} added, pays ${ex(s.pay)}`, old.span, s.span);
    }
    if (!paired) for (const s of lostSteps) push('changed', subject, `step at ${ex(s.at)} removed (paid ${ex(s.pay)})`, s.span, now.span);
    return;
  }
  if (o.kind === 'Pool' && n.kind === 'Pool') {
    if (!same(o.amount, n.amount)) say(`pool is now ${ex(n.amount)} (was ${ex(o.amount)})`);
    if (o.team.name !== n.team.name) say(`is now shared over ${n.team.name} (was ${o.team.name})`);
    if (!same(o.weight, n.weight)) say(`members are now weighted by ${ex(n.weight)} (was ${ex(o.weight)})`);
    return;
  }
  if (o.kind === 'Draw' && n.kind === 'Draw') {
    if (!same(o.amount, n.amount)) say(`is now ${ex(n.amount)} (was ${ex(o.amount)})`);
    if (o.mode.value !== n.mode.value) say(`is now ${n.mode.value} (was ${o.mode.value})`);
    return;
  }
  if (!same({ ...o, name: undefined }, { ...n, name: undefined })) say(`is now ${describe(after, now)} (was ${describe(before, old)})`);
}

interface BandLike {
  readonly range: Ast.BandRange;
  /** What the band pays (a commission) or moves the salary by. */
  readonly value: Ast.Expr;
  readonly span: Span;
}

const bandOf = (b: Ast.Band): BandLike => ({ range: b.range, value: b.pay, span: b.span });

function rangeText(r: Ast.BandRange): string {
  switch (r.kind) {
    case 'Below':
      return `below ${ex(r.upper)}`;
    case 'From':
      return `from ${ex(r.lower)}`;
    case 'Between':
      return `${ex(r.lower)} .. ${ex(r.upper)}`;
  }
}

/**
 * Bands are matched by their range; those left over are paired in order when both versions have
 * as many (a threshold moved), and otherwise reported as added and removed.
 */
function bands(old: readonly BandLike[], now: readonly BandLike[], verb: string, say: (text: string, o?: Span, n?: Span) => void, push: Push, subject: string): void {
  const key = (b: BandLike) => JSON.stringify(norm(b.range));
  const [bb, ba] = [byName(old, key), byName(now, key)];
  const lost = old.filter((b) => !ba.has(key(b)));
  const found = now.filter((b) => !bb.has(key(b)));
  const paired = lost.length === found.length;
  for (const b of now) {
    const ob = bb.get(key(b));
    if (ob) {
      if (!same(ob.value, b.value)) say(`band ${rangeText(b.range)} ${verb} ${ex(b.value)} (was ${ex(ob.value)})`, ob.span, b.span);
      continue;
    }
    const was = paired ? lost[found.indexOf(b)] : undefined;
    if (was) {
      say(`band ${rangeText(was.range)} is now ${rangeText(b.range)}`, was.span, b.span);
      if (!same(was.value, b.value)) say(`band ${rangeText(b.range)} ${verb} ${ex(b.value)} (was ${ex(was.value)})`, was.span, b.span);
    } else push('changed', subject, `band ${rangeText(b.range)} added, ${verb} ${ex(b.value)}`, undefined, b.span);
  }
  if (!paired) for (const b of lost) push('changed', subject, `band ${rangeText(b.range)} removed (${verb === 'pays' ? 'paid' : 'moved it by'} ${ex(b.value)})`, b.span, undefined);
}

function limits(before: Version, after: Version, push: Push): void {
  const list = (v: Version) => byName(v.ast.decls.filter((d): d is Ast.CapDecl => d.kind === 'Cap'), (d) => `${d.bound} ${d.target.name}`);
  const [b, a] = [list(before), list(after)];
  for (const [k, d] of a) {
    const old = b.get(k);
    if (!old) push('added', k, `added (at ${ex(d.value)})`, undefined, d.span);
    else if (!same(old.value, d.value)) push('changed', k, `is now at ${ex(d.value)} (was at ${ex(old.value)})`, old.span, d.span);
  }
  for (const [k, d] of b) if (!a.has(k)) push('removed', k, `removed (was at ${ex(d.value)})`, d.span);
}

/**
 * Every other declaration — teams, credit rules, clawbacks, ladders, requirements, and kinds this
 * module does not know in detail — compared as written: teams, credits and clawbacks by what they
 * name, the rest as a set of texts.
 */
function others(before: Version, after: Version, push: Push): void {
  const detailed = new Set(['Table', 'Const', 'Let', 'Base', 'Rates', 'Commission', 'Bonus', 'StepBonus', 'Salary', 'Draw', 'Pool', 'Cap']);
  interface Other {
    readonly subject: string;
    readonly key: string;
    readonly text: string;
    readonly span: Span;
  }
  const list = (v: Version): Other[] => {
    const out: Other[] = [];
    for (const d of v.ast.decls) {
      if (d.kind === 'ForEach') {
        for (const r of d.rules) {
          if (r.kind !== 'Require') continue;
          const text = written(v, r.span);
          out.push({ subject: `require in ${d.table.name}`, key: `require ${d.table.name} ${text}`, text, span: r.span });
        }
        continue;
      }
      if (detailed.has(d.kind)) continue;
      const text = written(v, d.span);
      const named = d.kind === 'Team' ? `team ${d.name.name}` : d.kind === 'Credit' ? `credit ${d.table.name}` : d.kind === 'Clawback' ? `clawback on ${d.table.name}` : undefined;
      out.push({ subject: named ?? head(v, d.span).split(' ')[0] ?? d.kind, key: named ?? `${d.kind} ${text}`, text, span: d.span });
    }
    return out;
  };
  const [b, a] = [byName(list(before), (o) => o.key), byName(list(after), (o) => o.key)];
  for (const [k, o] of a) {
    const old = b.get(k);
    if (!old) push('added', o.subject, `added (${o.text})`, undefined, o.span);
    else if (old.text !== o.text) push('changed', o.subject, `is now ${o.text} (was ${old.text})`, old.span, o.span);
  }
  for (const [k, o] of b) if (!a.has(k)) push('removed', o.subject, `removed (was ${o.text})`, o.span);
}
