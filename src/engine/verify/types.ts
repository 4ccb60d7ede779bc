import type { Measurement } from './checks/measurement.js';

/**
 * The shapes that flow from a property file through the verifier into the report.
 * `reports/verification.json` serialises `ClaimResult` exactly (schemaVersion 1); later
 * versions may add fields but never rename or remove these.
 */

export type Verdict = 'pass' | 'fail' | 'error' | 'unchecked';
/** A published source: authors, title, year, and a URL or a DOI. */
export interface Citation {
  authors: string[];
  title: string;
  year: number;
  url?: string;
  doi?: string;
}

/** `unknown`: a new claim that has never been recorded (`npm test` fails until `npm run accept`). */
export type Expectation = 'pass' | 'fail' | 'unknown';
/** Where a check computes: f64 on ml-matrix, f32 on gpu.js, mathjs symbolic simplification, arbitrary precision (mathjs BigNumber), or plain f64 scalars. */
export type Backend = 'ml-matrix-f64' | 'gpu.js-f32' | 'mathjs-symbolic' | 'mathjs-bignumber' | 'scalar-f64';
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

/**
 * The decision rule of a statistical check, in a form the ENGINE evaluates (a property never hands
 * the engine a bare `passed` boolean): the rule is applied to the interval `ci`.
 * - contains: pass iff ci[0] ≤ value ≤ ci[1]   (a claimed value is consistent with the data),
 *             and, when maxWidth is given, ci[1] − ci[0] < maxWidth (a pass is never bought by a vague interval)
 * - excludes: pass iff value < ci[0] or value > ci[1]
 * - below:    pass iff ci[1] < value             (the whole interval lies below value)
 * - above:    pass iff ci[0] > value             (the whole interval lies above value)
 * - within:   pass iff range[0] ≤ ci[0] and ci[1] ≤ range[1]
 */
export type StatisticRule =
  | { kind: 'contains'; value: number; maxWidth?: number }
  | { kind: 'excludes'; value: number }
  | { kind: 'below'; value: number }
  | { kind: 'above'; value: number }
  | { kind: 'within'; range: [number, number] };

/** Summary of a statistical decision: the statistic, its interval and the rule that decided. */
export interface StatisticEvidence {
  name: string;
  estimate: number;
  ci: [number, number];
  confidence: number;
  /** Human-readable rule; the engine derives it from `decision` (a property may add prose after it). */
  rule: string;
  /** The structured rule the engine evaluated. */
  decision: StatisticRule;
  samples: number;
  [extra: string]: unknown;
}

/**
 * A negative control: the same measure applied to a known-false variant of the statement (a mutated
 * coefficient, a dropped transpose) or to a perturbed input. It must FAIL; a control that holds shows
 * that its check could not have failed.
 */
export interface Control {
  /** What was made false, e.g. "exponent −½ → −1" or "σ perturbed by 10%". */
  description: string;
  check: Check;
}

/** What the report records of a headline check's power to fail. */
export interface ControlOutcome {
  description: string;
  /** 'explicit': the check's own `control`; 'mutant': the same check built from a claim mutant's parts. */
  source: 'explicit' | 'mutant';
  /** refuted: the control failed as it must; held: it passed (the check is powerless); error: it could not run. */
  outcome: 'refuted' | 'held' | 'error';
  detail: string;
}

/**
 * 'shown-by-failure': the check itself failed, so it can fail.
 * 'control-refuted': it passed, and its negative control failed.
 * 'powerless': it passed and no control was refuted (none declared, or every control held or errored).
 */
export type Power = 'shown-by-failure' | 'control-refuted' | 'powerless';

/** A wrong variant of a formula claim: the same property with some parts replaced. */
export interface Mutant<P> {
  /** The mutation, e.g. "½ → ¼", "dropped transpose", "inverse instead of inverse square root". */
  name: string;
  /** Stable identity for its seeds (default: `name`), so the mutation can be reworded without changing what runs. */
  key?: string;
  parts: Partial<P>;
  /** Set when the mutant is mathematically equivalent to the original: the reason. Not counted in the score. */
  equivalent?: string;
}

