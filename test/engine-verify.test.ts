/**
 * Engine unit tests for src/engine/verify: seeds, tolerances, measurements, verdict rules and the check
 * builders. Written so that Stryker's mutants of these files are killed (stryker.config.mjs); each
 * test states the behaviour it protects.
 */
import { beforeEach, describe, expect, test, vi } from 'vitest';
import * as tolerances from '../src/engine/verify/tolerance.js';
import { DEFAULT_SEED, MAX_SEED, deriveSeed, replayRequest } from '../src/engine/verify/seed.js';
import {
  RESIDUAL_RATIO_THRESHOLD,
  UNIT_ROUNDOFF_F32,
  UNIT_ROUNDOFF_F64,
  f32Bound,
  f64Bound,
} from '../src/engine/verify/tolerance.js';
import { takeRegistrations, verifyClaim } from '../src/engine/verify/verifyClaim.js';
import { withControl } from '../src/engine/verify/checks/control.js';
import { compute, step } from '../src/engine/verify/checks/compute.js';
import {
  MAX_SKIP_REASONS,
  OutsideHypotheses,
  forAll,
  isMatrixCase,
  measuredCase,
  pre,
} from '../src/engine/verify/checks/forAll.js';
import fc from 'fast-check';
import { suitePaths } from '../src/engine/registry/paths.js';
import { describeOutcome, errorResult, replayMatches, runClaim, runOneCheck } from '../src/engine/verify/runClaim.js';
import { runMutants } from '../src/engine/verify/mutants.js';
import { withTriage } from './claimFixture.js';
import { matrixResidual } from '../src/engine/verify/checks/matrixIdentity.js';
import { SingularMatrixError } from '../src/math/linalg/symmetricFunction.js';
import { Matrix } from 'ml-matrix';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Check, CheckContext, CheckOutcome, ClaimSpec } from '../src/engine/verify/types.js';
import { errorOutcome, normalizeOutcome, runAndNormalize } from '../src/engine/verify/checks/outcome.js';
import {
  MEASUREMENT_KEYS,
  describeValue,
  holds,
  invalidReason,
  isPlainObject,
  notFinite,
  severity,
  type Measurement,
} from '../src/engine/verify/checks/measurement.js';

type VerdictModule = typeof import('../src/engine/verify/verdict.js');
type SpecModule = typeof import('../src/engine/verify/checks/spec.js');
type StatisticModule = typeof import('../src/engine/verify/checks/statistic.js');
let evidenceOf: VerdictModule['evidenceOf'];
let unexpectedReason: VerdictModule['unexpectedReason'];
let verdictOf: VerdictModule['verdictOf'];
let checkInvalidReason: SpecModule['checkInvalidReason'];
let keyOf: SpecModule['keyOf'];
let resolveSpec: SpecModule['resolveSpec'];
let decide: StatisticModule['decide'];
let judgeStatistic: StatisticModule['judgeStatistic'];
let ruleInvalidReason: StatisticModule['ruleInvalidReason'];
let ruleText: StatisticModule['ruleText'];
let statistic: StatisticModule['statistic'];
let statisticEvidence: StatisticModule['statisticEvidence'];
let statisticInvalidReason: StatisticModule['statisticInvalidReason'];
let toleranceOf: StatisticModule['toleranceOf'];

// The verdict rules, the spec validator and the statistic rules are loaded afresh for every test:
// their tables (verdicts, backends, rule kinds and keys) are built when the module loads, and loading
// them inside each test lets Stryker tie those mutants to the tests that judge them (stryker.config.mjs).
beforeEach(async () => {
  vi.resetModules();
  ({ evidenceOf, unexpectedReason, verdictOf } = await import('../src/engine/verify/verdict.js'));
  ({ checkInvalidReason, keyOf, resolveSpec } = await import('../src/engine/verify/checks/spec.js'));
  ({
    decide,
    judgeStatistic,
    ruleInvalidReason,
    ruleText,
    statistic,
    statisticEvidence,
    statisticInvalidReason,
    toleranceOf,
  } = await import('../src/engine/verify/checks/statistic.js'));
});

describe('run seed', () => {
  test('the default seed and the range (the command line validates; see test/gate.test.ts)', () => {
    expect(DEFAULT_SEED).toBe(20261123);
    expect(MAX_SEED).toBe(4294967295);
  });
  test('the replay request defaults to MUON_REPLAY, read through src/config.ts', () => {
    const saved = process.env.MUON_REPLAY;
    try {
      process.env.MUON_REPLAY = '{"claim":"a","check":"b","seed":1,"path":"0"}';
      expect(replayRequest()).toEqual({ claim: 'a', check: 'b', seed: 1, path: '0' });
    } finally {
      if (saved === undefined) delete process.env.MUON_REPLAY;
      else process.env.MUON_REPLAY = saved;
    }
  });
});

describe('deriveSeed', () => {
  test('is 32-bit FNV-1a over the parts (each closed by 0xff), started from the offset basis xor the run seed', () => {
    // FNV-1a reference values: offset basis 0x811c9dc5; FNV-1a("a") = 0xe40c292c.
    expect(deriveSeed(0)).toBe(0x811c9dc5 | 0);
    expect(deriveSeed(0, 'a')).toBe(Math.imul(0xe40c292c ^ 0xff, 0x01000193) | 0);
    expect(deriveSeed(5)).toBe((0x811c9dc5 ^ 5) | 0);
  });
  test('is pinned: recorded replay seeds must keep reproducing across versions', () => {
    expect(deriveSeed(20261123, 's000-c02', 'headline', 'x < 10')).toBe(549411673);
    expect(deriveSeed(1, 'ab', 'c')).toBe(344283978);
    expect(deriveSeed(1, 'a', 'bc')).toBe(873817856);
    expect(deriveSeed(-1, 'x')).toBe(731479643);
  });
  test('is a signed 32-bit integer that separates run seeds, parts and part boundaries', () => {
    const seeds = new Set<number>();
    // Run seeds that differ above the low byte: the run seed is xored into the offset basis, so seeds that
    // differ only in bits a first character can cancel collide across claims (deriveSeed(1,'b') = deriveSeed(2,'a')).
    for (const run of [0, 0x100, 0x10000, DEFAULT_SEED]) {
      for (const parts of [['a'], ['b'], ['a', 'b'], ['ab'], ['b', 'a'], ['a', ''], ['', 'a'], []]) {
        const s = deriveSeed(run, ...parts);
        expect(Number.isInteger(s) && s >= -(2 ** 31) && s < 2 ** 31).toBe(true);
        seeds.add(s);
      }
    }
    expect(seeds.size).toBe(32);
  });
});

describe('replayRequest', () => {
  test('no MUON_REPLAY is no replay', () => {
    expect(replayRequest(undefined)).toBeNull();
    expect(replayRequest('')).toBeNull();
  });
  test('a complete request is returned as parsed', () => {
    expect(replayRequest('{"claim":"s000-c02","check":"x < 10","seed":-12,"path":"3:1:0"}')).toEqual({
      claim: 's000-c02',
      check: 'x < 10',
      seed: -12,
      path: '3:1:0',
    });
  });
  test('each missing or mistyped field is refused, quoting the input', () => {
    const good = { claim: 'c', check: 'k', seed: 1, path: '0' };
    for (const bad of [{ claim: 1 }, { check: null }, { seed: 1.5 }, { seed: '1' }, { path: 0 }, { key: 3 }]) {
      const raw = JSON.stringify({ ...good, ...bad });
      expect(() => replayRequest(raw), raw).toThrow(`MUON_REPLAY must be {"claim","check","seed","path"}, got ${raw}`);
    }
    expect(replayRequest(JSON.stringify({ ...good, key: 'stable' }))).toEqual({ ...good, key: 'stable' });
  });
  test('text that is not a JSON object is refused with the same message, never a raw parse or type error', () => {
    for (const raw of ['{not json', 'null', '5', '"text"', '[]']) {
      expect(() => replayRequest(raw), raw).toThrow(
        new Error(`MUON_REPLAY must be {"claim","check","seed","path"}, got ${raw}`),
      );
    }
  });
});

describe('tolerances', () => {
  test('unit roundoffs and the LAPACK threshold', () => {
    expect(UNIT_ROUNDOFF_F64).toBe(2 ** -53);
    expect(UNIT_ROUNDOFF_F32).toBe(2 ** -24);
    expect(RESIDUAL_RATIO_THRESHOLD).toBe(30);
  });
  test('f64Bound is 30 · n · u64 · growth, with its reason', () => {
    expect(f64Bound(4, 9, 'κ(G)²')).toEqual({
      bound: 30 * 4 * 9 * 2 ** -53,
      reason: '30 × n × u64 × κ(G)² (LAPACK-style residual ratio threshold; u64 = 2^-53)',
    });
    expect(f64Bound(1, 1, 'κ').bound).toBe(30 * 2 ** -53);
  });
  test('f32Bound is 30 · n · u32 · growth, with its reason', () => {
    expect(f32Bound(8, 3, 'κ')).toEqual({
      bound: 30 * 8 * 3 * 2 ** -24,
      reason: '30 × n × u32 × κ (f32 unit roundoff u32 = 2^-24)',
    });
  });
});

describe('measurements: holds and severity', () => {
  const m = (value: number, bound: number, relation?: '<=' | '>='): Measurement =>
    relation ? { value, bound, relation } : { value, bound };
  test("'<=' (the default) holds when value ≤ bound, equality included", () => {
    expect(holds(m(1, 2))).toBe(true);
    expect(holds(m(2, 2))).toBe(true);
    expect(holds(m(3, 2))).toBe(false);
    expect(holds(m(3, 2, '<='))).toBe(false);
    expect(holds(m(Infinity, 2))).toBe(false);
  });
  test("'>=' holds when value ≥ bound, equality included", () => {
    expect(holds(m(3, 2, '>='))).toBe(true);
    expect(holds(m(2, 2, '>='))).toBe(true);
    expect(holds(m(1, 2, '>='))).toBe(false);
  });
  test('severity is the ratio value/bound (bound/value under >=) where the denominators are positive', () => {
    expect(severity(m(1, 4))).toBe(0.25);
    expect(severity(m(8, 4))).toBe(2);
    expect(severity(m(4, 4))).toBe(1);
    expect(severity(m(4, 1, '>='))).toBe(0.25);
    expect(severity(m(1, 4, '>='))).toBe(4);
  });
  test('a zero denominator: ∞ when the case fails, 0 when it holds', () => {
    expect(severity(m(1, 0))).toBe(Infinity);
    expect(severity(m(0, 0))).toBe(0);
    expect(severity(m(-1, 0))).toBe(0);
    expect(severity(m(0, 1, '>='))).toBe(Infinity);
    expect(severity(m(0, 0, '>='))).toBe(0);
    expect(severity(m(0, -1, '>='))).toBe(0);
    // A failing value too small for value/MIN_VALUE to overflow: still ∞, not 1 + value/MIN_VALUE.
    expect(severity(m(1e-320, 0))).toBe(Infinity);
  });
  test('where the ratio disagrees with holds (negative numbers), a holding case is 0 and a failing one 1 + relative violation', () => {
    expect(severity(m(-2, -1))).toBe(0); // holds; the ratio 2 would call it failing
    expect(severity(m(-0.5, -1))).toBe(1.5); // fails; the ratio 0.5 would call it holding
    expect(severity(m(-3, -2, '>='))).toBe(1.5); // fails by 1 against |bound| 2
    expect(severity(m(-1, -2, '>='))).toBe(0); // holds; the ratio 2 would call it failing
    expect(severity(m(-1, 0, '>='))).toBe(Infinity); // fails against a zero bound
    expect(severity(m(-Infinity, 1, '>='))).toBe(Infinity);
    // A violation below 2⁻⁵³ relative: 1 + it rounds to 1, so the failing case is given the next double.
    const tiny = m(-1 + 2 ** -53, -1);
    expect(holds(tiny)).toBe(false);
    expect(severity(tiny)).toBe(1 + Number.EPSILON);
  });
  test('severity > 1 exactly when the case fails', () => {
    const values = [-3, -1, -0.5, 0, 0.5, 1, 2, Infinity, -Infinity];
    for (const value of values) {
      for (const bound of [-2, -1, 0, 1, 3]) {
        for (const relation of ['<=', '>='] as const) {
          const c = m(value, bound, relation);
          expect(severity(c) > 1, JSON.stringify({ value, bound, relation })).toBe(!holds(c));
        }
      }
    }
  });
});

describe('measurements: validation', () => {
  test('isPlainObject accepts {…} and null-prototype objects only', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    for (const x of [
      null,
      undefined,
      1,
      'x',
      [],
      new Date(0),
      Promise.resolve(1),
      new (class Box {
        v = 1;
      })(),
      () => 1,
    ])
      expect(isPlainObject(x), String(x)).toBe(false);
  });
  test('describeValue names what was returned instead of a number', () => {
    expect(describeValue('3')).toBe("a string ('3')");
    expect(describeValue('x'.repeat(40))).toBe(`a string ('${'x'.repeat(40)}')`);
    expect(describeValue('y'.repeat(41))).toBe(`a string ('${'y'.repeat(40)}…')`);
    expect(describeValue(NaN)).toBe('NaN');
    expect(describeValue(-Infinity)).toBe('-Infinity');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(Promise.resolve(1))).toBe('a Promise');
    expect(describeValue({ then: () => 1 })).toBe('a Promise');
    expect(describeValue({ then: 1 })).toBe('an object');
    expect(describeValue(new Date(0))).toBe('an object');
    expect(describeValue('')).toBe('an empty string');
    expect(describeValue([1])).toBe('an array');
    expect(describeValue(true)).toBe('a boolean');
    expect(describeValue(() => 1)).toBe('a function');
    expect(describeValue(Object.assign(() => 1, { then: () => 1 }))).toBe('a function');
  });
  test('notFinite says why a value is not a finite number', () => {
    expect(notFinite('bound', 1.5)).toBeNull();
    expect(notFinite('bound', NaN)).toBe('bound is NaN');
    expect(notFinite('bound', Infinity)).toBe('bound is Infinity (expected a finite number)');
    expect(notFinite('bound', '2')).toBe("bound is a string ('2') (expected a finite number)");
    expect(notFinite('x', undefined)).toBe('x is undefined (expected a finite number)');
  });
  test('well-formed measurements are valid, with or without relation, detail or a documented ∞', () => {
    expect(MEASUREMENT_KEYS).toEqual(['value', 'bound', 'tolerance', 'relation', 'detail', 'infinite']);
    for (const ok of [
      { value: 1, bound: 2 },
      { value: 1, bound: 2, relation: '<=' },
      { value: 1, bound: 2, relation: '>=' },
      { value: 1, bound: 2, relation: undefined },
      { value: 0, bound: 0, detail: { norm: 1 } },
      { value: -5, bound: -1, detail: 'text' },
      { value: Infinity, bound: 1, infinite: 'A is singular' },
      { value: -Infinity, bound: 1, relation: '>=', infinite: 'no index' },
    ])
      expect(invalidReason(ok), JSON.stringify(ok)).toBeNull();
    const bare = Object.create(null);
    Object.assign(bare, { value: 1, bound: 1 });
    expect(invalidReason(bare)).toBeNull();
  });
  test('something other than a plain object is refused, saying what it was', () => {
    expect(invalidReason(undefined)).toBe('measure returned undefined instead of a { value, tolerance } object');
    expect(invalidReason(null)).toBe('measure returned null instead of a { value, tolerance } object');
    expect(invalidReason(0.5)).toBe('measure returned 0.5 instead of a { value, tolerance } object');
    expect(invalidReason([1, 2])).toBe('measure returned an array instead of a { value, tolerance } object');
    expect(invalidReason(Promise.resolve({ value: 1, bound: 1 }))).toBe(
      'measure returned a Promise instead of a { value, tolerance } object',
    );
  });
  test('unknown keys (typos) are refused', () => {
    expect(invalidReason({ value: 1, bound: 1, val: 1 })).toBe(
      "measurement has unknown key 'val' (expected value, bound, tolerance, relation, detail, infinite)",
    );
    expect(invalidReason({ val: 1, bound: 1 })).toMatch(/^measurement has unknown key 'val'/);
  });
  test('a relation other than <= or >= is refused', () => {
    expect(invalidReason({ value: 1, bound: 1, relation: '≤' })).toBe(
      "measurement relation is '≤' (expected '<=' or '>=', or no relation for '<=')",
    );
    expect(invalidReason({ value: 1, bound: 1, relation: null })).toBe(
      "measurement relation is null (expected '<=' or '>=', or no relation for '<=')",
    );
    expect(invalidReason({ value: 1, bound: 1, relation: 1 })).toBe(
      "measurement relation is 1 (expected '<=' or '>=', or no relation for '<=')",
    );
  });
  test('the bound must be a finite number', () => {
    expect(invalidReason({ value: 1, bound: Infinity })).toBe(
      'bound is Infinity: a bound must be finite (an infinite bound makes every case hold)',
    );
    expect(invalidReason({ value: 1, bound: -Infinity, relation: '>=' })).toBe(
      'bound is -Infinity: a bound must be finite (an infinite bound makes every case hold)',
    );
    expect(invalidReason({ value: 1, bound: NaN })).toBe('bound is NaN');
    expect(invalidReason({ value: 1, bound: '1' })).toBe("bound is a string ('1') (expected a finite number)");
    expect(invalidReason({ value: 1 })).toMatch(/measurement has neither 'tolerance' nor 'bound'/);
  });
  test('the value must be a number and not NaN', () => {
    expect(invalidReason({ value: NaN, bound: 1 })).toBe('measured value is NaN');
    expect(invalidReason({ value: null, bound: 1 })).toBe('measured value is null (expected a finite number)');
    expect(invalidReason({ value: '0', bound: 1 })).toBe("measured value is a string ('0') (expected a finite number)");
    expect(invalidReason({ bound: 1 })).toBe('measured value is undefined (expected a finite number)');
  });
  test("an infinite value refutes only in its relation's direction, and only with a reason", () => {
    expect(invalidReason({ value: Infinity, bound: 1 })).toBe(
      "measured value is Infinity without a reason (a documented ∞, e.g. a missing inverse, must say why in the field 'infinite')",
    );
    expect(invalidReason({ value: -Infinity, bound: 1, relation: '>=' })).toBe(
      "measured value is -Infinity without a reason (a documented ∞, e.g. a missing inverse, must say why in the field 'infinite')",
    );
    expect(invalidReason({ value: -Infinity, bound: 1 })).toBe(
      "measured value is -Infinity, which would hold by infinity under '<=' (only Infinity with a reason in 'infinite' refutes)",
    );
    expect(invalidReason({ value: Infinity, bound: 1, relation: '>=' })).toBe(
      "measured value is Infinity, which would hold by infinity under '>=' (only -Infinity with a reason in 'infinite' refutes)",
    );
  });
  test("'infinite' must be a non-empty reason attached to the refuting infinity", () => {
    expect(invalidReason({ value: Infinity, bound: 1, infinite: '  ' })).toBe(
      "measurement field 'infinite' must be a non-empty string saying why the value is infinite, got a string ('  ')",
    );
    expect(invalidReason({ value: Infinity, bound: 1, infinite: '' })).toMatch(
      /^measurement field 'infinite' must be a non-empty string/,
    );
    expect(invalidReason({ value: Infinity, bound: 1, infinite: 7 })).toBe(
      "measurement field 'infinite' must be a non-empty string saying why the value is infinite, got 7",
    );
    expect(invalidReason({ value: 3, bound: 1, infinite: 'singular' })).toBe(
      "measurement says the value is infinite ('singular') but the value is 3 (under '<=' only Infinity is a documented refutation)",
    );
    expect(invalidReason({ value: Infinity, bound: 1, relation: '>=', infinite: 'x' })).toBe(
      "measurement says the value is infinite ('x') but the value is Infinity (under '>=' only -Infinity is a documented refutation)",
    );
  });
});

