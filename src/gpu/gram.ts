/** Gram matrices AᵀA and AAᵀ (re-exported from their kernels' files). */
export { gramAtA } from './matmul.js';
export { gramAAt } from './transpose.js';
