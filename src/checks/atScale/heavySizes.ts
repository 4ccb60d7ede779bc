import type { CheckContext } from '../../engine/verify/types.js';
import type { Measurement } from '../../engine/verify/checks/measurement.js';

/**
 * The sizes an at-scale check runs: its default size in `npm test`, plus 2048 and 4096 in the opt-in
 * heavy mode (`npm test -- --heavy`), where the gpu.js tier is exercised beyond what a 2-minute run
 * affords. A rectangular check scales both sides by the same factor.
 */
export const HEAVY_SCALES = [2048, 4096];

export function atScaleSizes(base: number, heavy: boolean): number[] {
  return heavy ? [...new Set([base, ...HEAVY_SCALES.filter((n) => n > base)])] : [base];
}

/** Runs `measure(n)` at every size of the mode and concatenates the measurements, logging progress. */
export async function acrossSizes(
  ctx: CheckContext,
  base: number,
  measure: (n: number, factor: number) => Promise<Measurement[] | Measurement>,
): Promise<Measurement[]> {
  const out: Measurement[] = [];
  for (const n of atScaleSizes(base, ctx.heavy)) {
    if (ctx.heavy) ctx.log(`n = ${n}`);
    const m = await measure(n, n / base);
    out.push(...(Array.isArray(m) ? m : [m]));
  }
  return out;
}

/**
 * The shapes an at-scale check reports, as they run in this mode: [rows, cols] at the base size and,
 * with --heavy, at 2048 and 4096 with the columns scaled by the same factor (as `acrossSizes` does).
 */
export const atScaleShapes =
  (rows: number, cols: number) =>
  (ctx: CheckContext): [number, number][] =>
    atScaleSizes(rows, ctx.heavy).map((n) => [n, Math.round((cols * n) / rows)]);
