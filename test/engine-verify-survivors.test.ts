/**
 * Engine unit tests written against the mutants that survived a Stryker run of forAll.ts, spec.ts
 * and triage.ts (src/engine/verify): each test pins what the engine returns on a path the other
 * engine tests leave open. Several paths open only under fast-check's global configuration
 * (fc.configureGlobal), which a property file may set: forAll leaves maxSkipsPerRun in force where its
 * own option is unset, and switches fast-check's time limits off; those tests reset it afterwards.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { forAll, isMatrixCase, pre, runCountsReason } from '../src/engine/verify/checks/forAll.js';
import { holds, severity, type Measurement } from '../src/engine/verify/checks/measurement.js';
import { resolveSpec } from '../src/engine/verify/checks/spec.js';
import { notation } from '../src/engine/verify/failure/declare.js';
import { exact } from '../src/engine/verify/tolerance.js';
import type { Check, CheckContext, CheckOutcome } from '../src/engine/verify/types.js';

const ctx = (over: Partial<CheckContext> = {}): CheckContext => ({ seed: 42, heavy: false, log: () => {}, ...over });

/** A forAll on scalars with the options these tests vary. */
function check<T>(
  arbitrary: fc.Arbitrary<T>,
  measure: (x: T) => Measurement | Promise<Measurement>,
  over: { numRuns?: number; maxSkipsPerRun?: number } = {},
): Check {
  return forAll({ name: 'c', backend: 'scalar-f64', toleranceReason: 'r', arbitrary, measure, ...over });
}

/** The outcome without its timing (`ms`), for exact comparison. */
function timeless(o: CheckOutcome): Omit<CheckOutcome, 'ms'> {
  const { ms, ...rest } = o;
  expect(typeof ms).toBe('number');
  return rest;
}

afterEach(() => fc.resetConfigureGlobal());

const GIVE_UP = 'generate inputs that satisfy the hypotheses (in the arbitrary) rather than skipping them';

describe('forAll: isMatrixCase', () => {
  test('is false for undefined and for a function carrying the fields of a MatrixCase', () => {
    expect(isMatrixCase(undefined)).toBe(false);
    const fn = Object.assign(() => 0, { kind: 'integer', rows: 1, cols: 1, entries: [] });
    expect(isMatrixCase(fn)).toBe(false);
  });
});

describe('forAll: which case is reported', () => {
  test('a passing check reports the most severe case as closest, not the first one measured', async () => {
    let n = 0;
    const o = await check(fc.constant('x'), () => ({ value: ++n, bound: 10 }), { numRuns: 5 }).run(ctx());
    expect(timeless(o)).toEqual({
      name: 'c',
      backend: 'scalar-f64',
      sizes: [],
      cases: 5,
      toleranceReason: 'r',
      maxError: 5,
      tolerance: 10,
      passed: true,
      closest: { input: 'x', measured: { value: 5, bound: 10, relation: '<=', detail: null } },
    });
  });

  test('a failing case whose severity would round to 1 does not tie with a holding case at its bound: the most severe case is the failing one', async () => {
    // Under '<=' with bound −1, a case at −1 holds (severity exactly 1) and −1 + 2^-53 fails by 2^-53,
    // whose severity 1 + 2^-53 would round to 1 and tie: severity gives it the next double above 1, so the
    // worst case seen is the failing one although the holding one was measured first.
    const FAILS = -1 + 2 ** -53;
    expect(holds({ value: FAILS, bound: -1 })).toBe(false);
    expect(severity({ value: FAILS, bound: -1 })).toBe(1 + Number.EPSILON);
    expect(severity({ value: -1, bound: -1 })).toBe(1);
    const seen: number[] = [];
    const o = await check(
      fc.integer({ min: 0, max: 1 }),
      (x) => {
        seen.push(x);
        return { value: x === 0 ? -1 : FAILS, bound: -1 };
      },
      { numRuns: 20 },
    ).run(ctx({ seed: 1 }));
    // Under seed 1 the first case generated is 0 (it holds), the second 1 (it fails).
    expect(seen.slice(0, 2)).toEqual([0, 1]);
    // Reported: the re-measured counterexample, and as the most severe case seen the failing one.
    expect(timeless(o)).toEqual({
      name: 'c',
      backend: 'scalar-f64',
      sizes: [],
      cases: 3,
      toleranceReason: 'r',
      maxError: FAILS,
      tolerance: -1,
      passed: false,
      counterexample: {
        input: 1,
        measured: { value: FAILS, bound: -1, relation: '<=', detail: null },
        mostSevere: { input: 1, measured: { value: FAILS, bound: -1, relation: '<=', detail: null } },
        numShrinks: 0,
      },
      replay: { seed: 1, path: '1' },
    });
  });
});

