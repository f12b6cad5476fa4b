/**
 * Completion: the keywords the grammar accepts at the position (asked of the parser itself, via
 * Chevrotain's content assist on the tokens of the current rule), the names in scope where the
 * grammar expects a name, and the closed word lists of particular slots — column types after a
 * column name, settlement frequencies after `settle`, tables after `over`.
 */
import { Identifier, K, nestingProblem, Newline, planParser } from '@payplan/syntax';
import type { TokenType } from 'chevrotain';
import type { Analysis, PlanSymbol } from './analyze.js';
import { isQuiet } from './analyze.js';
import { contextAt, isKeyword, keywordOf, topLevelTokens, type Context } from './context.js';
import { rangeOf, type Range } from './positions.js';
import { builtinDocs, columnTypeDocs, functionDocs, keywordDocs, modifierDocs, settingWords, unitText } from './words.js';

export type CompletionKind = 'keyword' | 'value' | 'column' | 'table' | 'type' | 'function' | 'variable' | 'component' | 'setting';

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  /** A short description shown beside the label: `base · money (CNY)`. */
  readonly detail: string;
  readonly documentation?: string;
  readonly insertText: string;
  /** Orders the list: names before keywords where a name is expected. */
  readonly sortText: string;
}

export interface Completions {
  readonly items: readonly CompletionItem[];
  /** The word being completed (replaced by the chosen item). */
  readonly range: Range;
}

export function complete(a: Analysis, offset: number): Completions {
  const cx = contextAt(a, offset);
  const range = rangeOf(a.source, { start: cx.wordStart, end: offset });
  if (isQuiet(a, offset)) return { items: [], range };
  const items = new Map<string, CompletionItem>();
  const add = (item: CompletionItem) => {
    if (!items.has(item.label)) items.set(item.label, item);
  };
  for (const item of slotItems(a, cx) ?? generalItems(a, cx)) add(item);
  return { items: [...items.values()].sort((x, y) => (x.sortText < y.sortText ? -1 : x.sortText > y.sortText ? 1 : 0)), range };
}

const keywordItem = (word: string, rank = 5): CompletionItem => ({
  label: word,
  kind: 'keyword',
  detail: 'keyword',
  ...(keywordDocs[word] && { documentation: keywordDocs[word] }),
  insertText: word,
  sortText: `${rank}${word}`,
});

const wordItems = (words: Readonly<Record<string, string>>, kind: CompletionKind, detail: string): CompletionItem[] =>
  Object.entries(words).map(([w, doc]) => ({ label: w, kind, detail, documentation: doc, insertText: w, sortText: `1${w}` }));

/** Slots with a closed list of words (or none): decided by the token before the word. */
function slotItems(a: Analysis, cx: Context): CompletionItem[] | undefined {
  const prev = cx.lineBefore[cx.lineBefore.length - 1];
  const prevType = prev?.tokenType;
  if (cx.qualifier !== undefined) return qualified(a, cx, cx.qualifier);
  const tables = tableSlot(cx.lineBefore[0]?.tokenType, prevType);
  if (tables) return tablesOf(a, tables);
  switch (cx.kind) {
    case 'header':
      if (prevType === K.currency) return wordItems(settingWords.currency, 'setting', 'currency');
      if (prevType === K.settle) return wordItems(settingWords.settle, 'setting', 'settlement frequency');
      if (prevType === K.round) return wordItems(settingWords.round, 'setting', 'rounding mode');
      if (prevType === K.per) return wordItems(settingWords.point, 'setting', 'rounding point');
      break;
    case 'table': {
      if (cx.onHeaderLine) {
        if (prevType === K.table) return [];
        if (prevType === K.per) return wordItems(settingWords.per, 'setting', 'table kind');
        if (prevType === K.by || prevType === K.on) {
          const want = prevType === K.by ? 'payee' : 'date';
          const table = cx.chunk[1]?.image ?? '';
          return (a.symbols.columns.get(table) ?? []).filter((c) => c.type === want).map((c) => symbolItem(a, c, 1));
        }
        break;
      }
      if (cx.atLineStart) return undefined; // a new column name, or a new rule
      if (cx.lineBefore.length === 1) return wordItems(columnTypeDocs, 'type', 'column type');
      return wordItems(modifierDocs, 'keyword', 'column option');
    }
    case 'base':
      if (prevType === K.over || (prevType === K.of && cx.lineBefore[cx.lineBefore.length - 2]?.tokenType === K.count)) return tablesOf(a, 'rows');
      if (prevType === K.base) return [];
      break;
    case 'forEach':
      if (cx.onHeaderLine && prevType === K.in) return tablesOf(a, 'rows');
      if (cx.onHeaderLine && prevType === K.each) return [];
      break;
    case 'const':
    case 'let':
      if (prevType === K.const || prevType === K.let) return [];
      break;
    case 'cap':
      if (cx.lineBefore.length === 1) return [...a.symbols.components.map((c) => symbolItem(a, c, 1)), builtinItem('payout')];
      break;
    default:
      break;
  }
  return undefined;
}

