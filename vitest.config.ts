import { defineConfig } from 'vitest/config';

// The engine's own tests. Claims are not vitest tests: `npm test` judges each claim in a killable
// process of its own (src/runner/), because vitest's timeout cannot interrupt synchronous code.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['test/fixtures/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
