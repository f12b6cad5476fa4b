/**
 * `payplan diff` golden tests: the account-executive plan before and after a change (v1, v2 in
 * account-executive/, run on the data beside them) must print exactly the checked-in text and JSON;
 * the same pair read from git revisions in a throwaway repository must print the checked-in text;
 * and the structural comparison is checked case by case, one row per kind of change. Rewrite the
 * golden files with UPDATE_GOLDEN=1 and review them with git diff.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, diffPlans, structuralChanges, type PlanDiff } from '@payplan/core';
import { runCli } from '../support/cli.js';
import { golden, root } from '../support/plans.js';

const dir = 'test/diff/account-executive';

const cli = runCli;

describe('payplan diff on two files', () => {
  it('prints the changed rules, the totals and the movers as text', async () => {
    const r = await cli(['diff', `${dir}/v1.payplan`, `${dir}/v2.payplan`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(golden(`${dir}/v1-v2.diff.txt`, r.stdout));
    // The new version's own warnings are shown too: raising the band below T made a cliff at T.
    expect(r.stderr).toContain('warning[L003]');
    expect(r.stderr).toContain(`${dir}/v2.payplan:33:8`);
  });

  it('prints the same as JSON, in the documented shape', async () => {
    const r = await cli(['diff', `${dir}/v1.payplan`, `${dir}/v2.payplan`, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(golden(`${dir}/v1-v2.diff.json`, r.stdout));
    const d = JSON.parse(r.stdout) as PlanDiff;
    expect(Object.keys(d)).toEqual(['old', 'new', 'totals', 'counts', 'structural', 'statements']);
    expect(d.totals).toEqual({ before: '29385.60', after: '34435.75', change: '5050.15' });
    expect(d.statements.map((s) => s.payee)).toEqual(['ana', 'cat', 'eve', 'bob', 'dan']);
    expect(d.structural).toContainEqual({ change: 'changed', subject: 'commission', text: 'band T2 .. T pays 6% (was 5%)', oldLine: 32, newLine: 32 });
  });

  it('shows nothing changed when a plan is compared with itself', async () => {
    const r = await cli(['diff', `${dir}/v1.payplan`, `${dir}/v1.payplan`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Rules: no change');
    expect(r.stdout).toContain('5 statements: 0 changed, 5 unchanged');
    expect(r.stdout).not.toContain('Statements, largest change first');
  });

  it('reports errors in either version with its file name, and exits 1', async () => {
    const r = await cli(['diff', `${dir}/v1.payplan`, `${dir}/broken.payplan`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(golden(`${dir}/broken.stderr.txt`, r.stderr));
  });

  it('takes --data pairs, and refuses a table neither plan has', async () => {
    const ok = await cli(['diff', `${dir}/v1.payplan`, `${dir}/v2.payplan`, '--data', `quotas=examples/account-executive/quotas.csv`]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).not.toContain('cat    2026-Q1'); // with the example's quotas, cat stays below every band that changed
    const bad = await cli(['diff', `${dir}/v1.payplan`, `${dir}/v2.payplan`, '--data', 'orders=orders.csv']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('neither plan has a table `orders`');
  });

  it('is a usage mistake without two plans', async () => {
    const r = await cli(['diff', `${dir}/v1.payplan`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: payplan diff');
  });
});

describe('payplan diff on git revisions', () => {
  let repo = '';
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=payplan', '-c', 'user.email=payplan@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, stdio: 'pipe' });

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'payplan-diff-'));
    git('init', '-q');
    for (const f of ['deals.csv', 'quotas.csv']) copyFileSync(join(root, dir, f), join(repo, f));
    copyFileSync(join(root, dir, 'v1.payplan'), join(repo, 'plan.payplan'));
    git('add', '.');
    git('commit', '-q', '-m', 'v1');
    copyFileSync(join(root, dir, 'v2.payplan'), join(repo, 'plan.payplan'));
    git('commit', '-q', '-am', 'v2');
    writeFileSync(join(repo, 'broken.payplan'), readFileSync(join(root, dir, 'broken.payplan')));
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('reads REV:path with git show, and compares it with the working copy on the data beside it', async () => {
    const r = await cli(['diff', 'HEAD~1:plan.payplan', 'plan.payplan'], repo);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(golden(`${dir}/git.diff.txt`, r.stdout));
    expect(r.stderr).toContain('--> plan.payplan:33:8');
  });

  it('compares two revisions, the data coming from the working tree', async () => {
    const r = await cli(['diff', 'HEAD~1:plan.payplan', 'HEAD:plan.payplan', '--json'], repo);
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout) as PlanDiff;
    expect([d.old.file, d.new.file]).toEqual(['HEAD~1:plan.payplan', 'HEAD:plan.payplan']);
    expect(d.totals.change).toBe('5050.15');
    expect(r.stderr).toContain('--> HEAD:plan.payplan:33:8');
  });

  it('labels the errors of each version with its name', async () => {
    const r = await cli(['diff', 'HEAD:plan.payplan', 'broken.payplan'], repo);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--> broken.payplan:15:15');
    expect(r.stderr).toContain('did you mean `margin`?');
  });

  it('says clearly when git cannot read the revision', async () => {
    const r = await cli(['diff', 'HEAD~7:plan.payplan', 'HEAD:plan.payplan'], repo);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: cannot read HEAD~7:plan\.payplan: it is not a file, and git could not read it as REVISION:PATH \(.+\)\n$/);
  });
});

describe('structural changes, in words', () => {
  const prelude = `plan "P"
  currency EUR
  settle quarterly

table deals
  id     text key
  rep    payee
  closed date
  amount money

table quotas per payee per period
  T  money

base revenue = sum of amount over deals
`;
  const changes = (before: string, after: string) => {
    const [b, a] = [check(prelude + before, 'old.payplan'), check(prelude + after, 'new.payplan')];
    expect(b.ir, 'the old plan must check').toBeDefined();
    expect(a.ir, 'the new plan must check').toBeDefined();
    return structuralChanges(b, a).map((c) => `${c.change} ${c.subject}: ${c.text}`);
  };
  const tiers = (mode: string, ...bands: string[]) => `commission on revenue ${mode}\n${bands.map((b) => `  ${b}\n`).join('')}`;

  const cases: [string, string, string, string[]][] = [
    ['nothing but layout, comments and digit grouping', 'const k = 2,000\nbonus when revenue >= k pay 1,000\n', 'const k   = 2000   # same\nbonus when (revenue >= k) pay 1000\n', []],
    ['a constant', 'const rp = 20%\nbonus when revenue >= T pay rp of T\n', 'const rp = 25%\nbonus when revenue >= T pay rp of T\n', ['changed const rp: 25% (was 20%)']],
    ['a let becomes a const', 'let k = 50% of T\nbonus when revenue >= k pay 100\n', 'const k = 1,000\nbonus when revenue >= k pay 100\n', ['changed const k: is now a const: 1,000 (was a let: 50% of T)']],
    ['a base', '', 'base revenue2 = sum of amount over deals where amount > 0\n', ['added base revenue2: added (sum of amount over deals where amount > 0)']],
    [
      'a band rate, and the mode',
      tiers('whole', 'below T pay 0', 'from T pay 5%'),
      tiers('marginal', 'below T pay 0', 'from T pay 6%'),
      ['changed commission: tiers are now marginal (were whole)', 'changed commission: band from T pays 6% (was 5%)'],
    ],
    [
      'a threshold moved',
      tiers('whole', 'below T pay 0', 'T .. 2 * T pay 3%', 'from 2 * T pay 5%'),
      tiers('whole', 'below T pay 0', 'T .. 3 * T pay 3%', 'from 3 * T pay 5%'),
      ['changed commission: band T .. 2 * T is now T .. 3 * T', 'changed commission: band from 2 * T is now from 3 * T'],
    ],
    [
      'a band added',
      tiers('whole', 'below T pay 0', 'from T pay 5%'),
      tiers('whole', 'below T pay 0', 'T .. 2 * T pay 5%', 'from 2 * T pay 7%'),
      ['changed commission: band T .. 2 * T added, pays 5%', 'changed commission: band from 2 * T added, pays 7%', 'changed commission: band from T removed (paid 5%)'],
    ],
    ['flat to tiered', 'commission on revenue pay 5%\n', tiers('whole', 'below T pay 0', 'from T pay 5%'), ['changed commission: is now tiered, whole (was a flat 5%)', 'changed commission: band below T added, pays 0', 'changed commission: band from T added, pays 5%']],
    ['a bonus amount and condition', 'bonus when revenue >= T pay 1,000\n', 'bonus when revenue > T pay 1,500\n', ['changed bonus: now pays when revenue > T (was when revenue >= T)', 'changed bonus: pays 1,500 (was 1,000)']],
    ['a rename', 'bonus kicker when revenue >= T pay 1,000\n', 'bonus stretch when revenue >= T pay 1,000\n', ['renamed stretch: renamed from kicker']],
    ['a component removed', 'bonus kicker when revenue >= T pay 1,000\ncommission on revenue pay 1%\n', 'commission on revenue pay 1%\n', ['removed kicker: removed (was bonus kicker when revenue >= T pay 1,000)']],
    ['a cap added and a floor changed', 'commission on revenue pay 5%\nfloor payout at 0\n', 'commission on revenue pay 5%\ncap commission at 2 * T\nfloor payout at 100\n', ['added cap commission: added (at 2 * T)', 'changed floor payout: is now at 100 (was at 0)']],
    [
      'a rate table entry',
      'rates r by rep\n  "ana"  5%\n  else   3%\nfor each deal in deals\n  extra pay r of amount\n',
      'rates r by rep\n  "ana"  6%\n  "bob"  4%\n  else   2%\nfor each deal in deals\n  extra pay r of amount\n',
      ['changed rates r: "ana" is 6% (was 5%)', 'added rates r: "bob" added (4%)', 'changed rates r: else 2% (was 3%)'],
    ],
    [
      'a per-row rule',
      'for each deal in deals\n  require amount >= 0 else "negative"\n  extra when amount > 100 pay 1% of amount\n',
      'for each deal in deals where amount < 1,000,000\n  extra when amount > 200 pay 1% of amount\n',
      ['changed extra: now applies to rows where amount < 1,000,000 (was every row)', 'changed extra: now pays when amount > 200 (was when amount > 100)', 'removed require in deals: removed (was require amount >= 0 else "negative")'],
    ],
    [
      'steps',
      'let att = revenue / T\nstep bonus on att highest\n  at 100%  pay 1,000\n  at 120%  pay 3,000\n',
      'let att = revenue / T\nstep bonus on att every\n  at 100%  pay 1,000\n  at 120%  pay 2,000\n  at 150%  pay 4,000\n',
      ['changed step_bonus: now pays every step passed (was the highest step reached)', 'changed step_bonus: step at 120% pays 2,000 (was 3,000)', 'changed step_bonus: step at 150% added, pays 4,000'],
    ],
  ];
  for (const [what, before, after, expected] of cases) it(what, () => expect(changes(before, after)).toEqual(expected));

  it('the header: settlement, rounding and name', () => {
    const b = check(prelude, 'old.payplan');
    const a = check(prelude.replace('plan "P"', 'plan "Q"').replace('settle quarterly', 'settle monthly\n  round half_even to 1 per total'), 'new.payplan');
    expect(structuralChanges(b, a).map((c) => c.text)).toEqual(['is now named "Q" (was "P")', 'settles by month (was by quarter)', 'rounds half_even to 1 per total (was half_up to 0.01 per line)']);
  });
});

describe('statements only one version has', () => {
  it('are listed as added and removed, and counted in the totals', () => {
    const plan = (settle: string) => `plan "P"\n  currency EUR\n  settle ${settle}\n\ntable deals\n  id     text key\n  rep    payee\n  closed date\n  amount money\n\nbase revenue = sum of amount over deals\ncommission on revenue pay 10%\n`;
    const rows = [
      { id: '1', rep: 'ana', closed: '2026-01-10', amount: '1000' },
      { id: '2', rep: 'ana', closed: '2026-02-10', amount: '500' },
    ];
    const inputs = [{ table: 'deals', file: 'deals.json', rows }];
    const { diff } = diffPlans({ text: plan('quarterly'), file: 'old.payplan', inputs }, { text: plan('monthly'), file: 'new.payplan', inputs });
    expect(diff).toBeDefined();
    expect(diff!.statements.map((s) => [s.period, s.status, s.before, s.after, s.change])).toEqual([
      ['2026-Q1', 'removed', '150.00', null, '-150.00'],
      ['2026-01', 'added', null, '100.00', '100.00'],
      ['2026-02', 'added', null, '50.00', '50.00'],
    ]);
    expect(diff!.totals).toEqual({ before: '150.00', after: '150.00', change: '0.00' });
    expect(diff!.counts).toEqual({ statements: 3, changed: 0, unchanged: 0, added: 2, removed: 1 });
  });
});
