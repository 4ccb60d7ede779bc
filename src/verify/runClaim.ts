import { existsSync } from 'node:fs';
import { displayPath, loadClaim } from '../registry/loadClaim.js';
import { claimFileFor, propertyFileFor, type SuitePaths } from '../registry/paths.js';
import { deriveSeed, type ReplayRequest } from './seed.js';
import type { Check, CheckContext, CheckOutcome, ClaimResult, ClaimSpec, StepResult } from './types.js';
import { evidenceOf, verdictOf } from './verdict.js';

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
export function errorResult(id: string, error: string, files: { claim: string | null; property: string | null }, partial?: Partial<ClaimResult>): ClaimResult {
  return {
    id, title: partial?.title ?? id, source: partial?.source ?? { document: '', locator: '' },
    statement: partial?.statement ?? '', reading: partial?.reading ?? '', dependsOn: partial?.dependsOn ?? [],
    verdict: 'error', expected: partial?.expected ?? null, counterexample: null, replay: null, corrected: null,
    checks: partial?.checks ?? [], steps: partial?.steps ?? [], firstBrokenStep: null, error, files,
  };
}

async function runChecks(id: string, group: string, checks: Check[], opts: RunOptions): Promise<CheckOutcome[]> {
  const out: CheckOutcome[] = [];
  const log = opts.log ?? (() => {});
  for (const check of checks) {
    const replay = opts.replay && opts.replay.claim === id && opts.replay.check === check.name ? opts.replay : null;
    const ctx: CheckContext = {
      seed: replay ? replay.seed : deriveSeed(opts.seed, id, group, check.name),
      heavy: opts.heavy,
      replayPath: replay ? replay.path : undefined,
      log: (m) => log(`[${id}] ${check.name}: ${m}`),
    };
    let o: CheckOutcome;
    try {
      o = await check.run(ctx);
    } catch (e) {
      // Builders catch their own errors; this guards hand-written checks.
      o = { name: check.name, backend: check.backend, sizes: [], cases: 0, maxError: NaN, tolerance: NaN, toleranceReason: '', passed: false, ms: 0, error: `check threw: ${(e as Error).message}` };
    }
    log(`[${id}] ${group} '${check.name}': ${o.error ? 'ERROR ' + o.error : o.passed ? 'holds' : 'FAILS'} (${o.cases} cases, ${o.ms} ms)`);
    out.push(o);
  }
  return out;
}

/** Loads the claim file, runs the property file's checks and steps, and decides the verdict. */
export async function runClaim(id: string, spec: ClaimSpec, opts: RunOptions): Promise<ClaimResult> {
  const t0 = performance.now();
  const claimFile = claimFileFor(opts.paths, id);
  const propertyFile = propertyFileFor(opts.paths, id);
  const files = { claim: displayPath(claimFile), property: displayPath(propertyFile) };
  if (!existsSync(claimFile)) {
    return errorResult(id, `unknown claim id '${id}': ${files.property} exists but there is no claim file ${files.claim}`, { claim: null, property: files.property });
  }
  const loaded = loadClaim(claimFile);
  if (!loaded.ok) return errorResult(id, loaded.error, files);
  const c = loaded.claim;
  const partial: Partial<ClaimResult> = {
    title: c.title, source: c.source, statement: c.statement, reading: c.reading, dependsOn: c.dependsOn ?? [], expected: c.expected,
  };
  const unknownDeps = (c.dependsOn ?? []).filter((d) => opts.knownIds && !opts.knownIds.has(d));
  if (unknownDeps.length) return errorResult(id, `${files.claim}: field 'dependsOn' names unknown claim id(s) ${unknownDeps.join(', ')}`, files, partial);
  const declaredSteps = c.steps ?? [];
  const stepChecks = spec.steps ?? [];
  if (declaredSteps.length !== stepChecks.length) {
    return errorResult(id, `${files.claim} lists ${declaredSteps.length} step(s) but ${files.property} checks ${stepChecks.length}`, files, partial);
  }
  if (c.expected === 'fail' && (!spec.corrected || spec.corrected.length === 0)) {
    return errorResult(id, `${files.property}: claim is expected to fail but the property file has no 'corrected' checks`, files, partial);
  }
  if (spec.checks.length === 0) return errorResult(id, `${files.property}: no checks for the headline statement`, files, partial);

  const checks = await runChecks(id, 'headline', spec.checks, opts);
  const verdict = verdictOf(checks);
  const stepOutcomes = await runChecks(id, 'step', stepChecks, opts);
  const steps: StepResult[] = stepOutcomes.map((o, i) => ({
    index: i + 1,
    statement: declaredSteps[i].statement,
    verdict: verdictOf([o]),
    method: stepChecks[i].method,
    detail: describeOutcome(o),
  }));
  const broken = steps.find((s) => s.verdict === 'fail');
  let corrected: ClaimResult['corrected'] = null;
  if (spec.corrected && spec.corrected.length && c.corrected) {
    const cc = await runChecks(id, 'corrected', spec.corrected, opts);
    corrected = { statement: c.corrected, verdict: verdictOf(cc), checks: cc };
  } else if (c.corrected) {
    corrected = { statement: c.corrected, verdict: 'unchecked' };
  }
  const firstError = [...checks, ...stepOutcomes].find((o) => o.error !== undefined);
  const evidence = verdict === 'fail' ? evidenceOf(checks) : { counterexample: null, replay: null };
  return {
    id, title: c.title, source: c.source, statement: c.statement, reading: c.reading, dependsOn: c.dependsOn ?? [],
    verdict, expected: c.expected, counterexample: evidence.counterexample, replay: evidence.replay, corrected,
    checks, steps, firstBrokenStep: broken ? broken.index : null,
    error: firstError ? `${files.property}: check '${firstError.name}': ${firstError.error}` : null,
    files, ms: Math.round(performance.now() - t0),
  };
}

/** One line a reader can act on: what was measured against what, or the statistic and its interval. */
export function describeOutcome(o: CheckOutcome): string {
  if (o.error) return `error: ${o.error}`;
  const head = `${o.passed ? 'holds' : 'FAILS'} [${o.name}; ${o.backend}; ${o.cases} cases]`;
  if (o.statistic) {
    const s = o.statistic;
    return `${head}: ${s.name} = ${fmt(s.estimate)}, ${Math.round(s.confidence * 100)}% CI [${fmt(s.ci[0])}, ${fmt(s.ci[1])}]; rule: ${s.rule}`;
  }
  const ce = o.counterexample ? `; counterexample ${JSON.stringify(o.counterexample)}` : '';
  return `${head}: worst ${fmt(o.maxError)} vs bound ${fmt(o.tolerance)} (${o.toleranceReason})${ce}`;
}

function fmt(x: number): string {
  return Number.isFinite(x) && x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4) ? x.toExponential(3) : String(+x.toPrecision(6));
}
