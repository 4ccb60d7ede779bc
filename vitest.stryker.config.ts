import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
// vitest 5 targets Node ≥ 22; its reporter needs Map.groupBy, which Node 20 lacks. Stryker's vitest
// runner loads this config in each of its test-runner processes, so the polyfill lands there too.
import './test/node20Polyfills.js';

/**
 * The engine's fast, in-process unit tests, for Stryker (`npx stryker run`, see stryker.config.mjs):
 * test/*.test.ts, except the tests that drive whole runs in child processes (the `npm test` gate on
 * fixture trees: seconds to minutes each, and every mutant would pay for them). Those are found by
 * what they import, so a new process-spawning test cannot slip in and make a Stryker run crawl.
 * Also left out: the gpu.js tests under src/gpu (no engine code), the claims' property files
 * (`npm test` runs those) and test/fixtures.
 */
const root = dirname(fileURLToPath(import.meta.url));
const SPAWNS = /from ['"](node:)?child_process['"]|runSuiteCli|runClaimProcess|runSuite\.js/;
const spawning = readdirSync(join(root, 'test'))
  .filter((f) => f.endsWith('.test.ts') && SPAWNS.test(readFileSync(join(root, 'test', f), 'utf8')))
  .map((f) => `test/${f}`);

export default defineConfig({
  test: {
    root,
    include: ['test/*.test.ts'],
    exclude: ['test/exitCode.test.ts', 'test/gate.test.ts', ...spawning, 'test/fixtures/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
