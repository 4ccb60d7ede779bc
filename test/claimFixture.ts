import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suitePaths, type SuitePaths } from '../src/engine/registry/paths.js';

/**
 * A scratch suite tree for in-process engine tests: claims/ and sources/d.txt, and `claim(id, expected)`
 * writing a minimal valid claim file (with a corrected statement when it is expected to fail).
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
${expected === 'fail' ? "corrected: 'c'\n" : ''}${extra}---
`,
    );
    return id;
  };
  return { root, paths, claim };
}
