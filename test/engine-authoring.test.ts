/**
 * The authoring API's additions: `pre` (cases outside the hypotheses are skipped, never vacuous
 * passes), the closest and most severe cases, stable check keys for seeds and replays, MatrixCase
 * defaults for forAll's size/show, and sizes as they ran (compute's `sizes(ctx)`).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Report } from '../src/engine/report/buildReport.js';
import { renderHtml, sizesText } from '../src/engine/report/render/html.js';
import { replayCommands } from '../src/engine/report/render/model.js';
import { compute, step } from '../src/engine/verify/checks/compute.js';
import { withControl } from '../src/engine/verify/checks/control.js';
import { forAll, isMatrixCase, pre } from '../src/engine/verify/checks/forAll.js';
import { runAndNormalize } from '../src/engine/verify/checks/outcome.js';
import { statistic } from '../src/engine/verify/checks/statistic.js';
import { errorResult, replayMatches, runClaim } from '../src/engine/verify/runClaim.js';
import { runMutants } from '../src/engine/verify/mutants.js';
import { deriveSeed } from '../src/engine/verify/seed.js';
import type { Check, CheckContext, CheckOutcome, ClaimSpec, ClosestCase } from '../src/engine/verify/types.js';
import { matrices } from '../src/random/matrices.js';
import { scratchSuite, withTriage } from './claimFixture.js';

const { paths, claim } = scratchSuite('authoring-');
const opts = { paths, seed: 11, heavy: false };
const ctx = (over: Partial<CheckContext> = {}): CheckContext => ({ seed: 5, heavy: false, log: () => {}, ...over });
const run = (c: Check, over: Partial<CheckContext> = {}) => runAndNormalize(c, ctx(over));

/** x² ≥ 0 with a control that fails, so a claim built on it is not powerless. */
const nonNegative: Check = forAll({
  name: 'x² ≥ 0',
  backend: 'scalar-f64',
  arbitrary: fc.integer({ min: -50, max: 50 }),
  toleranceReason: 'exact',
  numRuns: 30,
  measure: (x) => ({ value: x * x, bound: 0, relation: '>=' }),
  control: { description: 'x² ≥ 400', measure: (x) => ({ value: x * x, bound: 400, relation: '>=' }) },
});

/** A hand-written check that records the seeds it is run with. */
function recording(name: string, seeds: number[], key?: string, passed = true): Check {
  return {
    name,
    ...(key !== undefined ? { key } : {}),
    backend: 'scalar-f64',
    async run(c) {
      seeds.push(c.seed);
      return {
        name,
        backend: 'scalar-f64',
        sizes: [],
        cases: 1,
        maxError: passed ? 0 : 1,
        tolerance: 0,
        toleranceReason: 'exact',
        passed,
        ms: 0,
        ...(passed
          ? {}
          : {
              counterexample: { input: 0, measured: { value: 1, bound: 0, relation: '<=' } },
              replay: { seed: c.seed, path: '0' },
            }),
      };
    },
    control: {
      description: 'always fails',
      check: {
        name: `${name} [control]`,
        backend: 'scalar-f64',
        async run(c) {
          seeds.push(c.seed);
          return {
            name,
            backend: 'scalar-f64',
            sizes: [],
            cases: 1,
            maxError: 1,
            tolerance: 0,
            toleranceReason: 'exact',
            passed: false,
            ms: 0,
            counterexample: { input: 0, measured: { value: 1, bound: 0, relation: '<=' } },
          };
        },
      },
    },
  };
}

