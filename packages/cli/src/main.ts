/**
 * The `payplan` command line: a thin shell over @payplan/core. Each command lives in commands/;
 * this file parses arguments and dispatches. Diagnostics print with file:line:col, the source line
 * and a caret. Exit codes: 0 all well, 1 errors in the plan or data, 2 a usage mistake.
 */
import { parseArgs } from 'node:util';
import { commands } from './commands/index.js';
import type { Io } from './io.js';

export type { Io } from './io.js';

/** Every option any command takes; each command reads the ones it knows. */
const options = {
  data: { type: 'string', multiple: true, short: 'd' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  payee: { type: 'string' },
  period: { type: 'string' },
  strict: { type: 'boolean' },
  color: { type: 'boolean' },
  check: { type: 'boolean' },
  write: { type: 'boolean' },
  out: { type: 'string', short: 'o' },
  js: { type: 'boolean' },
  'max-rows': { type: 'string' },
} as const;

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  ${c.usage}`);
  return `payplan — sales compensation plans as code

Commands:
${lines.join('\n')}

Data: --data deals=deals.csv names the file for a table; a table without --data is read from
<table>.csv (or .json) beside the plan.
Exit codes: 0 all well, 1 errors in the plan or data, 2 a usage mistake.
`;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' || name === '--help' || name === '-h') return (io.stdout.write(usage()), 0);
  const command = name ? commands[name] : undefined;
  if (!command) {
    io.stderr.write(`${name ? `payplan: unknown command "${name}"\n\n` : ''}${usage()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], allowPositionals: true, options });
  } catch (err) {
    io.stderr.write(`payplan ${name}: ${(err as Error).message}\nusage: ${command.usage}\n`);
    return 2;
  }
  return command.run(parsed, io);
}
