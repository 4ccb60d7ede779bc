import type { ClaimResult, FailureKind } from '../verify/types.js';
import { unexpectedReason } from '../verify/verdict.js';
import { errorResult } from '../verify/runClaim.js';
import type { Pairing } from '../registry/discover.js';

export interface Environment {
  node: string;
  gpuBackend: string;
  cpus: number;
  [extra: string]: unknown;
}

export interface Report {
  schemaVersion: 1;
  /** Unique per run: `npm test` checks that the report on disk is the one this run wrote. */
  runId?: string;
  startedAt?: string;
  generatedAt: string;
  /** Problems of the whole run (a missing coverage index, the run's time limit): any makes `npm test` fail. */
  runErrors?: string[];
  seed: number;
  environment: Environment;
  /** Counts over all entries; `carried` of them were judged by an earlier run (a --claim selection). */
  summary: {
    total: number;
    pass: number;
    fail: number;
    error: number;
    unchecked: number;
    unexpected: number;
    carried?: number;
    /** The `fail` entries by how they fail (src/engine/verify/failure/); a fail without a kind counts under `none`. */
    failKinds?: Record<FailureKind | 'none', number>;
  };
  claims: ClaimResult[];
  /** `npm test -- --shard i/n`: which part of the claims this report judged (every other entry is unchecked). */
  shard?: { index: number; count: number; ids: string[] };
  /** A report merged from shards (`npm run merge-reports`): where each part came from. */
  mergedFrom?: { dir: string; runId: string | null; shard: { index: number; count: number } }[];
}

const KINDS: (FailureKind | 'none')[] = ['substance', 'hypothesis', 'notation', 'wording', 'none'];

/** How many `fail` entries fail in each way. */
export function failKindCounts(claims: ClaimResult[]): Record<FailureKind | 'none', number> {
  const out = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<FailureKind | 'none', number>;
  for (const c of claims) {
    if (c.verdict !== 'fail') continue;
    const k = (c.failure as { kind?: unknown } | null | undefined)?.kind;
    out[KINDS.includes(k as FailureKind) && k !== 'none' ? (k as FailureKind) : 'none']++;
  }
  return out;
}

export interface BuildInput {
  results: ClaimResult[];
  pairing: Pairing;
  index: { id: string; locator: string; summary: string; document?: string }[];
  seed: number;
  environment: Environment;
  /** Claims deliberately not run (a `--claim` filter): reported as unchecked, not as errors. */
  selected?: string[] | null;
  now?: Date;
  runId?: string;
  startedAt?: Date;
  runErrors?: string[];
  /** The previous report: with a selection, the claims left out keep their earlier entries (marked). */
  previous?: Report | null;
  /** Where the coverage index lives, for messages. */
  indexFile?: string;
  shard?: Report['shard'];
}

/** An earlier run's entry for a claim this run left out, marked with the run that judged it. */
function carried(previous: Report | null | undefined, id: string): ClaimResult | null {
  const c = previous?.claims.find((x) => x.id === id);
  if (!previous || !c || c.verdict === 'unchecked') return null;
  return {
    ...c,
    carriedFrom: c.carriedFrom ?? {
      runId: previous.runId ?? null,
      seed: previous.seed,
      generatedAt: previous.generatedAt,
    },
  };
}

/**
 * Every claim appears exactly once: results as run; unpaired files and claims whose property file
 * produced no result as `error`; index items with no claim file yet as `unchecked`.
 */