describe('pre: cases outside the hypotheses are skipped, never vacuous passes', () => {
  test('skipped cases are replaced by fresh ones, counted and their reasons reported', async () => {
    // "x/2 is an integer" holds only under the hypothesis "x even": without pre it would fail.
    const c = forAll({
      name: 'x even ⇒ x/2 ∈ ℤ',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 1000 }),
      toleranceReason: 'exact',
      numRuns: 50,
      measure: (x) => {
        pre(x % 2 === 0, 'x is odd');
        return { value: Number.isInteger(x / 2) ? 0 : 1, bound: 0 };
      },
    });
    const o = await run(c);
    expect(o.error).toBeUndefined();
    expect(o.passed).toBe(true);
    expect(o.cases).toBe(50); // every one of the 50 runs satisfied the hypothesis
    expect(o.skipped).toBeGreaterThan(0);
    expect(o.skipReasons).toEqual(['x is odd']);
  });
  test('a check that skips nothing reports no skip fields', async () => {
    const o = await run(nonNegative);
    expect(o.skipped).toBeUndefined();
    expect(o.skipReasons).toBeUndefined();
  });
  test('distinct reasons are kept in the order first seen, at most five', async () => {
    const c = forAll({
      name: 'many reasons',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 99 }),
      toleranceReason: 'exact',
      numRuns: 30,
      measure: (x) => {
        pre(x % 10 === 0, `last digit ${x % 10}`);
        return { value: 0, bound: 0 };
      },
    });
    const o = await run(c);
    expect(o.passed).toBe(true);
    expect(o.skipReasons).toHaveLength(5);
    expect(new Set(o.skipReasons).size).toBe(5);
    for (const r of o.skipReasons!) expect(r).toMatch(/^last digit [1-9]$/);
  });
  test('if the hypothesis holds in no generated case, the check is an error saying so (fast-check gave up)', async () => {
    const c = forAll({
      name: 'never in scope',
      backend: 'scalar-f64',
      arbitrary: fc.integer(),
      toleranceReason: 'exact',
      numRuns: 20,
      maxSkipsPerRun: 3,
      measure: () => {
        pre(false, 'the matrix is singular');
        return { value: 0, bound: 1 };
      },
    });
    const o = await run(c);
    expect(o.passed).toBe(false);
    expect(o.error).toMatch(
      /^the hypothesis held in none of 61 generated cases: every case was skipped \('the matrix is singular'\)/,
    );
    expect(o.skipped).toBe(61);
    expect(o.skipReasons).toEqual(['the matrix is singular']);
  });
  test('a claim whose only check skips everything is an error, not a pass', async () => {
    claim('a-none');
    const c = forAll({
      name: 'none',
      backend: 'scalar-f64',
      arbitrary: fc.integer(),
      toleranceReason: 'exact',
      numRuns: 5,
      maxSkipsPerRun: 2,
      measure: () => {
        pre(false, 'out of scope');
        return { value: 0, bound: 1 };
      },
    });
    const r = await runClaim('a-none', { checks: [c] }, opts);
    expect(r.verdict).toBe('error');
    expect(r.error).toMatch(/check 'none': the hypothesis held in none of 11 generated cases/);
  });
  test('when fast-check gives up after some cases held, the check is an error naming how few held', async () => {
    const c = forAll({
      name: 'rarely in scope',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 10_000 }),
      toleranceReason: 'exact',
      numRuns: 100,
      maxSkipsPerRun: 1,
      measure: (x) => {
        pre(x % 50 === 0, 'x not a multiple of 50');
        return { value: 0, bound: 1 };
      },
    });
    const o = await run(c);
    expect(o.error).toMatch(
      /^the hypothesis held in only \d+ of \d+ generated cases \(\d+ skipped \('x not a multiple of 50'\)\); fast-check gave up before the 100 runs asked for/,
    );
  });
  test("fast-check's own fc.pre is a skip too, with a generic reason", async () => {
    const c = forAll({
      name: 'fc.pre',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 9 }),
      toleranceReason: 'exact',
      numRuns: 20,
      measure: (x) => {
        fc.pre(x > 2);
        return { value: x, bound: 3, relation: '>=' };
      },
    });
    const o = await run(c);
    expect(o.passed).toBe(true);
    expect(o.skipped).toBeGreaterThan(0);
    expect(o.skipReasons![0]).toMatch(/^fc\.pre\(false\)/);
  });
  test('shrinking stays inside the hypotheses: the shrunk counterexample satisfies them', async () => {
    // "x even ⇒ x < 100" is false; every value shrinking tries that is odd is skipped, not taken as a
    // counterexample (fast-check's integer shrinker may then stop above 100: it is still even).
    const c = forAll({
      name: 'x even ⇒ x < 100',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 1000 }),
      toleranceReason: 'exact',
      measure: (x) => {
        pre(x % 2 === 0, 'x is odd');
        return { value: x, bound: 99 };
      },
    });
    const o = await run(c);
    expect(o.passed).toBe(false);
    const ce = o.counterexample as { input: number; measured: { value: number } };
    expect(ce.input % 2).toBe(0);
    expect(ce.input).toBeGreaterThan(99);
    expect(ce.measured.value).toBe(ce.input);
  });
  test('pre needs a reason', async () => {
    const c = forAll({
      name: 'no reason',
      backend: 'scalar-f64',
      arbitrary: fc.integer(),
      toleranceReason: 'exact',
      measure: (x) => {
        pre(x > 0, ' ');
        return { value: 0, bound: 1 };
      },
    });
    const o = await run(c);
    expect(o.error).toMatch(/measure threw: pre\(condition, why\): say which hypothesis/);
  });
  test('pre in a compute check is an error (explicit cases cannot be replaced)', async () => {
    const c = compute({
      name: 'explicit',
      backend: 'scalar-f64',
      toleranceReason: 'exact',
      run: () => {
        pre(false, 'n < 2');
        return { value: 0, bound: 1 };
      },
    });
    const o = await run(c);
    expect(o.error).toMatch(/outside the statement's hypotheses \(pre failed: n < 2\); pre skips only forAll cases/);
  });
  test('pre is exported by the authoring entry module', async () => {
    const api = await import('../src/claim.js');
    expect(api.pre).toBe(pre);
  });
});

