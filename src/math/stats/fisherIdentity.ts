import type { ParametricFamily } from './parametricFamilies.js';

/**
 * Score s = ∇_θ log p and Hessian ∇²_θ log p by central differences with steps h (score) and
 * h2 (Hessian): errors ≈ h²·|∂³ log p| and h2²·|∂⁴ log p| + u·|log p|/h2².
 */
export function scoreFD(fam: ParametricFamily, x: number, theta: number[], h = 1e-5): number[] {
  return theta.map((_, i) => {
    const p = theta.slice(),
      m = theta.slice();
    p[i] += h;
    m[i] -= h;
    return (fam.logp(x, p) - fam.logp(x, m)) / (2 * h);
  });
}

export function hessianFD(fam: ParametricFamily, x: number, theta: number[], h = 1e-4): number[][] {
  const d = theta.length;
  const f = (dt: number[]) =>
    fam.logp(
      x,
      theta.map((t, i) => t + dt[i]),
    );
  const e = (i: number, s: number) => Array.from({ length: d }, (_, k) => (k === i ? s : 0));
  const add = (a: number[], b: number[]) => a.map((v, i) => v + b[i]);
  const H: number[][] = [];
  for (let i = 0; i < d; i++) {
    H.push([]);
    for (let j = 0; j < d; j++) {
      H[i].push(
        (f(add(e(i, h), e(j, h))) -
          f(add(e(i, h), e(j, -h))) -
          f(add(e(i, -h), e(j, h))) +
          f(add(e(i, -h), e(j, -h)))) /
          (4 * h * h),
      );
    }
  }
  return H;
}

export interface FisherComparison {
  meanScore: number[];
  outerProduct: number[][];
  negativeHessian: number[][];
  /** max_ij |E[ssᵀ] − (−E[∇²log p])| / max(1, max|E[ssᵀ]|). */
  relativeGap: number;
  maxAbsMeanScore: number;
}

/** Both sides of I(θ) = E[ssᵀ] = −E[∇² log p], and E[s], by the family's exact expectation. */
export function fisherComparison(fam: ParametricFamily, theta: number[]): FisherComparison {
  const d = theta.length;
  const flat = fam.expect(theta, (x) => {
    const s = scoreFD(fam, x, theta),
      H = hessianFD(fam, x, theta);
    const out: number[] = [...s];
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out.push(s[i] * s[j]);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out.push(-H[i][j]);
    return out;
  });
  const meanScore = flat.slice(0, d);
  const outerProduct = Array.from({ length: d }, (_, i) => flat.slice(d + i * d, d + (i + 1) * d));
  const negativeHessian = Array.from({ length: d }, (_, i) => flat.slice(d + d * d + i * d, d + d * d + (i + 1) * d));
  let gap = 0,
    scale = 1;
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      gap = Math.max(gap, Math.abs(outerProduct[i][j] - negativeHessian[i][j]));
      scale = Math.max(scale, Math.abs(outerProduct[i][j]));
    }
  return {
    meanScore,
    outerProduct,
    negativeHessian,
    relativeGap: gap / scale,
    maxAbsMeanScore: Math.max(...meanScore.map(Math.abs)),
  };
}
