import { Matrix } from 'ml-matrix';
import {
  compute,
  controlledSpectrum,
  exact,
  frobeniusInner,
  gaussianArray,
  haarOrthonormal,
  mulberry32,
  polarFactor,
  relative,
  SPECTRUM_SHAPES,
  step,
  strictlyPositive,
  verifyClaim,
} from '../src/claim.js';
import type { CheckContext, Measurement } from '../src/claim.js';

// Fig. 2 scaled down: n = 10 (W and A are 10×10), 2 initialisations per shape (paper: 100), T = 500 as in the paper.
const N = 10,
  T = 500,
  INITS = 2,
  S_MIN = 1e-3,
  S_MAX = 10;
const MUON_ETAS = [2.2e-3, 3.2e-3, 4.6e-3, 6.8e-3, 1e-2]; // sixth-decade grid around the optima found while writing the claim (4.6e-3–1e-2), extended while the best is at an end
/** One sixth of a decade (the grid's spacing); the extension stops at 1e-4 and 1e-1, where L_T is flat or divergent. */
const SIXTH_DECADE = 10 ** (1 / 6),
  MUON_ETA_FLOOR = 1e-4,
  MUON_ETA_CEILING = 1e-1;
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
  for (let i = 0; i < N; i++) {
    let r = 0;
    for (let j = 0; j < N; j++) r += C.get(i, j) ** 2;
    l += (a[i] * (1 - eta * a[i]) ** (2 * steps) * r) / 2;
  }
  return l;
}

interface ShapeRow {
  shape: string;
  muon: number;
  muonEta: number;
  muonEdge: boolean;
  gd: number;
  gdEta: number;
}
interface Tuning {
  rows: ShapeRow[];
  muonGrids: Map<number, number>[];
}

/**
 * Each method's step tuned per shape on its grid to minimise the mean over inits of log10(L_T/L_0).
 * Deterministic given the seed; computed once (first caller's seed) and read by both checks and their
 * controls, which judge the same tuned runs.
 */
let tuning: Tuning | null = null;
function tuned(ctx: CheckContext): Tuning {
  if (tuning) return tuning;
  const W0s = inits(ctx.seed);
  const rows: ShapeRow[] = [];
  const muonGrids: Map<number, number>[] = [];
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
      if (bestEta === etas[0] && bestEta > MUON_ETA_FLOOR) {
        const e = bestEta / SIXTH_DECADE;
        grid.set(e, muonAt(e));
        continue;
      }
      if (bestEta === etas[etas.length - 1] && bestEta < MUON_ETA_CEILING) {
        const e = bestEta * SIXTH_DECADE;
        grid.set(e, muonAt(e));
        continue;
      }
      break;
    }
    const { eta: muonEta, edge: muonEdge } = bestOnGrid(grid, [...grid.keys()]);
    const muon = grid.get(muonEta)!;
    let gd = Infinity,
      gdEta = NaN;
    for (const eta of GD_ETAS) {
      const s = W0s.reduce((acc, W0) => acc + Math.log10(gdLoss(a, Q, W0, eta, T) / L(W0)) / INITS, 0);
      if (s < gd) {
        gd = s;
        gdEta = eta;
      }
    }
    rows.push({
      shape,
      muon: +muon.toFixed(3),
      muonEta: +muonEta.toPrecision(3),
      muonEdge,
      gd: +gd.toFixed(3),
      gdEta: +gdEta.toFixed(4),
    });
    muonGrids.push(grid);
  }
  ctx.log(`[s002-spectrum-shape] per shape (mean log10 L_T/L_0, tuned step): ${JSON.stringify(rows)}`);
  tuning = { rows, muonGrids };
  return tuning;
}
/** The best step among `etas` (values from `grid`) and whether it is an end of that set. */
function bestOnGrid(grid: Map<number, number>, etas: number[]): { eta: number; edge: boolean } {
  const eta = etas.reduce((b, e) => (grid.get(e)! < grid.get(b)! ? e : b));
  return { eta, edge: eta === Math.min(...etas) || eta === Math.max(...etas) };
}
const range = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
const SPREAD_REASON =
  "deterministic given the seed (one random Q per shape, common W₀'s); each method's step tuned per shape on its grid to minimise the mean over inits of log10(L_T/L_0); the figure's unit is one order of magnitude";

/**
 * "GD's range across the shapes exceeds Muon's": the margin rG − rM must be positive. In floating point
 * x − y > 0 exactly when x > y (subtraction of distinct doubles is never 0), so the smallest positive
 * double as the bound makes "≥ bound" the strict comparison.
 */
