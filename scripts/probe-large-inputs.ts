/**
 * Probes the CLI with the large bad inputs of issue 11, generated here at full size (the files of
 * ../shared/bad-inputs/make-large.py, never committed): a 10 MB bad cell, a 100,000-digit amount,
 * 40,000 comments, a 100,000-character name, 5,000,000 deal rows. Each must end in a coded error or
 * a right answer, with output that does not grow with the input, in time linear in its size.
 *
 *   npx tsx scripts/probe-large-inputs.ts [name ...]   # all probes, or the named ones
 *
 * Each probe is a function (`probes`), so a fuzzing campaign can call them and judge the outcomes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../packages/cli/src/main.js';

export interface ProbeOutcome {
  readonly name: string;
  readonly exit: number;
  readonly stdoutBytes: number;
  readonly stderrBytes: number;
  /** The first line of stderr: the diagnostic, if any. */
  readonly first: string;
  readonly ms: number;
  /** What the probe expects, and whether it held. */
  readonly expected: string;
  readonly ok: boolean;
}

interface Probe {
  readonly files: () => Record<string, string>;
  readonly argv: readonly string[];
  readonly expected: string;
  readonly holds: (exit: number, stdout: string, stderr: string) => boolean;
}

const head = 'plan "large"\n  currency CNY\n  settle monthly\n  year 2026\n\ntable sales per payee per period\n  revenue  money\n\n';
const drawPlan = 'plan "Draw"\n  currency CNY\n  settle monthly\n  round half_up to 0.01\n  year 2026\n\ntable earned per payee per period\n  earned  money\n\ncommission on earned pay 100%\n\ndraw of 2,000 nonrecoverable\n';
const dealsPlan = 'plan "five million"\n  currency CNY\n  settle monthly\n  year 2026\n\ntable deals\n  id      text key\n  rep     payee\n  closed  date\n  amount  money\n\nbase revenue = sum of amount over deals\ncommission on revenue pay 1%\n';

/** One coded error, nothing on stdout, and at most `bytes` of stderr. */
const codedError = (code: string, bytes: number) => (exit: number, stdout: string, stderr: string) => exit === 1 && stdout === '' && stderr.startsWith(`error[${code}]`) && stderr.length <= bytes;

export const probes: Readonly<Record<string, Probe>> = {
  'huge-bad-cell': {
    files: () => ({ 'plan.payplan': drawPlan, 'earned.csv': `payee,period,earned\nana,${'9'.repeat(10_000_000)},100\n` }),
    argv: ['run', 'plan.payplan'],
    expected: 'D010 in under 1 KB of stderr',
    holds: codedError('D010', 1024),
  },
  'huge-money-cell': {
    files: () => ({ 'plan.payplan': head + 'commission on revenue pay 5%\n', 'sales.csv': `payee,period,revenue\na,2026-03,${'9'.repeat(100_000)}\n` }),
    argv: ['run', 'plan.payplan'],
    expected: 'D019 in under 1 KB of stderr',
    holds: codedError('D019', 1024),
  },
  'fmt-comments': {
    files: () => ({ 'plan.payplan': head + Array.from({ length: 40_000 }, (_, i) => `# note ${i}\n`).join('') + 'commission on revenue pay 1%\n' }),
    argv: ['fmt', '--check', 'plan.payplan'],
    expected: 'already formatted (exit 0)',
    holds: (exit, stdout, stderr) => exit === 0 && stdout === '' && stderr === '',
  },
  'long-name': {
    files: () => ({ 'plan.payplan': `${head}const short = 1\nconst ${'n'.repeat(100_000)} = 2\n\ncommission on revenue pay 1%\n` }),
    argv: ['fmt', 'plan.payplan'],
    expected: 'no const padded to the long name',
    holds: (exit, stdout) => exit === 0 && stdout.includes('\nconst short = 1\n'),
  },
  'five-million': {
    files: () => ({
      'plan.payplan': dealsPlan,
      'deals.csv': ['id,rep,closed,amount', ...Array.from({ length: 5_000_000 }, (_, i) => `${i},r${i % 2000},2026-${String(1 + (i % 12)).padStart(2, '0')}-15,${100 + (i % 900)}.${String(i % 100).padStart(2, '0')}`)].join('\n') + '\n',
    }),
    argv: ['run', 'plan.payplan'],
    expected: 'D021 naming the limit, before the file is parsed',
    holds: codedError('D021', 2048),
  },
};

/** Writes a probe's files to a fresh folder, runs the CLI there in this process, and judges the outcome. */
export async function runProbe(name: string): Promise<ProbeOutcome> {
  const probe = probes[name];
  if (!probe) throw new Error(`no probe named ${name}; the probes are ${Object.keys(probes).join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), `payplan-probe-${name}-`));
  try {
    for (const [file, text] of Object.entries(probe.files())) writeFileSync(join(dir, file), text);
    let stdout = '';
    let stderr = '';
    const start = performance.now();
    const exit = await main(probe.argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: dir });
    const ms = Math.round(performance.now() - start);
    return { name, exit, stdoutBytes: stdout.length, stderrBytes: stderr.length, first: stderr.split('\n')[0] ?? '', ms, expected: probe.expected, ok: probe.holds(exit, stdout, stderr) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(probes);
  let failed = 0;
  for (const name of names) {
    const o = await runProbe(name);
    if (!o.ok) failed++;
    console.log(`${o.ok ? 'ok  ' : 'FAIL'} ${o.name}: exit ${o.exit}, ${o.ms} ms, stdout ${o.stdoutBytes} B, stderr ${o.stderrBytes} B; expected ${o.expected}${o.first ? `\n     ${o.first.slice(0, 160)}` : ''}`);
  }
  process.exitCode = failed ? 1 : 0;
}
