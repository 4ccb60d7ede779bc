import { Matrix } from 'ml-matrix';
import { verifyClaim } from '../src/verify/verifyClaim.js';
import { compute, step } from '../src/verify/checks/compute.js';
import { statistic } from '../src/verify/checks/statistic.js';
import { f64Bound } from '../src/verify/tolerance.js';
import { mulberry32, gaussianArray } from '../src/arbitraries/prng.js';
import { haarOrthonormal } from '../src/arbitraries/orthogonal.js';
import { polarFactor } from '../src/linalg/polarFactor.js';
import { frobeniusInner } from '../src/linalg/norms.js';
import { controlledSpectrum, SPECTRUM_SHAPES } from '../src/sim/controlledSpectra.js';

// Fig. 2 scaled down: n = 10 (W and A are 10×10), 2 initialisations per shape (paper: 100), T = 500 as in the paper.
const N = 10, T = 500, INITS = 2, S_MIN = 1e-3, S_MAX = 10;
const MUON_ETAS = [2.2e-3, 3.2e-3, 4.6e-3, 6.8e-3, 1e-2]; // sixth-decade grid around the optima found while writing the claim (4.6e-3–1e-2), extended while the best is at an end
const GD_ETAS = Array.from({ length: 400 }, (_, g) => ((g + 1) / 400) * (2 / S_MAX)); // the whole stable range (0, 2/s_max]

function instance(shape: (typeof SPECTRUM_SHAPES)[number], seed: number) {
  const a = controlledSpectrum(shape, N, S_MIN, S_MAX);
  const Q = haarOrthonormal(N, N, seed);
  return { a, Q, A: Q.mmul(Matrix.diag(a)).mmul(Q.transpose()) };
}
function inits(seed: number): Matrix[] {
  const rng = mulberry32(seed);
  return Array.from({ length: INITS }, () => {
    const g = gaussianArray(rng, N * N);
    const W = new Matrix(N, N);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) W.set(i, j, g[i * N + j] / Math.sqrt(N));
    return W;
  });
}
/** GD is linear: in A's eigenbasis, L_T = ½Σ aᵢ(1 − ηaᵢ)^{2T}‖row i of QᵀW₀‖² (checked against direct iteration as the step). */
function gdLoss(a: number[], Q: Matrix, W0: Matrix, eta: number, steps: number): number {
  const C = Q.transpose().mmul(W0);
  let l = 0;
  for (let i = 0; i < N; i++) { let r = 0; for (let j = 0; j < N; j++) r += C.get(i, j) ** 2; l += (a[i] * (1 - eta * a[i]) ** (2 * steps) * r) / 2; }
  return l;
}

const spread = statistic({
  name: 'range over 5 spectrum shapes (κ = 1e4) of log10(L_T/L_0) after T = 500: Muon (exact polar) varies less than GD',
  backend: 'ml-matrix-f64', sizes: [[N, N]],
  toleranceReason: 'deterministic given the seed (one random Q per shape, common W₀\'s); each method\'s step tuned per shape on its grid to minimise the mean over inits of log10(L_T/L_0); the figure\'s unit is one order of magnitude',
  run: (ctx) => {
    const W0s = inits(ctx.seed);
    const rows: { shape: string; muon: number; muonEta: number; muonEdge: boolean; gd: number; gdEta: number }[] = [];
    for (const shape of SPECTRUM_SHAPES) {
      const { a, Q, A } = instance(shape, ctx.seed ^ 0x9e3779b9);
      const L = (W: Matrix) => frobeniusInner(W, A.mmul(W)) / 2;
      const muonAt = (eta: number) => {
        let v = 0;
        for (const W0 of W0s) {
          let W = W0.clone();
          for (let t = 0; t < T; t++) W = W.sub(polarFactor(A.mmul(W)).mul(eta));
          v += Math.log10(L(W) / L(W0)) / INITS;
        }
        return v;
      };
      // Start on the grid; while the best step sits at an end, extend the grid by one sixth-decade point on that side.
      const grid = new Map<number, number>(MUON_ETAS.map((e) => [e, muonAt(e)]));
      for (;;) {
        const etas = [...grid.keys()].sort((x, y) => x - y);
        const bestEta = etas.reduce((b, e) => (grid.get(e)! < grid.get(b)! ? e : b));
        if (bestEta === etas[0] && bestEta > 1e-4) { const e = bestEta / 10 ** (1 / 6); grid.set(e, muonAt(e)); continue; }
        if (bestEta === etas[etas.length - 1] && bestEta < 1e-1) { const e = bestEta * 10 ** (1 / 6); grid.set(e, muonAt(e)); continue; }
        break;
      }
      const muonEta = [...grid.keys()].reduce((b, e) => (grid.get(e)! < grid.get(b)! ? e : b));
      const muon = grid.get(muonEta)!;
      const muonEdge = muonEta === Math.min(...grid.keys()) || muonEta === Math.max(...grid.keys());
      let gd = Infinity, gdEta = NaN;
      for (const eta of GD_ETAS) {
        const s = W0s.reduce((acc, W0) => acc + Math.log10(gdLoss(a, Q, W0, eta, T) / L(W0)) / INITS, 0);
        if (s < gd) { gd = s; gdEta = eta; }
      }
      rows.push({ shape, muon: +muon.toFixed(3), muonEta: +muonEta.toPrecision(3), muonEdge, gd: +gd.toFixed(3), gdEta: +gdEta.toFixed(4) });
    }
    ctx.log(`[s002-spectrum-shape] per shape (mean log10 L_T/L_0, tuned step): ${JSON.stringify(rows)}`);
    const range = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    const rM = range(rows.map((r) => r.muon)), rG = range(rows.map((r) => r.gd));
    const edge = rows.some((r) => r.muonEdge);
    return {
      name: 'range of Muon\'s log10 decrease across shapes (decades)', estimate: rM, ci: [rM, rM], confidence: 1, samples: INITS * SPECTRUM_SHAPES.length,
      rule: 'pass iff GD\'s range across the shapes exceeds Muon\'s ("Muon comparable across shapes, whereas GD varies": Muon comparatively stable), with the tuned Muon step interior to its grid',
      passed: rG > rM && !edge, threshold: rG, gdRange: rG, perShape: rows,
    };
  },
});

verifyClaim(import.meta.url, {
  checks: [spread],
  steps: [
    step('numeric', compute({
      name: 'GD after T steps: L_T = ½Σ aᵢ(1 − ηaᵢ)^{2T}‖(QᵀW₀)ᵢ‖² equals direct iteration (geometric shape, η = 0.19, T = 500)',
      backend: 'ml-matrix-f64', sizes: [[N, N]], toleranceReason: f64Bound(N, T, 'T steps').reason,
      run: (ctx) => {
        const { a, Q, A } = instance('geometric', ctx.seed);
        const W0 = inits(ctx.seed)[0];
        let W = W0.clone();
        for (let t = 0; t < T; t++) W = W.sub(A.mmul(W).mul(0.19));
        const direct = frobeniusInner(W, A.mmul(W)) / 2, closed = gdLoss(a, Q, W0, 0.19, T);
        return { value: Math.abs(direct - closed) / closed, bound: f64Bound(N, T, '').bound, detail: { direct, closed } };
      },
    })),
  ],
  timeoutMs: 120_000,
});
