/**
 * Run by backend.test.ts in a child process: uses threaded kernels and then
 * simply returns from the module, without disposeGpu(). The process must
 * exit on its own (gpu.js unrefs idle pool workers); a hang here means a
 * worker pool keeps Node alive.
 */
import { getGpu } from '../backend.js';
import { matmul } from '../matmul.js';

const ctx = await getGpu();
const n = 96; // 9216 output cells: above the 4096-cell threading threshold
const A = { rows: n, cols: n, data: new Float32Array(n * n).fill(1) };
const C = await matmul(A, A);
process.stdout.write(JSON.stringify({ backend: ctx.backend, label: ctx.label, c00: C.data[0] }) + '\n');
