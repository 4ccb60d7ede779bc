/**
 * Engine unit tests for the failure triage (src/engine/verify/failure/triage.ts) and the property
 * files' failure builders (src/engine/verify/failure/declare.ts), in process and with hand-written
 * checks and probes where the exact path matters. Written so that Stryker's mutants of triage.ts
 * are killed: each test pins the messages, the `failure` record and the outcomes the triage builds.
 * End-to-end fixtures per kind are in test/failureKinds.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { forAll } from '../src/engine/verify/checks/forAll.js';
import type { Measurement } from '../src/engine/verify/checks/measurement.js';
import { runAndNormalize } from '../src/engine/verify/checks/outcome.js';
import type { ResolvedFailure } from '../src/engine/verify/checks/spec.js';
import { hypothesis, notation, substance, wording } from '../src/engine/verify/failure/declare.js';
import { brief, normalizeWords, triage, type TriageInput } from '../src/engine/verify/failure/triage.js';
import { describeOutcome } from '../src/engine/verify/runClaim.js';
import { exact } from '../src/engine/verify/tolerance.js';
import type { Check, CheckContext, CheckOutcome, InputProbe } from '../src/engine/verify/types.js';

const CTX: CheckContext = { seed: 1, heavy: false, log: () => {} };
const FILES = { claim: 'claims/c.md', property: 'properties/c.property.ts' };
const H = 'x ≥ 0';
const WHY = 'x is nonneg';

/** A CheckOutcome with plain defaults (a passing scalar check). */
function out(name: string, over: Partial<CheckOutcome> = {}): CheckOutcome {
  return {
    name,
    backend: 'scalar-f64',
    sizes: [],
    cases: 10,
    maxError: 0,
    tolerance: 0,
    toleranceReason: 'r',
    passed: true,
    ms: 1,
    ...over,
  };
}

/** A headline outcome that fails (the default headline of these tests). */
function failed(name = H, over: Partial<CheckOutcome> = {}): CheckOutcome {
  return out(name, { backend: 'ml-matrix-f64', passed: false, maxError: 1, counterexample: { input: -1 }, ...over });
}

/** A hand-written check whose run returns a fresh copy of `o` (the triage assigns into outcomes). */
function fake(name: string, o: Partial<CheckOutcome> = {}, extra: Partial<Check> = {}): Check {
  return { name, backend: 'scalar-f64', run: async () => out(name, o), ...extra };
}

interface FakeProbe extends InputProbe {
  restricted: { name: string; holds: unknown; why: string; inside: boolean }[];
  contexts: CheckContext[];
}

/** A probe with canned answers: restrict builds fake checks with the `inside` / `outside` outcomes. */
function probe(
  o: {
    cx?: (ctx: CheckContext) => Promise<{ input: unknown } | null>;
    inside?: Partial<CheckOutcome>;
    outside?: Partial<CheckOutcome>;
    measureAt?: (x: unknown) => Promise<Measurement>;
    size?: (x: unknown) => [number, number] | undefined;
  } = {},
): FakeProbe {
  const p: FakeProbe = {
    restricted: [],
    contexts: [],
    restrict(name, holds, why, inside) {
      p.restricted.push({ name, holds, why, inside });
      return fake(name, inside ? (o.inside ?? {}) : (o.outside ?? { passed: false, maxError: 1 }));
    },
    async counterexample(ctx) {
      p.contexts.push(ctx);
      return o.cx ? o.cx(ctx) : { input: -1 };
    },
    measureAt: o.measureAt ?? (async () => ({ value: 1, tolerance: exact('twin reason'), relation: '>=' })),
    show: (x) => `shown ${String(x)}`,
    size: o.size ?? (() => [1, 1]),
  };
  return p;
}

/** A TriageInput whose `run` records what ran under which seed parts. */
function harness(t: {
  declared: TriageInput['declared'];
  spec: ResolvedFailure | null;
  headline: Check[];
  outcomes: CheckOutcome[];
  run?: (check: Check) => Promise<CheckOutcome>;
}) {
  const calls: { name: string; seedParts: string[] }[] = [];
  const input: TriageInput = {
    declared: t.declared,
    spec: t.spec,
    headline: t.headline,
    outcomes: t.outcomes,
    run: async (check, seedParts) => {
      calls.push({ name: check.name, seedParts });
      return t.run ? t.run(check) : check.run(CTX);
    },
    contextOf: () => CTX,
    describe: (o) => `described ${o.name}`,
    files: FILES,
  };
  return { input, calls };
}

const isNonneg = (x: unknown) => (x as number) >= 0;
const hypSpec = (holds: (x: unknown) => boolean = isNonneg): ResolvedFailure => ({
  kind: 'hypothesis',
  why: WHY,
  holds,
});
const hypDeclared = { kind: 'hypothesis', summary: 'S', hypothesis: 'x \\ge 0' } as const;

