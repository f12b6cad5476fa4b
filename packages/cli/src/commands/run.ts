import { check, load, runVersions, type PlanVersion } from '@payplan/core';
import { MAX_ROWS } from '@payplan/data';
import { stepPlaces, type Statement } from '@payplan/runtime';
import { selectStatements } from '../filters.js';
import { gatherInputs, parseDataArgs } from '../inputs.js';
import { onePlan, readText, report, type Args, type Command, type ExitCode, type Io } from '../io.js';
import { explainStatement, statementsCsv, statementsTable, unpaidPoolLines } from '../output.js';
import { runStreamed } from './run-streamed.js';

/**
 * Shared by `run` and `explain`: check, gather data, evaluate; prints diagnostics on failure.
 * Several plan files are effective-dated versions of one plan, run over the same data.
 */
function evaluatePlan(args: Args, io: Io, command: string) {
  const paths = command === 'run' ? args.positionals : [onePlan(args, io, command)].filter((p): p is string => p !== undefined);
  if (!paths.length) return (io.stderr.write(`payplan ${command}: give a plan file\n`), { exit: 2 as ExitCode });
  const maxRows = maxRowsArg(args);
  if (maxRows === undefined) return (io.stderr.write(`payplan ${command}: --max-rows takes a whole number of rows, such as --max-rows ${MAX_ROWS * 2}\n`), { exit: 2 as ExitCode });
  const versions: PlanVersion[] = [];
  for (const file of paths) {
    const read = readText(io, file);
    if ('error' in read) return (io.stderr.write(`error: ${read.error}\n`), { exit: 1 as ExitCode });
    versions.push({ text: read.text, file });
  }
  const color = args.values['color'] === true;
  // Data is found beside the latest version, the one whose tables describe the files.
  const planPath = paths[paths.length - 1]!;
  const checked = check(versions[versions.length - 1]!.text, planPath);
  if (!checked.ir) return (report(io, checked.diagnostics, new Map([[planPath, checked.source]]), color), { exit: 1 as ExitCode });
  const data = parseDataArgs((args.values['data'] as string[] | undefined) ?? []);
  const gathered = gatherInputs(checked.ir, planPath, data.specs, io.cwd);
  const problems = [...data.errors, ...gathered.errors];
  if (problems.length) return (problems.forEach((e) => io.stderr.write(`error: ${e}\n`)), { exit: 1 as ExitCode });
  const outcome = runVersions(versions, gathered.inputs, (ir, inputs) => load(ir, inputs, { maxRows }));
  report(io, outcome.diagnostics, outcome.sources, color);
  if (!outcome.result) return { exit: 1 as ExitCode };
  return { exit: 0 as ExitCode, result: outcome.result, places: stepPlaces(checked.ir.rounding.step) };
}

/** `--max-rows N`: the most rows one data file may have (D021); MAX_ROWS when not given; undefined when not a whole number. */
function maxRowsArg(args: Args): number | undefined {
  const given = args.values['max-rows'];
  if (given === undefined) return MAX_ROWS;
  return typeof given === 'string' && /^\d+$/.test(given) ? Number(given) : undefined;
}

const filterArgs = (args: Args) => ({ payee: args.values['payee'] as string | undefined, period: args.values['period'] as string | undefined });

/** The statements `--payee` and `--period` select; a value no statement has is a usage mistake (exit 2), never an empty answer. */
function selected(io: Io, command: string, args: Args, statements: readonly Statement[]): Statement[] | undefined {
  const r = selectStatements(filterArgs(args), statements);
  if ('statements' in r) return r.statements;
  for (const p of r.problems) io.stderr.write(`payplan ${command}: ${p}\n`);
  return undefined;
}

export const runCommand: Command = {
  summary: 'compute statements per payee and period',
  usage: 'payplan run <plan> [<later version> ...] [--data table=file ...] [--json | --csv] [--payee ID] [--period P] [--max-rows N]',
  async run(args, io) {
    const streamed = await runStreamed(args, io);
    if (streamed !== undefined) return streamed;
    const { exit, result, places } = evaluatePlan(args, io, 'run');
    if (!result) return exit;
    const statements = selected(io, 'run', args, result.statements);
    if (!statements) return 2;
    // Pools paid to nobody, of the leaders and periods selected.
    const unpaid = result.unpaidPools?.filter((p) => statements.some((s) => s.payee === p.leader && s.period === p.period));
    const shown = { plan: result.plan, currency: result.currency, statements, ...(unpaid?.length && { unpaidPools: unpaid }) };
    io.stdout.write(args.values['json'] ? JSON.stringify(shown, null, 2) + '\n' : args.values['csv'] ? statementsCsv(shown) : statementsTable(shown, places));
    // CSV has one row per statement; the pools paid to nobody go to stderr as notes.
    if (args.values['csv']) for (const l of unpaidPoolLines(shown)) io.stderr.write(`note: pool ${l}\n`);
    return 0;
  },
};

export const explainCommand: Command = {
  summary: 'show how each line of one statement was computed',
  usage: 'payplan explain <plan> --payee ID --period P [--data table=file ...] [--json] [--max-rows N]',
  run(args, io) {
    const { payee, period } = filterArgs(args);
    if (!payee || !period) {
      io.stderr.write('payplan explain: give --payee and --period, such as --payee ana --period 2026-Q1\n');
      return 2;
    }
    const { exit, result } = evaluatePlan(args, io, 'explain');
    if (!result) return exit;
    const found = selected(io, 'explain', args, result.statements)?.[0];
    if (!found) return 2;
    io.stdout.write(args.values['json'] ? JSON.stringify(found, null, 2) + '\n' : explainStatement(found, result.plan));
    return 0;
  },
};
