/**
 * House style, enforced in CI: the whole workspace type-checks under strict settings (unused code
 * included), and every shipped plan is in the formatter's canonical layout.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../packages/cli/src/main.js';
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
    let out = '';
    const code = await main(['fmt', '--check', ...plansUnder('examples')], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) }, cwd: root });
    expect(out).toBe('');
    expect(code).toBe(0);
  });
});
