import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The engine's fast, in-process unit tests, for Stryker (`npm run mutants:engine`, see stryker.config.mjs).
 *
 * Chosen by what a test file imports, so new tests join or stay out without editing this file:
 * - in: test/*.test.ts that import the engine under mutation (src/engine/registry, verify or report);
 * - out: tests that start other processes — the `npm test` gate and CLI tests on fixture trees
 *   (child_process, test/runSuiteCli.ts, the runner), the browser test of the HTML report
 *   (playwright) — seconds to minutes each, and Stryker would pay that for every mutant they cover;
 * - out: tests that read the source text (test/architecture.test.ts: layering, who reads process.env):
 *   in Stryker's sandbox every mutated file is rewritten with its instrumentation, so they fail there;
 * - out: the mathematics tests (src/math, src/random: no engine code), the gpu.js tests under src/gpu,
 *   the claims' property files (`npm test` runs those) and test/fixtures.
 */
const root = dirname(fileURLToPath(import.meta.url));
const ENGINE = /from ['"]\.\.\/src\/engine\/(registry|verify|report)\//;
const SPAWNS = /from ['"](node:)?child_process['"]|runSuiteCli|runClaimProcess|runSuite\.js|playwright|puppeteer/;
const READS_SOURCES = ['architecture.test.ts'];
const source = (f: string) => readFileSync(join(root, 'test', f), 'utf8');
const engineTests = readdirSync(join(root, 'test'))
  .filter((f) => f.endsWith('.test.ts') && !READS_SOURCES.includes(f))
  .filter((f) => ENGINE.test(source(f)) && !SPAWNS.test(source(f)))
  .map((f) => `test/${f}`);

export default defineConfig({
  test: {
    root,
    include: engineTests,
    exclude: ['test/fixtures/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
