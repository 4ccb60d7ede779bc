/**
 * Every environment variable the project reads, in one place, with what it means. Nothing else in
 * src/ reads `process.env` (test/architecture.test.ts checks it). Command-line options are the
 * normal way in; these exist for the few things a child process or a test harness must pass down.
 *
 *   MUON_ROOT         judge the claims/, properties/, sources/ and docs/claims-index.md of another
 *                     tree (the engine's tests run fixture trees this way); default: this repository
 *   MUON_REPLAY       set by `npm run replay`: {"claim","check","seed","path"} of a counterexample to
 *                     replay with fast-check's seed and path instead of searching
 *   MUON_GPU_BACKEND  force one gpu.js backend (headlessgl | webgpu | webasm | cpu), no fallback
 *   MUON_WORKER       set by the runner in each claim's child process (informational)
 *   MUON_WORKER_LOADER  how a claim's process loads its code: `bundle` (default: a cached esbuild bundle,
 *                     src/engine/runner/workerBundle.ts) or `tsx` (the sources through tsx's loader)
 */
export interface Config {
  root: string | undefined;
  replay: string | undefined;
  gpuBackend: string | undefined;
  worker: boolean;
  workerLoader: 'bundle' | 'tsx';
}

const nonEmpty = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);

function workerLoaderOf(v: string | undefined): 'bundle' | 'tsx' {
  const given = nonEmpty(v);
  if (given === undefined || given === 'bundle' || given === 'tsx') return given ?? 'bundle';
  throw new Error(`MUON_WORKER_LOADER must be 'bundle' or 'tsx', got '${given}'`);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    root: nonEmpty(env.MUON_ROOT),
    replay: nonEmpty(env.MUON_REPLAY),
    gpuBackend: nonEmpty(env.MUON_GPU_BACKEND),
    worker: env.MUON_WORKER === '1',
    workerLoader: workerLoaderOf(env.MUON_WORKER_LOADER),
  };
}
