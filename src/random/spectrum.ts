/**
 * r singular values from 1 down to 1/κ, evenly spaced in log scale (κ = 1 gives all ones).
 * Such a spectrum fixes the condition number exactly, so tolerances can be stated in terms of κ.
 */
export function geometricSpectrum(r: number, kappa: number): number[] {
  if (r === 1) return [1];
  return Array.from({ length: r }, (_, i) => kappa ** (-i / (r - 1)));
}
