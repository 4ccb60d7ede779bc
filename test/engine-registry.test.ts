/**
 * Engine unit tests for src/engine/registry: the claim-file schema, loading claim files with messages that
 * name the file and the field, repository paths, and discovery of claims, properties and the index.
 * Written so that Stryker's mutants of these files are killed (stryker.config.mjs).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { SuitePaths } from '../src/engine/registry/paths.js';

type SchemaModule = typeof import('../src/engine/registry/claimSchema.js');
type LoadModule = typeof import('../src/engine/registry/loadClaim.js');
type PathsModule = typeof import('../src/engine/registry/paths.js');
type DiscoverModule = typeof import('../src/engine/registry/discover.js');
let CLAIM_ID: SchemaModule['CLAIM_ID'];
let citationLabel: SchemaModule['citationLabel'];
let claimSchema: SchemaModule['claimSchema'];
let displayPath: LoadModule['displayPath'];
let loadClaim: LoadModule['loadClaim'];
let CLAIM_EXT: PathsModule['CLAIM_EXT'];
let PROPERTY_EXT: PathsModule['PROPERTY_EXT'];
let claimFileFor: PathsModule['claimFileFor'];
let projectRoot: PathsModule['projectRoot'];
let propertyFileFor: PathsModule['propertyFileFor'];
let suitePaths: PathsModule['suitePaths'];
let INDEX_FILE: DiscoverModule['INDEX_FILE'];
let discoverClaims: DiscoverModule['discoverClaims'];
let indexedClaims: DiscoverModule['indexedClaims'];
let listClaimIds: DiscoverModule['listClaimIds'];
let pairClaims: DiscoverModule['pairClaims'];

// The registry is loaded afresh for every test. Most of claimSchema (and the constants of the other
// modules) is code that runs when a module loads; loading it inside each test lets Stryker tie those
// mutants to the tests that judge them instead of treating them as static (see stryker.config.mjs).
beforeEach(async () => {
  vi.resetModules();
  ({ CLAIM_ID, citationLabel, claimSchema } = await import('../src/engine/registry/claimSchema.js'));
  ({ displayPath, loadClaim } = await import('../src/engine/registry/loadClaim.js'));
  ({ CLAIM_EXT, PROPERTY_EXT, claimFileFor, projectRoot, propertyFileFor, suitePaths } =
    await import('../src/engine/registry/paths.js'));
  ({ INDEX_FILE, discoverClaims, indexedClaims, listClaimIds, pairClaims } =
    await import('../src/engine/registry/discover.js'));
});

const dir = mkdtempSync(join(tmpdir(), 'engine-registry-'));
// Claim files below are written to dir/<n>/<id>.md: outside a claims/ folder, the tree's root is two levels up.
mkdirSync(join(dir, 'sources'));
writeFileSync(join(dir, 'sources', 'doc.txt'), 'the cited note');
let fileNo = 0;
/** Writes `text` as `<id>.md` in a fresh directory (so ids can repeat across tests). */
function claimFile(id: string, text: string): string {
  const d = join(dir, String(fileNo++));
  mkdirSync(d);
  const f = join(d, `${id}.md`);
  writeFileSync(f, text);
  return f;
}
const frontMatter = (lines: string[]) => `---\n${lines.join('\n')}\n---\n`;
const VALID = [
  'id: s900-x',
  'title: A claim',
  'source:',
  '  document: doc.txt',
  '  locator: Claim 1',
  "statement: 'a = b'",
  "reading: 'as written'",
  'expected: pass',
];
const without = (key: string) =>
  VALID.filter((l) => !l.startsWith(key + ':') && !(key === 'source' && l.startsWith('  ')));
