/**
 * Every option of the `payplan` commands, and which command takes which. Commander parses them, so
 * an unknown option gets a "did you mean", a conflicting pair (`--json --csv`) is refused, and each
 * command's `--help` lists exactly what it takes. A bad value is refused here, before a command runs,
 * so every usage mistake exits 2.
 */
import { InvalidArgumentError, Option } from 'commander';

/** `--data deals=deals.csv`, collected into a list; anything without `table=file` is a usage mistake. */
function dataPair(value: string, previous: string[] | undefined): string[] {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) throw new InvalidArgumentError(`--data takes table=file, such as --data deals=deals.csv (got "${value}")`);
  return [...(previous ?? []), value];
}

/** How each option is written and explained; the key is the name commands read in `args.values`. */
const definitions = {
  data: () => new Option('-d, --data <table=file>', 'the file for a table (repeatable); other tables are read from <table>.csv or .json beside the plan').argParser(dataPair),
  json: () => new Option('--json', 'print JSON').conflicts('csv'),
  csv: () => new Option('--csv', 'print CSV').conflicts('json'),
  payee: () => new Option('--payee <id>', 'only this payee'),
  period: () => new Option('--period <period>', 'only this period, such as 2026-Q1'),
  strict: () => new Option('--strict', 'treat warnings as errors (for CI)'),
  color: () => new Option('--color', 'color the diagnostics'),
  check: () => new Option('--check', 'list the files not yet formatted; exit 1 if any').conflicts('write'),
  write: () => new Option('--write', 'rewrite the files in place').conflicts('check'),
  out: () => new Option('-o, --out <file>', 'write the module to this file'),
  js: () => new Option('--js', 'write JavaScript and a .d.ts (default: TypeScript)'),
  'max-rows': () => new Option('--max-rows <n>', 'the most rows one data file may have'),
  stdio: () => new Option('--stdio', 'talk over standard input and output (the default, and the only transport)'),
} as const;

export type OptionName = keyof typeof definitions;

/** The options each command takes, by command name. A command not listed takes none. */
export const commandOptions: Readonly<Record<string, readonly OptionName[]>> = {
  check: ['strict', 'color'],
  compile: ['out', 'js', 'color'],
  run: ['data', 'json', 'csv', 'payee', 'period', 'max-rows', 'color'],
  explain: ['data', 'json', 'payee', 'period', 'max-rows', 'color'],
  fmt: ['check', 'write', 'color'],
  diff: ['data', 'json', 'color'],
  lsp: ['stdio'],
};

export const optionFor = (name: OptionName): Option => definitions[name]();
