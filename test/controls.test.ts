import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compute, step } from '../src/engine/verify/checks/compute.js';
import { withControl } from '../src/engine/verify/checks/control.js';
import { forAll } from '../src/engine/verify/checks/forAll.js';
import { statistic } from '../src/engine/verify/checks/statistic.js';
import { runMutants } from '../src/engine/verify/mutants.js';
import { scalarIdentity } from '../src/checks/scalarIdentity.js';
import { runClaim } from '../src/engine/verify/runClaim.js';
import { deriveSeed } from '../src/engine/verify/seed.js';
import type { Check, CheckContext, ClaimSpec } from '../src/engine/verify/types.js';
import { scratchSuite, withTriage } from './claimFixture.js';

const { paths, claim } = scratchSuite('controls-');
const opts = { paths, seed: 7, heavy: false };

/** x ≥ bound on x ∈ [lo, hi]: holds iff lo ≥ bound. */
function atLeast(name: string, bound: number, lo = 0, hi = 9): Check {
  return forAll({
    name,
    backend: 'scalar-f64',
    arbitrary: fc.integer({ min: lo, max: hi }),
    numRuns: 30,
    toleranceReason: 'exact',
    measure: (x) => ({ value: x, bound, relation: '>=' }),
  });
}

describe('builders declare controls', () => {
  test('forAll: a replaced measure, or a replaced arbitrary, is run as the control', async () => {
    claim('c-forall');
    const byMeasure = forAll({
      name: 'x ≥ 0 (measure control)',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 9 }),
      numRuns: 30,
      toleranceReason: 'exact',
      measure: (x) => ({ value: x, bound: 0, relation: '>=' }),
      control: { description: 'x ≥ 1', measure: (x) => ({ value: x, bound: 1, relation: '>=' }) },
    });
    const byInput = forAll({
      name: 'x ≥ 0 (input control)',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: 0, max: 9 }),
      numRuns: 30,
      toleranceReason: 'exact',
      measure: (x) => ({ value: x, bound: 0, relation: '>=' }),
      control: { description: 'negative inputs', arbitrary: fc.integer({ min: -9, max: -1 }) },
    });
    const r = await runClaim('c-forall', { checks: [byMeasure, byInput] }, opts);
    expect(r.verdict).toBe('pass');
    for (const c of r.checks)
      expect(c).toMatchObject({ power: 'control-refuted', control: { source: 'explicit', outcome: 'refuted' } });
    expect(r.checks[0].control?.description).toBe('x ≥ 1');
    expect(r.checks[1].control?.detail).toMatch(/^FAILS .*counterexample/);
  });
  test('forAll: a control that replaces nothing is refused when the check is built', () => {
    expect(() =>
      forAll({
        name: 'x',
        backend: 'scalar-f64',
        arbitrary: fc.integer(),
        toleranceReason: '',
        measure: () => ({ value: 0, bound: 1 }),
        control: { description: 'nothing' },
      }),
    ).toThrow(/control 'nothing' replaces neither 'measure' nor 'arbitrary'/);
  });
  test('compute and statistic take a control run', async () => {
    claim('c-compute');
    const c = compute({
      name: '1 ≤ 2',
      backend: 'scalar-f64',
      toleranceReason: 'exact',
      run: () => ({ value: 1, bound: 2 }),
      control: { description: '3 ≤ 2', run: () => ({ value: 3, bound: 2 }) },
    });
    const s = statistic({
      name: 'mean = 0',
      backend: 'scalar-f64',
      toleranceReason: 'ci',
      run: () => ({
        name: 'mean',
        estimate: 0.01,
        ci: [-0.1, 0.12],
        confidence: 0.99,
        samples: 50,
        decision: { kind: 'contains', value: 0 },
      }),
      control: {
        description: 'shifted by 1',
        run: () => ({
          name: 'mean',
          estimate: 1.01,
          ci: [0.9, 1.12],
          confidence: 0.99,
          samples: 50,
          decision: { kind: 'contains', value: 0 },
        }),
      },
    });
    const r = await runClaim('c-compute', { checks: [c, s] }, opts);
    expect(r.verdict).toBe('pass');
    expect(r.checks.map((o) => o.power)).toEqual(['control-refuted', 'control-refuted']);
    expect(r.checks[1].control?.detail).toMatch(/pass iff 0 ∈ CI/);
  });
  test('withControl attaches a control to any check, and step() keeps it', async () => {
    claim('c-with');
    const seen: number[] = [];
    const recorder: Check = {
      name: 'records its seed',
      backend: 'scalar-f64',
      async run(ctx: CheckContext) {
        seen.push(ctx.seed);
        return {
          name: 'records its seed',
          backend: 'scalar-f64',
          sizes: [],
          cases: 1,
          maxError: 3,
          tolerance: 2,
          toleranceReason: '',
          passed: false,
          ms: 0,
          counterexample: { input: 0, measured: { value: 3, bound: 2, relation: '<=', detail: null } },
        };
      },
    };
    const checked = withControl(atLeast('x ≥ 0', 0), 'records', recorder);
    expect(checked.control?.description).toBe('records');
    const asStep = step('numeric', checked);
    expect(asStep.control).toBe(checked.control);
    const r = await runClaim('c-with', { checks: [checked] }, opts);
    expect(r.checks[0].power).toBe('control-refuted');
    // The control's seed derives from the run seed, the claim id, 'control' and the check's name.
    expect(seen).toEqual([deriveSeed(7, 'c-with', 'control', 'x ≥ 0')]);
    expect(() => withControl(checked, '', recorder)).toThrow(/non-empty description/);
    expect(() => withControl(checked, 'self', checked)).toThrow(/is the check itself/);
  });
});

