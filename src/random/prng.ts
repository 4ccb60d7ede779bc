/** mulberry32: a tiny, fast 32-bit generator; good enough for test matrices, fully reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples by Box–Muller, written into a flat Float64Array. */
export function gaussianArray(
  rng: () => number,
  length: number,
  out: Float64Array = new Float64Array(length),
): Float64Array {
  for (let i = 0; i < length; i += 2) {
    const u1 = 1 - rng(); // in (0, 1]: log is finite
    const u2 = rng();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < length) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}

export function gaussian(rng: () => number): number {
  return gaussianArray(rng, 1)[0];
}
