#!/usr/bin/env node
/**
 * `stryker` for Node 20: StrykerJS 10 declares Node ≥ 22 and its CLI module refuses to load on an
 * older version (a semver check of process.version when stryker-cli.js is first evaluated). Nothing
 * Stryker core or the vitest runner uses at run time needs Node 22 (checked: no Array.fromAsync,
 * Promise.withResolvers, Set methods, Map.groupBy, fs.glob in their dist/); vitest is pinned to 3.2,
 * which supports Node 20.
 *
 * So this shows the guard a Node 22 version string for the duration of that one import and then
 * restores the real one before anything runs. On Node ≥ 22 it is a plain pass-through.
 *
 * Usage: node scripts/stryker-node20.mjs run [options]   (same arguments as `stryker`)
 */
const real = Object.getOwnPropertyDescriptor(process, 'version');
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) Object.defineProperty(process, 'version', { ...real, value: 'v22.0.0' });
let StrykerCli;
try {
  ({ StrykerCli } = await import('@stryker-mutator/core'));
} finally {
  Object.defineProperty(process, 'version', real);
}
process.title = 'stryker';
new StrykerCli(process.argv).run();
