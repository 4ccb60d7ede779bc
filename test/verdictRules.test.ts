import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test, vi } from 'vitest';
import { projectRoot, suitePaths } from '../src/engine/registry/paths.js';
import { holds, invalidReason, severity, type Measurement } from '../src/engine/verify/checks/measurement.js';
import { decide, statisticInvalidReason, toleranceOf, ruleText } from '../src/engine/verify/checks/statistic.js';
import { normalizeOutcome } from '../src/engine/verify/checks/outcome.js';
import { runClaim } from '../src/engine/verify/runClaim.js';
import type { CheckOutcome, StatisticRule } from '../src/engine/verify/types.js';
import { unexpectedReason } from '../src/engine/verify/verdict.js';
import { Matrix } from 'ml-matrix';
import { matrixResidual } from '../src/engine/verify/checks/matrixIdentity.js';
import { tolerance } from '../src/engine/verify/tolerance.js';
import { invSqrtmSym } from '../src/math/linalg/symmetricFunction.js';
import { sampledProductCheck } from '../src/checks/atScale/sampledCrossCheck.js';
import { crossCheck } from '../src/gpu/crossCheck.js';
import expectations from './fixtures/hostile/expectations.verdict.js';

// The hostile property files call verifyClaim(import.meta.url, spec) like the real ones; here the
// call only records the spec, so each can be run through runClaim directly, whatever the suite
// runner does with registrations.
const registered = vi.hoisted(() => new Map<string, unknown>());
vi.mock('../src/engine/verify/verifyClaim.js', () => ({
  verifyClaim: (url: string, spec: unknown) => {
    registered.set(url, spec);
  },
}));

const hostileRoot = join(projectRoot, 'test', 'fixtures', 'hostile');
const paths = suitePaths(hostileRoot);
const opts = { paths, seed: 20261123, heavy: false };

async function specOf(id: string): Promise<unknown> {
  const url = pathToFileURL(join(paths.propertiesDir, `${id}.property.ts`)).href;
  if (!registered.has(url)) await import(url);
  if (!registered.has(url)) throw new Error(`${id}.property.ts did not call verifyClaim`);
  return registered.get(url);
}

// ---------------------------------------------------------------------------------------------
describe('decide: each rule kind at and around its boundary', () => {
  const cases: [StatisticRule, [number, number], boolean][] = [
    [{ kind: 'contains', value: 1 }, [0, 2], true],
    [{ kind: 'contains', value: 1 }, [1, 2], true], // closed at the lower end
    [{ kind: 'contains', value: 2 }, [1, 2], true], // closed at the upper end
    [{ kind: 'contains', value: 2 + 2 ** -51 }, [1, 2], false],
    [{ kind: 'contains', value: 0.999 }, [1, 2], false],
    [{ kind: 'contains', value: 1, maxWidth: 0.2 }, [0.95, 1.05], true],
    [{ kind: 'contains', value: 1, maxWidth: 0.25 }, [0.75, 1], false], // width 0.25 is not < 0.25
    [{ kind: 'contains', value: 1, maxWidth: 0.2 }, [0, 2], false],
    [{ kind: 'excludes', value: 3 }, [1, 2], true],
    [{ kind: 'excludes', value: 0 }, [1, 2], true],
    [{ kind: 'excludes', value: 2 }, [1, 2], false], // an end point is not excluded
    [{ kind: 'excludes', value: 1 }, [1, 2], false],
    [{ kind: 'excludes', value: 1.5 }, [1, 2], false],
    [{ kind: 'below', value: 3 }, [1, 2], true],
    [{ kind: 'below', value: 2 }, [1, 2], false], // strictly below
    [{ kind: 'below', value: 1.5 }, [1, 2], false],
    [{ kind: 'above', value: 0 }, [1, 2], true],
    [{ kind: 'above', value: 1 }, [1, 2], false], // strictly above
    [{ kind: 'above', value: 1.5 }, [1, 2], false],
    [{ kind: 'within', range: [0, 3] }, [1, 2], true],
    [{ kind: 'within', range: [1, 2] }, [1, 2], true], // closed range
    [{ kind: 'within', range: [1.1, 3] }, [1, 2], false],
    [{ kind: 'within', range: [0, 1.9] }, [1, 2], false],
  ];
  test.each(cases)('%j on %j → %s', (rule, ci, expected) => {
    expect(decide(rule, ci)).toBe(expected);
  });
  test("the tolerance the report prints is the rule's value (the nearer end for within)", () => {
    expect(toleranceOf({ kind: 'contains', value: 0.5 }, 9)).toBe(0.5);
    expect(toleranceOf({ kind: 'within', range: [0, 10] }, 9)).toBe(10);
    expect(toleranceOf({ kind: 'within', range: [0, 10] }, 1)).toBe(0);
  });
  test('the rule text is derived from the decision', () => {
    expect(ruleText({ kind: 'contains', value: 12 })).toBe('pass iff 12 ∈ CI');
    expect(ruleText({ kind: 'contains', value: -1, maxWidth: 0.2 })).toBe('pass iff -1 ∈ CI and CI width < 0.2');
    expect(ruleText({ kind: 'below', value: -1 })).toMatch(/upper end < -1/);
  });
});

