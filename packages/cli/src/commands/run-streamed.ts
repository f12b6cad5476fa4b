/**
 * `payplan run` on the streaming exact-integer path (@payplan/core's `runFigures`), tried first when
 * its output needs no explanations (a table or CSV, not `--json`) and one plan is given. Anything
 * the path does not take (a plan outside its reach, a JSON or unusual file, any problem in the data)
 * returns undefined, and `run` goes the usual way, which reports every diagnostic. Plain runs thus
 * never hold the rows in memory. `PAYPLAN_STREAM=0` turns the path off (the tests compare both).
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { IrPlan } from '@payplan/checker';
import { check, runFigures, type FileInput } from '@payplan/core';
import { stepPlaces } from '@payplan/runtime';
import { selectStatements } from '../filters.js';
import { parseDataArgs, type InputSpec } from '../inputs.js';
import { readText, report, type Args, type ExitCode, type Io } from '../io.js';
import { statementsCsv, statementsTable } from '../output.js';

/** The exit code of a streamed run, or undefined: run the usual way. */
export async function runStreamed(args: Args, io: Io): Promise<ExitCode | undefined> {
  if (process.env['PAYPLAN_STREAM'] === '0' || args.values['json'] || args.positionals.length !== 1) return undefined;
  const given = args.values['max-rows'];
  if (given !== undefined && !(typeof given === 'string' && /^\d+$/.test(given))) return undefined;
  const planPath = args.positionals[0]!;
  const read = readText(io, planPath);
  if ('error' in read) return undefined;
  const checked = check(read.text, planPath);
  if (!checked.ir) return undefined;
  const data = parseDataArgs((args.values['data'] as string[] | undefined) ?? []);
  if (data.errors.length) return undefined;
  const inputs = inputPaths(checked.ir, planPath, data.specs, io.cwd);
  if (!inputs.every((i) => existsSync(i.path))) return undefined;
  // Only a --max-rows given is a limit here: the default exists because the usual path holds every row.
  const result = await runFigures(checked.ir, read.text, inputs, given === undefined ? {} : { maxRows: Number(given) });
  if (!result) return undefined;
  const r = selectStatements({ payee: args.values['payee'] as string | undefined, period: args.values['period'] as string | undefined }, result.statements);
  if ('problems' in r) return undefined; // the usual path words the usage mistake
  report(io, checked.diagnostics, new Map([[planPath, checked.source]]), args.values['color'] === true);
  const shown = { ...result, statements: r.statements };
  io.stdout.write(args.values['csv'] ? statementsCsv(shown) : statementsTable(shown, stepPlaces(checked.ir.rounding.step)));
  return 0;
}

/** Each table's file, as `gatherInputs` finds them (named with --data, else beside the plan), by path. */
function inputPaths(ir: IrPlan, planPath: string, specs: readonly InputSpec[], cwd: string): FileInput[] {
  const named = new Set(specs.map((s) => s.table));
  const out: FileInput[] = specs.map((s) => ({ table: s.table, file: displayPath(s.path, cwd), path: resolve(cwd, s.path) }));
  for (const t of ir.tables) {
    if (named.has(t.name)) continue;
    for (const ext of ['.csv', '.json']) {
      const beside = join(dirname(planPath), t.name + ext);
      if (existsSync(resolve(cwd, beside))) {
        out.push({ table: t.name, file: displayPath(beside, cwd), path: resolve(cwd, beside) });
        break;
      }
    }
  }
  return out;
}

const displayPath = (path: string, cwd: string): string => {
  const rel = relative(cwd, resolve(cwd, path));
  return rel.startsWith('..') ? path : rel;
};
