/**
 * `npm run replay -- <id> [--check NAME] [--seed S --path P]`: reruns one claim with fast-check
 * pointed straight at its recorded counterexample (seed + path from reports/verification.json),
 * so the failing input is reproduced without searching, and prints it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot, suitePaths } from '../src/engine/registry/paths.js';
import { readReport } from '../src/engine/report/writeReport.js';
import type { ReplayRequest } from '../src/engine/verify/seed.js';

const USAGE = 'usage: npm run replay -- <claim-id> [--check NAME] [--seed S --path P]';
function refuse(message: string): never {
  console.error(`npm run replay: ${message}\n${USAGE}`);
  process.exit(2);
}
let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    strict: true,
    options: { check: { type: 'string' }, seed: { type: 'string' }, path: { type: 'string' } },
  });
} catch (e) {
  refuse((e as Error).message);
}
const [id, ...rest] = parsed.positionals;
if (!id || rest.length) refuse('give exactly one claim id');
const v = parsed.values;
if ((v.seed === undefined) !== (v.path === undefined)) refuse('--seed and --path go together');
if (v.seed !== undefined && !/^-?\d+$/.test(v.seed))
  refuse(`--seed must be an integer (fast-check's seed from the report), got '${v.seed}'`);
const reportFile = join(suitePaths().reportsDir, 'verification.json');

let request: Omit<ReplayRequest, 'claim'>;
if (v.seed !== undefined) {
  if (v.check === undefined) refuse('--check is needed with --seed and --path');
  request = { check: v.check, seed: Number(v.seed), path: v.path! };
} else {
  const r = readReport(reportFile);
  if ('error' in r) refuse(`${r.error}: run npm test first, or pass --check, --seed and --path`);
  const claim = r.report.claims.find((c) => c.id === id);
  if (!claim) refuse(`unknown claim id '${id}' in ${reportFile}`);
  if (!claim.replay)
    refuse(
      `${id} has no replay in the report (verdict ${claim.verdict}); a statistical or explicit-case check is replayed by rerunning with the report's seed: npm test -- --claim ${id} --seed ${r.report.seed}`,
    );
  const recorded = claim.replay as { check?: string; key?: string; seed: number; path: string };
  request = {
    check: v.check ?? recorded.check ?? '',
    ...(v.check === undefined && recorded.key ? { key: recorded.key } : {}),
    seed: recorded.seed,
    path: recorded.path,
  };
}
console.error(
  `replaying ${id} check '${request.key ?? request.check}' with fast-check seed ${request.seed}, path ${request.path}`,
);
const run = spawnSync(
  process.execPath,
  [join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(projectRoot, 'scripts', 'test.ts'), '--claim', id],
  {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, MUON_REPLAY: JSON.stringify({ claim: id, ...request }) },
  },
);
const after = readReport(reportFile);
const c = 'report' in after ? after.report.claims.find((x) => x.id === id) : undefined;
if (c?.counterexample) console.log('\ncounterexample:\n' + JSON.stringify(c.counterexample, null, 2));
process.exit(run.status ?? 1);
