/**
 * Engine unit tests for src/registry: the claim-file schema, loading claim files with messages that
 * name the file and the field, repository paths, and discovery of claims, properties and the index.
 * Written so that Stryker's mutants of these files are killed (stryker.config.mjs).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CLAIM_ID, claimSchema } from '../src/registry/claimSchema.js';
import { displayPath, loadClaim } from '../src/registry/loadClaim.js';
import { projectRoot } from '../src/registry/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'engine-registry-'));
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
const VALID = ['id: s900-x', 'title: A claim', 'source:', '  document: doc.txt', '  locator: Claim 1', "statement: 'a = b'", "reading: 'as written'", 'expected: pass'];
const without = (key: string) => VALID.filter((l) => !l.startsWith(key + ':') && !(key === 'source' && l.startsWith('  ')));
const replace = (key: string, line: string) => VALID.map((l) => (l.startsWith(key + ':') ? line : l));
/** The error of loading `lines` as claims/s900-x.md; fails the test if it loads. */
function loadError(lines: string[], id = 's900-x'): string {
  const r = loadClaim(claimFile(id, frontMatter(lines)));
  if (r.ok) throw new Error('expected the claim file to be rejected');
  return r.error;
}
const baseClaim = { id: 's900-x', title: 't', source: { document: 'd', locator: 'l' }, statement: 's', reading: 'r', expected: 'pass' };

describe('CLAIM_ID', () => {
  test('accepts kebab-case slugs of lower-case letters and digits', () => {
    for (const id of ['s000-c02', 'a', 'x1', 'abc', 'higham-newton-quadratic', 's004-wd-closed-form', '007']) expect(CLAIM_ID.test(id), id).toBe(true);
  });
  test('rejects anything else: capitals, other characters, empty parts, leading or trailing junk', () => {
    for (const id of ['', 'S000-c02', 's000_c02', 's000 c02', '-abc', 'abc-', 'abc--def', 'x.y', 'abc!', '!abc', 'ab/c', ' s000-c02', 's000-c02 ']) {
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
  test('both expectations are accepted; a fail needs a corrected statement, a pass may have one', () => {
    expect(claimSchema.safeParse({ ...baseClaim, expected: 'pass' }).success).toBe(true);
    expect(claimSchema.safeParse({ ...baseClaim, expected: 'pass', corrected: 'c' }).success).toBe(true);
    expect(claimSchema.safeParse({ ...baseClaim, expected: 'fail', corrected: 'c' }).success).toBe(true);
    const r = claimSchema.safeParse({ ...baseClaim, expected: 'fail' });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([expect.objectContaining({ code: 'custom', path: ['corrected'], message: 'is required when expected is "fail"' })]);
  });
  test('text fields must not be blank', () => {
    for (const key of ['title', 'statement', 'reading', 'corrected']) {
      const r = claimSchema.safeParse({ ...baseClaim, [key]: '   ' });
      expect(r.success, key).toBe(false);
      expect(r.error!.issues.map((i) => [i.path.join('.'), i.message]), key).toContainEqual([key, 'must be a non-empty string']);
    }
  });
  test('steps have a statement and an optional note, nothing else', () => {
    expect(claimSchema.safeParse({ ...baseClaim, steps: [{ statement: 'a' }, { statement: 'b', note: 'why' }] }).data?.steps).toEqual([{ statement: 'a' }, { statement: 'b', note: 'why' }]);
    expect(claimSchema.safeParse({ ...baseClaim, steps: [{ statement: 'a', extra: 1 }] }).success).toBe(false);
    expect(claimSchema.safeParse({ ...baseClaim, steps: [{ statement: ' ' }] }).success).toBe(false);
  });
  test('source has exactly a document and a locator', () => {
    expect(claimSchema.safeParse({ ...baseClaim, source: { document: 'd', locator: 'l', page: 3 } }).success).toBe(false);
    expect(claimSchema.safeParse({ ...baseClaim, source: { document: 'd' } }).success).toBe(false);
  });
  test('dependsOn lists claim ids; a malformed one names its position', () => {
    expect(claimSchema.safeParse({ ...baseClaim, dependsOn: ['s000-c01', 'polar-rate'] }).data?.dependsOn).toEqual(['s000-c01', 'polar-rate']);
    const r = claimSchema.safeParse({ ...baseClaim, dependsOn: ['s000-c01', 'Not An Id'] });
    expect(r.error!.issues).toEqual([expect.objectContaining({ path: ['dependsOn', 1], message: expect.stringMatching(/kebab-case slug/) })]);
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
    const f = claimFile('s900-x', frontMatter([...VALID, 'steps:', "  - statement: 'a'", "    note: 'n'"]) + '\n# Commentary\n\ntext\n');
    expect(loadClaim(f)).toEqual({
      ok: true, file: f, body: '\n# Commentary\n\ntext\n',
      claim: { id: 's900-x', title: 'A claim', source: { document: 'doc.txt', locator: 'Claim 1' }, statement: 'a = b', reading: 'as written', expected: 'pass', steps: [{ statement: 'a', note: 'n' }] },
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
    expect(r).toEqual({ ok: false, file: f, error: expect.stringMatching(/^\/.*missing\/s900-x\.md: cannot read claim file \(ENOENT.*\)$/) });
  });
  test('without front matter (or with text before it) the error says how front matter looks', () => {
    const msg = (text: string) => { const r = loadClaim(claimFile('s900-x', text)); return r.ok ? null : r.error; };
    const f = claimFile('s900-x', 'just text');
    expect(loadClaim(f)).toEqual({ ok: false, file: f, error: `${f}: no YAML front matter (the file must start with a line '---' and close it with another '---')` });
    expect(msg('intro\n' + frontMatter(VALID))).toMatch(/no YAML front matter/);
    expect(msg(`---\n${VALID.join('\n')}\n`)).toMatch(/no YAML front matter/);
  });
  test('invalid YAML names the file and gives the parser\'s first line only', () => {
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
    expect(loadError(replace('source', 'source: { document: doc.txt, locator: [1, 2] }').filter((l) => !l.startsWith('  ')))).toMatch(/: field 'source\.locator' /);
    const two = loadError(without('title').filter((l) => !l.startsWith('reading')));
    expect(two).toMatch(/: field 'title' [^;]+; field 'reading' /);
    expect(loadError(replace('expected', 'expected: maybe'))).toMatch(/field 'expected'/);
    expect(loadError(replace('expected', 'expected: fail'))).toMatch(/field 'corrected' is required when expected is "fail"$/);
    expect(loadError([...VALID, 'stpes: []'])).toMatch(/stpes/);
  });
  test('front matter that is not a mapping is reported against the root', () => {
    expect(loadError(['just a string'])).toMatch(/: field '\(root\)' /);
  });
  test('the id must be the file name', () => {
    const f = claimFile('s900-y', frontMatter(VALID));
    expect(loadClaim(f)).toEqual({ ok: false, file: f, error: `${f}: field 'id' is 's900-x' but the file name says 's900-y'` });
  });
});
