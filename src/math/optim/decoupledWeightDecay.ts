/**
 * Decoupled weight decay (the AdamW / SGDW update, Loshchilov & Hutter 2019):
 * w_{k+1} = (1 − αη_k) w_k − η_k s_k, elementwise on vectors. This is the reference every
 * weight-decay formula is compared against: it is the update the optimizer actually performs
 * (torch.optim.AdamW does `p.mul_(1 − lr·wd)` and then `p.add_(step, alpha = −lr)`).
 */
export function decoupledWeightDecayStep(
  w: readonly number[],
  eta: number,
  alpha: number,
  s: readonly number[],
): number[] {
  return w.map((wi, i) => (1 - alpha * eta) * wi - eta * s[i]);
}

/** All iterates w_0, …, w_{K} of the recurrence driven by η_0..η_{K−1} and s_0..s_{K−1}. */
export function decoupledWeightDecayTrajectory(
  w0: readonly number[],
  eta: readonly number[],
  alpha: number,
  s: readonly (readonly number[])[],
): number[][] {
  const out: number[][] = [[...w0]];
  for (let k = 0; k < eta.length; k++) out.push(decoupledWeightDecayStep(out[k], eta[k], alpha, s[k]));
  return out;
}

/** Π_{i=lo}^{hi} (1 − αη_i); the empty product (hi < lo) is 1. */
export function decayProduct(eta: readonly number[], alpha: number, lo: number, hi: number): number {
  let p = 1;
  for (let i = lo; i <= hi; i++) p *= 1 - alpha * eta[i];
  return p;
}