/** The outcome of one claim mutant (`npm run mutants`). */
export interface MutantOutcome {
  claim: string;
  mutation: string;
  status: 'killed' | 'survived' | 'equivalent' | 'error';
  /** The check that refuted it (killed). */
  by?: string;
  /** Why it survived / is equivalent / errored; for killed, the refuting check's one-line outcome. */
  why: string;
}

/**
 * One point of a plotted series. `x` and `y` are finite numbers (on a log axis also > 0; a point the
 * axis cannot show is left out of the plot with a note, never moved).
 */
export interface SeriesPoint {
  x: number;
  y: number;
  /**
   * The interval at x in y's units (an error bar for 'points'/'loglog-fit', the band for 'band').
   * The series' `interval` says what it is (e.g. "±2 standard errors", "99.9% CI of the median").
   */
  lo?: number;
  hi?: number;
  /** The line or colour the point belongs to (e.g. "κ = 1e3", "(β₁, β₂) = (0.9, 0.999)"); absent: one group. */
  group?: string;
}

/**
 * The data of one plot, attached to the check that measured them (`CheckOutcome.series`). The report
 * renders each series as an inline SVG (src/engine/report/render/plots.ts); the verdict never depends on it.
 * Kinds:
 * - 'loglog-fit': points with error bars on log–log axes, the fitted line `fit` and, when given,
 *   a line of the claimed slope `claimed` through the fit's centre (exponent claims);
 * - 'band': per group a line through y with the interval lo–hi shaded (medians with their CIs);
 * - 'lines': per group a line through the points (trajectories, errors vs iteration);
 * - 'points': a scatter, with error bars where lo/hi are given.
 * `reference` is what the statement or the source says the data should be (published numbers, a
 * stated bound); it is drawn dashed in a colour of its own.
 */
export interface Series {
  /** The plot's title. */
  name: string;
  kind: 'loglog-fit' | 'band' | 'lines' | 'points';
  /** Axis titles, with units or symbols (e.g. "k (samples)", "‖E[C₃]‖"). */
  x: string;
  y: string;
  /** Axis scales; default 'linear' ('loglog-fit' is always log–log). */
  xScale?: 'linear' | 'log';
  yScale?: 'linear' | 'log';
  points: SeriesPoint[];
  /** What lo–hi means, for the legend (e.g. "±2 s.e.", "99.9% CI"). */
  interval?: string;
  /** 'loglog-fit': ln y = intercept + slope·ln x, and the slope's interval with its confidence. */
  fit?: { slope: number; intercept: number; ci?: [number, number]; confidence?: number };
  /** 'loglog-fit': the slope the statement claims, drawn through the fitted line's value at the geometric centre of x. */
  claimed?: { slope: number; label?: string };
  /** What the data should be according to the statement or the source: drawn dashed ('line') or as crosses ('points'). */
  reference?: { x: number; y: number; label?: string }[];
  /** The reference's legend entry (default "claimed"). */
  referenceName?: string;
  /** How to draw the reference (default 'line'). */
  referenceMark?: 'line' | 'points';
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
  /** Headline checks only: whether the check was shown able to fail, and by what control. */
  power?: Power;
  control?: ControlOutcome | null;
  /** Headline checks only: why the check has that power (which controls were tried, or that none was declared). */
  powerDetail?: string;
  /**
   * Why `maxError` is infinite: the documented refuting ∞ of a measurement (`Measurement.infinite`,
   * e.g. a missing inverse). Only on a failing check; every other maxError/tolerance is finite.
   */
  infinite?: string;
  /**
   * Plots of what the check measured (see `Series`): presentation only, never part of the decision.
   * A statistic hands them over as `StatisticDecision.series`, a `compute` check through its
   * `series` option; a hand-written check sets this field itself.
   */
  series?: Series[];
  /**
   * The check's stable identity (`Check.key`), recorded only when it differs from `name`. Seeds and
   * replays are keyed by it, so a check renamed for display keeps its seed.
   */
  key?: string;
  /**
   * forAll: generated cases that fell outside the statement's hypotheses (`pre(false, why)` or
   * `fc.pre(false)` in the measure) and were replaced by fresh ones (fast-check's count, shrinking
   * excluded). They are neither passes nor fails. Present when > 0.
   */
  skipped?: number;
  /** forAll: the distinct reasons the skipped cases gave (the first few, in the order first seen). */
  skipReasons?: string[];
  /**
   * A passing forAll or compute check: the case that came closest to failing (highest value/bound
   * severity), its input as the check shows it (compute: the `inputs` entry, or "case i of n",
   * with its 0-based `index`) and its measurement. A failing check carries `counterexample` instead.
   */
  closest?: ClosestCase;
}

