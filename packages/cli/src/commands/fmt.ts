/**
 * `payplan fmt`: takes plan files and prints each in the canonical layout (`printPlan`), rewrites
 * them in place (`--write`), or lists the ones not yet formatted (`--check`, exit 1 if any: for CI
 * and pre-commit hooks). Guarantees a file is never touched when its plan has parse errors, or when
 * the formatted text would not parse back to the same plan with the same comments.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasErrors, SourceText } from '@payplan/diagnostics';
import { parsePlan, printPlan, type Plan } from '@payplan/syntax';
import { readText, report, type Command, type ExitCode, type Io } from '../io.js';

/** The plan as data, without positions: what formatting must not change. */
const shape = (plan: Plan): string =>
  JSON.stringify({ ...plan, comments: plan.comments.map((c) => c.text).sort() }, (key, value: unknown) => (key === 'span' || key === 'keyword' ? undefined : value));

type Formatted = { readonly text: string; readonly formatted: string } | { readonly exit: ExitCode };

function formatFile(io: Io, path: string, color: boolean): Formatted {
  const read = readText(io, path);
  if ('error' in read) return (io.stderr.write(`error: ${read.error}\n`), { exit: 1 });
  const parsed = parsePlan(read.text, path);
  if (hasErrors(parsed.diagnostics)) {
    report(io, parsed.diagnostics, new Map([[path, new SourceText(path, read.text)]]), color);
    return { exit: 1 };
  }
  const formatted = printPlan(parsed.value.plan, read.text);
  const again = parsePlan(formatted, path);
  if (hasErrors(again.diagnostics) || shape(again.value.plan) !== shape(parsed.value.plan)) {
    io.stderr.write(`error: ${path}: the formatter would change what this plan means; the file is left as it is (please report this)\n`);
    return { exit: 1 };
  }
  return { text: read.text, formatted };
}

export const fmtCommand: Command = {
  summary: 'print plans in the canonical layout, rewrite them, or check them',
  usage: 'payplan fmt <plan...> [--write | --check]',
  run(args, io) {
    const write = args.values['write'] === true;
    const check = args.values['check'] === true;
    // --write with --check is refused by the option parser (options.ts).
    if (!args.positionals.length) {
      io.stderr.write(`payplan fmt: give at least one plan file\nusage: ${fmtCommand.usage}\n`);
      return 2;
    }
    let exit: ExitCode = 0;
    for (const path of args.positionals) {
      const r = formatFile(io, path, args.values['color'] === true);
      if ('exit' in r) {
        exit = 1;
        continue;
      }
      const changed = r.formatted !== r.text;
      if (check) {
        if (changed) (io.stdout.write(`${path}\n`), (exit = 1));
      } else if (write) {
        if (!changed) continue;
        try {
          writeFileSync(resolve(io.cwd, path), r.formatted);
          io.stdout.write(`${path}\n`);
        } catch (err) {
          io.stderr.write(`error: cannot write ${path}: ${(err as Error).message}\n`);
          exit = 1;
        }
      } else {
        io.stdout.write(r.formatted);
      }
    }
    return exit;
  },
};
