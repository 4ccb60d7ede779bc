import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suitePaths, type SuitePaths } from '../src/engine/registry/paths.js';
import { compute } from '../src/engine/verify/checks/compute.js';
import { substance } from '../src/engine/verify/failure/declare.js';
import { exact } from '../src/engine/verify/tolerance.js';
import type { Check, ClaimSpec } from '../src/engine/verify/types.js';

/**
 * A scratch suite tree for in-process engine tests: claims/ and sources/d.txt, and `claim(id, expected)`
 * writing a minimal valid claim file (with a corrected statement and failure kind `substance` when it
 * is expected to fail; pair it with `withTriage` on the spec).
 */
export function scratchSuite(prefix: string): {
  root: string;
  paths: SuitePaths;
  claim(id: string, expected?: 'pass' | 'fail', extra?: string): string;
} {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const paths = suitePaths(root);
  mkdirSync(paths.claimsDir, { recursive: true });
  mkdirSync(join(root, 'sources'), { recursive: true });
  writeFileSync(join(root, 'sources', 'd.txt'), 'the document the fixture claims cite\n');
  const claim = (id: string, expected: 'pass' | 'fail' = 'pass', extra = ''): string => {
    writeFileSync(
      join(paths.claimsDir, `${id}.md`),
      `---
id: ${id}
title: t
source: { document: d.txt, locator: here }
statement: 's'
reading: 'r'
expected: ${expected}
${expected === 'fail' ? "corrected: 'c'\n" : ''}${expected === 'fail' && !extra.includes('failure:') ? "failure: { kind: substance, summary: 'the fixture is wrong' }\n" : ''}${extra}---
`,
    );
    return id;
  };
  return { root, paths, claim };
}

/**
 * For tests of rules other than the failure triage: backs a `substance` failure kind with, for each
 * headline check, a twin that holds (one exact case, 0 ≤ 0), so a failing headline stays `fail`.
 */
export function withTriage(spec: ClaimSpec): ClaimSpec {
  const headline: Check[] =
    typeof spec.checks === 'function' ? (spec.checks as (p: unknown) => Check[])(spec.parts) : spec.checks;
  const twin = (name: string): Check =>
    compute({ name: `${name} (corrected)`, backend: 'scalar-f64', run: () => ({ value: 0, tolerance: exact() }) });
  return { ...spec, failure: substance({ checks: Object.fromEntries(headline.map((c) => [c.name, twin(c.name)])) }) };
}
