/**
 * Exact first two moments of the EMA m_t = γ m_{t−1} + (1 − γ) g_t, m_0 = 0, g_t = μ + ε_t with
 * independent ε_t of variance σ², by the moment recursions
 *   E_t = γE_{t−1} + (1−γ)μ,   V_t = γ²V_{t−1} + (1−γ)²σ².
 * No closed form is used, so this is an independent reference for formulas such as Claim 5's.
 */
export function emaMoments(
  mu: number,
  sigma: number,
  gamma: number,
  t: number,
): { mean: number; variance: number; mse: number } {
  let mean = 0,
    variance = 0;
  for (let s = 1; s <= t; s++) {
    mean = gamma * mean + (1 - gamma) * mu;
    variance = gamma * gamma * variance + (1 - gamma) * (1 - gamma) * sigma * sigma;
  }
  return { mean, variance, mse: (mean - mu) ** 2 + variance };
}
