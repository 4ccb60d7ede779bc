/**
 * Eigenvalue families with common endpoints (s_min, s_max), hence one condition number κ = s_max/s_min,
 * but different shapes (the paper's Fig. 1 families, as reconstructed here: the figure's exact
 * definitions are not in the document). n ≥ 2; both endpoints always present.
 */
export type SpectrumShape = 'linear' | 'geometric' | 'two-cluster' | 'min-spiked' | 'max-spiked';
export const SPECTRUM_SHAPES: SpectrumShape[] = ['linear', 'geometric', 'two-cluster', 'min-spiked', 'max-spiked'];

export function controlledSpectrum(shape: SpectrumShape, n: number, sMin: number, sMax: number): number[] {
  const i01 = (i: number) => i / (n - 1);
  switch (shape) {
    case 'linear':
      return Array.from({ length: n }, (_, i) => sMin + (sMax - sMin) * i01(i));
    case 'geometric':
      return Array.from({ length: n }, (_, i) => sMin * (sMax / sMin) ** i01(i));
    case 'two-cluster':
      return Array.from({ length: n }, (_, i) => (i < n / 2 ? sMin : sMax));
    // one eigenvalue at s_min, the rest at s_max: a single small outlier
    case 'min-spiked':
      return Array.from({ length: n }, (_, i) => (i === 0 ? sMin : sMax));
    // one eigenvalue at s_max, the rest at s_min: a single large outlier
    case 'max-spiked':
      return Array.from({ length: n }, (_, i) => (i === n - 1 ? sMax : sMin));
  }
}
