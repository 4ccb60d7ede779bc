import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, test } from 'vitest';
import { describeOutcome, runClaim } from '../src/engine/verify/runClaim.js';
import { forAll } from '../src/engine/verify/checks/forAll.js';
import { compute, step } from '../src/engine/verify/checks/compute.js';
import { statistic } from '../src/engine/verify/checks/statistic.js';
import { matrixResidual } from '../src/engine/verify/checks/matrixIdentity.js';
import { tolerance } from '../src/engine/verify/tolerance.js';
import { invSqrtmSym } from '../src/math/linalg/symmetricFunction.js';
import type { Check } from '../src/engine/verify/types.js';
import { scratchSuite, withTriage } from './claimFixture.js';

const { paths, claim } = scratchSuite('suite-');
const opts = { paths, seed: 1, heavy: false };
// A passing headline must be shown able to fail: its control (x² ≥ 400) is false for every |x| < 20.
const nonNegative: Check = forAll({
  name: 'x² ≥ 0',
  backend: 'scalar-f64',
  arbitrary: fc.integer({ min: -50, max: 50 }),
  measure: (x) => ({ value: x * x, bound: 0, relation: '>=' }),
  toleranceReason: 'exact',
  control: {
    description: 'x² ≥ 400 (false for |x| < 20)',
    measure: (x) => ({ value: x * x, bound: 400, relation: '>=' }),
  },
});
const belowTen: Check = forAll({
  name: 'x < 10',
  backend: 'scalar-f64',
  arbitrary: fc.integer({ min: 0, max: 1000 }),
  measure: (x) => ({ value: x, bound: 9 }),
  toleranceReason: 'exact',
});

describe('runClaim', () => {
  test('a holding check gives pass', async () => {
    claim('s900-pass', 'pass');
    const r = await runClaim('s900-pass', { checks: [nonNegative] }, opts);
    expect(r.verdict).toBe('pass');
    expect(r.checks[0].cases).toBe(100);
    expect(r.checks[0]).toMatchObject({
      power: 'control-refuted',
      control: { source: 'explicit', outcome: 'refuted' },
    });
  });
  test('a failing check gives fail with the shrunk counterexample and a replay', async () => {
    claim('s900-fail', 'fail');
    const r = await runClaim('s900-fail', withTriage({ checks: [belowTen], corrected: [nonNegative] }), opts);
    expect(r.verdict).toBe('fail');
    expect(r.counterexample).toMatchObject({ check: 'x < 10', input: 10 });
    expect(r.replay?.path).toMatch(/^\d+(:\d+)*$/);
    expect(r.corrected?.verdict).toBe('pass');
  });
  test('replaying the seed and path reproduces the counterexample directly', async () => {
    claim('s900-fail', 'fail');
    const first = await runClaim('s900-fail', withTriage({ checks: [belowTen], corrected: [nonNegative] }), opts);
    const replay = { claim: 's900-fail', check: 'x < 10', seed: first.replay!.seed, path: first.replay!.path };
    const again = await runClaim('s900-fail', withTriage({ checks: [belowTen], corrected: [nonNegative] }), {
      ...opts,
      replay,
    });
    expect(again.counterexample).toMatchObject({ input: 10 });
  });
  test('a throwing property is an error, not a fail', async () => {
    claim('s900-throw', 'pass');
    const throwing = forAll({
      name: 'throws',
      backend: 'scalar-f64',
      arbitrary: fc.integer(),
      measure: () => {
        throw new Error('boom');
      },
      toleranceReason: '',
    });
    const r = await runClaim('s900-throw', { checks: [throwing] }, opts);
    expect(r.verdict).toBe('error');
    expect(r.error).toMatch(/boom/);
  });
  test('NaN is an error', async () => {
    claim('s900-nan', 'pass');
    const nan = compute({
      name: 'nan',
      backend: 'scalar-f64',
      toleranceReason: '',
      run: () => ({ value: NaN, bound: 1 }),
    });
    const r = await runClaim('s900-nan', { checks: [nan] }, opts);
    expect(r.verdict).toBe('error');
    expect(r.error).toMatch(/NaN/);
  });
  test('a singular matrix where an inverse is needed refutes the identity (∞), with the reason', async () => {
    claim('s900-singular', 'fail');
    const c = compute({
      name: 'A^{-1/2}A^{1/2} = I',
      backend: 'ml-matrix-f64',
      toleranceReason: '',
      run: () =>
        matrixResidual(
          () =>
            invSqrtmSym(
              new Matrix([
                [1, 0],
                [0, 0],
              ]),
            ),
          () => Matrix.eye(2),
          tolerance(1e-12, 'test fixture'),
        ),
    });
    const r = await runClaim('s900-singular', withTriage({ checks: [c], corrected: [nonNegative] }), opts);
    expect(r.verdict).toBe('fail');
    expect(JSON.stringify(r.counterexample)).toMatch(/singular/);
  });
  test('step count mismatch between claim file and property file is an error naming both', async () => {
    claim('s900-steps', 'pass', "steps:\n  - statement: 'a'\n  - statement: 'b'\n");
    const r = await runClaim('s900-steps', { checks: [nonNegative], steps: [step('numeric', nonNegative)] }, opts);
    expect(r.verdict).toBe('error');
    expect(r.error).toMatch(
      /claims\/s900-steps\.md lists 2 step\(s\) but .*properties\/s900-steps\.property\.ts checks 1/,
    );
  });
  test('the first broken step is reported while the headline holds', async () => {
    claim('s900-brokenstep', 'pass', "steps:\n  - statement: 'a'\n  - statement: 'b'\n");
    const r = await runClaim(
      's900-brokenstep',
      { checks: [nonNegative], steps: [step('numeric', nonNegative), step('numeric', belowTen)] },
      opts,
    );
    expect(r.verdict).toBe('pass');
    expect(r.firstBrokenStep).toBe(2);
    expect(r.steps[1].detail).toMatch(/FAILS/);
  });
  test('a property file without a claim file is an unknown id', async () => {
    const r = await runClaim('s900-nofile', { checks: [nonNegative] }, opts);
    expect(r.verdict).toBe('error');
    expect(r.error).toMatch(/unknown claim id 's900-nofile'/);
  });
  test('dependsOn an unknown id is an error', async () => {
    claim('s900-deps', 'pass', 'dependsOn: [s999-nothing]\n');
    const r = await runClaim('s900-deps', { checks: [nonNegative] }, { ...opts, knownIds: new Set(['s900-deps']) });
    expect(r.error).toMatch(/dependsOn.*s999-nothing/);
  });
  test('expected fail without corrected checks is an error', async () => {
    claim('s900-nocorr', 'fail');
    const r = await runClaim('s900-nocorr', { checks: [belowTen] }, opts);
    expect(r.error).toMatch(/no 'corrected' checks/);
  });
  test('a statistical check carries its interval as evidence', async () => {
    claim('s900-stat', 'fail');
    const s = statistic({
      name: 'slope',
      backend: 'scalar-f64',
      toleranceReason: '99.9% CI',
      run: () => ({
        name: 'slope',
        estimate: -1,
        ci: [-1.1, -0.9],
        confidence: 0.999,
        rule: 'the claimed slope',
        samples: 100,
        decision: { kind: 'contains', value: 0 },
      }),
    });
    const r = await runClaim('s900-stat', withTriage({ checks: [s], corrected: [nonNegative] }), opts);
    expect(r.verdict).toBe('fail');
    expect(r.counterexample).toMatchObject({
      statistic: { ci: [-1.1, -0.9], decision: { kind: 'contains', value: 0 } },
    });
    // The engine decided, and wrote the rule from the decision, then the property's prose.
    expect(r.checks[0]).toMatchObject({
      passed: false,
      maxError: -1,
      tolerance: 0,
      cases: 100,
      power: 'shown-by-failure',
    });
    expect(r.checks[0].statistic?.rule).toBe('pass iff 0 ∈ CI; the claimed slope');
  });
  test('the same seed gives the same result; another seed may explore other inputs', async () => {
    claim('s900-fail', 'fail');
    const a = await runClaim('s900-fail', withTriage({ checks: [belowTen], corrected: [nonNegative] }), opts);
    const b = await runClaim('s900-fail', withTriage({ checks: [belowTen], corrected: [nonNegative] }), opts);
    expect(b.replay).toEqual(a.replay);
  });
});

