/**
 * Gamma(shape, 1) variates by Marsaglia & Tsang (2000), "A simple method for generating gamma
 * variables", valid for shape ≥ 1 (all our shapes are batch sizes k ≥ 1). O(1) per draw whatever
 * the shape, which is why the skewed-noise claims draw the *mean* of k centred exponentials as
 * (Gamma(k) − k)/k in one variate instead of summing k exponentials.
 */
export function gammaVariate(rng: () => number, shape: number): number {
  if (!(shape >= 1)) throw new Error(`gammaVariate needs shape ≥ 1, got ${shape}`);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      // Box–Muller, one normal per call: the rejection loop consumes a variable number of normals.
      x = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}
