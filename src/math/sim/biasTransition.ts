import { PolarTaylor } from '../linalg/polarTaylorFlat.js';
import { normOfMeanInterval } from '../stats/normOfMean.js';
import type { BatchMeanNoise } from './batchMeanNoise.js';
import { OrthoNoiseSampler } from './orthoNoiseMonteCarlo.js';

export interface TransitionPoint {
  k: number;
  ratio: number;
  ratioSe: number;
}
export interface BiasTransition {
  /** The k at which k·Bias(k)/q first departs from 1 by `departure` (coming down from large k). */
  kStar: number;
  /** Standard error of log k*, propagated from the two bracketing points. */
  logKStarSe: number;
  /** q = lim k·Bias(k) = ‖Σ_a Σ_aa Q₂(e_a)‖ (exact, from the quadratic Taylor term). */
  q: number;
  path: TransitionPoint[];
  /** Monte Carlo draws spent (search pass and refinement). */
  draws: number;
}

/**
 * Where the bias of Ortho(ḡ) leaves its 1/k asymptote: k·‖E[Ortho(G+E_k)] − Ortho(G)‖/q on a grid
 * k = kMax, kMax/2, … until it differs from 1 by `departure`; k* by log–log interpolation of the
 * departure between the bracketing grid points. Each bias is estimated with antithetic pairs and the
 * control variate Q₂(E) (known mean q_vec/k), so the estimate of the departure has relative error
 * ≈ 1/√N at every k, however small the departure. The two points that bracket k* are then
 * re-estimated with 4N fresh draws, and k*'s standard error is propagated from them.
 */
export function biasTransition(
  G: Float64Array,
  m: number,
  n: number,
  sigmaMin: number,
  noise: BatchMeanNoise,
  kMax: number,
  N: number,
  rng: () => number,
  departure = 0.1,
): BiasTransition {
  const d = m * n;
  const T = new PolarTaylor(G, m, n, 5e-3 * sigmaMin);
  const qVec = T.expectedQ2(noise.scale.map((s) => s * s));
  const q = Math.hypot(...qVec);
  const sampler = new OrthoNoiseSampler(G, m, n);
  const E = new Float64Array(d),
    neg = new Float64Array(d),
    f1 = new Float64Array(d),
    f2 = new Float64Array(d),
    Q = new Float64Array(d);
  let draws = 0;
  const estimate = (k: number, samples: number): TransitionPoint => {
    draws += samples;
    const X = new Float64Array(samples * d);
    for (let i = 0; i < samples; i++) {
      noise.sample(rng, k, E);
      for (let a = 0; a < d; a++) neg[a] = -E[a];
      sampler.deviation(E, f1);
      sampler.deviation(neg, f2);
      T.terms(E, null, Q, null);
      for (let a = 0; a < d; a++) X[i * d + a] = (f1[a] + f2[a]) / 2 - Q[a] + qVec[a] / k;
    }
    const b = normOfMeanInterval(X, d);
    return { k, ratio: (k * b.debiased) / q, ratioSe: (k * b.standardError) / q };
  };
  const path: TransitionPoint[] = [];
  for (let k = kMax; k >= 1 / 64; k /= 2) {
    const point = estimate(k, N);
    path.push(point);
    if (Math.abs(point.ratio - 1) >= departure) {
      if (path.length < 2)
        throw new Error(`biasTransition: already ${departure} away from the asymptote at kMax = ${kMax}`);
      // Refine: the two bracketing points again with 4N fresh draws each (the search pass only locates
      // them); if the refined values no longer bracket the departure, slide the bracket until they do.
      let kLo = k,
        lo = estimate(kLo, 4 * N),
        hi = estimate(2 * kLo, 4 * N);
      for (let moves = 0; moves < 8; moves++) {
        if (Math.abs(hi.ratio - 1) >= departure) {
          kLo *= 2;
          lo = hi;
          hi = estimate(2 * kLo, 4 * N);
        } else if (Math.abs(lo.ratio - 1) < departure) {
          kLo /= 2;
          hi = lo;
          lo = estimate(kLo, 4 * N);
        } else break;
      }
      k = kLo;
      const interp = (dLo: number, dHi: number) =>
        Math.exp(Math.log(k) + ((Math.log(dLo) - Math.log(departure)) / (Math.log(dLo) - Math.log(dHi))) * Math.LN2);
      const dLo = Math.abs(lo.ratio - 1),
        dHi = Math.abs(hi.ratio - 1);
      if (!(dLo >= departure && dHi < departure))
        throw new Error(`biasTransition: no bracket of the departure near k = ${k} (${dLo} vs ${dHi}); raise N`);
      const kStar = interp(dLo, dHi);
      const s1 = Math.log(interp(dLo + lo.ratioSe, dHi) / kStar),
        s2 = Math.log(interp(dLo, dHi + hi.ratioSe) / kStar);
      path.push(lo, hi);
      return { kStar, logKStarSe: Math.hypot(s1, s2), q, path, draws };
    }
  }
  throw new Error('biasTransition: no departure found down to k = 1/64');
}