describe('what was worst: closest and most severe cases', () => {
  test('a passing forAll records the case closest to failing, through show', async () => {
    const c = forAll({
      name: 'x ≤ 100',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 60 }),
      toleranceReason: 'exact',
      numRuns: 200,
      measure: (x) => ({ value: x, bound: 100, detail: { x } }),
      show: (x) => `x = ${x}`,
    });
    const o = await run(c);
    expect(o.passed).toBe(true);
    expect(o.closest).toEqual({
      input: `x = ${o.maxError}`,
      measured: { value: o.maxError, bound: 100, relation: '<=', detail: { x: o.maxError } },
    });
    expect(o.maxError).toBe(60); // 200 runs over 0..60 reach the end (fast-check biases toward bounds)
  });
  test('under ≥ the closest case is the smallest value', async () => {
    const o = await run(nonNegative);
    expect(o.closest?.measured).toMatchObject({ relation: '>=', bound: 0 });
    expect(o.closest?.measured.value).toBe(o.maxError);
  });
  test('a failing forAll keeps the most severe counterexample next to the shrunk one', async () => {
    const c = forAll({
      name: 'x < 10',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 1000 }),
      toleranceReason: 'exact',
      measure: (x) => ({ value: x, bound: 9 }),
    });
    const o = await run(c);
    expect(o.passed).toBe(false);
    const ce = o.counterexample as { input: number; measured: { value: number }; mostSevere: ClosestCase };
    expect(ce.input).toBe(10);
    expect(ce.mostSevere.measured).toEqual({ value: o.maxError, bound: 9, relation: '<=', detail: null });
    expect(ce.mostSevere.input).toBe(o.maxError);
    expect(ce.mostSevere.measured.value).toBeGreaterThan(ce.measured.value);
    expect(o.closest).toBeUndefined();
  });
  test("the claim's counterexample carries mostSevere too", async () => {
    claim('a-severe', 'fail');
    const c = forAll({
      name: 'x < 10',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 1000 }),
      toleranceReason: 'exact',
      measure: (x) => ({ value: x, bound: 9 }),
    });
    const r = await runClaim('a-severe', withTriage({ checks: [c], corrected: [nonNegative] }), opts);
    expect(r.verdict).toBe('fail');
    expect(r.counterexample).toMatchObject({ check: 'x < 10', input: 10, mostSevere: { measured: { bound: 9 } } });
  });
  test('compute records the closest case with its index and input', async () => {
    const c = compute({
      name: 'three cases',
      backend: 'scalar-f64',
      toleranceReason: 'exact',
      inputs: ['a', 'b', 'c'],
      run: () => [1, 3, 2].map((v) => ({ value: v, bound: 5 })),
    });
    const o = await run(c);
    expect(o.passed).toBe(true);
    expect(o.closest).toEqual({ input: 'b', index: 1, measured: { value: 3, bound: 5, relation: '<=', detail: null } });
    const unnamed = await run(
      compute({
        name: 'unnamed',
        backend: 'scalar-f64',
        toleranceReason: 'exact',
        run: () => [
          { value: 1, bound: 5 },
          { value: 4, bound: 5 },
        ],
      }),
    );
    expect(unnamed.closest).toMatchObject({ input: 'case 2 of 2', index: 1 });
  });
  test('a failing compute keeps the first failing case as evidence and the worst beside it', async () => {
    const c = compute({
      name: 'fails',
      backend: 'scalar-f64',
      toleranceReason: 'exact',
      inputs: ['a', 'b', 'c'],
      run: () => [6, 9, 7].map((v) => ({ value: v, bound: 5 })),
    });
    const o = await run(c);
    expect(o.passed).toBe(false);
    expect(o.counterexample).toEqual({
      input: 'a',
      measured: { value: 6, bound: 5, relation: '<=', detail: null },
      mostSevere: { input: 'b', index: 1, measured: { value: 9, bound: 5, relation: '<=', detail: null } },
    });
    expect(o.maxError).toBe(9);
  });
  test('a step that fails or errors keeps its input; a holding step has none', async () => {
    claim('a-steps', 'pass', "steps:\n  - statement: 'holds'\n  - statement: 'breaks'\n  - statement: 'throws'\n");
    const breaks = forAll({
      name: 'x < 10',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 1000 }),
      toleranceReason: 'exact',
      measure: (x) => ({ value: x, bound: 9 }),
    });
    const throws = forAll({
      name: 'throws',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 3, max: 3 }),
      toleranceReason: 'exact',
      measure: () => {
        throw new Error('boom');
      },
    });
    const r = await runClaim(
      'a-steps',
      {
        checks: [nonNegative],
        steps: [step('numeric', nonNegative), step('numeric', breaks), step('numeric', throws)],
      },
      opts,
    );
    expect(r.steps[0].counterexample).toBeUndefined();
    expect(r.steps[1]).toMatchObject({
      verdict: 'fail',
      counterexample: { input: 10, measured: { value: 10, bound: 9 } },
    });
    expect(r.steps[2]).toMatchObject({ verdict: 'error', counterexample: { input: 3 } });
    expect(r.firstBrokenStep).toBe(2);
  });
});

