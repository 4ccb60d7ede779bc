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
import * as model from '../src/engine/report/render/model.js';
import { escapeHtml, scriptJson } from '../src/engine/report/render/escape.js';
import { isMatrix, isVector, matrixHtml, valueHtml } from '../src/engine/report/render/values.js';
import { compactJson, counterexampleText } from '../src/engine/report/render/junit.js';
import { mdText } from '../src/engine/report/render/markdown.js';
import { splitMath } from '../src/engine/report/render/math.js';
import { buildReport, type BuildInput, type Report } from '../src/engine/report/buildReport.js';
import { summaryLines } from '../src/engine/report/summaryLines.js';
import { toJson } from '../src/engine/report/json.js';
import type { CheckOutcome, ClaimResult, Verdict } from '../src/engine/verify/types.js';

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
      '5 claims: 1 hold; 2 fail as written — 2 without a failure kind; 1 error, 1 unchecked; 2 unexpected. seed 42, gpu backend webasm.',
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
      '5 claims: 1 hold; 0 fail as written; 0 error, 4 unchecked; 0 unexpected. seed 1, gpu backend webasm.',
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
    expect(one.summary).toEqual({
      total: 1,
      pass: 0,
      fail: 1,
      error: 0,
      unchecked: 0,
      unexpected: 0,
      carried: 1,
      failKinds: { substance: 0, hypothesis: 0, notation: 0, wording: 0, none: 1 },
    });
    expect(summaryLines(one)).toEqual([
      '✓ s1-old fail      (expected pass)',
      '1 claim: 0 hold; 1 fail as written — 1 without a failure kind; 0 error, 0 unchecked; 1 carried from earlier runs (not judged now); 0 unexpected. seed 1, gpu backend webasm.',
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
      '0 claims: 0 hold; 0 fail as written; 0 error, 0 unchecked; 0 unexpected. seed 9, gpu backend webasm.',
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
    expect(r.summary).toEqual({
      total: 6,
      pass: 2,
      fail: 1,
      error: 1,
      unchecked: 2,
      unexpected: 2,
      failKinds: { substance: 0, hypothesis: 0, notation: 0, wording: 0, none: 1 },
    });
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

describe('render: the shared reading of a report (model.ts)', () => {
  // `failure` may hold anything here: the renderers read reports from disk defensively.
  const c = (over: Record<string, unknown> = {}) =>
    claimResult('s1-a', over as unknown as Partial<ClaimResult>) as model.RenderedClaim;
  test('failureOf reads a well-formed failure only', () => {
    expect(model.failureOf(c({ failure: { kind: 'bound', summary: 'too big' } }))).toEqual({
      kind: 'bound',
      summary: 'too big',
    });
    expect(model.failureOf(c({ failure: { kind: 'bound', summary: 3 } }))).toEqual({ kind: 'bound', summary: '' });
    for (const failure of [undefined, null, 'x', { kind: ' ' }, { kind: 3 }])
      expect(model.failureOf(c({ failure })), JSON.stringify(failure)).toBeNull();
  });
  test('verdictOf maps anything outside the four verdicts to error', () => {
    for (const v of model.VERDICTS) expect(model.verdictOf(c({ verdict: v }))).toBe(v);
    expect(model.VERDICTS).toEqual(['pass', 'fail', 'error', 'unchecked']);
    expect(model.verdictOf(c({ verdict: 'passed' as never }))).toBe('error');
    expect(model.unexpectedOf(c({ verdict: 'fail' }))).toBe('verdict fail differs from expected pass');
  });
  test('anchorId keeps plain ids and hashes the others to a stable safe id', () => {
    expect(model.anchorId('s000-c02')).toBe('s000-c02');
    expect(model.anchorId('A.b_c-1')).toBe('A.b_c-1');
    const odd = model.anchorId('9 bad id!');
    expect(odd).toMatch(/^claim-9-bad-id-[0-9a-f]+$/);
    expect(model.anchorId('9 bad id!')).toBe(odd);
    expect(model.anchorId('9 bad id?')).not.toBe(odd);
    expect(model.anchorId('!!!')).toMatch(/^claim-[0-9a-f]+$/);
    expect(model.anchorId('-x')).toMatch(/^claim-x-[0-9a-f]+$/);
    expect(model.anchorId('x'.repeat(50) + ' ')).toMatch(new RegExp(`^claim-${'x'.repeat(40)}-[0-9a-f]+$`));
    let h = 0x811c9dc5;
    for (const ch of '1a') h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
    expect(model.anchorId('1a')).toBe(`claim-1a-${h.toString(16)}`);
  });
  test('documents group claims in report order, claims without a document last', () => {
    const a = c({ id: 'a', source: { document: 'd1', locator: '' } });
    const b = c({ id: 'b', source: { document: ' ', locator: '' } });
    const d = c({ id: 'd', source: { document: 'd2', locator: '' } });
    const e = c({ id: 'e', source: { document: 'd1', locator: '' } });
    expect(model.documentOf(b)).toBe(model.NO_DOCUMENT);
    expect(model.NO_DOCUMENT).toBe('(no source document)');
    expect(model.byDocument([b, a, d, e]).map(([doc, cs]) => [doc, cs.map((x) => x.id)])).toEqual([
      ['d1', ['a', 'e']],
      ['d2', ['d']],
      ['(no source document)', ['b']],
    ]);
    expect(model.documentOf(c({ source: undefined as never }))).toBe(model.NO_DOCUMENT);
  });
  test('dependents lists, for each id, the claims that depend on it', () => {
    const m = model.dependents([
      c({ id: 'x', dependsOn: ['a', 'b'] }),
      c({ id: 'y', dependsOn: ['a'] }),
      c({ id: 'z', dependsOn: 'a' as never }),
    ]);
    expect([...m]).toEqual([
      ['a', ['x', 'y']],
      ['b', ['x']],
    ]);
  });
  test("carried entries are not this run's: not in attention, counted apart", () => {
    const from = { runId: 'r', seed: 1, generatedAt: 't' };
    expect(model.carriedOf(c({ carriedFrom: from }))).toEqual(from);
    expect(model.carriedOf(c())).toBeNull();
    const claims = [
      c({ id: 'w', verdict: 'fail' }),
      c({ id: 'e', verdict: 'error', expected: null }),
      c({ id: 'k', verdict: 'fail', carriedFrom: from }),
      c({ id: 'ok' }),
    ];
    expect(model.attention(claims).map((x) => [x.claim.id, x.reason])).toEqual([
      ['e', 'verdict is error'],
      ['w', 'verdict fail differs from expected pass'],
    ]);
    expect(model.countsOf({ claims })).toEqual({
      total: 4,
      pass: 1,
      fail: 2,
      error: 1,
      unchecked: 0,
      unexpected: 2,
      carried: 1,
    });
  });
  test('shellWord quotes only what the shell would misread', () => {
    expect(model.shellWord('s000-c02')).toBe('s000-c02');
    expect(model.shellWord('a b')).toBe("'a b'");
    expect(model.shellWord("it's")).toBe("'it'\\''s'");
    expect(model.shellWord('')).toBe("''");
  });
  test('replay commands: the counterexample replay (by key or name) and the rerun with the right seed', () => {
    const env = { node: 'v', gpuBackend: 'g', cpus: 1 };
    expect(
      model.replayCommands(c({ replay: { seed: 5, path: '1:2', check: 'x < 3' } }), { seed: 9, environment: env }),
    ).toEqual([
      {
        label: 'replay the counterexample (fast-check seed and path, no search)',
        command: "npm run replay -- s1-a --check 'x < 3' --seed 5 --path 1:2",
      },
      { label: "rerun the claim with this run's seed", command: 'npm test -- --claim s1-a --seed 9' },
    ]);
    expect(
      model.replayCommands(c({ replay: { seed: 5, path: '0', check: 'shown', key: 'k' } }), {
        seed: 9,
        environment: env,
      })[0].command,
    ).toBe('npm run replay -- s1-a --check k --seed 5 --path 0');
    expect(model.replayCommands(c({ replay: { seed: 5, path: '0' } }), { seed: 9, environment: env })[0].command).toBe(
      'npm run replay -- s1-a --seed 5 --path 0',
    );
    expect(
      model.replayCommands(c({ replay: { seed: '5' as never, path: '0' } }), { seed: 9, environment: env }),
    ).toHaveLength(1);
    expect(model.replayCommands(c(), { seed: 9, environment: { ...env, heavy: true } })).toEqual([
      { label: "rerun the claim with this run's seed", command: 'npm test -- --claim s1-a --seed 9 --heavy' },
    ]);
    expect(
      model.replayCommands(c({ carriedFrom: { runId: null, seed: 4, generatedAt: 't' } }), {
        seed: 9,
        environment: { ...env, heavy: true },
      }),
    ).toEqual([
      {
        label: 'rerun the claim with the seed of the run that judged it',
        command: 'npm test -- --claim s1-a --seed 4',
      },
    ]);
  });
  test("fmt: four significant digits, exponents outside [1e-3, 1e7), the report's ∞ and NaN strings, a real minus sign (but integers keep '-')", () => {
    const cases: [unknown, string][] = [
      ['Infinity', '∞'],
      ['-Infinity', '−∞'],
      ['NaN', 'NaN'],
      ['text', 'text'],
      [null, 'null'],
      [NaN, 'NaN'],
      [Infinity, '∞'],
      [-Infinity, '−∞'],
      [0, '0'],
      [42, '42'],
      [-42, '-42'],
      [9999999, '9999999'],
      [10000000, '1e+7'],
      [1.5, '1.5'],
      [3.14159, '3.142'],
      [-0.5, '−0.5'],
      [0.001, '0.001'],
      [0.000123456, '1.235e-4'],
      [0.0001, '1e-4'],
      [-0.00012, '−1.2e-4'],
      [12345678.9, '1.235e+7'],
      [0.1 + 0.2, '0.3'],
    ];
    for (const [x, out] of cases) expect(model.fmt(x), String(x)).toBe(out);
    expect(model.isNumberLike(1)).toBe(true);
    for (const x of ['Infinity', '-Infinity', 'NaN']) expect(model.isNumberLike(x)).toBe(true);
    for (const x of ['1', null, 'inf']) expect(model.isNumberLike(x)).toBe(false);
  });
  test('oneLine and firstSentence collapse whitespace and cut with an ellipsis', () => {
    expect(model.oneLine('  a \n b\t c ')).toBe('a b c');
    expect(model.oneLine('abcdef', 4)).toBe('abc…');
    expect(model.oneLine('ab  cdef', 4)).toBe('ab…');
    expect(model.oneLine('abcd', 4)).toBe('abcd');
    expect(model.oneLine('x'.repeat(240))).toBe('x'.repeat(240));
    expect(model.oneLine('x'.repeat(241))).toBe('x'.repeat(239) + '…');
    expect(model.firstSentence('First one. Second one.')).toBe('First one.');
    expect(model.firstSentence('Ratio 0.5 holds; more')).toBe('Ratio 0.5 holds;');
    expect(model.firstSentence('no end')).toBe('no end');
    expect(model.firstSentence('a.b c. d', 100)).toBe('a.b c.');
    expect(model.firstSentence('long sentence here. x', 6)).toBe('long…');
  });
  test('evidencePhrase says what was measured against what, or the statistic and its interval', () => {
    expect(model.evidencePhrase({ measured: { value: 'Infinity', bound: 1e-15 } })).toBe('measured ∞, must be ≤ 1e-15');
    expect(model.evidencePhrase({ measured: { value: 0.5, bound: 1, relation: '>=' } })).toBe(
      'measured 0.5, must be ≥ 1',
    );
    expect(
      model.evidencePhrase({
        statistic: { estimate: 0.25, ci: [0.2, 0.3], confidence: 0.999, rule: 'pass iff 0 ∈ CI; prose' },
      }),
    ).toBe('estimate 0.25, 99.9% CI [0.2, 0.3]; pass iff 0 ∈ CI');
    expect(model.evidencePhrase({ statistic: { estimate: 1, ci: [0, 2] } })).toBe('estimate 1, CI [0, 2]');
    expect(model.evidencePhrase({ statistic: { estimate: 1, ci: 'x' }, maxError: 3, tolerance: 1 })).toBe(
      'measured 3 against tolerance 1',
    );
    expect(model.evidencePhrase({ measured: { value: 'big' }, maxError: 'NaN', tolerance: 2 })).toBe(
      'measured NaN against tolerance 2',
    );
    for (const ce of [null, 'x', 3, {}, { maxError: 'x' }])
      expect(model.evidencePhrase(ce), JSON.stringify(ce)).toBeNull();
  });
  test('claimSummary: one sentence per verdict', () => {
    expect(model.claimSummary(c({ failure: { kind: 'k', summary: ' the  bound\nbreaks ' } }))).toBe('the bound breaks');
    expect(model.claimSummary(c({ verdict: 'error', error: 'it broke. badly' }))).toBe('error: it broke.');
    expect(model.claimSummary(c({ verdict: 'error', error: null }))).toBe('error: no error message recorded');
    expect(model.claimSummary(c({ verdict: 'unchecked' }))).toBe('not run in this report');
    expect(
      model.claimSummary(c({ verdict: 'fail', counterexample: { check: 'x < 3', measured: { value: 4, bound: 2 } } })),
    ).toBe('refuted by “x < 3”: measured 4, must be ≤ 2');
    const failing = { ...outcomeOf('from checks'), passed: false };
    expect(
      model.claimSummary(c({ verdict: 'fail', counterexample: { input: 1 }, checks: [outcomeOf('ok'), failing] })),
    ).toBe('refuted by “from checks”');
    expect(model.claimSummary(c({ verdict: 'fail', counterexample: null, checks: [] }))).toBe('refuted by “a check”');
    expect(model.claimSummary(c({ checks: [outcomeOf('a')] }))).toBe('1 check holds');
    expect(model.claimSummary(c({ checks: [outcomeOf('a'), outcomeOf('b')], firstBrokenStep: 2 }))).toBe(
      '2 checks hold; the justification breaks at step 2',
    );
  });
  test('checksWithSeries lists the headline and corrected checks that carry plots', () => {
    const plotted = { ...outcomeOf('p'), series: [{}] } as CheckOutcome;
    const claim = c({
      checks: [outcomeOf('a'), plotted, { ...outcomeOf('e'), series: [] } as CheckOutcome],
      corrected: { statement: 's', verdict: 'pass', checks: [plotted] },
    });
    expect(model.checksWithSeries(claim)).toEqual([
      { group: 'headline', check: plotted },
      { group: 'corrected', check: plotted },
    ]);
    expect(model.checksWithSeries(c({ corrected: { statement: 's', verdict: 'unchecked' } }))).toEqual([]);
  });
});

describe('render: escaping and values', () => {
  test('escapeHtml escapes the five characters that can break out, and stringifies', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeHtml(5)).toBe('5');
  });
  test('scriptJson cannot close a script element or start a comment', () => {
    expect(scriptJson({ s: '</script><!-- & \u2028\u2029' })).toBe(
      '{"s":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029"}',
    );
  });
  test('matrices and vectors are recognised by shape', () => {
    expect(
      isMatrix([
        [1, 2],
        [3, 'Infinity'],
      ]),
    ).toBe(true);
    for (const m of [[], [[]], [[1], [1, 2]], [[1, 'x']], [1, 2]]) expect(isMatrix(m), JSON.stringify(m)).toBe(false);
    expect(isVector([1, 'NaN'])).toBe(true);
    for (const v of [[], ['x'], 'x']) expect(isVector(v), JSON.stringify(v)).toBe(false);
  });
  test('a large matrix is elided to 12 rows and columns, its size printed', () => {
    const big = Array.from({ length: 13 }, (_, r) => Array.from({ length: 13 }, (_, k) => r * 13 + k));
    const html = matrixHtml(big);
    expect(html).toContain('aria-label="13×13 matrix"');
    expect(html).toContain('<span class="dims">13×13</span>');
    // 11 rows, the ⋮ row, the last row.
    expect((html.match(/<tr>/g) ?? []).length).toBe(13);
    expect(html).toContain('<td class="elide">⋱</td>');
    expect(html).toContain('<td>168</td>');
    expect(html).not.toContain('<td>155</td>');
    const small = matrixHtml([
      [1, 2],
      [3, 4],
    ]);
    expect(small).toBe(
      '<span class="matrix-wrap"><table class="matrix" aria-label="2×2 matrix"><tbody><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></tbody></table><span class="dims">2×2</span></span>',
    );
  });
  test('valueHtml lays out each kind of value', () => {
    expect(valueHtml(null)).toBe('<span class="muted">—</span>');
    expect(valueHtml(undefined)).toBe('<span class="muted">—</span>');
    expect(valueHtml(-2)).toBe('<span class="num">-2</span>');
    expect(valueHtml(true)).toBe('<span class="num">true</span>');
    expect(valueHtml('<b>')).toBe('<span class="str">&lt;b&gt;</span>');
    expect(valueHtml([1, 2, 3])).toBe(
      '<span class="vector">(<span class="num">1</span>, <span class="num">2</span>, <span class="num">3</span>)</span>',
    );
    expect(valueHtml([1, 2, 3, 4])).toContain('<span class="dims">4</span>');
    expect(valueHtml([])).toBe('<span class="muted">(empty)</span>');
    expect(valueHtml({})).toBe('<span class="muted">(empty)</span>');
    expect(valueHtml({ a: 1 })).toBe('<dl class="kv"><dt>a</dt><dd><span class="num">1</span></dd></dl>');
    expect(valueHtml(['a', true])).toBe('<span class="str">a</span>, <span class="num">true</span>');
    expect(valueHtml([{ x: 1, y: 'a' }, { x: 2 }])).toBe(
      '<div class="scroll"><table class="records"><thead><tr><th>x</th><th>y</th></tr></thead><tbody><tr><td><span class="num">1</span></td><td><span class="str">a</span></td></tr><tr><td><span class="num">2</span></td><td></td></tr></tbody></table></div>',
    );
    expect(valueHtml([[1], { a: { b: 1 } }])).toBe(
      '<ol class="values"><li><span class="vector">(<span class="num">1</span>)</span></li><li><dl class="kv"><dt>a</dt><dd><dl class="kv"><dt>b</dt><dd><span class="num">1</span></dd></dl></dd></dl></li></ol>',
    );
    expect(valueHtml({ a: { b: { c: { d: { e: 1 } } } } })).toContain('<code class="json">{&quot;e&quot;:1}</code>');
    expect(valueHtml(10n as unknown)).toBe('<span class="str">10</span>');
  });
});

