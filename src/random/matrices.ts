import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { numericalRank } from '../math/linalg/thinSvd.js';
import type { MatrixCase } from './matrixCase.js';
import { haarOrthonormal } from './orthogonal.js';
import { geometricSpectrum } from './spectrum.js';

export type Shape = 'any' | 'tall' | 'wide' | 'square' | 'tall-or-square' | 'wide-or-square';
export type RankRequirement = 'full' | 'deficient' | 'any';

export interface MatrixOptions {
  rows?: { min: number; max: number };
  cols?: { min: number; max: number };
  shape?: Shape;
  rank?: RankRequirement;
  /** Largest log10 κ of spectral cases (drawn in quarter decades; shrinks toward κ = 1). */
  maxLogKappa?: number;
  /** Include small-integer matrices (the shrink target). Default true. */
  integers?: boolean;
  /** Integer entries are drawn from [−range, range]. Default 3. */
  integerRange?: number;
}

function shapeOk(shape: Shape, m: number, n: number): boolean {
  switch (shape) {
    case 'tall':
      return m > n;
    case 'wide':
      return m < n;
    case 'square':
      return m === n;
    case 'tall-or-square':
      return m >= n;
    case 'wide-or-square':
      return m <= n;
    default:
      return true;
  }
}

function dims(o: MatrixOptions): fc.Arbitrary<{ m: number; n: number }> {
  const rows = o.rows ?? { min: 1, max: 6 };
  const cols = o.cols ?? { min: 1, max: 6 };
  const shape = o.shape ?? 'any';
  const minR = o.rank === 'deficient' ? 2 : 1;
  return fc
    .record({ m: fc.integer(rows), n: fc.integer(cols) })
    .filter(({ m, n }) => shapeOk(shape, m, n) && Math.min(m, n) >= minR);
}

function rankOk(rank: RankRequirement, G: Matrix): boolean {
  if (rank === 'any') return true;
  const r = numericalRank(G);
  return rank === 'full' ? r === Math.min(G.rows, G.columns) : r < Math.min(G.rows, G.columns);
}

/** Small-integer matrices: they shrink toward zeros and small shapes, then the rank filter bites. */
export function integerMatrices(o: MatrixOptions = {}): fc.Arbitrary<MatrixCase> {
  const range = o.integerRange ?? 3;
  return dims(o)
    .chain(({ m, n }) =>
      fc.array(fc.array(fc.integer({ min: -range, max: range }), { minLength: n, maxLength: n }), {
        minLength: m,
        maxLength: m,
      }),
    )
    .filter((entries) => rankOk(o.rank ?? 'any', new Matrix(entries)))
    .map((entries): MatrixCase => ({ kind: 'integer', rows: entries.length, cols: entries[0].length, entries }));
}

/** G = U·diag(σ)·Vᵀ with Haar U, V and a geometric spectrum of known condition number. */
export function spectralMatrices(o: MatrixOptions = {}): fc.Arbitrary<MatrixCase> {
  const maxQ = Math.round(4 * (o.maxLogKappa ?? 3));
  return dims(o).chain(({ m, n }) => {
    const r = Math.min(m, n);
    const rankArb =
      o.rank === 'deficient'
        ? fc.integer({ min: 1, max: r - 1 })
        : o.rank === 'full'
          ? fc.constant(r)
          : fc.integer({ min: 1, max: r }).map((k) => r - k + 1);
    return fc
      .record({ k: rankArb, q: fc.integer({ min: 0, max: maxQ }), seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }) })
      .map(({ k, q, seed }): MatrixCase => {
        const kappa = 10 ** (q / 4);
        const sigma = [...geometricSpectrum(k, kappa), ...Array(r - k).fill(0)];
        // Seed 0 (where shrinking ends) means canonical singular vectors: G is diag(σ) padded with zeros.
        const U = seed === 0 ? Matrix.eye(m, r) : haarOrthonormal(m, r, seed);
        const V = seed === 0 ? Matrix.eye(n, r) : haarOrthonormal(n, r, seed ^ 0x5bd1e995);
        const G = U.mulRowVector(sigma).mmul(V.transpose());
        // A single non-zero singular value has κ = 1 whatever was drawn.
        return { kind: 'spectral', rows: m, cols: n, entries: G.to2DArray(), sigma, kappa: k === 1 ? 1 : kappa, seed };
      });
  });
}

/**
 * The matrix arbitrary the claims use: small-integer and spectral cases mixed. With cross-shrinking,
 * a failing spectral case is first retried as an integer case, so counterexamples come out in the
 * simplest form the claim's hypotheses allow.
 */
export function matrices(o: MatrixOptions = {}): fc.Arbitrary<MatrixCase> {
  if (o.integers === false) return spectralMatrices(o);
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: integerMatrices(o), weight: 1 },
    { arbitrary: spectralMatrices(o), weight: 3 },
  );
}

/** A random direction (Gaussian entries, unit Frobenius norm) of a given shape, from a seed. */
export function directionFromSeed(rows: number, cols: number, seed: number): Matrix {
  const G = haarOrthonormal(rows * cols, 1, seed); // a uniformly random unit vector
  const E = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) E.set(i, j, G.get(i * cols + j, 0));
  return E;
}
