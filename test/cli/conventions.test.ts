/**
 * The conventions a newcomer expects of a command line: `--help` on every command (exit 0, on
 * stdout), `--version`, "did you mean" for a mistyped command or option, conflicting options refused,
 * and every usage mistake exit 2 with the reason on stderr.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../packages/cli/src/commands/index.js';
import { runCli } from '../support/cli.js';
import { root } from '../support/plans.js';

const cli = (...argv: string[]) => runCli(argv);
const plan = 'examples/account-executive/plan.payplan';

describe('help and version', () => {
  it.each(Object.keys(commands))('payplan %s --help prints its usage and options, exit 0', async (name) => {
    const r = await cli(name, '--help');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Usage: ${commands[name]!.usage}`);
    expect(r.stdout).toContain('-h, --help');
    expect((await cli('help', name)).stdout).toBe(r.stdout);
  });

  it('lists every command with its summary under --help, and gives the usage on a bare `payplan` with exit 2', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const [name, c] of Object.entries(commands)) expect(help.stdout).toMatch(new RegExp(`\\n  ${name} +${c.summary.slice(0, 20).replace(/[()]/g, '\\$&')}`));
    expect(help.stdout).toContain('Exit codes: 0 all well, 1 errors in the plan or data, 2 a usage mistake.');
    const bare = await cli();
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toBe(help.stdout);
  });

  it('prints the version of the payplan package', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(await cli(flag)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('fmt --help is help, not a file to format', async () => {
    const r = await cli('fmt', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--check');
  });
});

describe('usage mistakes exit 2 with a suggestion', () => {
  it('suggests the command meant', async () => {
    expect(await cli('rnu', plan)).toEqual({ code: 2, stdout: '', stderr: "payplan: unknown command 'rnu'\n(Did you mean run?)\n(payplan --help lists the commands)\n" });
  });

  it('suggests the option meant', async () => {
    expect(await cli('run', plan, '--jsn')).toEqual({ code: 2, stdout: '', stderr: "payplan run: unknown option '--jsn'\n(Did you mean --json?)\n(payplan run --help lists its options)\n" });
    // An option another command takes is still unknown here.
    expect((await cli('check', plan, '--json')).code).toBe(2);
  });

  it('refuses conflicting options instead of letting one win', async () => {
    expect(await cli('run', plan, '--json', '--csv')).toEqual({ code: 2, stdout: '', stderr: "payplan run: option '--json' cannot be used with option '--csv'\n(payplan run --help lists its options)\n" });
    expect((await cli('fmt', plan, '--write', '--check')).code).toBe(2);
  });

  it('refuses --data without table=file before reading anything', async () => {
    const r = await cli('run', plan, '--data', 'deals');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `payplan run: option '-d, --data <table=file>' argument 'deals' is invalid. --data takes table=file, such as --data deals=deals.csv (got "deals")\n(payplan run --help lists its options)\n`,
    );
  });

  it('refuses an option without its value', async () => {
    const r = await cli('run', plan, '--payee');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--payee <id>' argument missing");
  });
});
