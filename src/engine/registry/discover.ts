import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CLAIM_ID } from './claimSchema.js';
import { CLAIM_EXT, PROPERTY_EXT, type SuitePaths } from './paths.js';

/** Every file under `dir` (recursively) whose name ends in `ext`, as absolute paths, sorted. */
function filesUnder(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(ext)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

const idOf = (file: string, ext: string) => file.slice(file.lastIndexOf('/') + 1, -ext.length);

/** One claim as found on disk: its claim file and property file (either may be missing). */
export interface ClaimFiles {
  id: string;
  claimFile: string | null;
  propertyFile: string | null;
  /** Why this claim cannot be run at all (duplicates, a missing half); empty when it can. */
  problems: string[];
}

/**
 * Claims and properties pair by file name (`claims/<id>.md` ↔ `properties/<id>.property.ts`),
 * searched recursively so a second file for the same id in a subfolder cannot go unnoticed: it
 * is an error naming both places, and neither is run.
 */
export function discoverClaims(p: SuitePaths): ClaimFiles[] {
  const rel = (f: string) => relative(p.root, f);
  const byId = new Map<string, { claims: string[]; properties: string[] }>();
  const entry = (id: string) => {
    let e = byId.get(id);
    if (!e) byId.set(id, (e = { claims: [], properties: [] }));
    return e;
  };
  for (const f of filesUnder(p.claimsDir, CLAIM_EXT)) entry(idOf(f, CLAIM_EXT)).claims.push(f);
  for (const f of filesUnder(p.propertiesDir, PROPERTY_EXT)) entry(idOf(f, PROPERTY_EXT)).properties.push(f);
  return [...byId.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, e]) => {
      const problems: string[] = [];
      if (!CLAIM_ID.test(id))
        problems.push(
          `'${id}' is not a valid claim id (a kebab-case slug such as s000-c02): rename ${[...e.claims, ...e.properties].map(rel).join(' and ')}`,
        );
      if (e.claims.length > 1)
        problems.push(`duplicate claim id '${id}': ${e.claims.map(rel).join(' and ')} both define it`);
      if (e.properties.length > 1)
        problems.push(`duplicate property files for '${id}': ${e.properties.map(rel).join(' and ')}`);
      if (e.claims.length === 0)
        problems.push(
          `unknown claim id '${id}': ${rel(e.properties[0])} has no claim file ${rel(join(p.claimsDir, id + CLAIM_EXT))}`,
        );
      if (e.properties.length === 0)
        problems.push(
          `${rel(e.claims[0])} has no property file: expected ${rel(join(p.propertiesDir, id + PROPERTY_EXT))}`,
        );
      return { id, claimFile: e.claims[0] ?? null, propertyFile: e.properties[0] ?? null, problems };
    });
}

export const listClaimIds = (p: SuitePaths): string[] =>
  discoverClaims(p)
    .filter((c) => c.claimFile)
    .map((c) => c.id);

export interface IndexItem {
  id: string;
  locator: string;
  summary: string;
  document: string;
}

/** The coverage index: which claim ids the suite must contain. Part of the project, never outside it. */
export const INDEX_FILE = join('docs', 'claims-index.md');

/**
 * Reads the coverage index, a Markdown file whose tables list `| id | locator | summary |` under
 * `## <document>` headings. Every listed id must exist as a claim; a claim not listed is fine.
 * A missing index is an error of the whole run (`file: null`), never an empty list.
 */
export function indexedClaims(p: SuitePaths): { ids: IndexItem[]; file: string | null; problems: string[] } {
  const file = join(p.root, INDEX_FILE);
  if (!existsSync(file))
    return {
      ids: [],
      file: null,
      problems: [`coverage index ${INDEX_FILE} is missing: it lists the claim ids the suite must contain`],
    };
  const ids: IndexItem[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  let document = '';
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const h = /^##\s+(.*?)\s*$/.exec(line);
      if (h) document = h[1];
      const m = /^\|\s*([^|]*?)\s*\|\s*([^|]*?)\s*\|\s*(.*?)\s*\|?\s*$/.exec(line);
      if (!m) return;
      const id = m[1];
      if (id === 'id' || /^:?-+:?$/.test(id)) return; // header and separator rows
      if (!CLAIM_ID.test(id)) {
        problems.push(`${INDEX_FILE}:${i + 1}: '${id}' is not a claim id`);
        return;
      }
      if (seen.has(id)) {
        problems.push(`${INDEX_FILE}:${i + 1}: '${id}' is listed twice`);
        return;
      }
      seen.add(id);
      ids.push({ id, locator: m[2], summary: m[3].replace(/\|\s*$/, '').trim(), document });
    });
  if (ids.length === 0 && problems.length === 0) problems.push(`coverage index ${INDEX_FILE} lists no claim ids`);
  return { ids, file, problems };
}

/** Claims and properties as pairs (kept for the report builder). */
export interface Pairing {
  paired: string[];
  claimWithoutProperty: string[];
  propertyWithoutClaim: string[];
}

export function pairClaims(p: SuitePaths): Pairing {
  const found = discoverClaims(p);
  return {
    paired: found.filter((c) => c.claimFile && c.propertyFile).map((c) => c.id),
    claimWithoutProperty: found.filter((c) => c.claimFile && !c.propertyFile).map((c) => c.id),
    propertyWithoutClaim: found.filter((c) => !c.claimFile && c.propertyFile).map((c) => c.id),
  };
}
