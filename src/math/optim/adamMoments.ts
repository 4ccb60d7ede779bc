/**
 * Adam's moment estimates, one coordinate, with the two switches the notes compare:
 * zero initialisation (ZI: m_0 = v_0 = 0; otherwise m_0 = g_1, v_0 = g_1², the notes' convention, with
 * g_1 also used in the first update) and bias correction (BC: m̂_t = m_t/(1 − β₁^t), v̂_t = v_t/(1 − β₂^t)).
 * The step is s_t = m̂_t/(√v̂_t + ε), as in Kingma & Ba (2015), Algorithm 1.
 */
export interface AdamSwitches {
  beta1: number;
  beta2: number;
  eps: number;
  zeroInit: boolean;
  biasCorrection: boolean;
}

export interface AdamMoments {
  m: number[];
  v: number[];
  mHat: number[];
  vHat: number[];
  step: number[];
}

/** Runs t = 1..g.length; entry t−1 of each array holds the value after step t. */
export function adamMoments(g: readonly number[], o: AdamSwitches): AdamMoments {
  let m = o.zeroInit ? 0 : g[0];
  let v = o.zeroInit ? 0 : g[0] * g[0];
  const out: AdamMoments = { m: [], v: [], mHat: [], vHat: [], step: [] };
  g.forEach((gt, i) => {
    const t = i + 1;
    m = o.beta1 * m + (1 - o.beta1) * gt;
    v = o.beta2 * v + (1 - o.beta2) * gt * gt;
    const mHat = o.biasCorrection ? m / (1 - o.beta1 ** t) : m;
    const vHat = o.biasCorrection ? v / (1 - o.beta2 ** t) : v;
    out.m.push(m);
    out.v.push(v);
    out.mHat.push(mHat);
    out.vHat.push(vHat);
    out.step.push(mHat / (Math.sqrt(vHat) + o.eps));
  });
  return out;
}
