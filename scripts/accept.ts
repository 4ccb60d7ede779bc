/**
 * `npm run accept -- <id> [--change]`: records the verdict the last run found into claims/<id>.md
 * (`expected: pass|fail`). For a new claim (`expected: unknown`) after you have read its result.
 * Refuses: a claim not judged in the last run, files changed since that run, an error, a `fail`
 * without a corrected statement whose checks pass, and (without --change) a recorded verdict.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { discoverClaims } from '../src/engine/registry/discover.js';
import { loadClaim } from '../src/engine/registry/loadClaim.js';
import { suitePaths } from '../src/engine/registry/paths.js';
import { readReport, writeFileAtomic } from '../src/engine/report/writeReport.js';

function refuse(message: string): never {
  console.error(`npm run accept: ${message}`);
  process.exit(2);
}
let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    strict: true,
    options: { change: { type: 'boolean' } },
  });
} catch (e) {
  refuse(`${(e as Error).message}\nusage: npm run accept -- <claim-id> [--change]`);
}
const [id, ...rest] = parsed.positionals;
if (!id || rest.length) refuse('usage: npm run accept -- <claim-id> [--change]');
const paths = suitePaths();
const found = discoverClaims(paths).find((c) => c.id === id);
if (!found?.claimFile) refuse(`no claim '${id}' in claims/`);
const claimFile = found.claimFile;
const loaded = loadClaim(claimFile);
if (!loaded.ok) refuse(loaded.error);
const r = readReport(join(paths.reportsDir, 'verification.json'));
if ('error' in r) refuse(`${r.error}: run npm test -- --claim ${id} first`);
const result = r.report.claims.find((c) => c.id === id);
if (!result || result.verdict === 'unchecked')
  refuse(`${id} was not judged in the last run: npm test -- --claim ${id}`);
const started = Date.parse(r.report.startedAt ?? r.report.generatedAt);
for (const f of [claimFile, found.propertyFile]) {
  if (f && statSync(f).mtimeMs > started)
    refuse(
      `${relative(paths.root, f)} changed after the last run (run ${r.report.runId ?? '?'}): run npm test -- --claim ${id} again`,
    );
}
if (result.verdict === 'error') refuse(`${id}'s verdict is error — nothing to record: ${result.error}`);
if (result.verdict !== 'pass' && result.verdict !== 'fail') refuse(`${id}'s verdict is ${String(result.verdict)}`);
if (result.verdict === 'fail') {
  if (!loaded.claim.corrected)
    refuse(
      `${id} fails as written: add a 'corrected' statement to ${relative(paths.root, claimFile)} and its checks to the property file, run it, then accept`,
    );
  if (result.corrected?.verdict !== 'pass')
    refuse(
      `${id} fails as written, and its corrected statement's verdict is ${result.corrected?.verdict ?? 'missing'}, not pass`,
    );
  if (result.counterexample === null) refuse(`${id} fails without evidence`);
  if (!result.failure)
    refuse(
      `${id} fails as written: say how in ${relative(paths.root, claimFile)} (failure: { kind: substance | hypothesis | notation | wording, summary }; a claim recorded as pass cannot carry one, so set expected: unknown first) and back the kind in the property file (README, "How a claim fails"), run it, then accept`,
    );
}
const current = loaded.claim.expected;
if (current === result.verdict) {
  console.log(`${id}: expected is already ${current}`);
  process.exit(0);
}
if (current !== 'unknown' && !parsed.values.change)
  refuse(
    `${id} is recorded as ${current} and the run found ${result.verdict}: a changed verdict is a finding — read it, then pass --change to record it`,
  );
const text = readFileSync(claimFile, 'utf8');
const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)!;
const lines = fm[1].split('\n');
const at = lines.findIndex((l) => /^expected:\s*/.test(l));
if (at < 0) refuse(`${relative(paths.root, claimFile)}: no 'expected:' line in the front matter`);
lines[at] = `expected: ${result.verdict}`;
writeFileAtomic(claimFile, text.replace(fm[1], lines.join('\n')));
console.log(
  `${id}: recorded expected: ${result.verdict} (was ${current}) in ${relative(paths.root, claimFile)}, from run ${r.report.runId ?? '?'} (seed ${r.report.seed})`,
);
