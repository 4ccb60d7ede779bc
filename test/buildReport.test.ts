import { describe, expect, test } from 'vitest';
import { buildReport } from '../src/engine/report/buildReport.js';
import { summaryLines } from '../src/engine/report/summaryLines.js';
import { toJson } from '../src/engine/report/json.js';
import { errorResult } from '../src/engine/verify/runClaim.js';
import type { ClaimResult } from '../src/engine/verify/types.js';

const result = (id: string, verdict: ClaimResult['verdict'], expected: 'pass' | 'fail'): ClaimResult => ({
  ...errorResult(id, '', { claim: null, property: null }),
  verdict,
  expected,
  error: null,
  counterexample: verdict === 'fail' ? { input: 1 } : null,
  corrected: verdict === 'fail' ? { statement: 'c', verdict: 'pass' } : null,
});
const env = { node: 'v20', gpuBackend: 'webasm', cpus: 2 };
const noPairing = { paired: [], claimWithoutProperty: [], propertyWithoutClaim: [] };

describe('buildReport', () => {
  test('has the schemaVersion-1 shape and counts verdicts and surprises', () => {
    const r = buildReport({
      results: [result('s1-a', 'pass', 'pass'), result('s1-b', 'fail', 'fail'), result('s1-c', 'fail', 'pass')],
      pairing: noPairing,
      index: [],
      seed: 7,
      environment: env,
      now: new Date(0),
    });
    expect(r).toMatchObject({ schemaVersion: 1, generatedAt: '1970-01-01T00:00:00.000Z', seed: 7, environment: env });
    expect(r.summary).toEqual({
      total: 3,
      pass: 1,
      fail: 2,
      error: 0,
      unchecked: 0,
      unexpected: 1,
      // the fixture's fails carry no failure kind: counted as such, never dropped
      failKinds: { substance: 0, hypothesis: 0, notation: 0, wording: 0, none: 2 },
    });
    for (const key of [
      'id',
      'title',
      'source',
      'statement',
      'reading',
      'dependsOn',
      'verdict',
      'expected',
      'counterexample',
      'replay',
      'corrected',
      'checks',
      'steps',
      'firstBrokenStep',
      'error',
    ]) {
      expect(r.claims[0]).toHaveProperty(key);
    }
  });
  test('unpaired files become errors naming both paths; index items without a claim are errors (the index says they must exist)', () => {
    const r = buildReport({
      results: [],
      seed: 1,
      environment: env,
      pairing: { paired: ['s1-ran'], claimWithoutProperty: ['s1-noprop'], propertyWithoutClaim: ['s1-noclaim'] },
      index: [{ id: 's1-todo', locator: 'Claim 9', summary: 'later' }],
    });
    const by = Object.fromEntries(r.claims.map((c) => [c.id, c]));
    expect(by['s1-noprop'].error).toMatch(
      /claims\/s1-noprop\.md has no property file: expected properties\/s1-noprop\.property\.ts/,
    );
    expect(by['s1-noclaim'].error).toMatch(/unknown claim id 's1-noclaim'.*claims\/s1-noclaim\.md/);
    expect(by['s1-ran'].error).toMatch(/produced no result/);
    expect(by['s1-todo']).toMatchObject({ verdict: 'error' });
    expect(by['s1-todo'].error).toMatch(/listed in the coverage index but there is no claim file claims\/s1-todo\.md/);
    expect(r.summary.unexpected).toBe(4);
  });
  test('an index item outside a --claim selection is unchecked', () => {
    const r = buildReport({
      results: [],
      seed: 1,
      environment: env,
      pairing: noPairing,
      index: [{ id: 's1-todo', locator: 'Claim 9', summary: 'later' }],
      selected: ['s1-other'],
    });
    expect(r.claims[0].verdict).toBe('unchecked');
  });
  test('claims outside a --claim selection are unchecked, not errors', () => {
    const r = buildReport({
      results: [],
      seed: 1,
      environment: env,
      pairing: { ...noPairing, paired: ['s1-x'] },
      index: [],
      selected: ['s1-y'],
    });
    expect(r.claims[0].verdict).toBe('unchecked');
  });
  test('a duplicate id is an error', () => {
    const r = buildReport({
      results: [result('s1-a', 'pass', 'pass'), result('s1-a', 'pass', 'pass')],
      seed: 1,
      environment: env,
      pairing: noPairing,
      index: [],
    });
    expect(r.claims).toHaveLength(1);
    expect(r.claims[0].error).toMatch(/duplicate claim id/);
  });
  test('a fail without a passing corrected statement is unexpected', () => {
    const bad = { ...result('s1-a', 'fail', 'fail'), corrected: { statement: 'c', verdict: 'fail' as const } };
    const r = buildReport({ results: [bad], seed: 1, environment: env, pairing: noPairing, index: [] });
    expect(r.summary.unexpected).toBe(1);
    expect(summaryLines(r)[0]).toMatch(/corrected statement's verdict is fail/);
  });
  test('∞ and NaN survive serialisation as strings', () => {
    expect(JSON.parse(toJson({ a: Infinity, b: NaN, c: -Infinity }))).toEqual({
      a: 'Infinity',
      b: 'NaN',
      c: '-Infinity',
    });
  });
});