const replace = (key: string, line: string) => VALID.map((l) => (l.startsWith(key + ':') ? line : l));
/** The error of loading `lines` as claims/s900-x.md; fails the test if it loads. */
function loadError(lines: string[], id = 's900-x'): string {
  const r = loadClaim(claimFile(id, frontMatter(lines)));
  if (r.ok) throw new Error('expected the claim file to be rejected');
  return r.error;
}
const baseClaim = {
  id: 's900-x',
  title: 't',
  source: { document: 'd', locator: 'l' },
  statement: 's',
  reading: 'r',
  expected: 'pass',
};

describe('CLAIM_ID', () => {
  test('accepts kebab-case slugs of lower-case letters and digits', () => {
    for (const id of ['s000-c02', 'a', 'x1', 'abc', 'higham-newton-quadratic', 's004-wd-closed-form', '007'])
      expect(CLAIM_ID.test(id), id).toBe(true);
  });
  test('rejects anything else: capitals, other characters, empty parts, leading or trailing junk', () => {
    for (const id of [
      '',
      'S000-c02',
      's000_c02',
      's000 c02',
      '-abc',
      'abc-',
      'abc--def',
      'x.y',
      'abc!',
      '!abc',
      'ab/c',
      ' s000-c02',
      's000-c02 ',
    ]) {
      expect(CLAIM_ID.test(id), JSON.stringify(id)).toBe(false);
    }
  });
});

