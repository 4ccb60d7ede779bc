/** Two-sided normal quantile for the common confidence levels (avoids an erf-inverse dependency). */
export function zQuantile(confidence: number): number {
  const table: Record<string, number> = {
    '0.9': 1.6449,
    '0.95': 1.96,
    '0.99': 2.5758,
    '0.995': 2.807,
    '0.999': 3.2905,
    '0.9999': 3.8906,
  };
  const z = table[String(confidence)];
  if (z === undefined) throw new Error(`no z-quantile tabulated for confidence ${confidence}`);
  return z;
}

export interface MeanInterval {
  mean: number;
  standardError: number;
  ci: [number, number];
  confidence: number;
  n: number;
}

/** Mean with a CLT interval: mean ± z·s/√n (Welford's update for a stable variance). */
export function meanInterval(samples: ArrayLike<number>, confidence = 0.999): MeanInterval {
  let mean = 0,
    m2 = 0;
  const n = samples.length;
  for (let i = 0; i < n; i++) {
    const d = samples[i] - mean;
    mean += d / (i + 1);
    m2 += d * (samples[i] - mean);
  }
  const se = Math.sqrt(m2 / (n - 1) / n);
  const z = zQuantile(confidence);
  return { mean, standardError: se, ci: [mean - z * se, mean + z * se], confidence, n };
}
