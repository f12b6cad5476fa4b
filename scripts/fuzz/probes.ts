/**
 * Deep-nesting and size probes: the shapes of `../shared/bad-inputs/make-large.py` and of issue 11's
 * deep-nesting reproducers, each built at a ladder of sizes and run through the `payplan` command
 * in-process. Every probe must end in exit 0 or 1 with coded diagnostics, never an exception, and
 * its time should grow about linearly with its size (the campaign flags a doubling in size that
 * more than triples the time).
 */

export type ProbeCommand = 'check' | 'fmt' | 'run' | 'compile';

export interface ProbeShape {
  readonly name: string;
  readonly command: ProbeCommand;
  /** What it tests, for the report. */
  readonly about: string;
  /** The sizes to try, smallest first; `full` adds the sizes of make-large.py where they are larger. */
  readonly sizes: readonly number[];
  readonly fullSizes?: readonly number[];
  /** The plan and its data files (by file name) at one size. */
  build(size: number): { readonly plan: string; readonly data: Readonly<Record<string, string>> };
}

/** make-large.py's plan head: one per-payee-per-period table of revenue. */
const head = 'plan "probe"\n  currency CNY\n  settle monthly\n  year 2026\n\ntable sales per payee per period\n  revenue money\n\n';
const sales = { 'sales.csv': 'payee,period,revenue\nana,2026-01,1000.00\n' };
const nesting = [10, 100, 1_000, 10_000];
const plan = (body: string) => ({ plan: `${head}${body}\ncommission on revenue pay 1%\n`, data: sales });
const chain = (n: number, term: string, op: string) => Array.from({ length: n }, () => term).join(` ${op} `);

export const probeShapes: readonly ProbeShape[] = [
  { name: 'parens', command: 'run', about: 'nested parentheses in a const', sizes: nesting, build: (n) => plan(`const a = ${'('.repeat(n)}1${')'.repeat(n)}\nbonus when revenue > a pay 1\n`) },
  { name: 'parens-compile', command: 'compile', about: 'nested parentheses, compiled', sizes: nesting, build: (n) => plan(`const a = ${'('.repeat(n)}1${')'.repeat(n)}\nbonus when revenue > a pay 1\n`) },
  { name: 'minus', command: 'run', about: 'prefix minus signs', sizes: nesting, build: (n) => plan(`const a = ${'- '.repeat(n)}1\nbonus when revenue > a pay 1\n`) },
  { name: 'not', command: 'run', about: 'prefix `not`', sizes: nesting, build: (n) => plan(`bonus when ${'not '.repeat(n)}revenue > 1 pay 1\n`) },
  { name: 'and', command: 'run', about: 'an `and` chain of conditions', sizes: nesting, build: (n) => plan(`bonus when ${chain(n, 'revenue > 1', 'and')} pay 1\n`) },
  { name: 'plus', command: 'run', about: 'a `+` chain of terms', sizes: nesting, build: (n) => plan(`let a = ${chain(n, 'revenue', '+')}\nbonus when a > 1 pay 1\n`) },
  {
    name: 'lets',
    command: 'run',
    about: 'lets each defined from the previous one',
    sizes: nesting,
    build: (n) => plan(`let a0 = revenue\n${Array.from({ length: n }, (_, i) => `let a${i + 1} = a${i} + 1\n`).join('')}bonus when a${n} > 1 pay 1\n`),
  },
  { name: 'consts', command: 'check', about: 'unused consts (lint L001)', sizes: [1_000, 2_000, 4_000, 8_000], build: (n) => plan(Array.from({ length: n }, (_, i) => `const c${i} = ${i}\n`).join('')) },
  { name: 'comments', command: 'fmt', about: 'comment lines (fmt)', sizes: [5_000, 10_000, 20_000, 40_000], build: (n) => plan(Array.from({ length: n }, (_, i) => `# note ${i}\n`).join('')) },
  { name: 'long-name', command: 'fmt', about: 'a very long const name (fmt alignment)', sizes: [12_500, 25_000, 50_000, 100_000], build: (n) => plan(`const short = 1\nconst ${'n'.repeat(n)} = 2\n`) },
  {
    name: 'money-cell',
    command: 'run',
    about: 'a money cell of many digits (table output)',
    sizes: [12_500, 25_000, 50_000, 100_000],
    build: (n) => ({ plan: `${head}commission on revenue pay 1%\n`, data: { 'sales.csv': `payee,period,revenue\na,2026-03,${'9'.repeat(n)}\n` } }),
  },
  {
    name: 'bad-cell',
    command: 'run',
    about: 'a huge invalid period cell (message size)',
    sizes: [125_000, 250_000, 500_000, 1_000_000],
    fullSizes: [2_500_000, 5_000_000, 10_000_000],
    build: (n) => ({ plan: `${head}commission on revenue pay 1%\n`, data: { 'sales.csv': `payee,period,revenue\nana,${'9'.repeat(n)},100\n` } }),
  },
  {
    name: 'rows',
    command: 'run',
    about: 'many deal rows',
    sizes: [25_000, 50_000, 100_000, 200_000],
    fullSizes: [1_000_000, 5_000_000],
    build: (n) => ({
      plan: 'plan "rows"\n  currency CNY\n  settle monthly\n  year 2026\n\ntable deals\n  id text key\n  rep payee\n  closed date\n  amount money\n\nbase revenue = sum of amount over deals\ncommission on revenue pay 1%\n',
      data: {
        'deals.csv': `id,rep,closed,amount\n${Array.from({ length: n }, (_, i) => `${i},r${i % 2000},2026-${String(1 + (i % 12)).padStart(2, '0')}-15,${100 + (i % 900)}.${String(i % 100).padStart(2, '0')}\n`).join('')}`,
      },
    }),
  },
];

/** Every (shape, size) pair, in ladder order: probe input `i` of the campaign is `probeList(full)[i]`. */
export function probeList(full: boolean): { readonly shape: ProbeShape; readonly size: number }[] {
  return probeShapes.flatMap((shape) => [...shape.sizes, ...(full ? (shape.fullSizes ?? []) : [])].map((size) => ({ shape, size })));
}
