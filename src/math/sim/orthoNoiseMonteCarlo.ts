import { PolarWorkspace, polarFlat } from '../linalg/polarFlat.js';
import type { BatchMeanNoise } from './batchMeanNoise.js';

/**
 * Monte Carlo of Ortho(G + E) for a small fixed G (m ≥ n, flat row-major) and batch-mean noise E:
 * the one sampler behind the s001 bias/variance claims. Each function returns the per-draw vectors
 * (a flat N×mn array) so the caller chooses the statistic (norm of the mean, total variance).
 * Everything is on preallocated Float64Arrays: no per-sample allocation.
 */
export class OrthoNoiseSampler {
  readonly d: number;
  readonly P0: Float64Array;
  private readonly ws: PolarWorkspace;
  private readonly A: Float64Array;
  private readonly E: Float64Array;
  private readonly F1: Float64Array;
  private readonly F2: Float64Array;
  constructor(
    readonly G: Float64Array,
    readonly m: number,
    readonly n: number,
  ) {
    this.d = m * n;
    this.ws = new PolarWorkspace(m, n);
    this.A = new Float64Array(this.d);
    this.E = new Float64Array(this.d);
    this.F1 = new Float64Array(this.d);
    this.F2 = new Float64Array(this.d);
    this.P0 = polarFlat(G, this.ws, new Float64Array(this.d));
  }

  /** Ortho(c·G + E) − Ortho(G) written into out. */
  deviation(E: Float64Array, out: Float64Array, c = 1): Float64Array {
    for (let a = 0; a < this.d; a++) this.A[a] = c * this.G[a] + E[a];
    polarFlat(this.A, this.ws, out);
    for (let a = 0; a < this.d; a++) out[a] -= this.P0[a];
    return out;
  }

  /** N draws of Ortho(G + E) − Ortho(G) (plain, for variances). */
  deviations(noise: BatchMeanNoise, k: number, N: number, rng: () => number): Float64Array {
    const out = new Float64Array(N * this.d);
    for (let i = 0; i < N; i++) {
      noise.sample(rng, k, this.E);
      this.deviation(this.E, out.subarray(i * this.d, (i + 1) * this.d));
    }
    return out;
  }

  /**
   * N antithetic draws ½[Ortho(G + E) + Ortho(G − E)] − Ortho(G): same mean as the plain draw
   * when E is symmetric (Gaussian), but the odd terms L₁, C₃, … cancel draw by draw, so the
   * draws are O(‖E‖²) instead of O(‖E‖) and the bias is resolved with far fewer samples.
   * With c ≠ 1 the signal is c·G (Ortho is scale invariant, so this is Ortho(G + E/c)).
   */
  antitheticDeviations(noise: BatchMeanNoise, k: number, N: number, rng: () => number, c = 1): Float64Array {
    if (noise.skew !== 0) throw new Error('antithetic pairs need symmetric noise');
    const out = new Float64Array(N * this.d);
    const neg = new Float64Array(this.d);
    for (let i = 0; i < N; i++) {
      noise.sample(rng, k, this.E);
      for (let a = 0; a < this.d; a++) neg[a] = -this.E[a];
      this.deviation(this.E, this.F1, c);
      this.deviation(neg, this.F2, c);
      for (let a = 0; a < this.d; a++) out[i * this.d + a] = (this.F1[a] + this.F2[a]) / 2;
    }
    return out;
  }

  /**
   * N draws of the Richardson combination 2·dev(E/√2) − dev(E) with E ~ batch noise at k, i.e.
   * 2·Ortho(ḡ_{2k}) − Ortho(ḡ_k) − Ortho(G) under common random numbers (a Gaussian ḡ_{2k} − G has
   * the law of (ḡ_k − G)/√2), antithetic in E. Its mean is the extrapolated estimator's bias.
   */
  richardsonDeviations(noise: BatchMeanNoise, k: number, N: number, rng: () => number): Float64Array {
    if (noise.skew !== 0) throw new Error('Richardson coupling E_{2k} = E_k/√2 needs Gaussian noise');
    const out = new Float64Array(N * this.d);
    const e = new Float64Array(this.d);
    const r = Math.SQRT1_2;
    for (let i = 0; i < N; i++) {
      noise.sample(rng, k, this.E);
      const o = out.subarray(i * this.d, (i + 1) * this.d);
      o.fill(0);
      for (const [c, w] of [
        [r, 1],
        [-r, 1],
        [1, -0.5],
        [-1, -0.5],
      ] as const) {
        for (let a = 0; a < this.d; a++) e[a] = c * this.E[a];
        this.deviation(e, this.F1);
        for (let a = 0; a < this.d; a++) o[a] += w * this.F1[a];
      }
    }
    return out;
  }
}
