import type { CheckOutcome, Verdict } from './types.js';

const VERDICTS: readonly string[] = ['pass', 'fail', 'error', 'unchecked'];

/** All checks pass → pass; any unusable check → error; otherwise fail. No checks at all is an error. */
export function verdictOf(outcomes: CheckOutcome[]): Verdict {
  if (outcomes.length === 0) return 'error';
  if (outcomes.some((o) => o.error !== undefined)) return 'error';
  return outcomes.every((o) => o.passed === true) ? 'pass' : 'fail';
}

/** The evidence a `fail` carries: the first failing check's counterexample or statistic. */
export function evidenceOf(outcomes: CheckOutcome[]): {
  counterexample: unknown | null;
  replay: { seed: number; path: string; check: string } | null;
} {
  const f = outcomes.find((o) => !o.passed && o.error === undefined);
  if (!f) return { counterexample: null, replay: null };
  const counterexample =
    f.counterexample !== undefined
      ? { check: f.name, ...(f.counterexample as object) }
      : f.statistic
        ? { check: f.name, statistic: f.statistic }
        : { check: f.name, maxError: f.maxError, tolerance: f.tolerance };
  return { counterexample, replay: f.replay ? { ...f.replay, check: f.name } : null };
}

/**
 * Why a claim's result should fail `npm test`, or null when it is as recorded. The claim's own
 * error list travels separately (`ClaimResult.error`); when the verdict is `error` and the headline
 * checks alone disagree with the expectation too, that is said as a second, separate cause.
 */
export function unexpectedReason(r: {
  verdict: Verdict;
  expected: string | null;
  corrected: { verdict: Verdict } | null;
  counterexample: unknown;
  headlineVerdict?: Verdict;
}): string | null {
  // A verdict outside the four (a result built by hand, a typo) must not slip through as "as recorded".
  if (!VERDICTS.includes(r.verdict)) return `verdict ${JSON.stringify(r.verdict)} is not one of ${VERDICTS.join(', ')}`;
  if (r.verdict === 'error') {
    const h = r.headlineVerdict;
    const separately =
      h !== undefined && h !== 'error' && h !== 'unchecked' && r.expected !== null && h !== r.expected
        ? `; separately, the headline checks alone give ${h}, expected ${r.expected}`
        : '';
    return `verdict is error${separately}`;
  }
  if (r.verdict === 'unchecked') return null;
  // A new claim's honest starting state: judged, but nobody has recorded what it should give.
  if (r.expected === 'unknown')
    return `new claim: verdict ${r.verdict} is not recorded yet — record the verdict (npm run accept -- <id>) once you have checked it`;
  if (r.expected !== 'pass' && r.expected !== 'fail')
    return `verdict ${r.verdict} without a recorded expectation (expected is ${JSON.stringify(r.expected)})`;
  if (r.verdict !== r.expected) return `verdict ${r.verdict} differs from expected ${r.expected}`;
  if (r.verdict === 'fail') {
    if (r.counterexample === null || r.counterexample === undefined) return 'fail without evidence';
    if (!r.corrected || r.corrected.verdict !== 'pass')
      return `corrected statement's verdict is ${r.corrected?.verdict ?? 'missing'}, not pass`;
  }
  return null;
}