describe('stable identities: check keys', () => {
  test('seeds derive from the key, so renaming a keyed check keeps its seed', async () => {
    const seeds: number[] = [];
    claim('a-key');
    await runClaim('a-key', { checks: [recording('old wording', seeds, 'k1')] }, opts);
    await runClaim('a-key', { checks: [recording('new wording', seeds, 'k1')] }, opts);
    const headline = deriveSeed(11, 'a-key', 'headline', 'k1');
    const control = deriveSeed(11, 'a-key', 'control', 'k1');
    expect(seeds).toEqual([headline, control, headline, control]);
  });
  test('without a key the name is the key: seeds are what they always were', async () => {
    const seeds: number[] = [];
    claim('a-nokey');
    await runClaim('a-nokey', { checks: [recording('plain', seeds)] }, opts);
    expect(seeds).toEqual([
      deriveSeed(11, 'a-nokey', 'headline', 'plain'),
      deriveSeed(11, 'a-nokey', 'control', 'plain'),
    ]);
  });
  test('steps and corrected checks are seeded by key', async () => {
    const seeds: number[] = [];
    claim('a-groups', 'fail', "steps:\n  - statement: 's'\n");
    const failing = recording('fails', [], 'f', false);
    await runClaim(
      'a-groups',
      withTriage({
        checks: [failing],
        steps: [step('numeric', recording('step wording', seeds, 'sk'))],
        corrected: [recording('corrected wording', seeds, 'ck')],
      }),
      opts,
    );
    expect(seeds).toEqual([deriveSeed(11, 'a-groups', 'step', 'sk'), deriveSeed(11, 'a-groups', 'corrected', 'ck')]);
  });
  test('mutant controls and npm run mutants use the mutant key and the check key, and agree', async () => {
    const seen: { claim: number[]; mutants: number[] } = { claim: [], mutants: [] };
    let sink = seen.claim;
    const rec = (p: { b: number }): Check[] => [
      {
        name: `records (b = ${p.b})`,
        key: 'records',
        backend: 'scalar-f64',
        async run(c) {
          sink.push(c.seed);
          const fails = p.b !== 0;
          return {
            name: 'x',
            backend: 'scalar-f64',
            sizes: [],
            cases: 1,
            maxError: p.b,
            tolerance: 0,
            toleranceReason: '',
            passed: !fails,
            ms: 0,
            ...(fails ? { counterexample: { input: 0, measured: { value: p.b, bound: 0, relation: '<=' } } } : {}),
          };
        },
      },
    ];
    const s: ClaimSpec<{ b: number }> = {
      parts: { b: 0 },
      checks: rec,
      mutants: [{ name: 'b → 1 (reworded)', key: 'b1', parts: { b: 1 } }],
    };
    claim('a-mut');
    const r = await runClaim('a-mut', s, opts);
    expect(r.checks[0]).toMatchObject({ name: 'records (b = 0)', key: 'records', power: 'control-refuted' });
    sink = seen.mutants;
    const out = await runMutants('a-mut', s, opts);
    expect(out[0].status).toBe('killed');
    const mutantSeed = deriveSeed(11, 'a-mut', 'mutant', 'b1', 'records');
    expect(seen.claim).toEqual([deriveSeed(11, 'a-mut', 'headline', 'records'), mutantSeed]);
    expect(seen.mutants).toEqual([mutantSeed]);
  });
  test('builders accept key; step() and withControl() keep it; the outcome records it only when it differs from the name', async () => {
    const f = forAll({
      name: 'F',
      key: 'f',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 3 }),
      toleranceReason: 'exact',
      numRuns: 5,
      measure: (x) => ({ value: x, bound: 0, relation: '>=' }),
    });
    const c = compute({
      name: 'C',
      key: 'c',
      backend: 'scalar-f64',
      toleranceReason: 'exact',
      run: () => ({ value: 0, bound: 1 }),
    });
    const s = statistic({
      name: 'S',
      key: 's',
      backend: 'scalar-f64',
      toleranceReason: 'exact',
      run: () => ({
        name: 'm',
        estimate: 0,
        ci: [-1, 1],
        confidence: 0.99,
        samples: 10,
        decision: { kind: 'contains', value: 0 },
      }),
    });
    expect([f.key, c.key, s.key]).toEqual(['f', 'c', 's']);
    expect(step('numeric', f).key).toBe('f');
    expect(withControl(c, 'wrong', s).key).toBe('c');
    expect((await run(f)).key).toBe('f');
    expect((await run(c)).key).toBe('c');
    expect((await run(s)).key).toBe('s');
    const same = compute({
      name: 'same',
      key: 'same',
      backend: 'scalar-f64',
      toleranceReason: 'exact',
      run: () => ({ value: 0, bound: 1 }),
    });
    expect('key' in (await run(same))).toBe(false);
    expect(
      'key' in
        (await run(
          compute({
            name: 'none',
            backend: 'scalar-f64',
            toleranceReason: 'exact',
            run: () => ({ value: 0, bound: 1 }),
          }),
        )),
    ).toBe(false);
    // A control check does not inherit the key (its seed is derived from the headline's key).
    expect(
      forAll({
        name: 'G',
        key: 'g',
        backend: 'scalar-f64',
        arbitrary: fc.integer(),
        toleranceReason: 'exact',
        measure: () => ({ value: 0, bound: 1 }),
        control: { description: 'd', measure: () => ({ value: 2, bound: 1 }) },
      }).control!.check.key,
    ).toBeUndefined();
  });
  test('the engine owns key: a hand-written outcome cannot claim another', async () => {
    const c: Check = {
      name: 'h',
      backend: 'scalar-f64',
      async run() {
        return {
          name: 'h',
          key: 'spoofed',
          backend: 'scalar-f64',
          sizes: [],
          cases: 1,
          maxError: 0,
          tolerance: 1,
          toleranceReason: '',
          passed: true,
          ms: 0,
        } as CheckOutcome;
      },
    };
    expect('key' in (await run(c))).toBe(false);
  });
  test('the replay entry carries the key, and a replay matches by key even after a rename', async () => {
    claim('a-replay', 'fail');
    const mk = (name: string) =>
      forAll({
        name,
        key: 'below-ten',
        backend: 'scalar-f64',
        arbitrary: fc.integer({ min: 0, max: 1000 }),
        toleranceReason: 'exact',
        measure: (x) => ({ value: x, bound: 9 }),
      });
    const first = await runClaim('a-replay', withTriage({ checks: [mk('x < 10')], corrected: [nonNegative] }), opts);
    expect(first.replay).toMatchObject({ check: 'x < 10', key: 'below-ten' });
    expect(first.checks[0].key).toBe('below-ten');
    const replay = {
      claim: 'a-replay',
      check: 'x < 10',
      key: 'below-ten',
      seed: first.replay!.seed,
      path: first.replay!.path,
    };
    const again = await runClaim(
      'a-replay',
      withTriage({ checks: [mk('x is less than ten')], corrected: [nonNegative] }),
      { ...opts, replay },
    );
    expect(again.counterexample).toMatchObject({ input: 10 });
    expect(again.checks[0].counterexample).toMatchObject({ numShrinks: 0 }); // straight to the counterexample: no search
  });
  test('replay matching: key when the request has one, else check as key or name', () => {
    const c = { name: 'display', key: 'k', backend: 'scalar-f64', run: async () => ({}) } as unknown as Check;
    const r = { claim: 'x', seed: 1, path: '0' };
    expect(replayMatches({ ...r, check: 'whatever', key: 'k' }, c)).toBe(true);
    expect(replayMatches({ ...r, check: 'display', key: 'other' }, c)).toBe(false);
    expect(replayMatches({ ...r, check: 'k' }, c)).toBe(true);
    expect(replayMatches({ ...r, check: 'display' }, c)).toBe(true);
    expect(replayMatches({ ...r, check: 'nope' }, c)).toBe(false);
  });
  test('spec checks: duplicate keys, empty keys, duplicate mutant keys', async () => {
    claim('a-spec');
    const mk = (name: string, key?: string) =>
      compute({
        name,
        ...(key !== undefined ? { key } : {}),
        backend: 'scalar-f64',
        toleranceReason: 'exact',
        run: () => ({ value: 0, bound: 1 }),
      });
    let r = await runClaim('a-spec', { checks: [mk('A', 'k'), mk('B', 'k')] }, opts);
    expect(r.error).toMatch(/field 'checks' has two checks with key 'k' \('A' and 'B'/);
    r = await runClaim('a-spec', { checks: [mk('A', 'B'), mk('B')] }, opts);
    expect(r.error).toMatch(/two checks with key 'B'/);
    r = await runClaim('a-spec', { checks: [mk('A', '')] }, opts);
    expect(r.error).toMatch(/field 'checks\[0\]\.key' \('A'\) is an empty string/);
    r = await runClaim(
      'a-spec',
      {
        parts: { b: 0 },
        checks: () => [mk('A')],
        mutants: [
          { name: 'm1', key: 'x', parts: { b: 1 } },
          { name: 'm2', key: 'x', parts: { b: 2 } },
        ],
      },
      opts,
    );
    expect(r.error).toMatch(/field 'mutants\[1\]\.key': two mutants have key 'x'/);
  });
});

