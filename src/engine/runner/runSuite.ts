import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { discoverClaims, indexedClaims, INDEX_FILE, pairClaims, type ClaimFiles } from '../registry/discover.js';
import type { SuitePaths } from '../registry/paths.js';
import { buildReport, type Report } from '../report/buildReport.js';
import { detectGpuBackend, environment, readReport, REPORT_FILE } from '../report/writeReport.js';
import { withReportLock } from '../report/reportLock.js';
import { errorResult } from '../verify/runClaim.js';
import type { ReplayRequest } from '../verify/seed.js';
import type { ClaimResult, MutantOutcome } from '../verify/types.js';
import { HEAVY_CLAIM_CAP_S, HEAVY_FACTOR, type SuiteOptions } from './options.js';
import type { Job } from './protocol.js';
import { typecheck } from './typecheck.js';
import { shardOf } from './shard.js';
import { runClaimProcess, type Limits, type ProcessOutcome, type RunningClaim } from './runClaimProcess.js';

/**
 * Importing a property file (tsx + ml-matrix + mathjs + gpu.js) takes ≈ 0.5–2 s here, up to ≈ 16 s for one
 * that simplifies expressions with mathjs at import; on a machine loaded 4× over that can pass 60 s.
 * 120 s means it is stuck.
 */
export const LOAD_LIMIT_S = 120;

export interface SuiteEvents {
  /** A claim finished (or could not start). */
  claimDone?(id: string, outcome: ProcessOutcome, done: number, total: number): void;
  log?(line: string): void;
  /** Every `progressEveryMs`: what is running. */
  progress?(running: { id: string; doing: string; elapsedMs: number }[], done: number, total: number): void;
  /** How often `progress` is called (default 30 s: plain lines in CI logs; a terminal wants ≈ 1 s). */
  progressEveryMs?: number;
}

export interface Selection {
  /** Claims to run: paired and free of problems. */
  runnable: ClaimFiles[];
  /** Claims that cannot run (duplicate, unpaired, bad id): error results. */
  broken: ClaimResult[];
  /** Claims left out by an explicit selection. */
  selected: string[] | null;
  knownIds: string[];
}

/** Which claims this run judges. An explicit selection must name existing claims. */
export function selectClaims(paths: SuitePaths, claims: string[] | null): Selection | { usage: string } {
  const found = discoverClaims(paths);
  const ids = new Set(found.map((c) => c.id));
  if (claims) {
    const unknown = claims.filter((c) => !ids.has(c));
    if (unknown.length)
      return {
        usage: `--claim: no claim ${unknown.map((u) => `'${u}'`).join(', ')} in ${relative(process.cwd(), paths.claimsDir) || paths.claimsDir}/ or ${relative(process.cwd(), paths.propertiesDir) || paths.propertiesDir}/`,
      };
  }
  const chosen = found.filter((c) => !claims || claims.includes(c.id));
  const rel = (f: string | null) => (f ? relative(paths.root, f) : null);
  return {
    runnable: chosen.filter((c) => c.problems.length === 0),
    broken: chosen
      .filter((c) => c.problems.length > 0)
      .map((c) => errorResult(c.id, c.problems.join('; '), { claim: rel(c.claimFile), property: rel(c.propertyFile) })),
    selected: claims,
    knownIds: found.filter((c) => c.claimFile).map((c) => c.id),
  };
}

/** The report on disk: its per-claim times order the claims (longest first, better packing on few cores), its entries are carried. */
function previousReport(paths: SuitePaths): Report | null {
  const r = readReport(join(paths.reportsDir, REPORT_FILE));
  return 'report' in r ? r.report : null;
}

export interface PoolOptions {
  jobs: number;
  limits: Limits;
  runLimitMs: number;
  events: SuiteEvents;
  progressEveryMs?: number;
}

/**
 * Runs jobs, `jobs` at a time, each in its own killable process, under a whole-run deadline:
 * when it passes, running claims are killed and unstarted ones are errors. Never hangs.
 */
