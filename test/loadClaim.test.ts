import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadClaim } from '../src/registry/loadClaim.js';

const dir = mkdtempSync(join(tmpdir(), 'claims-'));
function claimFile(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}
const valid = (extra = '') => `---
id: s900-x
title: A claim
source:
  document: doc.txt
  locator: Claim 1
statement: 'a = b'
reading: 'as written'
expected: pass
${extra}---
body
`;

describe('loadClaim', () => {
  test('accepts a valid claim file', () => {
    const r = loadClaim(claimFile('s900-x.md', valid()));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.claim.source.locator).toBe('Claim 1');
  });
  test('bad YAML names the file', () => {
    const r = loadClaim(claimFile('s900-x.md', '---\nid: [unclosed\n---\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/s900-x\.md: front matter is not valid YAML/);
  });
  test('missing front matter', () => {
    const r = loadClaim(claimFile('s900-x.md', 'just text'));
    expect(!r.ok && r.error).toMatch(/no YAML front matter/);
  });
  test('missing field names the field', () => {
    const r = loadClaim(claimFile('s900-x.md', valid().replace("reading: 'as written'\n", '')));
    expect(!r.ok && r.error).toMatch(/field 'reading'/);
  });
  test('wrong type names the nested field', () => {
    const r = loadClaim(claimFile('s900-x.md', valid().replace('locator: Claim 1', 'locator: [1, 2]')));
    expect(!r.ok && r.error).toMatch(/field 'source\.locator'/);
  });
  test('bad expected value', () => {
    const r = loadClaim(claimFile('s900-x.md', valid().replace('expected: pass', 'expected: maybe')));
    expect(!r.ok && r.error).toMatch(/field 'expected'/);
  });
  test('expected fail requires a corrected statement', () => {
    const r = loadClaim(claimFile('s900-x.md', valid().replace('expected: pass', 'expected: fail')));
    expect(!r.ok && r.error).toMatch(/field 'corrected' is required/);
  });
  test('unknown fields are rejected (typos do not vanish silently)', () => {
    const r = loadClaim(claimFile('s900-x.md', valid('stpes: []\n')));
    expect(!r.ok && r.error).toMatch(/stpes/);
  });
  test('id must match the file name', () => {
    const r = loadClaim(claimFile('s900-y.md', valid()));
    expect(!r.ok && r.error).toMatch(/field 'id' is 's900-x' but the file name says 's900-y'/);
  });
  test('malformed id', () => {
    const r = loadClaim(claimFile('Bad.md', valid().replace('id: s900-x', 'id: Bad')));
    expect(!r.ok && r.error).toMatch(/field 'id' must look like s000-c02/);
  });
});
