/**
 * The printer: a plan's AST and the text it was parsed from → the plan in its one canonical layout.
 * The text is read only to see where the author put comments and blank lines; everything else comes
 * from the AST. Given a plan that parsed without errors, the result parses back to the same AST
 * (spans aside), keeps every comment next to the line it belongs to, ends with one newline, has no
 * trailing whitespace, and is a fixed point: printing it again gives it back unchanged.
 *
 * Layout: the header first, its items indented 2; one blank line between declarations, except
 * that a run of const, let, base or cap/floor declarations stays together (a blank line the author
 * put inside such a run is kept); the lines of a block (columns, bands, steps, rate entries, row
 * rules) indented 2; column types, band `pay`/`by`s, step `pay`s, rate values and the `=` of a
 * const/let/base run aligned; parentheses and number spellings exactly as written.
 * Comments: an end-of-line comment stays at the end of its line (aligned within a paragraph); a
 * comment on its own line stays before the next line, at that line's indentation; an indented
 * comment right after a block (columns, bands, rules) that no blank line separates stays in it.
 */
import type * as A from './ast.js';

// ─── Expressions ────────────────────────────────────────────────────────────────────────────────

const escapes: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t' };

/** A string literal whose escapes `decodeString` reads back to `value`. */
const quote = (value: string): string => `"${value.replace(/[\\"\n\t]/g, (c) => escapes[c] ?? c)}"`;

/**
 * The tree already says how operands group (and `Paren` nodes say where the author wrote
 * parentheses), so printing is a plain walk: no parentheses are added or dropped.
 */
export function printExpr(e: A.Expr): string {
  switch (e.kind) {
    case 'NumberLit':
      return e.currency ? `${e.text} ${e.currency.name}` : e.text;
    case 'PercentLit':
      return `${e.text}%`;
    case 'StringLit':
      return quote(e.value);
    case 'BoolLit':
      return e.value ? 'true' : 'false';
    case 'DateLit':
      return e.text;
    case 'NameRef':
      return e.qualifier ? `${e.qualifier.name}.${e.name.name}` : e.name.name;
    case 'Unary': {
      // `- -3`, not `--3`: two signs read better apart.
      const operand = printExpr(e.operand);
      return /^[-+]/.test(operand) ? `${e.op} ${operand}` : `${e.op}${operand}`;
    }
    case 'Binary':
    case 'Compare':
    case 'Logical':
      return `${printExpr(e.left)} ${e.op} ${printExpr(e.right)}`;
    case 'Of':
      return `${printExpr(e.rate)} of ${printExpr(e.amount)}`;
    case 'Not':
      return `not ${printExpr(e.operand)}`;
    case 'IsSet':
      return `${printExpr(e.operand)} is ${e.negated ? 'not ' : ''}set`;
    case 'Call':
      return `${e.callee.name}(${e.args.map(printExpr).join(', ')})`;
    case 'Paren':
      return `(${printExpr(e.inner)})`;
    case 'If':
      return `if ${printExpr(e.condition)} then ${printExpr(e.then)} else ${printExpr(e.else)}`;
    default:
      return unreachable(e);
  }
}

function unreachable(node: never): never {
  throw new Error(`printer: unknown node ${JSON.stringify(node)}`);
}

// ─── Lines of code ──────────────────────────────────────────────────────────────────────────────

/** A line whose `left` part is padded so the `right` parts of its alignment group line up. */
interface Cells {
  /** Lines with the same key align; a `run` key also stops at a blank line. */
  readonly key: string;
  readonly scope: 'block' | 'run';
  readonly left: string;
  readonly right: string;
  /** Spaces after the widest `left`. */
  readonly gap: number;
}

/** One printed line of code; every such line is exactly one line of the source. */
interface Entry {
  readonly start: number;
  readonly indent: number;
  readonly code: string | Cells;
}

type UnitKind = 'Header' | A.Decl['kind'];

/** The header or one declaration: its first line (the head) and the lines of its block. */
interface Unit {
  readonly kind: UnitKind;
  /** Whether the unit has a block an indented trailing comment may belong to. */
  readonly block: boolean;
  readonly lines: readonly Entry[];
}

