// @ts-check
/**
 * Engine mutation testing: `npx stryker run` (npm run mutants:engine).
 *
 * Mutates the engine — claim registry, verification, report — and runs only the fast, in-process
 * engine tests selected by vitest.stryker.config.ts (no process spawning, no claim property files,
 * no gpu.js tests). Reports land in reports/stryker/ (git-ignored by reports/stryker/.gitignore);
 * the sandbox copy lives in reports/stryker/.tmp and is removed after every run.
 * Surviving mutants that were reviewed and left on purpose are listed in docs/stryker-survivors.md.
 *
 * While iterating on one module: `npm run mutants:engine -- --mutate src/engine/verify/seed.ts --concurrency 1`.
 * (StrykerJS 10 refuses Node < 22 at start-up; scripts/stryker-node20.mjs gets it past that check.)
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: {
    configFile: 'vitest.stryker.config.ts',
    // Run every configured test in the dry run; per-test coverage then picks the tests for each mutant.
    related: false,
  },
  coverageAnalysis: 'perTest',
  // Not needed to run the engine tests, and large: generated reports (and Stryker's own sandboxes
  // under reports/stryker/.tmp), scratch space, the lint toolchain with its own node_modules.
  ignorePatterns: ['/reports', '/scratch', '/tools', '/.vitest'],
  mutate: [
    'src/engine/registry/**/*.ts',
    'src/engine/verify/**/*.ts',
    'src/engine/report/**/*.ts',
    '!src/**/*.test.ts',
    // Interfaces and type aliases only: nothing to mutate.
    '!src/engine/verify/types.ts',
  ],
  // 2 cores on the shared machine.
  concurrency: 2,
  // Static mutants (code that runs only when a module loads: the zod schema's messages and regexes,
  // rule-kind tables) cannot be traced to tests, so Stryker reruns EVERY configured test, with fresh
  // module loading, for each one: about a minute apiece here, hours for a full run. They are left out
  // of the score (reported as Ignored); STRYKER_STATIC=1 includes them for a thorough, slow run.
  ignoreStatic: process.env.STRYKER_STATIC !== '1',
  thresholds: { high: 90, low: 85, break: null },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/stryker/mutation.html' },
  jsonReporter: { fileName: 'reports/stryker/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: 'reports/stryker/.tmp',
  // Stryker rewrites the `extends`/`references` of this tsconfig in its sandbox through TypeScript's JS
  // API (ts.parseConfigFileTextToJson), which TypeScript 7 (the native compiler) no longer ships: the
  // run would crash. Our tsconfig.json has no extends or references and only relative includes, so
  // there is nothing to rewrite; naming a file that does not exist makes Stryker skip the step.
  tsconfigFile: 'tsconfig.stryker-none.json',
  cleanTempDir: 'always',
  // The machine is shared: give slow mutant runs room before calling them timeouts.
  timeoutMS: 10_000,
  dryRunTimeoutMinutes: 10,
};