describe('verifyClaim registers, and only registers', () => {
  test('each call is recorded with its file, spec and call site; taking empties the list', () => {
    takeRegistrations();
    const spec = { checks: [] };
    const lazy = () => spec;
    verifyClaim('file:///tree/properties/s1-a.property.ts', spec);
    verifyClaim('file:///tree/properties/s1-b.property.ts', lazy);
    const regs = takeRegistrations();
    expect(regs.map((r) => [r.file, r.spec])).toEqual([
      ['/tree/properties/s1-a.property.ts', spec],
      ['/tree/properties/s1-b.property.ts', lazy],
    ]);
    for (const r of regs) {
      expect(r.callSite).toMatch(/engine-verify\.test\.ts:\d+:\d+/);
      expect(r.callSite).not.toMatch(/^at |verifyClaim\.(ts|js)/);
    }
    expect(takeRegistrations()).toEqual([]);
  });
  test('a module URL that is not a file URL is kept as given', () => {
    verifyClaim('not a url', { checks: [] });
    verifyClaim('https://example.org/x.property.ts', { checks: [] });
    expect(takeRegistrations().map((r) => r.file)).toEqual(['not a url', 'https://example.org/x.property.ts']);
  });
  test('the registrations live in one process-wide slot', () => {
    verifyClaim('file:///p/s1-c.property.ts', { checks: [] });
    const slot = (globalThis as unknown as Record<symbol, { list: unknown[] }>)[
      Symbol.for('muon-verify.registrations')
    ];
    expect(slot.list).toHaveLength(1);
    takeRegistrations();
    expect(slot.list).toHaveLength(0);
  });
});

/** An outcome with neutral content; tests override what they are about. */
const outcome = (over: Partial<CheckOutcome> = {}): CheckOutcome => ({
  name: 'c',
  backend: 'scalar-f64',
  sizes: [],
  cases: 3,
  maxError: 0.5,
  tolerance: 1,
  toleranceReason: 'exact',
  passed: true,
  ms: 2,
  ...over,
});
/** A hand-written check that records the context it ran with and returns `result`. */
function recorder(
  name: string,
  result: (ctx: CheckContext) => unknown = () => outcome({ name }),
  extra: Partial<Check> = {},
): Check & { contexts: CheckContext[] } {
  const contexts: CheckContext[] = [];
  return {
    name,
    backend: 'scalar-f64',
    contexts,
    ...extra,
    async run(ctx: CheckContext) {
      contexts.push(ctx);
      return result(ctx) as CheckOutcome;
    },
  };
}

describe('verdictOf and evidenceOf', () => {
  test('no outcomes is an error; any error makes an error; all passing is a pass; otherwise a fail', () => {
    expect(verdictOf([])).toBe('error');
    expect(verdictOf([outcome(), outcome()])).toBe('pass');
    expect(verdictOf([outcome(), outcome({ passed: false })])).toBe('fail');
    expect(verdictOf([outcome({ passed: false }), outcome({ error: 'e', passed: false })])).toBe('error');
    expect(verdictOf([outcome({ error: 'e' }), outcome()])).toBe('error');
    expect(verdictOf([outcome({ passed: 'yes' as unknown as boolean })])).toBe('fail');
  });
  test('the evidence is the first failing check that did not error: its counterexample, statistic, or numbers', () => {
    expect(evidenceOf([outcome()])).toEqual({ counterexample: null, replay: null });
    expect(evidenceOf([outcome({ passed: false, error: 'e' })])).toEqual({ counterexample: null, replay: null });
    const ce = outcome({ name: 'a', passed: false, counterexample: { input: 3 }, replay: { seed: 9, path: '1:2' } });
    expect(
      evidenceOf([
        outcome(),
        outcome({ name: 'z', passed: false, error: 'e', counterexample: { input: 0 } }),
        ce,
        outcome({ name: 'b', passed: false }),
      ]),
    ).toEqual({
      counterexample: { check: 'a', input: 3 },
      replay: { seed: 9, path: '1:2', check: 'a' },
    });
    const statistic = {
      name: 's',
      estimate: 1,
      ci: [0.9, 1.1] as [number, number],
      confidence: 0.99,
      rule: 'r',
      decision: { kind: 'contains' as const, value: 0 },
      samples: 5,
    };
    expect(evidenceOf([outcome({ name: 'st', passed: false, statistic })])).toEqual({
      counterexample: { check: 'st', statistic },
      replay: null,
    });
    expect(evidenceOf([outcome({ name: 'n', passed: false, maxError: 4, tolerance: 2 })])).toEqual({
      counterexample: { check: 'n', maxError: 4, tolerance: 2 },
      replay: null,
    });
  });
});

describe('unexpectedReason', () => {
  const r = (over: Record<string, unknown>) =>
    unexpectedReason({
      verdict: 'pass',
      expected: 'pass',
      corrected: null,
      counterexample: null,
      ...over,
    } as Parameters<typeof unexpectedReason>[0]);
  test('a verdict outside the four is named with the four', () => {
    expect(r({ verdict: 'ok' })).toBe('verdict "ok" is not one of pass, fail, error, unchecked');
  });
  test('an error says so, and separately a headline that contradicts a recorded expectation', () => {
    expect(r({ verdict: 'error' })).toBe('verdict is error');
    expect(r({ verdict: 'error', headlineVerdict: 'fail' })).toBe(
      'verdict is error; separately, the headline checks alone give fail, expected pass',
    );
    expect(r({ verdict: 'error', expected: 'fail', headlineVerdict: 'pass' })).toBe(
      'verdict is error; separately, the headline checks alone give pass, expected fail',
    );
    for (const headlineVerdict of ['pass', 'error', 'unchecked', undefined])
      expect(r({ verdict: 'error', headlineVerdict }), String(headlineVerdict)).toBe('verdict is error');
    expect(r({ verdict: 'error', expected: null, headlineVerdict: 'fail' })).toBe('verdict is error');
  });
  test('unchecked is never unexpected', () => {
    expect(r({ verdict: 'unchecked', expected: null })).toBeNull();
    expect(r({ verdict: 'unchecked', expected: 'fail' })).toBeNull();
  });
  test('a claim whose expectation is unknown or missing is not as recorded', () => {
    expect(r({ expected: 'unknown' })).toBe(
      'new claim: verdict pass is not recorded yet — record the verdict (npm run accept -- <id>) once you have checked it',
    );
    expect(r({ expected: null, verdict: 'fail' })).toBe(
      'verdict fail without a recorded expectation (expected is null)',
    );
    expect(r({ expected: 'maybe' })).toBe('verdict pass without a recorded expectation (expected is "maybe")');
  });
  test('a verdict other than the recorded one, a fail without evidence or without a passing correction', () => {
    expect(r({})).toBeNull();
    expect(r({ expected: 'fail' })).toBe('verdict pass differs from expected fail');
    expect(r({ verdict: 'fail' })).toBe('verdict fail differs from expected pass');
    const fail = { verdict: 'fail', expected: 'fail', counterexample: { input: 1 }, corrected: { verdict: 'pass' } };
    expect(r(fail)).toBeNull();
    expect(r({ ...fail, counterexample: null })).toBe('fail without evidence');
    expect(r({ ...fail, counterexample: undefined })).toBe('fail without evidence');
    expect(r({ ...fail, corrected: null })).toBe("corrected statement's verdict is missing, not pass");
    expect(r({ ...fail, corrected: { verdict: 'unchecked' } })).toBe(
      "corrected statement's verdict is unchecked, not pass",
    );
  });
});

describe('withControl and step', () => {
  const base = recorder('x ≥ 0');
  const control = recorder('x ≥ 1');
  test('withControl copies the check, binds its run, and attaches the control', async () => {
    const c = withControl(base, 'x ≥ 1', control);
    expect(c).not.toBe(base);
    expect(c.name).toBe('x ≥ 0');
    expect(c.control).toEqual({ description: 'x ≥ 1', check: control });
    expect(base.control).toBeUndefined();
    const run = c.run;
    await run({ seed: 1, heavy: false, log: () => {} });
    expect(base.contexts).toHaveLength(1);
  });
  test('withControl refuses a blank description, something that is not a check, or the check itself', () => {
    for (const d of ['', '   ', 5 as unknown as string])
      expect(() => withControl(base, d, control)).toThrow(
        new TypeError("withControl('x ≥ 0'): the control needs a non-empty description of what was made false"),
      );
    for (const bad of [null, undefined, 'check', { name: 'no run' }, { name: 'bad run', run: 1 }]) {
      expect(() => withControl(base, 'd', bad as unknown as Check), JSON.stringify(bad)).toThrow(
        new TypeError("withControl('x ≥ 0'): control 'd' is not a check"),
      );
    }
    expect(() => withControl(undefined as unknown as Check, '', control)).toThrow(
      "withControl('undefined'): the control needs",
    );
    expect(() => withControl(null as unknown as Check, 'd', null as unknown as Check)).toThrow(
      "withControl('undefined'): control 'd' is not a check",
    );
    expect(() => withControl(base, 'same', base)).toThrow(
      new TypeError("withControl('x ≥ 0'): control 'same' is the check itself"),
    );
  });
  test('step marks a check with its method, keeps its fields and binds its run', async () => {
    const withCtl = withControl(base, 'd', control);
    const s = step('symbolic', withCtl);
    expect(s).toMatchObject({ name: 'x ≥ 0', backend: 'scalar-f64', method: 'symbolic' });
    expect(s.control).toBe(withCtl.control);
    const run = s.run;
    const before = base.contexts.length;
    await run({ seed: 2, heavy: false, log: () => {} });
    expect(base.contexts.length).toBe(before + 1);
  });
  test('step refuses what is not a check', () => {
    expect(() => step('numeric', null as unknown as Check)).toThrow(
      new TypeError('step(): expected a check, got null'),
    );
    expect(() => step('numeric', 'x' as unknown as Check)).toThrow(
      new TypeError("step(): expected a check, got a string ('x')"),
    );
    expect(() => step('numeric', { name: 'n' } as unknown as Check)).toThrow(
      new TypeError('step(): expected a check, got an object'),
    );
    expect(() => step('numeric', [] as unknown as Check)).toThrow(TypeError);
    // A function that happens to have a run method is still not a check.
    expect(() => step('numeric', Object.assign(() => 1, { run: async () => outcome() }) as unknown as Check)).toThrow(
      new TypeError('step(): expected a check, got a function'),
    );
  });
});

describe('errorResult', () => {
  test('without a partial: the id as title, empty text, no expectation, no evidence', () => {
    expect(errorResult('s1-a', 'broken', { claim: 'claims/s1-a.md', property: null })).toEqual({
      id: 's1-a',
      title: 's1-a',
      source: { document: '', locator: '' },
      statement: '',
      reading: '',
      dependsOn: [],
      verdict: 'error',
      expected: null,
      counterexample: null,
      replay: null,
      corrected: null,
      checks: [],
      steps: [],
      firstBrokenStep: null,
      error: 'broken',
      files: { claim: 'claims/s1-a.md', property: null },
    });
  });
  test('a partial fills in what the claim file said', () => {
    const partial = {
      title: 'T',
      source: { document: 'd', locator: 'l' },
      statement: 'S',
      reading: 'R',
      dependsOn: ['s1-b'],
      expected: 'fail' as const,
      checks: [outcome()],
      steps: [{ index: 1, statement: 'x', verdict: 'pass' as const, method: 'numeric' as const, detail: 'd' }],
    };
    expect(errorResult('s1-a', 'e', { claim: null, property: null }, partial)).toEqual({
      id: 's1-a',
      ...partial,
      verdict: 'error',
      counterexample: null,
      replay: null,
      corrected: null,
      firstBrokenStep: null,
      error: 'e',
      files: { claim: null, property: null },
    });
  });
});

describe('describeOutcome', () => {
  test('an error is just its message', () => {
    expect(describeOutcome(outcome({ error: 'boom' }))).toBe('error: boom');
    expect(describeOutcome(outcome({ error: '' }))).toBe('error: ');
  });
  test('a measured check: verdict, name, backend, cases, worst value against its bound and why', () => {
    expect(describeOutcome(outcome())).toBe('holds [c; scalar-f64; 3 cases]: worst 0.5 vs bound 1 (exact)');
    expect(describeOutcome(outcome({ passed: false, maxError: 2, counterexample: { input: [1, 2] } }))).toBe(
      'FAILS [c; scalar-f64; 3 cases]: worst 2 vs bound 1 (exact); counterexample {"input":[1,2]}',
    );
    expect(describeOutcome(outcome({ passed: false, maxError: Infinity, infinite: 'singular' }))).toBe(
      'FAILS [c; scalar-f64; 3 cases]: worst Infinity (∞: singular) vs bound 1 (exact)',
    );
    expect(describeOutcome(outcome({ skipped: 1 }))).toBe(
      'holds [c; scalar-f64; 3 cases]: worst 0.5 vs bound 1 (exact); 1 case outside the hypotheses skipped',
    );
    expect(describeOutcome(outcome({ skipped: 4 }))).toBe(
      'holds [c; scalar-f64; 3 cases]: worst 0.5 vs bound 1 (exact); 4 cases outside the hypotheses skipped',
    );
  });
  test('numbers print plainly between 1e-3 and 1e4, in exponent form outside, zero and non-finite as themselves', () => {
    const worst = (maxError: number) => /worst (\S+)/.exec(describeOutcome(outcome({ maxError })))![1];
    expect(worst(0)).toBe('0');
    expect(worst(0.001)).toBe('0.001');
    expect(worst(0.00099999)).toBe('1.000e-3');
    expect(worst(1.23456789e-7)).toBe('1.235e-7');
    expect(worst(-2.5e-5)).toBe('-2.500e-5');
    expect(worst(9999.5)).toBe('9999.5');
    expect(worst(10000)).toBe('1.000e+4');
    expect(worst(-123456)).toBe('-1.235e+5');
    expect(worst(3.14159265)).toBe('3.14159');
    expect(worst(NaN)).toBe('NaN');
    expect(worst(-Infinity)).toBe('-Infinity');
  });
  test('a statistical check: the statistic, its interval at its confidence, and the rule', () => {
    const statistic = {
      name: 'slope',
      estimate: -0.5,
      ci: [-0.52, 0.00001] as [number, number],
      confidence: 0.9999,
      rule: 'pass iff -0.5 ∈ CI',
      decision: { kind: 'contains' as const, value: -0.5 },
      samples: 40,
    };
    expect(describeOutcome(outcome({ statistic, cases: 40 }))).toBe(
      'holds [c; scalar-f64; 40 cases]: slope = -0.5, 99.99% CI [-0.52, 1.000e-5]; rule: pass iff -0.5 ∈ CI',
    );
    expect(describeOutcome(outcome({ statistic: { ...statistic, confidence: 0.95 } }))).toMatch(/, 95% CI /);
  });
  test('a counterexample that cannot be serialised is described, not thrown', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeOutcome(outcome({ passed: false, counterexample: cyclic }))).toMatch(
      /; counterexample \(not serialisable: Converting circular structure to JSON[\s\S]*\)$/,
    );
    expect(describeOutcome(outcome({ passed: false, counterexample: { n: 1n } }))).toMatch(
      /; counterexample \(not serialisable: .*BigInt.*\)$/,
    );
    expect(describeOutcome(outcome({ passed: false, counterexample: () => 1 }))).toMatch(/; counterexample \(\) => 1$/);
  });
});

describe('runOneCheck: seeds, replays and the log', () => {
  const opts = { paths: suitePaths('/nowhere'), seed: 11, heavy: true };
  test('the seed derives from the run seed, the claim id and the seed parts; heavy mode passes through; no replay path', async () => {
    const c = recorder('k');
    const o = await runOneCheck('s1-a', c, ['headline', 'k'], opts);
    expect(o).toMatchObject({ name: 'k', passed: true });
    expect(c.contexts[0]).toMatchObject({
      seed: deriveSeed(11, 's1-a', 'headline', 'k'),
      heavy: true,
      replayPath: undefined,
    });
  });
  test('ctx.log lines are prefixed with the claim and the check', async () => {
    const lines: string[] = [];
    const c = recorder('k', (ctx) => {
      ctx.log('halfway');
      return outcome({ name: 'k' });
    });
    await runOneCheck('s1-a', c, [], { ...opts, log: (m) => lines.push(m) });
    expect(lines).toEqual(['[s1-a] k: halfway']);
    const quiet = recorder('q', (ctx) => {
      ctx.log('nobody listens');
      return outcome({ name: 'q' });
    });
    await expect(runOneCheck('s1-a', quiet, [], opts)).resolves.toMatchObject({ passed: true });
  });
  test('a replay request applies only when replayable and it names this claim and this check', async () => {
    const replay = { claim: 's1-a', check: 'k', seed: 77, path: '4:2' };
    const run = async (id: string, replayable: boolean, r = replay, name = 'k') => {
      const c = recorder(name);
      await runOneCheck(id, c, ['p'], { ...opts, replay: r }, replayable);
      return c.contexts[0];
    };
    expect(await run('s1-a', true)).toMatchObject({ seed: 77, replayPath: '4:2' });
    expect(await run('s1-a', false)).toMatchObject({ seed: deriveSeed(11, 's1-a', 'p'), replayPath: undefined });
    expect(await run('s1-b', true)).toMatchObject({ seed: deriveSeed(11, 's1-b', 'p'), replayPath: undefined });
    expect(await run('s1-a', true, replay, 'other')).toMatchObject({
      seed: deriveSeed(11, 's1-a', 'p'),
      replayPath: undefined,
    });
  });
  test('replayMatches: by key when the request has one, else by key or name', () => {
    const named = { name: 'shown', backend: 'scalar-f64' as const, run: async () => outcome() };
    const keyed = { ...named, key: 'stable' };
    const req = { claim: 'c', check: 'shown', seed: 1, path: '' };
    expect(replayMatches(req, named)).toBe(true);
    expect(replayMatches(req, keyed)).toBe(true);
    expect(replayMatches({ ...req, check: 'stable' }, keyed)).toBe(true);
    expect(replayMatches({ ...req, check: 'other' }, keyed)).toBe(false);
    expect(replayMatches({ ...req, key: 'stable' }, keyed)).toBe(true);
    expect(replayMatches({ ...req, key: 'shown' }, keyed)).toBe(false);
    expect(replayMatches({ ...req, key: 'other' }, named)).toBe(false);
  });
});

