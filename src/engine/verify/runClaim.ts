import { existsSync } from 'node:fs';
import { displayPath, loadClaim } from '../registry/loadClaim.js';
import { claimFileFor, propertyFileFor, type SuitePaths } from '../registry/paths.js';
import { runAndNormalize } from './checks/outcome.js';
import { keyOf, resolveSpec, type ResolvedSpec } from './checks/spec.js';
import { deriveSeed, type ReplayRequest } from './seed.js';
import type {
  Check,
  CheckContext,
  CheckOutcome,
  ClaimResult,
  ClaimSpec,
  ControlOutcome,
  FailureResult,
  StepResult,
  Verdict,
} from './types.js';
import { evidenceOf, verdictOf } from './verdict.js';
import { triage } from './failure/triage.js';

export interface RunOptions {
  paths: SuitePaths;
  seed: number;
  heavy: boolean;
  replay?: ReplayRequest | null;
  log?: (message: string) => void;
  /** Ids that exist as claim files, to resolve `dependsOn`. */
  knownIds?: Set<string>;
}

/** A result for a claim that could not be run; the message names the files involved. */
export function errorResult(
  id: string,
  error: string,
  files: { claim: string | null; property: string | null },
  partial?: Partial<ClaimResult>,
): ClaimResult {
  return {
    id,
    title: partial?.title ?? id,
    source: partial?.source ?? { document: '', locator: '' },
    statement: partial?.statement ?? '',
    reading: partial?.reading ?? '',
    dependsOn: partial?.dependsOn ?? [],
    verdict: 'error',
    expected: partial?.expected ?? null,
    counterexample: null,
    replay: null,
    corrected: null,
    checks: partial?.checks ?? [],
    steps: partial?.steps ?? [],
    firstBrokenStep: null,
    error,
    files,
  };
}

/**
 * Whether a replay request (MUON_REPLAY, `npm run replay`) is for this check: by `key` when the
 * request carries one (the report's replay entry does when the key differs from the name), else by
 * `check`, which may hold the check's key or its display name.
 */
export function replayMatches(r: ReplayRequest & { key?: unknown }, check: Check): boolean {
  const key = keyOf(check);
  if (typeof r.key === 'string') return r.key === key;
  return r.check === key || r.check === check.name;
}

/**
 * Runs one check under a seed derived from the run seed and `seedParts`, and judges its outcome
 * (normalizeOutcome): whatever built the check, a malformed pass or fail becomes an error.
 * Callers name the check in `seedParts` by its key (`keyOf`), never by its display name.
 */
export async function runOneCheck(
  id: string,
  check: Check,
  seedParts: string[],
  opts: RunOptions,
  replayable = false,
): Promise<CheckOutcome> {
  const replay =
    replayable && opts.replay && opts.replay.claim === id && replayMatches(opts.replay, check) ? opts.replay : null;
  return runAndNormalize(check, contextFor(id, check, seedParts, opts, replay));
}

/** The context a check runs in: its seed derived from the run seed, the claim and `seedParts` (or a replay's). */
function contextFor(
  id: string,
  check: Check,
  seedParts: string[],
  opts: RunOptions,
  replay: ReplayRequest | null = null,
): CheckContext {
  const log = opts.log ?? (() => {});
  return {
    seed: replay ? replay.seed : deriveSeed(opts.seed, id, ...seedParts),
    heavy: opts.heavy,
    replayPath: replay ? replay.path : undefined,
    log: (m) => log(`[${id}] ${check.name}: ${m}`),
  };
}

/** How a group's outcomes are named in messages: "check 'A'", "step 2 'B'", "corrected 'C'". */
type Group = 'headline' | 'step' | 'corrected';
function label(group: Group, name: string, index: number): string {
  return group === 'headline'
    ? `check '${name}'`
    : group === 'step'
      ? `step ${index + 1} '${name}'`
      : `corrected '${name}'`;
}

async function runGroup(id: string, group: Group, checks: Check[], opts: RunOptions): Promise<CheckOutcome[]> {
  const out: CheckOutcome[] = [];
  const log = opts.log ?? (() => {});
  for (let i = 0; i < checks.length; i++) {
    const check = checks[i];
    const o = await runOneCheck(id, check, [group, keyOf(check)], opts, true);
    log(
      `[${id}] ${label(group, check.name, i)}: ${o.error !== undefined ? 'ERROR ' + o.error : o.passed ? 'holds' : 'FAILS'} (${o.cases} cases, ${o.ms} ms)`,
    );
    out.push(o);
  }
  return out;
}

