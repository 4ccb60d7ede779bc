import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, test } from 'vitest';
import { indexedClaims, listClaimIds } from '../registry/discover.js';
import { PROPERTY_EXT, suitePaths, type SuitePaths } from '../registry/paths.js';
import { errorResult, runClaim } from './runClaim.js';
import { toJson } from '../report/json.js';
import { heavyMode, replayRequest, runSeed } from './seed.js';
import type { ClaimResult, ClaimSpec } from './types.js';
import { unexpectedReason } from './verdict.js';

/** Each result lands in the scratch directory; the global teardown merges them into the report. */
export function writeScratch(paths: SuitePaths, result: ClaimResult): void {
  mkdirSync(paths.scratchDir, { recursive: true });
  writeFileSync(join(paths.scratchDir, `${result.id}.json`), toJson(result));
}

/**
 * The whole of a property file's contact with the engine: `verifyClaim(import.meta.url, spec)`.
 * The claim id is the property file's name, so nothing else needs registering. The vitest test
 * fails exactly when the verdict differs from the claim file's `expected` (or is an error, or a
 * fail lacks evidence or a passing corrected statement).
 */
export function verifyClaim(moduleUrl: string, spec: ClaimSpec | (() => ClaimSpec), pathsOverride?: SuitePaths): void {
  const paths = pathsOverride ?? { ...suitePaths(), scratchDir: inject('scratchDir') };
  const id = basename(fileURLToPath(moduleUrl), PROPERTY_EXT);
  const filter = process.env.MUON_CLAIMS ? process.env.MUON_CLAIMS.split(',') : null;
  const run = filter && !filter.includes(id) ? test.skip : test;
  describe(id, () => {
    // Heavy mode runs the gpu.js checks at n = 4096 (a 4096³ product alone is ~45 s on 2 cores).
  const timeout = ((typeof spec === 'function' ? undefined : spec.timeoutMs) ?? 120_000) * (heavyMode() ? 30 : 1);
  run('verdict matches the recorded expectation', { timeout }, async () => {
      let result: ClaimResult;
      try {
        const s = typeof spec === 'function' ? spec() : spec;
        result = await runClaim(id, s, {
          paths, seed: runSeed(), heavy: heavyMode(), replay: replayRequest(),
          knownIds: new Set([...listClaimIds(paths), ...indexedClaims(paths).ids.map((x) => x.id)]),
          log: (m) => process.stderr.write(m + '\n'),
        });
      } catch (e) {
        result = errorResult(id, `properties/${id}${PROPERTY_EXT}: ${(e as Error).message}`, { claim: `claims/${id}.md`, property: `properties/${id}${PROPERTY_EXT}` });
      }
      writeScratch(paths, result);
      const why = unexpectedReason(result);
      expect(why, `${id}: ${why}${result.error ? ' — ' + result.error : ''}`).toBeNull();
    });
  });
}
