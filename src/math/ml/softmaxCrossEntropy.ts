import { Matrix } from 'ml-matrix';

/** Row-wise softmax, shifted by each row's maximum so exp never overflows (the standard log-sum-exp trick). */
export function softmaxRows(Z: Matrix): Matrix {
  const P = new Matrix(Z.rows, Z.columns);
  for (let i = 0; i < Z.rows; i++) {
    const row = Z.getRow(i),
      m = Math.max(...row);
    const e = row.map((z) => Math.exp(z - m)),
      s = e.reduce((a, b) => a + b, 0);
    e.forEach((x, k) => P.set(i, k, x / s));
  }
  return P;
}

/**
 * Mean cross-entropy L(W) = −(1/N) Σ_i Σ_k Y_ik log P_ik with P = softmax(XW), computed as
 * (1/N) Σ_i Σ_k Y_ik (logsumexp(z_i) − z_ik) so that no log of an underflowed probability is taken.
 */
export function meanCrossEntropy(X: Matrix, W: Matrix, Y: Matrix): number {
  const Z = X.mmul(W);
  let total = 0;
  for (let i = 0; i < Z.rows; i++) {
    const row = Z.getRow(i),
      m = Math.max(...row);
    const lse = m + Math.log(row.reduce((s, z) => s + Math.exp(z - m), 0));
    for (let k = 0; k < Z.columns; k++) total += Y.get(i, k) * (lse - row[k]);
  }
  return total / Z.rows;
}
