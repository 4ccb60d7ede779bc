/**
 * The shapes that flow from a property file through the verifier into the report.
 * `reports/verification.json` serialises `ClaimResult` exactly (schemaVersion 1); later
 * versions may add fields but never rename or remove these.
 */

export type Verdict = 'pass' | 'fail' | 'error' | 'unchecked';
export type Expectation = 'pass' | 'fail';
export type Backend = 'ml-matrix-f64' | 'gpu.js-f32' | 'mathjs-symbolic' | 'scalar-f64';
export type StepMethod = 'symbolic' | 'numeric' | 'both';

/** What a check's run needs from the outside world; everything random derives from `seed`. */
export interface CheckContext {
  /** Seed for this check alone (derived from the run seed, the claim id and the check name). */
  seed: number;
  /** Opt-in heavy mode (`npm test -- --heavy`): larger sizes, more samples. */
  heavy: boolean;
  /** A fast-check path to replay, when this check is being replayed. */
  replayPath?: string;
  /** Progress lines for long checks; they go to stderr, never into the verdict. */
  log: (message: string) => void;
}

/** Summary of a statistical decision: the statistic, its interval and the rule that decided. */
export interface StatisticEvidence {
  name: string;
  estimate: number;
  ci: [number, number];
  confidence: number;
  rule: string;
  samples: number;
  [extra: string]: unknown;
}

/** One executed check, as the report prints it. */
export interface CheckOutcome {
  name: string;
  backend: Backend;
  sizes: [number, number][];
  cases: number;
  /** The measured quantity in the worst case seen (largest value/bound ratio). */
  maxError: number;
  /** The bound that value was judged against in that same case. */
  tolerance: number;
  toleranceReason: string;
  passed: boolean;
  ms: number;
  /** Present when the check threw, produced NaN, or was otherwise unusable. */
  error?: string;
  counterexample?: unknown;
  replay?: { seed: number; path: string };
  statistic?: StatisticEvidence;
  detail?: string;
}

/** A check as a property file declares it: a name, a backend and how to run it. */
export interface Check {
  name: string;
  backend: Backend;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

/** A derivation step's check carries how it was decided (symbolic, numeric, or both). */
export interface StepCheck extends Check {
  method: StepMethod;
}

/** What a property file hands to `verifyClaim`. */
export interface ClaimSpec {
  /** The headline statement as written. All must pass for verdict `pass`. */
  checks: Check[];
  /** One check per step listed in the claim file, in the same order. */
  steps?: StepCheck[];
  /** Checks of the corrected statement (required when the claim is expected to fail). */
  corrected?: Check[];
  /** Per-claim vitest timeout; default 120 s. */
  timeoutMs?: number;
}

export interface StepResult {
  index: number;
  statement: string;
  verdict: Verdict;
  method: StepMethod;
  detail: string;
}

export interface ClaimResult {
  id: string;
  title: string;
  source: { document: string; locator: string };
  statement: string;
  reading: string;
  dependsOn: string[];
  verdict: Verdict;
  expected: Expectation | null;
  counterexample: unknown | null;
  replay: { seed: number; path: string; check?: string } | null;
  corrected: { statement: string; verdict: Verdict; checks?: CheckOutcome[] } | null;
  checks: CheckOutcome[];
  steps: StepResult[];
  firstBrokenStep: number | null;
  error: string | null;
  /** Files this result came from, so a reader can jump to them. */
  files?: { claim: string | null; property: string | null };
  ms?: number;
}