describe('invalidReason: a measurement is judged only when it is well formed', () => {
  const bad: [string, unknown, RegExp][] = [
    [
      'typo key',
      { val: 1, bound: 2 },
      /unknown key 'val' \(expected value, bound, tolerance, relation, detail, infinite\)/,
    ],
    ['Unicode relation', { value: 1, bound: 2, relation: '≤' }, /relation is '≤'/],
    ['null value', { value: null, bound: 1 }, /measured value is null/],
    ['missing value', { bound: 1 }, /measured value is undefined/],
    ['string value', { value: '1', bound: 2 }, /measured value is a string/],
    ['NaN value', { value: NaN, bound: 1 }, /measured value is NaN/],
    ['Infinity bound', { value: 1, bound: Infinity }, /bound is Infinity: a bound must be finite/],
    ['-Infinity bound', { value: 1, bound: -Infinity, relation: '>=' }, /bound is -Infinity/],
    ['NaN bound', { value: 1, bound: NaN }, /bound is NaN/],
    ['string bound', { value: 1, bound: '2' }, /bound is a string/],
    ['-Infinity under <=', { value: -Infinity, bound: 1 }, /would hold by infinity/],
    ['+Infinity under >=', { value: Infinity, bound: 1, relation: '>=' }, /would hold by infinity/],
    ['unexplained +Infinity', { value: Infinity, bound: 1 }, /without a reason/],
    ['marker on a finite value', { value: 2, bound: 1, infinite: 'x' }, /says the value is infinite/],
    [
      'marker on the holding infinity',
      { value: -Infinity, bound: 1, infinite: 'x' },
      /only Infinity is a documented refutation/,
    ],
    ['empty marker', { value: Infinity, bound: 1, infinite: '' }, /'infinite' must be a non-empty string/],
    ['not an object', 3, /measure returned 3 instead of/],
    ['undefined', undefined, /measure returned undefined/],
    ['array', [1, 2], /returned an array/],
    ['promise', Promise.resolve({ value: 1, bound: 2 }), /returned a Promise/],
  ];
  test.each(bad)('%s', (_k, m, re) => {
    expect(invalidReason(m)).toMatch(re);
  });
  test('well-formed measurements, the documented ∞ included, are accepted', () => {
    for (const m of [
      { value: 1, bound: 2 },
      { value: 1, bound: 2, relation: '<=' },
      { value: 3, bound: 2, relation: '>=' },
      { value: 1, bound: 2, detail: 'x' },
      { value: Infinity, bound: 1, infinite: 'A singular' },
      { value: -Infinity, bound: 0, relation: '>=', infinite: 'no index i' },
      { value: 1, bound: 2, relation: undefined, detail: undefined },
    ])
      expect(invalidReason(m), JSON.stringify(m)).toBeNull();
  });
  test('a documented ∞ can only refute', () => {
    expect(holds({ value: Infinity, bound: 1e300, infinite: 'singular' })).toBe(false);
    expect(holds({ value: -Infinity, bound: -1e300, relation: '>=', infinite: 'none' })).toBe(false);
  });
  test('severity exceeds 1 exactly when the case fails, whatever the signs', () => {
    const ms: Measurement[] = [
      { value: 0.5, bound: 1 },
      { value: 2, bound: 1 },
      { value: -3, bound: -2 },
      { value: -1, bound: -2 },
      { value: 0, bound: 0 },
      { value: 1, bound: 0 },
      { value: 2, bound: 1, relation: '>=' },
      { value: 0.5, bound: 1, relation: '>=' },
      { value: -5, bound: 0, relation: '>=' },
      { value: 0, bound: -1, relation: '>=' },
      { value: 0, bound: 1, relation: '>=' },
      { value: -1, bound: -2, relation: '>=' },
      { value: -3, bound: -2, relation: '>=' },
    ];
    for (const m of ms) expect(severity(m) > 1, JSON.stringify(m)).toBe(!holds(m));
  });
});

