/**
 * P independent paths of the noisy sign-descent recursion
 *   s_{t+1} = s_t − α (sign(s_t) + σ ξ_t),
 * the scalar caricature of signSGD/Muon near a minimum: without noise it
 * locks into a ±α cycle around 0; the noise spreads it. One thread per path,
 * T steps inside the kernel (tiled against loopMaxIterations).
 *
 * The noise ξ is an input (time-major T×P, so at each t the four SIMD lanes
 * read four consecutive paths), never Math.random in the kernel: results are
 * reproducible from our own seeded generator and comparable with a scalar
 * reference step for step. Long horizons run as several calls, feeding the
 * returned states back in with the next block of noise.
 */
import { cachedKernel, getGpu, type GpuContext } from './backend.js';
import { tilePlan, TILE, type KernelThis } from './tiling.js';

function noisySignKernel(
  this: KernelThis<{ fullTiles: number; tile: number; rem: number; remStart: number }>,
  s0: number[],
  xi: number[][],
  alpha: number,
  sigma: number,
): number {
  const p = this.thread.x;
  let s = s0[p]!;
  for (let t = 0; t < this.constants.fullTiles; t++) {
    const base = t * this.constants.tile;
    for (let q = 0; q < this.constants.tile; q++) {
      let sg = 0;
      if (s > 0) sg = 1;
      if (s < 0) sg = -1;
      s = s - alpha * (sg + sigma * xi[base + q]![p]!);
    }
  }
  for (let q = 0; q < this.constants.rem; q++) {
    let sg = 0;
    if (s > 0) sg = 1;
    if (s < 0) sg = -1;
    s = s - alpha * (sg + sigma * xi[this.constants.remStart + q]![p]!);
  }
  return s;
}

export interface NoisySignInput {
  /** initial states, one per path */
  s0: Float32Array;
  /** step size α */
  alpha: number;
  /** noise scale σ */
  sigma: number;
  /** standard normal draws, time-major: xi[t·P + p] for t < T */
  xi: Float32Array;
  /** number of steps T (xi.length must be T·P) */
  steps: number;
}

export async function noisySignStep(input: NoisySignInput, ctx?: GpuContext): Promise<Float32Array> {
  const P = input.s0.length;
  const T = input.steps;
  if (input.xi.length !== T * P)
    throw new RangeError(`noisySignStep: xi has ${input.xi.length} entries, T·P = ${T * P}`);
  if (T === 0) return Float32Array.from(input.s0);
  const c = ctx ?? (await getGpu());
  const run = cachedKernel(c, `noisySign:${P}x${T}`, () => {
    const plan = tilePlan(T);
    return {
      source: noisySignKernel,
      output: [P],
      constants: { fullTiles: plan.fullTiles, tile: TILE, rem: plan.rem, remStart: plan.remStart },
      loopMaxIterations: plan.loopMax,
    };
  });
  const rows = new Array<Float32Array>(T);
  for (let t = 0; t < T; t++) rows[t] = input.xi.subarray(t * P, (t + 1) * P);
  const out = (await run(input.s0, rows, input.alpha, input.sigma)) as Float32Array;
  return Float32Array.from(out);
}
