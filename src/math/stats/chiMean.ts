/**
 * E‖z‖ for z ~ N(0, I_d): the mean of the chi distribution, √2·Γ((d+1)/2)/Γ(d/2).
 * Computed by the ratio recurrence r_1 = Γ(1)/Γ(1/2) = 1/√π, r_{d+1} = (d/2)/r_d (from Γ(x+1) = xΓ(x)),
 * which avoids a Gamma-function dependency and is exact to a few ulps for the small d used here.
 */
export function chiMean(d: number): number {
  if (!Number.isInteger(d) || d < 1) throw new Error(`chiMean needs a positive integer dimension, got ${d}`);
  let r = 1 / Math.sqrt(Math.PI);
  for (let k = 1; k < d; k++) r = k / 2 / r;
  return Math.SQRT2 * r;
}
