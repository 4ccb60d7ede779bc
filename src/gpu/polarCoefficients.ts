/**
 * Coefficient schedules for odd polynomial polar iterations
 *   X ← p(X) = aX + b(XXᵀ)X + c(XXᵀ)²X,
 * which act on each singular value σ of X as σ ↦ p(σ) = aσ + bσ³ + cσ⁵ while
 * leaving singular vectors alone. With p(σ) > 0 on the spectrum the polar
 * factor UVᵀ is invariant, and the schedule decides how fast σ is pushed
 * towards 1.
 */
export type PolarCoefficients = readonly [a: number, b: number, c: number];

/** Classical cubic Newton–Schulz: p(σ) = (3σ − σ³)/2; p(1) = 1, p'(1) = 0 (quadratic convergence for 0 < σ < √3). */
export const CUBIC_NEWTON_SCHULZ: PolarCoefficients = [1.5, -0.5, 0];

/**
 * Muon's quintic (Jordan et al. 2024): steep p'(0) = 3.4445 to inflate small
 * singular values in 5 steps, at the price of not converging: σ ends in
 * roughly [0.68, 1.13] rather than at 1.
 */
export const MUON_QUINTIC: PolarCoefficients = [3.4445, -4.775, 2.0315];

/** A schedule: one triple for every step, or per-step triples (Polar Express style; the last repeats). */
export type PolarSchedule = PolarCoefficients | readonly PolarCoefficients[];

function isTriple(s: PolarSchedule): s is PolarCoefficients {
  return typeof s[0] === 'number';
}

export function coefficientsAt(schedule: PolarSchedule, step: number): PolarCoefficients {
  if (isTriple(schedule)) return schedule;
  if (schedule.length === 0) throw new RangeError('empty coefficient schedule');
  return schedule[Math.min(step, schedule.length - 1)]!;
}

export function defaultSteps(schedule: PolarSchedule): number {
  return isTriple(schedule) ? 5 : schedule.length;
}

/** p(σ) */
export function polarScalarMap([a, b, c]: PolarCoefficients, s: number): number {
  const s2 = s * s;
  return s * (a + s2 * (b + c * s2));
}

/** p'(σ) = a + 3bσ² + 5cσ⁴ */
export function polarScalarDerivative([a, b, c]: PolarCoefficients, s: number): number {
  const s2 = s * s;
  return a + s2 * (3 * b + 5 * c * s2);
}

/**
 * An 8-step per-step schedule in the style of Polar Express (Amsel, Persson,
 * Musco & Gower 2025): aggressive early polynomials, then the quintic
 * Newton–Schulz (15/8, −5/4, 3/8) with p(1) = 1, p'(1) = 0. Used to exercise
 * per-step schedules; the values are those of the paper's reference code
 * without its safety rescaling.
 */
export const POLAR_EXPRESS_STYLE: readonly PolarCoefficients[] = [
  [8.28721201814563, -23.595886519098837, 17.300387312530933],
  [4.107059111542203, -2.9478499167379106, 0.5448431082926601],
  [3.9486908534822946, -2.908902115962949, 0.5518191394370137],
  [3.3184196573706015, -2.488488024314874, 0.51004894012372],
  [2.300652019954817, -1.6689039845747493, 0.4188073119525673],
  [1.891301407787398, -1.2679958271945868, 0.37680408948524835],
  [1.8750014808534479, -1.2500016453999487, 0.3750001645474248],
  [1.875, -1.25, 0.375],
];
