/** The run's single seed; every check derives its own from it so checks never share a stream. */
export const DEFAULT_SEED = 20261123;
/** Seeds are unsigned 32-bit integers; larger ones are refused, never wrapped (2³² + 1 is not seed 1). */
export const MAX_SEED = 0xffffffff;

export function runSeed(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MUON_SEED;
  if (raw === undefined || raw === '') return DEFAULT_SEED;
  if (!/^\d+$/.test(raw) || Number(raw) > MAX_SEED) throw new Error(`MUON_SEED must be an integer from 0 to ${MAX_SEED}, got '${raw}'`);
  return Number(raw);
}

export function heavyMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.MUON_HEAVY === '1' || env.MUON_HEAVY === 'true';
}

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
  check: string;
  seed: number;
  path: string;
}

/** `npm run replay -- <id>` sets MUON_REPLAY to the JSON of the report's `replay` entry. */
export function replayRequest(env: NodeJS.ProcessEnv = process.env): ReplayRequest | null {
  if (!env.MUON_REPLAY) return null;
  const r = JSON.parse(env.MUON_REPLAY) as ReplayRequest;
  if (typeof r.claim !== 'string' || typeof r.check !== 'string' || !Number.isInteger(r.seed) || typeof r.path !== 'string') {
    throw new Error(`MUON_REPLAY must be {"claim","check","seed","path"}, got ${env.MUON_REPLAY}`);
  }
  return r;
}
