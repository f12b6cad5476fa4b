/** How statements are printed: a readable table, CSV, JSON, or one statement's full explanation. */
import { Dec, grouped, moneyText, shortText, type Explanation, type RunResult, type Statement, type StatementLine } from '@payplan/runtime';

/** What the table and CSV outputs read of a run: statements' figures, not their explanations (a streamed run has none). */
export interface Shown {
  readonly plan: string;
  readonly currency: string;
  readonly statements: readonly (Pick<Statement, 'payee' | 'period' | 'payout' | 'exceptions'> & { readonly lines: readonly Pick<StatementLine, 'component' | 'amount'>[]; readonly reported?: Statement['reported']; readonly currency?: string })[];
  readonly unpaidPools?: RunResult['unpaidPools'];
}
type ShownStatement = Shown['statements'][number];
import { renderTable } from './table.js';

/**
 * One row per payee and period, one column per component, then the payout; exceptions listed below.
 * `places`: the decimals the plan's rounding step shows (0.01 → 2), so even a total of no
 * statement reads as an amount of the currency: "0.00".
 */
export function statementsTable(result: Shown, places: number): string {
  const components = componentNames(result.statements);
  // Reported values come after the payout, so no one adds them into it.
  const reported = reportedNames(result.statements);
  const header = ['payee', 'period', ...components, `payout (${result.currency})`, ...reported.map((r) => `${r} (reported)`)];
  const rows = result.statements.map((s) => [s.payee, s.period, ...components.map((c) => amountOf(s, c)), grouped(s.payout), ...reported.map((r) => reportedOf(s, r))]);
  const out = [`${result.plan}`, '', renderTable(header, rows)];
  const exceptions = result.statements.flatMap((s) => s.exceptions.map((e) => ({ s, e })));
  if (exceptions.length) {
    out.push('', 'Exceptions:');
    for (const { s, e } of exceptions) {
      out.push(`  ${s.payee} ${s.period}: ${e.table} row ${e.row}${e.key !== undefined ? ` (${e.key})` : ''}: ${e.message} [${e.action}; plan line ${e.source.line}]`);
    }
  }
  const unpaid = unpaidPoolLines(result);
  if (unpaid.length) out.push('', 'Pools paid to nobody:', ...unpaid.map((l) => `  ${l}`));
  const nobody = unpaid.length ? `; ${unpaid.length} pool${unpaid.length === 1 ? '' : 's'} paid to nobody` : '';
  out.push('', `${result.statements.length} statement${result.statements.length === 1 ? '' : 's'}; total payout ${grouped(total(result, places))} ${result.currency}${nobody}`);
  return out.join('\n') + '\n';
}

/** One line per pool computed for a leader whose team received none of it (`RunResult.unpaidPools`). */
export function unpaidPoolLines(result: Pick<RunResult, 'unpaidPools' | 'currency'>): string[] {
  return (result.unpaidPools ?? []).map(
    (p) => `${p.pool} of ${p.leader}, ${p.period}: ${grouped(shortText(p.amount))} ${result.currency} not paid: ${p.reason === 'no members' ? `${p.leader} has no members` : `the members' weights add up to 0`} [plan line ${p.source.line}]`,
  );
}

/**
 * One row per payee and period. A text cell a spreadsheet would run as a formula (it starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return: a payee id such as `=HYPERLINK(…)`) is written
 * with a leading `'` and quoted, as OWASP recommends against CSV injection; amounts stay plain
 * numbers, so `-12.50` is still a number.
 */
export function statementsCsv(result: Shown): string {
  const components = componentNames(result.statements);
  const reported = reportedNames(result.statements);
  const lines = [['payee', 'period', ...components, 'payout', 'exceptions', ...reported.map((r) => `${r} (reported)`)].map(csvText).join(',')];
  for (const s of result.statements) {
    const amounts = [...components.map((c) => s.lines.find((l) => l.component === c)?.amount ?? zeroOf(s)), s.payout, String(s.exceptions.length), ...reported.map((r) => s.reported?.find((x) => x.name === r)?.value ?? '')];
    lines.push([csvText(s.payee), csvText(s.period), ...amounts.map(csvField)].join(','));
  }
  return lines.join('\n') + '\n';
}

/** A CSV field, quoted when it holds a delimiter, quote or line break. */
const csvField = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A text field a spreadsheet cannot take for a formula. */
export const csvText = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `"'${v.replace(/"/g, '""')}"` : csvField(v));