describe("forAll: fast-check's global configuration", () => {
  test('without its own maxSkipsPerRun a check gives up at the global one', async () => {
    fc.configureGlobal({ maxSkipsPerRun: 1 });
    const o = await check(
      fc.integer(),
      () => {
        pre(false, 'never');
        return { value: 0, bound: 0 };
      },
      { numRuns: 3 },
    ).run(ctx());
    // maxSkipsPerRun 1 × numRuns 3: fast-check gives up at the 4th skip (the default, 100, would allow 300).
    expect(timeless(o)).toEqual({
      name: 'c',
      backend: 'scalar-f64',
      sizes: [],
      cases: 0,
      toleranceReason: 'r',
      skipped: 4,
      skipReasons: ['never'],
      maxError: NaN,
      tolerance: NaN,
      passed: false,
      error: `the hypothesis held in none of 4 generated cases: every case was skipped ('never'), and fast-check gave up; ${GIVE_UP}`,
    });
  });

  // fast-check's own time limits are off in every forAll run (NO_FAST_CHECK_CLOCK): a global setting
  // must not make a verdict depend on the machine's speed. Each test fails if the setting took effect.
  test('a global skipAllAfterTimeLimit skips nothing: every case is measured', async () => {
    fc.configureGlobal({ skipAllAfterTimeLimit: 0 });
    const measured: number[] = [];
    const o = await check(
      fc.integer(),
      (x) => {
        measured.push(x);
        return { value: 0, bound: 0 };
      },
      { numRuns: 3, maxSkipsPerRun: 1 },
    ).run(ctx());
    expect(measured).toHaveLength(3);
    expect(o).toMatchObject({ cases: 3, passed: true });
    expect(o.skipped).toBeUndefined();
  });

  test('a global interruptAfterTimeLimit interrupts nothing: the run completes and passes', async () => {
    fc.configureGlobal({ interruptAfterTimeLimit: 0, markInterruptAsFailure: true });
    const o = await check(fc.integer(), () => ({ value: 0, bound: 0 }), { numRuns: 3 }).run(ctx());
    expect(o).toMatchObject({ cases: 3, passed: true });
    expect(o.error).toBeUndefined();
  });

  test('a global timeout turns no slow measure into a counterexample: each case is measured once and holds', async () => {
    fc.configureGlobal({ timeout: 5 });
    let calls = 0;
    const o = await check(
      fc.constant(7),
      async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 30)); // six times the global timeout
        return { value: 0, bound: 0 };
      },
      { numRuns: 2 },
    ).run(ctx());
    expect(calls).toBe(2);
    expect(o).toMatchObject({ cases: 2, passed: true });
    expect(o.counterexample).toBeUndefined();
  });
});

describe('forAll: run counts are validated', () => {
  test('a negative maxSkipsPerRun (fast-check would run no case) is an error naming the option; nothing is measured', async () => {
    let calls = 0;
    const o = await check(
      fc.integer(),
      () => {
        calls++;
        return { value: 0, bound: 0 };
      },
      { maxSkipsPerRun: -1 },
    ).run(ctx());
    expect(calls).toBe(0);
    expect(o.passed).toBe(false);
    expect(o.cases).toBe(0);
    expect(o.error).toBe("forAll option 'maxSkipsPerRun' must be an integer ≥ 0, got -1");
  });
  test('numRuns and heavyRuns must be integers ≥ 1, maxSkipsPerRun ≥ 0', () => {
    expect(runCountsReason({})).toBeNull();
    expect(runCountsReason({ numRuns: 1, heavyRuns: 1, maxSkipsPerRun: 0 })).toBeNull();
    expect(runCountsReason({ numRuns: 0 })).toBe("forAll option 'numRuns' must be an integer ≥ 1, got 0");
    expect(runCountsReason({ heavyRuns: 2.5 })).toBe("forAll option 'heavyRuns' must be an integer ≥ 1, got 2.5");
    expect(runCountsReason({ maxSkipsPerRun: NaN })).toBe(
      "forAll option 'maxSkipsPerRun' must be an integer ≥ 0, got NaN",
    );
    expect(runCountsReason({ numRuns: '5' as unknown as number })).toBe(
      'forAll option \'numRuns\' must be an integer ≥ 1, got "5"',
    );
  });
});

describe('forAll: the probe', () => {
  /** Fails for x > limit (the shrunk counterexample is limit + 1); `limit` may change between runs. */
  function limited(state: { limit: number; calls: number }): Check {
    return check(
      fc.integer({ min: 0, max: 100 }),
      (x) => {
        state.calls++;
        return { value: x, bound: state.limit };
      },
      { numRuns: 50 },
    );
  }

  test('counterexample() returns the one the run under that seed found, without running the check again', async () => {
    const state = { limit: 5, calls: 0 };
    const c = limited(state);
    const o = await c.run(ctx());
    expect(o.counterexample).toMatchObject({ input: 6 });
    state.limit = 10;
    const calls = state.calls;
    expect(await c.probe!.counterexample(ctx())).toEqual({ input: 6 });
    expect(state.calls).toBe(calls);
  });

  test("a replay's counterexample is not recorded: counterexample() runs the check afresh under the seed", async () => {
    const state = { limit: 5, calls: 0 };
    const c = limited(state);
    const replayed = await c.run(ctx({ replayPath: '0' }));
    expect(replayed.counterexample).toMatchObject({ input: 6 });
    state.limit = 10;
    expect(await c.probe!.counterexample(ctx())).toEqual({ input: 11 });
  });

  test('size: a MatrixCase input has its rows and columns by default', () => {
    const mc = { kind: 'integer' as const, rows: 2, cols: 3, entries: [] as number[][] };
    const c = check(fc.constant(mc), () => ({ value: 0, tolerance: exact() }));
    expect(c.probe!.size(mc)).toEqual([2, 3]);
    expect(c.probe!.size({ ...mc, kind: 'other' })).toBeUndefined();
  });
});

describe('resolveSpec: failure.parts', () => {
  test('an unknown part is refused with every part listed, comma-separated', () => {
    const mk = (name: string): Check => ({
      name,
      backend: 'scalar-f64',
      run: async () => {
        throw new Error('not run');
      },
    });
    const r = resolveSpec(
      {
        checks: (p: { k: number; j: number }) => [mk(`k = ${p.k}, j = ${p.j}`)],
        parts: { k: 1, j: 2 },
        failure: notation({ parts: { q: 1 } as never }),
      },
      'properties/x.property.ts',
    );
    expect(r).toEqual({
      ok: false,
      error: "properties/x.property.ts: field 'failure.parts' names unknown part 'q' (parts are k, j)",
    });
  });
});