/** One-line declarations whose consecutive runs read as one group (no blank line forced between). */
const grouped: ReadonlySet<UnitKind> = new Set(['Const', 'Let', 'Base', 'Cap']);

const line = (start: number, indent: number, code: string | Cells): Entry => ({ start, indent, code });
const opt = (word: string, e: A.Expr | undefined): string => (e ? ` ${word} ${printExpr(e)}` : '');
const optName = (n: A.Ident | undefined): string => (n ? ` ${n.name}` : '');
const optPer = (n: A.Ident | undefined): string => (n ? ` per ${n.name}` : '');

function headerUnit(h: A.PlanHeader): Unit {
  const items = h.items.map((item) => line(item.span.start, 2, headerItem(item)));
  return { kind: 'Header', block: true, lines: [line(h.span.start, 0, `plan ${quote(h.name.value)}`), ...items] };
}

function headerItem(item: A.HeaderItem): string {
  switch (item.kind) {
    case 'Currency':
      return `currency ${item.code.name}`;
    case 'Settle':
      return `settle ${item.frequency.name}${item.anchor ? ` from ${item.anchor.text}` : ''}${item.basis ? ` ${item.basis.name}` : ''}`;
    case 'Round':
      return `round ${item.mode.name} to ${item.step.text}${item.point ? ` per ${item.point.name}` : ''}`;
    case 'Year':
      return `year ${item.year.text}`;
    case 'Effective':
      return `effective ${item.date.text}`;
    case 'FiscalYear':
      return `fiscal_year from ${item.month.name}`;
    default:
      return unreachable(item);
  }
}