/** A measured case as the report records it: the measurement judged at that input. */
export interface MeasuredCase {
  value: number;
  bound: number;
  relation: '<=' | '>=';
  detail: unknown;
  infinite?: string;
}

/** The case of a check that came closest to failing, or (`counterexample.mostSevere`) failed worst. */
export interface ClosestCase {
  input: unknown;
  /** compute: the 0-based index of the case among the measurements `run` returned. */
  index?: number;
  measured: MeasuredCase;
}

/**
 * What the engine can do with a forAll check's inputs besides running it (the failure triage,
 * src/engine/verify/failure/): restrict it to inputs inside or outside a hypothesis, find the raw
 * input its failing run shrank to, measure another input, show an input as the report prints it.
 */
export interface InputProbe<T = any> {
  /** The same check (same arbitrary, same measure) on the inputs where `holds(x) === inside` only. */
  restrict(name: string, holds: (x: T) => boolean, why: string, inside: boolean): Check;
  /** The raw shrunk counterexample of the check's run under `ctx.seed` (run again if needed); null when it holds. */
  counterexample(ctx: CheckContext): Promise<{ input: T } | null>;
  /** The check's measure at one input. */
  measureAt(x: T): Promise<Measurement>;
  show(x: T): unknown;
  /** The input's [rows, cols], when the check records sizes. */
  size(x: T): [number, number] | undefined;
}

/** A check as a property file declares it: a name, a backend and how to run it. */
export interface Check {
  name: string;
  /**
   * Stable identity (default: `name`). Every seed the engine derives for the check (headline, step,
   * corrected, control, mutant) and replay matching use it, so the display name can be reworded
   * without changing what runs. Unique within its group, like names.
   */
  key?: string;
  backend: Backend;
  run(ctx: CheckContext): Promise<CheckOutcome>;
  /** Negative control (headline checks): must fail. */
  control?: Control;
  /** Set by forAll: access to the check's inputs (see InputProbe). */
  probe?: InputProbe;
}

/** A derivation step's check carries how it was decided (symbolic, numeric, or both). */
export interface StepCheck extends Check {
  method: StepMethod;
}

/** How a claim fails as written (see claimSchema's FAILURE_KINDS and src/engine/verify/failure/). */
export type FailureKind = 'substance' | 'hypothesis' | 'notation' | 'wording';

/**
 * What a property file declares to back the claim file's `failure.kind` with checks
 * (built with `hypothesis`, `notation`, `substance`, `wording` from src/claim.ts):
 * - hypothesis: the omitted hypothesis as a predicate on the failing forAll checks' inputs;
 * - notation / substance: per failing headline check (by name or key), the same check with the slip
 *   fixed (notation) or with the corrected conclusion (substance), run on the same inputs (the
 *   headline check's seed) and at its counterexample; for a formula spec, `parts` instead: the
 *   headline built from the fixed parts;
 * - wording: nothing to declare: the failing checks must be the ones whose names quote the words.
 */
