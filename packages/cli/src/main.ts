/**
 * The `payplan` command: a thin shell over @payplan/core. Prints diagnostics with file:line:col, the
 * source line and a caret; exit code 0 when all is well, 1 when the plan or data has errors, 2 for
 * a usage mistake.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { check, run, type Run } from '@payplan/core';
import { hasErrors, renderDiagnostics, type Diagnostic, type SourceText } from '@payplan/diagnostics';
import { explainStatement, statementsCsv, statementsTable } from './output.js';
import { gatherInputs, parseDataArgs } from './inputs.js';

export interface Io {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
  readonly cwd: string;
}

const usage = `payplan — sales compensation plans as code

Usage:
  payplan check <plan> [--strict]                 check a plan; report every problem
  payplan run <plan> [--data table=file ...]      compute statements per payee and period
        [--json | --csv] [--payee ID] [--period P]
  payplan explain <plan> --payee ID --period P [--data table=file ...]
                                                   show how each line was computed
  payplan help                                     this text

Data: --data deals=deals.csv names the file for a table; a table without --data is read from
<table>.csv (or .json) beside the plan. Exit codes: 0 ok, 1 errors in the plan or data, 2 usage.
`;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.stdout.write(usage);
    return command ? 0 : 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        data: { type: 'string', multiple: true, short: 'd' },
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
        payee: { type: 'string' },
        period: { type: 'string' },
        strict: { type: 'boolean' },
        color: { type: 'boolean' },
      },
    });
  } catch (err) {
    io.stderr.write(`payplan ${command}: ${(err as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const planPath = positionals[0];
  if (!['check', 'run', 'explain'].includes(command)) {
    io.stderr.write(`payplan: unknown command "${command}"\n\n${usage}`);
    return 2;
  }
  if (!planPath || positionals.length > 1) {
    io.stderr.write(`payplan ${command}: give exactly one plan file\n\n${usage}`);
    return 2;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(join(io.cwd, planPath)));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.stderr.write(`error: cannot read plan ${planPath}: ${code === 'ENOENT' ? 'no such file' : code === undefined ? 'not valid UTF-8 text' : (err as Error).message}\n`);
    return 1;
  }
  const color = values.color ?? false;
  const report = (ds: readonly Diagnostic[], sources: ReadonlyMap<string, SourceText>) => {
    if (ds.length) io.stderr.write(renderDiagnostics(ds, sources, { color }));
  };

  if (command === 'check') {
    const checked = check(text, planPath);
    const ds = values.strict ? checked.diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' as const } : d)) : checked.diagnostics;
    report(ds, new Map([[planPath, checked.source]]));
    if (hasErrors(ds)) return 1;
    io.stdout.write(`${planPath}: ok (${checked.ir?.components.length ?? 0} rules, ${checked.ir?.tables.length ?? 0} tables)\n`);
    return 0;
  }

  const checked = check(text, planPath);
  if (!checked.ir) {
    report(checked.diagnostics, new Map([[planPath, checked.source]]));
    return 1;
  }
  const data = parseDataArgs(values.data ?? []);
  const gathered = gatherInputs(checked.ir, planPath, data.specs, io.cwd);
  const usageErrors = [...data.errors, ...gathered.errors];
  if (usageErrors.length) {
    for (const e of usageErrors) io.stderr.write(`error: ${e}\n`);
    return 1;
  }
  const outcome: Run = run(text, planPath, gathered.inputs);
  report(outcome.diagnostics, outcome.sources);
  if (!outcome.result) return 1;

  let statements = outcome.result.statements;
  if (values.payee) statements = statements.filter((s) => s.payee === values.payee);
  if (values.period) statements = statements.filter((s) => s.period === values.period);
  const result = { ...outcome.result, statements };

  if (command === 'explain') {
    if (!values.payee || !values.period) {
      io.stderr.write('payplan explain: give --payee and --period, such as --payee ana --period 2026-Q1\n');
      return 2;
    }
    if (!statements.length) {
      const known = [...new Set(outcome.result.statements.map((s) => `${s.payee} ${s.period}`))].slice(0, 10).join(', ');
      io.stderr.write(`error: no statement for payee "${values.payee}" in period ${values.period}; statements exist for: ${known}\n`);
      return 1;
    }
    for (const s of statements) io.stdout.write(values.json ? JSON.stringify(s, null, 2) + '\n' : explainStatement(s, result.plan));
    return 0;
  }
  io.stdout.write(values.json ? JSON.stringify(result, null, 2) + '\n' : values.csv ? statementsCsv(result) : statementsTable(result));
  return 0;
}
