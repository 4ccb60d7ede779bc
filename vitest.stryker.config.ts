import { defineConfig } from 'vitest/config';
// vitest 5 targets Node ≥ 22; its reporter needs Map.groupBy, which Node 20 lacks. Stryker's vitest
// runner loads this config in each of its test-runner processes, so the polyfill lands there too.
import './test/node20Polyfills.js';

/**
 * The engine's fast, in-process unit tests, for Stryker (`npx stryker run`, see stryker.config.json).
 * Left out: test/exitCode.test.ts (spawns a whole vitest run on the fixture suite), the property files
 * (the claims themselves: minutes of linear algebra and Monte Carlo), the gpu.js tests under src/gpu,
 * and the global setup (it writes reports/verification.json and probes the GPU backend).
 */
export default defineConfig({
  test: {
    include: ['test/*.test.ts'],
    exclude: ['test/exitCode.test.ts', 'test/fixtures/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