describe('claimSchema', () => {
  test('a minimal valid claim parses, and text fields are trimmed', () => {
    const r = claimSchema.safeParse({ ...baseClaim, title: '  padded title  ', statement: '\ta = b\n' });
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ title: 'padded title', statement: 'a = b' });
  });
  test('unknown is an expectation too (a claim not yet recorded), and needs no corrected statement', () => {
    expect(claimSchema.safeParse({ ...baseClaim, expected: 'unknown' }).success).toBe(true);
    expect(claimSchema.safeParse({ ...baseClaim, expected: 'maybe' }).success).toBe(false);
  });
  test('both expectations are accepted; a fail needs a corrected statement, a pass may have one', () => {
    expect(claimSchema.safeParse({ ...baseClaim, expected: 'pass' }).success).toBe(true);
    expect(claimSchema.safeParse({ ...baseClaim, expected: 'pass', corrected: 'c' }).success).toBe(true);
    expect(claimSchema.safeParse({ ...baseClaim, expected: 'fail', corrected: 'c' }).success).toBe(true);
    const r = claimSchema.safeParse({ ...baseClaim, expected: 'fail' });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([
      expect.objectContaining({ code: 'custom', path: ['corrected'], message: 'is required when expected is "fail"' }),
    ]);
  });
  test('text fields must not be blank', () => {
    for (const key of ['title', 'statement', 'reading', 'corrected']) {
      const r = claimSchema.safeParse({ ...baseClaim, [key]: '   ' });
      expect(r.success, key).toBe(false);
      expect(
        r.error!.issues.map((i) => [i.path.join('.'), i.message]),
        key,
      ).toContainEqual([key, 'must be a non-empty string']);
    }
  });
  test('steps have a statement and an optional note, nothing else', () => {
    expect(
      claimSchema.safeParse({ ...baseClaim, steps: [{ statement: 'a' }, { statement: 'b', note: 'why' }] }).data?.steps,
    ).toEqual([{ statement: 'a' }, { statement: 'b', note: 'why' }]);
    expect(claimSchema.safeParse({ ...baseClaim, steps: [{ statement: 'a', extra: 1 }] }).success).toBe(false);
    expect(claimSchema.safeParse({ ...baseClaim, steps: [{ statement: ' ' }] }).success).toBe(false);
  });
  test('source has a locator and exactly one of a document file name and a citation', () => {
    expect(claimSchema.safeParse({ ...baseClaim, source: { document: 'd', locator: 'l', page: 3 } }).success).toBe(
      false,
    );
    expect(claimSchema.safeParse({ ...baseClaim, source: { document: 'd' } }).success).toBe(false);
    expect(claimSchema.parse({ ...baseClaim, source: { document: ' notes.txt ', locator: ' §2 ' } }).source).toEqual({
      document: 'notes.txt',
      locator: '§2',
    });
    const issue = (source: unknown) =>
      claimSchema.safeParse({ ...baseClaim, source }).error?.issues.map((i) => [i.path.join('.'), i.message]);
    const exactlyOne = [
      'source.document',
      'give exactly one of document (a file under sources/) and citation (authors, title, year, url or doi)',
    ];
    expect(issue({ locator: 'l' })).toEqual([exactlyOne]);
    expect(
      issue({ document: 'd', citation: { authors: ['A'], title: 't', year: 2000, doi: '10.1000/x' }, locator: 'l' }),
    ).toEqual([exactlyOne]);
    expect(issue({ document: 'sub/d.txt', locator: 'l' })).toEqual([
      ['source.document', 'must be a file name under sources/, not a path'],
    ]);
    expect(issue({ document: 'sub\\d.txt', locator: 'l' })).toEqual([
      ['source.document', 'must be a file name under sources/, not a path'],
    ]);
    expect(issue({ document: ' ', locator: 'l' })).toContainEqual([
      'source.document',
      'must name a file under sources/',
    ]);
  });
  test('a citation needs authors, a title, a plausible year and a url or a doi; the document becomes its label', () => {
    const cite = {
      authors: ['N. J. Higham'],
      title: 'Computing the polar decomposition',
      year: 1986,
      doi: '10.1137/0907079',
    };
    expect(claimSchema.parse({ ...baseClaim, source: { citation: cite, locator: 'Thm 2.1' } }).source).toEqual({
      document: 'N. J. Higham (1986), Computing the polar decomposition',
      locator: 'Thm 2.1',
      citation: cite,
    });
    const withUrl = { authors: ['A'], title: 'T', year: 2024, url: 'https://example.org/p' };
    expect(claimSchema.safeParse({ ...baseClaim, source: { citation: withUrl, locator: 'l' } }).success).toBe(true);
    const issues = (citation: unknown) =>
      claimSchema
        .safeParse({ ...baseClaim, source: { citation, locator: 'l' } })
        .error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];
    expect(issues({ ...cite, doi: undefined })).toEqual([['source.citation.url', 'needs a url or a doi']]);
    expect(issues({ ...cite, authors: [] })).toEqual([['source.citation.authors', 'must list at least one author']]);
    expect(issues({ ...cite, doi: '10.12/x' })).toEqual([['source.citation.doi', 'must look like 10.1234/abc']]);
    expect(issues({ ...cite, doi: 'x10.1234/abc' })).toEqual([['source.citation.doi', 'must look like 10.1234/abc']]);
    expect(issues({ ...cite, doi: '10.1234/a b' })).toEqual([['source.citation.doi', 'must look like 10.1234/abc']]);
    expect(issues({ ...cite, doi: '10.1234567890/x' })).toEqual([
      ['source.citation.doi', 'must look like 10.1234/abc'],
    ]);
    expect(issues({ ...cite, doi: '10.123456789/x' })).toEqual([]);
    expect(issues({ ...cite, year: 1599 }).map((i) => i[0])).toEqual(['source.citation.year']);
    expect(issues({ ...cite, year: 2101 }).map((i) => i[0])).toEqual(['source.citation.year']);
    expect(issues({ ...cite, year: 1600 })).toEqual([]);
    expect(issues({ ...cite, year: 2100 })).toEqual([]);
    expect(issues({ ...cite, year: 1986.5 }).map((i) => i[0])).toEqual(['source.citation.year']);
    expect(issues({ ...cite, url: 'not a url' }).map((i) => i[0])).toEqual(['source.citation.url']);
    expect(issues({ ...cite, publisher: 'x' }).map((i) => i[0])).toEqual(['source.citation']);
    expect(issues({ ...cite, title: ' ' })).toEqual([['source.citation.title', 'must be a non-empty string']]);
  });
  test('citationLabel names one or two authors, or the first et al.', () => {
    expect(citationLabel({ authors: ['A'], year: 2000, title: 'T' })).toBe('A (2000), T');
    expect(citationLabel({ authors: ['A', 'B'], year: 2000, title: 'T' })).toBe('A and B (2000), T');
    expect(citationLabel({ authors: ['A', 'B', 'C'], year: 2000, title: 'T' })).toBe('A et al. (2000), T');
  });
  test('dependsOn lists claim ids; a malformed one names its position', () => {
    expect(claimSchema.safeParse({ ...baseClaim, dependsOn: ['s000-c01', 'polar-rate'] }).data?.dependsOn).toEqual([
      's000-c01',
      'polar-rate',
    ]);
    const r = claimSchema.safeParse({ ...baseClaim, dependsOn: ['s000-c01', 'Not An Id'] });
    expect(r.error!.issues).toEqual([
      expect.objectContaining({ path: ['dependsOn', 1], message: expect.stringMatching(/kebab-case slug/) }),
    ]);
  });
});

