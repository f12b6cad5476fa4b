/**
 * Findings of `pnpm fuzz` campaigns, kept as plans beside this file (as the campaign shrank them):
 * each once crashed and must now give coded diagnostics.
 *
 * rate-keyed-by-itself-*: a rate table or split keyed by its own name (`split w by w`, or a renamed
 * key) sent the checker's key resolution round in a circle until the stack overflowed (seed 11,
 * plans inputs 4918, 168050, 324294). It is S008, a cyclic definition, at the use.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '@payplan/core';

const here = join(dirname(fileURLToPath(import.meta.url)), 'findings');

describe('fuzz findings', () => {
  for (const file of readdirSync(here).filter((f) => f.startsWith('rate-keyed-by-itself-'))) {
    it(`${file}: a rate table keyed by itself is S008, not a stack overflow`, () => {
      const checked = check(readFileSync(join(here, file), 'utf8'), file);
      const cycles = checked.diagnostics.filter((d) => d.code === 'S008');
      expect(cycles.length).toBeGreaterThan(0);
      expect(cycles[0]!.message).toMatch(/^the rate table `(\w+)` is keyed by itself: \1 → \1$/);
    });
  }

  it('a rate table keyed by another that is keyed by the first names the whole circle', () => {
    const text = `plan "p"\n  currency EUR\n  settle quarterly\n\ntable deals\n  id text key\n  rep payee\n  closed date\n  amount money\n\nrates a by b\n  "x"  1%\n  else 2%\n\nrates b by a\n  "x"  1%\n  else 2%\n\nfor each deal in deals\n  extra pay a of amount\n`;
    const checked = check(text);
    expect(checked.diagnostics.map((d) => d.code)).toContain('S008');
    expect(checked.diagnostics.find((d) => d.code === 'S008')!.message).toBe('the rate table `a` is keyed by itself: a → b → a');
  });
});
