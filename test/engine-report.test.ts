/**
 * Engine unit tests for src/engine/report: JSON serialisation, the terminal summary and the report builder.
 * Written to pin behaviour precisely enough that Stryker's mutants of these files are killed
 * (stryker.config.mjs); each test states the behaviour it protects.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  REPORT_FILE,
  detectGpuBackend,
  environment,
  readReport,
  writeFileAtomic,
  writeReport,
} from '../src/engine/report/writeReport.js';
import { buildReport, type BuildInput, type Report } from '../src/engine/report/buildReport.js';
import { summaryLines } from '../src/engine/report/summaryLines.js';
import { toJson } from '../src/engine/report/json.js';
import type { ClaimResult, Verdict } from '../src/engine/verify/types.js';

/** A complete ClaimResult with neutral content; tests override what they are about. */
function claimResult(id: string, over: Partial<ClaimResult> = {}): ClaimResult {
  return {
    id,
    title: `title of ${id}`,
    source: { document: 'doc.txt', locator: 'here' },
    statement: 's',
    reading: 'r',
    dependsOn: [],
    verdict: 'pass',
    expected: 'pass',
    counterexample: null,
    replay: null,
    corrected: null,
    checks: [],
    steps: [],
    firstBrokenStep: null,
    error: null,
    files: { claim: `claims/${id}.md`, property: `properties/${id}.property.ts` },
    ...over,
  };
}
/** A fail that is as recorded: evidence attached and a passing corrected statement. */
const expectedFail = (id: string, over: Partial<ClaimResult> = {}) =>
  claimResult(id, {
    verdict: 'fail',
    expected: 'fail',
    counterexample: { check: 'c', input: 1 },
    corrected: { statement: 'c', verdict: 'pass' },
    ...over,
  });

const env = { node: 'v20.0.0', gpuBackend: 'webasm', cpus: 2 };
const noPairing = { paired: [], claimWithoutProperty: [], propertyWithoutClaim: [] };
const build = (over: Partial<BuildInput>): Report =>
  buildReport({ results: [], pairing: noPairing, index: [], seed: 1, environment: env, now: new Date(0), ...over });
const byId = (r: Report) => Object.fromEntries(r.claims.map((c) => [c.id, c]));

describe('toJson', () => {
  test('non-finite numbers become the strings "Infinity", "-Infinity" and "NaN", at any depth', () => {
    const text = toJson({ a: Infinity, nested: { b: -Infinity, list: [NaN, 1] } });
    expect(JSON.parse(text)).toEqual({ a: 'Infinity', nested: { b: '-Infinity', list: ['NaN', 1] } });
  });
  test('finite numbers, strings, booleans, null and objects are written unchanged', () => {
    const value = { n: -2.5, z: 0, s: 'Infinity', t: 'text', b: false, nil: null, o: { k: [1, 'x'] } };
    expect(JSON.parse(toJson(value))).toEqual(value);
    expect(JSON.parse(toJson(3))).toBe(3);
  });
  test('is indented by two spaces, like the report on disk', () => {
    expect(toJson({ a: 1, b: [2] })).toBe('{\n  "a": 1,\n  "b": [\n    2\n  ]\n}');
  });
});

