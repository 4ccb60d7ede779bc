import { afterAll, describe, expect, it } from 'vitest';
import { disposeGpu } from './backend.js';
import { toF32 } from './f32Matrix.js';
import { gamma, U32, U64 } from './roundoff.js';
import { spectralNormPowerDetailed } from './spectralNorm.js';
import { absF64 } from './reference/linearF64.js';
import { geometricSpectrum, withSingularValues } from './reference/constructed.js';
import { spectralNormPowerF64 } from './reference/spectralNormF64.js';

afterAll(disposeGpu);

function norm2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! ** 2;
  return Math.sqrt(s);
}

describe('spectralNormPower', () => {
  for (const [m, n] of [
    [64, 64],
    [90, 40],
    [33, 1001],
  ] as const) {
    it(`${m}×${n} with σ₁ = 2, σ₂ = 1: estimate within its a-posteriori bracket`, async () => {
      const r = Math.min(m, n);
      const s = [2, ...geometricSpectrum(r - 1, 1, 0.1)];
      const { G, V } = withSingularValues(m, n, s, m * n);
      const A32 = toF32(G);
      const { sigma, v } = await spectralNormPowerDetailed(A32, 40);
      // w = the f32 vector the last product used; bracket (see spectralNorm.ts):
      //   σ₁|⟨w,v₁⟩| − ρ ≤ σ̂ ≤ σ₁‖w‖ + ρ,
      //   ρ = u‖|A||w|‖ (input rounding of A) + γ_n‖|A₃₂||w|‖ (the product) + f64 construction error
      const w = Float32Array.from(v);
      const absA = absF64(G);
      const absAw = new Float64Array(m);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) absAw[i]! += absA.data[i * n + j]! * Math.abs(w[j]!);
      const rho = (U32 + gamma(n + 1)) * norm2(absAw) * (1 + U32) + gamma(n + 2, U64) * n * s[0]!;
      let dot = 0;
      for (let j = 0; j < n; j++) dot += w[j]! * V.data[j * r]!;
      const lower = s[0]! * Math.abs(dot) - rho;
      const upper = s[0]! * norm2(w) + rho;
      expect(sigma).toBeGreaterThanOrEqual(lower);
      expect(sigma).toBeLessThanOrEqual(upper);
      // the f64 twin converges to σ₁ to f64 accuracy with the same start
      expect(Math.abs(spectralNormPowerF64(G, 40).sigma - 2)).toBeLessThan(1e-12);
    });
  }
});
