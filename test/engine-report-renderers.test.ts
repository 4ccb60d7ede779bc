/**
 * In-process unit tests for the report renderers (src/engine/report/render/junit.ts, markdown.ts,
 * index.ts) and the remaining corners of buildReport.ts: exact output is pinned so that Stryker's
 * mutants of these files are killed. No child process, no browser.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildReport, type Report } from '../src/engine/report/buildReport.js';
import { compactJson, renderJunit } from '../src/engine/report/render/junit.js';
import { renderMarkdown } from '../src/engine/report/render/markdown.js';
import { renderAll, renderHtml } from '../src/engine/report/render/index.js';
import type { ClaimResult } from '../src/engine/verify/types.js';
import { claim, recordedFail, report } from './reportBuilders.js';

/** The <testcase> element whose name starts with "<id>: ", as printed (indentation included). */
function testcase(xml: string, id: string): string {
  const chunk = xml.split('    <testcase ').find((p) => p.includes(` name="${id}: `));
  if (chunk === undefined) throw new Error(`no testcase ${id}`);
  return `    <testcase ${chunk.slice(0, chunk.indexOf('</testcase>') + '</testcase>'.length)}`;
}
const opening = (xml: string, tag: string): string[] => xml.match(new RegExp(`<${tag} [^>]*>`, 'g')) ?? [];

/** Three claims in two documents: pass (1234 ms), fail as recorded (500 ms), error (no ms). */
const threeClaims = () =>
  report([
    claim('a', { ms: 1234 }),
    recordedFail('b', {
      ms: 500,
      corrected: { statement: 'fixed  it', verdict: 'pass' },
      failure: { kind: 'substance', summary: 'wrong sign' } as ClaimResult['failure'],
      firstBrokenStep: 2,
      replay: { seed: 7, path: '1:2', check: 'k' },
    }),
    claim('c', { verdict: 'error', error: 'boom', source: { document: 'doc-b.txt', locator: 'L' } }),
  ]);

const PROPS = `    <properties>
      <property name="seed" value="42"/>
      <property name="runId" value="run-1"/>
      <property name="gpuBackend" value="cpu"/>
      <property name="node" value="v20.1.0"/>
    </properties>`;

