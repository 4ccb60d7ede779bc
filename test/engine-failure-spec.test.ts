import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { forAll } from '../src/engine/verify/checks/forAll.js';
import { resolveSpec } from '../src/engine/verify/checks/spec.js';
import { hypothesis, notation, substance, wording } from '../src/engine/verify/failure/declare.js';
import { exact } from '../src/engine/verify/tolerance.js';
import type { Check, CheckOutcome } from '../src/engine/verify/types.js';

// The property file's `failure` declaration (spec.ts resolveFailure) and what forAll offers the
// triage (its `probe`): every malformed declaration is refused with the field named.

const F = 'properties/x.property.ts';
const outcome = (name: string): CheckOutcome => ({
  name,
  backend: 'scalar-f64',
  sizes: [],
  cases: 1,
  maxError: 0,
  tolerance: 0,
  toleranceReason: 'exact',
  passed: true,
  ms: 0,
});
const mk = (name: string, key?: string): Check => ({
  name,
  ...(key ? { key } : {}),
  backend: 'scalar-f64',
  run: async () => outcome(name),
});
const a = mk('a', 'ka'),
  b = mk('b');
const error = (spec: unknown) => {
  const r = resolveSpec(spec, F);
  return r.ok ? null : r.error;
};
const failureOf = (spec: unknown) => {
  const r = resolveSpec(spec, F);
  if (!r.ok) throw new Error(r.error);
  return r.spec.failure;
};

describe('resolveSpec: failure', () => {
  test('each builder resolves: hypothesis keeps why and holds, wording nothing, checks by name or key', () => {
    const holds = (x: number) => x > 0;
    expect(failureOf({ checks: [a], failure: hypothesis('x > 0', holds) })).toEqual({
      kind: 'hypothesis',
      why: 'x > 0',
      holds,
    });
    expect(failureOf({ checks: [a], failure: wording() })).toEqual({ kind: 'wording' });
    const twin = mk('twin');
    const byName = failureOf({ checks: [a, b], failure: substance({ checks: { b: twin } }) });
    expect(byName).toEqual({ kind: 'substance', fixed: new Map([[1, twin]]) });
    const byKey = failureOf({ checks: [a, b], failure: notation({ checks: { ka: twin } }) });
    expect(byKey).toEqual({ kind: 'notation', fixed: new Map([[0, twin]]) });
    expect(failureOf({ checks: [a] })).toBeNull();
  });
  test('parts: the headline built from the fixed parts, index by index', () => {
    const built: unknown[] = [];
    const checks = (p: { k: number }) => {
      built.push(p);
      return [mk(`x ≤ ${p.k}`), mk(`y ≤ ${p.k}`)];
    };
    const f = failureOf({ checks, parts: { k: 1, j: 0 }, failure: notation({ parts: { k: 2 } }) });
    expect(built).toEqual([
      { k: 1, j: 0 },
      { k: 2, j: 0 },
    ]);
    expect(f?.kind).toBe('notation');
    const fixed = (f as { fixed: Map<number, Check> }).fixed;
    expect([...fixed.entries()].map(([i, c]) => [i, c.name])).toEqual([
      [0, 'x ≤ 2'],
      [1, 'y ≤ 2'],
    ]);
  });
  test('malformed declarations are refused, naming the field', () => {
    const fn = (p: { k: number }) => [mk(`k = ${p.k}`)];
    const cases: [unknown, string][] = [
      [
        'x',
        `field 'failure' is a string ('x') (expected hypothesis(why, holds), notation({...}), substance({...}) or wording())`,
      ],
      [[], `field 'failure' is an array`],
      [
        { kind: 'typo' },
        `field 'failure.kind' is a string ('typo') (expected substance, hypothesis, notation, wording)`,
      ],
      [{ kind: 'wording', why: 'w' }, `field 'failure.why' does not belong to kind 'wording' (expected kind)`],
      [
        { kind: 'substance', why: 'w', checks: {} },
        `field 'failure.why' does not belong to kind 'substance' (expected kind, checks, parts)`,
      ],
      [
        { kind: 'hypothesis', why: ' ', holds: () => true },
        `field 'failure.why' is a string (' ') (say which hypothesis, e.g. 'm ≤ n (full row rank)')`,
      ],
      [{ kind: 'hypothesis', holds: () => true }, `field 'failure.why' is undefined`],
      [
        { kind: 'hypothesis', why: 'w', holds: 'x > 0' },
        `field 'failure.holds' is a string ('x > 0') (expected a predicate on the failing check's inputs)`,
      ],
      [
        { kind: 'substance' },
        `field 'failure' (kind 'substance') needs exactly one of 'checks' (fixed checks by headline check name) and 'parts' (the fixed parts of a formula spec)`,
      ],
      [{ kind: 'notation', checks: {}, parts: {} }, `field 'failure' (kind 'notation') needs exactly one of 'checks'`],
      [{ kind: 'notation', checks: [] }, `field 'failure.checks' is an array`],
      [
        { kind: 'notation', checks: { zz: mk('t') } },
        `field 'failure.checks' names 'zz', which is no headline check (headline: 'a', 'b')`,
      ],
      [{ kind: 'notation', checks: { a: { name: 't' } } }, `field 'failure.checks['a']' ('t') has no run function`],
      [
        { kind: 'notation', parts: { k: 2 } },
        `field 'failure.parts' needs 'checks' to be a function of 'parts' (a formula spec)`,
      ],
    ];
    for (const [failure, message] of cases) {
      const e = error({ checks: [a, b], failure });
      expect(e, JSON.stringify(failure)).not.toBeNull();
      expect(e!.startsWith(`${F}: ${message}`), `${e}\n  vs ${message}`).toBe(true);
    }
    const formula = (failure: unknown) => error({ checks: fn, parts: { k: 1 }, failure });
    expect(formula({ kind: 'notation', parts: 3 })).toBe(`${F}: field 'failure.parts' is 3 (expected an object)`);
    expect(formula({ kind: 'notation', parts: { q: 1 } })).toBe(
      `${F}: field 'failure.parts' names unknown part 'q' (parts are k)`,
    );
    expect(
      error({
        checks: (p: { k: number }) => (p.k === 1 ? [mk('a')] : [mk('a'), mk('b')]),
        parts: { k: 1 },
        failure: { kind: 'notation', parts: { k: 2 } },
      }),
    ).toBe(
      `${F}: checks(failure.parts) returns 2 check(s) but the headline has 1: they must correspond index by index`,
    );
    expect(
      error({
        checks: (p: { k: number }) => {
          if (p.k === 2) throw new Error('no');
          return [mk('a')];
        },
        parts: { k: 1 },
        failure: { kind: 'substance', parts: { k: 2 } },
      }),
    ).toBe(`${F}: checks(failure.parts) threw: no`);
    // The field list in an unknown-field message names 'failure' as a spec field.
    expect(error({ checks: [a], failurs: wording() })).toMatch(/unknown field 'failurs' \(expected .*, failure\)$/);
  });
});

