import { gaussianArray, mulberry32 } from '../../random/prng.js';

export type NoiseLaw = 'gaussian' | 'rademacher';

/**
 * Monte Carlo of m_t = γ m_{t−1} + (1−γ)(μ + σξ_t), m_0 = 0, over `paths` independent paths on flat
 * Float64Arrays. Returns, for each checkpoint t, the sample mean and standard error of (m_t − μ)².
 */
export function emaSquaredErrors(o: {
  mu: number;
  sigma: number;
  gamma: number;
  checkpoints: number[];
  paths: number;
  seed: number;
  noise: NoiseLaw;
}): { t: number; mean: number; se: number }[] {
  const rng = mulberry32(o.seed);
  const m = new Float64Array(o.paths);
  const xi = new Float64Array(o.paths);
  const T = Math.max(...o.checkpoints);
  const out: { t: number; mean: number; se: number }[] = [];
  for (let t = 1; t <= T; t++) {
    if (o.noise === 'gaussian') gaussianArray(rng, o.paths, xi);
    else for (let i = 0; i < o.paths; i++) xi[i] = rng() < 0.5 ? -1 : 1;
    const a = 1 - o.gamma;
    for (let i = 0; i < o.paths; i++) m[i] = o.gamma * m[i] + a * (o.mu + o.sigma * xi[i]);
    if (o.checkpoints.includes(t)) {
      let s = 0,
        s2 = 0;
      for (let i = 0; i < o.paths; i++) {
        const e = (m[i] - o.mu) ** 2;
        s += e;
        s2 += e * e;
      }
      const mean = s / o.paths;
      out.push({ t, mean, se: Math.sqrt(Math.max(s2 / o.paths - mean * mean, 0) / (o.paths - 1)) });
    }
  }
  return out;
}
