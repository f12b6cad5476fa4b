/**
 * `fmt` stays linear in the size of a plan, and alignment has a cap (issue 11): the reproducers
 * `fmt-comments` (40,000 comment lines took 1.4 s and grew quadratically) and `long-name` (every
 * const padded to a 100,000-character name) of ../shared/bad-inputs/make-large.py, generated here
 * at sizes where the quadratic printer would blow the test timeout. Results are asserted, not time.
 */
import { describe, expect, it } from 'vitest';
import { fmt } from './support.js';

const head = 'plan "many consts"\n  currency CNY\n  settle monthly\n  year 2026\n\ntable sales per payee per period\n  revenue  money\n\n';

describe('fmt on large plans', () => {
  it('fmt-comments: 120,000 comment lines are kept in order, in time linear in their number', () => {
    const n = 120_000;
    const text = head + Array.from({ length: n }, (_, i) => `# note ${i}\n`).join('') + 'commission on revenue pay 1%\n';
    const out = fmt(text);
    // Already in the canonical layout: the output is the input.
    expect(out).toBe(text);
  });

  it('long-name: a 100,000-character name does not pad the other consts', () => {
    const long = 'n'.repeat(100_000);
    const text = `${head}const short = 1\nconst ${long} = 2\nconst mid   = 3\n\ncommission on revenue pay 1%\n`;
    const out = fmt(text);
    expect(out.split('\n').slice(8, 11)).toEqual(['const short = 1', `const ${long} = 2`, 'const mid   = 3']);
    expect(fmt(out)).toBe(out);
  });

  it('aligns names up to 40 columns, as before', () => {
    const name = 'a'.repeat(34); // `const ` + 34 = 40 columns
    const out = fmt(`${head}const ${name} = 1\nconst b = 2\n\ncommission on revenue pay 1%\n`);
    expect(out).toContain(`const ${name} = 1\nconst b${' '.repeat(34)}= 2\n`);
    const longer = fmt(`${head}const ${name}a = 1\nconst b = 2\n\ncommission on revenue pay 1%\n`);
    expect(longer).toContain(`const ${name}a = 1\nconst b = 2\n`);
  });

  it('aligns end-of-line comments only on lines up to 80 columns', () => {
    const wide = `const w = ${'1 + '.repeat(20)}1`; // 90 columns
    const out = fmt(`${head}const a = 1  # one\n${wide}  # wide\nconst b = 22 # two\n\ncommission on revenue pay 1%\n`);
    expect(out).toContain(`const a = 1   # one\n${wide}  # wide\nconst b = 22  # two\n`);
    expect(fmt(out)).toBe(out);
  });
});
