import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { create } from 'xmlbuilder2';
import type { Report } from '../src/engine/report/buildReport.js';
import { renderAll, renderHtml, renderJunit, renderMarkdown } from '../src/engine/report/render/index.js';
import { anchorId, claimSummary, countsOf, fmt, replayCommands, shellWord } from '../src/engine/report/render/model.js';
import { mdText } from '../src/engine/report/render/markdown.js';
import { compactJson } from '../src/engine/report/render/junit.js';
import { splitMath, renderInline } from '../src/engine/report/render/math.js';
import { counterexampleHtml, valueHtml } from '../src/engine/report/render/values.js';
import { errorResult } from '../src/engine/verify/runClaim.js';
import type { ClaimResult } from '../src/engine/verify/types.js';
import { check } from './reportBuilders.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'report', 'verification.json');
const fixture = (): Report => JSON.parse(readFileSync(FIXTURE, 'utf8')) as Report;

const HOSTILE =
  '<script>alert(1)</script>"><img src=x onerror=alert(2)>\'&amp; ]]> `x` [l](javascript:alert(3)) | *b* \u0000\u001b\u0007';

function claim(id: string, over: Partial<ClaimResult> = {}): ClaimResult {
  return {
    ...errorResult(id, '', { claim: `claims/${id}.md`, property: `properties/${id}.property.ts` }),
    title: `title of ${id}`,
    source: { document: 'doc-a.txt', locator: 'Claim 1' },
    statement: 'If $x = y$ then $y = x$.',
    reading: 'Read as written.',
    verdict: 'pass',
    expected: 'pass',
    error: null,
    checks: [check()],
    ...over,
  };
}

function report(claims: ClaimResult[]): Report {
  return {
    schemaVersion: 1,
    runId: 'run-1',
    generatedAt: '2026-01-01T00:00:00.000Z',
    seed: 42,
    environment: { node: 'v20', gpuBackend: 'webasm', cpus: 2 },
    summary: { total: claims.length, pass: 0, fail: 0, error: 0, unchecked: 0, unexpected: 0 },
    claims,
  };
}

/** A claim whose every string field is hostile, failing with a matrix counterexample. */
const hostileClaim = (): ClaimResult =>
  claim(`evil ${HOSTILE}`, {
    title: HOSTILE,
    statement: `${HOSTILE} $\\frac{a}{b}$ and $\\notacommand{x}$ and a stray $`,
    reading: HOSTILE,
    source: { document: HOSTILE, locator: HOSTILE },
    dependsOn: [HOSTILE, 's1-a'],
    verdict: 'fail',
    expected: 'fail',
    counterexample: {
      check: HOSTILE,
      input: {
        G: [
          [1, 0],
          [0, 'Infinity'],
        ],
        note: HOSTILE,
      },
      measured: { value: 'Infinity', bound: 1e-15, relation: '<=', detail: { why: HOSTILE }, infinite: HOSTILE },
      numShrinks: 3,
    },
    replay: { seed: -5, path: '0:1', check: HOSTILE },
    corrected: { statement: HOSTILE, verdict: 'pass' },
    checks: [
      check({
        name: HOSTILE,
        toleranceReason: HOSTILE,
        passed: false,
        detail: HOSTILE,
        counterexample: { input: HOSTILE, measured: { value: 1, bound: 0 } },
      }),
    ],
    steps: [{ index: 1, statement: HOSTILE, verdict: 'fail', method: 'numeric', detail: HOSTILE }],
    firstBrokenStep: 1,
    failure: { kind: HOSTILE as 'wording', summary: HOSTILE, words: HOSTILE, backing: HOSTILE, checks: [] },
  } as Partial<ClaimResult>);