test('scalarIdentity takes a control with a replaced side', async () => {
  claim('c-scalar');
  const id = scalarIdentity({
    name: '(a+b)² = a² + 2ab + b²',
    lhs: '(a+b)^2',
    rhs: 'a^2 + 2*a*b + b^2',
    variables: { a: { min: -3, max: 3 }, b: { min: -3, max: 3 } },
    points: 20,
    control: { description: 'dropped 2ab', rhs: 'a^2 + b^2' },
  });
  const r = await runClaim('c-scalar', { checks: [id] }, opts);
  expect(r.verdict).toBe('pass');
  expect(r.checks[0]).toMatchObject({
    power: 'control-refuted',
    control: { description: 'dropped 2ab', outcome: 'refuted' },
  });
  expect(() =>
    scalarIdentity({
      name: 'x',
      lhs: 'a',
      rhs: 'a',
      variables: { a: { min: 0, max: 1 } },
      control: { description: 'nothing' },
    }),
  ).toThrow(/replaces neither side nor the relation/);
});

describe('power and the powerless rule', () => {
  test('a failing check shows its power by failing; a passing one needs a refuted control', async () => {
    claim('c-mixed', 'fail');
    const failing = atLeast('x ≥ 5', 5);
    const guarded = withControl(atLeast('x ≥ 0', 0), 'x ≥ 1', atLeast('x ≥ 1', 1));
    const bare = atLeast('x ≥ −1', -1);
    const r = await runClaim('c-mixed', withTriage({ checks: [failing, guarded, bare], corrected: [guarded] }), opts);
    expect(r.verdict).toBe('fail');
    expect(r.checks.map((o) => o.power)).toEqual(['shown-by-failure', 'control-refuted', 'powerless']);
    expect(r.checks[0].control).toBeNull();
    expect(r.checks[2]).toMatchObject({ control: null, powerDetail: 'no negative control declared' });
  });
  test('one powerful check is enough for a pass; a control that errors only makes its own check powerless', async () => {
    claim('c-some');
    const guarded = withControl(atLeast('x ≥ 0', 0), 'x ≥ 1', atLeast('x ≥ 1', 1));
    const crashing: Check = {
      name: 'crashing control',
      backend: 'scalar-f64',
      run: async () => {
        throw new Error('kaput');
      },
    };
    const other = withControl(atLeast('x ≥ −3', -3), 'crashes', crashing);
    const lines: string[] = [];
    const r = await runClaim('c-some', { checks: [guarded, other] }, { ...opts, log: (m) => lines.push(m) });
    expect(r.verdict).toBe('pass');
    expect(r.error).toBeNull();
    expect(r.checks[1]).toMatchObject({ power: 'powerless', control: { outcome: 'error', source: 'explicit' } });
    expect(r.checks[1].powerDetail).toMatch(/control 'crashes' errored: check threw: kaput/);
    expect(lines.some((l) => /control of 'x ≥ 0' \('x ≥ 1'\): refuted/.test(l))).toBe(true);
    expect(lines.some((l) => /control of 'x ≥ −3' \('crashes'\): error — check threw: kaput/.test(l))).toBe(true);
  });
  test('every headline check powerless → error, naming each check and why', async () => {
    claim('c-none');
    const held = withControl(atLeast('x ≥ 0', 0), 'x ≥ −5 (true too)', atLeast('x ≥ −5', -5));
    const r = await runClaim('c-none', { checks: [held, atLeast('x ≥ −1', -1)] }, opts);
    expect(r.verdict).toBe('error');
    expect(r.headlineVerdict).toBe('pass');
    expect(r.error).toMatch(
      /every headline check is powerless .*'x ≥ 0' — control 'x ≥ −5 \(true too\)' held, 'x ≥ −1' — no negative control declared/,
    );
  });
});

