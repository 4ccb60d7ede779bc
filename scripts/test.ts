/**
 * `npm test [-- --seed N] [--heavy] [--claim ID[,ID…]]`: runs every claim's property file and the
 * engine's own tests under vitest, writes reports/verification.json, and exits non-zero iff some
 * claim's verdict differs from its recorded expectation (or errors) or an engine test fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/registry/paths.js';
import { unexpectedReason } from '../src/verify/verdict.js';
import type { Report } from '../src/report/buildReport.js';

const args = process.argv.slice(2);
const env: NodeJS.ProcessEnv = { ...process.env };
const passThrough: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => {
    const v = args[++i];
    if (v === undefined) { console.error(`${a} needs a value`); process.exit(2); }
    return v;
  };
  if (a === '--seed') env.MUON_SEED = value();
  else if (a.startsWith('--seed=')) env.MUON_SEED = a.slice(7);
  else if (a === '--heavy') env.MUON_HEAVY = '1';
  else if (a === '--claim') env.MUON_CLAIMS = value();
  else if (a.startsWith('--claim=')) env.MUON_CLAIMS = a.slice(8);
  else passThrough.push(a);
}
if (env.MUON_SEED !== undefined && !/^-?\d+$/.test(env.MUON_SEED)) {
  console.error(`--seed must be an integer, got '${env.MUON_SEED}'`);
  process.exit(2);
}
const files = env.MUON_CLAIMS ? env.MUON_CLAIMS.split(',').map((id) => `properties/${id}.property.ts`) : [];
for (const f of files) if (!existsSync(join(projectRoot, f))) { console.error(`--claim: no such property file ${f}`); process.exit(2); }

console.error(`seed ${env.MUON_SEED ?? '(default)'}${env.MUON_HEAVY ? ', heavy mode' : ''}${files.length ? ', claims ' + env.MUON_CLAIMS : ''}`);
const vitest = join(projectRoot, 'node_modules', 'vitest', 'vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', ...files, ...passThrough], { cwd: projectRoot, env, stdio: 'inherit' });

// Belt and braces: the report, not only vitest's exit code, decides.
const reportFile = join(projectRoot, 'reports', 'verification.json');
let reportBad = 0;
if (!existsSync(reportFile)) {
  console.error('reports/verification.json was not written');
  reportBad = 1;
} else {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
  reportBad = report.claims.filter((c) => unexpectedReason(c) !== null).length;
  const skipped = report.claims.filter((c) => c.verdict === 'unchecked').length;
  // The plain closing line CI reads: a claim "passes" when its verdict is as recorded.
  console.log(`\nverification: ${report.claims.length - skipped - reportBad} passed, ${reportBad} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
process.exit(r.status !== 0 || reportBad ? 1 : 0);