describe('renderHtml', () => {
  test('every claim of the fixture has a card with its anchor, grouped under its source document', async () => {
    const r = fixture();
    const html = await renderHtml(r, { katexFonts: false });
    for (const c of r.claims) {
      expect(html).toContain(`id="${anchorId(c.id)}" class="card ${c.verdict}`);
    }
    expect(html.match(/<article /g)).toHaveLength(r.claims.length);
    const docs = new Set(r.claims.map((c) => c.source.document).filter(Boolean));
    for (const d of docs) expect(html).toContain(`data-document="${d}"><h2>`.replace('><h2>', '>\n<h2>'));
  });

  test('statements are rendered by KaTeX on the server; no $ delimiter survives in the fixture', async () => {
    const html = await renderHtml(fixture(), { katexFonts: false });
    expect(html).toContain('class="katex"');
    expect(html).not.toContain('class="tex-error"');
    const statements = [...html.matchAll(/<div class="statement">([\s\S]*?)<\/div>\n/g)].map((m) => m[1]);
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) expect(s.replace(/<annotation[\s\S]*?<\/annotation>/g, '')).not.toMatch(/\$/);
  });

  test('is self-contained: no external URL is loaded, the KaTeX fonts are data URIs', async () => {
    const html = await renderHtml(fixture());
    expect(html).toMatch(/src:url\(data:font\/woff2;base64,/);
    expect(html).not.toMatch(/url\((?!data:)/);
    expect(html).not.toMatch(/<(?:link|img|iframe)\b/i);
    expect(html).not.toMatch(/\b(?:src|href)="(?:https?:)?\/\//);
    expect(html).toContain("default-src 'none'");
  });

  test('hostile strings in ids, titles, statements, checks and evidence are escaped', async () => {
    const html = await renderHtml(report([hostileClaim(), claim('s1-a')]), { katexFonts: false });
    expect(html.match(/<script\b/g)).toHaveLength(1); // the page's own
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The hostile id gets a safe anchor, and the dependency back-link reaches s1-a.
    const id = anchorId(`evil ${HOSTILE}`);
    expect(id).toMatch(/^claim-[A-Za-z0-9-]+$/);
    expect(html).toContain(`id="${id}"`);
    expect(html).toMatch(/Used by: <a href="#claim-/);
    // Bad TeX is shown as its source, marked, never thrown; the stray $ stays text.
    expect(html).toContain('class="tex-error"');
    expect(html).toContain('and a stray $');
  });

  test('the counterexample is laid out (matrix table), not dumped as JSON', () => {
    const out = counterexampleHtml({
      check: 'c',
      input: {
        G: [
          [1, 2],
          [3, 4],
        ],
      },
      measured: { value: 'Infinity', bound: 1e-15, relation: '<=', detail: null },
    });
    expect(out).toContain('<table class="matrix"');
    expect(out).toContain('<td>4</td>');
    expect(out).toContain('∞');
    expect(out).not.toContain('[[1');
    expect(valueHtml(Array.from({ length: 20 }, () => Array.from({ length: 20 }, () => 1)))).toContain('20×20');
  });

  test('unexpected results and errors are listed first, errors before wrong verdicts', async () => {
    const r = report([
      claim('s1-ok'),
      claim('s1-wrong', {
        verdict: 'fail',
        expected: 'pass',
        counterexample: { input: 1, measured: { value: 2, bound: 1 } },
      }),
      claim('s1-err', { verdict: 'error', error: 'it broke' }),
    ]);
    const html = await renderHtml(r, { katexFonts: false });
    const box = html.slice(html.indexOf('id="attention"'), html.indexOf('</ul></div>', html.indexOf('id="attention"')));
    expect(box.indexOf('s1-err')).toBeGreaterThan(0);
    expect(box.indexOf('s1-err')).toBeLessThan(box.indexOf('s1-wrong'));
    expect(box).not.toContain('s1-ok');
    expect(countsOf(r)).toMatchObject({ pass: 1, fail: 1, error: 1, unexpected: 2 });
  });

  test("an entry carried from an earlier run is marked, never counted as this run's surprise, and replayed with its own seed", async () => {
    const c = {
      ...claim('s1-old', { verdict: 'error', error: 'stale' }),
      carriedFrom: { runId: 'run-0', seed: 7, generatedAt: '2025-12-31T00:00:00.000Z' },
    };
    const r = report([c, claim('s1-new')]);
    const html = await renderHtml(r, { katexFonts: false });
    expect(html).toContain('data-carried="true"');
    expect(html).toContain('carried from run <code>run-0</code> (seed 7');
    expect(html).not.toContain('id="attention"');
    expect(countsOf(r)).toMatchObject({ error: 1, unexpected: 0, carried: 1 });
    expect(replayCommands(c, r).at(-1)!.command).toBe('npm test -- --claim s1-old --seed 7');
    expect(renderJunit(r)).toMatch(
      /<skipped message="not judged in this run: carried from run run-0 \(verdict there: error\)"\/>/,
    );
    expect(renderMarkdown(r)).toContain('_(carried from run run-0, not judged in this run)_');
  });

  test('a failure kind is rendered when present and offered in the filter', async () => {
    const c = {
      ...claim('s1-k', {
        verdict: 'fail',
        expected: 'fail',
        counterexample: { input: 1, measured: { value: 2, bound: 1 } },
        corrected: { statement: 'ok', verdict: 'pass' },
      }),
      failure: {
        kind: 'hypothesis' as const,
        summary: 'needs full rank',
        hypothesis: '\\operatorname{rank} G = n',
        backing: 'holds under it',
        checks: [],
      },
    };
    const html = await renderHtml(report([c]), { katexFonts: false });
    expect(html).toContain('data-kind="hypothesis"');
    expect(html).toContain('<option value="hypothesis">hypothesis</option>');
    expect(html).toContain('needs full rank');
    expect(claimSummary(c)).toBe('needs full rank');
  });

  test('the first broken step is highlighted and every plot is an inline SVG', async () => {
    const series = [
      {
        name: 'slope',
        kind: 'loglog-fit' as const,
        x: 'k',
        y: 'bias',
        points: [1, 2, 4, 8].map((k) => ({ x: k, y: 1 / k, lo: 0.9 / k, hi: 1.1 / k })),
        fit: { slope: -1, intercept: 0 },
        claimed: { slope: -0.5 },
      },
    ];
    const c = claim('s1-p', {
      checks: [check({ series })],
      steps: [
        { index: 1, statement: 'a = a', verdict: 'pass', method: 'symbolic', detail: '' },
        { index: 2, statement: 'a = b', verdict: 'fail', method: 'numeric', detail: 'no' },
      ],
      firstBrokenStep: 2,
    });
    const html = await renderHtml(report([c]), { katexFonts: false });
    expect(html).toMatch(/<li value="2" class="first-broken">/);
    expect(html).not.toMatch(/<li value="1" class="first-broken">/);
    expect(html).toMatch(/<figure class="plot"[^>]*><figcaption>.*<\/figcaption><svg /);
  });

  test('replay commands are exact and shell-quoted', () => {
    const c = claim('s1-r', { replay: { seed: -7, path: '0:1:2', check: "it's (odd)" } });
    const cmds = replayCommands(c, { seed: 9, environment: { node: '', gpuBackend: '', cpus: 1, heavy: true } });
    expect(cmds.map((x) => x.command)).toEqual([
      `npm run replay -- s1-r --check 'it'\\''s (odd)' --seed -7 --path 0:1:2`,
      'npm test -- --claim s1-r --seed 9 --heavy',
    ]);
    expect(shellWord('a b')).toBe("'a b'");
  });
});

describe('renderMarkdown', () => {
  test('a summary header, then exactly one line per claim linking to its card', () => {
    const r = fixture();
    const md = renderMarkdown(r);
    // The per-claim lines come after the "Needs attention" list (which repeats the surprising ones).
    const perClaim = md.slice(md.indexOf('\n### ', md.indexOf('### Needs attention') + 1));
    const lines = perClaim.split('\n').filter((l) => l.startsWith('- ') && l.includes('](index.html#'));
    expect(lines).toHaveLength(r.claims.length);
    for (const c of r.claims) {
      const l = lines.find((x) => x.includes(`](index.html#${anchorId(c.id)})`));
      expect(l, c.id).toBeDefined();
      expect(l).toContain(`**${c.verdict}**`);
    }
    expect(md.split('\n')[0]).toMatch(
      /^## muon-verify: \d+ claims — \d+ hold, \d+ fail as written( — [^;]+)?; \d+ error, \d+ unchecked/,
    );
    expect(md).toContain(`seed \`${r.seed}\``);
  });

  test('hostile text cannot open markup', () => {
    const md = renderMarkdown(report([hostileClaim()]));
    expect(md).not.toMatch(/<script|<img/);
    expect(md).not.toMatch(/[^\\]\]\(javascript:/); // only as the inert \](…
    expect(mdText('[l](javascript:x) *b* `c` <i> | $x$')).toBe(
      '\\[l\\](javascript:x) \\*b\\* \\`c\\` &lt;i&gt; \\| \\$x\\$',
    );
    // Every claim is still one line: newlines and control characters in strings do not break it.
    expect(md.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(1);
  });
});

describe('renderJunit', () => {
  const parse = (xml: string) =>
    create(xml).end({ format: 'object' }) as unknown as { testsuites: Record<string, unknown> };

  test('well-formed XML with one testcase per claim; only unexpected verdicts fail; errors are <error>', () => {
    const r = report([
      claim('s1-pass'),
      claim('s1-xfail', {
        verdict: 'fail',
        expected: 'fail',
        counterexample: {
          check: 'k',
          input: [
            [1, 2],
            [3, 4],
          ],
          measured: { value: 2, bound: 1 },
        },
        corrected: { statement: 'c', verdict: 'pass' },
      }),
      claim('s1-wrong', {
        verdict: 'fail',
        expected: 'pass',
        counterexample: { check: 'k', input: 7, measured: { value: 3, bound: 1 } },
      }),
      claim('s1-err', { verdict: 'error', error: 'boom' }),
      claim('s1-skip', { verdict: 'unchecked' }),
    ]);
    const xml = renderJunit(r);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const obj = parse(xml);
    expect(obj.testsuites['@tests']).toBe('5');
    expect(obj.testsuites['@failures']).toBe('1');
    expect(obj.testsuites['@errors']).toBe('1');
    expect(obj.testsuites['@skipped']).toBe('1');
    expect(xml.match(/<testcase /g)).toHaveLength(5);
    const wrong = xml.slice(xml.indexOf('name="s1-wrong'), xml.indexOf('</testcase>', xml.indexOf('name="s1-wrong')));
    expect(wrong).toContain('<failure message="verdict fail differs from expected pass" type="unexpected-verdict">');
    expect(wrong).toContain('measured 3, must be ≤ 1');
    const xfail = xml.slice(xml.indexOf('name="s1-xfail'), xml.indexOf('</testcase>', xml.indexOf('name="s1-xfail')));
    expect(xfail).not.toContain('<failure');
    expect(xfail).toContain('"input": [[1, 2], [3, 4]]');
    expect(renderJunit(r, { failOn: 'verdict' }).match(/<failure /g)).toHaveLength(2);
  });

  test('hostile strings and control characters still give well-formed XML', () => {
    const xml = renderJunit(report([hostileClaim()]));
    expect(() => parse(xml)).not.toThrow();
    // eslint-disable-next-line no-control-regex -- matching control characters is the point here (they are escaped or stripped)
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).not.toContain('<script>');
    expect(xml.match(/<testcase /g)).toHaveLength(1);
  });

  test('the fixture renders to a testcase per claim', () => {
    const r = fixture();
    const xml = renderJunit(r);
    expect(() => parse(xml)).not.toThrow();
    expect(xml.match(/<testcase /g)).toHaveLength(r.claims.length);
  });

  test('matrices stay on one line per row in the counterexample text', () => {
    expect(
      compactJson({
        G: [
          [1, 2],
          [3, 'Infinity'],
        ],
      }),
    ).toContain('[[1, 2], [3, "Infinity"]]');
  });
});

describe('helpers', () => {
  test('math delimiters', () => {
    expect(splitMath('a $x$ b $$y$$ c \\$5 \\(z\\)')).toEqual([
      { type: 'text', value: 'a ' },
      { type: 'math', value: 'x', display: false },
      { type: 'text', value: ' b ' },
      { type: 'math', value: 'y', display: true },
      { type: 'text', value: ' c $5 ' },
      { type: 'math', value: 'z', display: false },
    ]);
    expect(splitMath('costs $5 only')).toEqual([{ type: 'text', value: 'costs $5 only' }]);
    expect(renderInline('<b>$x$</b>')).toMatch(/^&lt;b&gt;<span class="katex">/);
  });

  test('numbers', () => {
    expect([fmt(1e-16), fmt(0.29289321881345254), fmt(42), fmt('Infinity'), fmt(-2.5e9)]).toEqual([
      '1e-16',
      '0.2929',
      '42',
      '∞',
      '−2.5e+9',
    ]);
  });

  test('anchors: plain ids are kept, others get a stable safe id', () => {
    expect(anchorId('s000-c02')).toBe('s000-c02');
    expect(anchorId('a b')).toBe(anchorId('a b'));
    expect(anchorId('a b')).not.toBe(anchorId('a  b'));
    expect(anchorId('<x>')).toMatch(/^claim-x-[0-9a-f]+$/);
  });
});

describe('renderAll', () => {
  test('writes index.html, summary.md and junit.xml, leaving no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'muon-render-'));
    try {
      const files = await renderAll(report([claim('s1-a')]), join(dir, 'out'), { html: { katexFonts: false } });
      expect(readdirSync(join(dir, 'out')).sort()).toEqual(['index.html', 'junit.xml', 'summary.md']);
      expect(readFileSync(files.html, 'utf8')).toMatch(/^<!doctype html>/);
      expect(readFileSync(files.markdown, 'utf8')).toContain('](index.html#s1-a)');
      expect(readFileSync(files.junit, 'utf8')).toContain('<testcase ');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
