import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLAIM_EXT, PROPERTY_EXT, type SuitePaths } from './paths.js';

function listIds(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext) && !f.startsWith('_'))
    .map((f) => f.slice(0, -ext.length))
    .sort();
}

export const listClaimIds = (p: SuitePaths): string[] => listIds(p.claimsDir, CLAIM_EXT);
export const listPropertyIds = (p: SuitePaths): string[] => listIds(p.propertiesDir, PROPERTY_EXT);

export interface Pairing {
  paired: string[];
  claimWithoutProperty: string[];
  propertyWithoutClaim: string[];
}

/** Claims and properties pair by file name; anything unpaired becomes an `error` verdict. */
export function pairClaims(p: SuitePaths): Pairing {
  const claims = new Set(listClaimIds(p));
  const props = new Set(listPropertyIds(p));
  return {
    paired: [...claims].filter((id) => props.has(id)),
    claimWithoutProperty: [...claims].filter((id) => !props.has(id)),
    propertyWithoutClaim: [...props].filter((id) => !claims.has(id)),
  };
}

/**
 * The ids the suite must cover, read from the claims index table (`| s000-c02 | locator | ... |`).
 * The shared index is authoritative; `docs/claims-index.md` is a copy for clones without ../shared.
 */
export function indexedClaims(p: SuitePaths): { ids: { id: string; locator: string; summary: string }[]; file: string | null } {
  for (const file of [join(p.root, '..', 'shared', 'claims-index.md'), join(p.root, 'docs', 'claims-index.md')]) {
    if (!existsSync(file)) continue;
    const ids: { id: string; locator: string; summary: string }[] = [];
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^\|\s*(s\d{3}-[a-z0-9-]+)\s*\|\s*([^|]*)\|\s*(.*?)\s*\|?\s*$/.exec(line);
      if (m) ids.push({ id: m[1], locator: m[2].trim(), summary: m[3].replace(/\|\s*$/, '').trim() });
    }
    return { ids, file };
  }
  return { ids: [], file: null };
}