export function buildReport(input: BuildInput): Report {
  const byId = new Map<string, ClaimResult>();
  const add = (r: ClaimResult) => {
    if (!byId.has(r.id)) byId.set(r.id, r);
  };
  const seen = new Map<string, number>();
  for (const r of input.results) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
  for (const [id, n] of seen) {
    if (n > 1)
      add(
        errorResult(
          id,
          `duplicate claim id '${id}': ${n} results carry it (two property files call verifyClaim for the same claim?)`,
          { claim: `claims/${id}.md`, property: null },
        ),
      );
  }
  for (const r of input.results) add(r);
  for (const id of input.pairing.claimWithoutProperty) {
    add(
      errorResult(id, `claims/${id}.md has no property file: expected properties/${id}.property.ts`, {
        claim: `claims/${id}.md`,
        property: null,
      }),
    );
  }
  for (const id of input.pairing.propertyWithoutClaim) {
    add(
      errorResult(id, `unknown claim id '${id}': properties/${id}.property.ts has no claim file claims/${id}.md`, {
        claim: null,
        property: `properties/${id}.property.ts`,
      }),
    );
  }
  for (const id of input.pairing.paired) {
    if (byId.has(id)) continue;
    if (input.selected && !input.selected.includes(id)) {
      const earlier = carried(input.previous, id);
      if (earlier) {
        add(earlier);
        continue;
      }
      add({
        ...errorResult(id, '', { claim: `claims/${id}.md`, property: `properties/${id}.property.ts` }),
        verdict: 'unchecked',
        error: null,
        reading: 'Not run: its property file was not selected in this run.',
      });
    } else {
      add(
        errorResult(
          id,
          `properties/${id}.property.ts produced no result: it failed to load, crashed, or never called verifyClaim `,
          { claim: `claims/${id}.md`, property: `properties/${id}.property.ts` },
        ),
      );
    }
  }
  for (const item of input.index) {
    if (byId.has(item.id)) continue;
    const base = {
      ...errorResult(item.id, '', { claim: null, property: null }),
      title: item.summary,
      source: { document: item.document ?? '', locator: item.locator },
    };
    if (input.selected && !input.selected.includes(item.id)) {
      const earlier = carried(input.previous, item.id);
      if (earlier) {
        add(earlier);
        continue;
      }
      add({
        ...base,
        verdict: 'unchecked',
        error: null,
        reading: 'Not run: not selected in this run (and no claim file encodes it yet).',
      });
    } else {
      // The index says which claims must exist: a missing one fails the run, it is never "skipped".
      add({
        ...base,
        error: `listed in ${input.indexFile ?? 'the coverage index'} but there is no claim file claims/${item.id}.md (deleted or renamed?)`,
      });
    }
  }
  const order = new Map(input.index.map((x, i) => [x.id, i]));
  const claims = [...byId.values()].sort(
    (a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9) || a.id.localeCompare(b.id),
  );
  return {
    schemaVersion: 1,
    ...(input.runId ? { runId: input.runId } : {}),
    ...(input.startedAt ? { startedAt: input.startedAt.toISOString() } : {}),
    generatedAt: (input.now ?? new Date()).toISOString(),
    ...(input.runErrors ? { runErrors: input.runErrors } : {}),
    seed: input.seed,
    environment: input.environment,
    summary: summarize(claims),
    claims,
    ...(input.shard ? { shard: input.shard } : {}),
  };
}

/** The report's counts over its entries (carried ones are counted apart and never unexpected). */
export function summarize(claims: ClaimResult[]): Report['summary'] {
  const count = (v: string) => claims.filter((c) => c.verdict === v).length;
  return {
    total: claims.length,
    pass: count('pass'),
    fail: count('fail'),
    error: count('error'),
    unchecked: count('unchecked'),
    unexpected: claims.filter((c) => !c.carriedFrom && unexpectedReason(c) !== null).length,
    ...(claims.some((c) => c.carriedFrom) ? { carried: claims.filter((c) => c.carriedFrom).length } : {}),
    failKinds: failKindCounts(claims),
  };
}

/** " — 14 wrong, 8 missing a hypothesis, 4 notation, 5 wording" (kinds with a count only), or "". */
export function failKindPhrase(report: Pick<Report, 'summary' | 'claims'>): string {
  // A report read from disk may lack its summary (an older or hand-made file): count from the claims then.
  const k = (report.summary as Report['summary'] | undefined)?.failKinds ?? failKindCounts(report.claims);
  const parts = [
    [k.substance, 'wrong'],
    [k.hypothesis, 'missing a hypothesis'],
    [k.notation, 'notation'],
    [k.wording, 'wording'],
    [k.none, 'without a failure kind'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`);
  return parts.length ? ` — ${parts.join(', ')}` : '';
}
