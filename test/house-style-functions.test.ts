/**
 * House style: no function under `packages/<name>/src` is longer than 200 lines (issue 12; most
 * should stay well under 60). Lengths come from scripts/longest-functions.ts (`pnpm longest`).
 */
import { describe, expect, it } from 'vitest';
import { functionLengths } from '../scripts/longest-functions.js';

const LIMIT = 200;

describe('function length', () => {
  const lengths = functionLengths();
  const over = lengths.filter((f) => f.lines > LIMIT);

  it('measures the workspace', () => {
    // A scan that found nothing would pass everything: the checker's entry alone is a function.
    expect(lengths.some((f) => f.file === 'packages/checker/src/lower.ts' && f.name === 'checkPlan')).toBe(true);
  });

  it(`no function is longer than ${LIMIT} lines`, () => {
    expect(over.map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`)).toEqual([]);
  });
});