describe('formula specs: headline = checks(parts); mutants serve as controls', () => {
  type P = { bound: number; shift: number };
  const spec: ClaimSpec<P> = {
    parts: { bound: 0, shift: 0 },
    // x + shift ≥ bound for x ∈ [0, 9]: holds iff shift ≥ bound.
    checks: (p) => [
      forAll({
        name: `x + ${p.shift} ≥ ${p.bound}`,
        backend: 'scalar-f64',
        arbitrary: fc.integer({ min: 0, max: 9 }),
        numRuns: 30,
        toleranceReason: 'exact',
        measure: (x) => ({ value: x + p.shift, bound: p.bound, relation: '>=' }),
      }),
    ],
    mutants: [
      { name: 'bound 0 → −0.5', parts: { bound: -0.5 }, equivalent: 'on integers x ≥ 0 ⇔ x ≥ −0.5' },
      { name: 'shift 0 → 2', parts: { shift: 2 } },
      { name: 'bound 0 → 1', parts: { bound: 1 } },
      { name: 'bound 0 → 2', parts: { bound: 2 } },
    ],
  };
  test('the first non-equivalent mutant that refutes the check is its control', async () => {
    claim('c-formula');
    const r = await runClaim('c-formula', spec, opts);
    expect(r.verdict).toBe('pass');
    expect(r.checks[0].name).toBe('x + 0 ≥ 0');
    expect(r.checks[0]).toMatchObject({
      power: 'control-refuted',
      control: { source: 'mutant', description: 'bound 0 → 1', outcome: 'refuted' },
    });
  });
  test('runMutants: equivalent, survived and killed, with the refuting check and its outcome', async () => {
    const out = await runMutants('c-formula', spec, opts);
    expect(out.map((m) => [m.mutation, m.status])).toEqual([
      ['bound 0 → −0.5', 'equivalent'],
      ['shift 0 → 2', 'survived'],
      ['bound 0 → 1', 'killed'],
      ['bound 0 → 2', 'killed'],
    ]);
    expect(out[0].why).toBe('on integers x ≥ 0 ⇔ x ≥ −0.5');
    expect(out[1].why).toBe("every headline check held: 'x + 2 ≥ 0'");
    expect(out[2]).toMatchObject({ claim: 'c-formula', by: 'x + 0 ≥ 1' });
    expect(out[2].why).toMatch(/^FAILS \[x \+ 0 ≥ 1; scalar-f64; \d+ cases\].*"input":0/);
  });
  test('runMutants: a mutant whose checks error (and none fails) is an error; no mutants, no outcomes', async () => {
    const erring: ClaimSpec<{ k: number }> = {
      parts: { k: 1 },
      checks: (p) => [
        compute({
          name: 'k ≤ 1',
          backend: 'scalar-f64',
          toleranceReason: 'exact',
          run: () => ({ value: p.k === 1 ? 1 : NaN, bound: 1 }),
        }),
      ],
      mutants: [{ name: 'k → 2', parts: { k: 2 } }],
    };
    const [m] = await runMutants('c-err', erring, opts);
    expect(m).toMatchObject({ status: 'error', mutation: 'k → 2' });
    expect(m.why).toMatch(/'k ≤ 1': measured value is NaN/);
    expect(await runMutants('c-err', { checks: [atLeast('x ≥ 0', 0)] }, opts)).toEqual([]);
  });
  test('runMutants: a malformed spec gives an error for each declared mutant, naming the file and field', async () => {
    const bad = {
      parts: { k: 1 },
      checks: () => [atLeast('x ≥ 0', 0)],
      mutants: [
        { name: 'a', parts: { q: 2 } },
        { name: 'b', parts: { k: 3 } },
      ],
    };
    const out = await runMutants('c-bad', bad as unknown as ClaimSpec, opts);
    expect(out.map((m) => m.status)).toEqual(['error', 'error']);
    expect(out[0].why).toMatch(
      /properties\/c-bad\.property\.ts: field 'mutants\[0\]\.parts' \(mutant 'a'\) names unknown part 'q'/,
    );
  });
  test('mutant seeds are shared between runMutants and the mutant controls', async () => {
    const seeds: Record<string, number[]> = { mutants: [], claim: [] };
    let sink = seeds.claim;
    const rec = (p: { b: number }): Check[] => [
      {
        name: 'records',
        backend: 'scalar-f64',
        async run(ctx) {
          sink.push(ctx.seed);
          const fails = p.b !== 0;
          return {
            name: 'records',
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
    const s: ClaimSpec<{ b: number }> = { parts: { b: 0 }, checks: rec, mutants: [{ name: 'b → 1', parts: { b: 1 } }] };
    claim('c-seeds');
    await runClaim('c-seeds', s, opts);
    sink = seeds.mutants;
    await runMutants('c-seeds', s, opts);
    const mutantSeed = deriveSeed(7, 'c-seeds', 'mutant', 'b → 1', 'records');
    expect(seeds.claim).toEqual([deriveSeed(7, 'c-seeds', 'headline', 'records'), mutantSeed]);
    expect(seeds.mutants).toEqual([mutantSeed]);
  });
  test('a mutant whose checks do not line up with the headline is a spec error', async () => {
    claim('c-lineup');
    const s = {
      parts: { n: 1 },
      checks: (p: { n: number }) => Array.from({ length: p.n }, (_, i) => atLeast(`x ≥ −${i}`, -i)),
      mutants: [{ name: 'n → 2', parts: { n: 2 } }],
    };
    const r = await runClaim('c-lineup', s, opts);
    expect(r.error).toMatch(/checks\(parts of mutant 'n → 2'\) returns 2 check\(s\) but the headline has 1/);
  });
});
