/**
 * Builders for the report renderers' unit tests (test/engine-report-*.test.ts, test/report-render.test.ts):
 * a claim, a recorded fail, a check outcome and a report, each neutral, with `over` for what a test is about.
 */
import type { Report } from '../src/engine/report/buildReport.js';
import { countsOf } from '../src/engine/report/render/model.js';
import { errorResult } from '../src/engine/verify/runClaim.js';
import type { CheckOutcome, ClaimResult } from '../src/engine/verify/types.js';

/** Fields of T, any value: the renderers read reports from disk, hand-edited ones included. */
export type Loose<T> = { [K in keyof T]?: unknown } & Record<string, unknown>;

/** A neutral pass-as-recorded claim in doc-a.txt; tests override what they are about. */
export function claim(id: string, over: Loose<ClaimResult> = {}): ClaimResult {
  return {
    ...errorResult(id, '', { claim: `claims/${id}.md`, property: `properties/${id}.property.ts` }),
    title: `T ${id}`,
    source: { document: 'doc-a.txt', locator: 'L' },
    verdict: 'pass',
    expected: 'pass',
    error: null,
    ...over,
  } as ClaimResult;
}

/** A fail as recorded: evidence, a passing corrected statement. */
export const recordedFail = (id: string, over: Loose<ClaimResult> = {}): ClaimResult =>
  claim(id, {
    verdict: 'fail',
    expected: 'fail',
    counterexample: { check: 'k', input: [1, 2] },
    corrected: { statement: 'fixed', verdict: 'pass' },
    ...over,
  });

/** A passing f64 check outcome on 2×2 inputs. */
export const check = (over: Loose<CheckOutcome> = {}): CheckOutcome =>
  ({
    name: 'a check',
    backend: 'ml-matrix-f64',
    sizes: [[2, 2]],
    cases: 10,
    maxError: 1e-16,
    tolerance: 1e-12,
    toleranceReason: 'reason',
    passed: true,
    ms: 1,
    ...over,
  }) as CheckOutcome;

/** A report whose own summary agrees with its claims (so the HTML header shows no mismatch line). */
export function report(claims: ClaimResult[], over: Loose<Report> = {}): Report {
  return {
    schemaVersion: 1,
    runId: 'run-1',
    startedAt: '2026-01-01T00:00:00.000Z',
    generatedAt: '2026-01-02T00:00:00.000Z',
    seed: 42,
    environment: { node: 'v20.1.0', gpuBackend: 'cpu', cpus: 2 },
    summary: countsOf({ claims }),
    claims,
    ...over,
  } as Report;
}