describe('statisticInvalidReason', () => {
  const good = {
    name: 's',
    estimate: 0.5,
    ci: [0.4, 0.6],
    confidence: 0.999,
    samples: 10,
    decision: { kind: 'contains', value: 0.5 },
  };
  test('a well-formed statistic is accepted', () => expect(statisticInvalidReason(good)).toBeNull());
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['samples 0', { samples: 0 }, /samples is 0/],
    ['samples 1.5', { samples: 1.5 }, /samples is 1\.5/],
    ['NaN in ci', { ci: [NaN, 1] }, /ci\[0\] is NaN/],
    ['Infinity in ci', { ci: [0, Infinity] }, /ci\[1\] is Infinity/],
    ['reversed ci', { ci: [1, 0] }, /reversed/],
    ['ci not a pair', { ci: [1] }, /field 'ci'/],
    ['confidence 1.2', { confidence: 1.2 }, /confidence is 1\.2/],
    ['confidence 1', { confidence: 1 }, /confidence is 1 /],
    ['confidence 0', { confidence: 0 }, /confidence is 0 /],
    ['unknown kind', { decision: { kind: 'inside', value: 1 } }, /unknown rule kind 'inside'/],
    ['rule key typo', { decision: { kind: 'contains', vaule: 1 } }, /unknown key 'vaule'/],
    ['within without range', { decision: { kind: 'within', value: 1 } }, /unknown key 'value'|needs range/],
    ['within reversed range', { decision: { kind: 'within', range: [2, 1] } }, /range \[2, 1\] is reversed/],
    ['maxWidth 0', { decision: { kind: 'contains', value: 1, maxWidth: 0 } }, /maxWidth is 0/],
    ['passed handed over', { passed: true }, /returns 'passed'/],
    ['threshold handed over', { threshold: 0.5 }, /returns 'threshold'/],
    ['estimate null', { estimate: null }, /estimate is null/],
  ];
  test.each(bad)('%s', (_k, patch, re) => {
    expect(statisticInvalidReason({ ...good, ...patch })).toMatch(re);
  });
});

