import { PolarWorkspace, polarFlat } from './polarFlat.js';

/**
 * The first three Taylor terms of Ortho at a fixed tall-or-square G along a direction E,
 *   Ortho(G + E) = Ortho(G) + L₁(E) + Q₂(E) + C₃(E) + O(‖E‖⁴),
 * with L₁ linear, Q₂ quadratic and C₃ cubic in E. Each is extracted along Ê = E/‖E‖_F from
 * Ortho(G ± hÊ), Ortho(G ± 2hÊ) and rescaled by homogeneity (‖E‖, ‖E‖², ‖E‖³), so the step h is
 * fixed by G alone, whatever the size of E:
 *   odd(h) = hL + h³C + O(h⁵),  even(h) = h²Q + h⁴Q₄ + O(h⁶);
 *   L = (8·odd(h) − odd(2h))/(6h) + O(h⁴),  Q = (16·even(h) − even(2h))/(12h²) + O(h⁴),
 *   C = (odd(2h) − 2·odd(h))/(6h³) + O(h²).
 * Step h = 5·10⁻³·σ_min(G): truncation ≈ (h/σ_min)² = 2.5·10⁻⁵ relative for C₃ (smaller for L, Q),
 * roundoff ≈ u·κ/(h/σ_min)³ ≈ 10⁻⁹ relative: both far below the Monte Carlo errors they feed.
 */
export class PolarTaylor {
  readonly d: number;
  readonly P0: Float64Array;
  private readonly ws: PolarWorkspace;
  private readonly A: Float64Array;
  private readonly f: Float64Array[];
  constructor(
    readonly G: Float64Array,
    readonly m: number,
    readonly n: number,
    readonly h: number,
  ) {
    this.d = m * n;
    this.ws = new PolarWorkspace(m, n);
    this.A = new Float64Array(this.d);
    this.P0 = polarFlat(G, this.ws, new Float64Array(this.d));
    this.f = [0, 1, 2, 3].map(() => new Float64Array(this.d));
  }

  /** Writes L₁(E), Q₂(E), C₃(E) (any of them may be null to skip it). */
  terms(E: Float64Array, L: Float64Array | null, Q: Float64Array | null, C: Float64Array | null): void {
    const { d, h, A, G, ws } = this;
    let r = 0;
    for (let a = 0; a < d; a++) r += E[a] * E[a];
    r = Math.sqrt(r);
    if (r === 0) {
      L?.fill(0);
      Q?.fill(0);
      C?.fill(0);
      return;
    }
    const steps = [h, -h, 2 * h, -2 * h];
    for (let s = 0; s < 4; s++) {
      const t = steps[s] / r;
      for (let a = 0; a < d; a++) A[a] = G[a] + t * E[a];
      polarFlat(A, ws, this.f[s]);
    }
    const [fp, fm, f2p, f2m] = this.f;
    for (let a = 0; a < d; a++) {
      const odd1 = (fp[a] - fm[a]) / 2,
        odd2 = (f2p[a] - f2m[a]) / 2;
      const even1 = (fp[a] + fm[a]) / 2 - this.P0[a],
        even2 = (f2p[a] + f2m[a]) / 2 - this.P0[a];
      if (L) L[a] = (r * (8 * odd1 - odd2)) / (6 * h);
      if (Q) Q[a] = (r * r * (16 * even1 - even2)) / (12 * h * h);
      if (C) C[a] = (r * r * r * (odd2 - 2 * odd1)) / (6 * h * h * h);
    }
  }

  /**
   * E[Q₂(E)] for noise with independent entries of variances v_a: Q₂ is a quadratic form, so
   * E[Q₂(E)] = Σ_a v_a·Q₂(e_a) exactly (cross terms have zero mean). Deterministic: d directions.
   */
  expectedQ2(variances: ArrayLike<number>, out: Float64Array = new Float64Array(this.d)): Float64Array {
    const e = new Float64Array(this.d),
      q = new Float64Array(this.d);
    out.fill(0);
    for (let a = 0; a < this.d; a++) {
      e.fill(0);
      e[a] = 1;
      this.terms(e, null, q, null);
      for (let b = 0; b < this.d; b++) out[b] += variances[a] * q[b];
    }
    return out;
  }
}