describe('renderJunit', () => {
  test('the whole document: suites per document, properties, times in seconds, system-out', () => {
    expect(renderJunit(threeClaims())).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="muon-verify" tests="3" failures="0" errors="1" skipped="0" time="1.734">
  <testsuite name="doc-a.txt" tests="2" failures="0" errors="0" skipped="0" time="1.734" timestamp="2026-01-01T00:00:00.000Z">
${PROPS}
    <testcase classname="muon-verify.doc-a.txt" name="a: T a" time="1.234" file="properties/a.property.ts">
      <system-out>verdict pass (expected pass)
rerun the claim with this run's seed: npm test -- --claim a --seed 42</system-out>
    </testcase>
    <testcase classname="muon-verify.doc-a.txt" name="b: T b" time="0.500" file="properties/b.property.ts">
      <system-out>verdict fail (expected fail); failure kind substance: wrong sign
counterexample:
refuted check: k
{
  "input": [1, 2]
}
corrected statement (pass): fixed it
first broken derivation step: 2
replay the counterexample (fast-check seed and path, no search): npm run replay -- b --check k --seed 7 --path 1:2
rerun the claim with this run's seed: npm test -- --claim b --seed 42</system-out>
    </testcase>
  </testsuite>
  <testsuite name="doc-b.txt" tests="1" failures="0" errors="1" skipped="0" time="0.000" timestamp="2026-01-01T00:00:00.000Z">
${PROPS}
    <testcase classname="muon-verify.doc-b.txt" name="c: T c" time="0" file="properties/c.property.ts">
      <error message="boom" type="error">boom</error>
      <system-out>verdict error (expected pass)
rerun the claim with this run's seed: npm test -- --claim c --seed 42</system-out>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  const mixed = () =>
    report([
      claim('p', { ms: 1 }),
      recordedFail('k', { failure: { kind: 'notation', summary: 'a typo' } as ClaimResult['failure'] }),
      recordedFail('n'),
      claim('u', { verdict: 'fail', counterexample: { check: 'k', x: 3 } }),
      // A pass carrying a stale counterexample: it is not shown as one.
      claim('s', { counterexample: { check: 'k', x: 4 } }),
    ]);

  test("default failOn 'unexpected': only a verdict that differs from the record fails", () => {
    const xml = renderJunit(mixed());
    expect(opening(xml, 'testsuites')).toEqual([
      '<testsuites name="muon-verify" tests="5" failures="1" errors="0" skipped="0" time="0.001">',
    ]);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(testcase(xml, 'u'))
      .toBe(`    <testcase classname="muon-verify.doc-a.txt" name="u: T u" time="0" file="properties/u.property.ts">
      <failure message="verdict fail differs from expected pass" type="unexpected-verdict">refuted by “k”
refuted check: k
{
  "x": 3
}</failure>
      <system-out>verdict fail (expected pass)
rerun the claim with this run's seed: npm test -- --claim u --seed 42</system-out>
    </testcase>`);
    expect(testcase(xml, 's'))
      .toBe(`    <testcase classname="muon-verify.doc-a.txt" name="s: T s" time="0" file="properties/s.property.ts">
      <system-out>verdict pass (expected pass)
rerun the claim with this run's seed: npm test -- --claim s --seed 42</system-out>
    </testcase>`);
    expect(testcase(xml, 'n'))
      .toBe(`    <testcase classname="muon-verify.doc-a.txt" name="n: T n" time="0" file="properties/n.property.ts">
      <system-out>verdict fail (expected fail)
counterexample:
refuted check: k
{
  "input": [1, 2]
}
corrected statement (pass): fixed
rerun the claim with this run's seed: npm test -- --claim n --seed 42</system-out>
    </testcase>`);
  });

  test("failOn 'verdict': every fail is a <failure> typed by its failure kind, a pass still passes", () => {
    const xml = renderJunit(mixed(), { failOn: 'verdict' });
    expect(opening(xml, 'testsuite')).toEqual([
      '<testsuite name="doc-a.txt" tests="5" failures="3" errors="0" skipped="0" time="0.001" timestamp="2026-01-01T00:00:00.000Z">',
    ]);
    expect(testcase(xml, 'p'))
      .toBe(`    <testcase classname="muon-verify.doc-a.txt" name="p: T p" time="0.001" file="properties/p.property.ts">
      <system-out>verdict pass (expected pass)
rerun the claim with this run's seed: npm test -- --claim p --seed 42</system-out>
    </testcase>`);
    expect(testcase(xml, 'k'))
      .toBe(`    <testcase classname="muon-verify.doc-a.txt" name="k: T k" time="0" file="properties/k.property.ts">
      <failure message="a typo" type="notation">a typo
refuted check: k
{
  "input": [1, 2]
}</failure>
      <system-out>verdict fail (expected fail); failure kind notation: a typo
corrected statement (pass): fixed
rerun the claim with this run's seed: npm test -- --claim k --seed 42</system-out>
    </testcase>`);
    expect(testcase(xml, 'n')).toContain(
      '<failure message="refuted by “k”" type="fail">refuted by “k”\nrefuted check: k\n{\n  "input": [1, 2]\n}</failure>',
    );
    expect(testcase(xml, 'u')).toContain('type="unexpected-verdict"');
    // A failure without a counterexample: the body is the summary alone (no empty line).
    const bare = renderJunit(report([claim('v', { verdict: 'fail', expected: 'fail' })]), { failOn: 'verdict' });
    expect(testcase(bare, 'v')).toContain(
      '<failure message="fail without evidence" type="unexpected-verdict">refuted by “a check”</failure>',
    );
  });

  test('<error>: the message, the separate cause in parentheses, the counterexample; long messages cut', () => {
    const long = 'x'.repeat(600);
    const xml = renderJunit(
      report([
        claim('e1', { verdict: 'error', error: null, headlineVerdict: 'fail' }),
        claim('e2', { verdict: 'error', error: 'boom\n  detail', counterexample: { check: 'k', x: 1 } }),
        claim('e3', { verdict: 'error', error: long }),
      ]),
    );
    const why = 'verdict is error; separately, the headline checks alone give fail, expected pass';
    expect(testcase(xml, 'e1')).toContain(`<error message="${why}" type="error">(${why})</error>`);
    expect(testcase(xml, 'e2'))
      .toBe(`    <testcase classname="muon-verify.doc-a.txt" name="e2: T e2" time="0" file="properties/e2.property.ts">
      <error message="boom detail" type="error">boom
  detail
refuted check: k
{
  "x": 1
}</error>
      <system-out>verdict error (expected pass)
rerun the claim with this run's seed: npm test -- --claim e2 --seed 42</system-out>
    </testcase>`);
    expect(testcase(xml, 'e3')).toContain(`<error message="${'x'.repeat(499)}…" type="error">${long}</error>`);
    expect(opening(xml, 'testsuites')[0]).toContain('tests="3" failures="0" errors="3" skipped="0"');
  });

  test('<skipped>: unselected claims have no system-out; carried ones say which run judged them', () => {
    const carried = (runId: string | null) => ({ runId, seed: 9, generatedAt: '2025-12-31T00:00:00.000Z' });
    const xml = renderJunit(
      report([
        claim('x', { verdict: 'unchecked' }),
        recordedFail('y', { carriedFrom: carried('old-run') }),
        claim('z', { carriedFrom: carried(null) }),
      ]),
    );
    expect(opening(xml, 'testsuites')[0]).toContain('tests="3" failures="0" errors="0" skipped="3"');
    expect(testcase(xml, 'x'))
      .toBe(`    <testcase classname="muon-verify.doc-a.txt" name="x: T x" time="0" file="properties/x.property.ts">
      <skipped message="not run in this report (outside the --claim selection)"/>
    </testcase>`);
    expect(testcase(xml, 'y'))
      .toBe(`    <testcase classname="muon-verify.doc-a.txt" name="y: T y" time="0" file="properties/y.property.ts">
      <skipped message="not judged in this run: carried from run old-run (verdict there: fail)"/>
      <system-out>verdict fail (expected fail)
corrected statement (pass): fixed
rerun the claim with the seed of the run that judged it: npm test -- --claim y --seed 9</system-out>
    </testcase>`);
    expect(testcase(xml, 'z')).toContain(
      '<skipped message="not judged in this run: carried from run unknown (verdict there: pass)"/>',
    );
  });

  test('missing ms, startedAt, environment, runId, title, files; control characters; long titles', () => {
    const r = report(
      [
        claim('q', { title: undefined, files: undefined }),
        claim('w', {
          title: `a\u0001b ${'y'.repeat(250)}`,
          corrected: { verdict: 'pass' } as ClaimResult['corrected'],
        }),
      ],
      { startedAt: undefined, environment: undefined, runId: undefined },
    );
    const xml = renderJunit(r);
    expect(opening(xml, 'testsuite')).toEqual([
      '<testsuite name="doc-a.txt" tests="2" failures="0" errors="0" skipped="0" time="0.000" timestamp="2026-01-02T00:00:00.000Z">',
    ]);
    expect(xml).toContain(`    <properties>
      <property name="seed" value="42"/>
      <property name="runId" value=""/>
      <property name="gpuBackend" value=""/>
      <property name="node" value=""/>
    </properties>`);
    expect(opening(xml, 'testcase')).toEqual([
      '<testcase classname="muon-verify.doc-a.txt" name="q: " time="0">',
      `<testcase classname="muon-verify.doc-a.txt" name="w: a\uFFFDb ${'y'.repeat(195)}…" time="0" file="properties/w.property.ts">`,
    ]);
    expect(testcase(xml, 'w')).toContain('corrected statement (pass): \n');
  });

  test('no recorded expectation: no "(expected …)" in system-out, and the result is unexpected', () => {
    const xml = renderJunit(report([claim('m', { expected: null })]));
    expect(testcase(xml, 'm'))
      .toBe(`    <testcase classname="muon-verify.doc-a.txt" name="m: T m" time="0" file="properties/m.property.ts">
      <failure message="verdict pass without a recorded expectation (expected is null)" type="unexpected-verdict">0 checks hold</failure>
      <system-out>verdict pass
rerun the claim with this run's seed: npm test -- --claim m --seed 42</system-out>
    </testcase>`);
  });

  test('a non-finite ms counts as 0 seconds', () => {
    const xml = renderJunit(report([claim('a', { ms: Number.NaN })]));
    expect(opening(xml, 'testsuites')[0]).toContain(' time="0"');
    expect(opening(xml, 'testsuite')[0]).toContain(' time="0" ');
    expect(opening(xml, 'testcase')[0]).toContain(' time="0"');
    const inf = renderJunit(report([claim('a', { ms: Infinity })]));
    expect(opening(inf, 'testcase')[0]).toContain(' time="0"');
  });
});

describe('compactJson', () => {
  test('number rows on one line, multi-digit numbers first and later', () => {
    expect(compactJson([12, 3])).toBe('[12, 3]');
    expect(compactJson([1, 23])).toBe('[1, 23]');
    expect(compactJson([-1.5e-7, 2])).toBe('[-1.5e-7, 2]');
  });
  test('non-finite numbers (as strings) keep a row on one line, in any position', () => {
    expect(compactJson([Infinity, 1])).toBe('["Infinity", 1]');
    expect(compactJson([-Infinity, NaN])).toBe('["-Infinity", "NaN"]');
    expect(compactJson([1, Infinity])).toBe('[1, "Infinity"]');
    expect(compactJson({ v: [NaN, -Infinity] })).toBe('{\n  "v": ["NaN", "-Infinity"]\n}');
  });
  test('a small matrix on one line, whatever its number of rows', () => {
    expect(
      compactJson([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    ).toBe('[[1, 2], [3, 4], [5, 6]]');
    expect(compactJson([[1, 2]])).toBe('[[1, 2]]');
  });
  test('the one-line matrix is kept up to 100 characters, a longer one keeps a row per line', () => {
    const row = (n: number) => Array.from({ length: n }, () => 1000);
    // "[[" + 8 × "1000" + "], [" + 8 × "1000" + "]]": 8 + 2 × (8 × 6 − 2) = 100 characters.
    const exactly100 = [row(8), row(8)];
    const one = `[[${exactly100[0].join(', ')}], [${exactly100[1].join(', ')}]]`;
    expect(one.length).toBe(100);
    expect(compactJson(exactly100)).toBe(one);
    const over = [row(8), [...row(7), 10000]];
    expect(compactJson(over)).toBe(`[\n  [${over[0].join(', ')}],\n  [${over[1].join(', ')}]\n]`);
  });
});

describe('renderMarkdown', () => {
  test('the whole summary: header, environment, attention, a section per document, the link', () => {
    expect(renderMarkdown(threeClaims())).toBe(
      [
        '## muon-verify: 3 claims — 1 hold, 1 fail as written — 1 wrong; 1 error, 0 unchecked (❌ 1 unexpected)',
        '',
        'seed `42` · gpu backend `cpu` · node `v20.1.0` · 2 cpus · run `run-1` · 2026-01-02T00:00:00.000Z',
        '',
        '### Needs attention (1)',
        '',
        '- ❌ [`c`](index.html#c) **error** — verdict is error: boom',
        '',
        '### doc-a.txt',
        '',
        '- ✅ [`a`](index.html#a) **pass** (expected pass) — T a: 0 checks hold',
        '- 🟠 [`b`](index.html#b) **fail** (expected fail) · _substance_ — T b: wrong sign',
        '',
        '### doc-b.txt',
        '',
        '- ❌ [`c`](index.html#c) **error** (expected pass) ⚠️ **unexpected** — T c: error: boom',
        '',
        'Full report: [index.html](index.html) (cards with statements, counterexamples, checks, steps and replay commands).',
        '',
      ].join('\n'),
    );
  });

  const header = (r: Report) => renderMarkdown(r).split('\n')[0];

  test('status: all as recorded, run errors (singular and plural), unexpected and run errors together', () => {
    expect(header(report([claim('a')]))).toBe(
      '## muon-verify: 1 claim — 1 hold, 0 fail as written; 0 error, 0 unchecked (✅ every verdict as recorded)',
    );
    expect(header(report([claim('a')], { runErrors: ['time limit'] }))).toBe(
      '## muon-verify: 1 claim — 1 hold, 0 fail as written; 0 error, 0 unchecked (❌ 1 run error)',
    );
    const both = report([claim('a', { verdict: 'fail' })], { runErrors: ['one', 'two <b>'] });
    expect(header(both)).toBe(
      '## muon-verify: 1 claim — 0 hold, 1 fail as written — 1 without a failure kind; 0 error, 0 unchecked (❌ 1 unexpected, 2 run errors)',
    );
    // A report without its summary (an older or hand-made file): the failure kinds come from the claims.
    const noSummary = { ...both, summary: undefined } as unknown as Report;
    expect(header(noSummary)).toBe(
      '## muon-verify: 1 claim — 0 hold, 1 fail as written — 1 without a failure kind; 0 error, 0 unchecked (❌ 1 unexpected, 2 run errors)',
    );
    expect(renderMarkdown(both).split('\n').slice(1, 7)).toEqual([
      '',
      'seed `42` · gpu backend `cpu` · node `v20.1.0` · 2 cpus · run `run-1` · 2026-01-02T00:00:00.000Z',
      '',
      '> ❌ **run error:** one',
      '',
      '> ❌ **run error:** two &lt;b&gt;',
    ]);
  });

  test('the environment line: missing fields, zero cpus, heavy mode, code spans made safe', () => {
    const line = (r: Report) => renderMarkdown(r).split('\n')[2];
    expect(line(report([claim('a')], { environment: undefined, runId: undefined }))).toBe(
      'seed `42` · gpu backend `unknown` · node `?` · run `none` · 2026-01-02T00:00:00.000Z',
    );
    expect(
      line(
        report([claim('a')], {
          environment: { node: 'v`20', gpuBackend: 'web\u0001gl', cpus: 0, heavy: true },
          runId: 'r`1',
        }),
      ),
    ).toBe(
      'seed `42` · gpu backend `web gl` · node `vˋ20` · 0 cpus · heavy mode · run `rˋ1` · 2026-01-02T00:00:00.000Z',
    );
    expect(line(report([claim('a')], { environment: { node: 'v20', gpuBackend: 'cpu', cpus: 4, heavy: 'yes' } }))).toBe(
      'seed `42` · gpu backend `cpu` · node `v20` · 4 cpus · run `run-1` · 2026-01-02T00:00:00.000Z',
    );
  });

  test('claim lines: carried, unchecked (singular/plural), escaping, odd ids, no title, a custom page', () => {
    const carried = (runId: string | null) => ({ runId, seed: 9, generatedAt: '2025-12-31T00:00:00.000Z' });
    const r = report([
      claim('a b', { title: 'x*y* [l](u) <i> & |t| ~s~ $m$ \\ `c` _e_' }),
      recordedFail('c1', { carriedFrom: carried('old') }),
      claim('c2', { carriedFrom: carried(null), title: undefined }),
      claim('n1', { verdict: 'unchecked' }),
    ]);
    expect(renderMarkdown(r, { htmlHref: 'cards.html' })).toBe(
      [
        '## muon-verify: 4 claims — 2 hold, 1 fail as written — 1 without a failure kind; 0 error, 1 unchecked (2 carried from earlier runs) (✅ every verdict as recorded)',
        '',
        'seed `42` · gpu backend `cpu` · node `v20.1.0` · 2 cpus · run `run-1` · 2026-01-02T00:00:00.000Z',
        '',
        '### doc-a.txt',
        '',
        '- ✅ [a b](cards.html#claim-a-b-10a3f9f2) **pass** (expected pass) — x\\*y\\* \\[l\\](u) &lt;i&gt; &amp; \\|t\\| \\~s\\~ \\$m\\$ \\\\ \\`c\\` \\_e\\_: 0 checks hold',
        '- 🟠 [`c1`](cards.html#c1) **fail** (expected fail) _(carried from run old, not judged in this run)_ — T c1: refuted by “k”',
        '- ✅ [`c2`](cards.html#c2) **pass** (expected pass) _(carried from run unknown, not judged in this run)_ — : 0 checks hold',
        '',
        '<details><summary>1 claim not run (unchecked)</summary>',
        '',
        '- ⚪ [`n1`](cards.html#n1) **unchecked** — T n1: not run in this report',
        '',
        '</details>',
        '',
        'Full report: [cards.html](cards.html) (cards with statements, counterexamples, checks, steps and replay commands).',
        '',
      ].join('\n'),
    );
    const two = renderMarkdown(report([claim('n1', { verdict: 'unchecked' }), claim('n2', { verdict: 'unchecked' })]));
    expect(two).toContain('\n\n<details><summary>2 claims not run (unchecked)</summary>\n\n- ⚪ [`n1`]');
    expect(two).not.toContain('###');
  });

  test('needs attention: errors first, with their message; new and unexpected claims flagged', () => {
    const md = renderMarkdown(
      report([
        claim('u', { verdict: 'fail', failure: { kind: 'wording', summary: 'w' } as ClaimResult['failure'] }),
        claim('e', { verdict: 'error', error: 'bad *thing*\nhappened' }),
        claim('new', { expected: 'unknown' }),
      ]),
    );
    expect(md.split('\n').slice(4, 18)).toEqual([
      '### Needs attention (3)',
      '',
      '- ❌ [`e`](index.html#e) **error** — verdict is error: bad \\*thing\\* happened',
      '- 🟠 [`u`](index.html#u) **fail** — verdict fail differs from expected pass',
      '- ✅ [`new`](index.html#new) **pass** — new claim: verdict pass is not recorded yet — record the verdict (npm run accept -- &lt;id&gt;) once you have checked it',
      '',
      '### doc-a.txt',
      '',
      '- 🟠 [`u`](index.html#u) **fail** (expected pass) ⚠️ **unexpected** · _wording_ — T u: w',
      '- ❌ [`e`](index.html#e) **error** (expected pass) ⚠️ **unexpected** — T e: error: bad \\*thing\\* happened',
      '- ✅ [`new`](index.html#new) **pass** (expected unknown) ⚠️ **unexpected** — T new: 0 checks hold',
      '',
      'Full report: [index.html](index.html) (cards with statements, counterexamples, checks, steps and replay commands).',
      '',
    ]);
  });
});

describe('renderAll', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('writes index.html, summary.md and junit.xml into a new nested directory, options passed through', async () => {
    const root = mkdtempSync(join(tmpdir(), 'muon-render-'));
    dirs.push(root);
    const dir = join(root, 'nested', 'reports');
    const r = threeClaims();
    const files = await renderAll(r, dir, { html: { katexFonts: false }, junit: { failOn: 'verdict' } });
    expect(files).toEqual({
      html: join(dir, 'index.html'),
      markdown: join(dir, 'summary.md'),
      junit: join(dir, 'junit.xml'),
    });
    expect(readFileSync(files.markdown, 'utf8')).toBe(renderMarkdown(r));
    expect(readFileSync(files.junit, 'utf8')).toBe(renderJunit(r, { failOn: 'verdict' }));
    expect(readFileSync(files.junit, 'utf8')).toContain('failures="1"');
    const html = readFileSync(files.html, 'utf8');
    expect(html).toBe(await renderHtml(r, { katexFonts: false }));
    expect(html).not.toContain('data:font');
    // Rendering into an existing directory works too (and leaves no temporary file behind).
    await renderAll(r, dir, { html: { katexFonts: false } });
    expect(readFileSync(files.junit, 'utf8')).toBe(renderJunit(r));
    expect(existsSync(dir)).toBe(true);
  });
});

describe('buildReport', () => {
  test('the shard travels into the report', () => {
    const shard = { index: 1, count: 3, ids: ['a'] };
    const r = buildReport({
      results: [claim('a')],
      pairing: { paired: ['a'], claimWithoutProperty: [], propertyWithoutClaim: [] },
      index: [],
      seed: 1,
      environment: { node: 'v20', gpuBackend: 'cpu', cpus: 1 },
      now: new Date('2026-01-01T00:00:00.000Z'),
      shard,
    });
    expect(r.shard).toEqual(shard);
    expect(Object.keys(r)).toEqual([
      'schemaVersion',
      'generatedAt',
      'seed',
      'environment',
      'summary',
      'claims',
      'shard',
    ]);
  });
});
