/**
 * Engine unit tests for src/engine/verify: seeds, tolerances, measurements, verdict rules and the check
 * builders. Written so that Stryker's mutants of these files are killed (stryker.config.mjs); each
 * test states the behaviour it protects.
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_SEED, MAX_SEED, deriveSeed, replayRequest } from '../src/engine/verify/seed.js';
import { RESIDUAL_RATIO_THRESHOLD, UNIT_ROUNDOFF_F32, UNIT_ROUNDOFF_F64, f32Bound, f64Bound } from '../src/engine/verify/tolerance.js';
import { takeRegistrations, verifyClaim } from '../src/engine/verify/verifyClaim.js';
import { MEASUREMENT_KEYS, describeValue, holds, invalidReason, isPlainObject, notFinite, severity, type Measurement } from '../src/engine/verify/checks/measurement.js';

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
    expect(replayRequest('{"claim":"s000-c02","check":"x < 10","seed":-12,"path":"3:1:0"}')).toEqual({ claim: 's000-c02', check: 'x < 10', seed: -12, path: '3:1:0' });
  });
  test('each missing or mistyped field is refused, quoting the input', () => {
    const good = { claim: 'c', check: 'k', seed: 1, path: '0' };
    for (const bad of [{ claim: 1 }, { check: null }, { seed: 1.5 }, { seed: '1' }, { path: 0 }]) {
      const raw = JSON.stringify({ ...good, ...bad });
      expect(() => replayRequest(raw), raw).toThrow(`MUON_REPLAY must be {"claim","check","seed","path"}, got ${raw}`);
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
    expect(f64Bound(4, 9, 'κ(G)²')).toEqual({ bound: 30 * 4 * 9 * 2 ** -53, reason: '30 × n × u64 × κ(G)² (LAPACK-style residual ratio threshold; u64 = 2^-53)' });
    expect(f64Bound(1, 1, 'κ').bound).toBe(30 * 2 ** -53);
  });
  test('f32Bound is 30 · n · u32 · growth, with its reason', () => {
    expect(f32Bound(8, 3, 'κ')).toEqual({ bound: 30 * 8 * 3 * 2 ** -24, reason: '30 × n × u32 × κ (f32 unit roundoff u32 = 2^-24)' });
  });
});

describe('measurements: holds and severity', () => {
  const m = (value: number, bound: number, relation?: '<=' | '>='): Measurement => (relation ? { value, bound, relation } : { value, bound });
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
    for (const x of [null, undefined, 1, 'x', [], new Date(0), Promise.resolve(1), new (class Box { v = 1; })(), () => 1]) expect(isPlainObject(x), String(x)).toBe(false);
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
      { value: 1, bound: 2 }, { value: 1, bound: 2, relation: '<=' }, { value: 1, bound: 2, relation: '>=' }, { value: 1, bound: 2, relation: undefined },
      { value: 0, bound: 0, detail: { norm: 1 } }, { value: -5, bound: -1, detail: 'text' },
      { value: Infinity, bound: 1, infinite: 'A is singular' }, { value: -Infinity, bound: 1, relation: '>=', infinite: 'no index' },
    ]) expect(invalidReason(ok), JSON.stringify(ok)).toBeNull();
    const bare = Object.create(null);
    Object.assign(bare, { value: 1, bound: 1 });
    expect(invalidReason(bare)).toBeNull();
  });
  test('something other than a plain object is refused, saying what it was', () => {
    expect(invalidReason(undefined)).toBe('measure returned undefined instead of a { value, tolerance } object');
    expect(invalidReason(null)).toBe('measure returned null instead of a { value, tolerance } object');
    expect(invalidReason(0.5)).toBe('measure returned 0.5 instead of a { value, tolerance } object');
    expect(invalidReason([1, 2])).toBe('measure returned an array instead of a { value, tolerance } object');
    expect(invalidReason(Promise.resolve({ value: 1, bound: 1 }))).toBe('measure returned a Promise instead of a { value, tolerance } object');
  });
  test('unknown keys (typos) are refused', () => {
    expect(invalidReason({ value: 1, bound: 1, val: 1 })).toBe("measurement has unknown key 'val' (expected value, bound, tolerance, relation, detail, infinite)");
    expect(invalidReason({ val: 1, bound: 1 })).toMatch(/^measurement has unknown key 'val'/);
  });
  test('a relation other than <= or >= is refused', () => {
    expect(invalidReason({ value: 1, bound: 1, relation: '≤' })).toBe("measurement relation is '≤' (expected '<=' or '>=', or no relation for '<=')");
    expect(invalidReason({ value: 1, bound: 1, relation: null })).toBe("measurement relation is null (expected '<=' or '>=', or no relation for '<=')");
    expect(invalidReason({ value: 1, bound: 1, relation: 1 })).toBe("measurement relation is 1 (expected '<=' or '>=', or no relation for '<=')");
  });
  test('the bound must be a finite number', () => {
    expect(invalidReason({ value: 1, bound: Infinity })).toBe('bound is Infinity: a bound must be finite (an infinite bound makes every case hold)');
    expect(invalidReason({ value: 1, bound: -Infinity, relation: '>=' })).toBe('bound is -Infinity: a bound must be finite (an infinite bound makes every case hold)');
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
  test('an infinite value refutes only in its relation\'s direction, and only with a reason', () => {
    expect(invalidReason({ value: Infinity, bound: 1 })).toBe("measured value is Infinity without a reason (a documented ∞, e.g. a missing inverse, must say why in the field 'infinite')");
    expect(invalidReason({ value: -Infinity, bound: 1, relation: '>=' })).toBe("measured value is -Infinity without a reason (a documented ∞, e.g. a missing inverse, must say why in the field 'infinite')");
    expect(invalidReason({ value: -Infinity, bound: 1 })).toBe("measured value is -Infinity, which would hold by infinity under '<=' (only Infinity with a reason in 'infinite' refutes)");
    expect(invalidReason({ value: Infinity, bound: 1, relation: '>=' })).toBe("measured value is Infinity, which would hold by infinity under '>=' (only -Infinity with a reason in 'infinite' refutes)");
  });
  test("'infinite' must be a non-empty reason attached to the refuting infinity", () => {
    expect(invalidReason({ value: Infinity, bound: 1, infinite: '  ' })).toBe("measurement field 'infinite' must be a non-empty string saying why the value is infinite, got a string ('  ')");
    expect(invalidReason({ value: Infinity, bound: 1, infinite: '' })).toMatch(/^measurement field 'infinite' must be a non-empty string/);
    expect(invalidReason({ value: Infinity, bound: 1, infinite: 7 })).toBe("measurement field 'infinite' must be a non-empty string saying why the value is infinite, got 7");
    expect(invalidReason({ value: 3, bound: 1, infinite: 'singular' })).toBe("measurement says the value is infinite ('singular') but the value is 3 (under '<=' only Infinity is a documented refutation)");
    expect(invalidReason({ value: Infinity, bound: 1, relation: '>=', infinite: 'x' })).toBe("measurement says the value is infinite ('x') but the value is Infinity (under '>=' only -Infinity is a documented refutation)");
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
    expect(regs.map((r) => [r.file, r.spec])).toEqual([['/tree/properties/s1-a.property.ts', spec], ['/tree/properties/s1-b.property.ts', lazy]]);
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
    const slot = (globalThis as unknown as Record<symbol, { list: unknown[] }>)[Symbol.for('muon-verify.registrations')];
    expect(slot.list).toHaveLength(1);
    takeRegistrations();
    expect(slot.list).toHaveLength(0);
  });
});
