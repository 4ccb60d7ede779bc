import { biasCorrectionFactor, claimed, compute, tolerance, U64, verifyClaim, wording } from '../src/claim.js';
import type { Measurement, Series } from '../src/claim.js';

/** Adam steps t = 1..T_MAX: five times the time the (0.9, 0.999) factor needs to reach 0.99. */
const T_MAX = 20_000;
const profile = (b1: number, b2: number) =>
  Array.from({ length: T_MAX }, (_, i) => biasCorrectionFactor(i + 1, b1, b2));
/**
 * ρ is evaluated with expm1/log/sqrt and a division (≤ 6 roundings): two consecutive values of a monotone ρ can
 * step the wrong way by ≲ 2 × 6 u64 relative, so consecutive values are compared to 16 u64 relative.
 */
const MONO_TOL = 16 * U64;
const MONO_WHY =
  '16 × u64 relative between consecutive steps: each ρ(t) takes ≤ 6 roundings (expm1, log, sqrt, division), so a monotone ρ can step the wrong way by ≲ 2 × 6 u64';
/** "Non-decreasing" / "non-increasing": no step against the direction beyond rounding. */
const MONOTONE = tolerance(MONO_TOL, `monotone up to rounding: ${MONO_WHY}`);
/** The reading's criteria (claims/s004-rho-shapes.md), each the statement's words made numeric. */
const STARTS_SMALL = claimed(0.5, '"starts small" read as ρ(1) ≤ 0.5');
const NO_OVERSHOOT = claimed(1, '"never exceeds its limit 1": ρ(t) ≤ 1');
const GRADUAL = claimed(1000, '"gradual" read as: first t with ρ ≥ 0.99 is ≥ 1000');
const LARGE_SPIKE = claimed(2, '"a large spike" read as ρ(1) ≥ 2');
const QUICKLY = claimed(100, '"quickly converges" read as |ρ(t) − 1| ≤ 0.01 for all t ≥ T₁ with T₁ ≤ 100');
const FROM_ABOVE = tolerance(
  1 - MONO_TOL,
  `the reading's ρ(t) ≥ 1 (approaches 1 from above), less the rounding slack ${MONO_WHY}`,
);

/** Largest relative step against the required direction over t ∈ [from, T_MAX], and where it occurs. */
function worstMonotonicity(r: number[], direction: 'up' | 'down', from = 1) {
  let worst = -Infinity,
    at = from;
  for (let t = from; t < r.length; t++) {
    const drop = direction === 'up' ? r[t - 1] - r[t] : r[t] - r[t - 1];
    const rel = drop / r[t - 1];
    if (rel > worst) {
      worst = rel;
      at = t;
    }
  }
  return { value: worst, at, rho: [r[at - 1], r[at]] };
}
const firstT = (r: number[], pred: (x: number) => boolean) => r.findIndex(pred) + 1;
const lastT = (r: number[], pred: (x: number) => boolean) => {
  for (let t = r.length; t >= 1; t--) if (pred(r[t - 1])) return t;
  return 0;
};

/** The document's two (β₁, β₂) pairs. */
const BETA_PAIRS: [number, number][] = [
  [0.9, 0.999],
  [0.95, 0.95],
];
/** Plotted steps: every t ≤ 30 (the dip to t = 12, the spike's decay), then 60 per decade up to T_MAX. */
const PLOT_T = [
  ...new Set([
    ...Array.from({ length: 30 }, (_, i) => i + 1),
    ...Array.from({ length: 151 }, (_, i) => Math.round(30 * (T_MAX / 30) ** (i / 150))),
  ]),
];
/** ρ(t) for both pairs on a log t axis, with ρ = 1 for reference. Presentation only. */
const rhoFigure = (): Series => ({
  name: "bias-correction factor ρ(t) = √(1−β₂ᵗ)/(1−β₁ᵗ) for the document's (β₁, β₂) pairs",
  kind: 'lines',
  x: 't (Adam step)',
  y: 'ρ(t)',
  xScale: 'log',
  points: BETA_PAIRS.flatMap(([b1, b2]) => {
    const r = profile(b1, b2);
    return PLOT_T.map((t) => ({ x: t, y: r[t - 1], group: `(β₁, β₂) = (${b1}, ${b2})` }));
  }),
  reference: [
    { x: 1, y: 1 },
    { x: T_MAX, y: 1 },
  ],
  referenceName: 'ρ = 1',
});