describe('forAll', () => {
  test('a throwing size() is an error, never a refuting counterexample', async () => {
    claim('s900-size', 'pass');
    const c = forAll({
      name: 'sized',
      backend: 'scalar-f64',
      arbitrary: fc.integer(),
      measure: () => ({ value: 0, bound: 1 }),
      size: () => {
        throw new Error('no size');
      },
      toleranceReason: '',
    });
    const r = await runClaim('s900-size', { checks: [c] }, opts);
    expect(r.verdict).toBe('error');
    expect(r.error).toMatch(/check 'sized': measure threw: no size/);
  });
  test('a shrunk counterexample that holds when measured again is an error (a non-deterministic measure)', async () => {
    claim('s900-flaky', 'pass');
    let calls = 0;
    const flaky = forAll({
      name: 'flaky',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 9 }),
      numRuns: 5,
      measure: () => ({ value: calls++ === 0 ? 2 : 0, bound: 1 }),
      toleranceReason: '',
    });
    const r = await runClaim('s900-flaky', { checks: [flaky] }, opts);
    expect(r.error).toMatch(/the shrunk counterexample holds when measured again/);
  });
  test('a documented ∞ is reported with its reason next to the worst value', async () => {
    claim('s900-inf', 'fail');
    const c = compute({
      name: 'inverse exists',
      backend: 'scalar-f64',
      toleranceReason: '',
      run: () => [
        { value: 0.5, bound: 1 },
        { value: Infinity, bound: 1, infinite: 'A is singular' },
      ],
    });
    const r = await runClaim('s900-inf', withTriage({ checks: [c], corrected: [nonNegative] }), opts);
    expect(r.verdict).toBe('fail');
    expect(r.checks[0]).toMatchObject({
      maxError: Infinity,
      infinite: 'A is singular',
      counterexample: { input: 'case 2 of 2', measured: { infinite: 'A is singular' } },
    });
    expect(describeOutcome(r.checks[0])).toMatch(/worst Infinity \(∞: A is singular\) vs bound 1/);
  });
  test('compute names the malformed case among several', async () => {
    claim('s900-case', 'pass');
    const c = compute({
      name: 'cases',
      backend: 'scalar-f64',
      toleranceReason: '',
      run: () => [{ value: 0, bound: 1 }, { value: 0, bnd: 1 } as never],
    });
    const r = await runClaim('s900-case', { checks: [c] }, opts);
    expect(r.error).toMatch(/check 'cases': case 2 of 2: measurement has unknown key 'bnd'/);
  });
  test('a property that measures no case is an error, not a pass', async () => {
    claim('s900-empty', 'pass');
    const empty = forAll({
      name: 'never measured',
      backend: 'scalar-f64',
      arbitrary: fc.integer(),
      numRuns: 0,
      measure: () => ({ value: 0, bound: 1 }),
      toleranceReason: '',
    });
    const r = await runClaim('s900-empty', { checks: [empty] }, opts);
    expect(r.verdict).toBe('error');
  });
});
