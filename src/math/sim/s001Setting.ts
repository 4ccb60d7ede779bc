import { fixedSpectrumMatrix } from '../../random/fixedSpectrumMatrix.js';

/**
 * The small problem shared by the s001 bias/variance claims: a tall 4×3 G with σ = (1, 0.6, 0.35)
 * (κ ≈ 2.9, so the expansion in E/σ_min is well behaved) and a square 3×3 G with the same spectrum,
 * with anisotropic per-entry noise scales 0.1·(1, 2, 3, 1, 2, 3, …) (tr Σ = 0.56 for 4×3, 0.42 for 3×3).
 * tr Σ/σ_min² ≈ 4.6: the 1/k regime starts near k ≈ 10 and every k ≥ 64 used for exponents is well inside it.
 */
export const S001_SIGMA = [1, 0.6, 0.35];
export const S001_SIGMA_MIN = 0.35;
export const tallG = () => fixedSpectrumMatrix(4, 3, S001_SIGMA);
export const squareG = () => fixedSpectrumMatrix(3, 3, S001_SIGMA, 13, 14);
export const noiseScales = (d: number) => Float64Array.from({ length: d }, (_, a) => 0.1 * (1 + (a % 3)));