export async function runPool(jobs: Job[], opts: PoolOptions): Promise<Map<string, ProcessOutcome>> {
  const out = new Map<string, ProcessOutcome>();
  const running = new Map<string, { rc: RunningClaim; t0: number }>();
  const queue = [...jobs];
  const t0 = performance.now();
  let expired = false;
  const total = jobs.length;
  const limitText = `the run's time limit of ${Math.round(opts.runLimitMs / 1000)} s was reached`;
  return new Promise((resolve) => {
    const deadline = setTimeout(() => {
      expired = true;
      for (const [, r] of running) r.rc.abort(limitText);
      for (const job of queue.splice(0)) {
        const o: ProcessOutcome = { kind: 'error', error: `not started: ${limitText}`, ms: 0, timedOut: true };
        out.set(job.id, o);
        opts.events.claimDone?.(job.id, o, out.size, total);
      }
      maybeEnd();
    }, opts.runLimitMs);
    const ticker =
      opts.events.progress && opts.progressEveryMs
        ? setInterval(
            () =>
              opts.events.progress!(
                [...running].map(([id, r]) => ({ id, doing: r.rc.current(), elapsedMs: performance.now() - r.t0 })),
                out.size,
                total,
              ),
            opts.progressEveryMs,
          )
        : null;
    const maybeEnd = () => {
      if (running.size === 0 && queue.length === 0) {
        clearTimeout(deadline);
        if (ticker) clearInterval(ticker);
        resolve(out);
      }
    };
    const next = () => {
      while (!expired && running.size < opts.jobs && queue.length) {
        const job = queue.shift()!;
        const rc = runClaimProcess(job, opts.limits, (line) => opts.events.log?.(line));
        running.set(job.id, { rc, t0: performance.now() });
        void rc.done.then((o) => {
          running.delete(job.id);
          out.set(job.id, o);
          opts.events.claimDone?.(job.id, o, out.size, total);
          next();
          maybeEnd();
        });
      }
    };
    void t0;
    next();
    maybeEnd();
  });
}

export interface SuiteRun {
  report: Report;
  mutants?: MutantOutcome[];
}

export function limitsFor(o: SuiteOptions): Limits {
  return {
    // Importing takes ≈ 0.5 s: a claim's own limit (if shorter) bounds its import too.
    loadMs: Math.min(LOAD_LIMIT_S, o.claimLimitS) * 1000 * (o.heavy ? HEAVY_FACTOR : 1),
    claimMs: o.claimLimitS * 1000,
    factor: o.heavy ? HEAVY_FACTOR : 1,
    capMs: (o.heavy ? Math.max(HEAVY_CLAIM_CAP_S, o.claimLimitS) : Math.max(600, o.claimLimitS)) * 1000,
  };
}