/**
 * Lines whose next word is a table: `history from …`, `active from … to …` (tables per payee),
 * `team … by …` (any table holding a hierarchy), `credit …` and `clawback … in …` (transaction tables).
 */
function tableSlot(first: TokenType | undefined, prev: TokenType | undefined): 'rows' | 'perPayee' | 'any' | undefined {
  if ((first === K.history || first === K.active) && (prev === K.from || prev === K.to)) return 'perPayee';
  if (first === K.team && prev === K.by) return 'any';
  if (first === K.group && prev === K.by) return 'perPayee';
  if ((first === K.credit && prev === K.credit) || (first === K.clawback && prev === K.in)) return 'rows';
  return undefined;
}

/** `deal.` / `quotas.`: the columns of that row or table. */
function qualified(a: Analysis, cx: Context, q: string): CompletionItem[] {
  const table = cx.row && (q === cx.row.variable || q === cx.row.table) ? cx.row.table : q;
  return (a.symbols.columns.get(table) ?? []).map((c) => symbolItem(a, c, 1));
}

/** The plan's tables of one kind, as completion items. */
function tablesOf(a: Analysis, which: 'rows' | 'perPayee' | 'any'): CompletionItem[] {
  const wanted = (type: string | undefined) => (which === 'rows' ? type === 'rows' : which === 'perPayee' ? type !== 'rows' : true);
  return [...a.symbols.tables.values()].filter((t) => wanted(t.type)).map((t) => symbolItem(a, t, 1));
}

/** Keywords the parser accepts next, plus names where it accepts a name. */
function generalItems(a: Analysis, cx: Context): CompletionItem[] {
  const out: CompletionItem[] = [];
  const next = nextTokens(cx);
  const declaring = isDeclaringSlot(cx);
  let wantsName = false;
  for (const t of next) {
    if (t === Identifier) wantsName = true;
    else if (isKeyword(t)) {
      const word = keywordOf(t);
      if (word) out.push(keywordItem(word, wantsExpression(next) ? 6 : 3));
    }
  }
  if (cx.atLineStart) {
    for (const t of topLevelTokens()) {
      const word = keywordOf(t);
      if (!word || (word === 'plan' && a.checked.ast.header)) continue;
      out.push(keywordItem(word, 4));
    }
  }
  if (wantsName && !declaring) out.push(...namesInScope(a, cx));
  return out;
}

function nextTokens(cx: Context): Set<TokenType> {
  const out = new Set<TokenType>();
  if (!cx.before.length) return out;
  const rule = cx.before[0]!.tokenType === K.plan ? 'planHeader' : 'declaration';
  // Content assist walks the grammar as deep as the text nests: past the limits (an error, P006) it is not asked.
  if (!nestingProblem(cx.before)) {
    try {
      for (const p of planParser().computeContentAssist(rule, [...cx.before])) out.add(p.nextTokenType);
    } catch {
      // Content assist gives up on some broken prefixes; the caller still offers names and top-level keywords.
    }
  }
  // After a finished line the grammar may allow nothing more in this chunk; names still make sense mid-line.
  if (out.size === 0 && cx.before[cx.before.length - 1]?.tokenType !== Newline) out.add(Identifier);
  return out;
}

