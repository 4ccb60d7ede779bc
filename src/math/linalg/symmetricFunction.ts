import { Matrix } from 'ml-matrix';
import { symmetricEigen } from './symmetricEigen.js';
import { U64 } from '../roundoff.js';

/**
 * f(A) = Q f(Λ) Qᵀ for symmetric A. mathjs and ml-matrix have no logm and mathjs's sqrtm stops at
 * 1e-6, so matrix functions of SPD matrices are built here from the symmetric eigen-decomposition,
 * which is backward stable: the error in f(A) is about u·κ(A)·|f'|-scaled.
 */
export function symmetricFunction(A: Matrix, f: (lambda: number) => number): Matrix {
  const { values, Q } = symmetricEigen(A);
  const F = Q.clone();
  for (let j = 0; j < values.length; j++) {
    const fj = f(values[j]);
    for (let i = 0; i < F.rows; i++) F.set(i, j, F.get(i, j) * fj);
  }
  return F.mmul(Q.transpose());
}

/** Thrown when a matrix function needs positive eigenvalues and the matrix is (numerically) singular. */
export class SingularMatrixError extends Error {
  constructor(
    readonly lambdaMin: number,
    readonly lambdaMax: number,
    what: string,
  ) {
    super(
      `${what}: matrix is singular or indefinite (λ_min = ${lambdaMin.toExponential(3)}, λ_max = ${lambdaMax.toExponential(3)})`,
    );
  }
}

/**
 * Positive definiteness in floating point: λ_min must exceed the backward error of the
 * eigensolver, n·u·λ_max. Below that the computed eigenvalue is noise and A⁻¹ᐟ² does not exist.
 */
export function assertPositiveDefinite(A: Matrix, what: string): void {
  const { values } = symmetricEigen(A);
  const lmin = values[0],
    lmax = values[values.length - 1];
  if (!(lmin > A.rows * U64 * Math.abs(lmax))) throw new SingularMatrixError(lmin, lmax, what);
}

export function sqrtmSym(A: Matrix): Matrix {
  return symmetricFunction(A, (l) => Math.sqrt(Math.max(l, 0)));
}

/** A^{-1/2} for SPD A; throws SingularMatrixError when A is not numerically positive definite. */
export function invSqrtmSym(A: Matrix): Matrix {
  assertPositiveDefinite(A, 'A^{-1/2}');
  return symmetricFunction(A, (l) => 1 / Math.sqrt(l));
}

/**
 * Moore–Penrose A^{+1/2} for symmetric PSD A: eigenvalues below n·u·λ_max count as zero.
 */
export function pinvSqrtmSym(A: Matrix): Matrix {
  const { values } = symmetricEigen(A);
  const cut = A.rows * 2 ** -52 * Math.max(...values.map(Math.abs));
  return symmetricFunction(A, (l) => (l > cut ? 1 / Math.sqrt(l) : 0));
}

export function logmSym(A: Matrix): Matrix {
  assertPositiveDefinite(A, 'log(A)');
  return symmetricFunction(A, Math.log);
}

export function expmSym(A: Matrix): Matrix {
  return symmetricFunction(A, Math.exp);
}