/** Every erroring outcome of a group, each named by group and name. */
function errorsOf(group: Group, outcomes: CheckOutcome[]): string[] {
  return outcomes.flatMap((o, i) => (o.error !== undefined ? [`${label(group, o.name, i)}: ${o.error}`] : []));
}

/** What a control run says about a passing headline check. */
interface PowerFinding {
  power: 'control-refuted' | 'powerless';
  control: ControlOutcome | null;
  powerDetail: string;
}

function controlOutcome(o: CheckOutcome): ControlOutcome['outcome'] {
  return o.error !== undefined ? 'error' : o.passed ? 'held' : 'refuted';
}

/**
 * A passing headline check's power to fail: its explicit control must fail; without one, the same
 * check built from each non-equivalent mutant's parts is tried in declared order until one fails.
 * Control seeds: ('control', check key) for an explicit control; ('mutant', mutant key, check key)
 * for a mutant, the same as `npm run mutants`, so "mutant M killed by C" and "C's control M refuted" agree.
 */
async function findPower(
  id: string,
  index: number,
  check: Check,
  spec: ResolvedSpec,
  opts: RunOptions,
): Promise<PowerFinding> {
  const log = opts.log ?? (() => {});
  if (check.control) {
    const c = check.control;
    const o = await runOneCheck(id, c.check, ['control', keyOf(check)], opts);
    const outcome = controlOutcome(o);
    log(
      `[${id}] control of '${check.name}' ('${c.description}'): ${outcome}${o.error !== undefined ? ' — ' + o.error : ''}`,
    );
    const control: ControlOutcome = {
      description: c.description,
      source: 'explicit',
      outcome,
      detail: describeOutcome(o),
    };
    if (outcome === 'refuted')
      return { power: 'control-refuted', control, powerDetail: `control '${c.description}' failed, as it must` };
    return {
      power: 'powerless',
      control,
      powerDetail:
        outcome === 'held' ? `control '${c.description}' held` : `control '${c.description}' errored: ${o.error}`,
    };
  }
  const candidates = (spec.mutants ?? []).filter((m) => m.equivalent === null);
  if (candidates.length === 0) {
    return {
      power: 'powerless',
      control: null,
      powerDetail:
        spec.mutants && spec.mutants.length
          ? 'no negative control declared (every mutant is marked equivalent)'
          : 'no negative control declared',
    };
  }
  const tried: string[] = [];
  let anyHeld = false;
  for (const m of candidates) {
    const o = await runOneCheck(id, m.checks[index], ['mutant', m.key, keyOf(check)], opts);
    const outcome = controlOutcome(o);
    log(
      `[${id}] control of '${check.name}' (mutant '${m.name}'): ${outcome}${o.error !== undefined ? ' — ' + o.error : ''}`,
    );
    if (outcome === 'refuted') {
      return {
        power: 'control-refuted',
        control: { description: m.name, source: 'mutant', outcome, detail: describeOutcome(o) },
        powerDetail: `mutant '${m.name}' fails this check`,
      };
    }
    anyHeld ||= outcome === 'held';
    tried.push(`'${m.name}' ${outcome === 'held' ? 'held' : `errored (${o.error})`}`);
  }
  const detail = `no mutant refuted it: ${tried.join(', ')}`;
  return {
    power: 'powerless',
    control: {
      description: candidates.map((m) => m.name).join(', '),
      source: 'mutant',
      outcome: anyHeld ? 'held' : 'error',
      detail,
    },
    powerDetail: detail,
  };
}

/** Records each headline check's power; failed checks show it by failing, errored ones have none. */
async function assignPower(id: string, spec: ResolvedSpec, outcomes: CheckOutcome[], opts: RunOptions): Promise<void> {
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[i];
    if (o.error !== undefined) continue;
    if (!o.passed) {
      Object.assign(o, { power: 'shown-by-failure', control: null, powerDetail: 'the check itself failed' });
      continue;
    }
    Object.assign(o, await findPower(id, i, spec.headline[i], spec, opts));
  }
}