describe('displayPath', () => {
  test('paths inside the repository are shown relative to it; others as given', () => {
    expect(displayPath(join(projectRoot, 'claims', 's000-c02.md'))).toBe(join('claims', 's000-c02.md'));
    expect(displayPath('/elsewhere/claims/x.md')).toBe('/elsewhere/claims/x.md');
  });
});

describe('loadClaim', () => {
  test('a valid file yields the claim, its markdown body and its path', () => {
    const f = claimFile(
      's900-x',
      frontMatter([...VALID, 'steps:', "  - statement: 'a'", "    note: 'n'"]) + '\n# Commentary\n\ntext\n',
    );
    expect(loadClaim(f)).toEqual({
      ok: true,
      file: f,
      body: '\n# Commentary\n\ntext\n',
      claim: {
        id: 's900-x',
        title: 'A claim',
        source: { document: 'doc.txt', locator: 'Claim 1' },
        statement: 'a = b',
        reading: 'as written',
        expected: 'pass',
        steps: [{ statement: 'a', note: 'n' }],
      },
    });
  });
  test('Windows line endings, a file ending right after the closing ---, and a body that itself contains ---', () => {
    const crlf = loadClaim(claimFile('s900-x', `---\r\n${VALID.join('\r\n')}\r\n---\r\nbody\r\n`));
    expect(crlf.ok && crlf.body).toBe('body\r\n');
    const bare = loadClaim(claimFile('s900-x', `---\n${VALID.join('\n')}\n---`));
    expect(bare.ok && bare.body).toBe('');
    const ruled = loadClaim(claimFile('s900-x', frontMatter(VALID) + 'above\n---\nbelow\n'));
    expect(ruled.ok && ruled.body).toBe('above\n---\nbelow\n');
    expect(ruled.ok && ruled.claim.reading).toBe('as written');
  });
  test('an unreadable file is an error naming it and the reason', () => {
    const f = join(dir, 'missing', 's900-x.md');
    const r = loadClaim(f);
    expect(r).toEqual({
      ok: false,
      file: f,
      error: expect.stringMatching(/^\/.*missing\/s900-x\.md: cannot read claim file \(ENOENT.*\)$/),
    });
  });
  test('without front matter (or with text before it) the error says how front matter looks', () => {
    const msg = (text: string) => {
      const r = loadClaim(claimFile('s900-x', text));
      return r.ok ? null : r.error;
    };
    const f = claimFile('s900-x', 'just text');
    expect(loadClaim(f)).toEqual({
      ok: false,
      file: f,
      error: `${f}: no YAML front matter (the file must start with a line '---' and close it with another '---')`,
    });
    expect(msg('intro\n' + frontMatter(VALID))).toMatch(/no YAML front matter/);
    expect(msg(`---\n${VALID.join('\n')}\n`)).toMatch(/no YAML front matter/);
  });
  test("invalid YAML names the file and gives the parser's first line only", () => {
    const f = claimFile('s900-x', '---\nid: [unclosed\ntitle: x\n---\n');
    const r = loadClaim(f);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.startsWith(`${f}: front matter is not valid YAML: `)).toBe(true);
    expect(r.error.length).toBeGreaterThan(`${f}: front matter is not valid YAML: `.length + 10);
    expect(r.error).not.toContain('\n');
  });
  test('schema problems name every offending field, nested ones with a dotted path', () => {
    expect(loadError(without('reading'))).toMatch(/^\/.*s900-x\.md: field 'reading' /);
    expect(
      loadError(replace('source', 'source: { document: doc.txt, locator: [1, 2] }').filter((l) => !l.startsWith('  '))),
    ).toMatch(/: field 'source\.locator' /);
    const two = loadError(without('title').filter((l) => !l.startsWith('reading')));
    expect(two).toMatch(/: field 'title' [^;]+; field 'reading' /);
    expect(loadError(replace('expected', 'expected: maybe'))).toMatch(/field 'expected'/);
    expect(loadError(replace('expected', 'expected: fail'))).toMatch(
      /field 'corrected' is required when expected is "fail"$/,
    );
    expect(loadError([...VALID, 'stpes: []'])).toMatch(/stpes/);
  });
  test('failure: a kind from the four, its own field required, fields of other kinds refused, never on a pass', () => {
    const failing = (failure: string) => [
      ...replace('expected', 'expected: fail'),
      "corrected: 'c'",
      `failure: ${failure}`,
    ];
    expect(loadError(failing("{ kind: typo, summary: 's' }"))).toMatch(
      /: field 'failure\.kind' must be one of substance, hypothesis, notation, wording$/,
    );
    expect(loadError(failing("{ kind: hypothesis, summary: 's' }"))).toMatch(
      /: field 'failure\.hypothesis' is required when kind is "hypothesis"$/,
    );
    expect(loadError(failing("{ kind: notation, summary: 's' }"))).toMatch(
      /: field 'failure\.symbol' is required when kind is "notation"$/,
    );
    expect(loadError(failing("{ kind: wording, summary: 's' }"))).toMatch(
      /: field 'failure\.words' is required when kind is "wording"$/,
    );
    expect(loadError(failing("{ kind: substance, summary: 's', words: 'w' }"))).toMatch(
      /: field 'failure\.words' belongs to kind "wording" only \(kind is "substance"\)$/,
    );
    expect(loadError(failing("{ kind: substance, summary: ' ' }"))).toMatch(/: field 'failure\.summary' /);
    expect(loadError(failing("{ kind: substance, summary: 's', why: 'w' }"))).toMatch(/: field 'failure' .*why/);
    expect(loadError([...VALID, "failure: { kind: substance, summary: 's' }"])).toMatch(
      /: field 'failure' is set but expected is "pass" \(only a claim that fails as written has a failure kind\)$/,
    );
    for (const ok of [
      "{ kind: substance, summary: 's' }",
      "{ kind: hypothesis, summary: 's', hypothesis: 'm \\le n' }",
      "{ kind: notation, summary: 's', symbol: 'x' }",
      "{ kind: wording, summary: 's', words: '\"iff\"' }",
    ]) {
      const r = loadClaim(claimFile('s900-x', frontMatter(failing(ok))));
      expect(r.ok, ok).toBe(true);
    }
  });
  test('front matter that is not a mapping is reported against the root', () => {
    expect(loadError(['just a string'])).toMatch(/: field '\(root\)' /);
  });
  test("the cited document must exist under the tree's sources/ (found above claims/, however deep the claim file)", () => {
    const root = mkdtempSync(join(tmpdir(), 'engine-sources-'));
    mkdirSync(join(root, 'claims', 'deep'), { recursive: true });
    const f = join(root, 'claims', 'deep', 's900-x.md');
    writeFileSync(f, frontMatter(VALID));
    expect(loadClaim(f)).toEqual({
      ok: false,
      file: f,
      error: `${f}: field 'source.document' names doc.txt, but there is no file sources/doc.txt (keep the document under sources/, or give a citation instead)`,
    });
    mkdirSync(join(root, 'sources'));
    writeFileSync(join(root, 'sources', 'doc.txt'), '');
    expect(loadClaim(f).ok).toBe(true);
    // A citation needs no file.
    const cited = claimFile(
      's900-x',
      frontMatter([
        ...without('source'),
        'source:',
        '  locator: L',
        '  citation: { authors: [A], title: T, year: 2001, url: "https://e.org" }',
      ]),
    );
    expect(loadClaim(cited)).toMatchObject({ ok: true, claim: { source: { document: 'A (2001), T', locator: 'L' } } });
  });
  test('a malformed id names the field and the rule', () => {
    expect(loadError(replace('id', 'id: Bad_Id'), 'Bad_Id')).toMatch(
      /: field 'id' must be a kebab-case slug such as s000-c02/,
    );
  });
  test('the id must be the file name', () => {
    const f = claimFile('s900-y', frontMatter(VALID));
    expect(loadClaim(f)).toEqual({
      ok: false,
      file: f,
      error: `${f}: field 'id' is 's900-x' but the file name says 's900-y'`,
    });
  });
});

