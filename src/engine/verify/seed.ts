import { readConfig } from '../../config.js';
/** The run's single seed; every check derives its own from it so checks never share a stream. */
export const DEFAULT_SEED = 20261123;
/** Seeds are unsigned 32-bit integers; larger ones are refused, never wrapped (2³² + 1 is not seed 1). */
export const MAX_SEED = 0xffffffff;

/** FNV-1a over the parts, mixed with the run seed: stable across platforms and Node versions. */
export function deriveSeed(seed: number, ...parts: string[]): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      h ^= part.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h | 0;
}

export interface ReplayRequest {
  claim: string;
  /** The check's name or key. */
  check: string;
  /** The check's stable key, when the report recorded one (survives a renamed display name). */
  key?: string;
  seed: number;
  path: string;
}

/** `npm run replay -- <id>` sets MUON_REPLAY to the JSON of the report's `replay` entry. */
export function replayRequest(raw: string | undefined = readConfig().replay): ReplayRequest | null {
  if (!raw) return null;
  let r: ReplayRequest;
  try {
    r = JSON.parse(raw) as ReplayRequest;
  } catch {
    throw new Error(`MUON_REPLAY must be {"claim","check","seed","path"}, got ${raw}`);
  }
  if (
    typeof r !== 'object' ||
    r === null ||
    typeof r.claim !== 'string' ||
    typeof r.check !== 'string' ||
    !Number.isInteger(r.seed) ||
    typeof r.path !== 'string' ||
    (r.key !== undefined && typeof r.key !== 'string')
  ) {
    throw new Error(`MUON_REPLAY must be {"claim","check","seed","path"}, got ${raw}`);
  }
  return r;
}