describe('normalizeOutcome: whatever built it, an outcome must back its pass or fail', () => {
  const check = { name: 'c', backend: 'scalar-f64' as const };
  const ok: CheckOutcome = {
    name: 'c',
    backend: 'scalar-f64',
    sizes: [],
    cases: 2,
    maxError: 0.5,
    tolerance: 1,
    toleranceReason: '',
    passed: true,
    ms: 0,
  };
  test('a sound pass and a sound fail go through unchanged', () => {
    expect(normalizeOutcome(ok, check)).toMatchObject({ passed: true, maxError: 0.5 });
    const fail = {
      ...ok,
      passed: false,
      maxError: 2,
      counterexample: { input: 1, measured: { value: 2, bound: 1, relation: '<=', detail: null } },
    };
    expect(normalizeOutcome(fail, check).error).toBeUndefined();
  });
  test('a fail with the documented ∞ is evidence; without the reason it is not', () => {
    const inf = {
      ...ok,
      passed: false,
      maxError: Infinity,
      infinite: 'singular',
      counterexample: {
        input: 1,
        measured: { value: Infinity, bound: 1, relation: '<=', detail: null, infinite: 'singular' },
      },
    };
    expect(normalizeOutcome(inf, check).error).toBeUndefined();
    expect(normalizeOutcome({ ...inf, infinite: undefined }, check).error).toMatch(
      /maxError' is Infinity without a reason/,
    );
    expect(normalizeOutcome({ ...inf, passed: true }, check).error).toMatch(/on a passing check/);
  });
  test("a statistic is re-decided: the outcome's passed must agree with its own rule", () => {
    const statistic = {
      name: 's',
      estimate: 9,
      ci: [8, 10],
      confidence: 0.99,
      samples: 5,
      rule: 'x',
      decision: { kind: 'contains', value: 0.5 },
    };
    expect(normalizeOutcome({ ...ok, passed: true, statistic }, check).error).toMatch(
      /outcome says passed: true, but its statistic's rule \(pass iff 0\.5 ∈ CI\) fails on CI \[8, 10\]/,
    );
    expect(normalizeOutcome({ ...ok, passed: false, statistic: { ...statistic, ci: [0, 1] } }, check).error).toMatch(
      /outcome says passed: false, but .* passes/,
    );
    const fair = normalizeOutcome({ ...ok, passed: false, statistic }, check);
    expect(fair).toMatchObject({ passed: false, maxError: 9, tolerance: 0.5, cases: 5 });
    expect(fair.statistic?.rule).toBe('pass iff 0.5 ∈ CI; x');
  });
  test('the engine owns power and control', () => {
    expect(
      normalizeOutcome({ ...ok, power: 'control-refuted', control: { description: 'forged' } }, check),
    ).not.toHaveProperty('power');
  });
});

