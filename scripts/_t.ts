import { check } from '@payplan/core';
for (const n of [4000, 8000, 16000]) {
  const head = 'plan "many consts"\n  currency CNY\n  settle monthly\n  year 2026\n\ntable sales per payee per period\n  revenue money\n\n';
  const text = head + Array.from({ length: n }, (_, i) => `const c${i} = ${i}\n`).join('') + '\ncommission on revenue pay 1%\n';
  const t = performance.now();
  const c = check(text);
  console.log(n, c.diagnostics.length, Math.round(performance.now() - t), 'ms');
}