describe('MatrixCase inputs: size and show default to sizeOf and showMatrixCase', () => {
  test('isMatrixCase recognises the shape and nothing else', () => {
    expect(isMatrixCase({ kind: 'integer', rows: 1, cols: 1, entries: [[1]] })).toBe(true);
    expect(isMatrixCase({ kind: 'spectral', rows: 2, cols: 1, entries: [[1], [2]], sigma: [1] })).toBe(true);
    for (const x of [
      null,
      3,
      [[1]],
      { kind: 'other', rows: 1, cols: 1, entries: [[1]] },
      { kind: 'integer', rows: 1.5, cols: 1, entries: [] },
      { kind: 'integer', rows: 1, cols: 1 },
    ])
      expect(isMatrixCase(x)).toBe(false);
  });
  test('a passing forAll over matrices() reports sizes and a readable closest input without size/show', async () => {
    const c = forAll({
      name: '‖G‖ ≥ 0',
      backend: 'ml-matrix-f64',
      arbitrary: matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 4 } }),
      toleranceReason: 'exact',
      numRuns: 30,
      measure: () => ({ value: 0, bound: 0, relation: '>=' }),
    });
    const o = await run(c);
    expect(o.passed).toBe(true);
    expect(o.sizes.length).toBeGreaterThan(1);
    for (const [r, k] of o.sizes) expect(r >= 1 && r <= 4 && k >= 1 && k <= 4).toBe(true);
    expect(o.closest?.input).toMatchObject({ shape: expect.stringMatching(/^\d+x\d+$/), G: expect.any(Array) });
  });
  test('a failing forAll over matrices() shows its counterexample with showMatrixCase', async () => {
    const c = forAll({
      name: 'G has one row',
      backend: 'ml-matrix-f64',
      arbitrary: matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 3 } }),
      toleranceReason: 'exact',
      measure: (g) => ({ value: g.rows, bound: 1 }),
    });
    const o = await run(c);
    expect(o.passed).toBe(false);
    const ce = o.counterexample as { input: { shape: string; G: number[][] }; mostSevere: ClosestCase };
    expect(ce.input.shape).toMatch(/^2x\d$/);
    expect(ce.input.G).toHaveLength(2);
    expect(ce.mostSevere.input).toMatchObject({ shape: expect.stringMatching(/^\d+x\d$/) });
  });
  test('explicit size and show win over the defaults; other inputs record no size', async () => {
    const c = forAll({
      name: 'custom',
      backend: 'ml-matrix-f64',
      arbitrary: matrices({ rows: { min: 2, max: 2 }, cols: { min: 2, max: 2 } }),
      toleranceReason: 'exact',
      numRuns: 5,
      size: () => [9, 9],
      show: () => 'mine',
      measure: () => ({ value: 0, bound: 1 }),
    });
    const o = await run(c);
    expect(o.sizes).toEqual([[9, 9]]);
    expect(o.closest?.input).toBe('mine');
    const plain = await run(
      forAll({
        name: 'ints',
        backend: 'scalar-f64',
        arbitrary: fc.integer(),
        toleranceReason: 'exact',
        numRuns: 5,
        measure: () => ({ value: 0, bound: 1 }),
      }),
    );
    expect(plain.sizes).toEqual([]);
  });
});

