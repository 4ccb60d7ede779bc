import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Report } from './buildReport.js';
import { toJson } from './json.js';

export const REPORT_FILE = 'verification.json';

/**
 * Writes `text` to `file` atomically: a temporary file in the same directory, then a rename, so a
 * kill at any moment leaves either the old report or the new one — never a truncated file.
 */
export function writeFileAtomic(file: string, text: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Reads a report back; `null` (with the reason) for a missing, truncated or foreign file — never a raw stack. */
export function readReport(file: string): { report: Report } | { error: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { error: `cannot read ${file}: ${(e as Error).message}` };
  }
  try {
    const report = JSON.parse(text) as Report;
    if (report?.schemaVersion !== 1 || !Array.isArray(report.claims))
      return { error: `${file} is not a verification report (schemaVersion 1)` };
    return { report };
  } catch (e) {
    return { error: `${file} is not valid JSON (${(e as Error).message}); it will be replaced by the next run` };
  }
}

/** The gpu.js backend available here (what every gpu.js-f32 check ran on, each in its own process). */
export async function detectGpuBackend(): Promise<string> {
  try {
    const gpu = await import('../../gpu/backend.js');
    const { backend } = await gpu.getGpu();
    gpu.disposeGpu?.();
    return backend;
  } catch (e) {
    return `unavailable (${(e as Error).message.split('\n')[0]})`;
  }
}

export function environment(gpuBackend: string) {
  return { node: process.version, gpuBackend, cpus: cpus().length, platform: `${process.platform}-${process.arch}` };
}

export function writeReport(reportsDir: string, report: Report): string {
  mkdirSync(reportsDir, { recursive: true });
  const file = join(reportsDir, REPORT_FILE);
  writeFileAtomic(file, toJson(report) + '\n');
  return file;
}