describe('paths', () => {
  test('projectRoot is this repository', () => {
    expect(JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).name).toBe('muon-verify');
  });
  test('a suite tree has claims/, properties/, reports/ and reports/.scratch under its root', () => {
    expect(suitePaths('/r')).toEqual({
      root: '/r',
      claimsDir: '/r/claims',
      propertiesDir: '/r/properties',
      reportsDir: '/r/reports',
      scratchDir: '/r/reports/.scratch',
    });
  });
  test('the root defaults to MUON_ROOT, else the repository', () => {
    const saved = process.env.MUON_ROOT;
    try {
      process.env.MUON_ROOT = '/fixture';
      expect(suitePaths().root).toBe('/fixture');
      delete process.env.MUON_ROOT;
      expect(suitePaths().root).toBe(projectRoot);
      expect(suitePaths().claimsDir).toBe(join(projectRoot, 'claims'));
    } finally {
      if (saved === undefined) delete process.env.MUON_ROOT;
      else process.env.MUON_ROOT = saved;
    }
  });
  test('a claim id maps to claims/<id>.md and properties/<id>.property.ts', () => {
    expect([CLAIM_EXT, PROPERTY_EXT]).toEqual(['.md', '.property.ts']);
    const p = suitePaths('/r');
    expect(claimFileFor(p, 's000-c02')).toBe('/r/claims/s000-c02.md');
    expect(propertyFileFor(p, 's000-c02')).toBe('/r/properties/s000-c02.property.ts');
  });
});

