import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { haarOrthonormal } from './orthogonal.js';

/**
 * Square orthogonal n×n matrices: signed permutations (built from a list of transpositions and a
 * sign pattern, so they shrink to the identity and a counterexample can be redone by hand) mixed
 * with Haar-random ones (seed 0 is the identity, again the shrink target).
 */
export function orthogonalMatrices(n: number): fc.Arbitrary<Matrix> {
  const signedPermutation = fc
    .record({
      swaps: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 })), { maxLength: n }),
      flips: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    })
    .map(({ swaps, flips }) => {
      const p = Array.from({ length: n }, (_, i) => i);
      for (const [i, j] of swaps) [p[i], p[j]] = [p[j], p[i]];
      const Q = new Matrix(n, n);
      p.forEach((j, i) => Q.set(i, j, flips[i] ? -1 : 1));
      return Q;
    });
  const haar = fc
    .integer({ min: 0, max: 2 ** 31 - 1 })
    .map((seed) => (seed === 0 ? Matrix.eye(n) : haarOrthonormal(n, n, seed)));
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: signedPermutation, weight: 1 },
    { arbitrary: haar, weight: 2 },
  );
}
