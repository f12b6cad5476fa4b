import { check } from '@payplan/core';
import { hasErrors } from '@payplan/diagnostics';
import { onePlan, readText, report, type Command } from '../io.js';

export const checkCommand: Command = {
  summary: 'check a plan and report every problem',
  usage: 'payplan check <plan> [--strict]',
  run(args, io) {
    const planPath = onePlan(args, io, 'check');
    if (!planPath) return 2;
    const read = readText(io, planPath);
    if ('error' in read) return (io.stderr.write(`error: ${read.error}\n`), 1);
    const checked = check(read.text, planPath);
    // --strict: a warning blocks the plan just as an error does (for CI).
    const ds = args.values['strict'] ? checked.diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' as const } : d)) : checked.diagnostics;
    report(io, ds, new Map([[planPath, checked.source]]), args.values['color'] === true);
    if (hasErrors(ds)) return 1;
    io.stdout.write(`${planPath}: ok (${checked.ir?.components.length ?? 0} rules, ${checked.ir?.tables.length ?? 0} tables)\n`);
    return 0;
  },
};
