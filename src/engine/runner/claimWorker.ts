/**
 * A claim worker: one child process per claim, forked by the suite runner with tsx loaded.
 * It imports the claim's property file (which only registers its spec), checks that exactly one
 * spec was registered by that very file, runs the claim and sends the result back. The parent
 * holds the clock: if this process overruns, it is killed, whatever it is doing.
 */
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suitePaths } from '../registry/paths.js';
import { runClaim } from '../verify/runClaim.js';
import { tidyFrame } from '../verify/stackFrame.js';
import { takeRegistrations } from '../verify/verifyClaim.js';
import type { ClaimSpec } from '../verify/types.js';
import { instrumentSpec } from './instrument.js';
import type { Job, WorkerMessage } from './protocol.js';

/** A claim's own time limit may not exceed 10 minutes (heavy mode scales it; see runClaimProcess). */
export const MAX_CLAIM_TIMEOUT_MS = 600_000;
/** Below a second a limit is a typo (e.g. `timeoutMs: 0`, which used to disable the limit). */
export const MIN_CLAIM_TIMEOUT_MS = 1_000;

let finished = false;
function send(msg: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      resolve();
      return;
    }
    process.send(msg, undefined, {}, () => resolve());
  });
}
async function finish(msg: WorkerMessage): Promise<never> {
  if (!finished) {
    finished = true;
    await send(msg);
  }
  process.exit(0);
}

/** One line: the message and the first stack frame in the property file or the engine. */
export function oneLine(e: unknown): string {
  const err = e as Error;
  const msg = String(err?.message ?? e).replace(/\s*\n\s*/g, ' ');
  const frame = (err?.stack ?? '')
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .find((l) => !l.includes('node:internal') && !l.includes('node_modules'));
  return frame ? `${msg} (${tidyFrame(frame)})` : msg;
}
process.on('uncaughtException', (e) => {
  void finish({ type: 'fatal', error: `uncaught exception: ${oneLine(e)}` });
});
process.on('unhandledRejection', (e) => {
  void finish({ type: 'fatal', error: `unhandled promise rejection: ${oneLine(e)}` });
});
// Nothing left to run but no result: a Promise that never settles (nothing else empties the loop).
process.on('beforeExit', () => {
  void finish({
    type: 'fatal',
    error: 'a Promise never settled: the claim stopped with nothing left to run and no result',
  });
});

/** How the property file is imported: by its path (tsx), or the bundled import of a precompiled worker. */
let importProperty: (file: string) => Promise<unknown> = (file) => import(pathToFileURL(file).href);
export function usePropertyImporter(f: (file: string) => Promise<unknown>): void {
  importProperty = f;
}

/** Imports the property file and returns its one spec, or the reason it has none. */
export async function loadSpec(job: Job): Promise<{ spec: ClaimSpec } | { error: string }> {
  const shown = relative(job.root, job.propertyFile) || job.propertyFile;
  takeRegistrations();
  try {
    await importProperty(job.propertyFile);
  } catch (e) {
    const err = e as Error;
    return { error: `${shown}: failed to import: ${oneLine(err)}` };
  }
  const regs = takeRegistrations();
  if (regs.length === 0) return { error: `${shown} never called verifyClaim(import.meta.url, spec)` };
  if (regs.length > 1)
    return {
      error: `${shown}: verifyClaim was called ${regs.length} times (at ${regs.map((r) => r.callSite).join('; at ')}); a property file registers exactly one claim`,
    };
  const reg = regs[0];
  if (reg.file !== job.propertyFile) {
    return {
      error: `${shown}: verifyClaim was called with the import.meta.url of ${relative(job.root, reg.file) || reg.file}, not of this property file`,
    };
  }
  let spec: ClaimSpec;
  try {
    spec = typeof reg.spec === 'function' ? reg.spec() : reg.spec;
  } catch (e) {
    return { error: `${shown}: the spec function threw: ${(e as Error)?.message ?? String(e)}` };
  }
  if (typeof spec !== 'object' || spec === null)
    return { error: `${shown}: verifyClaim's spec is ${String(spec)}, not an object` };
  const t = spec.timeoutMs;
  if (
    t !== undefined &&
    !(typeof t === 'number' && Number.isFinite(t) && t >= MIN_CLAIM_TIMEOUT_MS && t <= MAX_CLAIM_TIMEOUT_MS)
  ) {
    return {
      error: `${shown}: field 'timeoutMs' must be a number of milliseconds from ${MIN_CLAIM_TIMEOUT_MS} to ${MAX_CLAIM_TIMEOUT_MS}, got ${JSON.stringify(t) ?? String(t)}`,
    };
  }
  return { spec };
}

async function run(job: Job): Promise<void> {
  const loaded = await loadSpec(job);
  if ('error' in loaded) return finish({ type: 'fatal', error: loaded.error });
  await send({ type: 'loaded', timeoutMs: loaded.spec.timeoutMs ?? null });
  const spec = instrumentSpec(loaded.spec, (group, name) => {
    void send({ type: 'check', group, name });
  });
  const opts = {
    paths: suitePaths(job.root),
    seed: job.seed,
    heavy: job.heavy,
    replay: job.replay,
    knownIds: new Set(job.knownIds),
    log: (line: string) => {
      void send({ type: 'log', line });
    },
  };
  if (job.kind === 'mutants') {
    const { runMutants } = await import('../verify/mutants.js');
    return finish({ type: 'mutants', outcomes: await runMutants(job.id, spec, opts) });
  }
  return finish({ type: 'result', result: await runClaim(job.id, spec, opts) });
}

process.once('message', (job: Job) => {
  run(job).catch((e) => finish({ type: 'fatal', error: `runner error: ${(e as Error)?.stack ?? String(e)}` }));
});