describe('errorOutcome', () => {
  const check = { name: 'n', backend: 'gpu.js-f32' as const };
  test('on its own: no cases, NaN numbers, not passed, the message', () => {
    expect(errorOutcome(check, 'why')).toEqual({
      name: 'n',
      backend: 'gpu.js-f32',
      sizes: [],
      cases: 0,
      maxError: NaN,
      tolerance: NaN,
      toleranceReason: '',
      passed: false,
      ms: 0,
      error: 'why',
    });
    expect(errorOutcome(check, 'why', undefined, 12).ms).toBe(12);
  });
  test('keeps what is safe from the raw outcome: cases, sizes, reason, time, counterexample, skips', () => {
    const from = {
      cases: 4,
      sizes: [[2, 3]],
      toleranceReason: 'r',
      ms: 7,
      counterexample: { input: 1 },
      skipped: 2,
      skipReasons: ['a'],
      passed: true,
      maxError: 1,
      name: 'forged',
    };
    expect(errorOutcome({ ...check, key: 'k' }, 'why', from, 99)).toEqual({
      name: 'n',
      key: 'k',
      backend: 'gpu.js-f32',
      sizes: [[2, 3]],
      cases: 4,
      maxError: NaN,
      tolerance: NaN,
      toleranceReason: 'r',
      passed: false,
      ms: 7,
      error: 'why',
      counterexample: { input: 1 },
      skipped: 2,
      skipReasons: ['a'],
    });
  });
  test('drops what is not safe: non-integer or negative counts, non-array sizes, non-string reasons, non-finite times', () => {
    const from = { cases: 1.5, sizes: 'big', toleranceReason: 3, ms: NaN, skipped: -1, skipReasons: ['a', 2] };
    expect(errorOutcome(check, 'why', from, 5)).toEqual({
      name: 'n',
      backend: 'gpu.js-f32',
      sizes: [],
      cases: 0,
      maxError: NaN,
      tolerance: NaN,
      toleranceReason: '',
      passed: false,
      ms: 5,
      error: 'why',
    });
    expect(errorOutcome(check, 'why', { cases: -2, skipped: 0, skipReasons: [] })).toMatchObject({
      cases: 0,
      skipped: 0,
      skipReasons: [],
    });
    expect(errorOutcome(check, 'why', { cases: 0 }).cases).toBe(0);
    expect(errorOutcome(check, 'why', { skipped: 1.5, skipReasons: 'a' })).not.toHaveProperty('skipped');
    expect(errorOutcome(check, 'why', { skipReasons: 'a' })).not.toHaveProperty('skipReasons');
  });
  test('records the key only when it differs from the name', () => {
    expect(errorOutcome({ ...check, key: 'n' }, 'e')).not.toHaveProperty('key');
    expect(errorOutcome({ ...check, key: 'k' }, 'e').key).toBe('k');
  });
});

