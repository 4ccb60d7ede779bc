import { gammaVariate } from './gammaVariate.js';

/**
 * The noise E = ḡ − G of a mini-batch mean ḡ = (1/k)Σ g_i of k i.i.d. per-example gradients
 * g_i = G + ε_i, with independent entries ε_ij of standard deviation scale_ij, so that
 * Σ = Cov[vec g_i] = diag(scale²) (anisotropic when the scales differ) and tr Σ = Σ scale².
 * Each model draws E for a given k directly from its exact distribution: O(mn) per draw for every k.
 */
export interface BatchMeanNoise {
  readonly scale: Float64Array;
  /** Third central moment of ε_ij / scale_ij (0 for symmetric noise). */
  readonly skew: number;
  /** Writes one draw of E for batch size k into out (length scale.length). */
  sample(rng: () => number, k: number, out: Float64Array): void;
}

export function traceSigma(noise: BatchMeanNoise): number {
  let t = 0;
  for (const s of noise.scale) t += s * s;
  return t;
}

/** Gaussian ε: the mean of k draws is exactly N(0, Σ/k). Box–Muller in pairs. */
export function gaussianBatchNoise(scale: Float64Array): BatchMeanNoise {
  return {
    scale,
    skew: 0,
    sample(rng, k, out) {
      const d = scale.length,
        f = 1 / Math.sqrt(k);
      for (let i = 0; i < d; i += 2) {
        const r = Math.sqrt(-2 * Math.log(1 - rng())),
          th = 2 * Math.PI * rng();
        out[i] = scale[i] * f * r * Math.cos(th);
        if (i + 1 < d) out[i + 1] = scale[i + 1] * f * r * Math.sin(th);
      }
    },
  };
}

/**
 * Skewed ε: centred unit exponentials (mean 0, variance 1, third moment 2). The mean of k of them
 * is (Gamma(k, 1) − k)/k exactly, with variance 1/k and third central moment 2/k².
 */
export function exponentialBatchNoise(scale: Float64Array): BatchMeanNoise {
  return {
    scale,
    skew: 2,
    sample(rng, k, out) {
      for (let i = 0; i < scale.length; i++) out[i] = (scale[i] * (gammaVariate(rng, k) - k)) / k;
    },
  };
}