const CX_NAME = `counterexample of '${H}' violates the hypothesis (${WHY})`;
const INSIDE = `'${H}' under the hypothesis (${WHY})`;
const OUTSIDE = `'${H}' outside the hypothesis (${WHY})`;
const HYP_BACKING = `the failing check(s) hold on inputs that satisfy the hypothesis (${WHY}) and fail outside it; each counterexample violates it`;
const CX_REASON = 'exact: the predicate is 0 (false) outside the hypothesis, 1 (true) inside';

/** The one-case outcome of "the counterexample violates the hypothesis" at -1 (it does). */
const cxHolds = (sizes: [number, number][] = [[1, 1]]): CheckOutcome => ({
  name: CX_NAME,
  backend: 'ml-matrix-f64',
  sizes,
  cases: 1,
  maxError: 0,
  tolerance: 0,
  toleranceReason: CX_REASON,
  passed: true,
  ms: 0,
  closest: {
    input: 'shown -1',
    measured: { value: 0, bound: 0, relation: '<=', detail: { hypothesis: WHY, holdsThere: false } },
  },
});

describe('declare.ts builders', () => {
  test('each builder returns exactly its declaration', () => {
    const holds = (x: number) => x > 0;
    const h = hypothesis('x > 0', holds);
    expect(h).toStrictEqual({ kind: 'hypothesis', why: 'x > 0', holds });
    expect((h as { holds: unknown }).holds).toBe(holds);
    const c = fake('fixed');
    expect(notation({ checks: { 'as typed': c } })).toStrictEqual({ kind: 'notation', checks: { 'as typed': c } });
    expect(notation({ parts: { a: 2 } })).toStrictEqual({ kind: 'notation', parts: { a: 2 } });
    expect(substance({ parts: { a: 1 } })).toStrictEqual({ kind: 'substance', parts: { a: 1 } });
    expect(substance({ checks: { x: c } })).toStrictEqual({ kind: 'substance', checks: { x: c } });
    expect(wording()).toStrictEqual({ kind: 'wording' });
  });
});

describe('normalizeWords', () => {
  test('trims, strips quotes at the start and end only, and lower-cases', () => {
    expect(normalizeWords('  "Equivalently"  ')).toBe('equivalently');
    expect(normalizeWords('" Iff "')).toBe('iff');
    expect(normalizeWords('“«Only If»”')).toBe('only if');
    expect(normalizeWords(`""'Only "if" holds'""`)).toBe('only "if" holds');
    expect(normalizeWords('x"y')).toBe('x"y');
    expect(normalizeWords('ALWAYS')).toBe('always');
    expect(normalizeWords('""')).toBe('');
    expect(normalizeWords('   ')).toBe('');
  });
});

describe('brief', () => {
  test('an error, with its "; " turned into ", "', () => {
    expect(brief(out('a', { passed: false, error: 'x; y; z' }))).toBe('error: x, y, z');
  });
  test('a statistic: its estimate, interval and rule', () => {
    const o = out('s', {
      passed: false,
      cases: 100,
      statistic: {
        name: 'mean',
        estimate: 0.5,
        ci: [0.4, 0.6],
        confidence: 0.99,
        rule: 'contains 1; width < 2',
        decision: { kind: 'contains', value: 1 },
        samples: 100,
      },
    });
    expect(brief(o)).toBe('fails on 100 cases, mean = 0.5, CI [0.4, 0.6], rule contains 1, width < 2');
  });
  test('a counterexample input, serialised, without "; "', () => {
    const o = out('c', {
      passed: false,
      cases: 3,
      maxError: 2,
      tolerance: 1,
      counterexample: { input: { x: 'a; b' } },
    });
    expect(brief(o)).toBe('fails on 3 cases, worst 2 vs bound 1, counterexample {"x":"a, b"}');
  });
  test('an input that cannot be serialised (a BigInt, a cycle)', () => {
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    for (const input of [10n, cyc])
      expect(brief(out('c', { passed: false, cases: 2, maxError: 3, tolerance: 1, counterexample: { input } }))).toBe(
        'fails on 2 cases, worst 3 vs bound 1, counterexample (not serialisable)',
      );
  });
  test('no counterexample (or one without an input): nothing is appended', () => {
    expect(brief(out('p', { cases: 4, maxError: 0.5, tolerance: 1 }))).toBe('holds on 4 cases, worst 0.5 vs bound 1');
    expect(brief(out('p', { passed: false, cases: 4, maxError: 2, tolerance: 1, counterexample: 'text' }))).toBe(
      'fails on 4 cases, worst 2 vs bound 1',
    );
  });
  test('never contains "; "', () => {
    const outs = [
      out('a; b', { passed: false, error: 'p; q' }),
      out('a', { passed: false, counterexample: { input: ['; ', ';  ;'] } }),
      out('a', { toleranceReason: 'x; y' }),
    ];
    for (const o of outs) expect(brief(o)).not.toContain('; ');
  });
});