describe('normalizeOutcome', () => {
  const check = { name: 'n', backend: 'scalar-f64' as const };
  const ok = {
    name: 'n',
    backend: 'scalar-f64',
    sizes: [[1, 1]],
    cases: 2,
    maxError: 0.5,
    tolerance: 1,
    toleranceReason: 'r',
    passed: true,
    ms: 3,
  };
  const measured = { value: 2, bound: 1, relation: '<=', detail: null };
  const failing = { ...ok, passed: false, maxError: 2, counterexample: { input: 0, measured } };
  const err = (raw: unknown, c: Parameters<typeof normalizeOutcome>[1] = check) => normalizeOutcome(raw, c).error;
  test("a sound pass goes through, with the engine's name, key and backend and without power or control", () => {
    expect(
      normalizeOutcome(
        {
          ...ok,
          name: 'forged',
          backend: 'gpu.js-f32',
          key: 'forged',
          power: 'control-refuted',
          control: {},
          powerDetail: 'x',
        },
        { ...check, key: 'stable' },
      ),
    ).toEqual({ ...ok, name: 'n', key: 'stable', backend: 'scalar-f64' });
    expect(normalizeOutcome({ ...ok, sizes: undefined, toleranceReason: 7, ms: Infinity }, check)).toMatchObject({
      sizes: [],
      toleranceReason: '',
      ms: 0,
    });
  });
  test('what is not an outcome is an error', () => {
    expect(err(null)).toBe('check returned null instead of a CheckOutcome');
    expect(err([ok])).toBe('check returned an array instead of a CheckOutcome');
  });
  test('a reported error is kept; an empty one is an error that says so', () => {
    expect(normalizeOutcome({ ...ok, error: 'kaput', passed: true }, check)).toMatchObject({
      error: 'kaput',
      passed: false,
      cases: 2,
    });
    expect(err({ ...ok, error: '  ' })).toBe("check reported an error that says nothing (a string ('  '))");
    expect(err({ ...ok, error: 5 })).toBe('check reported an error that says nothing (5)');
    expect(err({ ...ok, error: '' })).toBe('check reported an error that says nothing (an empty string)');
  });
  test('passed must be a boolean and cases an integer of at least one', () => {
    expect(err({ ...ok, passed: 'true' })).toBe("outcome field 'passed' is a string ('true') (expected true or false)");
    expect(err({ ...ok, cases: 0 })).toBe(
      'passes on 0 cases: a check must judge at least one case (cases is an integer ≥ 1)',
    );
    expect(err({ ...failing, cases: 1.5 })).toBe(
      'fails on 1.5 cases: a check must judge at least one case (cases is an integer ≥ 1)',
    );
    expect(err({ ...ok, cases: '2' })).toMatch(/^passes on a string \('2'\) cases/);
    expect(err({ ...ok, cases: 1 })).toBeUndefined();
    expect(err({ ...ok, sizes: '2x2' })).toBe("outcome field 'sizes' is a string ('2x2') (expected [[rows, cols], …])");
  });
  test('the tolerance must be finite; an infinite worst value needs a reason and a failing check', () => {
    expect(err({ ...ok, tolerance: Infinity })).toBe(
      "outcome field 'tolerance' is Infinity (expected a finite number)",
    );
    expect(err({ ...ok, tolerance: undefined })).toBe(
      "outcome field 'tolerance' is undefined (expected a finite number)",
    );
    expect(err({ ...ok, maxError: NaN })).toBe("outcome field 'maxError' is NaN (expected a number)");
    expect(err({ ...ok, maxError: '1' })).toBe("outcome field 'maxError' is a string ('1') (expected a number)");
    const inf = {
      ...failing,
      maxError: Infinity,
      infinite: 'singular',
      counterexample: { input: 0, measured: { value: Infinity, bound: 1, infinite: 'singular' } },
    };
    expect(err(inf)).toBeUndefined();
    expect(err({ ...inf, infinite: ' ' })).toBe(
      "outcome field 'maxError' is Infinity without a reason (a documented ∞ must say why in 'infinite')",
    );
    expect(err({ ...inf, infinite: 3 })).toBe(
      "outcome field 'maxError' is Infinity without a reason (a documented ∞ must say why in 'infinite')",
    );
    expect(err({ ...inf, passed: true })).toBe(
      "outcome field 'maxError' is Infinity on a passing check (an infinite measurement can only refute)",
    );
    expect(err({ ...ok, infinite: 'x' })).toBe("outcome says maxError is infinite ('x') but it is 0.5");
  });
  test('a fail must carry a well-formed counterexample measurement that refutes', () => {
    expect(err(failing)).toBeUndefined();
    const none =
      'fails without evidence: a failing check must carry counterexample.measured { value, bound, relation } with a finite measured violation, or a statistic with its interval';
    expect(err({ ...failing, counterexample: undefined })).toBe(none);
    expect(err({ ...failing, counterexample: { input: 0 } })).toBe(none);
    expect(err({ ...failing, counterexample: 'x' })).toBe(none);
    expect(err({ ...failing, counterexample: { input: 0, measured: { value: 2 } } })).toBe(
      `counterexample.measured: ${invalidReason({ value: 2 })}`,
    );
    expect(
      err({ ...failing, counterexample: { input: 0, measured: { ...measured, detail: { norm: 1 } } } }),
    ).toBeUndefined();
    expect(err({ ...failing, counterexample: { input: 0, measured: { ...measured, vaule: 1 } } })).toMatch(
      /^counterexample\.measured: measurement has unknown key 'vaule'/,
    );
    // A measurement with a tolerance instead of a bare bound is judged by the tolerance's bound.
    expect(
      err({ ...failing, counterexample: { input: 0, measured: { value: 2, tolerance: { bound: 1, reason: 'r' } } } }),
    ).toBeUndefined();
    expect(
      err({ ...failing, counterexample: { input: 0, measured: { value: 0.5, tolerance: { bound: 1, reason: 'r' } } } }),
    ).toMatch(/^fails, but its counterexample holds \(0\.5 <= /);
    expect(
      err({
        ...failing,
        counterexample: { input: 0, measured: { value: 0.5, bound: 1, relation: '<=', detail: null } },
      }),
    ).toBe('fails, but its counterexample holds (0.5 <= 1): a failure needs a refuting case');
    expect(err({ ...failing, counterexample: { input: 0, measured: { value: 3, bound: 1, relation: '>=' } } })).toBe(
      'fails, but its counterexample holds (3 >= 1): a failure needs a refuting case',
    );
    expect(err({ ...failing, counterexample: { input: 0, measured: { value: 0.5, bound: 1 } } })).toBe(
      'fails, but its counterexample holds (0.5 <= 1): a failure needs a refuting case',
    );
    // A passing check needs no counterexample.
    expect(err({ ...ok, counterexample: undefined })).toBeUndefined();
  });
  test('a statistic is validated and decided again by the engine', () => {
    const statistic = {
      name: 's',
      estimate: 1,
      ci: [0.9, 1.1],
      confidence: 0.99,
      samples: 8,
      rule: 'prose',
      decision: { kind: 'contains', value: 1 },
    };
    const o = normalizeOutcome({ ...ok, statistic, tolerance: undefined, maxError: undefined, cases: 99 }, check);
    expect(o).toMatchObject({
      passed: true,
      maxError: 1,
      tolerance: 1,
      cases: 8,
      statistic: { rule: 'pass iff 1 ∈ CI; prose' },
    });
    expect(o.error).toBeUndefined();
    expect(err({ ...ok, statistic: { ...statistic, rule: undefined } })).toBe(
      "statistic field 'rule' is undefined (expected text)",
    );
    expect(err({ ...ok, passed: false, statistic })).toBe(
      "outcome says passed: false, but its statistic's rule (pass iff 1 ∈ CI) passes on CI [0.9, 1.1]",
    );
    expect(err({ ...ok, statistic: { ...statistic, decision: { kind: 'excludes', value: 1 } } })).toBe(
      "outcome says passed: true, but its statistic's rule (pass iff 1 ∉ CI) fails on CI [0.9, 1.1]",
    );
  });
  test('runAndNormalize: a throwing or rejecting check is an error with its message; otherwise the normalized outcome', async () => {
    const ctx = { seed: 1, heavy: false, log: () => {} };
    const throwing = {
      name: 't',
      backend: 'scalar-f64' as const,
      key: 'tk',
      run: async () => {
        throw new Error('kaput');
      },
    };
    const t = await runAndNormalize(throwing, ctx);
    expect(t).toMatchObject({ name: 't', key: 'tk', error: 'check threw: kaput', cases: 0, passed: false });
    expect(t.ms).toBeGreaterThanOrEqual(0);
    expect(t.ms).toBeLessThan(10_000);
    const rejectsString = { name: 's', backend: 'scalar-f64' as const, run: () => Promise.reject('plain') };
    expect((await runAndNormalize(rejectsString, ctx)).error).toBe('check threw: plain');
    const fine = { name: 'f', backend: 'scalar-f64' as const, run: async () => ok as CheckOutcome };
    expect(await runAndNormalize(fine, ctx)).toEqual({ ...ok, name: 'f' });
  });
});

describe("resolveSpec: the shape of a property file's spec, before anything runs", () => {
  const mk = (name: string, extra: Record<string, unknown> = {}): Check =>
    ({ name, backend: 'scalar-f64', run: async () => outcome({ name }), ...extra }) as Check;
  const F = 'properties/x.property.ts';
  const error = (spec: unknown) => {
    const r = resolveSpec(spec, F);
    return r.ok ? null : r.error;
  };
  test('an array spec resolves to its headline, steps and corrected checks, without mutants', () => {
    const a = mk('a'),
      st = mk('s', { method: 'numeric' }),
      c = mk('c');
    expect(resolveSpec({ checks: [a], steps: [st], corrected: [c], timeoutMs: 5 }, F)).toEqual({
      ok: true,
      spec: { headline: [a], steps: [st], corrected: [c], mutants: null, failure: null },
    });
    expect(resolveSpec({ checks: [a] }, F)).toEqual({
      ok: true,
      spec: { headline: [a], steps: [], corrected: [], mutants: null, failure: null },
    });
    expect(resolveSpec(() => ({ checks: [a] }), F)).toEqual({
      ok: true,
      spec: { headline: [a], steps: [], corrected: [], mutants: null, failure: null },
    });
  });
  test('a spec that is not an object, or has unknown fields, is refused naming the file', () => {
    expect(error(null)).toBe(`${F}: the spec is null (expected { checks, steps?, corrected?, parts?, mutants? })`);
    expect(
      error(() => {
        throw new Error('nope');
      }),
    ).toBe(`${F}: calling the spec function threw: nope`);
    expect(
      error(() => {
        throw 'plain';
      }),
    ).toBe(`${F}: calling the spec function threw: plain`);
    expect(error(() => 3)).toBe(`${F}: the spec is 3 (expected { checks, steps?, corrected?, parts?, mutants? })`);
    expect(error({ checks: [mk('a')], check: [] })).toBe(
      `${F}: the spec has unknown field 'check' (expected checks, parts, mutants, steps, corrected, timeoutMs, failure)`,
    );
  });
  test('the headline must be a non-empty list of checks with distinct names and keys', () => {
    expect(error({})).toBe(`${F}: field 'checks' is undefined (expected an array of checks)`);
    expect(error({ checks: [] })).toBe(`${F}: no checks for the headline statement`);
    expect(error({ checks: [mk('a'), mk('a')] })).toBe(
      `${F}: field 'checks' has two checks named 'a' (the report tells checks apart by name)`,
    );
    expect(error({ checks: [mk('a', { key: 'k' }), mk('b', { key: 'k' })] })).toBe(
      `${F}: field 'checks' has two checks with key 'k' ('a' and 'b'; seeds and replays are keyed by key, default the name)`,
    );
    expect(error({ checks: [mk('a'), mk('b', { key: 'a' })] })).toBe(
      `${F}: field 'checks' has two checks with key 'a' ('a' and 'b'; seeds and replays are keyed by key, default the name)`,
    );
    expect(error({ checks: [mk('a', { key: 'b' }), mk('b', { key: 'a' })] })).toBeNull();
  });
  test('steps must be step checks; corrected checks plain checks; timeoutMs positive', () => {
    expect(error({ checks: [mk('a')], steps: [mk('s')] })).toBe(
      `${F}: field 'steps[0]' ('s') has method undefined (wrap it in step('symbolic' | 'numeric' | 'both', check))`,
    );
    expect(error({ checks: [mk('a')], steps: [mk('s', { method: 'guess' })] })).toBe(
      `${F}: field 'steps[0]' ('s') has method 'guess' (wrap it in step('symbolic' | 'numeric' | 'both', check))`,
    );
    for (const method of ['symbolic', 'numeric', 'both'])
      expect(error({ checks: [mk('a')], steps: [mk('s', { method })] })).toBeNull();
    expect(error({ checks: [mk('a')], steps: 'x' })).toBe(
      `${F}: field 'steps' is a string ('x') (expected an array of checks)`,
    );
    expect(error({ checks: [mk('a')], corrected: [null] })).toBe(
      `${F}: field 'corrected[0]' is null, not a check (build one with forAll, compute or statistic)`,
    );
    for (const t of [0, -1, Infinity, '5', NaN])
      expect(error({ checks: [mk('a')], timeoutMs: t }), String(t)).toBe(
        `${F}: field 'timeoutMs' is ${describeValue(t)} (expected a positive number of milliseconds)`,
      );
    expect(error({ checks: [mk('a')], timeoutMs: 0.5 })).toBeNull();
  });
  test('parts and mutants need checks to be a function of the parts', () => {
    expect(error({ checks: [mk('a')], parts: {} })).toBe(
      `${F}: field 'parts' is set but 'checks' is an array, so the parts are never used (make 'checks' a function of the parts)`,
    );
    expect(error({ checks: [mk('a')], mutants: [] })).toBe(
      `${F}: field 'mutants' needs 'checks' to be a function of 'parts' (a mutant is the headline built from other parts)`,
    );
    expect(error({ checks: () => [mk('a')] })).toBe(
      `${F}: field 'parts' is undefined: it is required (an object) when 'checks' is a function of the parts`,
    );
  });
  test('a formula spec builds its headline and each mutant from the parts', () => {
    const seen: unknown[] = [];
    const checks = (p: Record<string, unknown>) => {
      seen.push(p);
      return [mk(`k=${String(p.k)}`)];
    };
    const r = resolveSpec(
      {
        parts: { k: 1, j: 0 },
        checks,
        mutants: [
          { name: 'k → 2', parts: { k: 2 } },
          { name: 'j', key: 'jkey', parts: { j: 5 }, equivalent: 'j is unused' },
        ],
      },
      F,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(seen).toEqual([
      { k: 1, j: 0 },
      { k: 2, j: 0 },
      { k: 1, j: 5 },
    ]);
    expect(r.spec.headline.map((c) => c.name)).toEqual(['k=1']);
    expect(r.spec.mutants!.map((m) => ({ ...m, checks: m.checks.map((c) => c.name) }))).toEqual([
      { name: 'k → 2', key: 'k → 2', equivalent: null, checks: ['k=2'] },
      { name: 'j', key: 'jkey', equivalent: 'j is unused', checks: ['k=1'] },
    ]);
    expect(resolveSpec({ parts: { k: 1 }, checks }, F)).toMatchObject({ ok: true, spec: { mutants: [] } });
  });
  test('the headline or a mutant that cannot be built is refused, naming the call', () => {
    const boom = () => {
      throw new Error('bad parts');
    };
    expect(error({ parts: {}, checks: boom })).toBe(`${F}: checks(parts) threw: bad parts`);
    expect(error({ parts: {}, checks: () => 'x' })).toBe(
      `${F}: field 'checks(parts)' is a string ('x') (expected an array of checks)`,
    );
    expect(error({ parts: {}, checks: () => [] })).toBe(`${F}: no checks for the headline statement`);
    const onlyOne = (p: Record<string, unknown>) => {
      if (p.k === 2) throw new Error('k=2 breaks');
      return [mk('a')];
    };
    expect(error({ parts: { k: 1 }, checks: onlyOne, mutants: [{ name: 'm', parts: { k: 2 } }] })).toBe(
      `${F}: checks(parts of mutant 'm') threw: k=2 breaks`,
    );
    const badMutantCheck = (p: Record<string, unknown>) => [mk(p.k === 2 ? '' : 'a')];
    expect(error({ parts: { k: 1 }, checks: badMutantCheck, mutants: [{ name: 'm', parts: { k: 2 } }] })).toBe(
      `${F}: field 'checks(parts of mutant 'm')[0].name' is an empty string (expected a non-empty string)`,
    );
  });
  test('mutants must be well-formed, distinct, name existing parts and change something', () => {
    const checks = () => [mk('a')];
    const m = (mutants: unknown, parts: Record<string, unknown> = { k: 1, j: 2 }) => error({ parts, checks, mutants });
    expect(m('x')).toBe(`${F}: field 'mutants' is a string ('x') (expected an array of { name, parts })`);
    expect(m([null])).toBe(`${F}: field 'mutants[0]' is null (expected { name, parts, equivalent? })`);
    expect(m([{ name: 'a', parts: { k: 2 }, why: 'x' }])).toBe(
      `${F}: field 'mutants[0]' has unknown key 'why' (expected name, key, parts, equivalent)`,
    );
    expect(m([{ name: ' ', parts: { k: 2 } }])).toBe(
      `${F}: field 'mutants[0].name' is a string (' ') (expected a non-empty string)`,
    );
    expect(m([{ parts: { k: 2 } }])).toBe(`${F}: field 'mutants[0].name' is undefined (expected a non-empty string)`);
    expect(
      m([
        { name: 'a', parts: { k: 2 } },
        { name: 'a', parts: { k: 3 } },
      ]),
    ).toBe(`${F}: field 'mutants[1].name': two mutants are named 'a'`);
    expect(m([{ name: 'a', key: '', parts: { k: 2 } }])).toBe(
      `${F}: field 'mutants[0].key' (mutant 'a') is an empty string (expected a non-empty string, or no key: the name is the default)`,
    );
    expect(m([{ name: 'a', key: 3, parts: { k: 2 } }])).toMatch(/field 'mutants\[0\]\.key' \(mutant 'a'\) is 3 /);
    expect(
      m([
        { name: 'a', parts: { k: 2 } },
        { name: 'b', key: 'a', parts: { k: 3 } },
      ]),
    ).toBe(`${F}: field 'mutants[1].key': two mutants have key 'a' (their seeds are keyed by key, default the name)`);
    expect(
      m([
        { name: 'a', key: 'z', parts: { k: 2 } },
        { name: 'b', key: 'z', parts: { k: 3 } },
      ]),
    ).toBe(`${F}: field 'mutants[1].key': two mutants have key 'z' (their seeds are keyed by key, default the name)`);
    expect(
      m([
        { name: 'a', key: 'b', parts: { k: 2 } },
        { name: 'b', key: 'a', parts: { k: 3 } },
      ]),
    ).toBeNull();
    expect(m([{ name: 'a', parts: { k: 2 }, equivalent: ' ' }])).toBe(
      `${F}: field 'mutants[0].equivalent' (mutant 'a') is a string (' ') (expected the reason it is equivalent)`,
    );
    expect(m([{ name: 'a', parts: { k: 2 }, equivalent: 1 }])).toMatch(
      /field 'mutants\[0\]\.equivalent' \(mutant 'a'\) is 1 /,
    );
    expect(m([{ name: 'a', parts: [] }])).toBe(
      `${F}: field 'mutants[0].parts' (mutant 'a') is an array (expected an object of replaced parts)`,
    );
    expect(m([{ name: 'a', parts: {} }])).toBe(
      `${F}: field 'mutants[0].parts' (mutant 'a') is empty: the mutant changes nothing`,
    );
    expect(m([{ name: 'a', parts: { q: 1 } }])).toBe(
      `${F}: field 'mutants[0].parts' (mutant 'a') names unknown part 'q' (parts are k, j)`,
    );
    expect(m([{ name: 'a', parts: { q: 1 } }], {})).toBe(
      `${F}: field 'mutants[0].parts' (mutant 'a') names unknown part 'q' (parts are none)`,
    );
    expect(m([{ name: 'a', parts: { toString: 1 } }])).toMatch(/names unknown part 'toString'/);
    expect(m([{ name: 'a', parts: { k: 1, j: 2 } }])).toBe(
      `${F}: field 'mutants[0].parts' (mutant 'a') changes nothing: every part it sets already has that value`,
    );
    expect(m([{ name: 'a', parts: { k: 1, j: 3 } }])).toBeNull();
    expect(m([{ name: 'a', parts: { k: -0 } }], { k: 0 })).toBeNull();
  });
});

describe('checkInvalidReason and keyOf', () => {
  const run = async () => outcome();
  test('a check has a non-empty name, an optional non-empty key, a run function and a known backend', () => {
    expect(checkInvalidReason({ name: 'a', backend: 'scalar-f64', run }, 'checks[0]')).toBeNull();
    for (const backend of ['ml-matrix-f64', 'gpu.js-f32', 'mathjs-symbolic', 'scalar-f64'])
      expect(checkInvalidReason({ name: 'a', backend, run }, 'f')).toBeNull();
    // The list of backends grows; the message names all of them.
    const backends = /\(expected (.*)\)$/
      .exec(checkInvalidReason({ name: 'a', backend: 'f64', run }, 'f')!)![1]
      .split(', ');
    expect(backends).toEqual(expect.arrayContaining(['ml-matrix-f64', 'gpu.js-f32', 'mathjs-symbolic', 'scalar-f64']));
    for (const backend of backends) expect(checkInvalidReason({ name: 'a', backend, run }, 'f')).toBeNull();
    expect(checkInvalidReason([], 'f')).toBe(
      "field 'f' is an array, not a check (build one with forAll, compute or statistic)",
    );
    expect(checkInvalidReason('x', 'f')).toBe(
      "field 'f' is a string ('x'), not a check (build one with forAll, compute or statistic)",
    );
    expect(checkInvalidReason({ name: 3, backend: 'scalar-f64', run }, 'f')).toBe(
      "field 'f.name' is 3 (expected a non-empty string)",
    );
    expect(checkInvalidReason({ name: 'a', key: ' ', backend: 'scalar-f64', run }, 'f')).toBe(
      "field 'f.key' ('a') is a string (' ') (expected a non-empty string, or no key: the name is the default)",
    );
    expect(checkInvalidReason({ name: 'a', key: 7, backend: 'scalar-f64', run }, 'f')).toMatch(
      /^field 'f\.key' \('a'\) is 7 /,
    );
    expect(checkInvalidReason({ name: 'a', key: 'k', backend: 'scalar-f64', run }, 'f')).toBeNull();
    expect(checkInvalidReason({ name: 'a', backend: 'scalar-f64', run: 'go' }, 'f')).toBe(
      "field 'f' ('a') has no run function",
    );
    expect(checkInvalidReason({ name: 'a', backend: 'f64', run }, 'f')).toBe(
      "field 'f' ('a') has backend 'f64' (expected ml-matrix-f64, gpu.js-f32, mathjs-symbolic, mathjs-bignumber, scalar-f64)",
    );
    expect(checkInvalidReason({ name: 'a', run }, 'f')).toBe(
      "field 'f' ('a') has backend undefined (expected ml-matrix-f64, gpu.js-f32, mathjs-symbolic, mathjs-bignumber, scalar-f64)",
    );
    expect(checkInvalidReason({ name: 'a', backend: 'scalar-f64', run, method: 'x' }, 'f')).toBeNull();
    expect(checkInvalidReason({ name: 'a', backend: 'scalar-f64', run, method: 3 }, 'f', true)).toBe(
      "field 'f' ('a') has method 3 (wrap it in step('symbolic' | 'numeric' | 'both', check))",
    );
  });
  test('a control must be a described check', () => {
    const c = { name: 'a', backend: 'scalar-f64', run };
    expect(checkInvalidReason({ ...c, control: null }, 'f')).toBe(
      "field 'f.control' ('a') is null (expected { description, check })",
    );
    expect(checkInvalidReason({ ...c, control: 'x' }, 'f')).toBe(
      "field 'f.control' ('a') is a string ('x') (expected { description, check })",
    );
    expect(checkInvalidReason({ ...c, control: { description: '', check: c } }, 'f')).toBe(
      "field 'f.control.description' ('a') is an empty string (say what was made false)",
    );
    expect(checkInvalidReason({ ...c, control: { check: c } }, 'f')).toBe(
      "field 'f.control.description' ('a') is undefined (say what was made false)",
    );
    expect(checkInvalidReason({ ...c, control: { description: 'd', check: { name: 'b' } } }, 'f')).toBe(
      "field 'f.control.check' ('b') has no run function",
    );
    expect(
      checkInvalidReason(
        { ...c, control: { description: 'd', check: { name: 'b', backend: 'scalar-f64', run } } },
        'f',
      ),
    ).toBeNull();
  });
  test('keyOf is the key, or the name', () => {
    expect(keyOf({ name: 'n' })).toBe('n');
    expect(keyOf({ name: 'n', key: 'k' })).toBe('k');
  });
});

describe('statistical decisions', () => {
  const good = {
    name: 'slope',
    estimate: 0.5,
    ci: [0.4, 0.6] as [number, number],
    confidence: 0.99,
    samples: 20,
    decision: { kind: 'contains' as const, value: 0.5 },
  };
  test('ruleText spells out every rule kind', () => {
    expect(ruleText({ kind: 'contains', value: 1 })).toBe('pass iff 1 ∈ CI');
    expect(ruleText({ kind: 'contains', value: 1, maxWidth: 0.1 })).toBe('pass iff 1 ∈ CI and CI width < 0.1');
    expect(ruleText({ kind: 'excludes', value: 0 })).toBe('pass iff 0 ∉ CI');
    expect(ruleText({ kind: 'below', value: -1 })).toBe('pass iff CI lies below -1 (upper end < -1)');
    expect(ruleText({ kind: 'above', value: 2 })).toBe('pass iff CI lies above 2 (lower end > 2)');
    expect(ruleText({ kind: 'within', range: [0, 1] })).toBe('pass iff CI ⊆ [0, 1]');
  });
  test('decide: a maxWidth is a strict upper bound on the interval width', () => {
    expect(decide({ kind: 'contains', value: 1, maxWidth: 1 }, [0.5, 1.49])).toBe(true);
    expect(decide({ kind: 'contains', value: 1, maxWidth: 1 }, [0.5, 1.5])).toBe(false);
    expect(decide({ kind: 'within', range: [0, 2] }, [0, 2])).toBe(true);
    expect(decide({ kind: 'within', range: [0, 2] }, [-0.1, 1])).toBe(false);
    expect(decide({ kind: 'within', range: [0, 2] }, [1, 2.1])).toBe(false);
  });
  test('toleranceOf: the value, or the end of the range nearer the estimate (the lower one on a tie)', () => {
    expect(toleranceOf({ kind: 'below', value: 3 }, 100)).toBe(3);
    expect(toleranceOf({ kind: 'within', range: [0, 10] }, 5)).toBe(0);
    expect(toleranceOf({ kind: 'within', range: [0, 10] }, 5.1)).toBe(10);
    expect(toleranceOf({ kind: 'within', range: [0, 10] }, -3)).toBe(0);
  });
  test('ruleInvalidReason names what is wrong with a rule', () => {
    expect(ruleInvalidReason(undefined)).toBe(
      "statistic field 'decision' is undefined (expected a rule such as { kind: 'contains', value })",
    );
    expect(ruleInvalidReason({ kind: 3, value: 1 })).toBe(
      'statistic decision has unknown rule kind 3 (expected contains, excludes, below, above, within)',
    );
    expect(ruleInvalidReason({ kind: 'inside', value: 1 })).toBe(
      "statistic decision has unknown rule kind 'inside' (expected contains, excludes, below, above, within)",
    );
    expect(ruleInvalidReason({ kind: 'below', value: 1, maxWidth: 1 })).toBe(
      "statistic decision 'below' has unknown key 'maxWidth' (expected kind, value)",
    );
    expect(ruleInvalidReason({ kind: 'contains', value: 1, range: [0, 1] })).toBe(
      "statistic decision 'contains' has unknown key 'range' (expected kind, value, maxWidth)",
    );
    expect(ruleInvalidReason({ kind: 'within', range: [0, 1], value: 1 })).toBe(
      "statistic decision 'within' has unknown key 'value' (expected kind, range)",
    );
    for (const kind of ['excludes', 'above'])
      expect(ruleInvalidReason({ kind, value: 1, range: 1 })).toBe(
        `statistic decision '${kind}' has unknown key 'range' (expected kind, value)`,
      );
    expect(ruleInvalidReason({ kind: 'within', range: [0] })).toBe(
      "statistic decision 'within' needs range: [lo, hi], got an array",
    );
    expect(ruleInvalidReason({ kind: 'within', range: 'x' })).toBe(
      "statistic decision 'within' needs range: [lo, hi], got a string ('x')",
    );
    expect(ruleInvalidReason({ kind: 'within', range: [NaN, 1] })).toBe('statistic decision range[0] is NaN');
    expect(ruleInvalidReason({ kind: 'within', range: [0, Infinity] })).toBe(
      'statistic decision range[1] is Infinity (expected a finite number)',
    );
    expect(ruleInvalidReason({ kind: 'within', range: [1, 0] })).toBe('statistic decision range [1, 0] is reversed');
    expect(ruleInvalidReason({ kind: 'within', range: [1, 1] })).toBeNull();
    expect(ruleInvalidReason({ kind: 'above', value: '1' })).toBe(
      "statistic decision 'above' value is a string ('1') (expected a finite number)",
    );
    expect(ruleInvalidReason({ kind: 'contains', value: 1, maxWidth: NaN })).toBe('statistic decision maxWidth is NaN');
    expect(ruleInvalidReason({ kind: 'contains', value: 1, maxWidth: -1 })).toBe(
      'statistic decision maxWidth is -1 (must be > 0)',
    );
    expect(ruleInvalidReason({ kind: 'contains', value: 1, maxWidth: 0.001 })).toBeNull();
  });
  test('statisticInvalidReason checks each field in turn', () => {
    const bad = (patch: Record<string, unknown>, requireRule = false) =>
      statisticInvalidReason({ ...good, ...patch }, requireRule);
    expect(statisticInvalidReason(good)).toBeNull();
    expect(statisticInvalidReason([good])).toBe(
      'statistic is an array instead of { name, estimate, ci, confidence, samples, decision }',
    );
    expect(bad({ passed: undefined })).toBe(
      "statistic returns 'passed': the engine decides from 'decision' and 'ci' (remove 'passed', state the rule in 'decision')",
    );
    expect(bad({ name: '' })).toBe("statistic field 'name' is an empty string (expected a non-empty string)");
    expect(bad({ name: 5 })).toBe("statistic field 'name' is 5 (expected a non-empty string)");
    expect(bad({ estimate: Infinity })).toBe('statistic estimate is Infinity (expected a finite number)');
    expect(bad({ ci: 'x' })).toBe("statistic field 'ci' is a string ('x') (expected [lo, hi])");
    expect(bad({ ci: [1, 2, 3] })).toBe("statistic field 'ci' is an array (expected [lo, hi])");
    expect(bad({ ci: [0, '1'] })).toBe("statistic ci[1] is a string ('1') (expected a finite number)");
    expect(bad({ ci: [2, 1] })).toBe('statistic ci [2, 1] is reversed (ci[0] > ci[1])');
    expect(bad({ ci: [1, 1], estimate: 1 })).toBeNull();
    expect(bad({ confidence: '0.9' })).toBe("statistic confidence is a string ('0.9') (expected a finite number)");
    expect(bad({ confidence: -0.5 })).toBe('statistic confidence is -0.5 (must lie in (0, 1))');
    expect(bad({ confidence: 1e-9 })).toBeNull();
    expect(bad({ samples: '3' })).toBe("statistic samples is a string ('3') (must be an integer ≥ 1)");
    expect(bad({ samples: 1 })).toBeNull();
    expect(bad({ rule: 3 })).toBe("statistic field 'rule' is 3 (expected text)");
    expect(bad({}, true)).toBe("statistic field 'rule' is undefined (expected text)");
    expect(bad({ rule: 'r' }, true)).toBeNull();
    expect(bad({ decision: { kind: 'below' } })).toBe(
      "statistic decision 'below' value is undefined (expected a finite number)",
    );
  });
  test("statisticEvidence derives the rule text and keeps the property's prose after it", () => {
    expect(statisticEvidence(good).rule).toBe('pass iff 0.5 ∈ CI');
    expect(statisticEvidence({ ...good, rule: '  ' }).rule).toBe('pass iff 0.5 ∈ CI');
    expect(statisticEvidence({ ...good, rule: 'at 99%' }).rule).toBe('pass iff 0.5 ∈ CI; at 99%');
    expect(statisticEvidence({ ...good, rule: 'pass iff 0.5 ∈ CI (claimed)' }).rule).toBe(
      'pass iff 0.5 ∈ CI (claimed)',
    );
    expect(statisticEvidence({ ...good, extra: 1 })).toEqual({ ...good, extra: 1, rule: 'pass iff 0.5 ∈ CI' });
  });
  test("judgeStatistic: decided by the rule; the estimate against the rule's value; the samples as cases", () => {
    expect(judgeStatistic(good)).toEqual({
      passed: true,
      maxError: 0.5,
      tolerance: 0.5,
      cases: 20,
      statistic: { ...good, rule: 'pass iff 0.5 ∈ CI' },
    });
    expect(judgeStatistic({ ...good, decision: { kind: 'excludes', value: 0.5 } }).passed).toBe(false);
  });
  test('statistic(): runs, validates and judges; errors are outcomes, never throws', async () => {
    const ctx = { seed: 3, heavy: false, log: () => {} };
    const seen: unknown[] = [];
    const ok = statistic({
      name: 'mean',
      backend: 'scalar-f64',
      sizes: [[2, 2]],
      toleranceReason: '99% CI',
      run: (c) => {
        seen.push(c);
        return good;
      },
    });
    const o = await ok.run(ctx);
    expect(seen).toEqual([ctx]);
    expect(o).toMatchObject({
      name: 'mean',
      backend: 'scalar-f64',
      sizes: [[2, 2]],
      toleranceReason: '99% CI',
      passed: true,
      maxError: 0.5,
      tolerance: 0.5,
      cases: 20,
    });
    expect(o.error).toBeUndefined();
    expect(o).not.toHaveProperty('series');
    expect(o.ms).toBeGreaterThanOrEqual(0);
    expect(o.ms).toBeLessThan(10_000);
    expect(ok.control).toBeUndefined();
    expect(ok).not.toHaveProperty('key');
    const series = [{ title: 't' }];
    const plotted = await statistic({
      name: 'p',
      backend: 'scalar-f64',
      toleranceReason: '',
      run: () => ({ ...good, series }) as never,
    }).run(ctx);
    expect(plotted.series).toEqual(series);
    expect(plotted.statistic).not.toHaveProperty('series');
    const throwing = statistic({
      name: 't',
      backend: 'scalar-f64',
      toleranceReason: 'r',
      run: () => {
        throw new Error('no data');
      },
    });
    expect(await throwing.run(ctx)).toMatchObject({
      name: 't',
      sizes: [],
      toleranceReason: 'r',
      cases: 0,
      maxError: NaN,
      tolerance: NaN,
      passed: false,
      error: 'check threw: no data',
    });
    const throwsString = statistic({
      name: 't',
      backend: 'scalar-f64',
      toleranceReason: 'r',
      run: () => {
        throw 'plain';
      },
    });
    expect((await throwsString.run(ctx)).error).toBe('check threw: plain');
    const malformed = statistic({
      name: 'm',
      backend: 'scalar-f64',
      toleranceReason: 'r',
      run: () => ({ ...good, samples: 0 }),
    });
    expect(await malformed.run(ctx)).toMatchObject({
      passed: false,
      cases: 0,
      error: 'statistic samples is 0 (must be an integer ≥ 1)',
    });
  });
  test('statistic(): a key is kept; a control is the same statistic on the control run, without a key', async () => {
    const ctx = { seed: 3, heavy: false, log: () => {} };
    const c = statistic({
      name: 'mean',
      key: 'mk',
      backend: 'scalar-f64',
      toleranceReason: 'r',
      run: () => good,
      control: { description: 'shifted', run: () => ({ ...good, ci: [1, 2] as [number, number], estimate: 1.5 }) },
    });
    expect(c.key).toBe('mk');
    expect(c.control?.description).toBe('shifted');
    expect(c.control?.check.name).toBe('mean [control: shifted]');
    expect(c.control?.check.key).toBeUndefined();
    expect(c.control?.check.control).toBeUndefined();
    expect(await c.control!.check.run(ctx)).toMatchObject({
      name: 'mean [control: shifted]',
      passed: false,
      maxError: 1.5,
    });
  });
});

describe('compute: explicit cases', () => {
  const logs: string[] = [];
  const ctx = {
    seed: 1,
    heavy: true,
    log: (m: string) => {
      logs.push(m);
    },
  };
  const tol = { bound: 1, reason: 'its own reason' };
  test('all cases holding: passes; the worst case is reported with its bound, detail and position', async () => {
    const c = compute({
      name: 'c',
      backend: 'scalar-f64',
      toleranceReason: 'opt reason',
      sizes: [[3, 3]],
      inputs: ['A', 'B', 'C'],
      run: () => [
        { value: 0.2, bound: 1 },
        { value: 0.9, bound: 1, detail: { n: 1 } },
        { value: 0.5, bound: 1 },
      ],
    });
    const o = await c.run(ctx);
    expect(o).toMatchObject({
      name: 'c',
      backend: 'scalar-f64',
      sizes: [[3, 3]],
      toleranceReason: 'opt reason',
      cases: 3,
      maxError: 0.9,
      tolerance: 1,
      passed: true,
      detail: '{"n":1}',
    });
    expect(o.closest).toEqual({
      input: 'B',
      index: 1,
      measured: { value: 0.9, bound: 1, relation: '<=', detail: { n: 1 } },
    });
    expect(o.counterexample).toBeUndefined();
    expect(o.infinite).toBeUndefined();
    expect(o.error).toBeUndefined();
    expect(o.ms).toBeGreaterThanOrEqual(0);
    expect(o.ms).toBeLessThan(10_000);
  });
  test('ties keep the first worst case; a string detail is kept as is; cases are named by position without inputs', async () => {
    const o = await compute({
      name: 'c',
      backend: 'scalar-f64',
      run: () => [
        { value: 0.5, bound: 1, detail: 'first' },
        { value: 0.5, bound: 1, detail: 'second' },
      ],
    }).run(ctx);
    expect(o).toMatchObject({ detail: 'first', toleranceReason: '', sizes: [] });
    expect(o.closest).toMatchObject({ input: 'case 1 of 2', index: 0 });
    const single = await compute({ name: 'c', backend: 'scalar-f64', run: () => ({ value: 0.5, bound: 1 }) }).run(ctx);
    expect(single).toMatchObject({ cases: 1, passed: true });
    expect(single).not.toHaveProperty('detail');
  });
  test('a failing case: the first failing one is the counterexample, the worst one beside it', async () => {
    const o = await compute({
      name: 'c',
      backend: 'scalar-f64',
      toleranceReason: 'r',
      inputs: ['A', 'B', 'C'],
      run: () => [
        { value: 0.5, bound: 1 },
        { value: 2, bound: 1, detail: 'b' },
        { value: Infinity, bound: 1, infinite: 'singular' },
      ],
    }).run(ctx);
    expect(o).toMatchObject({ passed: false, maxError: Infinity, tolerance: 1, infinite: 'singular' });
    expect(o.counterexample).toEqual({
      input: 'B',
      measured: { value: 2, bound: 1, relation: '<=', detail: 'b' },
      mostSevere: {
        input: 'C',
        index: 2,
        measured: { value: Infinity, bound: 1, relation: '<=', detail: null, infinite: 'singular' },
      },
    });
    expect(o).not.toHaveProperty('closest');
    expect(o).not.toHaveProperty('detail');
    const ge = await compute({
      name: 'c',
      backend: 'scalar-f64',
      run: () => [{ value: 0.5, bound: 1, relation: '>=' }],
    }).run(ctx);
    expect(ge.counterexample).toEqual({
      input: 'case 1 of 1',
      measured: { value: 0.5, bound: 1, relation: '>=', detail: null },
      mostSevere: { input: 'case 1 of 1', index: 0, measured: { value: 0.5, bound: 1, relation: '>=', detail: null } },
    });
  });
  test("a measurement with a tolerance: the worst case's reason is the check's reason", async () => {
    const o = await compute({
      name: 'c',
      backend: 'scalar-f64',
      toleranceReason: 'fallback',
      run: () => [
        { value: 0.1, tolerance: tol },
        { value: 0.2, tolerance: { bound: 1, reason: 'worst reason' } },
      ],
    }).run(ctx);
    expect(o).toMatchObject({ toleranceReason: 'worst reason', tolerance: 1, maxError: 0.2 });
  });
  test('no cases, a throw, a bad case, or a case outside the hypotheses is an error', async () => {
    const run = (r: ConstructorParameters<typeof Object>[0]) =>
      compute({ name: 'c', backend: 'scalar-f64', toleranceReason: 'r', run: r as never }).run(ctx);
    expect(await run(() => [])).toMatchObject({
      error: 'check produced no cases',
      cases: 0,
      passed: false,
      maxError: NaN,
    });
    expect(
      await run(() => {
        throw new Error('kaput');
      }),
    ).toMatchObject({ error: 'check threw: kaput', cases: 0 });
    expect(
      (
        await run(() => {
          throw 'plain';
        })
      ).error,
    ).toBe('check threw: plain');
    expect(await run(() => ({ value: NaN, bound: 1 }))).toMatchObject({ error: 'measured value is NaN', cases: 1 });
    expect(
      await run(() => [
        { value: 1, bound: 1 },
        { value: 1, bound: NaN },
      ]),
    ).toMatchObject({ error: 'case 2 of 2: bound is NaN', cases: 2 });
    expect(
      (
        await run(() => {
          pre(false, 'n must be even');
          return [];
        })
      ).error,
    ).toBe(
      "a case is outside the statement's hypotheses (pre failed: n must be even); pre skips only forAll cases — drop the case from compute's run",
    );
    expect(
      (
        await run(() => {
          fc.pre(false);
          return [];
        })
      ).error,
    ).toBe(
      "a case is outside the statement's hypotheses (pre failed); pre skips only forAll cases — drop the case from compute's run",
    );
  });
  test('sizes may depend on the context; a sizes function that fails costs the sizes, logged, never the verdict', async () => {
    logs.length = 0;
    const sized = (sizes: unknown) =>
      compute({ name: 'c', backend: 'scalar-f64', sizes: sizes as never, run: () => ({ value: 0, bound: 1 }) }).run(
        ctx,
      );
    expect((await sized((c: CheckContext) => (c.heavy ? [[4, 4]] : [[2, 2]]))).sizes).toEqual([[4, 4]]);
    expect(logs).toEqual([]);
    expect(await sized(() => 'big')).toMatchObject({ sizes: [], passed: true });
    expect(
      await sized(() => {
        throw new Error('no n');
      }),
    ).toMatchObject({ sizes: [], passed: true });
    expect(logs).toEqual([
      "c: sizes(ctx) returned a string ('big'), not [[rows, cols], …]; the verdict is unaffected",
      'c: sizes(ctx) threw (no n); the verdict is unaffected',
    ]);
  });
  test('series are built from the judged measurements; a failing builder costs the plot, logged', async () => {
    logs.length = 0;
    const seen: unknown[] = [];
    const ms = [{ value: 0.5, bound: 1 }];
    const plotted = await compute({
      name: 'c',
      backend: 'scalar-f64',
      run: () => ms,
      series: (m, c) => {
        seen.push(m, c);
        return [{ title: 'plot' }] as never;
      },
    }).run(ctx);
    expect(plotted.series).toEqual([{ title: 'plot' }]);
    expect(seen).toEqual([ms, ctx]);
    const broken = await compute({
      name: 'c',
      backend: 'scalar-f64',
      run: () => ms,
      series: () => {
        throw new Error('no axes');
      },
    }).run(ctx);
    expect(broken).toMatchObject({ passed: true });
    expect(broken).not.toHaveProperty('series');
    expect(logs).toEqual(['c: its plot could not be built (no axes); the verdict is unaffected']);
  });
  test('key and control: the control runs its own cases under a derived name, without key, control or series', async () => {
    const c = compute({
      name: 'c',
      key: 'ck',
      backend: 'scalar-f64',
      toleranceReason: 'r',
      inputs: ['x'],
      run: () => ({ value: 0, bound: 1 }),
      series: () => [],
      control: { description: 'doubled', inputs: ['y'], run: () => ({ value: 2, bound: 1 }) },
    });
    expect(c.key).toBe('ck');
    const ctl = c.control!;
    expect(ctl.description).toBe('doubled');
    expect(ctl.check.name).toBe('c [control: doubled]');
    expect(ctl.check.key).toBeUndefined();
    expect(ctl.check.control).toBeUndefined();
    const o = await ctl.check.run(ctx);
    expect(o).toMatchObject({ passed: false, counterexample: { input: 'y' } });
    expect(o).not.toHaveProperty('series');
    expect(compute({ name: 'plain', backend: 'scalar-f64', run: () => ({ value: 0, bound: 1 }) })).not.toHaveProperty(
      'key',
    );
  });
});

describe('forAll: random cases', () => {
  const ctx = (over: Partial<CheckContext> = {}): CheckContext => ({ seed: 42, heavy: false, log: () => {}, ...over });
  const ints = fc.integer({ min: 0, max: 50 });
  test('a holding property passes over numRuns cases and reports the case that came closest to failing', async () => {
    const o = await forAll({
      name: 'x ≤ 50',
      backend: 'scalar-f64',
      arbitrary: ints,
      numRuns: 40,
      toleranceReason: 'exact',
      measure: (x) => ({ value: x, bound: 50, detail: { x } }),
    }).run(ctx());
    expect(o).toMatchObject({
      name: 'x ≤ 50',
      backend: 'scalar-f64',
      cases: 40,
      passed: true,
      toleranceReason: 'exact',
      tolerance: 50,
      sizes: [],
    });
    expect(o.maxError).toBeLessThanOrEqual(50);
    expect(o.closest).toEqual({
      input: o.maxError,
      measured: { value: o.maxError, bound: 50, relation: '<=', detail: { x: o.maxError } },
    });
    expect(o).not.toHaveProperty('skipped');
    expect(o).not.toHaveProperty('counterexample');
    expect(o.ms).toBeGreaterThanOrEqual(0);
    expect(o.ms).toBeLessThan(60_000);
  });
  test('numRuns defaults to 100, and heavy mode to 4× numRuns or heavyRuns', async () => {
    const check = (extra: Record<string, unknown>) =>
      forAll({
        name: 'n',
        backend: 'scalar-f64',
        arbitrary: ints,
        toleranceReason: '',
        measure: () => ({ value: 0, bound: 1 }),
        ...extra,
      });
    expect((await check({}).run(ctx())).cases).toBe(100);
    expect((await check({}).run(ctx({ heavy: true }))).cases).toBe(400);
    expect((await check({ numRuns: 7 }).run(ctx({ heavy: true }))).cases).toBe(28);
    expect((await check({ numRuns: 7, heavyRuns: 9 }).run(ctx({ heavy: true }))).cases).toBe(9);
    expect((await check({ numRuns: 7, heavyRuns: 9 }).run(ctx())).cases).toBe(7);
  });
  test('a failing property: the shrunk counterexample, the most severe case seen, and a replay', async () => {
    const c = forAll({
      name: 'x < 10',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 1000 }),
      numRuns: 50,
      toleranceReason: 'exact',
      measure: (x) => ({ value: x, bound: 9 }),
    });
    const o = await c.run(ctx());
    expect(o.passed).toBe(false);
    const ce = o.counterexample as {
      input: number;
      measured: unknown;
      numShrinks: number;
      mostSevere: { input: number; measured: { value: number } };
    };
    expect(ce.input).toBe(10);
    expect(ce.measured).toEqual({ value: 10, bound: 9, relation: '<=', detail: null });
    expect(ce.numShrinks).toBeGreaterThan(0);
    expect(ce.mostSevere.input).toBeGreaterThan(10);
    expect(o.maxError).toBe(ce.mostSevere.input);
    expect(o.tolerance).toBe(9);
    expect(o.replay!.seed).toBe(42);
    expect(o.replay!.path).toMatch(/^\d+(:\d+)*$/);
    // Replaying the path measures the shrunk case directly.
    const again = await c.run(ctx({ replayPath: o.replay!.path }));
    expect((again.counterexample as { input: number }).input).toBe(10);
    expect(again.cases).toBeLessThan(o.cases);
  });
  test("the shrunk case carries its detail, or else the last failing case's", async () => {
    const withDetail = await forAll({
      name: 'd',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 100 }),
      numRuns: 30,
      toleranceReason: '',
      measure: (x) => ({ value: x, bound: 5, detail: `x=${x}` }),
    }).run(ctx());
    expect((withDetail.counterexample as { measured: { detail: unknown } }).measured.detail).toBe('x=6');
  });
  test('a documented ∞ is reported as the worst value with its reason', async () => {
    const o = await forAll({
      name: 'inv',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 3 }),
      numRuns: 20,
      toleranceReason: '',
      measure: (x) =>
        x === 0 ? { value: Infinity, bound: 1, infinite: 'x = 0 has no inverse' } : { value: 0, bound: 1 },
    }).run(ctx());
    expect(o).toMatchObject({ passed: false, maxError: Infinity, infinite: 'x = 0 has no inverse' });
    expect((o.counterexample as { measured: unknown }).measured).toEqual({
      value: Infinity,
      bound: 1,
      relation: '<=',
      detail: null,
      infinite: 'x = 0 has no inverse',
    });
  });
  test("a measurement with a tolerance reports the worst case's reason", async () => {
    const o = await forAll({
      name: 't',
      backend: 'scalar-f64',
      arbitrary: ints,
      numRuns: 10,
      measure: (x) => ({ value: x, tolerance: { bound: 100, reason: 'because' } }),
    }).run(ctx());
    expect(o).toMatchObject({ passed: true, toleranceReason: 'because', tolerance: 100 });
    const f = await forAll({
      name: 't',
      backend: 'scalar-f64',
      arbitrary: ints,
      numRuns: 10,
      toleranceReason: 'opt',
      measure: (x) => ({ value: x + 1, tolerance: { bound: 0.5, reason: 'tight' } }),
    }).run(ctx());
    expect(f).toMatchObject({ passed: false, toleranceReason: 'tight', tolerance: 0.5 });
  });
  test('a throwing measure or a malformed measurement is an error at that input, never a fail', async () => {
    const thrower = await forAll({
      name: 't',
      backend: 'scalar-f64',
      arbitrary: ints,
      toleranceReason: '',
      measure: () => {
        throw new Error('kaput');
      },
    }).run(ctx());
    expect(thrower).toMatchObject({
      passed: false,
      error: 'measure threw: kaput',
      maxError: NaN,
      tolerance: NaN,
      cases: 0,
    });
    expect(thrower.counterexample).toHaveProperty('input');
    const stringThrower = await forAll({
      name: 't',
      backend: 'scalar-f64',
      arbitrary: ints,
      toleranceReason: '',
      measure: () => {
        throw 'plain';
      },
    }).run(ctx());
    expect(stringThrower.error).toBe('measure threw: plain');
    const nan = await forAll({
      name: 'n',
      backend: 'scalar-f64',
      arbitrary: ints,
      toleranceReason: '',
      measure: (x) => ({ value: x > 20 ? NaN : 0, bound: 1 }),
    }).run(ctx());
    expect(nan).toMatchObject({ passed: false, error: 'measured value is NaN' });
    expect((nan.counterexample as { input: number }).input).toBeGreaterThan(20);
  });
  test('a show that throws does not hide the error it was showing', async () => {
    const o = await forAll({
      name: 't',
      backend: 'scalar-f64',
      arbitrary: ints,
      toleranceReason: '',
      show: () => {
        throw new Error('cannot print');
      },
      measure: () => {
        throw new Error('kaput');
      },
    }).run(ctx());
    expect(o).toMatchObject({ error: 'measure threw: kaput', counterexample: { input: '(show threw: cannot print)' } });
    const plain = await forAll({
      name: 't',
      backend: 'scalar-f64',
      arbitrary: ints,
      toleranceReason: '',
      show: () => {
        throw 'plain';
      },
      measure: () => {
        throw new Error('k');
      },
    }).run(ctx());
    expect(plain.counterexample).toEqual({ input: '(show threw: plain)' });
  });
  test('sizes and show: as given, or the MatrixCase defaults, or none', async () => {
    const sized = await forAll({
      name: 's',
      backend: 'scalar-f64',
      arbitrary: fc.constantFrom(2, 3),
      numRuns: 20,
      toleranceReason: '',
      size: (n) => [n, n + 1],
      show: (n) => `n=${n}`,
      measure: () => ({ value: 0, bound: 1 }),
    }).run(ctx());
    expect(sized.sizes.sort()).toEqual([
      [2, 3],
      [3, 4],
    ]);
    expect((sized.closest as { input: string }).input).toMatch(/^n=[23]$/);
    const mc = { kind: 'integer', rows: 2, cols: 3, entries: [1, 2, 3, 4, 5, 6] };
    const matrix = await forAll({
      name: 'm',
      backend: 'scalar-f64',
      arbitrary: fc.constant(mc),
      numRuns: 3,
      toleranceReason: '',
      measure: () => ({ value: 0, bound: 1 }),
    }).run(ctx());
    expect(matrix.sizes).toEqual([[2, 3]]);
    expect((matrix.closest as { input: unknown }).input).not.toBe(mc);
    const plain = await forAll({
      name: 'p',
      backend: 'scalar-f64',
      arbitrary: fc.constant({ a: 1 }),
      numRuns: 3,
      toleranceReason: '',
      measure: () => ({ value: 0, bound: 1 }),
    }).run(ctx());
    expect(plain.sizes).toEqual([]);
    expect((plain.closest as { input: unknown }).input).toEqual({ a: 1 });
  });
  test('isMatrixCase recognises matrices() cases by their shape', () => {
    const mc = { kind: 'integer', rows: 2, cols: 3, entries: [] as number[] };
    expect(isMatrixCase(mc)).toBe(true);
    expect(isMatrixCase({ ...mc, kind: 'spectral' })).toBe(true);
    for (const bad of [
      null,
      1,
      [mc],
      { ...mc, kind: 'other' },
      { ...mc, rows: 1.5 },
      { ...mc, cols: '3' },
      { ...mc, entries: 'x' },
    ])
      expect(isMatrixCase(bad), JSON.stringify(bad)).toBe(false);
  });
  test('measuredCase records a measurement with its bound, relation and detail (null when none)', () => {
    expect(measuredCase({ value: 1, bound: 2 })).toStrictEqual({ value: 1, bound: 2, relation: '<=', detail: null });
    expect(measuredCase({ value: 3, tolerance: { bound: 2, reason: 'r' }, relation: '>=', detail: 'd' })).toEqual({
      value: 3,
      bound: 2,
      relation: '>=',
      detail: 'd',
    });
    expect(measuredCase({ value: Infinity, bound: 2, infinite: 'why' })).toEqual({
      value: Infinity,
      bound: 2,
      relation: '<=',
      detail: null,
      infinite: 'why',
    });
  });
  test('pre: skipped cases are counted with their reasons (at most MAX_SKIP_REASONS distinct ones)', async () => {
    expect(MAX_SKIP_REASONS).toBe(5);
    expect(() => pre(true, ' ')).toThrow(
      new TypeError('pre(condition, why): say which hypothesis a skipped case is outside of (why is empty)'),
    );
    expect(() => pre(true, 'fine')).not.toThrow();
    const e = new OutsideHypotheses('x is odd');
    expect(e).toMatchObject({
      why: 'x is odd',
      name: 'OutsideHypotheses',
      message: "case outside the statement's hypotheses: x is odd",
    });
    expect(fc.PreconditionFailure.isFailure(e)).toBe(true);
    const many = await forAll({
      name: 'm',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 99 }),
      numRuns: 30,
      toleranceReason: '',
      measure: (x) => {
        pre(x % 10 === 0, `last digit ${x % 10}`);
        return { value: 0, bound: 1 };
      },
    }).run(ctx());
    expect(many.passed).toBe(true);
    expect(many.skipped).toBeGreaterThan(0);
    expect(many.skipReasons).toHaveLength(5);
    expect(new Set(many.skipReasons).size).toBe(5);
  });
  test('when fast-check gives up on the hypotheses, the message says how many cases held', async () => {
    const none = await forAll({
      name: 'n',
      backend: 'scalar-f64',
      arbitrary: ints,
      numRuns: 4,
      maxSkipsPerRun: 1,
      toleranceReason: '',
      measure: () => {
        pre(false, 'never');
        return { value: 0, bound: 1 };
      },
    }).run(ctx());
    expect(none.error).toMatch(
      /^the hypothesis held in none of \d+ generated cases: every case was skipped \('never'\), and fast-check gave up; generate inputs that satisfy the hypotheses \(in the arbitrary\) rather than skipping them$/,
    );
    expect(none).toMatchObject({ passed: false, skipReasons: ['never'] });
    let n = 0;
    const few = await forAll({
      name: 'f',
      backend: 'scalar-f64',
      arbitrary: ints,
      numRuns: 20,
      maxSkipsPerRun: 1,
      toleranceReason: '',
      measure: () => {
        n++;
        fc.pre(n <= 2);
        return { value: 0, bound: 1 };
      },
    }).run(ctx());
    expect(few.error).toMatch(
      /^the hypothesis held in only 2 of \d+ generated cases \(\d+ skipped \('fc\.pre\(false\) \(no reason given: use pre\(condition, why\)\)'\)\); fast-check gave up before the 20 runs asked for; generate inputs/,
    );
  });
  test('no case measured at all is an error, not a vacuous pass', async () => {
    const o = await forAll({
      name: 'z',
      backend: 'scalar-f64',
      arbitrary: ints,
      numRuns: 0,
      toleranceReason: '',
      measure: () => ({ value: 0, bound: 1 }),
    }).run(ctx());
    expect(o).toMatchObject({
      passed: false,
      cases: 0,
      error: "forAll option 'numRuns' must be an integer ≥ 1, got 0",
    });
  });
  test('re-measuring the shrunk counterexample must give the same verdict, or the check errors', async () => {
    let calls = 0;
    const flips = await forAll({
      name: 'f',
      backend: 'scalar-f64',
      arbitrary: ints,
      numRuns: 5,
      toleranceReason: '',
      measure: () => ({ value: calls++ === 0 ? 2 : 0, bound: 1 }),
    }).run(ctx());
    expect(flips.error).toBe('the shrunk counterexample holds when measured again (the measure is not deterministic)');
    expect(flips.counterexample).toEqual({ input: expect.any(Number) });
    let k = 0;
    const throwsLater = await forAll({
      name: 't',
      backend: 'scalar-f64',
      arbitrary: fc.constant(5),
      numRuns: 1,
      toleranceReason: '',
      measure: () => {
        if (k++ > 0) throw new Error('second time');
        return { value: 2, bound: 1 };
      },
    }).run(ctx());
    expect(throwsLater).toMatchObject({
      error: 'measure threw when re-measuring the shrunk counterexample: second time',
      counterexample: { input: 5 },
    });
    let j = 0;
    const nanLater = await forAll({
      name: 'n',
      backend: 'scalar-f64',
      arbitrary: fc.constant(5),
      numRuns: 1,
      toleranceReason: '',
      measure: () => ({ value: j++ > 0 ? NaN : 2, bound: 1 }),
    }).run(ctx());
    expect(nanLater.error).toBe('re-measuring the shrunk counterexample: measured value is NaN');
    expect(nanLater.counterexample).toEqual({ input: 5 });
    let p = 0;
    const outsideLater = await forAll({
      name: 'o',
      backend: 'scalar-f64',
      arbitrary: fc.constant(5),
      numRuns: 1,
      toleranceReason: '',
      measure: () => {
        pre(p++ === 0, 'only once');
        return { value: 2, bound: 1 };
      },
    }).run(ctx());
    expect(outsideLater.error).toBe(
      're-measuring the shrunk counterexample: it is now outside the hypotheses (pre failed; the measure is not deterministic)',
    );
  });
  test('key and control: the control keeps what it does not replace, under a derived name, without a key', async () => {
    const measure = (x: number) => ({ value: x, bound: 100 });
    const c = forAll({
      name: 'c',
      key: 'ck',
      backend: 'scalar-f64',
      arbitrary: ints,
      numRuns: 10,
      toleranceReason: '',
      measure,
      control: { description: 'shifted', measure: (x) => ({ value: x + 100, bound: 100 }) },
    });
    expect(c.key).toBe('ck');
    expect(c.control!.check).toMatchObject({ name: 'c [control: shifted]' });
    expect(c.control!.check.key).toBeUndefined();
    expect(c.control!.check.control).toBeUndefined();
    expect((await c.control!.check.run(ctx())).passed).toBe(false);
    const byInput = forAll({
      name: 'i',
      backend: 'scalar-f64',
      arbitrary: ints,
      numRuns: 10,
      toleranceReason: '',
      measure,
      control: { description: 'big', arbitrary: fc.constant(500) },
    });
    expect((await byInput.control!.check.run(ctx())).passed).toBe(false);
    expect(forAll({ name: 'plain', backend: 'scalar-f64', arbitrary: ints, measure })).not.toHaveProperty('key');
    expect(() =>
      forAll({ name: 'x', backend: 'scalar-f64', arbitrary: ints, measure, control: { description: 'nothing' } }),
    ).toThrow("forAll 'x': control 'nothing' replaces neither 'measure' nor 'arbitrary'");
  });
});

