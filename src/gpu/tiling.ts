/**
 * Loop tiling against gpu.js's loopMaxIterations.
 *
 * gpu.js stops any loop it cannot prove bounded after loopMaxIterations
 * (default 1000) iterations — silently, returning a truncated sum. So every
 * reduction over a dimension k is written as ⌊k/TILE⌋ full tiles of exactly
 * TILE steps plus one remainder loop of k mod TILE steps: no single loop runs
 * more than max(TILE, ⌈k/TILE⌉) times, and the kernel's limit is set to
 * exactly that. TILE = 256 keeps the outer count ≤ 16 up to k = 4096 and is
 * far below any backend's cap.
 */
export const TILE = 256;

export interface TilePlan {
  /** number of full tiles of TILE steps */
  fullTiles: number;
  /** steps in the final partial tile (0 ≤ rem < TILE) */
  rem: number;
  /** start index of the remainder */
  remStart: number;
  /** the loop cap to hand gpu.js: the longest loop in a tiled kernel, plus one */
  loopMax: number;
}

export function tilePlan(k: number, tile: number = TILE): TilePlan {
  const fullTiles = Math.floor(k / tile);
  const rem = k - fullTiles * tile;
  return { fullTiles, rem, remStart: fullTiles * tile, loopMax: Math.max(tile, fullTiles) + 1 };
}

/** Minimal `this` for kernel sources (gpu.js injects it). */
export interface KernelThis<C = Record<string, number>> {
  thread: { x: number; y: number; z: number };
  constants: C;
}
