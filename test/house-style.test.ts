/**
 * House style, enforced in CI: the whole workspace type-checks under strict settings (unused code
 * included), and every shipped plan is in the formatter's canonical layout.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { plansUnder, root } from './support/plans.js';

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function typecheck(project: string): string {
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? err);
  }
}

describe('house style', () => {
  it('the workspace type-checks', () => expect(typecheck('.')).toBe(''), 240_000);
  it('the playground type-checks', () => expect(typecheck('playground')).toBe(''), 240_000);

  it('every shipped plan is formatted', async () => {
    const r = await runCli(['fmt', '--check', ...plansUnder('examples')]);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
