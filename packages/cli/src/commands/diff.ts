/**
 * `payplan diff <old> <new>`: what a change to a plan does. Reads both versions (a file, or
 * `REV:path` read with `git show`), runs them on the same data (`--data` pairs, else the files
 * beside the new plan) and prints the changed rules in words, the payout totals, and every payee
 * and period whose payout moved, largest movers first; `--json` prints core's `PlanDiff` as is.
 * Exit codes: 0 the diff was printed (whether or not anything changed), 1 a plan, its data or git
 * could not be read or has errors, 2 a usage mistake.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { check, diffPlans, type Input, type PlanDiff, type StatementChange } from '@payplan/core';
import { hasErrors } from '@payplan/diagnostics';
import { grouped, shortText } from '@payplan/runtime';
import { gatherInputs, parseDataArgs } from '../inputs.js';
import { readText, report, type Command, type Io } from '../io.js';
import { renderTable } from '../table.js';

/** A plan's text, the name it is shown under, and the path its data is looked up beside. */
interface Read {
  readonly text: string;
  readonly label: string;
  readonly dataPath: string;
}

/** `HEAD~1:plans/ae.payplan`, but not a Windows path such as `C:\plans\ae.payplan`. */
const revisionSpec = /^([^:]+):(.+)$/;

/**
 * A file if one exists at that path; else `REV:path`, read from git in the working directory. As
 * in git, `path` is from the repository's top (`./path` from the working directory); the data
 * beside such a plan is read from the working tree, not from the revision.
 */
