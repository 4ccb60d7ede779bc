import { fork, type ChildProcess } from 'node:child_process';
import { readConfig } from '../../config.js';
import type { ClaimResult, MutantOutcome } from '../verify/types.js';
import type { Job, WorkerMessage } from './protocol.js';
import { WORKER_SOURCE, workerBundle } from './workerBundle.js';

export interface Limits {
  /** Limit for importing the property file (a module that loops at top level). */
  loadMs: number;
  /** Limit for the claim once loaded, unless its spec declares its own `timeoutMs`. */
  claimMs: number;
  /** Multiplies a spec's own limit (heavy mode runs larger sizes). */
  factor: number;
  /** No claim may run longer than this, whatever it declares. */
  capMs: number;
}

export type ProcessOutcome =
  | { kind: 'result'; result: ClaimResult; ms: number }
  | { kind: 'mutants'; outcomes: MutantOutcome[]; ms: number }
  | { kind: 'error'; error: string; ms: number; timedOut: boolean };

export interface RunningClaim {
  done: Promise<ProcessOutcome>;
  /** Kill it now (the whole run's limit was reached); `why` becomes its error. */
  abort(why: string): void;
  /** What it is doing, for progress lines. */
  current(): string;
}

const secs = (ms: number) => `${+(ms / 1000).toFixed(1)} s`;

/**
 * Runs one claim in a child process of its own and kills it (SIGKILL, which no JavaScript can
 * ignore) when it overruns: first `loadMs` for the import, then the claim's limit. The error names
 * the check that was running. A child that dies, or exits without a result, is an error too.
 * The child runs the claim's cached worker bundle (workerBundle.ts), or the sources under tsx when
 * MUON_WORKER_LOADER=tsx or the bundle cannot be built faithfully.
 */
export function runClaimProcess(job: Job, limits: Limits, onLog: (line: string) => void): RunningClaim {
  const t0 = performance.now();
  let phase = 'loading the property file';
  let started: ChildProcess | undefined;
  const stderrTail: string[] = [];
  let settle!: (o: ProcessOutcome) => void;
  const done = new Promise<ProcessOutcome>((r) => (settle = r));
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  const end = (o: ProcessOutcome) => {
    if (settled) return;
    settled = true;
    if (timer) clearTimeout(timer);
    if (started && started.exitCode === null && started.signalCode === null) started.kill('SIGKILL');
    settle(o);
  };
  const fail = (error: string, timedOut = false) =>
    end({ kind: 'error', error, ms: Math.round(performance.now() - t0), timedOut });
  const arm = (ms: number, what: () => string) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => fail(`timed out after ${secs(ms)} ${what()}; the claim's process was killed`, true), ms);
  };

  // Forks the worker, unless the claim already ended (aborted, or timed out while its bundle was built).
  const start = (worker: string, execArgv: string[]) => {
    if (settled) return;
    let child: ChildProcess;
    try {
      child = fork(worker, [], {
        execArgv,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'advanced', // keeps NaN and ±Infinity in results (JSON would turn them into null)
        env: { ...process.env, MUON_WORKER: '1' },
      });
    } catch (e) {
      fail(`could not start a worker process: ${(e as Error).message}`);
      return;
    }
    started = child;
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) stderrTail.push(line);
      stderrTail.splice(0, Math.max(0, stderrTail.length - 20));
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);

    child.on('message', (m: WorkerMessage) => {
      switch (m.type) {
        case 'loaded': {
          const own = m.timeoutMs ?? limits.claimMs;
          const ms = Math.min(own * limits.factor, limits.capMs);
          phase = 'starting';
          arm(ms, () => `in ${phase}`);
          break;
        }
        case 'check':
          phase = `${m.group} check '${m.name}'`;
          break;
        case 'log':
          onLog(m.line);
          break;
        case 'result':
          end({ kind: 'result', result: m.result, ms: Math.round(performance.now() - t0) });
          break;
        case 'mutants':
          end({ kind: 'mutants', outcomes: m.outcomes, ms: Math.round(performance.now() - t0) });
          break;
        case 'fatal':
          fail(phase.includes('check') ? `${m.error} (in ${phase})` : m.error);
          break;
      }
    });
    child.on('error', (e) => fail(`worker process error: ${e.message}`));
    child.on('exit', (code, signal) => {
      // Give a last IPC message a moment to arrive before calling the exit unexplained.
      setTimeout(
        () =>
          fail(
            `the claim's process exited (${signal ? 'signal ' + signal : 'code ' + code}) before reporting a result${stderrTail.length ? '; its last output: ' + stderrTail.slice(-5).join(' | ') : ''}`,
          ),
        50,
      );
    });
    child.send(job);
  };
  // The load limit covers building the worker's bundle (when the cache is cold) and importing the property file.
  arm(limits.loadMs, () => 'while loading the property file');
  const underTsx = (why: string | null) => {
    if (why !== null) onLog(`${job.id}: runs under tsx (${why})`);
    start(WORKER_SOURCE, ['--import', 'tsx']);
  };
  if (readConfig().workerLoader === 'tsx') underTsx(null);
  else
    workerBundle(job.propertyFile).then(
      (b) => ('file' in b ? start(b.file, ['--enable-source-maps']) : underTsx(b.fallback)),
      (e: unknown) => underTsx(`the bundle failed: ${(e as Error)?.message ?? String(e)}`),
    );
  return {
    done,
    abort: (why) => fail(`${why} (in ${phase})`, true),
    current: () => phase,
  };
}