/** A fresh suite tree: `files` maps paths under the root to their contents. */
function tree(files: Record<string, string>): SuitePaths {
  const root = mkdtempSync(join(tmpdir(), 'engine-tree-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return suitePaths(root);
}

describe('discoverClaims', () => {
  test('an empty or missing tree has no claims', () => {
    expect(discoverClaims(suitePaths(join(dir, 'nowhere')))).toEqual([]);
    expect(listClaimIds(suitePaths(join(dir, 'nowhere')))).toEqual([]);
  });
  test('claims pair with properties by file name, sorted by id; other files are ignored', () => {
    const p = tree({
      'claims/s1-b.md': '',
      'claims/s1-a.md': '',
      'claims/notes.txt': '',
      'properties/s1-a.property.ts': '',
      'properties/s1-b.property.ts': '',
      'properties/helpers.ts': '',
      'properties/s1-c.ts': '',
    });
    expect(discoverClaims(p)).toEqual([
      {
        id: 's1-a',
        claimFile: join(p.claimsDir, 's1-a.md'),
        propertyFile: join(p.propertiesDir, 's1-a.property.ts'),
        problems: [],
      },
      {
        id: 's1-b',
        claimFile: join(p.claimsDir, 's1-b.md'),
        propertyFile: join(p.propertiesDir, 's1-b.property.ts'),
        problems: [],
      },
    ]);
  });
  test('files in subfolders count too, so a second file for an id is a duplicate naming both', () => {
    const p = tree({
      'claims/s1-a.md': '',
      'claims/old/s1-a.md': '',
      'claims/deep/er/s1-d.md': '',
      'properties/s1-a.property.ts': '',
      'properties/x/s1-a.property.ts': '',
      'properties/deep/s1-d.property.ts': '',
    });
    const [a, d] = discoverClaims(p);
    expect(a.id).toBe('s1-a');
    expect(a.claimFile).toBe(join(p.claimsDir, 'old', 's1-a.md'));
    expect(a.problems).toEqual([
      "duplicate claim id 's1-a': claims/old/s1-a.md and claims/s1-a.md both define it",
      "duplicate property files for 's1-a': properties/s1-a.property.ts and properties/x/s1-a.property.ts",
    ]);
    expect(d).toEqual({
      id: 's1-d',
      claimFile: join(p.claimsDir, 'deep', 'er', 's1-d.md'),
      propertyFile: join(p.propertiesDir, 'deep', 's1-d.property.ts'),
      problems: [],
    });
  });
  test('a missing half is a problem naming the file that exists and the one expected', () => {
    const p = tree({ 'claims/s1-lone.md': '', 'properties/s1-orphan.property.ts': '' });
    expect(discoverClaims(p)).toEqual([
      {
        id: 's1-lone',
        claimFile: join(p.claimsDir, 's1-lone.md'),
        propertyFile: null,
        problems: ['claims/s1-lone.md has no property file: expected properties/s1-lone.property.ts'],
      },
      {
        id: 's1-orphan',
        claimFile: null,
        propertyFile: join(p.propertiesDir, 's1-orphan.property.ts'),
        problems: [
          "unknown claim id 's1-orphan': properties/s1-orphan.property.ts has no claim file claims/s1-orphan.md",
        ],
      },
    ]);
    expect(listClaimIds(p)).toEqual(['s1-lone']);
    expect(pairClaims(p)).toEqual({
      paired: [],
      claimWithoutProperty: ['s1-lone'],
      propertyWithoutClaim: ['s1-orphan'],
    });
  });
  test('a file name that is not a claim id is a problem naming its files', () => {
    const p = tree({ 'claims/Bad_Name.md': '', 'properties/Bad_Name.property.ts': '' });
    expect(discoverClaims(p)[0].problems).toEqual([
      "'Bad_Name' is not a valid claim id (a kebab-case slug such as s000-c02): rename claims/Bad_Name.md and properties/Bad_Name.property.ts",
    ]);
  });
  test('pairClaims sorts every id into exactly one list', () => {
    const p = tree({
      'claims/s1-both.md': '',
      'properties/s1-both.property.ts': '',
      'claims/s1-c.md': '',
      'properties/s1-p.property.ts': '',
    });
    expect(pairClaims(p)).toEqual({
      paired: ['s1-both'],
      claimWithoutProperty: ['s1-c'],
      propertyWithoutClaim: ['s1-p'],
    });
  });
});

describe('indexedClaims', () => {
  const index = (text: string) => indexedClaims(tree({ [INDEX_FILE]: text }));
  test('the index is docs/claims-index.md; without it the run has a problem and no ids', () => {
    expect(INDEX_FILE).toBe(join('docs', 'claims-index.md'));
    expect(indexedClaims(suitePaths(join(dir, 'nowhere')))).toEqual({
      ids: [],
      file: null,
      problems: ['coverage index docs/claims-index.md is missing: it lists the claim ids the suite must contain'],
    });
  });
  test('reads | id | locator | summary | rows under ## document headings, skipping header and separator rows', () => {
    const r = index(
      [
        '# Claims index',
        '',
        'Prose | with a pipe.',
        '',
        '## 000_notes.txt',
        '| id | locator | statement (short) |',
        '|---|:---:|---|',
        '|  s000-c01  |  Claim 1  |  unbiased gradient  |',
        '| s000-c02 | Claim 2 | Ortho(G) = UVᵀ | extra |',
        '##   001_more.txt   ',
        '| higham-rate | §3 | no trailing pipe',
        '|s001-x|L|S|   ',
      ].join('\n'),
    );
    expect(r.problems).toEqual([]);
    expect(r.file).toMatch(/docs\/claims-index\.md$/);
    expect(r.ids).toEqual([
      { id: 's000-c01', locator: 'Claim 1', summary: 'unbiased gradient', document: '000_notes.txt' },
      { id: 's000-c02', locator: 'Claim 2', summary: 'Ortho(G) = UVᵀ | extra', document: '000_notes.txt' },
      { id: 'higham-rate', locator: '§3', summary: 'no trailing pipe', document: '001_more.txt' },
      { id: 's001-x', locator: 'L', summary: 'S', document: '001_more.txt' },
    ]);
  });
  test('only lines that start with ## or | count: prose mentioning them does not', () => {
    const r = index(['## doc-a', 'see ## elsewhere', 'prose | s1-z | L | S |', '| s1-a | L | S |'].join('\n'));
    expect(r.ids).toEqual([{ id: 's1-a', locator: 'L', summary: 'S', document: 'doc-a' }]);
  });
  test('an empty last column is dropped from the summary; text after the closing pipe is kept', () => {
    expect(index('| s1-a | L | S | |\n| s1-b | L | T |x\n').ids.map((x) => x.summary)).toEqual(['S', 'T |x']);
  });
  test('ids with a leading or trailing dash are malformed ids, not separator rows', () => {
    expect(index('| -x | L | S |\n| x- | L | S |\n| s1-a | L | S |\n').problems).toEqual([
      "docs/claims-index.md:1: '-x' is not a claim id",
      "docs/claims-index.md:2: 'x-' is not a claim id",
    ]);
  });
  test('an index whose only rows are malformed has just those problems', () => {
    expect(index('| Bad | L | S |\n')).toMatchObject({
      ids: [],
      problems: ["docs/claims-index.md:1: 'Bad' is not a claim id"],
    });
  });
  test('rows before any heading have an empty document', () => {
    expect(index('| s1-a | L | S |\n').ids).toEqual([{ id: 's1-a', locator: 'L', summary: 'S', document: '' }]);
  });
  test('a malformed or repeated id is a problem naming the line; the first listing stays; a dashes-only cell is a separator', () => {
    const r = index(
      [
        '## d',
        '| s1-a | L1 | S1 |',
        '| Not An Id | L | S |',
        '| s1-a | L2 | S2 |',
        '| -- | x | y |',
        '| s1_b | x | y |',
      ].join('\n'),
    );
    expect(r.ids).toEqual([{ id: 's1-a', locator: 'L1', summary: 'S1', document: 'd' }]);
    expect(r.problems).toEqual([
      "docs/claims-index.md:3: 'Not An Id' is not a claim id",
      "docs/claims-index.md:4: 's1-a' is listed twice",
      "docs/claims-index.md:6: 's1_b' is not a claim id",
    ]);
  });
  test('an index that lists nothing is a problem', () => {
    expect(index('# nothing here\n| id | locator | summary |\n|---|---|---|\n').problems).toEqual([
      'coverage index docs/claims-index.md lists no claim ids',
    ]);
  });
});

describe('claimSchema: issue codes', () => {
  test('the source rule is a custom issue, like the corrected rule', () => {
    const base = { id: 's900-x', title: 't', statement: 's', reading: 'r', expected: 'pass' };
    const issues = claimSchema.safeParse({ ...base, source: { locator: 'l' } }).error!.issues;
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([['custom', 'source.document']]);
  });
});
