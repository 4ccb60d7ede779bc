import { zQuantile } from './meanInterval.js';

export interface NormOfMeanInterval {
  /** ‖x̄‖ of the sample mean vector. */
  estimate: number;
  /** sqrt(max(‖x̄‖² − tr(Ĉ)/N, 0)): removes the upward bias E‖x̄‖² = ‖μ‖² + tr(C)/N. */
  debiased: number;
  standardError: number;
  ci: [number, number];
  confidence: number;
  n: number;
  mean: Float64Array;
}

/**
 * ‖E[X]‖ for a vector-valued X from N samples (rows of a flat N×d array), with a delta-method
 * interval: ‖x̄‖ ≈ ‖μ‖ + ⟨û, x̄ − μ⟩, so se = sd(⟨û, x_i⟩)/√N with û = x̄/‖x̄‖. Valid when
 * ‖μ‖ ≫ se (callers check ci[0] > 0); the interval is centred on the debiased estimate.
 */
export function normOfMeanInterval(samples: Float64Array, d: number, confidence = 0.999): NormOfMeanInterval {
  const N = samples.length / d;
  const mean = new Float64Array(d);
  for (let i = 0; i < N; i++) for (let a = 0; a < d; a++) mean[a] += samples[i * d + a];
  for (let a = 0; a < d; a++) mean[a] /= N;
  let norm2 = 0;
  for (let a = 0; a < d; a++) norm2 += mean[a] * mean[a];
  const norm = Math.sqrt(norm2);
  let traceC = 0,
    projVar = 0;
  for (let i = 0; i < N; i++) {
    let proj = 0;
    for (let a = 0; a < d; a++) {
      const c = samples[i * d + a] - mean[a];
      traceC += c * c;
      proj += c * mean[a];
    }
    proj = norm > 0 ? proj / norm : 0;
    projVar += proj * proj;
  }
  traceC /= N - 1;
  projVar /= N - 1;
  const se = Math.sqrt(projVar / N);
  const debiased = Math.sqrt(Math.max(norm2 - traceC / N, 0));
  const z = zQuantile(confidence);
  return {
    estimate: norm,
    debiased,
    standardError: se,
    ci: [debiased - z * se, debiased + z * se],
    confidence,
    n: N,
    mean,
  };
}

/**
 * Total variance E‖X − E X‖² of a vector-valued X (trace of its covariance), with a CLT interval
 * on the mean of ‖x_i − x̄‖²·N/(N−1) (the x̄-estimation effect is O(1/N), below the interval).
 */
export function totalVarianceInterval(
  samples: Float64Array,
  d: number,
  confidence = 0.999,
): { estimate: number; standardError: number; ci: [number, number]; confidence: number; n: number } {
  const N = samples.length / d;
  const mean = new Float64Array(d);
  for (let i = 0; i < N; i++) for (let a = 0; a < d; a++) mean[a] += samples[i * d + a];
  for (let a = 0; a < d; a++) mean[a] /= N;
  let s = 0,
    s2 = 0;
  const f = N / (N - 1);
  for (let i = 0; i < N; i++) {
    let q = 0;
    for (let a = 0; a < d; a++) {
      const c = samples[i * d + a] - mean[a];
      q += c * c;
    }
    q *= f;
    s += q;
    s2 += q * q;
  }
  const est = s / N;
  const se = Math.sqrt(Math.max(s2 / N - est * est, 0) / (N - 1));
  const z = zQuantile(confidence);
  return { estimate: est, standardError: se, ci: [est - z * se, est + z * se], confidence, n: N };
}