function declUnit(d: A.Decl, index: number): Unit {
  const head = (code: string | Cells, block = false, lines: readonly Entry[] = []): Unit => ({
    kind: d.kind,
    block,
    lines: [line(d.span.start, 0, code), ...lines],
  });
  switch (d.kind) {
    case 'Table': {
      const per = d.per.map((p) => ` per ${p.name}`).join('');
      const by = d.by ? ` by ${d.by.name}` : '';
      const on = d.on ? ` on ${d.on.name}` : '';
      const columns = d.columns.map((c) =>
        line(c.span.start, 2, { key: `columns ${index}`, scope: 'block', left: c.name.name, right: [c.type, ...c.modifiers].map((m) => m.name).join(' ') + columnBound(c.bound), gap: 2 }),
      );
      return head(`table ${d.name.name}${per}${by}${on}`, true, columns);
    }
    case 'Const':
    case 'Let':
      return head({ key: d.kind, scope: 'run', left: `${d.kind === 'Const' ? 'const' : 'let'} ${d.name.name}`, right: `= ${printExpr(d.value)}`, gap: 1 });
    case 'Base':
      return head({ key: d.kind, scope: 'run', left: `base ${d.name.name}`, right: `= ${aggregate(d.value)}`, gap: 1 });
    case 'Commission': {
      const tail = d.pay ? ` pay ${printExpr(d.pay)}` : tiersTail(d);
      const bands = d.bands.map((b) => line(b.span.start, 2, { key: `bands ${index}`, scope: 'block', left: range(b.range), right: `pay ${printExpr(b.pay)}`, gap: 2 }));
      return head(`${reported(d)}commission${optName(d.name)}${optPer(d.per)} on ${printExpr(d.on)}${tail}`, d.pay === undefined, bands);
    }
    case 'Bonus':
      return head(`${reported(d)}bonus${optName(d.name)}${optPer(d.per)}${opt('when', d.when)} pay ${printExpr(d.pay)}`);
    case 'ForEach':
      return head(`for each ${d.row.name} in ${d.table.name}${opt('where', d.where)}`, true, d.rules.flatMap((r, i) => rowRuleLines(r, `${index}.${i}`)));
    case 'StepBonus': {
      const steps = d.steps.map((s) => line(s.span.start, 2, { key: `steps ${index}`, scope: 'block', left: `at ${printExpr(s.at)}`, right: `pay ${printExpr(s.pay)}`, gap: 2 }));
      return head(`${reported(d)}step bonus${optName(d.name)}${optPer(d.per)} on ${printExpr(d.on)}${d.mode ? ` ${d.mode.value}` : ''}`, true, steps);
    }
    case 'Salary': {
      const bands = d.bands.map((b) => line(b.span.start, 2, { key: `bands ${index}`, scope: 'block', left: range(b.range), right: `by ${printExpr(b.by)}`, gap: 2 }));
      return head(`${reported(d)}salary${optName(d.name)} of ${printExpr(d.amount)}${d.with ? ` floats with ${printExpr(d.with)}` : ''}`, true, bands);
    }
    case 'Rates': {
      const cells = (left: string, value: A.Expr): Cells => ({ key: `rates ${index}`, scope: 'block', left, right: printExpr(value), gap: 2 });
      const entries = d.entries.map((e) => line(e.span.start, 2, cells(e.keys.map(printRateKey).join(', '), e.value)));
      const fallback = d.fallback ? [line(d.fallback.span.start, 2, cells('else', d.fallback))] : [];
      return head(`${d.split ? 'split' : 'rates'} ${d.name.name} by ${d.keys.map((k) => k.name).join(', ')}`, true, [...entries, ...fallback]);
    }
    case 'Cap':
      return head(`${d.bound} ${d.target.name} at ${printExpr(d.value)}`);
    case 'Credit': {
      const rules = d.rules.map((r) =>
        line(r.span.start, 2, { key: `credit ${index}`, scope: 'block', left: `to ${r.to.name}`, right: `${r.share ? printExpr(r.share) : 'rest'}${opt('when', r.when)}`, gap: 2 }),
      );
      return head(`credit ${d.table.name}`, true, rules);
    }
    case 'Team':
      return head(`team ${d.name.name} by ${d.table.name}.${d.column.name} ${d.depth.name}`);
    case 'Clawback':
      return head(`clawback ${d.row.name} in ${d.table.name} when ${d.column.name} within ${d.days.text} days`);
    case 'Draw':
      return head(`draw${optName(d.name)} of ${printExpr(d.amount)} ${d.mode.value}`);
    case 'Example': {
      const members = [
        ...d.rows.map((r) => ({ at: r.span.start, text: `${r.table.name}: ${r.cells.map((c) => `${c.column.name}=${c.value.raw}`).join(' ')}` })),
        ...d.expects.map((e) => ({ at: e.span.start, text: `expect ${e.payee.raw} ${e.period.raw} ${e.line.name} = ${e.amount.raw}` })),
      ].sort((a, b) => a.at - b.at);
      return head(`example ${quote(d.name.value)}`, true, members.map((m) => line(m.at, 2, m.text)));
    }
    case 'History':
      return head(`history${d.of ? ` of ${d.of.name}` : ''} from ${d.table.name}.${d.column.name}`);
    case 'Active':
      return head(`active from ${d.table.name}.${d.from.name} to ${d.toTable.name}.${d.to.name}`);
    case 'Pool':
      return head(`pool ${d.name.name} of ${printExpr(d.amount)} over ${d.team.name}${d.leader ? ` of ${quote(d.leader.value)}` : ''} by ${printExpr(d.weight)}`);
    case 'Report':
      return head(`report ${d.name.name} = ${printExpr(d.value)}${d.round ? ` round ${d.round.mode.name} to ${d.round.step.text}` : ''}`);
    case 'Group':
      return head(`group ${d.name.name}${d.table && d.column ? ` by ${d.table.name}.${d.column.name}` : ''}`);
    case 'Contest': {
      const places = d.places.map((p) => line(p.span.start, 2, { key: `places ${index}`, scope: 'block', left: `place ${p.place.text}`, right: `pay ${printExpr(p.pay)}`, gap: 2 }));
      return head(`contest ${d.name.name} on ${printExpr(d.measure)} over ${d.group.name}${opt('where', d.where)}`, true, places);
    }
    case 'Allocate':
      return head(`allocate ${d.name.name} of ${printExpr(d.amount)} over ${d.group.name} by ${printExpr(d.weight)}`);
    case 'Ladder':
      return head(`ladder ${d.items.map((item, i) => (i === 0 ? printExpr(item) : `${d.ops[i - 1] ?? '<'} ${printExpr(item)}`)).join(' ')}`);
    default:
      return unreachable(d);
  }
}