describe('sizes as they ran', () => {
  test('compute takes sizes as a function of the context (heavy mode runs more sizes)', async () => {
    const c = compute({
      name: 'at scale',
      backend: 'gpu.js-f32',
      toleranceReason: 'exact',
      sizes: (cx) => (cx.heavy ? [1024, 2048, 4096] : [1024]).map((n): [number, number] => [n, n]),
      run: () => ({ value: 0, bound: 1 }),
    });
    expect((await run(c)).sizes).toEqual([[1024, 1024]]);
    expect((await run(c, { heavy: true })).sizes).toEqual([
      [1024, 1024],
      [2048, 2048],
      [4096, 4096],
    ]);
  });
  test('a sizes function that throws costs the sizes (logged), never the verdict', async () => {
    const logs: string[] = [];
    const c = compute({
      name: 'bad sizes',
      backend: 'scalar-f64',
      toleranceReason: 'exact',
      sizes: () => {
        throw new Error('oops');
      },
      run: () => ({ value: 0, bound: 1 }),
    });
    const o = await run(c, { log: (m) => logs.push(m) });
    expect(o.passed).toBe(true);
    expect(o.sizes).toEqual([]);
    expect(logs.join('\n')).toMatch(/sizes\(ctx\) threw \(oops\)/);
  });
  test('the report lists up to five shapes in the order they ran, and the range beyond that', () => {
    expect(
      sizesText([
        [1024, 1024],
        [2048, 2048],
        [4096, 4096],
      ]),
    ).toBe('1024×1024, 2048×2048, 4096×4096');
    expect(
      sizesText([
        [3, 3],
        [1, 2],
        [5, 4],
        [2, 2],
        [1, 1],
        [4, 4],
      ]),
    ).toBe('6 shapes, 1×1 … 5×4');
    expect(sizesText([])).toBe('—');
  });
});