describe('runClaim: groups, power, verdict and evidence', () => {
  const root = mkdtempSync(join(tmpdir(), 'engine-runclaim-'));
  const paths = suitePaths(root);
  mkdirSync(paths.claimsDir, { recursive: true });
  mkdirSync(join(root, 'sources'), { recursive: true });
  writeFileSync(join(root, 'sources', 'doc.txt'), '');
  function claim(id: string, lines: string[] = []): void {
    writeFileSync(
      join(paths.claimsDir, `${id}.md`),
      [
        '---',
        `id: ${id}`,
        'title: T',
        'source: { document: doc.txt, locator: L }',
        "statement: 'S'",
        "reading: 'R'",
        'expected: pass',
        ...lines,
        '---',
        '',
      ].join('\n'),
    );
  }
  const logs: string[] = [];
  const opts = {
    paths,
    seed: 5,
    heavy: false,
    log: (m: string) => {
      logs.push(m);
    },
  };
  /** value ≤ 1 holds iff value ≤ 1; a control with value 2 fails. */
  const at = (name: string, value: number, extra: Partial<Parameters<typeof compute>[0]> = {}) =>
    compute({ name, backend: 'scalar-f64', toleranceReason: 'exact', run: () => ({ value, bound: 1 }), ...extra });
  const guarded = (name: string, value: number) =>
    at(name, value, { control: { description: `${name} doubled`, run: () => ({ value: 2, bound: 1 }) } });
  const nan = (name: string) => at(name, NaN);

  test('a pass: each group is logged, the powerful check carries its control, no error', async () => {
    claim('e-pass', ['steps:', "  - statement: 'a'"]);
    logs.length = 0;
    const r = await runClaim('e-pass', { checks: [guarded('h', 0.5)], steps: [step('numeric', at('s', 0.2))] }, opts);
    expect(r).toMatchObject({
      verdict: 'pass',
      headlineVerdict: 'pass',
      error: null,
      counterexample: null,
      replay: null,
      corrected: null,
      firstBrokenStep: null,
      expected: 'pass',
      dependsOn: [],
    });
    expect(r.files).toEqual({
      claim: join(paths.claimsDir, 'e-pass.md'),
      property: join(paths.propertiesDir, 'e-pass.property.ts'),
    });
    expect(r.checks[0]).toMatchObject({
      power: 'control-refuted',
      powerDetail: "control 'h doubled' failed, as it must",
      control: { description: 'h doubled', source: 'explicit', outcome: 'refuted' },
    });
    expect(r.checks[0].control!.detail).toMatch(
      /^FAILS \[h \[control: h doubled\]; scalar-f64; 1 cases\]: worst 2 vs bound 1/,
    );
    expect(r.steps).toEqual([
      {
        index: 1,
        statement: 'a',
        verdict: 'pass',
        method: 'numeric',
        detail: 'holds [s; scalar-f64; 1 cases]: worst 0.2 vs bound 1 (exact)',
      },
    ]);
    expect(logs.map((l) => l.replace(/\d+ ms/, 'N ms'))).toEqual([
      "[e-pass] check 'h': holds (1 cases, N ms)",
      "[e-pass] control of 'h' ('h doubled'): refuted",
      "[e-pass] step 1 's': holds (1 cases, N ms)",
    ]);
    expect(r.ms).toBeGreaterThanOrEqual(0);
    expect(r.ms).toBeLessThan(60_000);
  });
  test('a control that holds or errors leaves its check powerless, with the reason; all powerless is an error', async () => {
    claim('e-held');
    logs.length = 0;
    const held = at('h', 0.5, { control: { description: 'still true', run: () => ({ value: 0.9, bound: 1 }) } });
    const erring = at('e', 0.5, { control: { description: 'broken', run: () => ({ value: NaN, bound: 1 }) } });
    const r = await runClaim('e-held', { checks: [held, erring] }, opts);
    expect(r.verdict).toBe('error');
    expect(r.headlineVerdict).toBe('pass');
    expect(r.checks[0]).toMatchObject({
      power: 'powerless',
      powerDetail: "control 'still true' held",
      control: { outcome: 'held', source: 'explicit' },
    });
    expect(r.checks[1]).toMatchObject({
      power: 'powerless',
      powerDetail: "control 'broken' errored: measured value is NaN",
      control: { outcome: 'error', detail: 'error: measured value is NaN' },
    });
    expect(r.error).toBe(
      `${r.files!.property}: every headline check is powerless (a pass no check could have failed is no evidence): 'h' — control 'still true' held, 'e' — control 'broken' errored: measured value is NaN`,
    );
    expect(logs).toContain("[e-held] control of 'e' ('broken'): error — measured value is NaN");
    expect(logs).toContain("[e-held] control of 'h' ('still true'): held");
  });
  test('a failing headline shows its power by failing and carries the evidence and replay (with the key)', async () => {
    writeFileSync(
      join(paths.claimsDir, 'e-fail.md'),
      [
        '---',
        'id: e-fail',
        'title: T',
        'source: { document: doc.txt, locator: L }',
        "statement: 'S'",
        "reading: 'R'",
        'expected: fail',
        "corrected: 'C'",
        "failure: { kind: substance, summary: 'wrong' }",
        '---',
        '',
      ].join('\n'),
    );
    const failing = forAll({
      name: 'x < 10',
      key: 'xk',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 100 }),
      numRuns: 30,
      toleranceReason: 'exact',
      measure: (x) => ({ value: x, bound: 9 }),
    });
    const r = await runClaim('e-fail', withTriage({ checks: [failing], corrected: [guarded('c', 0)] }), opts);
    expect(r).toMatchObject({
      verdict: 'fail',
      headlineVerdict: 'fail',
      error: null,
      counterexample: { check: 'x < 10', input: 10 },
    });
    expect(r.checks[0]).toMatchObject({
      power: 'shown-by-failure',
      control: null,
      powerDetail: 'the check itself failed',
      key: 'xk',
    });
    expect(r.replay).toMatchObject({ check: 'x < 10', key: 'xk', seed: deriveSeed(5, 'e-fail', 'headline', 'xk') });
    expect(r.corrected).toMatchObject({ statement: 'C', verdict: 'pass' });
    expect(r.corrected!.checks).toHaveLength(1);
  });
  test('errors anywhere make an error, each named by group; a failing headline still keeps its evidence', async () => {
    writeFileSync(
      join(paths.claimsDir, 'e-errs.md'),
      [
        '---',
        'id: e-errs',
        'title: T',
        'source: { document: doc.txt, locator: L }',
        "statement: 'S'",
        "reading: 'R'",
        'expected: fail',
        "corrected: 'C'",
        "failure: { kind: substance, summary: 'wrong' }",
        'steps:',
        "  - statement: 'a'",
        "  - statement: 'b'",
        '---',
        '',
      ].join('\n'),
    );
    logs.length = 0;
    const r = await runClaim(
      'e-errs',
      withTriage({
        checks: [at('bad', 3)],
        steps: [step('numeric', at('s1', 0)), step('numeric', nan('s2'))],
        corrected: [nan('c1')],
      }),
      opts,
    );
    expect(r.verdict).toBe('error');
    expect(r.headlineVerdict).toBe('fail');
    expect(r.error).toBe(
      `${r.files!.property}: step 2 's2': measured value is NaN; corrected 'c1': measured value is NaN`,
    );
    expect(r.counterexample).toMatchObject({ check: 'bad', input: 'case 1 of 1' });
    expect(r.steps.map((x) => x.verdict)).toEqual(['pass', 'error']);
    expect(r.steps[1].detail).toBe('error: measured value is NaN');
    expect(r.corrected).toMatchObject({ verdict: 'error' });
    expect(logs.some((l) => /^\[e-errs\] step 2 's2': ERROR measured value is NaN \(1 cases, \d+ ms\)$/.test(l))).toBe(
      true,
    );
    expect(logs.some((l) => /^\[e-errs\] check 'bad': FAILS \(1 cases, \d+ ms\)$/.test(l))).toBe(true);
    expect(logs.some((l) => /^\[e-errs\] corrected 'c1': ERROR /.test(l))).toBe(true);
  });
  test('an erroring headline check gets no power; an error elsewhere is not joined by a powerless note', async () => {
    claim('e-mixed', ['steps:', "  - statement: 'a'"]);
    const r = await runClaim('e-mixed', { checks: [at('plain', 0.5)], steps: [step('numeric', nan('s'))] }, opts);
    expect(r.error).toBe(`${r.files!.property}: step 1 's': measured value is NaN`);
    claim('e-herr');
    const h = await runClaim('e-herr', { checks: [nan('n'), at('f', 3)] }, opts);
    expect(h.checks[0]).not.toHaveProperty('power');
    expect(h.checks[1].power).toBe('shown-by-failure');
    expect(h.headlineVerdict).toBe('error');
    // The headline itself errored: there is no refutation to report.
    expect(h.counterexample).toBeNull();
    expect(h.error).toBe(`${h.files!.property}: check 'n': measured value is NaN`);
  });
  test('a broken step keeps the input it broke at, and is the first broken step', async () => {
    claim('e-step', ['steps:', "  - statement: 'a'", "  - statement: 'b'", "  - statement: 'c'"]);
    const r = await runClaim(
      'e-step',
      {
        checks: [guarded('h', 0)],
        steps: [
          step('numeric', at('s1', 0)),
          step('symbolic', at('s2', 3, { inputs: ['here'] })),
          step('both', at('s3', 5)),
        ],
      },
      opts,
    );
    expect(r.verdict).toBe('pass');
    expect(r.firstBrokenStep).toBe(2);
    expect(r.steps[1]).toMatchObject({ verdict: 'fail', method: 'symbolic', counterexample: { input: 'here' } });
    expect(r.steps[0]).not.toHaveProperty('counterexample');
  });
  test('a corrected statement without corrected checks is unchecked; corrected checks without a statement are an error', async () => {
    claim('e-corr', ["corrected: 'C'"]);
    const r = await runClaim('e-corr', { checks: [guarded('h', 0)] }, opts);
    expect(r.corrected).toEqual({ statement: 'C', verdict: 'unchecked' });
    claim('e-nocorr');
    const n = await runClaim('e-nocorr', { checks: [guarded('h', 0)], corrected: [guarded('c', 0)] }, opts);
    expect(n.error).toBe(
      `${n.files!.property} has 'corrected' checks but ${n.files!.claim} has no 'corrected' statement for them to check`,
    );
    expect(n).toMatchObject({
      verdict: 'error',
      title: 'T',
      statement: 'S',
      reading: 'R',
      expected: 'pass',
      source: { document: 'doc.txt', locator: 'L' },
    });
  });
  test('claim-file problems are errors naming the files; dependsOn is checked only against known ids', async () => {
    const unknown = await runClaim('e-none', { checks: [] }, opts);
    expect(unknown).toMatchObject({
      verdict: 'error',
      files: { claim: null, property: join(paths.propertiesDir, 'e-none.property.ts') },
    });
    expect(unknown.error).toBe(
      `unknown claim id 'e-none': ${join(paths.propertiesDir, 'e-none.property.ts')} exists but there is no claim file ${join(paths.claimsDir, 'e-none.md')}`,
    );
    writeFileSync(join(paths.claimsDir, 'e-bad.md'), 'no front matter');
    const bad = await runClaim('e-bad', { checks: [] }, opts);
    expect(bad).toMatchObject({
      verdict: 'error',
      files: { claim: join(paths.claimsDir, 'e-bad.md'), property: join(paths.propertiesDir, 'e-bad.property.ts') },
    });
    expect(bad.error).toMatch(/no YAML front matter/);
    claim('e-deps', ['dependsOn: [e-a, e-b, e-c]']);
    const deps = await runClaim('e-deps', { checks: [guarded('h', 0)] }, { ...opts, knownIds: new Set(['e-b']) });
    expect(deps.error).toBe(`${deps.files!.claim}: field 'dependsOn' names unknown claim id(s) e-a, e-c`);
    expect(deps.dependsOn).toEqual(['e-a', 'e-b', 'e-c']);
    const free = await runClaim('e-deps', { checks: [guarded('h', 0)] }, opts);
    expect(free).toMatchObject({ verdict: 'pass', dependsOn: ['e-a', 'e-b', 'e-c'] });
    const spec = await runClaim('e-deps', { checks: [] }, opts);
    expect(spec.error).toBe(`${spec.files!.property}: no checks for the headline statement`);
    expect(spec.dependsOn).toEqual(['e-a', 'e-b', 'e-c']);
  });
  test('mutants serve as controls in declared order; the first refuting one is recorded', async () => {
    claim('e-mut');
    logs.length = 0;
    const checks = (p: { v: number }) => [at('v ≤ 1', p.v)];
    const base = { parts: { v: 0.5 }, checks };
    const r = await runClaim(
      'e-mut',
      {
        ...base,
        mutants: [
          { name: 'eq', parts: { v: 0.6 }, equivalent: 'same side' },
          { name: 'small', parts: { v: 0.9 } },
          { name: 'nan', parts: { v: NaN } },
          { name: 'big', parts: { v: 3 } },
          { name: 'bigger', parts: { v: 4 } },
        ],
      },
      opts,
    );
    expect(r.verdict).toBe('pass');
    expect(r.checks[0]).toMatchObject({
      power: 'control-refuted',
      powerDetail: "mutant 'big' fails this check",
      control: { description: 'big', source: 'mutant', outcome: 'refuted' },
    });
    expect(r.checks[0].control!.detail).toMatch(/^FAILS \[v ≤ 1; scalar-f64; 1 cases\]: worst 3 vs bound 1/);
    expect(logs).toEqual(
      expect.arrayContaining([
        "[e-mut] control of 'v ≤ 1' (mutant 'small'): held",
        "[e-mut] control of 'v ≤ 1' (mutant 'nan'): error — measured value is NaN",
        "[e-mut] control of 'v ≤ 1' (mutant 'big'): refuted",
      ]),
    );
    expect(logs.some((l) => l.includes("(mutant 'bigger')"))).toBe(false);
    expect(logs.some((l) => l.includes("(mutant 'eq')"))).toBe(false);
  });
  test('when no mutant refutes a check, the control lists what each did', async () => {
    claim('e-nomut');
    const checks = (p: { v: number }) => [at('v ≤ 1', p.v)];
    const heldAndErr = await runClaim(
      'e-nomut',
      {
        parts: { v: 0.5 },
        checks,
        mutants: [
          { name: 'a', parts: { v: 0.9 } },
          { name: 'b', parts: { v: NaN } },
        ],
      },
      opts,
    );
    expect(heldAndErr.checks[0]).toMatchObject({
      power: 'powerless',
      powerDetail: "no mutant refuted it: 'a' held, 'b' errored (measured value is NaN)",
      control: {
        description: 'a, b',
        source: 'mutant',
        outcome: 'held',
        detail: "no mutant refuted it: 'a' held, 'b' errored (measured value is NaN)",
      },
    });
    const onlyErr = await runClaim(
      'e-nomut',
      { parts: { v: 0.5 }, checks, mutants: [{ name: 'b', parts: { v: NaN } }] },
      opts,
    );
    expect(onlyErr.checks[0].control).toMatchObject({ outcome: 'error' });
    const allEq = await runClaim(
      'e-nomut',
      { parts: { v: 0.5 }, checks, mutants: [{ name: 'e', parts: { v: 0.6 }, equivalent: 'same' }] },
      opts,
    );
    expect(allEq.checks[0]).toMatchObject({
      power: 'powerless',
      control: null,
      powerDetail: 'no negative control declared (every mutant is marked equivalent)',
    });
    const none = await runClaim('e-nomut', { parts: { v: 0.5 }, checks }, opts);
    expect(none.checks[0]).toMatchObject({
      power: 'powerless',
      control: null,
      powerDetail: 'no negative control declared',
    });
  });
  test('control and mutant seeds derive from the check key and the mutant key', async () => {
    claim('e-seeds');
    const seen: Record<string, number[]> = {};
    const rec = (tag: string, value: number): Check => ({
      name: tag,
      key: `${tag}-key`,
      backend: 'scalar-f64',
      async run(ctx) {
        (seen[tag] ??= []).push(ctx.seed);
        return await at(tag, value).run(ctx);
      },
    });
    const withCtl = withControl(rec('h', 0), 'ctl', rec('ctl', 2));
    await runClaim('e-seeds', { checks: [withCtl] }, opts);
    expect(seen.h).toEqual([deriveSeed(5, 'e-seeds', 'headline', 'h-key')]);
    expect(seen.ctl).toEqual([deriveSeed(5, 'e-seeds', 'control', 'h-key')]);
    const mutant = await runClaim(
      'e-seeds',
      {
        parts: { v: 0 },
        checks: (p: { v: number }) => [rec(p.v === 0 ? 'm0' : 'm1', p.v)],
        mutants: [{ name: 'v → 2', key: 'vk', parts: { v: 2 } }],
      },
      opts,
    );
    expect(mutant.checks[0].power).toBe('control-refuted');
    expect(seen.m1).toEqual([deriveSeed(5, 'e-seeds', 'mutant', 'vk', 'm0-key')]);
  });
});