export type FailureSpec<P = Record<string, unknown>> =
  | { kind: 'hypothesis'; why: string; holds: (input: any) => boolean }
  | { kind: 'notation' | 'substance'; checks?: Record<string, Check>; parts?: Partial<P> }
  | { kind: 'wording' };

/** What the report records of a failing claim's triage: the claim file's words and the checks that back them. */
export interface FailureResult {
  kind: FailureKind;
  /** One sentence: what exactly is wrong. */
  summary: string;
  /** kind hypothesis: the added hypothesis (LaTeX). */
  hypothesis?: string;
  /** kind wording: the words at fault, quoted. */
  words?: string;
  /** kind notation: the symbol that was mis-typed. */
  symbol?: string;
  /** One line: what the checks below establish. */
  backing: string;
  /** The checks the engine ran to back the kind (none for wording: its backing is the headline's split). */
  checks: CheckOutcome[];
}

/** What a property file hands to `verifyClaim`. */

export interface ClaimSpec<P extends Record<string, unknown> = any> {
  /**
   * The headline statement as written. All must pass for verdict `pass`. For a formula claim, a
   * function of the statement's parts (coefficients, exponents, which side a transpose is on): the
   * headline is `checks(parts)` and each mutant is `checks({ ...parts, ...mutant.parts })`.
   */
  checks: Check[] | ((parts: P) => Check[]);
  /** The statement's parts as written (required when `checks` is a function). */
  parts?: P;
  /** Wrong variants of the statement; each must be refuted (`npm run mutants`), and they serve as negative controls. */
  mutants?: Mutant<P>[];
  /** One check per step listed in the claim file, in the same order. */
  steps?: StepCheck[];
  /** Checks of the corrected statement (required when the claim is expected to fail). */
  corrected?: Check[];
  /** Per-claim vitest timeout; default 120 s. */
  timeoutMs?: number;
  /** Backs the claim file's `failure.kind` with checks (required for kinds other than wording). */
  failure?: FailureSpec<P>;
}

export interface StepResult {
  index: number;
  statement: string;
  verdict: Verdict;
  method: StepMethod;
  detail: string;
  /** A step that fails or errors: the evidence its check recorded (the input and what was measured there). */
  counterexample?: unknown;
}

export interface ClaimResult {
  id: string;
  title: string;
  /**
   * Where the statement comes from: a document kept under sources/ (`document` is its file name), or
   * a citation (then `document` is a short "Authors (year), Title" label, for grouping in reports).
   */
  source: { document: string; locator: string; citation?: Citation };
  statement: string;
  reading: string;
  dependsOn: string[];
  verdict: Verdict;
  expected: Expectation | null;
  counterexample: unknown | null;
  /** `check` is the refuting check's name; `key` its stable identity, present when it differs from the name. */
  replay: { seed: number; path: string; check?: string; key?: string } | null;
  corrected: { statement: string; verdict: Verdict; checks?: CheckOutcome[] } | null;
  checks: CheckOutcome[];
  steps: StepResult[];
  firstBrokenStep: number | null;
  /** Every erroring check, step, corrected check (or malformed spec), each named by group and name, separated by '; '. */
  error: string | null;
  /**
   * The headline checks' own verdict, before an error elsewhere (a step, a corrected check, the
   * power rule) made the claim's verdict `error`; lets a reader keep the two causes apart.
   */
  headlineVerdict?: Verdict;
  /**
   * How the claim fails as written (a `fail` always has one; absent or null otherwise): the claim
   * file's kind and summary, and the checks that back the kind. Present on an `error` whose triage ran.
   */
  failure?: FailureResult | null;
  /** Files this result came from, so a reader can jump to them. */
  files?: { claim: string | null; property: string | null };
  ms?: number;
  /**
   * Set when this entry was not judged in this run (a `--claim` selection left it out) and is
   * carried over from an earlier report: which run judged it. Such entries never count for the gate.
   */
  carriedFrom?: { runId: string | null; seed: number; generatedAt: string };
}
