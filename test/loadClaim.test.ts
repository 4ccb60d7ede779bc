import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadClaim } from '../src/engine/registry/loadClaim.js';

const root = mkdtempSync(join(tmpdir(), 'claims-'));
const dir = join(root, 'claims');
mkdirSync(dir);
mkdirSync(join(root, 'sources'));
writeFileSync(join(root, 'sources', 'doc.txt'), 'the cited document\n');
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

const cited = (source: string, extra = '') =>
  valid(extra).replace('source:\n  document: doc.txt\n  locator: Claim 1', source);

describe('loadClaim: sources', () => {
  test('a document must be a file under sources/ (nothing outside the project)', () => {
    const r = loadClaim(claimFile('s900-x.md', cited('source: { document: missing.txt, locator: §2 }')));
    expect(!r.ok && r.error).toMatch(
      /s900-x\.md: field 'source\.document' names missing\.txt, but there is no file sources\/missing\.txt/,
    );
  });
  test('a path is not a document name', () => {
    const r = loadClaim(claimFile('s900-x.md', cited('source: { document: ../elsewhere/doc.txt, locator: §2 }')));
    expect(!r.ok && r.error).toMatch(/field 'source\.document' must be a file name under sources\/, not a path/);
  });
  test('a citation with authors, title, year and a DOI is a source; its label names it in reports', () => {
    const r = loadClaim(
      claimFile(
        'higham-rate.md',
        cited(
          'source:\n  citation: { authors: [N. J. Higham], title: Computing the polar decomposition, year: 1986, doi: 10.1137/0907079 }\n  locator: Theorem 3.1',
        ).replace('id: s900-x', 'id: higham-rate'),
      ),
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.claim.source.document).toBe('N. J. Higham (1986), Computing the polar decomposition');
      expect(r.claim.source.citation?.doi).toBe('10.1137/0907079');
    }
  });
  test('a citation needs a URL or a DOI', () => {
    const r = loadClaim(
      claimFile('s900-x.md', cited('source:\n  citation: { authors: [A], title: T, year: 2024 }\n  locator: p. 3')),
    );
    expect(!r.ok && r.error).toMatch(/field 'source\.citation\.url' needs a url or a doi/);
  });
  test('a source is a document or a citation, not both', () => {
    const r = loadClaim(
      claimFile(
        's900-x.md',
        cited(
          'source:\n  document: doc.txt\n  citation: { authors: [A], title: T, year: 2024, url: "https://example.org/p" }\n  locator: p. 3',
        ),
      ),
    );
    expect(!r.ok && r.error).toMatch(/field 'source\.document' give exactly one of document/);
  });
  test("expected: unknown is a new claim's honest starting state", () => {
    const r = loadClaim(claimFile('s900-x.md', valid().replace('expected: pass', 'expected: unknown')));
    expect(r.ok).toBe(true);
  });
});

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
    expect(!r.ok && r.error).toMatch(/field 'id' must be a kebab-case slug such as s000-c02/);
  });
});