describe('triage: the failure record and its preconditions', () => {
  test('the record carries kind and summary, and hypothesis/words/symbol only when given', async () => {
    const { input } = harness({
      declared: { kind: 'substance', summary: 'S' },
      spec: { kind: 'substance', fixed: new Map() },
      headline: [fake('a')],
      outcomes: [out('a')],
    });
    const r = await triage(input);
    expect(r).toStrictEqual({
      failure: {
        kind: 'substance',
        summary: 'S',
        backing:
          'the corrected conclusion holds on the inputs where the statement as written fails (same seed), with the same generated data',
        checks: [],
      },
      errors: [],
    });
    const withAll = await triage({
      ...input,
      declared: { kind: 'substance', summary: 'S', hypothesis: 'h', words: 'w', symbol: 's' },
    });
    expect(withAll.failure).toMatchObject({ hypothesis: 'h', words: 'w', symbol: 's' });
  });

  test('a claim file kind that differs from the property file kind is an error, and nothing runs', async () => {
    const { input, calls } = harness({
      declared: hypDeclared,
      spec: { kind: 'notation', fixed: new Map() },
      headline: [fake(H, {}, { probe: probe() })],
      outcomes: [failed()],
    });
    expect(await triage(input)).toStrictEqual({
      failure: { ...hypDeclared, backing: '', checks: [] },
      errors: [
        `failure triage (hypothesis): claims/c.md says failure.kind 'hypothesis' but properties/c.property.ts declares failure of kind 'notation'`,
      ],
    });
    expect(calls).toEqual([]);
  });

  test('no failure in the property file: the hint names the builder of the claimed kind', async () => {
    const base = { spec: null, headline: [fake(H)], outcomes: [failed()] };
    const h = await triage(harness({ ...base, declared: hypDeclared }).input);
    expect(h).toStrictEqual({
      failure: { ...hypDeclared, backing: '', checks: [] },
      errors: [
        `failure triage (hypothesis): claims/c.md says failure.kind 'hypothesis' but properties/c.property.ts declares no 'failure' to back it (failure: hypothesis(why, holds), a predicate on the failing check’s inputs)`,
      ],
    });
    const n = await triage(harness({ ...base, declared: { kind: 'notation', summary: 'S', symbol: 'σ' } }).input);
    expect(n).toStrictEqual({
      failure: { kind: 'notation', summary: 'S', symbol: 'σ', backing: '', checks: [] },
      errors: [
        `failure triage (notation): claims/c.md says failure.kind 'notation' but properties/c.property.ts declares no 'failure' to back it (failure: notation({ checks: { [failing check name]: fixed check } }) or notation({ parts }))`,
      ],
    });
    const s = await triage(harness({ ...base, declared: { kind: 'substance', summary: 'S' } }).input);
    expect(s.errors).toEqual([
      `failure triage (substance): claims/c.md says failure.kind 'substance' but properties/c.property.ts declares no 'failure' to back it (failure: substance({ checks: { [failing check name]: fixed check } }) or substance({ parts }))`,
    ]);
  });

  test('a headline check that errored is not a failing check to triage', async () => {
    // Without a probe, a failing check would be "not a forAll check"; an errored one is left alone.
    const { input, calls } = harness({
      declared: hypDeclared,
      spec: hypSpec(),
      headline: [fake(H)],
      outcomes: [failed(H, { error: 'measure threw' })],
    });
    expect(await triage(input)).toStrictEqual({
      failure: { ...hypDeclared, backing: HYP_BACKING, checks: [] },
      errors: [],
    });
    expect(calls).toEqual([]);
  });
});

describe('triage: wording', () => {
  const declared = { kind: 'wording', summary: 'S', words: '"Equivalently"' } as const;
  test('the failing checks quote the words, the others are the formula-level checks', async () => {
    const outcomes = [
      out('f1'),
      out('f2'),
      out('"equivalently": a ⇒ b', { passed: false }),
      out('EQUIVALENTLY b', { passed: true }),
    ];
    for (const spec of [null, { kind: 'wording' } as const]) {
      const { input } = harness({ declared, spec, headline: [], outcomes });
      expect(await triage(input)).toStrictEqual({
        failure: {
          ...declared,
          backing: `the formula-level checks hold ('f1', 'f2'); the checks that fail are the ones encoding the words "Equivalently" ('"equivalently": a ⇒ b', 'EQUIVALENTLY b')`,
          checks: [],
        },
        errors: [],
      });
    }
  });
  test('a failing check that does not quote the words is an error', async () => {
    const { input } = harness({
      declared,
      spec: null,
      headline: [],
      outcomes: [out('x² ≥ 0', { passed: false }), out('equivalently: y')],
    });
    expect(await triage(input)).toStrictEqual({
      failure: {
        ...declared,
        backing: `the formula-level checks hold ('x² ≥ 0'); the checks that fail are the ones encoding the words "Equivalently" ('equivalently: y')`,
        checks: [],
      },
      errors: [
        `failure triage (wording): check 'x² ≥ 0' fails but does not encode the words at fault "Equivalently" (its name must quote them): a failing formula is not a wording fault`,
      ],
    });
  });
  test('every headline check quoting the words: no formula-level check is left', async () => {
    const { input } = harness({
      declared,
      spec: null,
      headline: [],
      outcomes: [out('equivalently a', { passed: false }), out('equivalently b', { passed: false })],
    });
    expect(await triage(input)).toStrictEqual({
      failure: {
        ...declared,
        backing: `the formula-level checks hold (none); the checks that fail are the ones encoding the words "Equivalently" ('equivalently a', 'equivalently b')`,
        checks: [],
      },
      errors: [
        `failure triage (wording): every headline check encodes the words "Equivalently": add the formula-level check(s) the wording fault leaves standing, to show they hold`,
      ],
    });
  });
  test('empty words (only quotes) quote nothing: no check encodes them', async () => {
    const d = { kind: 'wording', summary: 'S', words: '""' } as const;
    const { input } = harness({ declared: d, spec: null, headline: [], outcomes: [out('a', { passed: false })] });
    expect(await triage(input)).toStrictEqual({
      failure: {
        ...d,
        backing: `the formula-level checks hold ('a'); the checks that fail are the ones encoding the words "" (none)`,
        checks: [],
      },
      errors: [
        `failure triage (wording): check 'a' fails but does not encode the words at fault "" (its name must quote them): a failing formula is not a wording fault`,
      ],
    });
  });
});