/** `report ` before a rule whose line is shown and not paid. */
const reported = (d: { readonly reported?: unknown }): string => (d.reported ? 'report ' : '');

/** ` > 0`, ` <= 100%`: a column's declared range as written. */
function columnBound(b: A.ColumnBound | undefined): string {
  if (!b) return '';
  return ` ${b.op} ${b.negative ? '-' : ''}${b.value.text}${b.value.kind === 'PercentLit' ? '%' : ''}`;
}

function aggregate(a: A.Aggregate): string {
  switch (a.kind) {
    case 'Sum':
      return `sum of ${printExpr(a.value)} over ${a.table.name}${opt('where', a.where)}`;
    case 'Count':
      return `count of ${a.table.name}${opt('where', a.where)}`;
    case 'Rank':
      return `rank of ${printExpr(a.value)} over ${a.table.name}${opt('where', a.where)}`;
    default:
      return unreachable(a);
  }
}

/** ` by markup whole`: the rest of a tiered rule's header. */
function tiersTail(t: A.Tiers): string {
  return `${opt('by', t.by)}${t.mode ? ` ${t.mode.value}` : ''}`;
}

/** A range as written: `below X`, `up to X`, `from X`, `above X`, `A .. B` or `above A up to B`. */
function rangeText(r: A.RangeEnds, lower: string | undefined, upper: string | undefined): string {
  const lowerWord = r.lowerOpen ? 'above' : 'from';
  const upperWord = r.upperClosed ? 'up to' : 'below';
  if (lower === undefined) return `${upperWord} ${upper}`;
  if (upper === undefined) return `${lowerWord} ${lower}`;
  return r.words || r.lowerOpen || r.upperClosed ? `${lowerWord} ${lower} ${upperWord} ${upper}` : `${lower} .. ${upper}`;
}

function range(r: A.BandRange): string {
  return rangeText(r, r.kind === 'Below' ? undefined : printExpr(r.lower), r.kind === 'From' ? undefined : printExpr(r.upper));
}

export function printRateKey(k: A.RateKey): string {
  if (k.kind === 'KeyRange' && k.lower && k.lower === k.upper) return printExpr(k.lower);
  return k.kind === 'KeyRange' ? rangeText(k, k.lower && printExpr(k.lower), k.upper && printExpr(k.upper)) : printExpr(k);
}

/** A row rule's lines: one, or a tiered rule's header and its bands indented below it. */
function rowRuleLines(r: A.RowRule, key: string): Entry[] {
  switch (r.kind) {
    case 'Require':
      return [line(r.span.start, 2, `require ${printExpr(r.condition)} else ${r.exclude ? 'exclude ' : ''}${quote(r.message.value)}`)];
    case 'PayRule':
      return [line(r.span.start, 2, `${r.name.name}${opt('when', r.when)} pay ${printExpr(r.pay)}`)];
    case 'RowLet':
      return [line(r.span.start, 2, `let ${r.row.name}.${r.name.name} = ${printExpr(r.value)}`)];
    case 'RowTiers': {
      const bands = r.bands.map((b) => line(b.span.start, 4, { key: `bands ${key}`, scope: 'block', left: range(b.range), right: `pay ${printExpr(b.pay)}`, gap: 2 }));
      return [line(r.span.start, 2, `${r.name.name} on ${printExpr(r.on)}${tiersTail(r)}`), ...bands];
    }
    default:
      return unreachable(r);
  }
}

// ─── Comments and blank lines ───────────────────────────────────────────────────────────────────

/** A comment on a line of its own; `blank`: the author left a blank line before it. */
interface OwnComment {
  readonly text: string;
  readonly blank: boolean;
  /** Whether it was indented in the source. */
  readonly indented: boolean;
}

