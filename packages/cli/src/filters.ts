/**
 * `--payee` and `--period` of `run` and `explain`. A value that no statement of the run has is a
 * usage mistake, not an empty answer (`--period Q1` for `2026-Q1` used to print an empty table and
 * exit 0): the message lists the payees or periods there are, shortened when there are many, with a
 * "did you mean".
 */
import { didYouMean } from '@payplan/checker';
import { listWords, plainOrQuoted, quoted, type Statement } from '@payplan/runtime';

export interface Filters {
  readonly payee: string | undefined;
  readonly period: string | undefined;
}

/** How many payees or periods a message lists before "and N more". */
const LISTED = 12;

/** The statements the filters select, or why they select none: one line per option. */
export function selectStatements<S extends Pick<Statement, 'payee' | 'period'>>(filters: Filters, statements: readonly S[]): { statements: S[] } | { problems: string[] } {
  const { payee, period } = filters;
  const selected = statements.filter((s) => (payee === undefined || s.payee === payee) && (period === undefined || s.period === period));
  if (selected.length || (payee === undefined && period === undefined)) return { statements: selected };
  const problems: string[] = [];
  if (payee !== undefined) problems.push(...unknown('--payee', 'payees', payee, distinct(statements.map((s) => s.payee))));
  if (period !== undefined) problems.push(...unknown('--period', 'periods', period, distinct(statements.map((s) => s.period)), periodGuess(period)));
  if (problems.length) return { problems };
  const periods = statements.filter((s) => s.payee === payee).map((s) => s.period);
  return { problems: [`payee ${quoted(payee ?? '')} has no statement for ${period ?? ''}; their statements are for ${shortList(periods)}`] };
}

function unknown(option: string, what: string, given: string, known: readonly string[], guess?: (known: readonly string[]) => string | undefined): string[] {
  if (known.includes(given)) return [];
  if (!known.length) return [`${option} ${quoted(given)} matches no statement: this run has no statements`];
  const suggestion = guess?.(known) ?? didYouMean(given, known).hint;
  return [`${option} ${quoted(given)} matches no statement${suggestion ? ` (${suggestion})` : ''}; the ${what} of this run are ${shortList(known)}`];
}

/** `Q1` for `2026-Q1`, `03` for `2026-03`, `q1` for `2026-Q1`: the label that ends with what was given. */
const periodGuess =
  (given: string) =>
  (known: readonly string[]): string | undefined => {
    const tail = given.trim().toUpperCase();
    const match = tail === '' ? undefined : known.find((k) => k.toUpperCase() === tail || k.toUpperCase().endsWith(`-${tail}`));
    return match === undefined ? undefined : `did you mean \`${match}\`?`;
  };

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** `a, b and c`, or the first few and "and 1,990 more", each value quoted when it is long or odd. */
function shortList(values: readonly string[]): string {
  const shown = values.slice(0, LISTED).map(plainOrQuoted);
  const rest = values.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest.toLocaleString('en-US')} more` : listWords(shown);
}