describe('the report shows the new fields', () => {
  test('the replay command names the check by its key when it has one', () => {
    const base = errorResult('a-cmd', '', { claim: null, property: null });
    const env = { seed: 3, environment: { node: 'v20', gpuBackend: 'webasm', cpus: 2 } } as Pick<
      Report,
      'seed' | 'environment'
    >;
    expect(
      replayCommands({ ...base, replay: { seed: 1, path: '2:0', check: 'x < 10', key: 'below-ten' } }, env)[0].command,
    ).toBe('npm run replay -- a-cmd --check below-ten --seed 1 --path 2:0');
    expect(replayCommands({ ...base, replay: { seed: 1, path: '2:0', check: 'x < 10' } }, env)[0].command).toBe(
      "npm run replay -- a-cmd --check 'x < 10' --seed 1 --path 2:0",
    );
  });
  test("key, skipped cases, closest case, most severe counterexample and a step's counterexample are rendered", async () => {
    const check: CheckOutcome = {
      name: 'display name',
      key: 'stable-key',
      backend: 'ml-matrix-f64',
      sizes: [[2, 2]],
      cases: 10,
      maxError: 0.5,
      tolerance: 1,
      toleranceReason: 'exact',
      passed: true,
      ms: 1,
      skipped: 7,
      skipReasons: ['G is singular'],
      closest: {
        input: {
          shape: '2x2',
          G: [
            [1, 2],
            [3, 4],
          ],
        },
        measured: { value: 0.5, bound: 1, relation: '<=', detail: null },
      },
    };
    const failing = {
      ...check,
      name: 'fails',
      key: undefined,
      passed: false,
      closest: undefined,
      counterexample: {
        input: 1,
        measured: { value: 0.67999, bound: 0.68, relation: '>=', detail: null },
        mostSevere: { input: 7, measured: { value: 0.47, bound: 0.68, relation: '>=', detail: null } },
      },
    };
    const c = {
      ...errorResult('a-render', '', { claim: 'claims/a-render.md', property: 'properties/a-render.property.ts' }),
      title: 't',
      source: { document: 'd.txt', locator: 'here' },
      statement: 's',
      reading: 'r',
      verdict: 'fail' as const,
      expected: 'fail' as const,
      error: null,
      checks: [check, failing],
      counterexample: { check: 'fails', ...failing.counterexample },
      steps: [
        {
          index: 1,
          statement: 'step',
          verdict: 'fail' as const,
          method: 'numeric' as const,
          detail: 'FAILS',
          counterexample: { input: 42, measured: { value: 2, bound: 1, relation: '<=' as const, detail: null } },
        },
      ],
      firstBrokenStep: 1,
    };
    const report: Report = {
      schemaVersion: 1,
      runId: 'r',
      generatedAt: '2026-01-01T00:00:00.000Z',
      seed: 1,
      environment: { node: 'v20', gpuBackend: 'webasm', cpus: 2 },
      summary: { total: 1, pass: 0, fail: 1, error: 0, unchecked: 0, unexpected: 0 },
      claims: [c],
    };
    const html = await renderHtml(report);
    expect(html).toContain('key <code>stable-key</code>');
    expect(html).toContain('7 cases outside the hypotheses skipped: G is singular');
    expect(html).toMatch(/<span class="ce-label">Closest<\/span>/);
    expect(html).toMatch(
      /<span class="ce-label">Most severe<\/span> <span class="num">0\.47<\/span> ≥ <span class="num">0\.68<\/span>/,
    );
    expect(html).toContain('where it breaks');
    expect(html).toContain('<span class="num">42</span>');
  });
});

describe('heavy mode reports the sizes that ran', () => {
  test('atScaleShapes lists the base size, and 2048 and 4096 (columns scaled alike) in heavy mode', async () => {
    const { atScaleShapes } = await import('../src/checks/atScale/heavySizes.js');
    const ctx = (heavy: boolean) => ({ seed: 1, heavy, log: () => {} });
    expect(atScaleShapes(1024, 2048)(ctx(false))).toEqual([[1024, 2048]]);
    expect(atScaleShapes(1024, 2048)(ctx(true))).toEqual([
      [1024, 2048],
      [2048, 4096],
      [4096, 8192],
    ]);
    expect(atScaleShapes(2048, 1024)(ctx(true))).toEqual([
      [2048, 1024],
      [4096, 2048],
    ]);
  });
});
