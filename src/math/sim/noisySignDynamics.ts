import { gaussianArray } from '../../random/prng.js';

export interface NoisySignSetup {
  /** step size α */
  alpha: number;
  /** noise level σ (σ = 0: the deterministic sign dynamics) */
  sigma: number;
  /** target half-width: hit when |s_t| ≤ ε */
  eps: number;
  /** common start s₀ */
  s0: number;
  /** number of independent paths */
  runs: number;
  /** horizon: paths not hit by t = cap are reported as `Infinity` */
  cap: number;
}

/**
 * Hitting times T = inf{t ≥ 0 : |s_t| ≤ ε} of s_{t+1} = s_t − α(sign(s_t) + σξ_t), ξ_t i.i.d. N(0,1),
 * for `runs` independent paths, vectorised over the paths still alive (Float64Arrays, compacted as
 * paths hit), so the cost is Σ min(T, cap) steps rather than runs × cap. Paths that never hit by
 * `cap` get Infinity; the caller decides whether to censor them at the cap.
 */
export function noisySignHittingTimes(o: NoisySignSetup, rng: () => number): Float64Array {
  const T = new Float64Array(o.runs).fill(Infinity);
  const alive = Int32Array.from({ length: o.runs }, (_, i) => i);
  const s = new Float64Array(o.runs).fill(o.s0);
  let count = o.runs;
  if (Math.abs(o.s0) <= o.eps) {
    T.fill(0);
    return T;
  }
  const xi = new Float64Array(o.runs);
  const as = o.alpha * o.sigma;
  for (let t = 1; t <= o.cap && count > 0; t++) {
    if (as !== 0) gaussianArray(rng, count, xi);
    let k = 0;
    for (let j = 0; j < count; j++) {
      const x = s[j];
      const next = x - o.alpha * (x > 0 ? 1 : x < 0 ? -1 : 0) - (as === 0 ? 0 : as * xi[j]);
      if (Math.abs(next) <= o.eps) {
        T[alive[j]] = t;
        continue;
      }
      s[k] = next;
      alive[k] = alive[j];
      k++;
    }
    count = k;
  }
  return T;
}

/** The log grid of noise levels used for Fig. 4: `perDecade` points per decade from lo to hi inclusive. */
export function logGrid(lo: number, hi: number, perDecade: number): number[] {
  const n = Math.round(Math.log10(hi / lo) * perDecade);
  return Array.from({ length: n + 1 }, (_, i) => lo * 10 ** (i / perDecade));
}