/** Where each comment goes, by entry index (entries in print order). */
interface Placement {
  readonly leading: OwnComment[][];
  /** Indented comments that close the entry's block. */
  readonly after: OwnComment[][];
  readonly trailing: (string | undefined)[];
  /** The author left a blank line before the entry. */
  readonly blank: boolean[];
  /** Comments after the last line of code. */
  readonly end: OwnComment[];
}

const lineBreaks = (text: string, from: number, to: number): number => text.slice(from, to).match(/\r\n|\r|\n/g)?.length ?? 0;

/**
 * Whether the comment at `offset` (the first thing on its line) is indented: whether its line starts
 * before it. One character is enough to tell; searching back for the line start (with
 * `lastIndexOf('\r')`, which finds none in a file of `\n`s) made `fmt` quadratic in its comments.
 */
function indentedAt(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  return offset > 0 && before !== 10 && before !== 13;
}

/**
 * Walks entries and comments in source order. A comment on the same line as the entry before it
 * trails that entry; any other comment leads the next entry, unless it is indented, directly
 * follows a block, and the next line starts a new declaration: then it closes the block.
 */
function placeComments(units: readonly Unit[], comments: readonly A.Comment[], text: string): Placement {
  const entries = units.flatMap((u) => u.lines);
  const unitOf = units.flatMap((u) => u.lines.map(() => u));
  const p: Placement = {
    leading: entries.map(() => []),
    after: entries.map(() => []),
    trailing: entries.map(() => undefined),
    blank: entries.map(() => false),
    end: [],
  };
  const bySource = entries.map((_, i) => i).sort((a, b) => entries[a]!.start - entries[b]!.start);
  let prevStart: number | undefined;
  let prevEntry: number | undefined;
  let prevWasEntry = false;
  let pending: OwnComment[] = [];
  const blankBefore = (at: number): boolean => prevStart !== undefined && lineBreaks(text, prevStart, at) >= 2;

  const take = (c: A.Comment): void => {
    const at = c.span.start;
    if (prevWasEntry && prevEntry !== undefined && prevStart !== undefined && lineBreaks(text, prevStart, at) === 0) p.trailing[prevEntry] = c.text;
    else pending.push({ text: c.text, blank: blankBefore(at), indented: indentedAt(text, at) });
    prevStart = at;
    prevWasEntry = false;
  };
  const flush = (next: number | undefined): void => {
    const startsUnit = next === undefined || unitOf[next]!.lines[0] === entries[next];
    if (startsUnit && prevEntry !== undefined && unitOf[prevEntry]!.block) {
      let k = 0;
      while (k < pending.length && pending[k]!.indented && !pending[k]!.blank) k++;
      p.after[prevEntry]!.push(...pending.slice(0, k));
      pending = pending.slice(k);
    }
    // Appended one by one: spreading 100,000 comments into push() overflows the stack.
    const to = next === undefined ? p.end : p.leading[next]!;
    for (const c of pending) to.push(c);
    pending = [];
  };

  let ci = 0;
  for (const i of bySource) {
    const e = entries[i]!;
    while (ci < comments.length && comments[ci]!.span.start < e.start) take(comments[ci++]!);
    flush(i);
    p.blank[i] = blankBefore(e.start);
    prevStart = e.start;
    prevEntry = i;
    prevWasEntry = true;
  }
  while (ci < comments.length) take(comments[ci++]!);
  flush(undefined);
  return p;
}

// ─── Layout ─────────────────────────────────────────────────────────────────────────────────────

interface OutLine {
  readonly indent: number;
  readonly code: string | Cells;
  readonly blank: boolean;
  readonly trailing?: string;
}

