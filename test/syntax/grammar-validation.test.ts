/**
 * The parser is built without Chevrotain's grammar validations (a third of its construction time);
 * this test runs them, so an ambiguous or left-recursive rule still fails the build.
 */
import { describe, expect, it } from 'vitest';
import { PlanParser } from '@payplan/syntax';

describe('the plan grammar', () => {
  it("passes Chevrotain's grammar validations, which the parser skips when it is built for use", () => {
    expect(() => new PlanParser({ validate: true })).not.toThrow();
  });
});
