/**
 * Findings of `pnpm fuzz` campaigns, kept as plans beside this file (as the campaign shrank them):
 * each once crashed and must now give coded diagnostics.
 *
 * rate-keyed-by-itself-*: a rate table or split keyed by its own name (`split w by w`, or a renamed
 * key) sent the checker's key resolution round in a circle until the stack overflowed (seed 11,
 * plans inputs 4918, 168050, 324294). It is S008, a cyclic definition, at the use.
 *
 * table-without-data: a duplicated line declared a table (`period`) that no data file fills; its
 * D009 pointed at no file (`<data>`, seed 12, plans input 274195). It now points at the declaration.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '@payplan/core';
import { runCli } from '../support/cli.js';

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

  it('table-without-data: D009 points at the table the plan declares', async () => {
    const r = await runCli(['run', join(here, 'table-without-data', 'plan.payplan')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error[D009]: no data was given for table period; the plan reads it, so supply a file for it');
    expect(r.stderr).toMatch(/plan\.payplan:4:7\n/);
    expect(r.stderr).not.toContain('<data>');
  });
});