/** Judges the selected claims and builds the report (the caller writes it). */
export async function runSuite(
  paths: SuitePaths,
  o: SuiteOptions,
  events: SuiteEvents,
  replay: ReplayRequest | null = null,
  /** Writes the report; called holding the tree's report lock, right after the report is merged. */
  commit?: (report: Report) => void | Promise<void>,
): Promise<Report | { usage: string }> {
  const startedAt = new Date();
  const runId = randomUUID();
  const runErrors: string[] = [];
  if (!existsSync(paths.claimsDir)) return { usage: `no claims/ directory in ${paths.root}` };
  const index = indexedClaims(paths);
  runErrors.push(...index.problems);
  // A shard judges its part of every id there is (claim files, property files, index entries), so
  // a deleted indexed claim is an error in exactly one shard; it carries nothing from earlier runs.
  const shardIds = o.shard ? shardOf(allIds(paths, index.ids), o.shard) : null;
  const sel = shardIds ? selectShard(paths, shardIds) : selectClaims(paths, o.claims);
  if ('usage' in sel) return sel;
  const gpu = detectGpuBackend();
  const earlier = o.shard ? null : previousReport(paths);
  const times = new Map(
    (earlier?.claims ?? [])
      .filter((c) => typeof c.ms === 'number' && !c.carriedFrom)
      .map((c) => [c.id, c.ms as number]),
  );
  // A property file that does not type-check is an error, not judged (tsx would run it regardless).
  const types = await typecheck(paths.root);
  if (types.other.length)
    runErrors.push(
      `type errors outside the property files (${types.other.length}): ${types.other.slice(0, 5).join('; ')}`,
    );
  const typeBroken = sel.runnable.filter((c) => types.byFile.has(c.propertyFile!));
  for (const c of typeBroken) {
    const d = types.byFile.get(c.propertyFile!)!;
    sel.broken.push(
      errorResult(
        c.id,
        `${relative(paths.root, c.propertyFile!)} does not type-check (${d.length} error${d.length > 1 ? 's' : ''}): ${d.slice(0, 3).join('; ')}`,
        { claim: relative(paths.root, c.claimFile!), property: relative(paths.root, c.propertyFile!) },
      ),
    );
  }
  const jobs: Job[] = sel.runnable
    .filter((c) => !types.byFile.has(c.propertyFile!))
    .map((c) => ({
      kind: 'verify' as const,
      id: c.id,
      root: paths.root,
      propertyFile: c.propertyFile!,
      seed: o.seed,
      heavy: o.heavy,
      replay: replay && replay.claim === c.id ? replay : null,
      knownIds: sel.knownIds,
    }))
    .sort((a, b) => (times.get(b.id) ?? Infinity) - (times.get(a.id) ?? Infinity) || a.id.localeCompare(b.id));
  const outcomes = await runPool(jobs, {
    jobs: o.jobs,
    limits: limitsFor(o),
    runLimitMs: o.runLimitS * 1000,
    events,
    progressEveryMs: events.progressEveryMs ?? 30_000,
  });
  if ([...outcomes.values()].some((x) => x.kind === 'error' && /run's time limit/.test(x.error)))
    runErrors.push(`the run's time limit of ${o.runLimitS} s was reached: some claims were not judged`);
  const results: ClaimResult[] = [...sel.broken];
  for (const job of jobs) {
    const x = outcomes.get(job.id)!;
    const files = {
      claim: relative(paths.root, join(paths.claimsDir, job.id + '.md')),
      property: relative(paths.root, job.propertyFile),
    };
    if (x.kind === 'result') results.push({ ...x.result, ms: x.result.ms ?? x.ms });
    else if (x.kind === 'error') results.push({ ...errorResult(job.id, x.error, files), ms: x.ms });
    else results.push(errorResult(job.id, 'internal: a verify job returned mutant outcomes', files));
  }
  const gpuBackend = await gpu;
  // What the claims left out carry is read now, not at the start, and under the tree's report lock until
  // the report is written: another run in this tree (a second `--claim` selection, a watch) may have
  // written its results meanwhile, and they must not be lost.
  return withReportLock(paths.reportsDir, async () => {
    const previous = o.shard ? null : previousReport(paths);
    const report = buildReport({
      results,
      pairing: pairClaims(paths),
      index: index.ids,
      indexFile: INDEX_FILE,
      seed: o.seed,
      selected: sel.selected,
      previous,
      environment: { ...environment(gpuBackend), heavy: o.heavy, jobs: o.jobs },
      runId,
      startedAt,
      runErrors,
      ...(o.shard && shardIds ? { shard: { ...o.shard, ids: shardIds } } : {}),
    });
    await commit?.(report);
    return report;
  });
}

/** Every id the suite knows of: claim files, property files, and the coverage index's entries, sorted. */
export function allIds(paths: SuitePaths, indexIds: { id: string }[]): string[] {
  const p = pairClaims(paths);
  return [
    ...new Set([...p.paired, ...p.claimWithoutProperty, ...p.propertyWithoutClaim, ...indexIds.map((x) => x.id)]),
  ].sort();
}

/** A shard's selection: its ids that exist as claims run; the rest of its ids are judged by buildReport. */
function selectShard(paths: SuitePaths, ids: string[]): Selection {
  const found = new Set(discoverClaims(paths).map((c) => c.id));
  const sel = selectClaims(
    paths,
    ids.filter((id) => found.has(id)),
  );
  if ('usage' in sel) throw new Error(`internal: ${sel.usage}`);
  return { ...sel, selected: ids };
}
