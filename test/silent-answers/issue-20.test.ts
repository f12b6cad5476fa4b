/**
 * Silent answers (issue 20): each folder is a reproducer that gave a wrong or unusable answer
 * without a word. `json-exact`: `--json` carried values cut for display (`"1333.3333333333…"`);
 * `let-not-needed`: a `let` no line needed for a payee stopped the whole run (R003); `pool-all-team`:
 * a pool over an `all` team was funded by every leader above a member (S038); `pool-no-members`: a
 * pool of a leader without members vanished (L013, and a line on the run's summary).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '@payplan/interpreter';
import { runCli } from '../support/cli.js';
import { importCompiled, planWithData } from '../compiler/support.js';

const dir = 'test/silent-answers';

/** Every string of a JSON document with the key it is under. */
function strings(v: unknown, key = ''): [string, string][] {
  if (typeof v === 'string') return [[key, v]];
  if (Array.isArray(v)) return v.flatMap((x) => strings(x, key));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => strings(x, k));
  return [];
}

/** Strings other than the prose a person reads (`detail`, `rule`) that are cut with an ellipsis. */
const cut = (json: string) => strings(JSON.parse(json)).filter(([k, s]) => k !== 'detail' && k !== 'rule' && s.includes('…'));

describe('json-exact: machine output carries exact values', () => {
  const plan = `${dir}/json-exact/plan.payplan`;
  it('run --json: a line rounded only on the total, its values and rows are exact', async () => {
    const r = await runCli(['run', plan, '--json']);
    expect(r.code).toBe(0);
    expect(cut(r.stdout)).toEqual([]);
    const bob = (JSON.parse(r.stdout) as { statements: { payee: string; payout: string; lines: { amount: string; explanation: { rows: { amount: string }[] } }[]; values: { name: string; value: string }[] }[] }).statements.find((s) => s.payee === 'bob')!;
    expect(bob.lines[0]!.amount).toBe('1333.333333333333333333333333333333333333');
    expect(bob.lines[0]!.explanation.rows[0]!.amount).toBe('1333.333333333333333333333333333333333333');
    expect(bob.payout).toBe('1333.33');
    const mia = (JSON.parse(r.stdout) as { statements: { payee: string; values: { name: string; value: string }[] }[] }).statements.find((s) => s.payee === 'mia')!;
    expect(mia.values.find((v) => v.name === 'share')?.value).toBe('66666.66666666666666666666666666666666667');
  });
  it('explain --json is exact; the text forms cut long decimals for display', async () => {
    const r = await runCli(['explain', plan, '--payee', 'cat', '--period', '2026-Q1', '--json']);
    expect(cut(r.stdout)).toEqual([]);
    expect(r.stdout).toContain('"amount": "666.6666666666666666666666666666666666667"');
    const text = await runCli(['explain', plan, '--payee', 'cat', '--period', '2026-Q1']);
    expect(text.stdout).toContain('team_pool: 666.6666666666… EUR');
    const table = await runCli(['run', plan]);
    expect(table.stdout).toContain('bob    2026-Q1  1,333.3333333333…      1,333.33');
  });
  it('diff --json is exact', async () => {
    const r = await runCli(['diff', plan, `${dir}/json-exact/plan-3pct.payplan`, '--json']);
    expect(r.code).toBe(0);
    expect(cut(r.stdout)).toEqual([]);
    expect(r.stdout).toContain('"change": "666.666666666666666666666666666666666667"');
    const text = await runCli(['diff', plan, `${dir}/json-exact/plan-3pct.payplan`]);
    expect(text.stdout).toContain('team_pool +666.6666666666…');
  });
});

describe('let-not-needed: a value no line needs does not stop the run', () => {
  const plan = `${dir}/let-not-needed/plan.payplan`;
  it('bob has no quota: his statement leaves attainment off, ana is paid her accelerator', async () => {
    const r = await runCli(['run', plan]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ana    2026-Q1    2,500.00     1,000.00      3,500.00');
    expect(r.stdout).toContain('bob    2026-Q1    1,000.00         0.00      1,000.00');
    const bob = await runCli(['explain', plan, '--payee', 'bob', '--period', '2026-Q1']);
    expect(bob.stdout).toContain('  using   T = (not set)\n');
    expect(bob.stdout).toContain('values: revenue = 20000.00\n');
    const ana = await runCli(['explain', plan, '--payee', 'ana', '--period', '2026-Q1']);
    expect(ana.stdout).toContain('values: T = 40000.00, revenue = 50000.00, attainment = 125%\n');
  });
  it('a line that needs the value still fails, for the payee it concerns', async () => {
    const r = await runCli(['run', `${dir}/let-not-needed/needs.payplan`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error\[R003\]: bob, 2026-Q1: a value used here is empty; guard optional columns with `is set`\n {2}--> test\/silent-answers\/let-not-needed\/needs.payplan:15:28\n/);
  });
});

describe('the compiled module agrees with the interpreter on the reproducers', () => {
  for (const name of ['json-exact', 'let-not-needed']) {
    it(name, async () => {
      const plan = `${dir}/${name}/plan.payplan`;
      const { ir, text, data } = planWithData(plan);
      const { module: m } = await importCompiled(ir, text, plan);
      const expected = evaluate(ir, data);
      expect(expected.value?.statements.length).toBeGreaterThan(0);
      expect(m.evaluate(data)).toEqual(expected);
      expect(m.evaluate(data, { fast: false })).toEqual(expected);
    });
  }
});