describe('runMutants', () => {
  const opts = { paths: suitePaths(mkdtempSync(join(tmpdir(), 'engine-mutants-'))), seed: 3, heavy: false };
  const at = (name: string, value: number) =>
    compute({ name, backend: 'scalar-f64', toleranceReason: 'exact', run: () => ({ value, bound: 1 }) });
  test('each mutant is killed by the first check that refutes it, survives, errors, or is equivalent', async () => {
    const logs: string[] = [];
    const checks = (p: { a: number; b: number }) => [at('a ≤ 1', p.a), at('b ≤ 1', p.b)];
    const out = await runMutants(
      'm-1',
      {
        parts: { a: 0, b: 0 },
        checks,
        mutants: [
          { name: 'b big', parts: { b: 5 } },
          { name: 'both big', parts: { a: 5, b: 5 } },
          { name: 'small', parts: { a: 0.5 } },
          { name: 'nan', parts: { a: NaN } },
          { name: 'nan then fail', parts: { a: NaN, b: 5 } },
          { name: 'eq', parts: { a: 0.1 }, equivalent: 'still ≤ 1' },
        ],
      },
      { ...opts, log: (m) => logs.push(m) },
    );
    expect(out.map((m) => [m.mutation, m.status, m.by])).toEqual([
      ['b big', 'killed', 'b ≤ 1'],
      ['both big', 'killed', 'a ≤ 1'],
      ['small', 'survived', undefined],
      ['nan', 'error', undefined],
      ['nan then fail', 'killed', 'b ≤ 1'],
      ['eq', 'equivalent', undefined],
    ]);
    expect(out.every((m) => m.claim === 'm-1')).toBe(true);
    expect(out[0].why).toBe(
      'FAILS [b ≤ 1; scalar-f64; 1 cases]: worst 5 vs bound 1 (exact); counterexample {"input":"case 1 of 1","measured":{"value":5,"bound":1,"relation":"<=","detail":null},"mostSevere":{"input":"case 1 of 1","index":0,"measured":{"value":5,"bound":1,"relation":"<=","detail":null}}}',
    );
    expect(out[2].why).toBe("every headline check held: 'a ≤ 1', 'b ≤ 1'");
    expect(out[3].why).toBe("no check refuted it and 1 errored: 'a ≤ 1': measured value is NaN");
    expect(out[5].why).toBe('still ≤ 1');
    expect(logs).toEqual([
      "[m-1] mutant 'b big': killed by 'b ≤ 1'",
      "[m-1] mutant 'both big': killed by 'a ≤ 1'",
      "[m-1] mutant 'small': survived",
      "[m-1] mutant 'nan': error",
      "[m-1] mutant 'nan then fail': killed by 'b ≤ 1'",
    ]);
  });
  test('two erroring checks are both listed', async () => {
    const checks = (p: { a: number }) => [at('x', p.a), at('y', p.a)];
    const [m] = await runMutants(
      'm-2',
      { parts: { a: 0 }, checks, mutants: [{ name: 'nan', parts: { a: NaN } }] },
      opts,
    );
    expect(m.why).toBe("no check refuted it and 2 errored: 'x': measured value is NaN; 'y': measured value is NaN");
  });
  test('a spec that cannot be resolved: one error per declared mutant (named, or by position), or one for the claim', async () => {
    const bad = {
      parts: { a: 0 },
      checks: () => {
        throw new Error('no checks');
      },
      mutants: [{ name: 'm', parts: { a: 1 } }, { parts: { a: 2 } }, { name: ' ', parts: {} }, null],
    };
    const out = await runMutants('m-3', bad as unknown as ClaimSpec, opts);
    expect(out.map((m) => [m.mutation, m.status])).toEqual([
      ['m', 'error'],
      ['mutants[1]', 'error'],
      ['mutants[2]', 'error'],
      ['mutants[3]', 'error'],
    ]);
    expect(out[0].why).toMatch(/m-3\.property\.ts: checks\(parts\) threw: no checks$/);
    expect(out.every((m) => m.claim === 'm-3')).toBe(true);
    const listless = await runMutants(
      'm-4',
      { parts: { a: 0 }, checks: () => [], mutants: 'x' } as unknown as ClaimSpec,
      opts,
    );
    expect(listless).toEqual([
      { claim: 'm-4', mutation: '(mutants)', status: 'error', why: expect.stringMatching(/m-4\.property\.ts: /) },
    ]);
    const emptyList = await runMutants(
      'm-4',
      { parts: { a: 0 }, checks: () => [], mutants: [] } as unknown as ClaimSpec,
      opts,
    );
    expect(emptyList).toEqual([
      {
        claim: 'm-4',
        mutation: '(mutants)',
        status: 'error',
        why: expect.stringMatching(/no checks for the headline statement/),
      },
    ]);
    expect(await runMutants('m-5', { checks: 'x' } as unknown as ClaimSpec, opts)).toEqual([]);
    expect(await runMutants('m-5', null as unknown as ClaimSpec, opts)).toEqual([]);
  });
  test('mutant seeds: (mutant key, check key)', async () => {
    const seeds: number[] = [];
    const checks = (p: { a: number }): Check[] => [
      {
        name: 'c',
        key: 'ck',
        backend: 'scalar-f64',
        async run(ctx) {
          if (p.a) seeds.push(ctx.seed);
          return at('c', p.a).run(ctx);
        },
      },
    ];
    await runMutants(
      'm-6',
      { parts: { a: 0 }, checks, mutants: [{ name: 'shown', key: 'mk', parts: { a: 2 } }] },
      opts,
    );
    expect(seeds).toEqual([deriveSeed(3, 'm-6', 'mutant', 'mk', 'ck')]);
  });
});