function warmUp(name: string, from: number): ReturnType<typeof compute> {
  return compute({
    name,
    backend: 'scalar-f64',
    sizes: [[1, T_MAX]],
    inputs: [
      'ρ(1) ≤ 0.5 (starts small)',
      'ρ(t) ≤ 1 for all t (no overshoot)',
      `ρ non-decreasing for t ≥ ${from}`,
      'first t with ρ ≥ 0.99 is ≥ 1000 (gradual)',
    ],
    run: (): Measurement[] => {
      const r = profile(0.9, 0.999);
      const m = worstMonotonicity(r, 'up', from);
      return [
        { value: r[0], tolerance: STARTS_SMALL, detail: { rho1: r[0] } },
        { value: Math.max(...r), tolerance: NO_OVERSHOOT, detail: { maxRho: Math.max(...r) } },
        {
          value: m.value,
          tolerance: MONOTONE,
          detail: {
            largestRelativeDecrease: m.value,
            fromT: m.at,
            toT: m.at + 1,
            rho: m.rho,
            minimumAt: r.indexOf(Math.min(...r)) + 1,
            minimum: Math.min(...r),
          },
        },
        {
          value: firstT(r, (x) => x >= 0.99),
          tolerance: GRADUAL,
          relation: '>=',
          detail: { firstTAtLeast099: firstT(r, (x) => x >= 0.99), firstTAtLeast05: firstT(r, (x) => x >= 0.5) },
        },
      ];
    },
  });
}

const ENDS_AT_ONE = claimed(0.99, '"warm-up" to the full rate: ρ(T_max) ≥ 0.99 at T_max = 20 000');

/**
 * The warm-up part of the statement, without "very steady": starts small, never above 1, reaches 1 only
 * gradually and gets there. For (β₁, β₂) it measures those four criteria on the profile.
 */
function warmUpCriteria(b1: number, b2: number): Measurement[] {
  const r = profile(b1, b2);
  return [
    { value: r[0], tolerance: STARTS_SMALL, detail: { rho1: r[0] } },
    { value: Math.max(...r), tolerance: NO_OVERSHOOT, detail: { maxRho: Math.max(...r) } },
    {
      value: firstT(r, (x) => x >= 0.99),
      tolerance: GRADUAL,
      relation: '>=',
      detail: { firstTAtLeast099: firstT(r, (x) => x >= 0.99), firstTAtLeast05: firstT(r, (x) => x >= 0.5) },
    },
    { value: r[T_MAX - 1], tolerance: ENDS_AT_ONE, relation: '>=', detail: { rhoAtTMax: r[T_MAX - 1] } },
  ];
}
const warmUpShape = compute({
  name: '(β₁, β₂) = (0.9, 0.999): a warm-up (starts small, never above 1, reaches 0.99 gradually)',
  backend: 'scalar-f64',
  sizes: [[1, T_MAX]],
  series: () => [rhoFigure()],
  inputs: [
    'ρ(1) ≤ 0.5 (starts small)',
    'ρ(t) ≤ 1 for all t (no overshoot)',
    'first t with ρ ≥ 0.99 is ≥ 1000 (gradual)',
    `ρ(${T_MAX}) ≥ 0.99 (reaches the full rate)`,
  ],
  run: (): Measurement[] => warmUpCriteria(0.9, 0.999),
  // The same criteria on a perturbed input: β₂ = 0.999 → 0.95 gives ρ(1) = √0.05/0.1 ≈ 2.24, a spike above 1
  // that is within 1% of 1 long before t = 1000: the first three criteria fail, each by far more than rounding.
  control: {
    description: 'β₂ = 0.999 → 0.95 (a spike: ρ(1) ≈ 2.24)',
    run: (): Measurement[] => warmUpCriteria(0.9, 0.95),
  },
});
/** "Very steady": the warm-up never turns back, ρ non-decreasing from t = 1. */
const verySteady = compute({
  name: '(β₁, β₂) = (0.9, 0.999): "very steady": ρ non-decreasing for all t ≥ 1',
  backend: 'scalar-f64',
  sizes: [[1, T_MAX]],
  inputs: ['ρ non-decreasing for t ≥ 1'],
  run: (): Measurement[] => {
    const r = profile(0.9, 0.999);
    const m = worstMonotonicity(r, 'up', 1);
    return [
      {
        value: m.value,
        tolerance: MONOTONE,
        detail: {
          largestRelativeDecrease: m.value,
          fromT: m.at,
          toT: m.at + 1,
          rho: m.rho,
          minimumAt: r.indexOf(Math.min(...r)) + 1,
          minimum: Math.min(...r),
        },
      },
    ];
  },
});

