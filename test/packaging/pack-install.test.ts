/**
 * Installable like any npm tool: packs @payplan/runtime and the `payplan` CLI as they would be
 * published (`pnpm pack`, whose prepack builds them), installs the tarballs with npm into an empty
 * project, compiles a shipped example with the installed CLI, and imports the compiled `.js` from
 * plain `node` (no loader, no tsx). Offline and so not flaky: the runtime's own dependencies
 * (decimal.js, zod) and the CLI's (typescript) are packed from this workspace's node_modules; the CLI
 * bundles everything else.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../support/plans.js';

const work = mkdtempSync(join(tmpdir(), 'payplan-pack-'));
const project = join(work, 'project');
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });

/** A dependency installed in the workspace, as a tarball npm can install (hard links written as files). */
function packInstalled(from: string, name: string): string {
  const dir = dirname(realpathSync(createRequire(join(root, from, 'package.json')).resolve(`${name}/package.json`)));
  const tarball = join(work, `${name}.tgz`);
  run('tar', ['czhf', tarball, '--hard-dereference', '-C', dirname(dir), name], root);
  return tarball;
}

beforeAll(() => {
  for (const pkg of ['packages/runtime', 'packages/cli']) run('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', work], join(root, pkg));
  const ours = readdirSync(work).filter((f) => f.endsWith('.tgz')).map((f) => join(work, f));
  const theirs = [packInstalled('packages/runtime', 'decimal.js'), packInstalled('packages/runtime', 'zod'), packInstalled('packages/cli', 'typescript')];
  cpSync(join(root, 'examples/account-executive'), join(project, 'plans/ae'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-payplan', private: true, type: 'module' }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...ours, ...theirs], project);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed runtime and CLI, installed with npm', () => {
  it('ship built JavaScript with declarations, and no TypeScript sources or tsx', () => {
    const runtime = JSON.parse(readFileSync(join(project, 'node_modules/@payplan/runtime/package.json'), 'utf8'));
    expect(runtime.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
    expect(runtime.exports['./compiled']).toEqual({ types: './dist/compiled/index.d.ts', import: './dist/compiled/index.js' });
    expect(readdirSync(join(project, 'node_modules/@payplan/runtime'))).toEqual(expect.not.arrayContaining(['src']));
    const cli = JSON.parse(readFileSync(join(project, 'node_modules/payplan/package.json'), 'utf8'));
    expect(cli.bin).toEqual({ payplan: './dist/payplan.js' });
    expect(Object.keys(cli.dependencies)).toEqual(['typescript']);
    expect(readdirSync(join(project, 'node_modules'))).not.toContain('tsx');
  });

  it('runs the installed command with plain node', () => {
    const bin = join(project, 'node_modules/.bin/payplan');
    expect(run(bin, ['--version'], project).trim()).toBe(JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version);
    expect(run(bin, ['check', 'plans/ae/plan.payplan'], project)).toBe('plans/ae/plan.payplan: ok (3 rules, 2 tables)\n');
    // `run` on CSV files through the installed CLI (the streaming path imports its compiled module's
    // runtime from the installed @payplan/runtime; where none resolves, stream-run.ts takes the usual path).
    expect(run(bin, ['run', 'plans/ae/plan.payplan'], project)).toMatch(/^5 statements; total payout 27,385\.60 CNY$/m);
  });

  it('compiles a shipped example that plain node imports and runs to the golden payouts', () => {
    run(join(project, 'node_modules/.bin/payplan'), ['compile', 'plans/ae/plan.payplan', '--js', '-o', 'plans/ae/plan.js'], project);
    writeFileSync(
      join(project, 'pay.mjs'),
      `import { readFileSync } from 'node:fs';
import { computePayouts } from './plans/ae/plan.js';
const rows = (file) => {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split(/\\r?\\n/).map((l) => l.split(','));
  return lines.map((cells) => Object.fromEntries(head.map((h, i) => [h, cells[i]])));
};
console.log(JSON.stringify(computePayouts({ deals: rows('plans/ae/deals.csv'), quotas: rows('plans/ae/quotas.csv') })));
`,
    );
    const payouts = JSON.parse(run(process.execPath, ['pay.mjs'], project)) as { payee: string; period: string; payout: string }[];
    const golden = JSON.parse(readFileSync(join(root, 'examples/account-executive/plan.statements.json'), 'utf8')) as { statements: { payee: string; period: string; payout: string }[] };
    expect(payouts).toEqual(golden.statements.map(({ payee, period, payout }) => ({ payee, period, payout })));
    expect(payouts.map((p) => p.payout)).toEqual(['15400.00', '2085.00', '0.00', '4000.00', '5900.60']);
    expect(readFileSync(join(project, 'plans/ae/plan.d.ts'), 'utf8')).toContain('export interface DealsRow');
  });
});
