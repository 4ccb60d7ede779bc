import { zQuantile } from './meanInterval.js';

export interface ExponentFit {
  /** Fitted p in statistic ≈ C·k^p. */
  slope: number;
  intercept: number;
  ci: [number, number];
  confidence: number;
  standardError: number;
  /** √(χ²/dof) of the fit when > 1 (the factor applied to the standard error), else 1. */
  birgeRatio: number;
}

/**
 * Weighted least squares of log(y) on log(x), each point weighted by 1/Var(log y) where
 * Var(log y) ≈ (se_y / y)² (delta method). The slope's interval is slope ± z·se, with
 * se² = 1/Σw(ξ − ξ̄)² (inflated by the Birge ratio when the points scatter more than their errors).
 * Used to decide "statistic = O(k^p)" claims: the claimed p must lie in the interval.
 */
export function exponentFit(x: number[], y: number[], se: number[], confidence = 0.999): ExponentFit {
  if (x.length !== y.length || x.length !== se.length || x.length < 3)
    throw new Error('exponentFit needs ≥ 3 points with standard errors');
  if (y.some((v) => !(v > 0))) throw new Error('exponentFit needs positive statistics (log scale)');
  const X = x.map(Math.log),
    Y = y.map(Math.log);
  const w = se.map((s, i) => 1 / Math.max((s / y[i]) ** 2, 1e-300));
  const W = w.reduce((a, b) => a + b, 0);
  const xm = X.reduce((a, xi, i) => a + w[i] * xi, 0) / W;
  const ym = Y.reduce((a, yi, i) => a + w[i] * yi, 0) / W;
  let sxx = 0,
    sxy = 0;
  for (let i = 0; i < X.length; i++) {
    sxx += w[i] * (X[i] - xm) ** 2;
    sxy += w[i] * (X[i] - xm) * (Y[i] - ym);
  }
  const slope = sxy / sxx;
  const intercept = ym - slope * xm;
  // Birge ratio: when the points scatter about the line more than their standard errors allow
  // (χ²/dof > 1: a finite-k curvature, or standard errors that are themselves estimates), the
  // slope's error is inflated by √(χ²/dof); it is never shrunk below the propagated one.
  let chi2 = 0;
  for (let i = 0; i < X.length; i++) chi2 += w[i] * (Y[i] - intercept - slope * X[i]) ** 2;
  const birge = Math.max(1, Math.sqrt(chi2 / (X.length - 2)));
  const standardError = birge * Math.sqrt(1 / sxx);
  const z = zQuantile(confidence);
  return {
    slope,
    intercept,
    ci: [slope - z * standardError, slope + z * standardError],
    confidence,
    standardError,
    birgeRatio: birge,
  };
}