/** A statement with every line's rule, source line, figures and input rows: what a rep disputes. */
export function explainStatement(s: Statement, planName: string): string {
  const out: string[] = [`${planName}: ${s.payee}, ${s.period}`, ''];
  for (const l of s.lines) {
    const e = l.explanation;
    const exact = new Dec(l.exact);
    out.push(`${l.component}: ${grouped(shortText(l.amount))} ${s.currency}${exact.eq(new Dec(l.amount)) ? '' : ` (exact ${moneyText(exact)})`}`);
    out.push(...explanationLines(e), '');
  }
  for (const r of s.reported ?? []) {
    out.push(`${r.name} (reported, not paid): ${r.unit === s.currency ? `${shortText(r.value)} ${r.unit}` : shortText(r.value)}`);
    out.push(...explanationLines(r.explanation), '');
  }
  if (s.exceptions.length) {
    out.push('exceptions:');
    for (const e of s.exceptions) out.push(`  ${e.table} row ${e.row}${e.key !== undefined ? ` (${e.key})` : ''}: ${e.message} [${e.action}] (${e.source.file}:${e.source.line})`);
    out.push('');
  }
  if (s.values.length) out.push(`values: ${s.values.map((v) => `${v.name} = ${shortText(v.value)}`).join(', ')}`, '');
  out.push(`payout: ${grouped(s.payout)} ${s.currency}`);
  return out.join('\n') + '\n';
}

/** An explanation's rule, working, values and rows, indented under its line. */
function explanationLines(e: Explanation): string[] {
  const out = [`  rule    ${e.rule}   (${e.source.file}:${e.source.line}:${e.source.column})`, `  how     ${e.detail}`];
  if (e.values.length) out.push(`  using   ${e.values.map((v) => `${v.name} = ${shortText(v.value)}`).join(', ')}`);
  if (e.rows.length) {
    out.push(`  rows    ${e.rows.length} from ${[...new Set(e.rows.map((r) => r.table))].join(', ')}:`);
    for (const r of e.rows.slice(0, 20)) out.push(`          ${r.table} row ${r.row}${r.key !== undefined ? ` (${r.key})` : ''}${r.amount !== undefined ? `: ${shortText(r.amount)}` : ''}${r.share !== undefined ? `, ${r.share} credited by \`${r.credit}\`` : ''}`);
    if (e.rows.length > 20) out.push(`          … and ${e.rows.length - 20} more`);
  }
  return out;
}

function reportedNames(statements: readonly ShownStatement[]): string[] {
  const names: string[] = [];
  for (const s of statements) for (const r of s.reported ?? []) if (!names.includes(r.name)) names.push(r.name);
  return names;
}

/** A reported value as the table shows it: money grouped, a percentage as it reads. */
function reportedOf(s: ShownStatement, name: string): string {
  const r = s.reported?.find((x) => x.name === name);
  return r ? (r.unit === s.currency ? grouped(r.value) : r.value) : '';
}

function componentNames(statements: readonly ShownStatement[]): string[] {
  const names: string[] = [];
  for (const s of statements) for (const l of s.lines) if (!names.includes(l.component)) names.push(l.component);
  return names;
}

/** A line's amount; a line the statement does not have (a clawback lands in one period only) pays nothing. */
function amountOf(s: ShownStatement, component: string): string {
  const l = s.lines.find((x) => x.component === component);
  return l ? grouped(shortText(l.amount)) : zeroOf(s);
}

/** Zero with the statement's decimals: 0.00 when it pays to the cent. */
function zeroOf(s: ShownStatement): string {
  const places = s.payout.split('.')[1]?.length ?? 0;
  return places ? `0.${'0'.repeat(places)}` : '0';
}

/** The sum of the payouts as exact decimal text, at least at `places` decimals. */
function total(result: Shown, places: number): string {
  // Sum as exact decimal text without floating point: payouts share one scale.
  let cents = 0n;
  let scale = places;
  for (const s of result.statements) scale = Math.max(scale, (s.payout.split('.')[1] ?? '').length);
  for (const s of result.statements) {
    const [i = '', f = ''] = s.payout.split('.');
    const neg = i.startsWith('-');
    const v = BigInt(i.replace('-', '') + f.padEnd(scale, '0'));
    cents += neg ? -v : v;
  }
  const neg = cents < 0n;
  const digits = (neg ? -cents : cents).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits}`;
}