describe('summaryLines', () => {
  test('one aligned line per claim (in report order, here by id), marked ✓ as recorded, ✗ unexpected, · unchecked; then the totals', () => {
    const report = build({
      seed: 42,
      results: [
        claimResult('s1-ok'),
        expectedFail('s1-refuted-long', { firstBrokenStep: 2 }),
        claimResult('s1-bad', { verdict: 'fail', expected: 'pass', counterexample: { input: 0 } }),
        claimResult('s1-err', { verdict: 'error', expected: null, error: 'boom' }),
        claimResult('s1-skip', { verdict: 'unchecked', expected: 'pass' }),
      ],
    });
    const lines = summaryLines(report);
    expect(lines).toEqual([
      '✗ s1-bad          fail      (expected pass) — verdict fail differs from expected pass',
      '✗ s1-err          error     — verdict is error: boom',
      '✓ s1-ok           pass      (expected pass)',
      '✓ s1-refuted-long fail      (expected fail) first broken step 2',
      '· s1-skip         unchecked (expected pass)',
      '5 claims: 1 pass, 2 fail, 1 error, 1 unchecked; 2 unexpected. seed 42, gpu backend webasm.',
    ]);
  });
  test('ids are padded to at least four characters; an unexpected claim without an error has no ": …" tail', () => {
    const report = build({
      results: [claimResult('ab', { verdict: 'fail', expected: 'pass', counterexample: { x: 1 } })],
    });
    expect(summaryLines(report)[0]).toBe('✗ ab   fail      (expected pass) — verdict fail differs from expected pass');
  });
  test('more than three unchecked claims collapse into one line listing at most six ids', () => {
    const unchecked = (n: number) =>
      Array.from({ length: n }, (_, i) => claimResult(`s1-u${i}`, { verdict: 'unchecked' }));
    const three = summaryLines(build({ results: unchecked(3) }));
    expect(three.slice(0, 3)).toEqual([
      '· s1-u0 unchecked (expected pass)',
      '· s1-u1 unchecked (expected pass)',
      '· s1-u2 unchecked (expected pass)',
    ]);
    expect(three).toHaveLength(4);
    const four = summaryLines(build({ results: [claimResult('s1-ok'), ...unchecked(4)] }));
    expect(four).toEqual([
      '✓ s1-ok pass      (expected pass)',
      '· 4 claims not judged in this run (not selected): s1-u0, s1-u1, s1-u2, s1-u3',
      '5 claims: 1 pass, 0 fail, 0 error, 4 unchecked; 0 unexpected. seed 1, gpu backend webasm.',
    ]);
    expect(summaryLines(build({ results: unchecked(6) }))[0]).toBe(
      '· 6 claims not judged in this run (not selected): s1-u0, s1-u1, s1-u2, s1-u3, s1-u4, s1-u5',
    );
    expect(summaryLines(build({ results: unchecked(7) }))[0]).toBe(
      '· 7 claims not judged in this run (not selected): s1-u0, s1-u1, s1-u2, s1-u3, s1-u4, s1-u5, …',
    );
  });
  test('entries carried from an earlier run are never unexpected, collapse with the unchecked ones, and are counted apart', () => {
    const from = { runId: 'r0', seed: 1, generatedAt: '1970-01-01T00:00:00.000Z' };
    const wrongButOld = claimResult('s1-old', {
      verdict: 'fail',
      expected: 'pass',
      counterexample: { x: 1 },
      carriedFrom: from,
    });
    const one = build({ results: [wrongButOld] });
    expect(one.summary).toEqual({ total: 1, pass: 0, fail: 1, error: 0, unchecked: 0, unexpected: 0, carried: 1 });
    expect(summaryLines(one)).toEqual([
      '✓ s1-old fail      (expected pass)',
      '1 claims: 0 pass, 1 fail, 0 error, 0 unchecked; 1 carried from earlier runs (not judged now); 0 unexpected. seed 1, gpu backend webasm.',
    ]);
    const many = build({
      results: [
        wrongButOld,
        ...['a', 'b', 'c'].map((x) => claimResult(`s1-${x}`, { verdict: 'unchecked' })),
        claimResult('s1-z', { carriedFrom: from }),
      ],
    });
    expect(summaryLines(many)[0]).toBe(
      '· 5 claims not judged in this run (not selected; 2 keep their entry from an earlier run, marked carriedFrom): s1-a, s1-b, s1-c, s1-old, s1-z',
    );
    expect(summaryLines(many)).toHaveLength(2);
  });
  test('an empty report still prints its totals line', () => {
    expect(summaryLines(build({ seed: 9 }))).toEqual([
      '0 claims: 0 pass, 0 fail, 0 error, 0 unchecked; 0 unexpected. seed 9, gpu backend webasm.',
    ]);
  });
});

