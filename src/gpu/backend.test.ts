import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  arithmeticOf,
  backendOfKernelClass,
  BackendMismatchError,
  createGpuContext,
  destroyGpuContext,
  disposeGpu,
  getGpu,
  gpuBackendName,
} from './backend.js';
import { matmul } from './matmul.js';

afterAll(disposeGpu);

const fixture = fileURLToPath(new URL('./testFixtures/exitAfterKernels.ts', import.meta.url));

function runFixture(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', fixture],
      { env: { ...process.env, ...env }, timeout: 30_000, cwd: fileURLToPath(new URL('../..', import.meta.url)) },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

describe('backend detection', () => {
  it('proves a backend with a probe kernel and records which class ran', async () => {
    const ctx = await getGpu();
    expect(backendOfKernelClass(ctx.kernelClass)).toBe(ctx.backend);
    expect(await gpuBackendName()).toBe(ctx.label);
  });

  it('a kernel that runs on a different backend than its context claims is an error, not a fallback', async () => {
    const ctx = await getGpu();
    const lying = {
      ...ctx,
      backend: ctx.backend === 'cpu' ? ('webasm' as const) : ('cpu' as const),
      kernels: new Map(),
    };
    const A = { rows: 2, cols: 2, data: Float32Array.of(1, 2, 3, 4) };
    await expect(matmul(A, A, lying)).rejects.toBeInstanceOf(BackendMismatchError);
  });

  it('the cpu backend can be requested explicitly and computes the same product', async () => {
    const cpu = await createGpuContext('cpu');
    expect(cpu.backend).toBe('cpu');
    expect(arithmeticOf('cpu')).toBe('binary64-internal');
    const A = { rows: 3, cols: 3, data: Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9) };
    const C = await matmul(A, A, cpu);
    expect(Array.from(C.data)).toEqual([30, 36, 42, 66, 81, 96, 102, 126, 150]);
    await destroyGpuContext(cpu);
  });

  it('a process that used threaded kernels exits by itself (idle workers do not hold it)', async () => {
    const r = await runFixture({});
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim()) as { backend: string; c00: number };
    expect(out.c00).toBe(96);
  }, 40_000);

  it('MUON_GPU_BACKEND forces a backend, and an unknown name is an error', async () => {
    const forced = await runFixture({ MUON_GPU_BACKEND: 'cpu' });
    expect(forced.code, forced.stderr).toBe(0);
    expect((JSON.parse(forced.stdout.trim()) as { backend: string }).backend).toBe('cpu');
    const bad = await runFixture({ MUON_GPU_BACKEND: 'quantum' });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/MUON_GPU_BACKEND=quantum/);
  }, 60_000);
});
