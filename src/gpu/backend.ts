/**
 * Which gpu.js backend runs our kernels, proven rather than assumed.
 *
 * gpu.js degrades quietly: a kernel the chosen backend cannot take is rebuilt
 * on the cpu backend with only a console warning. For a verification suite a
 * silent change of arithmetic is a wrong answer, so every kernel call here is
 * checked against the backend its context was proven on, and a mismatch
 * throws. All gpu.js typing looseness is confined to this file.
 */
import type { GPU } from 'gpu.js';
import { readConfig } from '../config.js';

export type BackendName = 'headlessgl' | 'webgl2' | 'webgpu' | 'webasm' | 'cpu';

export const BACKEND_ORDER: readonly BackendName[] = ['headlessgl', 'webgl2', 'webgpu', 'webasm', 'cpu'];

export interface GpuContext {
  gpu: GPU;
  backend: BackendName;
  /**
   * Kernels return Promises either way; asyncMode additionally hands webasm
   * kernels with ≥ 4096 output cells to gpu.js's worker pool (threads).
   */
  asyncMode: boolean;
  /** Human label for reports, e.g. "webasm (threaded)". */
  label: string;
  /** Constructor name of the kernel class that ran the probe. */
  kernelClass: string;
  kernels: Map<string, KernelShortcut>;
}

/** A cached kernel as the rest of src/gpu sees it. */
export type KernelRunner = (...args: KernelArg[]) => Promise<unknown>;
export type KernelArg = number | Float32Array | Float32Array[] | Float32Array[][];

export interface KernelSpec {
  /** Kernel body. Must be a plain `function` (gpu.js parses its source). */
  source: (this: never, ...args: never[]) => unknown;
  output: number[];
  /** Compile-time numbers baked into the kernel (shapes, tile counts). */
  constants?: object;
  /**
   * gpu.js caps every loop it cannot prove bounded at this many iterations
   * and then *silently* stops. Kernels here tile their loops so no loop
   * exceeds TILE; this is set explicitly so the cap is a stated fact.
   */
  loopMaxIterations: number;
}

// ---- the loose gpu.js surface, typed minimally -----------------------------

interface KernelInstanceLike {
  constructor: { name: string; mode?: string };
  fallbackReason?: string | null;
}

interface KernelShortcut {
  (...args: unknown[]): unknown;
  kernel: KernelInstanceLike;
  destroy(removeCanvasReferences?: boolean): unknown;
}

interface GpuStatics {
  isHeadlessGLSupported: boolean;
  isWebGL2Supported: boolean;
  isWebGPUSupported: boolean;
  isWebAssemblySupported: boolean;
  isWebGPUAvailable(): Promise<boolean>;
}

type GpuClass = GpuStatics & (new (settings: Record<string, unknown>) => GPU);
let gpuModule: Promise<GpuClass> | undefined;
/**
 * gpu.js, loaded on first use: most claims never run a kernel, and each claim's process would otherwise
 * pay for loading it (and the native `gl` module it opens where that is installed) at start.
 */
function gpuClass(): Promise<GpuClass> {
  return (gpuModule ??= import('gpu.js').then((m) => m.GPU as unknown as GpuClass));
}

function createKernelShortcut(ctx: GpuContext, spec: KernelSpec): KernelShortcut {
  const settings: Record<string, unknown> = {
    output: spec.output,
    loopMaxIterations: spec.loopMaxIterations,
    precision: 'single',
    tactic: 'precision',
    asyncMode: ctx.asyncMode,
  };
  if (spec.constants) settings['constants'] = spec.constants;
  const create = (ctx.gpu as unknown as { createKernel(f: unknown, s: unknown): unknown }).createKernel;
  return create.call(ctx.gpu, spec.source, settings) as KernelShortcut;
}

/** Maps a gpu.js kernel class to our backend name; GL classes all report mode 'gpu'. */
export function backendOfKernelClass(name: string): BackendName | undefined {
  switch (name) {
    case 'HeadlessGLKernel':
      return 'headlessgl';
    case 'WebGL2Kernel':
      return 'webgl2';
    case 'WebGPUKernel':
      return 'webgpu';
    case 'WebAssemblyKernel':
      return 'webasm';
    case 'CPUKernel':
      return 'cpu';
    default:
      return undefined;
  }
}

