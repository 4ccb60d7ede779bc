/**
 * `npm run mutants [-- --claim ID[,ID…]] [--seed N]`: every passing claim that states a formula
 * exposes it as a function of its parts; each declared mutant (one part replaced: ½ → ¼, a dropped
 * transpose, an inverse for an inverse square root, …) is run through the claim's own headline
 * checks and must be refuted. Writes reports/mutants.json; exits 1 if the score is below 0.95, a
 * mutant errors, or a claim with mutants declares fewer than 5.
 */
import { join, relative } from 'node:path';
import { loadClaim } from '../src/engine/registry/loadClaim.js';
import { suitePaths } from '../src/engine/registry/paths.js';
import { writeFileAtomic } from '../src/engine/report/writeReport.js';
import { toJson } from '../src/engine/report/json.js';
import { parseSuiteArgs, UsageError, USAGE } from '../src/engine/runner/options.js';
import { limitsFor, runPool, selectClaims } from '../src/engine/runner/runSuite.js';
import type { Job } from '../src/engine/runner/protocol.js';
import type { MutantOutcome } from '../src/engine/verify/types.js';

/** The target: at least 95% of the non-equivalent mutants refuted. */
export const MIN_SCORE = 0.95;
/** At least 5 mutants per passing formula claim. */
export const MIN_MUTANTS = 5;

let o;
try {
  o = parseSuiteArgs(process.argv.slice(2));
} catch (e) {
  console.error(`npm run mutants: ${e instanceof UsageError ? e.message : String(e)}\n${USAGE}`);
  process.exit(2);
}
if (o === 'help') {
  console.log('usage: npm run mutants [-- --claim ID[,ID…]] [--seed N] [--jobs N]');
  process.exit(2);
}
const paths = suitePaths();
const sel = selectClaims(paths, o.claims);
if ('usage' in sel) {
  console.error(sel.usage);
  process.exit(2);
}
const passing = sel.runnable.filter((c) => {
  const l = loadClaim(c.claimFile!);
  return l.ok && l.claim.expected === 'pass';
});
console.error(`mutants: ${passing.length} passing claims, seed ${o.seed}`);
const jobs: Job[] = passing.map((c) => ({
  kind: 'mutants',
  id: c.id,
  root: paths.root,
  propertyFile: c.propertyFile!,
  seed: o.seed,
  heavy: false,
  replay: null,
  knownIds: sel.knownIds,
}));
const outcomes = await runPool(jobs, {
  jobs: o.jobs,
  limits: { ...limitsFor(o), factor: 4 },
  runLimitMs: o.runLimitS * 1000 * 2,
  events: {
    claimDone: (id, x, done, total) => {
      const what =
        x.kind === 'mutants'
          ? `${x.outcomes.filter((m) => m.status === 'killed').length}/${x.outcomes.length} killed`
          : x.kind === 'error'
            ? `error: ${x.error}`
            : 'unexpected result';
      console.error(`[${done}/${total}] ${id}: ${what}`);
    },
  },
});

const all: MutantOutcome[] = [];
const errors: { claim: string; error: string }[] = [];
const withoutMutants: string[] = [];
const tooFew: { claim: string; mutants: number }[] = [];
for (const job of jobs) {
  const x = outcomes.get(job.id)!;
  if (x.kind !== 'mutants') {
    errors.push({ claim: job.id, error: x.kind === 'error' ? x.error : 'no mutant outcomes' });
    continue;
  }
  if (x.outcomes.length === 0) withoutMutants.push(job.id);
  else if (x.outcomes.filter((m) => m.status !== 'equivalent').length < MIN_MUTANTS)
    tooFew.push({ claim: job.id, mutants: x.outcomes.length });
  all.push(...x.outcomes);
  for (const m of x.outcomes)
    if (m.status === 'error') errors.push({ claim: m.claim, error: `${m.mutation}: ${m.why}` });
}
const equivalent = all.filter((m) => m.status === 'equivalent');
const killed = all.filter((m) => m.status === 'killed').length;
const judged = all.length - equivalent.length;
const score = judged ? killed / judged : 0;
const report = {
  generatedAt: new Date().toISOString(),
  seed: o.seed,
  total: all.length,
  killed,
  survived: all.filter((m) => m.status === 'survived').map(({ claim, mutation, why }) => ({ claim, mutation, why })),
  equivalent: equivalent.map(({ claim, mutation, why }) => ({ claim, mutation, why })),
  errors,
  score,
  /** Score = killed / (total − equivalent); the target is MIN_SCORE. */
  target: { score: MIN_SCORE, mutantsPerFormulaClaim: MIN_MUTANTS },
  claimsWithoutMutants: withoutMutants,
  claimsWithTooFewMutants: tooFew,
  mutants: all,
};
const file = join(paths.reportsDir, 'mutants.json');
writeFileAtomic(file, toJson(report) + '\n');
for (const s of report.survived) console.log(`survived: ${s.claim} — ${s.mutation}: ${s.why}`);
for (const e of errors) console.log(`error: ${e.claim} — ${e.error}`);
for (const t of tooFew) console.log(`too few mutants: ${t.claim} declares ${t.mutants} (at least ${MIN_MUTANTS})`);
if (withoutMutants.length)
  console.log(
    `passing claims with no formula mutants declared (statistical or structural claims): ${withoutMutants.join(', ')}`,
  );
console.log(
  `mutants: ${killed} killed of ${judged} (+${equivalent.length} equivalent) in ${passing.length - withoutMutants.length} claims; score ${score.toFixed(3)} (target ≥ ${MIN_SCORE}); ${relative(process.cwd(), file)}`,
);
process.exit(score >= MIN_SCORE && errors.length === 0 && tooFew.length === 0 ? 0 : 1);
