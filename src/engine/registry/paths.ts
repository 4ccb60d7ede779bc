import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../../config.js';

/** The repository root, independent of the process's working directory. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface SuitePaths {
  root: string;
  claimsDir: string;
  propertiesDir: string;
  reportsDir: string;
  /** Each vitest worker writes one JSON file per claim here; the teardown merges them. */
  scratchDir: string;
}

/** MUON_ROOT points the suite at another tree of claims/ and properties/ (the engine's own tests use fixtures). */
export function suitePaths(given: string = readConfig().root ?? projectRoot): SuitePaths {
  // Absolute, so that a relative MUON_ROOT names the same files in every process (paths are compared).
  const root = resolve(given);
  return {
    root,
    claimsDir: join(root, 'claims'),
    propertiesDir: join(root, 'properties'),
    reportsDir: join(root, 'reports'),
    scratchDir: join(root, 'reports', '.scratch'),
  };
}

export const CLAIM_EXT = '.md';
export const PROPERTY_EXT = '.property.ts';

export function claimFileFor(paths: SuitePaths, id: string): string {
  return join(paths.claimsDir, id + CLAIM_EXT);
}

export function propertyFileFor(paths: SuitePaths, id: string): string {
  return join(paths.propertiesDir, id + PROPERTY_EXT);
}
