/**
 * ρ(t; β₁, β₂) = √(1 − β₂^t)/(1 − β₁^t): the factor by which Adam's bias correction rescales the
 * uncorrected step m_t/√v_t (ε ignored). 1 − β^t is computed as −expm1(t·ln β), which keeps full relative
 * accuracy when β^t is close to 1 (β = 0.999 at small t), where 1 − β^t would cancel.
 */
export function biasCorrectionFactor(t: number, beta1: number, beta2: number): number {
  return Math.sqrt(-Math.expm1(t * Math.log(beta2))) / -Math.expm1(t * Math.log(beta1));
}
