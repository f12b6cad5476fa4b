/**
 * `payplan fmt` through the CLI's `main` with a fake io: output, exit codes, and which files are
 * (and are not) rewritten. Each test works in its own temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const formatted = 'plan "p"\n  currency CNY\n\nconst a = 1  # one\nconst b = 2\n';
const messy = 'plan "p"\ncurrency   CNY\n\n\nconst a=1 # one\n   const b  =  2';
const broken = 'plan "p"\nconst = 1\n';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payplan-fmt-'));
  writeFileSync(join(dir, 'ok.payplan'), formatted);
  writeFileSync(join(dir, 'messy.payplan'), messy);
  writeFileSync(join(dir, 'broken.payplan'), broken);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fmt = (...args: string[]) => runCli(['fmt', ...args], dir);
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('payplan fmt --check', () => {
  it('exits 0 and prints nothing when every file is formatted', async () => {
    expect(await fmt('--check', 'ok.payplan')).toEqual({ code: 0, stdout: '', stderr: '' });
  });
  it('exits 1 and lists the files that are not formatted, without touching them', async () => {
    expect(await fmt('--check', 'ok.payplan', 'messy.payplan')).toEqual({ code: 1, stdout: 'messy.payplan\n', stderr: '' });
    expect(read('messy.payplan')).toBe(messy);
  });
  it('exits 1 with the diagnostics for a plan that does not parse', async () => {
    const r = await fmt('--check', 'broken.payplan', 'ok.payplan');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error\[P001\].*\n.*broken\.payplan:2/);
  });
  it('exits 1 for a file that cannot be read', async () => {
    const r = await fmt('--check', 'missing.payplan');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot read missing.payplan');
  });
});

describe('payplan fmt', () => {
  it('prints the formatted plan and leaves the file alone', async () => {
    expect(await fmt('messy.payplan')).toEqual({ code: 0, stdout: formatted, stderr: '' });
    expect(read('messy.payplan')).toBe(messy);
  });
  it('--write rewrites the files that change, lists them, and then --check passes', async () => {
    expect(await fmt('--write', 'ok.payplan', 'messy.payplan')).toEqual({ code: 0, stdout: 'messy.payplan\n', stderr: '' });
    expect(read('messy.payplan')).toBe(formatted);
    expect((await fmt('--check', 'ok.payplan', 'messy.payplan')).code).toBe(0);
  });
  it('--write never touches a plan with parse errors', async () => {
    const r = await fmt('--write', 'broken.payplan', 'messy.payplan');
    expect(r.code).toBe(1);
    expect(read('broken.payplan')).toBe(broken);
    expect(read('messy.payplan')).toBe(formatted);
  });
  it('is a usage error (exit 2) without files, or with both --write and --check', async () => {
    expect((await fmt()).code).toBe(2);
    expect((await fmt('--write', '--check', 'ok.payplan')).code).toBe(2);
  });
});
