import type { CheckOutcome, Verdict } from './types.js';

/** All checks pass → pass; any unusable check → error; otherwise fail. No checks at all is an error. */
export function verdictOf(outcomes: CheckOutcome[]): Verdict {
  if (outcomes.length === 0) return 'error';
  if (outcomes.some((o) => o.error !== undefined)) return 'error';
  return outcomes.every((o) => o.passed) ? 'pass' : 'fail';
}

/** The evidence a `fail` carries: the first failing check's counterexample or statistic. */
export function evidenceOf(outcomes: CheckOutcome[]): { counterexample: unknown | null; replay: { seed: number; path: string; check: string } | null } {
  const f = outcomes.find((o) => !o.passed && o.error === undefined);
  if (!f) return { counterexample: null, replay: null };
  const counterexample = f.counterexample !== undefined
    ? { check: f.name, ...(f.counterexample as object) }
    : f.statistic ? { check: f.name, statistic: f.statistic } : { check: f.name, maxError: f.maxError, tolerance: f.tolerance };
  return { counterexample, replay: f.replay ? { ...f.replay, check: f.name } : null };
}

/** Why a claim's result should fail `npm test`, or null when it is as recorded. */
export function unexpectedReason(r: { verdict: Verdict; expected: string | null; corrected: { verdict: Verdict } | null; counterexample: unknown }): string | null {
  if (r.verdict === 'error') return 'verdict is error';
  if (r.verdict === 'unchecked') return null;
  if (r.expected !== null && r.verdict !== r.expected) return `verdict ${r.verdict} differs from expected ${r.expected}`;
  if (r.verdict === 'fail') {
    if (r.counterexample === null) return 'fail without evidence';
    if (!r.corrected || r.corrected.verdict !== 'pass') return `corrected statement's verdict is ${r.corrected?.verdict ?? 'missing'}, not pass`;
  }
  return null;
}