describe('buildReport', () => {
  test('carries schemaVersion 1, the seed, the environment and the generation time', () => {
    const r = build({ seed: 7, now: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) });
    expect(r.schemaVersion).toBe(1);
    expect(r.seed).toBe(7);
    expect(r.environment).toEqual(env);
    expect(r.generatedAt).toBe('2026-01-02T03:04:05.000Z');
  });
  test('without an explicit time, generatedAt is now', () => {
    const before = Date.now();
    const r = buildReport({ results: [], pairing: noPairing, index: [], seed: 1, environment: env });
    const t = Date.parse(r.generatedAt);
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });
  test('counts every verdict and the results that differ from their record', () => {
    const verdicts: [string, Verdict, 'pass' | 'fail' | null][] = [
      ['s1-a', 'pass', 'pass'],
      ['s1-b', 'pass', 'fail'],
      ['s1-c', 'fail', 'fail'],
      ['s1-d', 'error', null],
      ['s1-e', 'unchecked', 'pass'],
      ['s1-f', 'unchecked', 'fail'],
    ];
    const results = verdicts.map(([id, verdict, expected]) =>
      verdict === 'fail' ? expectedFail(id) : claimResult(id, { verdict, expected }),
    );
    const r = build({ results });
    expect(r.summary).toEqual({ total: 6, pass: 2, fail: 1, error: 1, unchecked: 2, unexpected: 2 });
    expect(r.claims).toHaveLength(6);
  });
  test('results are kept exactly as run', () => {
    const res = expectedFail('s1-a', {
      firstBrokenStep: 1,
      steps: [{ index: 1, statement: 'x', verdict: 'fail', method: 'numeric', detail: 'd' }],
    });
    expect(build({ results: [res] }).claims[0]).toEqual(res);
  });
  test('two results with one id become a single error naming the count', () => {
    const r = build({ results: [claimResult('s1-a'), claimResult('s1-a'), claimResult('s1-a'), claimResult('s1-b')] });
    expect(r.claims.map((c) => c.id)).toEqual(['s1-a', 's1-b']);
    const dup = byId(r)['s1-a'];
    expect(dup.verdict).toBe('error');
    expect(dup.error).toBe(
      "duplicate claim id 's1-a': 3 results carry it (two property files call verifyClaim for the same claim?)",
    );
    expect(dup.files).toEqual({ claim: 'claims/s1-a.md', property: null });
    expect(byId(r)['s1-b'].verdict).toBe('pass');
  });
  test('a claim file without a property file is an error naming both paths', () => {
    const c = byId(build({ pairing: { ...noPairing, claimWithoutProperty: ['s1-np'] } }))['s1-np'];
    expect(c).toMatchObject({
      verdict: 'error',
      error: 'claims/s1-np.md has no property file: expected properties/s1-np.property.ts',
      files: { claim: 'claims/s1-np.md', property: null },
    });
  });
  test('a property file without a claim file is an unknown id naming both paths', () => {
    const c = byId(build({ pairing: { ...noPairing, propertyWithoutClaim: ['s1-nc'] } }))['s1-nc'];
    expect(c).toMatchObject({
      verdict: 'error',
      error: "unknown claim id 's1-nc': properties/s1-nc.property.ts has no claim file claims/s1-nc.md",
      files: { claim: null, property: 'properties/s1-nc.property.ts' },
    });
  });
  test('a paired claim that left no result is an error, whether the run selected everything or selected it', () => {
    for (const selected of [undefined, null, ['s1-p']]) {
      const c = byId(build({ pairing: { ...noPairing, paired: ['s1-p'] }, selected }))['s1-p'];
      expect(c.verdict).toBe('error');
      expect(c.error).toMatch(
        /^properties\/s1-p\.property\.ts produced no result: it failed to load, crashed, or never called verifyClaim/,
      );
      expect(c.files).toEqual({ claim: 'claims/s1-p.md', property: 'properties/s1-p.property.ts' });
    }
  });
  test('a paired claim outside the --claim selection is unchecked, with no error', () => {
    const c = byId(build({ pairing: { ...noPairing, paired: ['s1-p'] }, selected: ['s1-other'] }))['s1-p'];
    expect(c).toMatchObject({
      verdict: 'unchecked',
      error: null,
      reading: 'Not run: its property file was not selected in this run.',
      files: { claim: 'claims/s1-p.md', property: 'properties/s1-p.property.ts' },
    });
  });
  test('a result wins over what the pairing says about the same id', () => {
    const res = claimResult('s1-x');
    const r = build({
      results: [res],
      pairing: { paired: ['s1-x'], claimWithoutProperty: ['s1-x'], propertyWithoutClaim: ['s1-x'] },
      index: [{ id: 's1-x', locator: 'L', summary: 'S' }],
    });
    expect(r.claims).toEqual([res]);
  });
  test('claims listed in the index come first, in index order; the rest follow by id', () => {
    const r = build({
      results: ['s1-z', 's1-m', 's1-b', 's1-y'].map((id) => claimResult(id)),
      index: [
        { id: 's1-y', locator: '1', summary: '' },
        { id: 's1-m', locator: '2', summary: '' },
      ],
    });
    expect(r.claims.map((c) => c.id)).toEqual(['s1-y', 's1-m', 's1-b', 's1-z']);
  });
  test('an index item with no claim file is an error naming the index file (or "the coverage index")', () => {
    const index = [{ id: 's1-todo', locator: 'Claim 9', summary: 'later', document: 'notes.md' }];
    for (const [indexFile, where] of [
      ['docs/claims-index.md', 'docs/claims-index.md'],
      [undefined, 'the coverage index'],
    ] as const) {
      const c = byId(build({ index, indexFile }))['s1-todo'];
      expect(c).toMatchObject({
        verdict: 'error',
        title: 'later',
        source: { document: 'notes.md', locator: 'Claim 9' },
        files: { claim: null, property: null },
        error: `listed in ${where} but there is no claim file claims/s1-todo.md (deleted or renamed?)`,
      });
    }
    expect(build({ index, selected: ['s1-todo'] }).claims[0].verdict).toBe('error');
    expect(build({ index }).summary).toMatchObject({ total: 1, error: 1, unexpected: 1 });
  });
  test('an index item outside the --claim selection is unchecked; an item without a document gets an empty one', () => {
    const c = build({ index: [{ id: 's1-todo', locator: 'Claim 9', summary: 'later' }], selected: ['s1-else'] })
      .claims[0];
    expect(c).toMatchObject({
      id: 's1-todo',
      verdict: 'unchecked',
      error: null,
      title: 'later',
      source: { document: '', locator: 'Claim 9' },
      reading: 'Not run: not selected in this run (and no claim file encodes it yet).',
    });
  });
  test('with a selection, a claim left out keeps its entry from the previous report, marked with that run', () => {
    const previous = build({
      runId: 'run-0',
      seed: 5,
      now: new Date(0),
      results: [expectedFail('s1-p'), claimResult('s1-i'), claimResult('s1-u', { verdict: 'unchecked' })],
    });
    const r = build({
      selected: ['s1-new'],
      previous,
      results: [claimResult('s1-new')],
      pairing: { ...noPairing, paired: ['s1-p', 's1-u', 's1-gone'] },
      index: [{ id: 's1-i', locator: 'L', summary: 'S' }],
    });
    const c = byId(r);
    expect(c['s1-p']).toEqual({
      ...expectedFail('s1-p'),
      carriedFrom: { runId: 'run-0', seed: 5, generatedAt: '1970-01-01T00:00:00.000Z' },
    });
    expect(c['s1-i']).toEqual({
      ...claimResult('s1-i'),
      carriedFrom: { runId: 'run-0', seed: 5, generatedAt: '1970-01-01T00:00:00.000Z' },
    });
    // An unchecked earlier entry, or none at all, is not carried: the claim is unchecked now.
    expect(c['s1-u']).toMatchObject({
      verdict: 'unchecked',
      reading: 'Not run: its property file was not selected in this run.',
    });
    expect(c['s1-u'].carriedFrom).toBeUndefined();
    expect(c['s1-gone']).toMatchObject({ verdict: 'unchecked' });
    expect(r.summary).toMatchObject({ total: 5, pass: 2, fail: 1, unchecked: 2, carried: 2, unexpected: 0 });
    // An entry carried twice keeps the run that judged it; a previous report without a runId says null.
    const again = build({
      selected: [],
      previous: { ...r, runId: 'run-1' },
      pairing: { ...noPairing, paired: ['s1-p', 's1-new'] },
    });
    expect(byId(again)['s1-p'].carriedFrom).toEqual({
      runId: 'run-0',
      seed: 5,
      generatedAt: '1970-01-01T00:00:00.000Z',
    });
    expect(byId(again)['s1-new'].carriedFrom).toEqual({
      runId: 'run-1',
      seed: 1,
      generatedAt: '1970-01-01T00:00:00.000Z',
    });
    const anonymous = build({
      selected: [],
      previous: build({ results: [claimResult('s1-a')] }),
      pairing: { ...noPairing, paired: ['s1-a'] },
    });
    expect(anonymous.claims[0].carriedFrom?.runId).toBeNull();
    // Without a selection nothing is carried: a paired claim without a result is an error.
    expect(build({ previous, pairing: { ...noPairing, paired: ['s1-p'] } }).claims[0].verdict).toBe('error');
  });
  test('runId, startedAt and runErrors appear exactly when given', () => {
    const plain = build({});
    expect(Object.keys(plain)).toEqual(['schemaVersion', 'generatedAt', 'seed', 'environment', 'summary', 'claims']);
    const full = build({ runId: 'run-1', startedAt: new Date(1000), runErrors: ['index missing'] });
    expect(full).toMatchObject({ runId: 'run-1', startedAt: '1970-01-01T00:00:01.000Z', runErrors: ['index missing'] });
    expect(Object.keys(full)).toEqual([
      'schemaVersion',
      'runId',
      'startedAt',
      'generatedAt',
      'runErrors',
      'seed',
      'environment',
      'summary',
      'claims',
    ]);
  });
});

