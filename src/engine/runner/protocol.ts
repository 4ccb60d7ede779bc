/**
 * Messages between the suite runner (parent) and a claim worker (one child process per claim).
 * The child is killable: that is the only way to stop synchronous code that never returns.
 */
import type { ReplayRequest } from '../verify/seed.js';
import type { ClaimResult, MutantOutcome } from '../verify/types.js';

export interface Job {
  kind: 'verify' | 'mutants';
  id: string;
  /** Absolute paths. */
  root: string;
  propertyFile: string;
  seed: number;
  heavy: boolean;
  replay: ReplayRequest | null;
  /** Ids that exist as claim files, to resolve `dependsOn`. */
  knownIds: string[];
}

export type WorkerMessage =
  /** The property file was imported and registered its spec; `timeoutMs` is the spec's own limit, if any. */
  | { type: 'loaded'; timeoutMs: number | null }
  /** A check is starting: the parent names it if the claim times out. */
  | { type: 'check'; group: string; name: string }
  | { type: 'log'; line: string }
  | { type: 'result'; result: ClaimResult }
  | { type: 'mutants'; outcomes: MutantOutcome[] }
  /** The claim could not be run (bad property file): the message names the file and the problem. */
  | { type: 'fatal'; error: string };
