/**
 * The `payplan` command line: a thin shell over @payplan/core. Each command lives in commands/;
 * this file parses arguments (with commander: `--help` on every command, `--version`, "did you mean"
 * for commands and options, conflicting options refused) and dispatches. Diagnostics print with
 * file:line:col, the source line and a caret. Exit codes: 0 all well, 1 errors in the plan or data,
 * 2 a usage mistake (anything commander refuses, and what a command refuses before it starts).
 */
import { Command as Program, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import type { Io } from './io.js';
import { commandOptions, optionFor } from './options.js';
import { version } from './version.js';

export type { Io } from './io.js';

const footer = `
Data: --data deals=deals.csv names the file for a table; a table without --data is read from
<table>.csv (or .json) beside the plan.
Exit codes: 0 all well, 1 errors in the plan or data, 2 a usage mistake.
`;

/** Commander's output goes to the command's streams; its errors read `payplan run: unknown option ...`. */
const output = (io: Io, prefix: string) => ({
  writeOut: (s: string) => void io.stdout.write(s),
  writeErr: (s: string) => void io.stderr.write(s),
  outputError: (s: string, write: (s: string) => void) => write(`${prefix}: ${s.replace(/^error: /, '')}`),
});

/** A fresh parser per call (commander keeps state), whose actions run the command and leave its exit code. */
function program(io: Io, done: (code: number) => void): Program {
  const top = new Program('payplan')
    .description('sales compensation plans as code')
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .addHelpText('after', footer)
    // The command list names each command; its own --help shows how it is used.
    .configureHelp({ subcommandTerm: (c) => c.name() })
    .configureOutput(output(io, 'payplan'))
    .showHelpAfterError('(payplan --help lists the commands)')
    .exitOverride();
  for (const [name, command] of Object.entries(commands)) {
    const sub = top
      .command(name)
      .summary(command.summary)
      .description(command.summary)
      .usage(command.usage.replace(`payplan ${name} `, ''))
      .argument('[files...]')
      .configureOutput(output(io, `payplan ${name}`))
      .showHelpAfterError(`(payplan ${name} --help lists its options)`);
    for (const option of commandOptions[name] ?? []) sub.addOption(optionFor(option));
    sub.action(async (files: string[], opts: Record<string, string | boolean | string[] | undefined>) => {
      const values = Object.fromEntries(sub.options.map((o) => [o.long!.slice(2), opts[o.attributeName()]]));
      done(await command.run({ positionals: files, values }, io));
    });
  }
  return top;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exit = 0;
  try {
    await program(io, (code) => (exit = code)).parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    // Help and version asked for exit 0; every other refusal (help shown for a missing command too) is a usage mistake.
    return err.exitCode === 0 ? 0 : 2;
  }
  return exit;
}
