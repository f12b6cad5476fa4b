/**
 * Silent answers (issue 20): each folder is a reproducer that gave a wrong or unusable answer
 * without a word. `json-exact`: `--json` carried values cut for display (`"1333.3333333333…"`);
 * `let-not-needed`: a `let` no line needed for a payee stopped the whole run (R003); `pool-all-team`:
 * a pool over an `all` team was funded by every leader above a member (S038); `pool-no-members`: a
 * pool of a leader without members vanished (L013, and a line on the run's summary).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '@payplan/interpreter';
import { Dec } from '@payplan/runtime';
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

describe('pool-all-team: a pool is funded once', () => {
  it('a pool over an `all` team is rejected (S038): each leader above a member would pay them', async () => {
    const r = await runCli(['run', `${dir}/pool-all-team/plan.payplan`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error\[S038\]: `downline` reaches every level below a leader, so a member is in the team of every leader above them/);
    expect(r.stderr).toContain('pool team_pool of 2% of team_margin over downline by weight\n   |                                          ^^^^^^^^');
  });
  it('a pool over a direct team funded by a sum over an `all` team is rejected too', async () => {
    const r = await runCli(['check', `${dir}/pool-all-team/direct.payplan`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error\[S038\]: the pool is funded by `team_margin`, a sum over `downline`, which reaches every level below a leader/);
  });
  it('named, the pool is mia\'s alone: 2% of 200,000 = 4,000 exactly, shared 3 : 2 : 1 : 1', async () => {
    const r = await runCli(['run', `${dir}/pool-all-team/named.payplan`, '--json']);
    expect(r.code).toBe(0);
    const statements = (JSON.parse(r.stdout) as { statements: { payee: string; lines: { exact: string }[] }[] }).statements;
    const exact = statements.map((s) => [s.payee, s.lines[0]!.exact]);
    expect(exact).toEqual([
      ['ana', '1714.285714285714285714285714285714285714'],
      ['bob', '1142.857142857142857142857142857142857143'],
      ['cat', '571.4285714285714285714285714285714285714'],
      ['mia', '0'],
      ['ned', '571.4285714285714285714285714285714285714'],
    ]);
    const paid = statements.reduce((sum, s) => sum.plus(s.lines[0]!.exact), new Dec(0));
    expect(paid.toDecimalPlaces(30).toFixed()).toBe('4000');
  });
});

describe('pool-no-members: a pool paid to nobody is reported', () => {
  const plan = `${dir}/pool-no-members/plan.payplan`;
  it('the plan allows it: L013 at the amount', async () => {
    const r = await runCli(['check', plan]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning\[L013\]: `award` is not funded by a sum over `members`/);
  });
  it('the run lists the three leaders without members, in the table, JSON and (as notes) CSV', async () => {
    const r = await runCli(['run', plan]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Pools paid to nobody:\n  award of ana, 2026-Q1: 5,000.00 EUR not paid: ana has no members [plan line 15]\n  award of bob, 2026-Q1: 5,000.00 EUR not paid: bob has no members [plan line 15]\n  award of ned, 2026-Q1: 5,000.00 EUR not paid: ned has no members [plan line 15]\n');
    expect(r.stdout).toContain('4 statements; total payout 5,000.00 EUR; 3 pools paid to nobody\n');
    const json = JSON.parse((await runCli(['run', plan, '--json', '--payee', 'ned'])).stdout) as { unpaidPools: { pool: string; leader: string; period: string; amount: string; reason: string }[] };
    expect(json.unpaidPools.map((p) => [p.pool, p.leader, p.period, p.amount, p.reason])).toEqual([['award', 'ned', '2026-Q1', '5000.00', 'no members']]);
    const csv = await runCli(['run', plan, '--csv']);
    expect(csv.stderr).toContain('note: pool award of ned, 2026-Q1: 5,000.00 EUR not paid: ned has no members [plan line 15]\n');
  });
  it('members whose weights add up to 0 leave the pool unpaid too', async () => {
    const r = await runCli(['run', plan, '--data', `results=${dir}/pool-no-members/no-weight.csv`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("award of mia, 2026-Q1: 5,000.00 EUR not paid: the members' weights add up to 0 [plan line 15]");
  });
});

describe('the compiled module agrees with the interpreter on the reproducers', () => {
  for (const name of ['json-exact/plan', 'let-not-needed/plan', 'pool-all-team/named', 'pool-no-members/plan']) {
    it(name, async () => {
      const plan = `${dir}/${name}.payplan`;
      const { ir, text, data } = planWithData(plan);
      const { module: m } = await importCompiled(ir, text, plan);
      const expected = evaluate(ir, data);
      expect(expected.value?.statements.length).toBeGreaterThan(0);
      expect(m.evaluate(data)).toEqual(expected);
      expect(m.evaluate(data, { fast: false })).toEqual(expected);
    });
  }
});
