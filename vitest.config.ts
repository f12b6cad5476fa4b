import { defineConfig } from 'vitest/config';

// Packages export their TypeScript sources, so tests run against source without a build step.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'packages/**/*.test.ts', 'playground/test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