describe("forAll's probe: what the triage may do with a check's inputs", () => {
  const atLeast = (b: number) =>
    forAll({
      name: `x² ≥ ${b}`,
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: -2, max: 2 }),
      numRuns: 60,
      measure: (x: number) => ({ value: x * x - b, tolerance: exact(), relation: '>=' as const }),
    });
  const ctx = { seed: 3, heavy: false, log: () => {} };
  test('restrict keeps the inputs inside (or outside) a hypothesis, skipping the others with the reason', async () => {
    const c = atLeast(1);
    const inside = await c.probe!.restrict('x² ≥ 1 for x ≠ 0', (x: number) => x !== 0, 'x ≠ 0', true).run(ctx);
    expect(inside).toMatchObject({
      name: 'x² ≥ 1 for x ≠ 0',
      passed: true,
      skipReasons: ['outside the hypothesis: x ≠ 0'],
    });
    expect(inside.skipped).toBeGreaterThan(0);
    const outside = await c.probe!.restrict('at 0', (x: number) => x !== 0, 'x ≠ 0', false).run(ctx);
    expect(outside).toMatchObject({ passed: false, counterexample: { input: 0 } });
    const throwing = await c
      .probe!.restrict(
        't',
        () => {
          throw new Error('bad predicate');
        },
        'w',
        true,
      )
      .run(ctx);
    expect(throwing.error).toBe('measure threw: the hypothesis predicate threw: bad predicate');
    const nonBoolean = await c.probe!.restrict('t', (() => 1) as never, 'w', true).run(ctx);
    expect(nonBoolean.error).toBe('measure threw: the hypothesis predicate returned 1 (expected true or false)');
  });
  test('counterexample: the raw shrunk input of the run under that seed, found again when not cached; null when it holds', async () => {
    const c = atLeast(1);
    expect(await c.probe!.counterexample(ctx)).toEqual({ input: 0 });
    await c.run({ ...ctx, seed: 4 });
    expect(await c.probe!.counterexample({ ...ctx, seed: 4 })).toEqual({ input: 0 });
    expect(await atLeast(0).probe!.counterexample(ctx)).toBeNull();
    // A replayed run is not cached under its seed: the triage's own seed must find its own counterexample.
    const r = atLeast(1);
    const first = await r.run(ctx);
    const fresh = atLeast(1);
    await fresh.run({ ...ctx, replayPath: first.replay!.path, seed: first.replay!.seed });
    expect(await fresh.probe!.counterexample(ctx)).toEqual({ input: 0 });
  });
  test('measureAt, show and size', async () => {
    const c = atLeast(1);
    expect(await c.probe!.measureAt(2)).toEqual({ value: 3, tolerance: exact(), relation: '>=' });
    expect(c.probe!.show(2)).toBe(2);
    expect(c.probe!.size(2)).toBeUndefined();
    const sized = forAll({
      name: 's',
      backend: 'scalar-f64',
      arbitrary: fc.constant<number[]>([1, 2, 3]),
      numRuns: 1,
      size: (v: number[]) => [1, v.length],
      show: (v: number[]) => `v = ${v.join(',')}`,
      measure: () => ({ value: 0, tolerance: exact() }),
    });
    expect(sized.probe!.size([1, 2])).toEqual([1, 2]);
    expect(sized.probe!.show([1, 2])).toBe('v = 1,2');
    const throwingSize = forAll({
      name: 's',
      backend: 'scalar-f64',
      arbitrary: fc.constant(1),
      size: () => {
        throw new Error('no size');
      },
      measure: () => ({ value: 0, tolerance: exact() }),
    });
    expect(throwingSize.probe!.size(1)).toBeUndefined();
  });
});