describe('triage: hypothesis', () => {
  const headline = (p: FakeProbe) => [fake(H, {}, { key: 'k1', probe: p })];

  test('backed: the counterexample violates it, the check holds inside and fails outside', async () => {
    const p = probe();
    const spec = hypSpec();
    const { input, calls } = harness({ declared: hypDeclared, spec, headline: headline(p), outcomes: [failed()] });
    const r = await triage(input);
    expect(r).toStrictEqual({
      failure: {
        ...hypDeclared,
        backing: HYP_BACKING,
        checks: [
          cxHolds(),
          {
            ...out(INSIDE),
            power: 'control-refuted',
            control: {
              description: `the same check on inputs outside the hypothesis (${WHY})`,
              source: 'explicit',
              outcome: 'refuted',
              detail: `described ${OUTSIDE}`,
            },
            powerDetail: 'outside the hypothesis the check fails, as it must',
          },
        ],
      },
      errors: [],
    });
    expect(calls).toEqual([
      { name: INSIDE, seedParts: ['failure', 'hypothesis', 'k1'] },
      { name: OUTSIDE, seedParts: ['failure', 'hypothesis-control', 'k1'] },
    ]);
    expect(p.restricted).toEqual([
      { name: INSIDE, holds: spec.kind === 'hypothesis' && spec.holds, why: WHY, inside: true },
      { name: OUTSIDE, holds: spec.kind === 'hypothesis' && spec.holds, why: WHY, inside: false },
    ]);
    expect(p.contexts).toEqual([CTX]);
  });

  test('no size from the probe: the one-case outcome has no sizes', async () => {
    const { input } = harness({
      declared: hypDeclared,
      spec: hypSpec(),
      headline: headline(probe({ size: () => undefined })),
      outcomes: [failed()],
    });
    expect((await triage(input)).failure.checks[0]).toStrictEqual(cxHolds([]));
  });

  test('a counterexample inside the hypothesis: inconsistent, and the restricted run is skipped', async () => {
    const p = probe({ cx: async () => ({ input: 1 }), size: () => [2, 3] });
    const { input, calls } = harness({
      declared: hypDeclared,
      spec: hypSpec(),
      headline: headline(p),
      outcomes: [failed()],
    });
    expect(await triage(input)).toStrictEqual({
      failure: {
        ...hypDeclared,
        backing: HYP_BACKING,
        checks: [
          {
            name: CX_NAME,
            backend: 'ml-matrix-f64',
            sizes: [[2, 3]],
            cases: 1,
            maxError: 1,
            tolerance: 0,
            toleranceReason: CX_REASON,
            passed: false,
            ms: 0,
            counterexample: {
              input: 'shown 1',
              measured: { value: 1, bound: 0, relation: '<=', detail: { hypothesis: WHY, holdsThere: true } },
            },
          },
        ],
      },
      errors: [
        `failure triage (hypothesis): inconsistent triage: the counterexample of '${H}', "shown 1", satisfies the declared hypothesis '${WHY}' (claims/c.md: failure.hypothesis), so the hypothesis cannot be what the statement is missing`,
      ],
    });
    expect(calls).toEqual([]);
    expect(p.restricted).toEqual([]);
  });

  test('the predicate throws, or is not a boolean, at the counterexample: an errored outcome', async () => {
    const cases: [(x: unknown) => boolean, string][] = [
      [
        () => {
          throw new Error('bad pred');
        },
        'bad pred',
      ],
      [() => 'yes' as unknown as boolean, 'yes'],
      [() => undefined as unknown as boolean, 'undefined'],
    ];
    for (const [holds, gave] of cases) {
      const { input, calls } = harness({
        declared: hypDeclared,
        spec: hypSpec(holds),
        headline: headline(probe()),
        outcomes: [failed()],
      });
      const error = `the hypothesis predicate gave ${gave} at the counterexample`;
      expect(await triage(input)).toStrictEqual({
        failure: {
          ...hypDeclared,
          backing: HYP_BACKING,
          checks: [
            {
              name: CX_NAME,
              backend: 'ml-matrix-f64',
              sizes: [],
              cases: 0,
              maxError: NaN,
              tolerance: NaN,
              toleranceReason: '',
              passed: false,
              ms: 0,
              error,
            },
          ],
        },
        errors: [`failure triage (hypothesis): ${CX_NAME}: ${error}`],
      });
      expect(calls).toEqual([]);
    }
  });

  test('re-finding the counterexample throws: one error, nothing else runs', async () => {
    const p = probe({
      cx: async () => {
        throw new Error('gone');
      },
    });
    const { input, calls } = harness({
      declared: hypDeclared,
      spec: hypSpec(),
      headline: headline(p),
      outcomes: [failed()],
    });
    expect(await triage(input)).toStrictEqual({
      failure: { ...hypDeclared, backing: HYP_BACKING, checks: [] },
      errors: [`failure triage (hypothesis): re-finding the counterexample of '${H}' threw: gone`],
    });
    expect(calls).toEqual([]);
  });

  test('no counterexample found again: the check is not deterministic', async () => {
    const p = probe({ cx: async () => null });
    const { input, calls } = harness({
      declared: hypDeclared,
      spec: hypSpec(),
      headline: headline(p),
      outcomes: [failed()],
    });
    expect(await triage(input)).toStrictEqual({
      failure: { ...hypDeclared, backing: HYP_BACKING, checks: [] },
      errors: [
        `failure triage (hypothesis): check '${H}' failed but running it again found no counterexample (the check is not deterministic)`,
      ],
    });
    expect(calls).toEqual([]);
  });

  test("an earlier check's error does not hide a later check's missing counterexample", async () => {
    const { input, calls } = harness({
      declared: hypDeclared,
      spec: hypSpec(),
      headline: [fake('no probe'), fake(H, {}, { probe: probe({ cx: async () => null }) })],
      outcomes: [failed('no probe'), failed()],
    });
    const r = await triage(input);
    expect(r.errors).toEqual([
      `failure triage (hypothesis): check 'no probe' is not a forAll check: a hypothesis is a predicate on inputs, so the failing check must generate them (forAll)`,
      `failure triage (hypothesis): check '${H}' failed but running it again found no counterexample (the check is not deterministic)`,
    ]);
    // …and that check is not restricted and controlled as if it had been backed.
    expect(calls).toEqual([]);
  });

  test('a failing check without a probe is not a forAll check', async () => {
    const { input } = harness({
      declared: hypDeclared,
      spec: hypSpec(),
      headline: [fake(H), fake('ok')],
      outcomes: [failed(), out('ok')],
    });
    expect(await triage(input)).toStrictEqual({
      failure: { ...hypDeclared, backing: HYP_BACKING, checks: [] },
      errors: [
        `failure triage (hypothesis): check '${H}' is not a forAll check: a hypothesis is a predicate on inputs, so the failing check must generate them (forAll)`,
      ],
    });
  });

  test('restricted to the hypothesis it still fails, or errors: not rescued, and no control runs', async () => {
    const variants: [Partial<CheckOutcome>, string][] = [
      [
        { passed: false, cases: 5, maxError: 2, tolerance: 0, counterexample: { input: 3 } },
        'fails on 5 cases, worst 2 vs bound 0, counterexample 3',
      ],
      [{ passed: false, error: 'boom; bang' }, 'error: boom, bang'],
      // An outcome that errored is never taken as holding, whatever its `passed` says.
      [{ passed: true, error: 'half-built' }, 'error: half-built'],
    ];
    for (const [inside, b] of variants) {
      const { input, calls } = harness({
        declared: hypDeclared,
        spec: hypSpec(),
        headline: headline(probe({ inside })),
        outcomes: [failed()],
      });
      expect(await triage(input)).toStrictEqual({
        failure: { ...hypDeclared, backing: HYP_BACKING, checks: [cxHolds(), out(INSIDE, inside)] },
        errors: [
          `failure triage (hypothesis): '${H}' restricted to the hypothesis (${WHY}) does not hold (${b}): the hypothesis does not rescue the statement`,
        ],
      });
      expect(calls.map((c) => c.seedParts)).toEqual([['failure', 'hypothesis', 'k1']]);
    }
  });

  test('the check holds outside the hypothesis too: powerless, and an error', async () => {
    const outside = { passed: true, cases: 7, maxError: 0, tolerance: 1 };
    const { input } = harness({
      declared: hypDeclared,
      spec: hypSpec(),
      headline: headline(probe({ outside })),
      outcomes: [failed()],
    });
    expect(await triage(input)).toStrictEqual({
      failure: {
        ...hypDeclared,
        backing: HYP_BACKING,
        checks: [
          cxHolds(),
          {
            ...out(INSIDE),
            power: 'powerless',
            control: {
              description: `the same check on inputs outside the hypothesis (${WHY})`,
              source: 'explicit',
              outcome: 'held',
              detail: `described ${OUTSIDE}`,
            },
            powerDetail:
              'outside the hypothesis the check held: the hypothesis is not what separates the failing inputs',
          },
        ],
      },
      errors: [
        `failure triage (hypothesis): '${H}' holds outside the hypothesis too (holds on 7 cases, worst 0 vs bound 1): the restriction shows nothing`,
      ],
    });
  });

  test('the control outside the hypothesis errors: powerless, and an error', async () => {
    const { input } = harness({
      declared: hypDeclared,
      spec: hypSpec(),
      headline: headline(probe({ outside: { passed: false, error: 'no case; none' } })),
      outcomes: [failed()],
    });
    const r = await triage(input);
    expect(r.failure.checks[1]).toStrictEqual({
      ...out(INSIDE),
      power: 'powerless',
      control: {
        description: `the same check on inputs outside the hypothesis (${WHY})`,
        source: 'explicit',
        outcome: 'error',
        detail: `described ${OUTSIDE}`,
      },
      powerDetail:
        'outside the hypothesis the check errored: no case; none: the hypothesis is not what separates the failing inputs',
    });
    expect(r.errors).toEqual([
      `failure triage (hypothesis): '${H}' holds outside the hypothesis too (error: no case, none): the restriction shows nothing`,
    ]);
  });

  test('with a real forAll check and the engine describing outcomes', async () => {
    const check = forAll<number>({
      name: H,
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: -2, max: 2 }),
      numRuns: 60,
      measure: (x) => ({ value: x, tolerance: exact(), relation: '>=' }),
      size: () => [1, 1],
    });
    const o = await runAndNormalize(check, CTX);
    expect(o.passed).toBe(false);
    const { input, calls } = harness({
      declared: hypDeclared,
      spec: hypSpec(),
      headline: [check],
      outcomes: [o],
      run: (c) => runAndNormalize(c, CTX),
    });
    input.describe = describeOutcome;
    const r = await triage(input);
    expect(r.errors).toEqual([]);
    expect(r.failure.checks.map((c) => [c.name, c.passed])).toEqual([
      [CX_NAME, true],
      [INSIDE, true],
    ]);
    expect(r.failure.checks[0]).toMatchObject({
      backend: 'scalar-f64',
      sizes: [[1, 1]],
      closest: { input: -1, measured: { value: 0, detail: { holdsThere: false } } },
    });
    expect(r.failure.checks[1]).toMatchObject({
      power: 'control-refuted',
      control: { outcome: 'refuted', detail: expect.stringMatching(/^FAILS \['x ≥ 0' outside the hypothesis/) },
    });
    expect(calls).toEqual([
      { name: INSIDE, seedParts: ['failure', 'hypothesis', H] },
      { name: OUTSIDE, seedParts: ['failure', 'hypothesis-control', H] },
    ]);
  });
});