describe('unexpectedReason', () => {
  const r = { verdict: 'pass' as const, expected: 'pass', corrected: null, counterexample: null };
  test('as recorded → null; differing, erroring, evidence-less or uncorrected fails → a reason', () => {
    expect(unexpectedReason(r)).toBeNull();
    expect(unexpectedReason({ ...r, verdict: 'fail' })).toBe('verdict fail differs from expected pass');
    expect(unexpectedReason({ ...r, verdict: 'fail', expected: 'fail' })).toBe('fail without evidence');
    expect(
      unexpectedReason({
        ...r,
        verdict: 'fail',
        expected: 'fail',
        counterexample: { x: 1 },
        corrected: { verdict: 'error' },
      }),
    ).toMatch(/corrected statement's verdict is error/);
    expect(unexpectedReason({ ...r, verdict: 'error' })).toBe('verdict is error');
    expect(unexpectedReason({ ...r, verdict: 'unchecked' })).toBeNull();
  });
  test('an error and a headline that differs from its expectation are reported as two causes', () => {
    expect(unexpectedReason({ ...r, verdict: 'error', headlineVerdict: 'fail' })).toBe(
      'verdict is error; separately, the headline checks alone give fail, expected pass',
    );
    expect(unexpectedReason({ ...r, verdict: 'error', headlineVerdict: 'pass' })).toBe('verdict is error');
  });
  test('a verdict outside the four, or a pass without an expectation, is never "as recorded"', () => {
    expect(unexpectedReason({ ...r, verdict: 'passed' as never })).toMatch(/not one of/);
    expect(unexpectedReason({ ...r, verdict: undefined as never })).toMatch(/not one of/);
    expect(unexpectedReason({ ...r, expected: null })).toMatch(/without a recorded expectation/);
  });
});

describe('the documented ∞ where the project produces one', () => {
  test('a missing inverse: matrixResidual says why, so the refutation is evidence', () => {
    const m = matrixResidual(
      () =>
        invSqrtmSym(
          new Matrix([
            [1, 0],
            [0, 0],
          ]),
        ),
      () => Matrix.eye(2),
      tolerance(1e-12, 'test fixture'),
    );
    expect(m.value).toBe(Infinity);
    expect(m.infinite).toMatch(/singular|eigenvalue/i);
    expect(invalidReason(m)).toBeNull();
    expect(holds(m)).toBe(false);
    const shapes = matrixResidual(
      () => Matrix.eye(2),
      () => Matrix.eye(3),
      tolerance(1e-12, 'test fixture'),
    );
    expect(shapes.infinite).toBe('shapes differ: 2×2 vs 3×3');
    expect(invalidReason(shapes)).toBeNull();
  });
  test('an f32 result that is NaN where f64 is finite: the sampled and the full cross-check say which entry', () => {
    const A = { rows: 2, cols: 2, data: new Float32Array([1, 2, 3, 4]) };
    const C = { rows: 2, cols: 2, data: new Float32Array([NaN, NaN, NaN, NaN]) };
    const s = sampledProductCheck(C, A, A, 1, 8);
    expect(s.worstRatio).toBe(Infinity);
    expect(s.infinite).toMatch(/f32 entry \(\d, \d\) is NaN where f64 gives \d+/);
    expect(invalidReason({ value: s.worstRatio, bound: 1, infinite: s.infinite })).toBeNull();
    const good = sampledProductCheck({ rows: 2, cols: 2, data: new Float32Array([7, 10, 15, 22]) }, A, A, 1, 8);
    expect(good.infinite).toBeUndefined();
    expect(invalidReason({ value: good.worstRatio, bound: 1, infinite: good.infinite })).toBeNull();
    // An exact zero entry (bound 0, error 0) is within its bound, not a 0/0 refutation.
    const zeros = { rows: 2, cols: 2, data: new Float32Array(4) };
    expect(sampledProductCheck(zeros, zeros, zeros, 1, 8)).toEqual({ worstRatio: 0, worstError: 0, bound: 0 });
    const c = crossCheck('x', NaN, 1, { perEntry: 1e-6, reason: 'r' });
    expect(c).toMatchObject({
      worstRatio: Infinity,
      passed: false,
      infinite: 'x: entry 0 is NaN where the reference is 1',
    });
    expect(crossCheck('x', 1, 1, { perEntry: 1e-6, reason: 'r' }).infinite).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
describe('the hostile corpus (test/fixtures/hostile, v-*): every kind is an error that says what is wrong', () => {
  const ids = Object.keys(expectations);
  test('at least 25 kinds, each with a claim file and a property file, and no stray v-* file', () => {
    expect(ids.length).toBeGreaterThanOrEqual(25);
    const claims = readdirSync(paths.claimsDir)
      .filter((f) => f.startsWith('v-'))
      .map((f) => f.replace(/\.md$/, ''))
      .sort();
    const props = readdirSync(paths.propertiesDir)
      .filter((f) => f.startsWith('v-'))
      .map((f) => f.replace(/\.property\.ts$/, ''))
      .sort();
    expect(claims).toEqual([...ids].sort());
    expect(props).toEqual([...ids].sort());
  });
  test.each(ids)('%s', async (id) => {
    const r = await runClaim(id, (await specOf(id)) as never, opts);
    expect(r.verdict, `${id}: ${r.error}`).toBe('error');
    expect(r.error).toMatch(expectations[id as keyof typeof expectations]);
    // Every message names the file at fault (the property file; the claim file for a claim-file
    // field), and each fixture has exactly the one intended cause (its sound checks are shown able
    // to fail, so no second cause hides behind the first).
    expect(r.error).toMatch(new RegExp(`test/fixtures/hostile/(properties/${id}\\.property\\.ts|claims/${id}\\.md)`));
    expect(r.error!.split('; '), r.error!).toHaveLength(1);
    for (const c of r.checks)
      if (c.error === undefined && c.passed && !/powerless/.test(String(expectations[id as keyof typeof expectations])))
        expect(c.power, `${id}: ${c.name}`).toBe('control-refuted');
  });
  test('a failing headline and an erroring step are two causes, each reported on its own', async () => {
    const r = await runClaim(
      'v-step-nan-failing-headline',
      (await specOf('v-step-nan-failing-headline')) as never,
      opts,
    );
    expect(r.verdict).toBe('error');
    expect(r.headlineVerdict).toBe('fail');
    expect(r.error).toBe(
      "test/fixtures/hostile/properties/v-step-nan-failing-headline.property.ts: step 1 'nan step': measured value is NaN",
    );
    expect(r.counterexample).toMatchObject({ check: 'x² ≥ 1', input: 0 });
    expect(r.steps[0]).toMatchObject({ verdict: 'error' });
    expect(unexpectedReason(r)).toBe('verdict is error');
  });
});
