import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { indexedClaims, pairClaims } from '../registry/discover.js';
import type { SuitePaths } from '../registry/paths.js';
import type { ClaimResult } from '../verify/types.js';
import { buildReport, type Report } from './buildReport.js';
import { toJson } from './json.js';

export function readScratch(paths: SuitePaths): ClaimResult[] {
  if (!existsSync(paths.scratchDir)) return [];
  return readdirSync(paths.scratchDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(paths.scratchDir, f), 'utf8')) as ClaimResult);
}

/** The gpu.js backend actually available here (what every gpu.js-f32 check ran on). */
async function detectGpuBackend(): Promise<string> {
  try {
    const gpu = await import('../gpu/backend.js');
    const { backend } = await gpu.getGpu();
    gpu.disposeGpu?.();
    return backend;
  } catch (e) {
    return `unavailable (${(e as Error).message.split('\n')[0]})`;
  }
}

export async function writeReport(paths: SuitePaths, seed: number, selected: string[] | null): Promise<Report> {
  const results = readScratch(paths);
  const gpuBackend = await detectGpuBackend();
  const report = buildReport({
    results,
    pairing: pairClaims(paths),
    index: indexedClaims(paths).ids,
    seed,
    selected,
    environment: { node: process.version, gpuBackend, cpus: cpus().length, platform: `${process.platform}-${process.arch}` },
  });
  mkdirSync(paths.reportsDir, { recursive: true });
  writeFileSync(join(paths.reportsDir, 'verification.json'), toJson(report) + '\n');
  return report;
}