function readPlan(io: Io, spec: string): Read | { error: string } {
  const m = revisionSpec.exec(spec);
  if (existsSync(resolve(io.cwd, spec)) || !m || /^[A-Za-z]:[\\/]/.test(spec)) {
    const read = readText(io, spec);
    return 'error' in read ? read : { text: read.text, label: spec, dataPath: spec };
  }
  const [, rev, path] = m as unknown as [string, string, string];
  const git = (args: string[]) => execFileSync('git', args, { cwd: io.cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  let bytes: Buffer;
  try {
    bytes = git(['show', `${rev}:${path}`]);
  } catch (err) {
    const e = err as { stderr?: Buffer; code?: string; message: string };
    const why = e.code === 'ENOENT' ? 'git is not installed' : (e.stderr?.toString('utf8').trim().split('\n')[0] ?? e.message);
    return { error: `cannot read ${spec}: it is not a file, and git could not read it as REVISION:PATH (${why})` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: `cannot read ${spec}: not valid UTF-8 text` };
  }
  let dataPath = path;
  if (!/^\.\.?\//.test(path) && !isAbsolute(path)) {
    try {
      const top = git(['rev-parse', '--show-toplevel']).toString('utf8').trim();
      dataPath = relative(io.cwd, join(top, path)) || path;
    } catch {
      // Not a worktree (a bare repository): look beside the path as given.
    }
  }
  return { text, label: spec, dataPath };
}

export const diffCommand: Command = {
  summary: 'compare two versions of a plan: the rules that changed, and every payout that moved',
  usage: 'payplan diff <old> <new> [--data table=file ...] [--json]   (a plan may be REV:path, read from git)',
  run(args, io) {
    if (args.positionals.length !== 2) {
      io.stderr.write(`payplan diff: give the old and the new plan, such as \`payplan diff HEAD~1:plan.payplan plan.payplan\`\nusage: ${diffCommand.usage}\n`);
      return 2;
    }
    const color = args.values['color'] === true;
    const reads = args.positionals.map((p) => readPlan(io, p));
    const failed = reads.filter((r): r is { error: string } => 'error' in r);
    if (failed.length) return (failed.forEach((r) => io.stderr.write(`error: ${r.error}\n`)), 1);
    const [before, after] = reads as [Read, Read];

    // Both versions must check before their tables are known.
    const checked = [check(before.text, before.label), check(after.text, after.label)] as const;
    if (!checked[0].ir || !checked[1].ir) {
      const ds = [...checked[0].diagnostics, ...checked[1].diagnostics];
      report(io, ds, new Map([[before.label, checked[0].source], [after.label, checked[1].source]]), color);
      return 1;
    }
    const irs = [checked[0].ir, checked[1].ir] as const;

    // One set of data for both: `--data` pairs, else the files beside the new plan.
    const data = parseDataArgs((args.values['data'] as string[] | undefined) ?? []);
    const problems = [...data.errors];
    for (const s of data.specs) {
      if (!irs.some((ir) => ir.tables.some((t) => t.name === s.table))) problems.push(`--data ${s.table}=${s.path}: neither plan has a table \`${s.table}\``);
    }
    const inputsFor = (ir: (typeof irs)[number]): Input[] => {
      const g = gatherInputs(ir, after.dataPath, data.specs.filter((s) => ir.tables.some((t) => t.name === s.table)), io.cwd);
      problems.push(...g.errors.filter((e) => !problems.includes(e)));
      return g.inputs;
    };
    const inputs = [inputsFor(irs[0]), inputsFor(irs[1])];
    if (problems.length) return (problems.forEach((e) => io.stderr.write(`error: ${e}\n`)), 1);

    const outcome = diffPlans({ text: before.text, file: before.label, inputs: inputs[0]! }, { text: after.text, file: after.label, inputs: inputs[1]! });
    report(io, outcome.diagnostics, outcome.sources, color);
    if (!outcome.diff || hasErrors(outcome.diagnostics)) return 1;
    io.stdout.write(args.values['json'] ? JSON.stringify(outcome.diff, null, 2) + '\n' : diffText(outcome.diff));
    return 0;
  },
};

/** Right-aligned to the widest (the cells are ASCII digits, signs, separators, or a dash). */
const right = (cells: readonly string[]): string[] => cells.map((c) => c.padStart(Math.max(...cells.map((x) => x.length))));

/** `+1,390.00`, `-250.00`, `0.00`. */
const signed = (amount: string): string => (amount.startsWith('-') || /^0(\.0+)?$/.test(amount) ? grouped(shortText(amount)) : `+${grouped(shortText(amount))}`);

/** The diff as a reviewer reads it: rules in words, totals, then the statements that moved. */
export function diffText(d: PlanDiff): string {
  const out: string[] = [];
  const name = d.old.plan === d.new.plan ? `"${d.new.plan}"` : `"${d.old.plan}" → "${d.new.plan}"`;
  out.push(`Plan ${name}: ${d.old.file} → ${d.new.file}`, '');

  out.push(d.structural.length ? 'Rules changed:' : 'Rules: no change');
  for (const s of d.structural) out.push(`  ${s.subject}: ${s.text}`);
  out.push('');

  const currency = d.old.currency === d.new.currency ? d.new.currency : `${d.old.currency} → ${d.new.currency}`;
  const c = d.counts;
  const parts = [`${c.changed} changed`, `${c.unchanged} unchanged`, ...(c.added ? [`${c.added} new`] : []), ...(c.removed ? [`${c.removed} gone`] : [])];
  out.push(`Payouts (${currency}), ${c.statements} statement${c.statements === 1 ? '' : 's'}: ${parts.join(', ')}`);
  const totals = right([grouped(d.totals.before ?? '0.00'), grouped(d.totals.after ?? '0.00'), signed(d.totals.change)]);
  out.push(`  before  ${totals[0]}`, `  after   ${totals[1]}`, `  change  ${totals[2]}`, '');

  const moved = d.statements.filter((s) => s.status !== 'unchanged');
  if (moved.length) {
    out.push('Statements, largest change first:');
    // Amounts are padded here: the table right-aligns only columns of plain numbers, and these
    // hold signs and dashes.
    const column = (head: string, cells: string[]) => right([head, ...cells]);
    const before = column('before', moved.map((s) => (s.before === null ? '–' : grouped(s.before))));
    const after = column('after', moved.map((s) => (s.after === null ? '–' : grouped(s.after))));
    const change = column('change', moved.map((s) => signed(s.change)));
    const rows = moved.map((s, i) => [s.payee, s.period, before[i + 1]!, after[i + 1]!, change[i + 1]!, movers(s)]);
    out.push(renderTable(['payee', 'period', before[0]!, after[0]!, change[0]!, 'what moved'], rows));
    out.push('');
  }
  return out.join('\n');
}

/** `commission +1,390.00, stretch +1,000.00 (new)`; a statement only one version has says so. */
function movers(s: StatementChange): string {
  if (s.status === 'added') return `new statement${s.components.length ? `: ${s.components.map((m) => `${m.component} ${signed(m.change)}`).join(', ')}` : ''}`;
  if (s.status === 'removed') return 'statement gone';
  const lines = s.components.map((m) => `${m.component} ${signed(m.change)}${m.status === 'added' ? ' (new line)' : m.status === 'removed' ? ' (line gone)' : ''}`);
  return lines.join(', ') || 'rounding';
}
