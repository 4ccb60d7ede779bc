/**
 * `npm run replay -- <id> [--check NAME] [--seed S --path P]`: reruns one claim with fast-check
 * pointed straight at its recorded counterexample (seed + path from reports/verification.json),
 * so the failing input is reproduced without searching, and prints it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/engine/registry/paths.js';
import type { Report } from '../src/engine/report/buildReport.js';

const args = process.argv.slice(2);
const id = args.find((a) => !a.startsWith('--'));
const flag = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
if (!id) { console.error('usage: npm run replay -- <claim-id> [--check NAME] [--seed S --path P]'); process.exit(2); }

const reportFile = join(projectRoot, 'reports', 'verification.json');
let replay = { check: flag('check'), seed: flag('seed') ? Number(flag('seed')) : undefined, path: flag('path') };
if (replay.seed === undefined) {
  if (!existsSync(reportFile)) { console.error('no reports/verification.json: run npm test first, or pass --check, --seed and --path'); process.exit(2); }
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
  const claim = report.claims.find((c) => c.id === id);
  if (!claim) { console.error(`unknown claim id '${id}' in ${reportFile}`); process.exit(2); }
  if (!claim.replay) { console.error(`${id} has no replay in the report (verdict ${claim.verdict}); a statistical or explicit-case check is replayed by rerunning with the report's seed: npm test -- --claim ${id} --seed ${report.seed}`); process.exit(2); }
  replay = { check: replay.check ?? claim.replay.check, seed: claim.replay.seed, path: claim.replay.path };
}
console.error(`replaying ${id} check '${replay.check}' with fast-check seed ${replay.seed}, path ${replay.path}`);
const r = spawnSync(process.execPath, [join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(projectRoot, 'scripts', 'test.ts'), '--claim', id], {
  cwd: projectRoot, stdio: 'inherit',
  env: { ...process.env, MUON_REPLAY: JSON.stringify({ claim: id, ...replay }) },
});
if (existsSync(reportFile)) {
  const c = (JSON.parse(readFileSync(reportFile, 'utf8')) as Report).claims.find((x) => x.id === id);
  if (c?.counterexample) console.log('\ncounterexample:\n' + JSON.stringify(c.counterexample, null, 2));
}
process.exit(r.status ?? 1);