/** Puts the lines in print order and decides which get a blank line before them. */
function layout(units: readonly Unit[], p: Placement): OutLine[] {
  const out: OutLine[] = [];
  let index = 0;
  let afterHead = false;
  const push = (indent: number, code: string | Cells, authorBlank: boolean, unitBlank: boolean | undefined, trailing?: string): void => {
    const blank = out.length === 0 ? false : unitBlank !== undefined ? unitBlank : afterHead ? false : authorBlank;
    out.push({ indent, code, blank, ...(trailing !== undefined && { trailing }) });
  };
  units.forEach((u, k) => {
    const prev = units[k - 1];
    u.lines.forEach((e, j) => {
      const i = index++;
      const leading = p.leading[i]!;
      // The first line of a declaration: a blank line before it, unless it continues a group.
      const firstBlank = (authorBlank: boolean): boolean | undefined =>
        j !== 0 ? undefined : prev && grouped.has(u.kind) && prev.kind === u.kind ? authorBlank : true;
      leading.forEach((c, m) => {
        push(e.indent, c.text, c.blank, m === 0 ? firstBlank(c.blank) : undefined);
        afterHead = false;
      });
      push(e.indent, e.code, p.blank[i]!, leading.length === 0 ? firstBlank(p.blank[i]!) : undefined, p.trailing[i]);
      afterHead = j === 0;
      for (const c of p.after[i]!) push(2, c.text, c.blank, undefined);
      if (p.after[i]!.length) afterHead = false;
    });
  });
  for (const c of p.end) {
    push(0, c.text, c.blank, undefined);
    afterHead = false;
  }
  return out;
}

/** Terminal columns a string takes: East Asian wide characters count two, combining marks none. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (/\p{M}|\u200b/u.test(ch)) continue;
    w += wide(cp) ? 2 : 1;
  }
  return w;
}

const wideRanges: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff], [0x20000, 0x3fffd],
];
const wide = (cp: number): boolean => wideRanges.some(([lo, hi]) => cp >= lo && cp <= hi);

/**
 * The widest `left` of a cell that aligns with its group: a longer one (a 100,000-character name)
 * keeps its own gap, so the others are not padded to its width.
 */
const ALIGN_MAX = 40;
/** The widest line of code whose end-of-line comment aligns with those of its paragraph. */
const COMMENT_ALIGN_MAX = 80;

/** Aligns cells, then end-of-line comments (per paragraph: lines not separated by a blank line); lines too wide to align keep a plain gap. */
function render(lines: readonly OutLine[]): string {
  const runs: number[] = [];
  let run = 0;
  for (const l of lines) runs.push(l.blank ? ++run : run);
  const keyOf = (c: Cells, i: number): string => (c.scope === 'run' ? `${c.key} ${runs[i]}` : c.key);
  const widest = new Map<string, number>();
  const lefts = lines.map((l) => (typeof l.code === 'string' ? 0 : displayWidth(l.code.left)));
  lines.forEach((l, i) => {
    const w = lefts[i]!;
    if (typeof l.code !== 'string' && w <= ALIGN_MAX) widest.set(keyOf(l.code, i), Math.max(widest.get(keyOf(l.code, i)) ?? 0, w));
  });
  const code = lines.map((l, i) => {
    const c = l.code;
    const body = typeof c === 'string' ? c : c.left + ' '.repeat(Math.max(0, (widest.get(keyOf(c, i)) ?? 0) - lefts[i]!) + c.gap) + c.right;
    return ' '.repeat(l.indent) + body;
  });
  const widths = code.map(displayWidth);
  const commentAt = new Map<number, number>();
  lines.forEach((l, i) => {
    if (l.trailing !== undefined && widths[i]! <= COMMENT_ALIGN_MAX) commentAt.set(runs[i]!, Math.max(commentAt.get(runs[i]!) ?? 0, widths[i]! + 2));
  });
  const text = lines.flatMap((l, i) => {
    const c = code[i]!;
    const full = l.trailing === undefined ? c : c + ' '.repeat(Math.max(2, (commentAt.get(runs[i]!) ?? 0) - widths[i]!)) + l.trailing;
    return l.blank ? ['', full] : [full];
  });
  return text.length ? `${text.join('\n')}\n` : '';
}

/** Prints a plan that parsed without errors; `text` is the source it was parsed from. */
export function printPlan(plan: A.Plan, text: string): string {
  const units = [...(plan.header ? [headerUnit(plan.header)] : []), ...plan.decls.map(declUnit)];
  return render(layout(units, placeComments(units, plan.comments, text)));
}