/** The power rule: a pass in which no headline check could have failed is no evidence at all. */
function powerlessReason(outcomes: CheckOutcome[]): string | null {
  if (!outcomes.length || !outcomes.every((o) => o.power === 'powerless')) return null;
  return `every headline check is powerless (a pass no check could have failed is no evidence): ${outcomes.map((o) => `'${o.name}' — ${o.powerDetail}`).join(', ')}`;
}

/** Loads the claim file, runs the property file's checks, controls, steps and corrected checks, and decides the verdict. */
export async function runClaim(id: string, spec: ClaimSpec, opts: RunOptions): Promise<ClaimResult> {
  const t0 = performance.now();
  const claimFile = claimFileFor(opts.paths, id);
  const propertyFile = propertyFileFor(opts.paths, id);
  const files = { claim: displayPath(claimFile), property: displayPath(propertyFile) };
  if (!existsSync(claimFile)) {
    return errorResult(
      id,
      `unknown claim id '${id}': ${files.property} exists but there is no claim file ${files.claim}`,
      { claim: null, property: files.property },
    );
  }
  const loaded = loadClaim(claimFile);
  if (!loaded.ok) return errorResult(id, loaded.error, files);
  const c = loaded.claim;
  const partial: Partial<ClaimResult> = {
    title: c.title,
    source: c.source,
    statement: c.statement,
    reading: c.reading,
    dependsOn: c.dependsOn ?? [],
    expected: c.expected,
  };
  const unknownDeps = (c.dependsOn ?? []).filter((d) => opts.knownIds && !opts.knownIds.has(d));
  if (unknownDeps.length)
    return errorResult(
      id,
      `${files.claim}: field 'dependsOn' names unknown claim id(s) ${unknownDeps.join(', ')}`,
      files,
      partial,
    );
  const resolved = resolveSpec(spec, files.property);
  if (!resolved.ok) return errorResult(id, resolved.error, files, partial);
  const s = resolved.spec;
  const declaredSteps = c.steps ?? [];
  if (declaredSteps.length !== s.steps.length) {
    return errorResult(
      id,
      `${files.claim} lists ${declaredSteps.length} step(s) but ${files.property} checks ${s.steps.length}`,
      files,
      partial,
    );
  }
  if (c.expected === 'fail' && s.corrected.length === 0) {
    return errorResult(
      id,
      `${files.property}: claim is expected to fail but the property file has no 'corrected' checks`,
      files,
      partial,
    );
  }
  if (s.corrected.length > 0 && !c.corrected) {
    return errorResult(
      id,
      `${files.property} has 'corrected' checks but ${files.claim} has no 'corrected' statement for them to check`,
      files,
      partial,
    );
  }

  const checks = await runGroup(id, 'headline', s.headline, opts);
  const headlineVerdict = verdictOf(checks);
  await assignPower(id, s, checks, opts);
  const stepOutcomes = await runGroup(id, 'step', s.steps, opts);
  const steps: StepResult[] = stepOutcomes.map((o, i) => ({
    index: i + 1,
    statement: declaredSteps[i].statement,
    verdict: verdictOf([o]),
    method: s.steps[i].method,
    detail: describeOutcome(o),
    // A broken or unjudgeable step keeps the input it broke at (and what was measured there).
    ...(o.counterexample !== undefined && (o.error !== undefined || !o.passed)
      ? { counterexample: o.counterexample }
      : {}),
  }));
  const broken = steps.find((st) => st.verdict === 'fail');
  let corrected: ClaimResult['corrected'] = null;
  let correctedOutcomes: CheckOutcome[] = [];
  if (s.corrected.length && c.corrected) {
    correctedOutcomes = await runGroup(id, 'corrected', s.corrected, opts);
    corrected = { statement: c.corrected, verdict: verdictOf(correctedOutcomes), checks: correctedOutcomes };
  } else if (c.corrected) {
    corrected = { statement: c.corrected, verdict: 'unchecked' };
  }
  // Every error, wherever it happened, makes the claim an error and is listed by group and name.
  const errors = [
    ...errorsOf('headline', checks),
    ...errorsOf('step', stepOutcomes),
    ...errorsOf('corrected', correctedOutcomes),
  ];
  // A fail says how it fails: the claim file's kind, backed by checks (src/engine/verify/failure/).
  // Not for a claim recorded as holding: its fail is already a changed verdict ("fail differs from
  // expected pass"), the finding to read first; the kind comes with recording the new verdict.
  let failure: FailureResult | null = null;
  if (headlineVerdict === 'fail' && c.expected !== 'pass') {
    if (!c.failure) {
      errors.push(
        `${files.claim}: field 'failure' is missing: a claim that fails as written needs failure.kind (substance, hypothesis, notation or wording) and failure.summary`,
      );
    } else {
      const log = opts.log ?? (() => {});
      const t = await triage({
        declared: c.failure,
        spec: s.failure,
        headline: s.headline,
        outcomes: checks,
        run: async (check, seedParts) => {
          const o = await runOneCheck(id, check, seedParts, opts);
          log(
            `[${id}] failure triage '${check.name}': ${o.error !== undefined ? 'ERROR ' + o.error : o.passed ? 'holds' : 'FAILS'} (${o.cases} cases, ${o.ms} ms)`,
          );
          return o;
        },
        contextOf: (check) => contextFor(id, check, ['headline', keyOf(check)], opts),
        describe: describeOutcome,
        files: { claim: files.claim, property: files.property },
      });
      failure = t.failure;
      errors.push(...t.errors);
    }
  }
  let verdict: Verdict = errors.length ? 'error' : headlineVerdict;
  if (verdict === 'pass') {
    const powerless = powerlessReason(checks);
    if (powerless) {
      verdict = 'error';
      errors.push(powerless);
    }
  }
  // A failing headline keeps its evidence even when an error elsewhere decides the verdict.
  const evidence: { counterexample: unknown; replay: ClaimResult['replay'] } =
    headlineVerdict === 'fail' ? evidenceOf(checks) : { counterexample: null, replay: null };
  // The replay entry names the check by its key too (when it differs), so a replay survives a rename.
  const refuting = checks.find((o) => !o.passed && o.error === undefined);
  if (evidence.replay && refuting?.key !== undefined) evidence.replay = { ...evidence.replay, key: refuting.key };
  return {
    id,
    title: c.title,
    source: c.source,
    statement: c.statement,
    reading: c.reading,
    dependsOn: c.dependsOn ?? [],
    verdict,
    expected: c.expected,
    counterexample: evidence.counterexample,
    replay: evidence.replay,
    corrected,
    checks,
    steps,
    firstBrokenStep: broken ? broken.index : null,
    failure,
    error: errors.length ? `${files.property}: ${errors.join('; ')}` : null,
    headlineVerdict,
    files,
    ms: Math.round(performance.now() - t0),
  };
}