describe('matrixResidual', () => {
  const tol = { bound: 1e-12, reason: 'r' };
  test('the relative Frobenius residual ‖L − R‖_F / ‖R‖_F against the tolerance', () => {
    const m = matrixResidual(
      () =>
        new Matrix([
          [1, 2],
          [3, 5],
        ]),
      () =>
        new Matrix([
          [1, 2],
          [3, 4],
        ]),
      tol,
    );
    expect(m).toEqual({ value: 1 / Math.sqrt(30), tolerance: tol, detail: { relativeResidual: 1 / Math.sqrt(30) } });
    expect(
      matrixResidual(
        () => Matrix.eye(2),
        () => Matrix.eye(2),
        tol,
      ).value,
    ).toBe(0);
  });
  test('a zero right-hand side divides by the smallest positive number instead of zero', () => {
    expect(
      matrixResidual(
        () => Matrix.zeros(2, 2),
        () => Matrix.zeros(2, 2),
        tol,
      ).value,
    ).toBe(0);
    const tiny = matrixResidual(
      () => new Matrix([[1e-160]]),
      () => Matrix.zeros(1, 1),
      tol,
    ).value;
    expect(Number.isFinite(tiny)).toBe(true);
    expect(tiny).toBeGreaterThan(1e160);
  });
  test('shapes that differ refute with a documented ∞', () => {
    expect(
      matrixResidual(
        () => Matrix.eye(2),
        () => Matrix.zeros(2, 3),
        tol,
      ),
    ).toEqual({
      value: Infinity,
      tolerance: tol,
      infinite: 'shapes differ: 2×2 vs 2×3',
      detail: { reason: 'shapes differ: 2×2 vs 2×3' },
    });
    expect(
      matrixResidual(
        () => Matrix.zeros(3, 2),
        () => Matrix.zeros(2, 2),
        tol,
      ).infinite,
    ).toBe('shapes differ: 3×2 vs 2×2');
  });
  test('a missing inverse on either side refutes with its reason; other errors propagate', () => {
    const singular = new SingularMatrixError(0, 1, 'A^{-1/2}');
    expect(
      matrixResidual(
        () => {
          throw singular;
        },
        () => Matrix.eye(1),
        tol,
      ),
    ).toEqual({ value: Infinity, tolerance: tol, infinite: singular.message, detail: { reason: singular.message } });
    expect(
      matrixResidual(
        () => Matrix.eye(1),
        () => {
          throw singular;
        },
        tol,
      ).infinite,
    ).toBe(singular.message);
    const silent = new SingularMatrixError(0, 1, 'x');
    silent.message = '';
    expect(
      matrixResidual(
        () => {
          throw silent;
        },
        () => Matrix.eye(1),
        tol,
      ).infinite,
    ).toBe('a needed inverse does not exist (singular matrix)');
    expect(() =>
      matrixResidual(
        () => {
          throw new RangeError('other');
        },
        () => Matrix.eye(1),
        tol,
      ),
    ).toThrow(new RangeError('other'));
  });
});

describe('forAll: finer points', () => {
  const ctx = (over: Partial<CheckContext> = {}): CheckContext => ({ seed: 42, heavy: false, log: () => {}, ...over });
  const ints = fc.integer({ min: 0, max: 50 });
  test('pre needs a reason given as a string', () => {
    expect(() => pre(true, 5 as unknown as string)).toThrow(
      new TypeError('pre(condition, why): say which hypothesis a skipped case is outside of (why is empty)'),
    );
  });
  test('the closest case is the most severe one measured, the first of equals', async () => {
    const seen: number[] = [];
    const o = await forAll({
      name: 'c',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 1000 }),
      numRuns: 60,
      toleranceReason: '',
      measure: (x) => {
        seen.push(x);
        return { value: Math.min(x, 500), bound: 1000, detail: { x } };
      },
    }).run(ctx());
    const worst = Math.max(...seen.map((x) => Math.min(x, 500)));
    expect(o.maxError).toBe(worst);
    expect((o.closest as { input: number }).input).toBe(seen.find((x) => Math.min(x, 500) === worst));
    expect(seen.filter((x) => x >= 500).length).toBeGreaterThan(1);
  });
  test('sizes are told apart by rows and columns', async () => {
    const o = await forAll({
      name: 's',
      backend: 'scalar-f64',
      arbitrary: fc.constantFrom(1, 12),
      numRuns: 30,
      toleranceReason: '',
      size: (n) => (n === 1 ? [1, 23] : [12, 3]),
      measure: () => ({ value: 0, bound: 1 }),
    }).run(ctx());
    expect(o.sizes.sort()).toEqual([
      [1, 23],
      [12, 3],
    ]);
  });
  test('without a toleranceReason, the reason is empty unless the measurement gives one', async () => {
    const o = await forAll({
      name: 'r',
      backend: 'scalar-f64',
      arbitrary: ints,
      numRuns: 5,
      measure: () => ({ value: 0, bound: 1 }),
    }).run(ctx());
    expect(o.toleranceReason).toBe('');
    const e = await forAll({
      name: 'r',
      backend: 'scalar-f64',
      arbitrary: ints,
      numRuns: 5,
      measure: () => ({ value: NaN, bound: 1 }),
    }).run(ctx());
    expect(e.toleranceReason).toBe('');
  });
  test("a check's time is the time its run took", async () => {
    const timed = async (run: () => Promise<CheckOutcome>) => {
      const before = performance.now();
      const o = await run();
      expect(o.ms).toBeGreaterThanOrEqual(0);
      expect(o.ms).toBeLessThanOrEqual(Math.ceil(performance.now() - before) + 1);
    };
    await timed(() =>
      forAll({
        name: 't',
        backend: 'scalar-f64',
        arbitrary: ints,
        numRuns: 5,
        toleranceReason: '',
        measure: () => ({ value: 0, bound: 1 }),
      }).run(ctx()),
    );
    await timed(() => compute({ name: 'c', backend: 'scalar-f64', run: () => ({ value: 0, bound: 1 }) }).run(ctx()));
    await timed(() => compute({ name: 'c', backend: 'scalar-f64', run: () => [] }).run(ctx()));
    await timed(() =>
      compute({
        name: 'c',
        backend: 'scalar-f64',
        run: () => {
          throw new Error('x');
        },
      }).run(ctx()),
    );
    await timed(() =>
      statistic({
        name: 's',
        backend: 'scalar-f64',
        toleranceReason: '',
        run: () => ({
          name: 's',
          estimate: 0,
          ci: [0, 0],
          confidence: 0.9,
          samples: 1,
          decision: { kind: 'contains', value: 0 },
        }),
      }).run(ctx()),
    );
    await timed(() =>
      statistic({
        name: 's',
        backend: 'scalar-f64',
        toleranceReason: '',
        run: () => {
          throw new Error('x');
        },
      }).run(ctx()),
    );
    await timed(() =>
      runAndNormalize(
        {
          name: 'x',
          backend: 'scalar-f64',
          run: async () => {
            throw new Error('x');
          },
        },
        ctx(),
      ),
    );
  });
  test('no infinity, no infinite field', async () => {
    const f = await forAll({
      name: 'f',
      backend: 'scalar-f64',
      arbitrary: ints,
      numRuns: 20,
      toleranceReason: '',
      measure: (x) => ({ value: x, bound: 5 }),
    }).run(ctx());
    expect(f.passed).toBe(false);
    expect(f).not.toHaveProperty('infinite');
    const c = await compute({ name: 'c', backend: 'scalar-f64', run: () => ({ value: 0, bound: 1 }) }).run(ctx());
    expect(c).not.toHaveProperty('infinite');
  });
  test('skips met only while shrinking are still reported (with a count of 0)', async () => {
    const o = await forAll({
      name: 'p',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 100 }),
      numRuns: 100,
      toleranceReason: '',
      measure: (x) => {
        pre(x !== 3, 'three');
        return { value: x, bound: 4 };
      },
    }).run(ctx({ seed: 2 }));
    expect(o).toMatchObject({ passed: false, skipped: 0, skipReasons: ['three'] });
  });
  test("a measure whose detail comes only the first time: the shrunk case borrows the last failing case's detail", async () => {
    // constantFrom(0, 7): 0 holds, 7 fails and shrinks to 0 (which holds), so 7 is re-measured last.
    const calls: number[] = [];
    const o = await forAll({
      name: 'd',
      backend: 'scalar-f64',
      arbitrary: fc.constantFrom(0, 7),
      numRuns: 20,
      toleranceReason: '',
      measure: (x) => {
        calls.push(x);
        return {
          value: x,
          bound: 1,
          ...(x === 0 ? { detail: 'zero' } : calls.filter((c) => c === 7).length === 1 ? { detail: 'first 7' } : {}),
        };
      },
    }).run(ctx());
    expect(calls).toEqual([0, 7, 0, 7]);
    expect((o.counterexample as { measured: { detail: unknown } }).measured.detail).toBe('first 7');
  });
  test('after a throwing measure, the remaining runs do not measure again: the first throwing input is the one reported', async () => {
    let calls = 0;
    const o = await forAll({
      name: 't',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 100, max: 1000 }),
      numRuns: 50,
      toleranceReason: '',
      measure: () => {
        calls++;
        throw new Error('always');
      },
    }).run(ctx());
    expect(calls).toBe(1);
    expect(o.error).toBe('measure threw: always');
  });
  test('a case outside the hypotheses when re-measured keeps the input', async () => {
    let p = 0;
    const o = await forAll({
      name: 'o',
      backend: 'scalar-f64',
      arbitrary: fc.constant(5),
      numRuns: 1,
      toleranceReason: '',
      measure: () => {
        pre(p++ === 0, 'only once');
        return { value: 2, bound: 1 };
      },
    }).run(ctx());
    expect(o.counterexample).toEqual({ input: 5 });
  });
  test('the gave-up message lists every skip reason', async () => {
    const o = await forAll({
      name: 'n',
      backend: 'scalar-f64',
      arbitrary: ints,
      numRuns: 4,
      maxSkipsPerRun: 1,
      toleranceReason: '',
      measure: (x) => {
        pre(false, x % 2 ? 'odd' : 'even');
        return { value: 0, bound: 1 };
      },
    }).run(ctx());
    expect(o.error).toMatch(/every case was skipped \('(odd|even)', '(odd|even)'\)/);
  });
});

