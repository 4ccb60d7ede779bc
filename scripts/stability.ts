/**
 * `npm run stability [-- --seeds 20] [--from S]`: the whole claim suite under several run seeds
 * (S, S+1, …; default S = 1), each run in full through `npm test`'s runner. Writes
 * reports/stability.json as { seeds, claims: { id: [verdict per seed] }, flips }. A claim whose
 * verdict changes with the seed is a bug in a statistic or a tolerance: fix the rule, never the seed.
 * Exits 1 if any claim flips or any run errors.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { suitePaths } from '../src/engine/registry/paths.js';
import { writeFileAtomic } from '../src/engine/report/writeReport.js';
import { toJson } from '../src/engine/report/json.js';
import { parseSuiteArgs } from '../src/engine/runner/options.js';
import { runSuite } from '../src/engine/runner/runSuite.js';
import { MAX_SEED } from '../src/engine/verify/seed.js';

let v;
try {
  ({ values: v } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      seeds: { type: 'string' },
      from: { type: 'string' },
      claim: { type: 'string' },
      jobs: { type: 'string' },
    },
  }));
} catch (e) {
  console.error(
    `npm run stability: ${(e as Error).message}\nusage: npm run stability -- [--seeds N] [--from S] [--claim ID,…] [--jobs N]`,
  );
  process.exit(2);
}
const n = Number(v.seeds ?? 20),
  from = Number(v.from ?? 1);
if (!Number.isInteger(n) || n < 2 || n > 1000 || !Number.isInteger(from) || from < 0 || from + n - 1 > MAX_SEED) {
  console.error('--seeds must be an integer from 2 to 1000 and --from a seed such that every seed is in range');
  process.exit(2);
}
const seeds = Array.from({ length: n }, (_, i) => from + i);
const paths = suitePaths();
const claims: Record<string, string[]> = {};
const runErrors: { seed: number; errors: string[] }[] = [];
/** Every claim error, by seed: an error is a verdict too, and its message says why (a time limit, a NaN …). */
const claimErrors: { seed: number; id: string; error: string | null }[] = [];
const t0 = performance.now();
const done: number[] = [];
const flipsOf = () =>
  Object.entries(claims)
    .filter(([, vs]) => new Set(vs).size > 1)
    .map(([id, vs]) => ({ id, verdicts: Object.fromEntries(done.map((s, i) => [s, vs[i]])) }));
/** Written after every seed, so a run cut short still leaves the seeds it finished. */
const write = () =>
  writeFileAtomic(
    join(paths.reportsDir, 'stability.json'),
    toJson({
      generatedAt: new Date().toISOString(),
      seeds: done,
      requested: seeds,
      complete: done.length === seeds.length,
      claims,
      flips: flipsOf(),
      claimErrors,
      runErrors,
    }) + '\n',
  );
for (const [i, seed] of seeds.entries()) {
  const args = [
    '--seed',
    String(seed),
    ...(v.claim ? ['--claim', v.claim] : []),
    ...(v.jobs ? ['--jobs', v.jobs] : []),
  ];
  const o = parseSuiteArgs(args);
  if (o === 'help') process.exit(2);
  const r = await runSuite(paths, o, {});
  if ('usage' in r) {
    console.error(r.usage);
    process.exit(2);
  }
  if (r.runErrors?.length) runErrors.push({ seed, errors: r.runErrors });
  // Only what this run judged: a --claim selection carries the other entries over from the last report.
  for (const c of r.claims) if (c.verdict !== 'unchecked' && !c.carriedFrom) (claims[c.id] ??= []).push(c.verdict);
  const errs = r.claims.filter((c) => c.verdict === 'error').map((c) => c.id);
  for (const c of r.claims.filter((x) => x.verdict === 'error')) claimErrors.push({ seed, id: c.id, error: c.error });
  done.push(seed);
  const judged = (v: string) => r.claims.filter((c) => c.verdict === v && !c.carriedFrom).length;
  write();
  console.error(
    `[${i + 1}/${n}] seed ${seed}: ${judged('pass')} pass, ${judged('fail')} fail, ${judged('error')} error${errs.length ? ' (' + errs.join(', ') + ')' : ''}; ${((performance.now() - t0) / 60000).toFixed(1)} min so far`,
  );
}
const flips = flipsOf();
for (const f of flips) console.log(`FLIP ${f.id}: ${JSON.stringify(f.verdicts)}`);
for (const e of claimErrors) console.log(`error at seed ${e.seed}: ${e.id}: ${e.error}`);
console.log(
  `stability: ${Object.keys(claims).length} claim${Object.keys(claims).length === 1 ? '' : 's'} × ${n} seeds (${seeds[0]}…${seeds[n - 1]}); ${flips.length} claim(s) changed verdict; reports/stability.json`,
);
process.exit(flips.length || runErrors.length || claimErrors.length ? 1 : 0);
