/**
 * A large plan for timing parse + check: the benchmark plan's tables, then blocks of constants,
 * derived values, bases, tiered commissions, bonuses and per-row rules until it is about `lines`
 * lines long. Deterministic, and checks without errors.
 */
export function bigPlan(lines = 2000): string {
  const out: string[] = [
    '# A generated plan, only for timing parse + check.',
    'plan "Large 2026"',
    '  currency CNY',
    '  settle quarterly',
    '  round half_up to 0.01 per total',
    '  year 2026',
    '',
    'table deals',
    '  id      text key',
    '  rep     payee',
    '  closed  date',
    '  qty     count',
    '  price   money',
    '  cost    money',
    '',
    'table quotas per payee per period',
    '  T  money',
    '',
  ];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `# block ${i}`,
      `const P${i} = ${100 + (i % 50)}.50`,
      `const r${i} = ${(i % 9) + 1}%`,
      `let A${i} = ${(i % 40) + 10}% of T`,
      `let B${i} = A${i} + P${i} * 100`,
      `base m${i} = sum of qty * (price - cost) over deals where price > P${i}`,
      `base n${i} = count of deals where qty > ${i % 10}`,
      `commission c${i} on m${i} whole`,
      `  below A${i}  pay 0`,
      `  A${i} .. B${i}  pay 2%`,
      `  from B${i}  pay 3% of B${i} + r${i} of excess`,
      `bonus b${i} when m${i} >= B${i} and n${i} > 3 pay 100`,
      `for each deal in deals where qty > ${i % 10}`,
      `  pd${i} when price > P${i} pay r${i} of (price - P${i}) * qty`,
      '',
    );
  }
  return out.join('\n') + '\n';
}