/**
 * How a backend actually does arithmetic. The GL, WebGPU and WebAssembly
 * backends round every operation to binary32. The cpu backend transpiles the
 * kernel to JavaScript: inputs and outputs pass through Float32Array, but
 * intermediate values are JS numbers, i.e. binary64 (measured: its noisy-sign
 * paths agree bit for bit with an f64 loop, not with an f32 one). Every f32
 * error bound here still holds for it (it is only more accurate).
 */
export function arithmeticOf(backend: BackendName): 'binary32' | 'binary64-internal' {
  return backend === 'cpu' ? 'binary64-internal' : 'binary32';
}

export class BackendMismatchError extends Error {}

function ranOn(shortcut: KernelShortcut): { cls: string; backend: BackendName | undefined; reason: string | null } {
  const inst = shortcut.kernel;
  const cls = inst.constructor.name;
  return { cls, backend: backendOfKernelClass(cls), reason: inst.fallbackReason ?? null };
}

/**
 * Compiled kernels are specialised per shape (gpu.js bakes output size and
 * argument dimensions into the module), so they are cached per key. Each
 * threaded webasm kernel owns a worker pool, hence the bound and the
 * explicit destroy on eviction.
 */
const KERNEL_CACHE_LIMIT = 32;

export function cachedKernel(ctx: GpuContext, key: string, build: () => KernelSpec): KernelRunner {
  let shortcut = ctx.kernels.get(key);
  if (shortcut) {
    ctx.kernels.delete(key);
    ctx.kernels.set(key, shortcut);
  } else {
    shortcut = createKernelShortcut(ctx, build());
    ctx.kernels.set(key, shortcut);
    while (ctx.kernels.size > KERNEL_CACHE_LIMIT) {
      const [oldKey, old] = ctx.kernels.entries().next().value as [string, KernelShortcut];
      ctx.kernels.delete(oldKey);
      old.destroy(true);
    }
  }
  const s = shortcut;
  return async (...args: KernelArg[]) => {
    const result = await s(...args);
    const actual = ranOn(s);
    if (actual.backend !== ctx.backend) {
      throw new BackendMismatchError(
        `kernel "${key}" ran on ${actual.cls} but context is ${ctx.backend}` +
          (actual.reason ? ` (gpu.js fallback: ${actual.reason})` : ''),
      );
    }
    return result;
  };
}

// ---- contexts and detection ------------------------------------------------

async function webgpuAdapterAnswers(): Promise<boolean> {
  // Node 20 has no navigator.gpu; the optional dawn binding (the `webgpu`
  // package gpu.js depends on) can provide one. Its native module may not
  // load (glibc) or no adapter may answer; either means "not available".
  const g = globalThis as { navigator?: { gpu?: unknown } };
  if (!g.navigator?.gpu) {
    try {
      const mod = (await import('webgpu')) as unknown as { create(o: string[]): unknown; globals: object };
      const gpu = mod.create([]);
      Object.assign(globalThis, mod.globals);
      if (g.navigator === undefined) {
        Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
      } else if (!g.navigator.gpu) {
        Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
      }
    } catch {
      return false;
    }
  }
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000).unref());
  const GpuClass = await gpuClass();
  return Promise.race([GpuClass.isWebGPUAvailable().catch(() => false), timeout]);
}

async function backendSupported(backend: BackendName): Promise<boolean> {
  const GpuClass = await gpuClass();
  try {
    switch (backend) {
      case 'headlessgl':
        // true only when the optional `gl` package is installed and can open
        // a context (it needs an X display, e.g. under xvfb-run)
        return GpuClass.isHeadlessGLSupported;
      case 'webgl2':
        return GpuClass.isWebGL2Supported;
      case 'webgpu':
        return await webgpuAdapterAnswers();
      case 'webasm':
        return GpuClass.isWebAssemblySupported;
      case 'cpu':
        return true;
    }
  } catch {
    return false;
  }
}

export interface ContextOptions {
  /** webasm only: run under the async contract so the worker pool engages. Default true. */
  threaded?: boolean;
}

