/**
 * Golden formatting: each `cases/<name>.payplan` (a messy input) formats to exactly
 * `cases/<name>.formatted.payplan`, and the expected file is itself already formatted. Rewrite the
 * expectations with `UPDATE_GOLDEN=1 npx vitest run test/fmt` and review them with `git diff`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { golden, plansUnder, root } from '../support/plans.js';
import { fmt } from './support.js';

const inputs = plansUnder('test/fmt/cases').filter((p) => !p.endsWith('.formatted.payplan'));

describe('fmt golden cases', () => {
  it('finds the cases', () => expect(inputs.length).toBeGreaterThanOrEqual(5));
  for (const input of inputs) {
    it(input, () => {
      const actual = fmt(readFileSync(join(root, input), 'utf8'));
      const expected = golden(input.replace(/\.payplan$/, '.formatted.payplan'), actual);
      expect(actual).toBe(expected);
      expect(fmt(expected)).toBe(expected);
    });
  }
});
