/**
 * The starter `payplan init` writes: a plan with two rules, the data beside it (deals.csv and
 * quotas.csv, which `payplan run` finds by table name) and examples that pass. As written it passes
 * `payplan test`, `payplan check --strict` and `payplan fmt --check` (test/cli/init.test.ts).
 */
export const starterFiles: Readonly<Record<string, string>> = {
  'plan.payplan': `# A starter plan: quarterly commission on sales against a quota, with an accelerator above it.
# Edit it, then: payplan check plan.payplan --strict, payplan test, payplan run plan.payplan
plan "Starter plan 2026"
  currency USD
  settle quarterly
  round half_up to 0.01 per total
  year 2026

table deals     # one row per closed deal (deals.csv)
  id      text key
  rep     payee
  closed  date  # decides the settlement period
  amount  money

table quotas per payee per period  # one row per rep and quarter (quotas.csv)
  quota  money

base sales = sum of amount over deals

commission on sales marginal  # each band's rate applies to the part of sales in it
  below quota  pay 5%
  from quota   pay 8%

bonus when sales >= 120% of quota pay 1,000

example "a rep above quota"
  quotas: payee=ana period=2026-Q1 quota=100,000
  deals: id=1 rep=ana closed=2026-02-10 amount=80,000
  deals: id=2 rep=ana closed=2026-03-05 amount=50,000
  expect ana 2026-Q1 commission = 7,400.00  # 5% of 100,000 + 8% of 30,000
  expect ana 2026-Q1 bonus = 1,000.00       # 130,000 is at least 120% of the quota
  expect ana 2026-Q1 payout = 8,400.00

example "a rep below quota"
  quotas: payee=bob period=2026-Q1 quota=100,000
  deals: id=3 rep=bob closed=2026-01-20 amount=60,000
  expect bob 2026-Q1 commission = 3,000.00
  expect bob 2026-Q1 bonus = 0.00
`,
  'deals.csv': `id,rep,closed,amount
1,ana,2026-02-10,80000.00
2,ana,2026-03-05,50000.00
3,bob,2026-01-20,60000.00
4,ana,2026-04-15,45000.00
5,bob,2026-05-02,110000.00
`,
  'quotas.csv': `payee,period,quota
ana,2026-Q1,100000.00
bob,2026-Q1,100000.00
ana,2026-Q2,100000.00
bob,2026-Q2,90000.00
`,
};
