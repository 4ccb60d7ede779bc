import { describe, expect, it } from 'vitest';
import { polarJacobianAsymmetryAtScale } from '../src/checks/atScale/polarJacobianAtScale.js';

/**
 * The at-scale Jacobian check contracts the Newton–Schulz difference quotient with rank-one directions
 * instead of forming N(X) (O(n²) instead of O(n³)). At an orthogonal P, DOrtho(P)[E] = ½(E − PEᵀP), so
 * for E₁ = u vᵀ and E₂ = PE₁ᵀP both mixed products equal ½(⟨E₁,E₂⟩ − 1): this test checks the contracted
 * f32 values against that closed form at a small size, where the f32 noise level is stated by the check.
 */
describe('polarJacobianAsymmetryAtScale', () => {
  it('gives both mixed products ½(⟨E₁,E₂⟩ − 1) ≈ −½ within its own noise level, and no skew part', async () => {
    const r = await polarJacobianAsymmetryAtScale(64, 7);
    const a12 = r.detail['E2·D1'] as number;
    const a21 = r.detail['E1·D2'] as number;
    // ⟨E₁,E₂⟩ = (uᵀPv)² = O(1/n) for random unit u, v: both products are −½ to within 0.1 at n = 64.
    expect(Math.abs(a12 + 0.5)).toBeLessThan(0.1);
    expect(Math.abs(a21 + 0.5)).toBeLessThan(0.1);
    // The closed form says a12 = a21 exactly: the measured asymmetry is inside the noise level...
    expect(r.asymmetry / r.scale).toBeLessThanOrEqual(r.noise.bound);
    // ...and the noise level is far below the document's order-1 asymmetry (so the check can fail).
    expect(r.noise.bound).toBeLessThan(0.05);
    expect(r.crossCheckRatio).toBeLessThanOrEqual(1);
    expect(r.crossCheckRatio).toBeGreaterThan(0);
  });
});