describe('writing and reading the report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'engine-report-'));
  afterEach(() => {
    vi.doUnmock('../src/gpu/backend.js');
  });

  test('writeReport creates the directory and writes reports/verification.json as indented JSON plus a newline', () => {
    const reportsDir = join(dir, 'a', 'reports');
    const report = build({ results: [claimResult('s1-a', { checks: [] })], seed: 3 });
    const file = writeReport(reportsDir, report);
    expect(REPORT_FILE).toBe('verification.json');
    expect(file).toBe(join(reportsDir, 'verification.json'));
    expect(readFileSync(file, 'utf8')).toBe(toJson(report) + '\n');
    expect(readdirSync(reportsDir)).toEqual(['verification.json']);
    expect(readReport(file)).toEqual({ report: JSON.parse(toJson(report)) });
  });
  test('writeFileAtomic replaces the file and leaves no temporary file behind', () => {
    const file = join(dir, 'atomic.json');
    writeFileAtomic(file, 'first');
    writeFileAtomic(file, 'second');
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(readdirSync(dir).filter((f) => f.startsWith('atomic'))).toEqual(['atomic.json']);
  });
  test('writeFileAtomic that cannot rename removes its temporary file and throws', () => {
    const target = join(dir, 'is-a-dir');
    mkdirSync(join(target, 'occupied'), { recursive: true });
    expect(() => writeFileAtomic(target, 'x')).toThrow();
    expect(readdirSync(dir).filter((f) => f.startsWith('is-a-dir'))).toEqual(['is-a-dir']);
  });
  test("writeFileAtomic into a missing directory throws the write's own error (cleaning up must not mask it)", () => {
    expect(() => writeFileAtomic(join(dir, 'missing', 'f.json'), 'x')).toThrow(
      /^ENOENT: no such file or directory, open '.*missing\/f\.json\.tmp-\d+-\d+'$/,
    );
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
  test('readReport: a missing, truncated or foreign file is an error naming it, never a throw', () => {
    const missing = join(dir, 'none.json');
    expect(readReport(missing)).toEqual({ error: expect.stringMatching(/^cannot read .*none\.json: ENOENT/) });
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, '{"schemaVersion": 1, "claims": [');
    expect(readReport(truncated)).toEqual({
      error: expect.stringMatching(/^.*truncated\.json is not valid JSON \(.+\); it will be replaced by the next run$/),
    });
    for (const [name, text] of [
      ['v2', '{"schemaVersion": 2, "claims": []}'],
      ['noclaims', '{"schemaVersion": 1, "claims": {}}'],
      ['null', 'null'],
      ['list', '[]'],
    ]) {
      const f = join(dir, `${name}.json`);
      writeFileSync(f, text);
      expect(readReport(f), name).toEqual({ error: `${f} is not a verification report (schemaVersion 1)` });
    }
  });
  test('environment names node, the gpu backend, the cpu count and the platform', () => {
    expect(environment('webasm')).toEqual({
      node: process.version,
      gpuBackend: 'webasm',
      cpus: cpus().length,
      platform: `${process.platform}-${process.arch}`,
    });
  });
  test('detectGpuBackend reports the backend gpu.js proved, and releases it', async () => {
    const disposeGpu = vi.fn();
    vi.doMock('../src/gpu/backend.js', () => ({ getGpu: async () => ({ backend: 'webasm' }), disposeGpu }));
    expect(await detectGpuBackend()).toBe('webasm');
    expect(disposeGpu).toHaveBeenCalledTimes(1);
  });
  test('detectGpuBackend works without a disposeGpu, and reports a failure by its first line', async () => {
    vi.doMock('../src/gpu/backend.js', () => ({ getGpu: async () => ({ backend: 'cpu' }), disposeGpu: undefined }));
    expect(await detectGpuBackend()).toBe('cpu');
    vi.doMock('../src/gpu/backend.js', () => ({
      getGpu: async () => {
        throw new Error('no backend works\n  at probe');
      },
    }));
    expect(await detectGpuBackend()).toBe('unavailable (no backend works)');
  });
});