/** One line a reader can act on: what was measured against what, or the statistic and its interval. */
export function describeOutcome(o: CheckOutcome): string {
  if (o.error !== undefined) return `error: ${o.error}`;
  const head = `${o.passed ? 'holds' : 'FAILS'} [${o.name}; ${o.backend}; ${o.cases} cases]`;
  if (o.statistic) {
    const s = o.statistic;
    return `${head}: ${s.name} = ${fmt(s.estimate)}, ${+(s.confidence * 100).toPrecision(4)}% CI [${fmt(s.ci[0])}, ${fmt(s.ci[1])}]; rule: ${s.rule}`;
  }
  const inf = o.infinite !== undefined ? ` (∞: ${o.infinite})` : '';
  const ce = o.counterexample ? `; counterexample ${safeJson(o.counterexample)}` : '';
  const skipped = o.skipped ? `; ${o.skipped} case${o.skipped === 1 ? '' : 's'} outside the hypotheses skipped` : '';
  return `${head}: worst ${fmt(o.maxError)}${inf} vs bound ${fmt(o.tolerance)} (${o.toleranceReason})${skipped}${ce}`;
}

/** JSON for a message; a counterexample that cannot be serialised (a cycle, a BigInt) must not crash the run. */
function safeJson(x: unknown): string {
  try {
    return JSON.stringify(x) ?? String(x);
  } catch (e) {
    return `(not serialisable: ${e instanceof Error ? e.message : String(e)})`;
  }
}

function fmt(x: number): string {
  return Number.isFinite(x) && x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4)
    ? x.toExponential(3)
    : String(+x.toPrecision(6));
}