describe('render: plain-text forms', () => {
  test('compactJson keeps number lists on one line and small matrices whole', () => {
    expect(compactJson({ v: [1, 2, 3] })).toBe('{\n  "v": [1, 2, 3]\n}');
    expect(
      compactJson([
        [1, 2],
        [3, 4],
      ]),
    ).toBe('[[1, 2], [3, 4]]');
    expect(compactJson({ x: Infinity, m: [-Infinity, NaN] })).toBe(
      '{\n  "x": "Infinity",\n  "m": ["-Infinity", "NaN"]\n}',
    );
    const wide = Array.from({ length: 3 }, () => Array.from({ length: 12 }, (_, k) => k * 1000));
    expect(compactJson(wide).split('\n').length).toBeGreaterThan(1);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(compactJson(cyclic)).toBe('[object Object]');
    expect(compactJson(undefined)).toBe('undefined');
  });
  test('counterexampleText: the refuted check, the evidence, then the rest as JSON', () => {
    expect(counterexampleText(null)).toBe('');
    expect(counterexampleText(undefined)).toBe('');
    expect(counterexampleText('plain')).toBe('plain');
    expect(counterexampleText({ check: 'x < 3', input: 4, measured: { value: 4, bound: 2 } })).toBe(
      'refuted check: x < 3\nmeasured 4, must be ≤ 2\n{\n  "input": 4,\n  "measured": {\n    "value": 4,\n    "bound": 2\n  }\n}',
    );
    expect(counterexampleText({ input: [1, 2] })).toBe('{\n  "input": [1, 2]\n}');
  });
  test('mdText makes text inert in Markdown', () => {
    expect(mdText('a *b* _c_ `d` [e](f) |g| ~h~ $i$ \\ <j> & k')).toBe(
      'a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\|g\\| \\~h\\~ \\$i\\$ \\\\ &lt;j&gt; &amp; k',
    );
    expect(mdText('a\u0000b\nc')).toBe('a b c');
    expect(mdText(null)).toBe('');
    expect(mdText('x'.repeat(500))).toHaveLength(400);
  });
  test('splitMath splits at $, $$, \\( and \\[, keeps \\$ and unclosed delimiters as text', () => {
    expect(splitMath('a $x$ b')).toEqual([
      { type: 'text', value: 'a ' },
      { type: 'math', value: 'x', display: false },
      { type: 'text', value: ' b' },
    ]);
    expect(splitMath('$$y$$')).toEqual([{ type: 'math', value: 'y', display: true }]);
    expect(splitMath('\\(z\\) and \\[w\\]')).toEqual([
      { type: 'math', value: 'z', display: false },
      { type: 'text', value: ' and ' },
      { type: 'math', value: 'w', display: true },
    ]);
    expect(splitMath('costs \\$5')).toEqual([{ type: 'text', value: 'costs $5' }]);
    expect(splitMath('a $ b')).toEqual([{ type: 'text', value: 'a $ b' }]);
    expect(splitMath('$$')).toEqual([{ type: 'text', value: '$$' }]);
    expect(splitMath('$a\\$b$')).toEqual([{ type: 'math', value: 'a\\$b', display: false }]);
    expect(splitMath('')).toEqual([]);
  });
});

function outcomeOf(name: string): CheckOutcome {
  return {
    name,
    backend: 'scalar-f64',
    sizes: [],
    cases: 1,
    maxError: 0,
    tolerance: 1,
    toleranceReason: '',
    passed: true,
    ms: 0,
  };
}