/** The four "large spike that quickly converges to 1" criteria on the profile of (β₁, β₂). */
function spikeCriteria(b1: number, b2: number): Measurement[] {
  const r = profile(b1, b2);
  const m = worstMonotonicity(r, 'down');
  const T1 = lastT(r, (x) => Math.abs(x - 1) > 0.01) + 1;
  return [
    { value: r[0], tolerance: LARGE_SPIKE, relation: '>=', detail: { rho1: r[0] } },
    { value: m.value, tolerance: MONOTONE, detail: { largestRelativeIncrease: m.value, at: m.at } },
    { value: Math.min(...r), tolerance: FROM_ABOVE, relation: '>=', detail: { minRho: Math.min(...r) } },
    { value: T1, tolerance: QUICKLY, detail: { T1, rhoAtT1: r[T1 - 1] } },
  ];
}

const spike = compute({
  name: '(β₁, β₂) = (0.95, 0.95): a large spike that quickly converges to 1',
  backend: 'scalar-f64',
  sizes: [[1, T_MAX]],
  inputs: [
    'ρ(1) ≥ 2 (large spike)',
    'ρ non-increasing for all t',
    'ρ(t) ≥ 1 for all t (approaches 1 from above)',
    '|ρ(t) − 1| ≤ 0.01 for all t ≥ T₁ with T₁ ≤ 100 (quickly)',
  ],
  run: (): Measurement[] => spikeCriteria(0.95, 0.95),
  // The same criteria on a perturbed input: β₂ = 0.95 → 0.999 (Adam's default) gives ρ(1) = √0.001/0.05 ≈ 0.63,
  // min ρ ≈ 0.22, relative increases up to ≈ 6·10⁻³ and T₁ ≈ 3900: a slow warm-up from below, not a spike, so
  // all four criteria fail, each by far more than rounding.
  control: {
    description: 'β₂ = 0.95 → 0.999 (no spike: ρ(1) ≈ 0.63)',
    run: (): Measurement[] => spikeCriteria(0.95, 0.999),
  },
});

/** Strictly decreasing: every step goes down by more than the rounding slack (each relative increase ≤ −16 u64). */
const STRICTLY_DECREASING = tolerance(
  -MONO_TOL,
  `strictly decreasing beyond rounding: every relative step is down by more than ${MONO_WHY}`,
);
/** The corrected statement's minimum ρ(12) ≈ 0.1522, given to 4 decimals: half a unit in the last place. */
const RHO_12 = 0.1522;
const RHO_12_DIGITS = claimed(
  5e-5,
  'ρ(12) ≈ 0.1522 is stated to 4 decimals: |ρ(12) − 0.1522| ≤ half a unit in the last place',
);

verifyClaim(import.meta.url, {
  checks: [warmUpShape, verySteady, spike],
  // The shapes are as described (a warm-up, a spike); only "very steady" claims more: ρ dips for 12 steps first.
  failure: wording(),
  corrected: [
    warmUp('(0.9, 0.999): ρ decreases for t ≤ 12, then warms up monotonically to 1', 12),
    spike,
    compute({
      name: '(0.9, 0.999): ρ strictly decreasing on t = 1..12, minimum ρ(12) ≈ 0.1522',
      backend: 'scalar-f64',
      run: (): Measurement[] => {
        const r = profile(0.9, 0.999);
        const m = worstMonotonicity(r.slice(0, 12), 'down');
        return [
          { value: m.value, tolerance: STRICTLY_DECREASING, detail: { largestRelativeIncrease: m.value } },
          { value: Math.abs(r[11] - RHO_12), tolerance: RHO_12_DIGITS, detail: { rho12: r[11] } },
        ];
      },
    }),
  ],
});
