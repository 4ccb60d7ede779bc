import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test, vi } from 'vitest';
import { projectRoot, suitePaths } from '../src/engine/registry/paths.js';
import { buildReport } from '../src/engine/report/buildReport.js';
import { summaryLines } from '../src/engine/report/summaryLines.js';
import { normalizeWords } from '../src/engine/verify/failure/triage.js';
import { runClaim } from '../src/engine/verify/runClaim.js';
import type { ClaimResult } from '../src/engine/verify/types.js';
import { unexpectedReason } from '../src/engine/verify/verdict.js';

// One fixture claim per failure kind (test/fixtures/failure-kinds): each fails as written, and its
// kind is backed by the checks the triage runs (src/engine/verify/failure/triage.ts). The bad-input
// cases (missing or unknown kind, a kind on a passing claim, an inconsistent triage …) are in the
// hostile corpus, v-failure-* (test/verdictRules.test.ts, test/gate.test.ts).
const registered = vi.hoisted(() => new Map<string, unknown>());
vi.mock('../src/engine/verify/verifyClaim.js', () => ({
  verifyClaim: (url: string, spec: unknown) => {
    registered.set(url, spec);
  },
}));

const root = join(projectRoot, 'test', 'fixtures', 'failure-kinds');
const paths = suitePaths(root);
const opts = { paths, seed: 20261123, heavy: false };

async function run(id: string): Promise<ClaimResult> {
  const url = pathToFileURL(join(paths.propertiesDir, `${id}.property.ts`)).href;
  if (!registered.has(url)) await import(url);
  return runClaim(id, registered.get(url) as never, opts);
}

describe('each failure kind, backed by checks', () => {
  test('substance: the corrected conclusion holds on the same inputs and at the counterexample', async () => {
    const r = await run('k-substance');
    expect(r.verdict, r.error ?? '').toBe('fail');
    expect(unexpectedReason(r)).toBeNull();
    expect(r.counterexample).toMatchObject({ check: 'x² ≥ 2x', input: 1 });
    const f = r.failure!;
    expect(f.kind).toBe('substance');
    expect(f.checks.map((c) => [c.name, c.passed])).toEqual([
      ['x² ≥ 2x − 1', true],
      ["x² ≥ 2x − 1 at the counterexample of 'x² ≥ 2x'", true],
    ]);
    // The twin's negative control is the statement as written, failing on the same inputs.
    expect(f.checks[0]).toMatchObject({ power: 'control-refuted', control: { outcome: 'refuted' } });
    expect(f.checks[1].closest).toMatchObject({ input: 1, measured: { value: 0, bound: 0, relation: '>=' } });
    expect(f.backing).toMatch(/its counterexample included/);
  });
  test('hypothesis: holds inside it, fails outside it, and the counterexample violates it', async () => {
    const r = await run('k-hypothesis');
    expect(r.verdict, r.error ?? '').toBe('fail');
    const f = r.failure!;
    expect(f).toMatchObject({ kind: 'hypothesis', hypothesis: 'x \\ge 0' });
    expect(f.checks.map((c) => [c.name, c.passed])).toEqual([
      ["counterexample of '√(x²) = x' violates the hypothesis (x ≥ 0)", true],
      ["'√(x²) = x' under the hypothesis (x ≥ 0)", true],
    ]);
    expect(f.checks[0].closest).toMatchObject({ input: -1, measured: { value: 0, detail: { holdsThere: false } } });
    const under = f.checks[1];
    expect(under.skipped).toBeGreaterThan(0);
    expect(under.skipReasons).toEqual(['outside the hypothesis: x ≥ 0']);
    expect(under).toMatchObject({ power: 'control-refuted', control: { outcome: 'refuted' } });
  });
  test('notation: the intended reading (the fixed parts) holds on the same inputs and at the counterexample', async () => {
    const r = await run('k-notation');
    expect(r.verdict, r.error ?? '').toBe('fail');
    const f = r.failure!;
    expect(f).toMatchObject({ kind: 'notation', symbol: '\\sum_i v_i^2' });
    expect(f.checks).toHaveLength(2);
    expect(f.checks.every((c) => c.passed && c.error === undefined)).toBe(true);
    expect(f.checks[0].name).toBe('‖2v‖ = 2‖v‖ with ‖v‖ := (Σ v_i²)^root [intended reading]');
  });
  test('wording: the formula holds, the check that fails is the one quoting the word', async () => {
    const r = await run('k-wording');
    expect(r.verdict, r.error ?? '').toBe('fail');
    const f = r.failure!;
    expect(f).toMatchObject({ kind: 'wording', words: '"equivalently"', checks: [] });
    expect(f.backing).toBe(
      `the formula-level checks hold ('x² ≥ 0'); the checks that fail are the ones encoding the words "equivalently" ('"equivalently": x² ≥ 0 ⇒ x ≥ 0')`,
    );
    expect(r.checks.map((c) => c.passed)).toEqual([true, false]);
  });
  test('the summary counts the fails by kind', async () => {
    const results = await Promise.all(['k-substance', 'k-hypothesis', 'k-notation', 'k-wording'].map(run));
    const report = buildReport({
      results,
      pairing: { paired: results.map((r) => r.id), claimWithoutProperty: [], propertyWithoutClaim: [] } as never,
      index: [],
      seed: 1,
      environment: { node: 'v20', gpuBackend: 'none', cpus: 2 },
    });
    expect(report.summary.failKinds).toEqual({ substance: 1, hypothesis: 1, notation: 1, wording: 1, none: 0 });
    expect(summaryLines(report).at(-1)).toMatch(
      /^4 claims: 0 hold; 4 fail as written — 1 wrong, 1 missing a hypothesis, 1 notation, 1 wording; 0 error/,
    );
  });
});

describe('normalizeWords', () => {
  test('strips straight and curly quotes and case', () => {
    expect(normalizeWords('"Equivalent"')).toBe('equivalent');
    expect(normalizeWords('“very steady”')).toBe('very steady');
    expect(normalizeWords("  'otherwise' ")).toBe('otherwise');
    expect(normalizeWords('""')).toBe('');
  });
});
