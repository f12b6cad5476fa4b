/**
 * Hover: what a word is (its kind, unit and the line that defines it) and, once the plan has run,
 * its value on the statement the reader has selected. Returns Markdown, which Monaco and LSP
 * clients both render.
 */
import { Dec, percentText, shortText, type Statement } from '@payplan/runtime';
import type { Analysis, PlanSymbol } from './analyze.js';
import { rangeOf, type Range } from './positions.js';
import { resolveAt, type Resolved } from './resolve.js';
import { builtinDocs, columnTypeDocs, functionDocs, grouped, keywordDocs, modifierDocs, settingWords, unitText } from './words.js';

export interface HoverOptions {
  /** The statement in view (a payee in a period): hover then shows values from it. */
  readonly statement?: Statement;
}

export interface Hover {
  /** Markdown paragraphs. */
  readonly contents: readonly string[];
  readonly range: Range;
}

export function hover(a: Analysis, offset: number, options: HoverOptions = {}): Hover | undefined {
  const at = resolveAt(a, offset);
  if (!at) return undefined;
  const contents = describe(a, at.resolved, options.statement);
  if (!contents.length) return undefined;
  const span = { start: at.token.startOffset, end: (at.token.endOffset ?? at.token.startOffset) + 1 };
  return { contents, range: rangeOf(a.source, span) };
}

const kindWords: Record<PlanSymbol['kind'], string> = {
  table: 'table',
  column: 'column',
  const: 'constant',
  let: 'value per payee and period',
  base: 'base (aggregate per payee and period)',
  rates: 'rate table',
  team: 'team (who reports to a payee)',
  group: 'group of payees (those sharing a per-payee value, or every payee; the payee included)',
  component: 'statement line',
  row: 'row variable',
};

const tableKinds: Record<string, string> = { rows: 'transaction table: rows are attributed to a payee and a period', payee: 'one row per payee', payeePeriod: 'one row per payee per period', keyed: 'keyed table: one row per key, read by key where it is used' };

function describe(a: Analysis, r: Resolved, statement: Statement | undefined): string[] {
  const currency = a.ir?.currency;
  switch (r.kind) {
    case 'keyword':
      return [`**${r.word}** · keyword`, ...(keywordDocs[r.word] ? [keywordDocs[r.word]!] : [])];
    case 'columnType':
      return [`**${r.word}** · column type`, columnTypeDocs[r.word] ?? `not a column type: use one of ${Object.keys(columnTypeDocs).join(', ')}`];
    case 'modifier':
      return [`**${r.word}** · column option`, modifierDocs[r.word] ?? 'not a column option: use `key` or `optional`'];
    case 'setting': {
      const words: Record<string, string> = settingWords[r.setting];
      return [`**${r.word}** · ${r.setting === 'point' ? 'rounding point' : r.setting}`, words[r.word] ?? `one of ${Object.keys(words).join(', ')}`];
    }
    case 'function':
      return [`**${r.name}** · function`, functionDocs[r.name] ?? ''];
    case 'excess':
      return ['**excess** · money', 'Inside a band: the part of the base above the band\'s lower bound.'];
    case 'builtin':
      return [`**${r.name}** · built-in name`, builtinDocs[r.name] ?? ''];
    case 'unknown':
      return [`**${r.name}** · not declared in this plan`];
    case 'symbol':
      return describeSymbol(a, r.symbol, statement, currency);
  }
}

function describeSymbol(a: Analysis, s: PlanSymbol, statement: Statement | undefined, currency: string | undefined): string[] {
  const out: string[] = [];
  if (s.kind === 'column') {
    const t = a.symbols.tables.get(s.table ?? '');
    const mods = [s.key && 'key', s.optional && 'optional'].filter(Boolean).join(', ');
    const unit = s.unit ? unitText(s.unit, currency) : undefined;
    const typeWords = unit && unit.startsWith(s.type ?? '') ? unit : `${s.type}${unit ? ` · ${unit}` : ''}`;
    out.push(`**${s.name}** · column of \`${s.table}\` · ${typeWords}${mods ? ` (${mods})` : ''}`);
    if (t?.type === 'rows') out.push('A column of a transaction table: usable inside `sum of … over`, `count of … where` and `for each`.');
  } else if (s.kind === 'table') {
    out.push(`**${s.name}** · table · ${tableKinds[s.type ?? 'rows'] ?? ''}`);
    const cols = a.symbols.columns.get(s.name) ?? [];
    if (cols.length) out.push(`Columns: ${cols.map((c) => `\`${c.name}\` ${c.type}`).join(', ')}`);
  } else if (s.kind === 'row') {
    out.push(`**${s.name}** · row variable · one row of \`${s.table}\``);
  } else if (s.kind === 'component') {
    out.push(`**${s.name}** · ${kindWords.component} · ${s.rule} · ${unitText('money', currency)}`);
  } else {
    out.push(`**${s.name}** · ${kindWords[s.kind]} · ${unitText(s.unit, currency)}`);
  }
  out.push('```payplan\n' + s.declaration + '\n```');
  out.push(`Defined on line ${s.line}${s.doc ? ` — ${s.doc}` : ''}.`);
  const v = statement && valueOf(a, s, statement);
  if (statement && v) out.push(`**${statement.payee} · ${statement.period}:** ${v}`);
  return out;
}

/** The symbol's value on a statement: a shown value, a value a rule used, or a line's amount. */
export function valueOf(a: Analysis, s: PlanSymbol, st: Statement): string | undefined {
  if (s.kind === 'component') {
    const line = st.lines.find((l) => l.component === s.name);
    return line ? `${grouped(shortText(line.amount))} ${st.currency} — ${line.explanation.detail}` : undefined;
  }
  if (s.kind === 'table' || s.kind === 'row') return undefined;
  if (s.kind === 'column' && a.symbols.tables.get(s.table ?? '')?.type === 'rows') return undefined;
  const named = st.values.find((v) => v.name === s.name) ?? st.lines.flatMap((l) => l.explanation.values).find((v) => v.name === s.name);
  if (named) return `${grouped(shortText(named.value))}${named.unit === 'percent' || named.value.endsWith('%') ? '' : ` ${named.unit}`}`.trim();
  if (s.kind === 'const') {
    const c = a.ir?.consts.find((x) => x.name === s.name);
    if (c?.value.kind === 'num') return c.unit === 'ratio' ? percentText(new Dec(c.value.value)) : grouped(c.value.value);
  }
  return undefined;
}