/** The grammar expects an expression when literals are among the next tokens. */
const wantsExpression = (next: Set<TokenType>): boolean => [...next].some((t) => t.name === 'NumberLit' || t.name === 'PercentLit');

/** Where the grammar's `Identifier` is a new name, not a reference. */
function isDeclaringSlot(cx: Context): boolean {
  const prev = cx.lineBefore[cx.lineBefore.length - 1]?.tokenType;
  const naming = [K.const, K.let, K.base, K.table, K.each, K.commission, K.bonus];
  for (const w of ['rates', 'salary']) {
    const t = (K as Partial<Record<string, TokenType>>)[w];
    if (t) naming.push(t);
  }
  if (prev && naming.includes(prev)) return true;
  // A rule line in `for each`, or a column line in a table, starts with a new name.
  if ((cx.kind === 'forEach' || cx.kind === 'table') && !cx.onHeaderLine && cx.atLineStart) return true;
  return false;
}

const builtinItem = (name: string): CompletionItem => ({ label: name, kind: 'variable', detail: 'built in', documentation: builtinDocs[name] ?? '', insertText: name, sortText: `3${name}` });

function symbolItem(a: Analysis, s: PlanSymbol, rank: number): CompletionItem {
  const currency = a.ir?.currency;
  const kind: CompletionKind = s.kind === 'column' ? 'column' : s.kind === 'table' ? 'table' : s.kind === 'component' ? 'component' : s.kind === 'row' ? 'variable' : 'value';
  const detail =
    s.kind === 'column'
      ? `${s.table} column · ${s.type}`
      : s.kind === 'table'
        ? `table${s.type === 'rows' ? ' of transactions' : s.type === 'payee' ? ' per payee' : ' per payee per period'}`
        : s.kind === 'row'
          ? `row of ${s.table}`
          : `${s.kind === 'component' ? s.rule : s.kind} · ${unitText(s.unit, currency)}`;
  return { label: s.name, kind, detail, documentation: `\`${s.declaration}\` (line ${s.line})`, insertText: s.name, sortText: `${rank}${s.name}` };
}

/** Names an expression at this position can use, in the checker's lookup order. */
function namesInScope(a: Analysis, cx: Context): CompletionItem[] {
  const s = a.symbols;
  const out: CompletionItem[] = [];
  if (cx.row) {
    for (const c of s.columns.get(cx.row.table) ?? []) out.push(symbolItem(a, c, 0));
    const v = s.rows.find((r) => r.name === cx.row!.variable);
    if (v) out.push(symbolItem(a, v, 1));
  }
  if (cx.band) out.push({ label: 'excess', kind: 'variable', detail: unitText('money', a.ir?.currency), documentation: 'The part of the base above the band\'s lower bound.', insertText: 'excess', sortText: '0excess' });
  for (const v of s.values.values()) {
    if (cx.kind === 'const' && v.kind !== 'const') continue;
    out.push(symbolItem(a, v, 1));
  }
  if (cx.kind !== 'const') {
    for (const [table, cols] of s.columns) {
      if (s.tables.get(table)?.type === 'rows') continue;
      for (const c of cols) out.push(symbolItem(a, c, 2));
    }
  }
  if (cx.kind !== 'const') {
    const active = a.checked.ast.decls.some((d) => d.kind === 'Active');
    for (const name of ['payee', 'quarter', 'month', 'half', 'period_start', 'period_end', ...(active ? ['active_share', 'active_year_share'] : [])]) out.push(builtinItem(name));
  }
  for (const [name, doc] of Object.entries(functionDocs)) out.push({ label: name, kind: 'function', detail: 'function', documentation: doc, insertText: name, sortText: `7${name}` });
  return out;
}