describe('measurements with a tolerance, and statistic details', () => {
  test('a tolerance is { bound, reason }: a finite bound and a non-blank reason', () => {
    expect(invalidReason({ value: 1, tolerance: { bound: 2, reason: 'why' } })).toBeNull();
    expect(invalidReason({ value: 1, bound: 2, tolerance: { bound: 2, reason: 'why' } })).toBe(
      "measurement gives both 'bound' and 'tolerance' (give one: a tolerance carries its bound)",
    );
    expect(invalidReason({ value: 1, tolerance: 2 })).toBe(
      'measurement tolerance is 2 (expected { bound, reason }, e.g. from relative(…))',
    );
    expect(invalidReason({ value: 1, tolerance: { bound: 2, reason: 'r', why: 'x' } })).toBe(
      "measurement tolerance has unknown key 'why' (expected bound, reason)",
    );
    expect(invalidReason({ value: 1, tolerance: { bound: 2, reason: '  ' } })).toBe(
      "measurement tolerance has no reason (got a string ('  ')): a bound must say why it is that large",
    );
    expect(invalidReason({ value: 1, tolerance: { bound: 2 } })).toBe(
      'measurement tolerance has no reason (got undefined): a bound must say why it is that large',
    );
    expect(invalidReason({ value: 1, tolerance: { bound: Infinity, reason: 'r' } })).toBe(
      'tolerance bound is Infinity: a bound must be finite (an infinite bound makes every case hold)',
    );
    expect(invalidReason({ value: 1, tolerance: { bound: -Infinity, reason: 'r' } })).toBe(
      'tolerance bound is -Infinity: a bound must be finite (an infinite bound makes every case hold)',
    );
    expect(invalidReason({ value: 1, tolerance: { bound: NaN, reason: 'r' } })).toBe('tolerance bound is NaN');
    expect(invalidReason({ value: 1, tolerance: { bound: '2', reason: 'r' } })).toBe(
      "tolerance bound is a string ('2') (expected a finite number)",
    );
    expect(invalidReason({ value: 1, tolerance: { reason: 'r' } })).toBe(
      'tolerance bound is undefined (expected a finite number)',
    );
    expect(invalidReason({ value: 1 })).toBe(
      "measurement has neither 'tolerance' nor 'bound' (expected { value, tolerance } with a tolerance from relative(…), exact(…) …)",
    );
    expect(invalidReason({ value: NaN, tolerance: { bound: 1, reason: 'r' } })).toBe('measured value is NaN');
  });
  test('toleranceOf "within" compares distances to both ends of the range', () => {
    expect(toleranceOf({ kind: 'within', range: [2, 10] }, 5)).toBe(2);
    expect(toleranceOf({ kind: 'within', range: [2, 10] }, 7)).toBe(10);
  });
  test('a blank statistic name is refused', () => {
    expect(
      statisticInvalidReason({
        name: '  ',
        estimate: 0,
        ci: [0, 0],
        confidence: 0.5,
        samples: 1,
        decision: { kind: 'contains', value: 0 },
      }),
    ).toBe("statistic field 'name' is a string ('  ') (expected a non-empty string)");
  });
  test('a statistic run that throws null or undefined is still an error outcome', async () => {
    const ctx = { seed: 1, heavy: false, log: () => {} };
    for (const thrown of [null, undefined]) {
      const o = await statistic({
        name: 's',
        backend: 'scalar-f64',
        toleranceReason: '',
        run: () => {
          throw thrown;
        },
      }).run(ctx);
      expect(o.error).toBe(`check threw: ${String(thrown)}`);
    }
  });
});

describe('outcome and spec validation: blank strings and absent fields', () => {
  const check = { name: 'n', backend: 'scalar-f64' as const };
  const run = async () => outcome();
  test('an error outcome without a counterexample has no counterexample field', () => {
    expect(errorOutcome(check, 'e', { cases: 1 })).not.toHaveProperty('counterexample');
  });
  test('an outcome without sizes is fine', () => {
    const raw: Record<string, unknown> = { ...outcome(), name: 'n' };
    delete raw.sizes;
    const o = normalizeOutcome(raw, check);
    expect(o.error).toBeUndefined();
    expect(o.sizes).toEqual([]);
  });
  test('a counterexample whose measurement is null is said to be malformed, not crashed on', () => {
    const raw = { ...outcome(), passed: false, maxError: 2, counterexample: { input: 0, measured: null } };
    expect(normalizeOutcome(raw, check).error).toBe(
      'counterexample.measured: measure returned null instead of a { value, tolerance } object',
    );
  });
  test('blank names, descriptions and keys are refused', () => {
    expect(checkInvalidReason({ name: '  ', backend: 'scalar-f64', run }, 'f')).toBe(
      "field 'f.name' is a string ('  ') (expected a non-empty string)",
    );
    expect(
      checkInvalidReason(
        {
          name: 'a',
          backend: 'scalar-f64',
          run,
          control: { description: '  ', check: { name: 'b', backend: 'scalar-f64', run } },
        },
        'f',
      ),
    ).toBe("field 'f.control.description' ('a') is a string ('  ') (say what was made false)");
    const r = resolveSpec(
      {
        parts: { k: 1 },
        checks: () => [{ name: 'a', backend: 'scalar-f64', run }],
        mutants: [{ name: 'm', key: '  ', parts: { k: 2 } }],
      },
      'p.ts',
    );
    expect(r).toEqual({
      ok: false,
      error:
        "p.ts: field 'mutants[0].key' (mutant 'm') is a string ('  ') (expected a non-empty string, or no key: the name is the default)",
    });
  });
});

describe('tolerance builders: bounds and the reasons they carry', () => {
  const {
    exact,
    relative,
    centralDifferenceError,
    monteCarlo,
    f32Kernel,
    claimed,
    strictlyPositive,
    tolerance,
    U32,
    U64,
  } = tolerances;
  test('exact: bound 0, with a default or a given reason', () => {
    expect(exact()).toEqual({ bound: 0, reason: 'exact: no rounding enters this comparison' });
    expect(exact('integers')).toEqual({ bound: 0, reason: 'integers' });
  });
  test('relative: k × n × u × growth × scale, naming each factor that was given', () => {
    expect(relative({ n: 8 })).toEqual({
      bound: 30 * 8 * U64,
      reason: '30 × n = 8 × u64 = 2^-53 (LAPACK-style residual ratio threshold 30)',
    });
    expect(
      relative({
        n: 4,
        nName: 'max(m, n)',
        precision: 'f32',
        growth: 2.5,
        growthName: 'κ',
        scale: 3,
        scaleName: '‖A‖',
        k: 10,
      }),
    ).toEqual({
      bound: 10 * 4 * U32 * 2.5 * 3,
      reason: '10 × max(m, n) = 4 × u32 = 2^-24 × κ = 2.50 × ‖A‖ = 3 (LAPACK-style residual ratio threshold 10)',
    });
    expect(relative({ n: 2, growth: 1e7, scale: 0.5 })).toEqual({
      bound: 30 * 2 * U64 * 1e7 * 0.5,
      reason: '30 × n = 2 × u64 = 2^-53 × growth = 1.00e+7 × scale = 0.500 (LAPACK-style residual ratio threshold 30)',
    });
    expect(relative({ n: 999999, growth: 1000000 }).reason).toBe(
      '30 × n = 999999 × u64 = 2^-53 × growth = 1.00e+6 (LAPACK-style residual ratio threshold 30)',
    );
    expect(relative({ n: 2, precision: 'f64' }).bound).toBe(30 * 2 * U64);
  });
  test('central differences: safety × (truncation + cancellation), with how they were obtained', () => {
    expect(centralDifferenceError({ h: 1e-5, truncation: 1e-10, roundoff: 2e-11 })).toEqual({
      bound: 10 * (1e-10 + 2e-11),
      reason: 'central differences, h = 0.0000100: 10 × (truncation 1.00e-10 + cancellation 2.00e-11)',
    });
    expect(centralDifferenceError({ h: 1, truncation: 2, roundoff: 3, safety: 4, how: 'M₃ ≤ 6' })).toEqual({
      bound: 20,
      reason: 'central differences, h = 1: 4 × (truncation 2 + cancellation 3) (M₃ ≤ 6)',
    });
  });
  test('Monte Carlo: z × standard error', () => {
    expect(monteCarlo({ z: 3, se: 0.5, confidence: 0.997, samples: 100 })).toEqual({
      bound: 1.5,
      reason: 'Monte Carlo: z = 3 (0.997 confidence) × standard error 0.500 over 100 samples',
    });
  });
  test('f32 kernel: safety × γ_k(u32) × magnitude, defined only while k·u32 < 1', () => {
    const ku = 1024 * U32;
    expect(f32Kernel({ k: 1024, magnitude: 2 })).toEqual({
      bound: 4 * (ku / (1 - ku)) * 2,
      reason: '4 × γ_1024(u32) × Σ|aᵢbᵢ| = 2 (Higham, Lemma 3.1; u32 = 2^-24)',
    });
    expect(f32Kernel({ k: 2, magnitude: 1.5, magnitudeName: '‖A‖‖B‖', safety: 2, how: 'tiled' }).reason).toBe(
      '2 × γ_2(u32) × ‖A‖‖B‖ = 1.50 (Higham, Lemma 3.1; u32 = 2^-24); tiled',
    );
    expect(() => f32Kernel({ k: 2 ** 24, magnitude: 1 })).toThrow(
      new RangeError('f32Kernel: γ_16777216 undefined (k·u32 ≥ 1)'),
    );
    expect(() => f32Kernel({ k: 2 ** 24 - 1, magnitude: 1 })).not.toThrow();
  });
  test('claimed, strictly positive and free-form bounds', () => {
    expect(claimed(9, 'at most 9 steps')).toEqual({ bound: 9, reason: "the statement's own bound: at most 9 steps" });
    expect(strictlyPositive()).toEqual({
      bound: Number.MIN_VALUE,
      reason: 'strict inequality: the margin must be > 0 (judged as ≥ the smallest positive double)',
    });
    expect(strictlyPositive('the gap').reason).toBe(
      'strict inequality: the gap must be > 0 (judged as ≥ the smallest positive double)',
    );
    expect(tolerance(2, 'because')).toEqual({ bound: 2, reason: 'because' });
  });
});

describe('runClaim and runOneCheck: finer points', () => {
  const root = mkdtempSync(join(tmpdir(), 'engine-runclaim2-'));
  const paths = suitePaths(root);
  mkdirSync(paths.claimsDir, { recursive: true });
  mkdirSync(join(root, 'sources'), { recursive: true });
  writeFileSync(join(root, 'sources', 'doc.txt'), '');
  const claim = (id: string, lines: string[] = []) =>
    writeFileSync(
      join(paths.claimsDir, `${id}.md`),
      [
        '---',
        `id: ${id}`,
        'title: T',
        'source: { document: doc.txt, locator: L }',
        "statement: 'S'",
        "reading: 'R'",
        'expected: pass',
        ...lines,
        '---',
        '',
      ].join('\n'),
    );
  const opts = { paths, seed: 8, heavy: false };
  const at = (name: string, value: number, extra: Partial<Parameters<typeof compute>[0]> = {}) =>
    compute({ name, backend: 'scalar-f64', toleranceReason: 'exact', run: () => ({ value, bound: 1 }), ...extra });
  const guarded = (name: string, value: number) =>
    at(name, value, { control: { description: 'doubled', run: () => ({ value: 2, bound: 1 }) } });
  test('a replay request is never applied by default (controls and mutants keep their own seeds)', async () => {
    const seen: number[] = [];
    const c: Check = {
      name: 'k',
      backend: 'scalar-f64',
      async run(ctx) {
        seen.push(ctx.seed);
        return at('k', 0).run(ctx);
      },
    };
    await runOneCheck('s1-a', c, ['p'], { ...opts, replay: { claim: 's1-a', check: 'k', seed: 77, path: '1' } });
    expect(seen).toEqual([deriveSeed(8, 's1-a', 'p')]);
    claim('f-replay');
    const mseen: number[] = [];
    const checks = (p: { v: number }): Check[] => [
      {
        name: 'v ≤ 1',
        backend: 'scalar-f64',
        async run(ctx) {
          mseen.push(ctx.seed);
          return at('v ≤ 1', p.v).run(ctx);
        },
      },
    ];
    await runClaim(
      'f-replay',
      { parts: { v: 0 }, checks, mutants: [{ name: 'm', parts: { v: 3 } }] },
      { ...opts, replay: { claim: 'f-replay', check: 'v ≤ 1', seed: 77, path: '1' } },
    );
    expect(mseen).toEqual([77, deriveSeed(8, 'f-replay', 'mutant', 'm', 'v ≤ 1')]);
  });
  test('a claim without dependsOn has none, and known ids do not invent any', async () => {
    claim('f-nodeps');
    const r = await runClaim('f-nodeps', { checks: [guarded('h', 0)] }, { ...opts, knownIds: new Set(['other']) });
    expect(r).toMatchObject({ verdict: 'pass', error: null, dependsOn: [] });
    const e = await runClaim('f-nodeps', { checks: [] }, { ...opts, knownIds: new Set(['other']) });
    expect(e.dependsOn).toEqual([]);
  });
  test('only a failed or erroring step keeps a counterexample', async () => {
    claim('f-steps', ['steps:', "  - statement: 'a'", "  - statement: 'b'"]);
    const passingWithCe: Check = {
      name: 'p',
      backend: 'scalar-f64',
      run: async () => ({
        ...(await at('p', 0).run({ seed: 0, heavy: false, log: () => {} })),
        counterexample: { input: 'noise', measured: { value: 0, bound: 1 } },
      }),
    };
    const r = await runClaim(
      'f-steps',
      { checks: [guarded('h', 0)], steps: [step('numeric', passingWithCe), step('numeric', at('n', NaN))] },
      opts,
    );
    expect(r.steps[0].verdict).toBe('pass');
    expect(r.steps[0]).not.toHaveProperty('counterexample');
    expect(r.steps[1].verdict).toBe('error');
    expect(r.steps[1]).not.toHaveProperty('counterexample');
  });
  test("the replay names the refuting check's key only when it has one, and only with a replay", async () => {
    writeFileSync(
      join(paths.claimsDir, 'f-key.md'),
      [
        '---',
        'id: f-key',
        'title: T',
        'source: { document: doc.txt, locator: L }',
        "statement: 'S'",
        "reading: 'R'",
        'expected: fail',
        "corrected: 'C'",
        "failure: { kind: substance, summary: 'wrong' }",
        '---',
        '',
      ].join('\n'),
    );
    const failing = (key?: string) =>
      forAll({
        name: 'x < 3',
        ...(key ? { key } : {}),
        backend: 'scalar-f64',
        arbitrary: fc.integer({ min: 0, max: 20 }),
        numRuns: 20,
        toleranceReason: '',
        measure: (x) => ({ value: x, bound: 2 }),
      });
    const passing = at('ok', 0, { key: 'pk', control: { description: 'd', run: () => ({ value: 2, bound: 1 }) } });
    const withKey = await runClaim(
      'f-key',
      withTriage({ checks: [passing, failing('fk')], corrected: [guarded('c', 0)] }),
      opts,
    );
    expect(withKey.replay).toMatchObject({ check: 'x < 3', key: 'fk' });
    const noKey = await runClaim(
      'f-key',
      withTriage({ checks: [passing, failing()], corrected: [guarded('c', 0)] }),
      opts,
    );
    expect(noKey.replay).not.toBeNull();
    expect(noKey.replay).not.toHaveProperty('key');
    const noReplay = await runClaim(
      'f-key',
      withTriage({ checks: [at('c1', 3, { key: 'ck' })], corrected: [guarded('c', 0)] }),
      opts,
    );
    expect(noReplay.verdict).toBe('fail');
    expect(noReplay.replay).toBeNull();
  });
});

describe('verifyClaim: the registration slot', () => {
  const KEY = Symbol.for('muon-verify.registrations');
  const g = globalThis as unknown as Record<symbol, { list: unknown[] } | undefined>;
  test('the slot is created on first use, empty', () => {
    const saved = g[KEY];
    try {
      delete g[KEY];
      verifyClaim('file:///p/s1-x.property.ts', { checks: [] });
      expect(g[KEY]!.list).toHaveLength(1);
      expect(takeRegistrations().map((r) => r.file)).toEqual(['/p/s1-x.property.ts']);
    } finally {
      g[KEY] = saved;
    }
  });
  test('a freshly loaded module uses the same process-wide slot', async () => {
    vi.resetModules();
    const fresh = await import('../src/engine/verify/verifyClaim.js');
    fresh.verifyClaim('file:///p/s1-y.property.ts', { checks: [] });
    expect(g[KEY]!.list.map((r) => (r as { file: string }).file)).toEqual(['/p/s1-y.property.ts']);
    expect(takeRegistrations().map((r) => r.file)).toEqual(['/p/s1-y.property.ts']);
  });
  test('the call site is the caller\'s frame, trimmed, without "at"', () => {
    verifyClaim('file:///p/s1-z.property.ts', { checks: [] });
    const [r] = takeRegistrations();
    expect(r.callSite).toBe(r.callSite.trim());
    expect(r.callSite).not.toMatch(/^at\s/);
    expect(r.callSite).toMatch(/engine-verify\.test\.ts:\d+:\d+\)?$/);
  });
});

describe('the rule and spec tables, entry by entry', () => {
  test('every rule kind with exactly its own keys is valid', () => {
    for (const rule of [
      { kind: 'contains', value: 0 },
      { kind: 'contains', value: 0, maxWidth: 1 },
      { kind: 'excludes', value: 0 },
      { kind: 'below', value: 0 },
      { kind: 'above', value: 0 },
      { kind: 'within', range: [0, 1] },
    ])
      expect(ruleInvalidReason(rule), JSON.stringify(rule)).toBeNull();
  });
  test('a statistic that hands over its threshold is refused like one that hands over passed', () => {
    const good = {
      name: 's',
      estimate: 0,
      ci: [0, 0],
      confidence: 0.5,
      samples: 1,
      decision: { kind: 'contains', value: 0 },
    };
    expect(statisticInvalidReason({ ...good, threshold: 1 })).toBe(
      "statistic returns 'threshold': the engine decides from 'decision' and 'ci' (remove 'threshold', state the rule in 'decision')",
    );
  });
  test('every spec field and every mutant field is accepted', () => {
    const run = async () => outcome();
    const c = { name: 'a', backend: 'scalar-f64', run };
    const st = { ...c, name: 's', method: 'both' };
    expect(resolveSpec({ checks: [c], steps: [st], corrected: [{ ...c, name: 'k' }], timeoutMs: 1 }, 'f').ok).toBe(
      true,
    );
    expect(
      resolveSpec(
        { parts: { p: 1 }, checks: () => [c], mutants: [{ name: 'm', key: 'mk', parts: { p: 2 }, equivalent: 'why' }] },
        'f',
      ).ok,
    ).toBe(true);
  });
  test('the four verdicts are the known ones', () => {
    for (const verdict of ['pass', 'fail', 'error', 'unchecked']) {
      expect(
        unexpectedReason({ verdict: verdict as never, expected: 'pass', corrected: null, counterexample: null }) ?? '',
      ).not.toMatch(/is not one of/);
    }
  });
});