describe('triage: notation and substance', () => {
  const notDeclared = { kind: 'notation', summary: 'S', symbol: 'σ' } as const;
  const subDeclared = { kind: 'substance', summary: 'S' } as const;
  const INCLUDED = 'its counterexample included';
  const SAME_DATA = 'with the same generated data';
  const notBacking = (tail: string) =>
    `the intended reading holds on the inputs where the statement as written fails (same seed), ${tail}`;
  const subBacking = (tail: string) =>
    `the corrected conclusion holds on the inputs where the statement as written fails (same seed), ${tail}`;
  const twinPowered = (name: string, headline = H): Partial<CheckOutcome> => ({
    power: 'control-refuted',
    control: {
      description: `the statement as written: '${headline}' on the same inputs`,
      source: 'explicit',
      outcome: 'refuted',
      detail: `described ${headline}`,
    },
    powerDetail: 'the headline check, its unfixed twin, fails on the same inputs',
  });
  const fixedSpec = (kind: 'notation' | 'substance', twins: [number, Check][]): ResolvedFailure => ({
    kind,
    fixed: new Map(twins),
  });
  const headlineCheck = (p?: InputProbe) => fake(H, {}, { key: 'k1', ...(p ? { probe: p } : {}) });

  test('notation: a twin named like the headline is renamed, holds, and holds at the counterexample', async () => {
    const hp = probe({ size: () => [2, 3] });
    const tp = probe();
    const { input, calls } = harness({
      declared: notDeclared,
      spec: fixedSpec('notation', [[0, fake(H, {}, { probe: tp })]]),
      headline: [headlineCheck(hp)],
      outcomes: [failed()],
    });
    const name = `${H} [intended reading]`;
    expect(await triage(input)).toStrictEqual({
      failure: {
        ...notDeclared,
        backing: notBacking(INCLUDED),
        checks: [
          { ...out(name), ...twinPowered(name) },
          {
            name: `${name} at the counterexample of '${H}'`,
            backend: 'scalar-f64',
            sizes: [[2, 3]],
            cases: 1,
            maxError: 1,
            tolerance: 0,
            toleranceReason: 'twin reason',
            passed: true,
            ms: 0,
            closest: { input: 'shown -1', measured: { value: 1, bound: 0, relation: '>=', detail: null } },
          },
        ],
      },
      errors: [],
    });
    expect(calls).toEqual([{ name: H, seedParts: ['headline', 'k1'] }]);
    expect(hp.contexts).toEqual([CTX]);
  });

  test('substance: renamed [corrected]; a twin with its own name keeps it', async () => {
    const { input } = harness({
      declared: subDeclared,
      spec: fixedSpec('substance', [
        [0, fake(H)],
        [1, fake('b fixed')],
      ]),
      headline: [headlineCheck(), fake('b')],
      outcomes: [failed(), failed('b')],
    });
    expect(await triage(input)).toStrictEqual({
      failure: {
        ...subDeclared,
        backing: subBacking(SAME_DATA),
        checks: [
          { ...out(`${H} [corrected]`), ...twinPowered(`${H} [corrected]`) },
          { ...out('b fixed'), ...twinPowered('b fixed', 'b') },
        ],
      },
      errors: [],
    });
  });

  test('a failing headline check without a twin is an error', async () => {
    for (const [kind, what] of [
      ['notation', 'the intended reading'],
      ['substance', 'the corrected conclusion'],
    ] as const) {
      const { input, calls } = harness({
        declared: kind === 'notation' ? notDeclared : subDeclared,
        spec: fixedSpec(kind, [[1, fake('other')]]),
        headline: [headlineCheck(probe()), fake('other')],
        outcomes: [failed(), out('other')],
      });
      const r = await triage(input);
      expect(r.errors).toEqual([
        `failure triage (${kind}): headline check '${H}' fails but properties/c.property.ts gives no fixed check for it (failure.checks['${H}']): ${what} must be checked on the inputs where the statement fails`,
      ]);
      expect(r.failure.checks).toEqual([]);
      // The twin's headline check did not fail: no failing check had both probes.
      expect(r.failure.backing).toBe((kind === 'notation' ? notBacking : subBacking)(SAME_DATA));
      expect(calls).toEqual([]);
    }
  });

  test('a twin that fails or errors does not hold: one error, no power, nothing at the counterexample', async () => {
    const variants: [Partial<CheckOutcome>, string][] = [
      [{ passed: false, cases: 10, maxError: 1, tolerance: 0 }, 'fails on 10 cases, worst 1 vs bound 0'],
      [{ passed: false, error: 'threw; twice' }, 'error: threw, twice'],
      [{ passed: true, error: 'half-built' }, 'error: half-built'],
    ];
    for (const [twinOutcome, b] of variants) {
      const hp = probe();
      const { input } = harness({
        declared: notDeclared,
        spec: fixedSpec('notation', [[0, fake('fixed', twinOutcome, { probe: probe() })]]),
        headline: [headlineCheck(hp)],
        outcomes: [failed()],
      });
      expect(await triage(input)).toStrictEqual({
        failure: { ...notDeclared, backing: notBacking(INCLUDED), checks: [out('fixed', twinOutcome)] },
        errors: [`failure triage (notation): the intended reading does not hold where '${H}' fails (${b})`],
      });
      expect(hp.contexts).toEqual([]);
    }
  });

  test('at the counterexample: a failing measurement, its reason from the twin name when it has no tolerance', async () => {
    const tp = probe({ measureAt: async () => ({ value: 3, bound: 1 }) });
    const { input } = harness({
      declared: subDeclared,
      spec: fixedSpec('substance', [[0, fake('fixed', {}, { probe: tp })]]),
      headline: [headlineCheck(probe({ size: () => undefined }))],
      outcomes: [failed()],
    });
    expect(await triage(input)).toStrictEqual({
      failure: {
        ...subDeclared,
        backing: subBacking(INCLUDED),
        checks: [
          { ...out('fixed'), ...twinPowered('fixed') },
          {
            name: `fixed at the counterexample of '${H}'`,
            backend: 'scalar-f64',
            sizes: [],
            cases: 1,
            maxError: 3,
            tolerance: 1,
            toleranceReason: 'fixed',
            passed: false,
            ms: 0,
            counterexample: { input: 'shown -1', measured: { value: 3, bound: 1, relation: '<=', detail: null } },
          },
        ],
      },
      errors: [
        `failure triage (substance): the corrected conclusion fails at the counterexample of '${H}', "shown -1"`,
      ],
    });
  });

  test('at the counterexample: an invalid measurement or a throw is an errored outcome', async () => {
    const variants: [() => Promise<Measurement>, string][] = [
      [async () => ({ value: NaN, tolerance: exact() }), 'measured value is NaN'],
      [
        async () => {
          throw new Error('kaput');
        },
        'kaput',
      ],
    ];
    for (const [measureAt, why] of variants) {
      const { input } = harness({
        declared: notDeclared,
        spec: fixedSpec('notation', [[0, fake('fixed', {}, { probe: probe({ measureAt }) })]]),
        headline: [headlineCheck(probe())],
        outcomes: [failed()],
      });
      const name = `fixed at the counterexample of '${H}'`;
      const error = `measuring the intended reading at the counterexample threw: ${why}`;
      expect(await triage(input)).toStrictEqual({
        failure: {
          ...notDeclared,
          backing: notBacking(INCLUDED),
          checks: [
            { ...out('fixed'), ...twinPowered('fixed') },
            {
              name,
              backend: 'ml-matrix-f64',
              sizes: [],
              cases: 0,
              maxError: NaN,
              tolerance: NaN,
              toleranceReason: '',
              passed: false,
              ms: 0,
              error,
            },
          ],
        },
        errors: [`failure triage (notation): ${name}: ${error}`],
      });
    }
  });

  test('re-finding the headline counterexample throws: an error, and no measurement', async () => {
    const { input } = harness({
      declared: notDeclared,
      spec: fixedSpec('notation', [[0, fake('fixed', {}, { probe: probe() })]]),
      headline: [
        headlineCheck(
          probe({
            cx: async () => {
              throw new Error('gone');
            },
          }),
        ),
      ],
      outcomes: [failed()],
    });
    expect(await triage(input)).toStrictEqual({
      failure: {
        ...notDeclared,
        backing: notBacking(INCLUDED),
        checks: [{ ...out('fixed'), ...twinPowered('fixed') }],
      },
      errors: [`failure triage (notation): re-finding the counterexample of '${H}' threw: gone`],
    });
  });

  test('no headline counterexample found again: no measurement at it', async () => {
    const { input } = harness({
      declared: notDeclared,
      spec: fixedSpec('notation', [[0, fake('fixed', {}, { probe: probe() })]]),
      headline: [headlineCheck(probe({ cx: async () => null }))],
      outcomes: [failed()],
    });
    const r = await triage(input);
    expect(r.failure.checks).toStrictEqual([{ ...out('fixed'), ...twinPowered('fixed') }]);
    // Never "its counterexample included" for a counterexample that was not there: an error.
    expect(r.errors).toEqual([
      `failure triage (notation): check '${H}' failed but running it again found no counterexample (the check is not deterministic)`,
    ]);
  });

  test('the backing says "its counterexample included" only when every failing check and its twin have probes', async () => {
    const p = () => probe();
    const cases: [Check[], CheckOutcome[], Check[], string][] = [
      // Both probed.
      [[headlineCheck(p())], [failed()], [fake('t', {}, { probe: p() })], INCLUDED],
      // The headline is probed, its twin is not (a compute or statistic twin).
      [[headlineCheck(p())], [failed()], [fake('t')], SAME_DATA],
      // The twin is probed, the headline is not.
      [[headlineCheck()], [failed()], [fake('t', {}, { probe: p() })], SAME_DATA],
      // Two failing checks, only one of them with both probes.
      [
        [headlineCheck(p()), fake('b', {}, { probe: p() })],
        [failed(), failed('b')],
        [fake('t', {}, { probe: p() }), fake('u')],
        SAME_DATA,
      ],
      // No failing check: nothing was shown at a counterexample.
      [[headlineCheck(p())], [out(H)], [fake('t', {}, { probe: p() })], SAME_DATA],
    ];
    for (const [headline, outcomes, twins, tail] of cases) {
      const { input } = harness({
        declared: notDeclared,
        spec: fixedSpec(
          'notation',
          twins.map((t, i) => [i, t]),
        ),
        headline,
        outcomes,
      });
      const r = await triage(input);
      expect(r.errors).toEqual([]);
      expect(r.failure.backing).toBe(notBacking(tail));
    }
  });

  test('with real forAll checks: the twin runs under the headline seed and holds at the counterexample', async () => {
    const arbitrary = fc.integer({ min: -2, max: 2 });
    const check = forAll<number>({
      name: H,
      backend: 'scalar-f64',
      arbitrary,
      numRuns: 60,
      measure: (x) => ({ value: x, tolerance: exact(), relation: '>=' }),
      size: () => [1, 1],
    });
    const twin = forAll<number>({
      name: 'x² ≥ 0',
      backend: 'scalar-f64',
      arbitrary,
      numRuns: 60,
      measure: (x) => ({ value: x * x, tolerance: exact('exact: integers'), relation: '>=' }),
    });
    const o = await runAndNormalize(check, CTX);
    const { input, calls } = harness({
      declared: subDeclared,
      spec: fixedSpec('substance', [[0, twin]]),
      headline: [check],
      outcomes: [o],
      run: (c) => runAndNormalize(c, CTX),
    });
    const r = await triage(input);
    expect(r.errors).toEqual([]);
    expect(r.failure.backing).toBe(subBacking(INCLUDED));
    expect(r.failure.checks.map((c) => [c.name, c.passed])).toEqual([
      ['x² ≥ 0', true],
      [`x² ≥ 0 at the counterexample of '${H}'`, true],
    ]);
    expect(r.failure.checks[1]).toMatchObject({
      sizes: [[1, 1]],
      toleranceReason: 'exact: integers',
      closest: { input: -1, measured: { value: 1, bound: 0, relation: '>=' } },
    });
    expect(calls).toEqual([{ name: 'x² ≥ 0', seedParts: ['headline', H] }]);
  });
});