const RANGE_MARGIN = strictlyPositive(
  `the claimed-larger range minus the claimed-smaller one (as written rG − rM: "Muon comparable across shapes, whereas GD varies"; ${SPREAD_REASON})`,
);
function rangeMargin(rows: ShapeRow[], smaller: 'muon' | 'gd'): Measurement {
  const rM = range(rows.map((r) => r.muon)),
    rG = range(rows.map((r) => r.gd));
  const [small, large] = smaller === 'muon' ? [rM, rG] : [rG, rM];
  return {
    value: large - small,
    tolerance: RANGE_MARGIN,
    relation: '>=',
    detail: { muonRange: rM, gdRange: rG, perShape: rows },
  };
}

const spread = compute({
  name: 'range over 5 spectrum shapes (κ = 1e4) of log10(L_T/L_0) after T = 500: Muon (exact polar) varies less than GD',
  backend: 'ml-matrix-f64',
  sizes: [[N, N]],
  inputs: [`${SPECTRUM_SHAPES.length} shapes × ${INITS} inits, n = ${N}, T = ${T}`],
  run: (ctx) => rangeMargin(tuned(ctx).rows, 'muon'),
  // The mirrored comparison on the same tuned runs: GD's range would have to be the smaller one.
  control: {
    description: 'roles of Muon and GD swapped (GD varies less than Muon)',
    run: (ctx) => rangeMargin(tuned(ctx).rows, 'gd'),
    inputs: ['the same tuned runs'],
  },
});

const NO_EDGE = exact(`exact count of shapes whose best step is an end of its grid (must be 0; ${SPREAD_REASON})`);
/** Shapes whose best Muon step is an end of the step set it was tuned on: an end means the optimum may lie outside. */
function edgeCount(t: Tuning, etasOf: (grid: Map<number, number>) => number[], what: string): Measurement {
  const edges = t.muonGrids.map((g, i) => ({ shape: t.rows[i].shape, ...bestOnGrid(g, etasOf(g)) }));
  return {
    value: edges.filter((e) => e.edge).length,
    tolerance: NO_EDGE,
    detail: {
      steps: what,
      perShape: edges.map((e) => ({ shape: e.shape, bestEta: +e.eta.toPrecision(3), atAnEnd: e.edge })),
    },
  };
}
/**
 * The control's grid: the initial grid's first three points, cut off at 4.6e-3 where most shapes' optimum
 * sits (measured 3.2e-3 for one shape, 4.6e-3 for four). Three points, so an interior best is possible.
 */
const TRUNCATED_MUON_ETAS = MUON_ETAS.slice(0, 3);

const muonStepInterior = compute({
  name: 'the tuned Muon step is interior to its (extended) step grid for every shape, so the Muon row is its true optimum on the grid',
  backend: 'ml-matrix-f64',
  sizes: [[N, N]],
  inputs: [`${SPECTRUM_SHAPES.length} shapes`],
  run: (ctx) => edgeCount(tuned(ctx), (g) => [...g.keys()], 'the extended sixth-decade grid'),
  // Judged on the grid cut off at the optimum (no extension): the best step is then its upper end.
  control: {
    description: `tuned on the initial grid cut off at η = ${TRUNCATED_MUON_ETAS[TRUNCATED_MUON_ETAS.length - 1]} (at the optimum of most shapes, no extension)`,
    run: (ctx) => edgeCount(tuned(ctx), () => TRUNCATED_MUON_ETAS, `η ∈ {${TRUNCATED_MUON_ETAS.join(', ')}}`),
    inputs: ['the same tuned runs'],
  },
});

verifyClaim(import.meta.url, {
  checks: [spread, muonStepInterior],
  steps: [
    step(
      'numeric',
      compute({
        name: 'GD after T steps: L_T = ½Σ aᵢ(1 − ηaᵢ)^{2T}‖(QᵀW₀)ᵢ‖² equals direct iteration (geometric shape, η = 0.19, T = 500)',
        backend: 'ml-matrix-f64',
        sizes: [[N, N]],
        run: (ctx) => {
          const { a, Q, A } = instance('geometric', ctx.seed);
          const W0 = inits(ctx.seed)[0];
          let W = W0.clone();
          for (let t = 0; t < T; t++) W = W.sub(A.mmul(W).mul(0.19));
          const direct = frobeniusInner(W, A.mmul(W)) / 2,
            closed = gdLoss(a, Q, W0, 0.19, T);
          return {
            value: Math.abs(direct - closed) / closed,
            tolerance: relative({
              n: N,
              growth: T,
              growthName: "T steps (each step's products with A err by ~n·u64, accumulated)",
            }),
            detail: { direct, closed },
          };
        },
      }),
    ),
  ],
});