function newContext(GpuClass: GpuClass, backend: BackendName, opts: ContextOptions): GpuContext {
  const threaded = opts.threaded ?? true;
  // webgpu is inherently async; GL and cpu resolve synchronously either way
  const asyncMode = backend === 'webgpu' ? true : backend === 'webasm' ? threaded : true;
  const gpu = new GpuClass({ mode: backend });
  const label = backend === 'webasm' ? `webasm (${threaded ? 'threaded' : 'single-thread'})` : backend;
  return { gpu, backend, asyncMode, label, kernelClass: '', kernels: new Map() };
}

/**
 * Runs a small kernel with ≥ 4096 output cells (so the webasm pool engages)
 * and checks it bit-exactly: 2·x + 1 is exact in binary32 for these x.
 */
async function probe(ctx: GpuContext): Promise<void> {
  const n = 64;
  const rows: Float32Array[] = [];
  for (let i = 0; i < n; i++) rows.push(Float32Array.from({ length: n }, (_, j) => i * n + j));
  const run = cachedKernel(ctx, 'probe', () => ({
    source: function (this: { thread: { x: number; y: number } }, a: number[][]) {
      return 2 * a[this.thread.y]![this.thread.x]! + 1;
    },
    output: [n, n],
    loopMaxIterations: 1,
  }));
  const out = (await run(rows)) as Float32Array[];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (out[i]![j] !== 2 * (i * n + j) + 1) throw new Error(`probe kernel wrong at (${i},${j}) on ${ctx.backend}`);
    }
  }
  ctx.kernelClass = ctx.kernels.get('probe')!.kernel.constructor.name;
  ctx.kernels.get('probe')!.destroy(true);
  ctx.kernels.delete('probe');
}

/** A proven context on one named backend; throws if it cannot run there. */
export async function createGpuContext(backend: BackendName, opts: ContextOptions = {}): Promise<GpuContext> {
  if (!(await backendSupported(backend))) throw new Error(`gpu.js backend ${backend} is not available here`);
  const ctx = newContext(await gpuClass(), backend, opts);
  await probe(ctx);
  return ctx;
}

function forcedBackend(): BackendName | undefined {
  const v = readConfig().gpuBackend;
  if (v === undefined) return undefined;
  if ((BACKEND_ORDER as readonly string[]).includes(v)) return v as BackendName;
  throw new Error(`MUON_GPU_BACKEND=${v} is not one of ${BACKEND_ORDER.join(', ')}`);
}

let defaultContext: Promise<GpuContext> | undefined;

async function detect(): Promise<GpuContext> {
  const forced = forcedBackend();
  if (forced) return createGpuContext(forced);
  const failures: string[] = [];
  for (const backend of BACKEND_ORDER) {
    if (!(await backendSupported(backend))) continue;
    try {
      return await createGpuContext(backend);
    } catch (e) {
      failures.push(`${backend}: ${(e as Error).message}`);
    }
  }
  throw new Error(`no gpu.js backend passed its probe: ${failures.join('; ')}`);
}

/**
 * The process-wide context: the first backend in BACKEND_ORDER that is
 * available and passes the probe, or MUON_GPU_BACKEND if set (no fallback
 * then: a forced backend that cannot run is an error).
 */
export async function getGpu(): Promise<GpuContext> {
  defaultContext ??= detect();
  try {
    return await defaultContext;
  } catch (e) {
    defaultContext = undefined;
    throw e;
  }
}

export async function gpuBackendName(): Promise<string> {
  return (await getGpu()).label;
}

/** Destroys a context's kernels (and with them any worker pools). */
export async function destroyGpuContext(ctx: GpuContext): Promise<void> {
  ctx.kernels.clear();
  await ctx.gpu.destroy();
}

/**
 * Releases the default context. Idle webasm workers are unref'd by gpu.js,
 * so a process exits without this; calling it terminates them eagerly.
 */
export async function disposeGpu(): Promise<void> {
  const pending = defaultContext;
  defaultContext = undefined;
  if (!pending) return;
  let ctx: GpuContext;
  try {
    ctx = await pending;
  } catch {
    return;
  }
  await destroyGpuContext(ctx);
}
