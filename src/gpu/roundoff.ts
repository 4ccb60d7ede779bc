/**
 * Unit roundoffs and Higham's γ_k, the constants every error bound in this
 * tier is built from (N. J. Higham, Accuracy and Stability of Numerical
 * Algorithms, 2nd ed., §2.2 and Lemma 3.1).
 *
 * The model: each binary32 operation returns fl(x op y) = (x op y)(1 + δ),
 * |δ| ≤ u. WebAssembly f32 arithmetic and WebGPU/GL single precision give
 * exactly this (no fused multiply-add in wasm's scalar or f32x4 ops), so a
 * product of k such factors stays within 1 ± γ_k.
 */

// Defined once, in src/math/roundoff.ts.
export { U32, U64, gamma } from '../math/roundoff.js';
