/**
 * In-process unit tests for src/engine/report/render/html.ts: the page, its header, the attention,
 * failing-claims, contents and filter boxes, and every part of a claim card (head, meta, carried
 * note, failure, statement, counterexample, corrected statement, checks table with its power and
 * worst-case cells, plots, derivation steps, replay commands, links) are pinned as exact strings so
 * that Stryker's mutants of the page layout are killed. No child process, no browser.
 */
import { describe, expect, test } from 'vitest';
import type { Report } from '../src/engine/report/buildReport.js';
import { PAGE_CSS, PAGE_SCRIPT } from '../src/engine/report/render/assets.js';
import { renderHtml, sizesText } from '../src/engine/report/render/html.js';
import { katexCss, renderInline, renderRich, renderStep } from '../src/engine/report/render/math.js';
import { anchorId, countsOf } from '../src/engine/report/render/model.js';
import { renderSeries } from '../src/engine/report/render/plots.js';
import { counterexampleHtml, measuredCaseHtml } from '../src/engine/report/render/values.js';
import type { CheckOutcome, ClaimResult, Series } from '../src/engine/verify/types.js';
import { check, claim, recordedFail, report } from './reportBuilders.js';

// ---------------------------------------------------------------------------------------------
// Builders (claim, recordedFail and check are shared: test/reportBuilders.ts)

const carriedFrom = (runId: string | null = 'run-0') => ({ runId, seed: 9, generatedAt: '2025-12-31T00:00:00.000Z' });

// ---------------------------------------------------------------------------------------------
// Reading the page

const page = (r: Report) => renderHtml(r, { katexFonts: false });

/** The text from the first `start` (included) to the first `end` after it (included). */
function cut(html: string, start: string, end: string): string {
  const i = html.indexOf(start);
  if (i < 0) throw new Error(`not found: ${start}`);
  const j = html.indexOf(end, i + start.length);
  if (j < 0) throw new Error(`no end ${end} after ${start}`);
  return html.slice(i, j + end.length);
}
const card = (html: string, id: string) => cut(html, `<article id="${anchorId(id)}"`, '</article>');
const headerOf = (html: string) => cut(html, '<header>', '</header>');
const tocOf = (html: string) => cut(html, '<nav class="box toc"', '</nav>');
const filtersOf = (html: string) => cut(html, '<form class="filters"', '</noscript>');
/** The rows of the first checks table in `html` (a card or part of one). */
const rowsOf = (html: string) => cut(html, '<tbody>\n', '\n</tbody>').slice('<tbody>\n'.length, -'\n</tbody>'.length);
/** Exactly one element of `xs`, by the marker it contains. */
const rowWith = (rows: string, marker: string) => {
  const found = rows.split('\n').filter((r) => r.includes(marker));
  expect(found).toHaveLength(1);
  return found[0];
};

const cnt = (cls: string, n: number, what: string) =>
  `<div class="count ${cls}"><span class="n">${n}</span><span class="what">${what}</span></div>`;
const rerun = (id: string, seed = 42) =>
  `<div class="replay"><div class="label">Reproduce</div><div class="cmd-label">rerun the claim with this run&#39;s seed</div><div class="cmd-row"><code class="cmd">npm test -- --claim ${id} --seed ${seed}</code></div></div>`;
const filesMeta = (id: string) => `<code>claims/${id}.md</code> · <code>properties/${id}.property.ts</code>`;
const TABLE_HEAD_HEADLINE =
  '<div class="scroll"><table class="checks"><thead><tr><th></th><th>check · tolerance reason</th><th>backend · sizes · cases</th><th>worst vs tolerance</th><th>power / control</th></tr></thead><tbody>';
const TABLE_HEAD_PLAIN =
  '<div class="scroll"><table class="checks"><thead><tr><th></th><th>check · tolerance reason</th><th>backend · sizes · cases</th><th>worst vs tolerance</th></tr></thead><tbody>';
const table = (head: string, rows: string[]) => `${head}\n${rows.join('\n')}\n</tbody></table></div>`;
const OK = '<span class="ok" title="holds">✓</span>';
const BAD = '<span class="bad" title="fails">✗</span>';
const ERR = '<span class="err" title="error">!</span>';
const DASH = '<span class="muted">—</span>';
const WORST = '1e-16<br><span class="muted">tol. 1e-12</span>';
const RUN = 'ml-matrix-f64<span class="reason">2×2; 10 cases</span>';
/** The row of the default check(), named `name`, with `power` as the power cell (none: the plain table). */
const plainRow = (name: string, power?: string) =>
  `<tr class="passed"><td>${OK}</td><td>${name}<span class="reason">reason</span></td><td class="run">${RUN}</td><td class="n">${WORST}</td>${power === undefined ? '' : `<td class="power">${power}</td>`}</tr>`;

// ---------------------------------------------------------------------------------------------

describe('the whole page', () => {
  test('one claim that holds: every part of the document, exactly', async () => {
    const r = report([claim('a')]);
    const cardHtml = `<article id="a" class="card pass" data-verdict="pass" data-kind="none" data-document="doc-a.txt" data-unexpected="false" data-carried="false" data-search="a t a doc-a.txt l">
<div class="card-head"><span class="badge pass">pass</span><a class="id" href="#a">a</a><span class="title">T a</span><span class="muted small">expected pass</span></div>
<div class="card-meta">doc-a.txt · L · ${filesMeta('a')}</div>
${rerun('a')}
</article>`;
    const body = `<header>
<h1>muon-verify — verification report</h1>
<div class="counts" aria-label="counts by verdict">
${cnt('total some', 1, 'claims')}${cnt('pass some', 1, 'hold')}${cnt('fail', 0, 'fail as written')}${cnt('error', 0, 'error')}${cnt('unchecked', 0, 'unchecked')}${cnt('unexpected', 0, 'unexpected')}
</div>

<div class="run-meta">
<span>seed <b>42</b></span><span>gpu backend <b>cpu</b></span><span>node <b>v20.1.0</b></span><span>cpus <b>2</b></span>
<span>run <b><code>run-1</code></b></span>
<span>started <b>2026-01-01T00:00:00.000Z</b></span><span>generated <b>2026-01-02T00:00:00.000Z</b></span>
</div>

</header>
<div class="box"><h2>Needs attention</h2><p><span class="ok">✓</span> Every verdict judged in this run is as recorded in its claim file; no claim judged in this run errored.</p></div>

<nav class="box toc" aria-label="contents"><h2>Claims by source document</h2>
<div class="doc-line"><a href="#doc-1">doc-a.txt</a>: <span class="chips"><a class="chip pass" href="#a" title="pass: T a">a</a></span></div>
</nav>
<form class="filters" id="filters" hidden aria-label="filter claims">
<label>verdict <select name="verdict"><option value="">all</option><option value="pass">pass (1)</option><option value="fail">fail (0)</option><option value="error">error (0)</option><option value="unchecked">unchecked (0)</option><option value="unexpected">unexpected (0)</option></select></label>
<label>failure kind <select name="kind"><option value="">all</option><option value="none">none recorded</option></select></label>
<label>document <select name="document"><option value="">all</option><option value="doc-a.txt">doc-a.txt</option></select></label>
<label>text <input type="search" name="q" placeholder="id, title, check…" size="16"></label>
<button type="reset" class="copy">clear</button>
<span class="shown" id="shown" aria-live="polite"></span>
</form>
<noscript><p class="noscript-note">Filtering needs JavaScript; every claim is listed below.</p></noscript>
<section class="doc" id="doc-1" data-document="doc-a.txt">
<h2>doc-a.txt <span class="muted small">(1 claim)</span></h2>
${cardHtml}
</section>
<footer>Generated from reports/verification.json (schemaVersion 1) at 2026-01-02T00:00:00.000Z. Re-render without rerunning: <code>npx tsx scripts/report.ts</code>.</footer>`;
    expect(await page(r)).toBe(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; script-src 'unsafe-inline'">
<title>muon-verify report — 1 pass, 0 fail, 0 error</title>
<style>${katexCss(false)}</style>
<style>${PAGE_CSS}</style>
</head>
<body>
<div class="page">
${body}
</div>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`);
  });

  test('KaTeX fonts are inlined by default and left out on request', async () => {
    const r = report([claim('a')]);
    const withFonts = await renderHtml(r);
    expect(withFonts).toContain(`<style>${katexCss(true)}</style>`);
    expect(withFonts).toContain('data:font/woff2;base64,');
    expect(await renderHtml(r, { katexFonts: true })).toBe(withFonts);
    const without = await renderHtml(r, { katexFonts: false });
    expect(without).toContain(`<style>${katexCss(false)}</style>`);
    expect(without).not.toContain('data:font/woff2');
  });

  test('the title counts pass, fail and error as the claims show them', async () => {
    const html = await page(report([claim('a'), recordedFail('b'), claim('c', { verdict: 'error', error: 'x' })]));
    expect(html).toContain('<title>muon-verify report — 1 pass, 1 fail, 1 error</title>');
  });

  test('one section per document, numbered from 1, with the claim count and its cards one per line', async () => {
    const html = await page(
      report([
        claim('a'),
        claim('b', { source: { document: 'doc-b.txt', locator: 'M' } }),
        claim('c'),
        claim('d', { source: { document: '', locator: '' } }),
      ]),
    );
    const heads = [...html.matchAll(/<section class="doc"[^>]*>\n<h2>.*<\/h2>/g)].map((m) => m[0]);
    expect(heads).toEqual([
      '<section class="doc" id="doc-1" data-document="doc-a.txt">\n<h2>doc-a.txt <span class="muted small">(2 claims)</span></h2>',
      '<section class="doc" id="doc-2" data-document="doc-b.txt">\n<h2>doc-b.txt <span class="muted small">(1 claim)</span></h2>',
      '<section class="doc" id="doc-3" data-document="(no source document)">\n<h2>(no source document) <span class="muted small">(1 claim)</span></h2>',
    ]);
    const docA = cut(html, '<section class="doc" id="doc-1"', '</section>');
    expect(docA).toContain(`</article>\n<article id="c"`);
    expect(docA.endsWith('</article>\n</section>')).toBe(true);
    expect(html).toContain('</section>\n<section class="doc" id="doc-2"');
    expect(html).toContain('</section>\n<footer>');
  });
});

describe('header', () => {
  test('counts of every kind, failure kinds, environment, missing run id and start, mismatching summary, run errors', async () => {
    const claims = [
      claim('p'),
      recordedFail('f1', { failure: { kind: 'substance', summary: 'wrong sign' } }),
      recordedFail('f2'),
      claim('e', { verdict: 'error', error: 'boom' }),
      claim('u', { verdict: 'unchecked' }),
      claim('c', { carriedFrom: carriedFrom() }),
    ];
    const r = report(claims, {
      runId: undefined,
      startedAt: undefined,
      environment: { node: 'v20', gpu: { name: 'H200' }, cpus: 16, heavy: true, list: [1, 2], nothing: null },
      summary: { total: 6, pass: 5, fail: 2, error: 0, unchecked: 1, unexpected: 1 },
      runErrors: ['coverage index missing', 'time <limit>'],
    });
    expect(headerOf(await page(r))).toBe(`<header>
<h1>muon-verify — verification report</h1>
<div class="counts" aria-label="counts by verdict">
${cnt('total some', 6, 'claims')}${cnt('pass some', 2, 'hold')}${cnt('fail some', 2, 'fail as written')}${cnt('error some', 1, 'error')}${cnt('unchecked some', 1, 'unchecked')}${cnt('unexpected some', 1, 'unexpected')}${cnt('carried some', 1, 'carried from earlier runs')}
</div>
<p class="fail-kinds">how the 2 fail: 1 wrong, 1 without a failure kind</p>
<div class="run-meta">
<span>seed <b>42</b></span><span>gpu backend <b>unknown</b></span><span>node <b>v20</b></span><span>gpu <b>{&quot;name&quot;:&quot;H200&quot;}</b></span><span>cpus <b>16</b></span><span>heavy <b>true</b></span><span>list <b>[1,2]</b></span><span>nothing <b>null</b></span>
<span>run <b><code>(no run id)</code></b></span>
<span>generated <b>2026-01-02T00:00:00.000Z</b></span>
</div>
<p class="small muted">The report's own summary says pass 5, error 0; the counts above are taken from the claims listed below.</p><div class="box alarm"><h2>Run errors</h2><ul><li>coverage index missing</li><li>time &lt;limit&gt;</li></ul></div>
</header>`);
  });

  test('a report without summary, environment or run errors still renders, with an empty list of run errors too', async () => {
    const bare = report([claim('a'), recordedFail('b')], { environment: undefined, summary: undefined });
    const header = headerOf(await page(bare));
    expect(header).toContain(
      '<span>seed <b>42</b></span><span>gpu backend <b>unknown</b></span>\n<span>run <b><code>run-1</code></b></span>',
    );
    expect(header).toContain('<p class="fail-kinds">how the 1 fail: 1 without a failure kind</p>');
    expect(header).not.toContain('own summary');
    const noErrors = headerOf(await page(report([claim('a')], { runErrors: [] })));
    expect(noErrors).not.toContain('Run errors');
    expect(noErrors.endsWith('</div>\n\n</header>')).toBe(true);
  });

  test('a summary that agrees, or names only some counts, adds no line; failure kinds from the summary', async () => {
    const claims = [recordedFail('b', { failure: { kind: 'wording', summary: 's' } })];
    const r = report(claims, {
      summary: {
        total: 1,
        pass: 0,
        fail: 1,
        error: 0,
        unchecked: 0,
        unexpected: 0,
        failKinds: { substance: 0, hypothesis: 2, notation: 0, wording: 1, none: 0 },
      },
    });
    const header = headerOf(await page(r));
    expect(header).not.toContain('own summary');
    expect(header).toContain('<p class="fail-kinds">how the 1 fail: 2 missing a hypothesis, 1 wording</p>');
    expect(header).toContain(cnt('fail some', 1, 'fail as written') + cnt('error', 0, 'error'));
    expect(header).not.toContain('count carried');
    const partial = report([claim('a')], { summary: { total: 1 } as Report['summary'] });
    expect(headerOf(await page(partial))).not.toContain('own summary');
    const one = report([claim('a')], { summary: { ...countsOf({ claims: [claim('a')] }), total: 3 } });
    expect(headerOf(await page(one))).toContain(
      '<p class="small muted">The report&#39;s own summary says total 3; the counts above are taken from the claims listed below.</p>'.replace(
        '&#39;',
        "'",
      ),
    );
  });
});

describe('needs attention', () => {
  test('nothing unexpected: the all-clear line', async () => {
    const html = await page(report([claim('a'), claim('b', { carriedFrom: carriedFrom() })]));
    expect(html).toContain(
      '<div class="box"><h2>Needs attention</h2><p><span class="ok">✓</span> Every verdict judged in this run is as recorded in its claim file; no claim judged in this run errored.</p></div>',
    );
  });

  test('one carried entry not as recorded: named, in the singular', async () => {
    const html = await page(
      report([
        claim('a'),
        claim('fine', { carriedFrom: carriedFrom() }),
        claim('old', { verdict: 'fail', carriedFrom: carriedFrom() }),
      ]),
    );
    expect(html).toContain(
      '<div class="box"><h2>Needs attention</h2><p><span class="ok">✓</span> Every verdict judged in this run is as recorded in its claim file; no claim judged in this run errored. <span class="muted small">(Among the entries carried from earlier runs, 1 is not as recorded: <a href="#old">old</a>; rerun it to judge again.)</span></p></div>',
    );
  });

  test('two carried entries not as recorded: in the plural', async () => {
    const html = await page(
      report([
        claim('old1', { verdict: 'fail', carriedFrom: carriedFrom() }),
        claim('fine', { carriedFrom: carriedFrom() }),
        claim('old2', { verdict: 'error', error: 'x', carriedFrom: carriedFrom() }),
      ]),
    );
    expect(html).toContain(
      ' <span class="muted small">(Among the entries carried from earlier runs, 2 are not as recorded: <a href="#old1">old1</a>, <a href="#old2">old2</a>; rerun them to judge again.)</span></p></div>',
    );
  });

  test('unexpected results: errors first, each with its badge, link, title, reason and error line', async () => {
    const html = await page(
      report([
        claim('a'),
        claim('u1', { expected: 'fail' }),
        claim('e', { verdict: 'error', error: 'boom\n   twice', title: 'Err <b>' }),
      ]),
    );
    expect(cut(html, '<div class="box alarm" id="attention">', '</ul></div>')).toBe(
      `<div class="box alarm" id="attention"><h2>Needs attention: 2 unexpected results</h2><ul>
<li><span class="badge error">error</span> <a href="#e"><code>e</code></a> Err &lt;b&gt; — verdict is error<div class="small errline">boom twice</div></li>
<li><span class="badge pass">pass</span> <a href="#u1"><code>u1</code></a> T u1 — verdict pass differs from expected fail</li>
</ul></div>`,
    );
  });

  test('one unexpected result, without a title: in the singular', async () => {
    const html = await page(report([claim('u1', { expected: 'fail', title: undefined })]));
    expect(cut(html, '<div class="box alarm" id="attention">', '</ul></div>')).toBe(
      `<div class="box alarm" id="attention"><h2>Needs attention: 1 unexpected result</h2><ul>
<li><span class="badge pass">pass</span> <a href="#u1"><code>u1</code></a>  — verdict pass differs from expected fail</li>
</ul></div>`,
    );
  });
});

describe('failing claims', () => {
  test('each fail with its expectation, carried mark, kind, title and summary; passes left out', async () => {
    const html = await page(
      report([
        claim('p'),
        recordedFail('fa', { failure: { kind: 'substance', summary: 'wrong sign' } }),
        claim('fb', { verdict: 'fail' }),
        claim('fc', { verdict: 'fail', carriedFrom: carriedFrom() }),
        recordedFail('fd', { carriedFrom: carriedFrom(), title: undefined }),
        claim('e', { verdict: 'error', error: 'x' }),
      ]),
    );
    expect(cut(html, '<div class="box" id="fails">', '</ul></div>')).toBe(
      `<div class="box" id="fails"><h2>Failing claims (4)</h2><ul>
<li><span class="badge fail">fail</span> <a href="#fa"><code>fa</code></a> <span class="muted small">(expected)</span> <span class="badge kind">substance</span> T fa<div class="small muted">wrong sign</div></li>
<li><span class="badge fail">fail</span> <a href="#fb"><code>fb</code></a> <span class="badge unexpected">unexpected</span> T fb<div class="small muted">refuted by “a check”</div></li>
<li><span class="badge fail">fail</span> <a href="#fc"><code>fc</code></a>  <span class="badge carried">carried</span> T fc<div class="small muted">refuted by “a check”</div></li>
<li><span class="badge fail">fail</span> <a href="#fd"><code>fd</code></a> <span class="muted small">(expected)</span> <span class="badge carried">carried</span> <div class="small muted">refuted by “k”</div></li>
</ul></div>`,
    );
  });

  test('no fail: no box', async () => {
    const html = await page(report([claim('a'), claim('e', { verdict: 'error', error: 'x' })]));
    expect(html).not.toContain('id="fails"');
    expect(html).not.toContain('Failing claims');
  });
});

describe('contents', () => {
  test('one line per document; chips by verdict, unexpected (judged here) and carried, with titles', async () => {
    const html = await page(
      report([
        claim('a'),
        claim('fb', { verdict: 'fail', title: 'Say "hi"' }),
        claim('fc', { verdict: 'fail', carriedFrom: carriedFrom() }),
        claim('ok', { carriedFrom: carriedFrom(), title: undefined }),
        claim('e', { verdict: 'error', error: 'x', source: { document: 'doc-b.txt', locator: '' } }),
      ]),
    );
    expect(tocOf(html)).toBe(`<nav class="box toc" aria-label="contents"><h2>Claims by source document</h2>
<div class="doc-line"><a href="#doc-1">doc-a.txt</a>: <span class="chips"><a class="chip pass" href="#a" title="pass: T a">a</a><a class="chip fail unexpected" href="#fb" title="fail: Say &quot;hi&quot;">fb</a><a class="chip fail carried" href="#fc" title="fail: T fc">fc</a><a class="chip pass carried" href="#ok" title="pass: ">ok</a></span></div>
<div class="doc-line"><a href="#doc-2">doc-b.txt</a>: <span class="chips"><a class="chip error unexpected" href="#e" title="error: T e">e</a></span></div>
</nav>`);
  });

  test('an id that is not a plain anchor links to its derived anchor', async () => {
    const id = 'Odd id/1';
    const html = await page(report([claim(id)]));
    const anchor = anchorId(id);
    expect(anchor).not.toBe(id);
    expect(tocOf(html)).toContain(
      `<a class="chip pass" href="#${encodeURIComponent(anchor)}" title="pass: T ${id}">${id}</a>`,
    );
    expect(card(html, id)).toContain(`<a class="id" href="#${encodeURIComponent(anchor)}">${id}</a>`);
  });
});

describe('filters', () => {
  test('verdict counts, unexpected and carried counts, failure kinds sorted once each, documents', async () => {
    const html = await page(
      report([
        recordedFail('w1', { failure: { kind: 'wording', summary: 's' } }),
        recordedFail('s1', { failure: { kind: 'substance', summary: 's' } }),
        recordedFail('w2', { failure: { kind: 'wording', summary: 's' } }),
        claim('a'),
        claim('e', { verdict: 'error', error: 'x', source: { document: 'doc-b.txt', locator: '' } }),
        claim('u', { verdict: 'unchecked' }),
        claim('c', { carriedFrom: carriedFrom() }),
      ]),
    );
    expect(filtersOf(html)).toBe(`<form class="filters" id="filters" hidden aria-label="filter claims">
<label>verdict <select name="verdict"><option value="">all</option><option value="pass">pass (2)</option><option value="fail">fail (3)</option><option value="error">error (1)</option><option value="unchecked">unchecked (1)</option><option value="unexpected">unexpected (1)</option><option value="carried">carried from earlier runs (1)</option></select></label>
<label>failure kind <select name="kind"><option value="">all</option><option value="substance">substance</option><option value="wording">wording</option><option value="none">none recorded</option></select></label>
<label>document <select name="document"><option value="">all</option><option value="doc-a.txt">doc-a.txt</option><option value="doc-b.txt">doc-b.txt</option></select></label>
<label>text <input type="search" name="q" placeholder="id, title, check…" size="16"></label>
<button type="reset" class="copy">clear</button>
<span class="shown" id="shown" aria-live="polite"></span>
</form>
<noscript><p class="noscript-note">Filtering needs JavaScript; every claim is listed below.</p></noscript>`);
  });
});

describe('cards', () => {
  test('a full card: search text, meta with one file and the time, statement, reading, checks, steps, replay, links', async () => {
    const rich = claim('rich', {
      title: 'Rich Title',
      source: { document: 'Doc B.txt', locator: 'Thm 2' },
      files: { claim: 'claims/rich.md', property: null },
      ms: 1234,
      statement: 'S one.\n\nS two.',
      reading: 'R.',
      checks: [check({ name: 'Alpha' }), check({ name: 'Beta' })],
      dependsOn: ['a', 'ghost'],
    });
    const html = await page(
      report([claim('a'), rich, claim('user', { dependsOn: ['rich'] }), claim('user2', { dependsOn: ['rich', 'a'] })]),
    );
    expect(card(html, 'rich'))
      .toBe(`<article id="rich" class="card pass" data-verdict="pass" data-kind="none" data-document="Doc B.txt" data-unexpected="false" data-carried="false" data-search="rich rich title doc b.txt thm 2 alpha beta">
<div class="card-head"><span class="badge pass">pass</span><a class="id" href="#rich">rich</a><span class="title">Rich Title</span><span class="muted small">expected pass</span></div>
<div class="card-meta">Doc B.txt · Thm 2 · <code>claims/rich.md</code> · 1.2&nbsp;s</div>
<div class="label">Statement</div><div class="statement"><p>S one.</p>
<p>S two.</p></div>
<details class="reading"><summary><span class="label">Reading</span> — how the statement is made checkable</summary><p>R.</p></details>
<div class="label">Checks of the statement as written</div>${table(TABLE_HEAD_HEADLINE, [plainRow('Alpha', DASH), plainRow('Beta', DASH)])}
${rerun('rich')}
<div class="links"><div>Depends on: <a href="#a">a</a>, <code title="not in this report">ghost</code></div><div>Used by: <a href="#user">user</a>, <a href="#user2">user2</a></div></div>
</article>`);
    expect(card(html, 'a')).toContain(
      `${rerun('a')}\n<div class="links"><div>Used by: <a href="#rich">rich</a>, <a href="#user2">user2</a></div></div>\n</article>`,
    );
    expect(card(html, 'user')).toContain(
      `${rerun('user')}\n<div class="links"><div>Depends on: <a href="#rich">rich</a></div></div>\n</article>`,
    );
  });

  test('no source, files or title; dependsOn missing: a bare card', async () => {
    const bare = claim('bare', {
      source: undefined,
      files: undefined,
      title: undefined,
      dependsOn: undefined,
      checks: undefined,
      steps: undefined,
      ms: 0.04e3,
    });
    const html = await page(report([bare]));
    expect(card(html, 'bare'))
      .toBe(`<article id="bare" class="card pass" data-verdict="pass" data-kind="none" data-document="(no source document)" data-unexpected="false" data-carried="false" data-search="bare (no source document)">
<div class="card-head"><span class="badge pass">pass</span><a class="id" href="#bare">bare</a><span class="title"></span><span class="muted small">expected pass</span></div>
<div class="card-meta">(no source document) · 0.0&nbsp;s</div>
${rerun('bare')}
</article>`);
  });

  test('the files line: the claim file alone, the property file alone, neither', async () => {
    const html = await page(
      report([
        claim('p1', { files: { claim: null, property: 'properties/p1.property.ts' } }),
        claim('p2', { files: { claim: null, property: null } }),
        claim('p3', {
          files: { claim: 'claims/p3.md', property: undefined } as unknown as ClaimResult['files'],
          ms: 25,
        }),
      ]),
    );
    expect(card(html, 'p1')).toContain(
      '<div class="card-meta">doc-a.txt · L · <code>properties/p1.property.ts</code></div>',
    );
    expect(card(html, 'p2')).toContain('<div class="card-meta">doc-a.txt · L</div>');
    expect(card(html, 'p3')).toContain(
      '<div class="card-meta">doc-a.txt · L · <code>claims/p3.md</code> · 0.0&nbsp;s</div>',
    );
  });

  test('a claim with a source document but no locator', async () => {
    const html = await page(report([claim('n', { source: { document: 'doc-a.txt', locator: '' }, ms: 2500 })]));
    expect(card(html, 'n')).toContain(`<div class="card-meta">doc-a.txt · ${filesMeta('n')} · 2.5&nbsp;s</div>`);
    expect(card(html, 'n')).toContain('data-search="n t n doc-a.txt"');
  });

  test('an error not as recorded: the unexpected badge and reason, with the error under it', async () => {
    const html = await page(report([claim('e', { verdict: 'error', error: 'boom <x>' })]));
    expect(card(html, 'e'))
      .toBe(`<article id="e" class="card error unexpected" data-verdict="error" data-kind="none" data-document="doc-a.txt" data-unexpected="true" data-carried="false" data-search="e t e doc-a.txt l">
<div class="card-head"><span class="badge error">error</span><a class="id" href="#e">e</a><span class="title">T e</span><span class="muted small">expected pass</span><span class="badge unexpected">unexpected</span></div>
<div class="card-meta">doc-a.txt · L · ${filesMeta('e')}</div>
<div class="why"><strong>Unexpected:</strong> verdict is error<div class="small">boom &lt;x&gt;</div></div>
${rerun('e')}
</article>`);
  });

  test('unexpected without an error; an error as recorded; no expectation recorded; an unknown verdict', async () => {
    const html = await page(
      report([
        claim('f', { verdict: 'fail' }),
        claim('ok', { error: 'a note <n>' }),
        claim('n', { expected: null }),
        claim('w', { verdict: 'weird' as ClaimResult['verdict'], expected: 'pass' }),
      ]),
    );
    expect(card(html, 'f')).toContain(
      '<div class="why"><strong>Unexpected:</strong> verdict fail differs from expected pass</div>\n',
    );
    expect(card(html, 'ok')).toContain(`<div class="card-meta">doc-a.txt · L · ${filesMeta('ok')}</div>
<div class="why"><strong>Error:</strong> a note &lt;n&gt;</div>
${rerun('ok')}`);
    expect(card(html, 'ok')).toContain('data-unexpected="false"');
    expect(card(html, 'n')).toContain(
      '<div class="card-head"><span class="badge pass">pass</span><a class="id" href="#n">n</a><span class="title">T n</span><span class="badge unexpected">unexpected</span></div>',
    );
    expect(card(html, 'n')).toContain(
      '<div class="why"><strong>Unexpected:</strong> verdict pass without a recorded expectation (expected is null)</div>',
    );
    expect(card(html, 'w')).toContain('class="card error unexpected" data-verdict="error"');
    expect(card(html, 'w')).toContain('<span class="badge error">error</span>');
  });

  test('a carried entry: not unexpected here, the run it came from, and what it said there', async () => {
    const html = await page(
      report([
        claim('cf', { verdict: 'fail', carriedFrom: carriedFrom(null) }),
        claim('cp', { carriedFrom: carriedFrom('r0') }),
      ]),
    );
    expect(card(html, 'cf'))
      .toBe(`<article id="cf" class="card fail" data-verdict="fail" data-kind="none" data-document="doc-a.txt" data-unexpected="false" data-carried="true" data-search="cf t cf doc-a.txt l">
<div class="card-head"><span class="badge fail">fail</span><a class="id" href="#cf">cf</a><span class="title">T cf</span><span class="muted small">expected pass</span><span class="badge carried">carried</span></div>
<div class="card-meta">doc-a.txt · L · ${filesMeta('cf')}</div>
<div class="carried-note">Not judged in this run: carried from run <code>unknown</code> (seed 9, 2025-12-31T00:00:00.000Z). There: verdict fail differs from expected pass.</div>
<div class="replay"><div class="label">Reproduce</div><div class="cmd-label">rerun the claim with the seed of the run that judged it</div><div class="cmd-row"><code class="cmd">npm test -- --claim cf --seed 9</code></div></div>
</article>`);
    expect(card(html, 'cp')).toContain(
      '<div class="carried-note">Not judged in this run: carried from run <code>r0</code> (seed 9, 2025-12-31T00:00:00.000Z).</div>',
    );
  });

  test('a failure kind with its hypothesis, symbol, words, backing and the checks that back it', async () => {
    const failure = {
      kind: 'hypothesis',
      summary: 'needs $n > 1$',
      hypothesis: 'n > 1',
      symbol: '\\sigma',
      words: 'for <all>',
      backing: 'checks agree',
      checks: [check({ name: 'inside' }), check({ name: 'outside' })],
    };
    const html = await page(report([recordedFail('h', { failure, counterexample: undefined })]));
    const h = card(html, 'h');
    expect(h).toContain(
      '<div class="card-head"><span class="badge fail">fail</span><a class="id" href="#h">h</a><span class="title">T h</span><span class="muted small">expected fail</span><span class="badge unexpected">unexpected</span><span class="badge kind">hypothesis</span></div>',
    );
    expect(h).toContain('data-kind="hypothesis"');
    expect(h).toContain('data-search="h t h doc-a.txt l hypothesis needs $n &gt; 1$"');
    expect(h).toContain(
      `<div class="why"><strong>Unexpected:</strong> fail without evidence</div>
<div class="failure"><span class="badge kind">hypothesis</span> ${renderInline('needs $n > 1$')}<div class="small">missing hypothesis: ${renderInline('$n > 1$')}</div><div class="small">mis-typed: \\sigma</div><div class="small">words at fault: for &lt;all&gt;</div><div class="small">backed by: checks agree</div></div>
<details><summary><span class="label">Checks backing the failure kind</span> (2)</summary>${table(TABLE_HEAD_PLAIN, [plainRow('inside'), plainRow('outside')])}</details>
<div class="label">Corrected statement`,
    );
    expect(h).not.toContain('<div class="label">Counterexample</div>');
  });

  test('a failure with only a kind and a summary; an empty or non-text backing; no checks; a malformed failure', async () => {
    const html = await page(
      report([
        recordedFail('k1', { failure: { kind: 'substance', summary: 'wrong' } }),
        recordedFail('k2', { failure: { kind: 'wording', summary: 'w', backing: '', checks: [], hypothesis: 3 } }),
        recordedFail('k3', { failure: { kind: '  ', summary: 'x' } }),
        recordedFail('k4', { failure: 'substance' }),
        recordedFail('k5', { failure: { kind: 'notation', summary: 'n', backing: 7, symbol: 8, words: 9 } }),
      ]),
    );
    expect(card(html, 'k1')).toContain(
      `<div class="card-meta">doc-a.txt · L · ${filesMeta('k1')}</div>\n<div class="failure"><span class="badge kind">substance</span> wrong</div>\n<div class="label">Counterexample</div>`,
    );
    expect(card(html, 'k2')).toContain(
      `<div class="failure"><span class="badge kind">wording</span> w</div>\n<div class="label">Counterexample</div>`,
    );
    expect(card(html, 'k5')).toContain(
      `<div class="failure"><span class="badge kind">notation</span> n</div>\n<div class="label">Counterexample</div>`,
    );
    for (const id of ['k3', 'k4']) {
      expect(card(html, id)).toContain('data-kind="none"');
      expect(card(html, id)).not.toContain('class="failure"');
    }
  });

  test('counterexample and a corrected statement that holds, with its checks closed', async () => {
    const ce = { check: 'k', input: [1, 2] };
    const html = await page(
      report([
        recordedFail('cf', {
          counterexample: ce,
          corrected: { statement: 'fixed $y$', verdict: 'pass', checks: [check({ name: 'C1' })] },
        }),
      ]),
    );
    expect(card(html, 'cf')).toContain(
      `<div class="card-meta">doc-a.txt · L · ${filesMeta('cf')}</div>
<div class="label">Counterexample</div>${counterexampleHtml(ce)}
<div class="label">Corrected statement <span class="badge pass">pass</span></div><div class="corrected">${renderRich('fixed $y$')}</div>
<details><summary><span class="label">Checks of the corrected statement</span> (1)</summary>${table(TABLE_HEAD_PLAIN, [plainRow('C1')])}</details>
${rerun('cf')}
</article>`,
    );
  });

  test('a corrected statement that does not hold: marked, its checks open; an unknown corrected verdict; none', async () => {
    const html = await page(
      report([
        claim('cn', {
          verdict: 'fail',
          expected: 'fail',
          counterexample: 0,
          corrected: { statement: 'still $z$', verdict: 'fail', checks: [check({ name: 'C2' })] },
        }),
        claim('cw', { corrected: { verdict: 'weird', checks: [] } }),
        claim('none', { counterexample: null, corrected: null }),
      ]),
    );
    expect(card(html, 'cn')).toContain(
      `<div class="label">Counterexample</div>${counterexampleHtml(0)}
<div class="label">Corrected statement <span class="badge fail">fail</span></div><div class="corrected notpass">${renderRich('still $z$')}</div>
<details open><summary><span class="label">Checks of the corrected statement</span> (1)</summary>${table(TABLE_HEAD_PLAIN, [plainRow('C2')])}</details>`,
    );
    expect(card(html, 'cw')).toContain(
      `<div class="label">Corrected statement <span class="badge error">error</span></div><div class="corrected notpass"></div>\n${rerun('cw')}`,
    );
    expect(card(html, 'none')).not.toContain('Counterexample');
    expect(card(html, 'none')).not.toContain('Corrected');
  });

  test('a counterexample left out (undefined) shows no counterexample', async () => {
    const c = claim('u');
    delete (c as { counterexample?: unknown }).counterexample;
    const html = await page(report([c]));
    expect(card(html, 'u')).not.toContain('Counterexample');
  });

  test('an unchecked claim: a compact card with the reading, the statement and the rerun command', async () => {
    const html = await page(
      report([
        claim('u', { verdict: 'unchecked', statement: 'St $x$', replay: { seed: 1, path: '0', check: 'k' } }),
        claim('v', { verdict: 'unchecked', reading: 'Line one\n   line two', dependsOn: ['u'] }),
      ]),
    );
    expect(card(html, 'u'))
      .toBe(`<article id="u" class="card unchecked" data-verdict="unchecked" data-kind="none" data-document="doc-a.txt" data-unexpected="false" data-carried="false" data-search="u t u doc-a.txt l">
<div class="card-head"><span class="badge unchecked">unchecked</span><a class="id" href="#u">u</a><span class="title">T u</span><span class="muted small">expected pass</span></div>
<div class="card-meta">Not run. · doc-a.txt · L · ${filesMeta('u')}</div>
<div class="statement">${renderRich('St $x$')}</div>
<div class="replay compact"><div class="cmd-row"><code class="cmd">npm test -- --claim u --seed 42</code></div></div>
<div class="links"><div>Used by: <a href="#v">v</a></div></div>
</article>`);
    expect(card(html, 'v'))
      .toBe(`<article id="v" class="card unchecked" data-verdict="unchecked" data-kind="none" data-document="doc-a.txt" data-unexpected="false" data-carried="false" data-search="v t v doc-a.txt l">
<div class="card-head"><span class="badge unchecked">unchecked</span><a class="id" href="#v">v</a><span class="title">T v</span><span class="muted small">expected pass</span></div>
<div class="card-meta">Line one line two · doc-a.txt · L · ${filesMeta('v')}</div>
<div class="replay compact"><div class="cmd-row"><code class="cmd">npm test -- --claim v --seed 42</code></div></div>
<div class="links"><div>Depends on: <a href="#u">u</a></div></div>
</article>`);
  });

  test('an unchecked carried entry keeps its carried note between the head and the meta', async () => {
    const html = await page(report([claim('u', { verdict: 'unchecked', carriedFrom: carriedFrom('r0') })]));
    expect(card(html, 'u')).toContain(
      '<span class="badge carried">carried</span></div>\n<div class="carried-note">Not judged in this run: carried from run <code>r0</code> (seed 9, 2025-12-31T00:00:00.000Z).</div>\n<div class="card-meta">Not run. · ',
    );
  });

  test('derivation steps: the first broken one marked, evidence open, how each was decided', async () => {
    const steps = [
      { index: 1, statement: 'a = b', verdict: 'pass', method: 'symbolic', detail: 'by <algebra>' },
      { index: 2, statement: 'text $x$', verdict: 'fail', method: 'numeric', detail: '', counterexample: { x: 1 } },
      { index: 3, statement: 'c', verdict: 'error', method: 'numeric', detail: '', counterexample: [1] },
      { index: 4, statement: undefined, verdict: 'pass', method: 'cited', detail: '', counterexample: null },
    ];
    const html = await page(report([recordedFail('s', { steps, firstBrokenStep: 2 })]));
    const ol = `<ol class="steps"><li value="1"><div class="step-body"><span class="badge pass">pass</span> <span class="badge method">symbolic</span> ${renderStep('a = b')}</div><details><summary>how it was decided</summary><div class="detail">by &lt;algebra&gt;</div></details></li>
<li value="2" class="first-broken"><div class="step-body"><span class="badge fail">fail</span> <span class="badge method">numeric</span> ${renderStep('text $x$')}</div><details open><summary>where it breaks</summary>${counterexampleHtml({ x: 1 })}</details></li>
<li value="3"><div class="step-body"><span class="badge error">error</span> <span class="badge method">numeric</span> ${renderStep('c')}</div><details open><summary>where it could not be judged</summary>${counterexampleHtml([1])}</details></li>
<li value="4"><div class="step-body"><span class="badge pass">pass</span> <span class="badge method">cited</span> ${renderStep('')}</div></li></ol>`;
    expect(card(html, 's')).toContain(
      `\n<div class="label">Derivation steps — first broken: step 2</div>${ol}\n${rerun('s')}`,
    );
    const hold = await page(report([claim('t', { steps: [steps[0]] })]));
    expect(card(hold, 't')).toContain(
      `\n<div class="label">Derivation steps — all hold</div><ol class="steps"><li value="1">`,
    );
  });

  test('the replay of a counterexample comes before the rerun', async () => {
    const html = await page(report([recordedFail('r', { replay: { seed: 7, path: '1:2', check: 'k' } })]));
    expect(card(html, 'r')).toContain(
      `<div class="replay"><div class="label">Reproduce</div><div class="cmd-label">replay the counterexample (fast-check seed and path, no search)</div><div class="cmd-row"><code class="cmd">npm run replay -- r --check k --seed 7 --path 1:2</code></div><div class="cmd-label">rerun the claim with this run&#39;s seed</div><div class="cmd-row"><code class="cmd">npm test -- --claim r --seed 42</code></div></div>\n</article>`,
    );
  });
});

describe('checks table', () => {
  const rowsOfClaim = async (checks: CheckOutcome[]) => {
    const html = await page(report([claim('k', { checks })]));
    return rowsOf(card(html, 'k'));
  };

  test('error, statistic, failure with ∞, key, skips, closest case, one case', async () => {
    const closest = { input: [3], measured: { value: 0.5, bound: 1, relation: '<=', detail: null } };
    const rows = await rowsOfClaim([
      check({ name: 'E', error: 'threw <x>', passed: false, closest, maxError: 'NaN' }),
      check({
        name: 'S',
        toleranceReason: 'tr',
        statistic: { estimate: 0.5, ci: [0.4, 0.6], confidence: 0.999, rule: 'median ≤ 1' },
      }),
      check({ name: 'S2', toleranceReason: '', statistic: { estimate: 2, ci: [1, 3], rule: 'r' } }),
      check({ name: 'S3', statistic: { estimate: 2, ci: [1, 3], confidence: 0.95, rule: '' } }),
      check({ name: 'F', passed: false, infinite: 'no inverse', maxError: 'Infinity', tolerance: 1e-15 }),
      check({ name: 'K', key: 'k-key', toleranceReason: '' }),
      check({ name: 'N', key: 'N' }),
      check({ name: 'Z', skipped: 1, skipReasons: ['not square'] }),
      check({ name: 'Y', skipped: 3, skipReasons: ['a', 'b'], cases: 1 }),
      check({ name: 'X', skipped: 2, skipReasons: [] }),
      check({ name: 'W', skipped: 2 }),
      check({ name: 'V', skipped: 0, skipReasons: ['never'] }),
      check({ name: 'U', skipped: '2' }),
      check({ name: 'C', closest }),
      check({ name: 'C2', closest: null }),
      check({ name: 'C3', closest: 'far' }),
    ]);
    expect(rows.split('\n')).toEqual([
      `<tr class="errored"><td>${ERR}</td><td>E<span class="reason">reason</span><span class="errtext">threw &lt;x&gt;</span></td><td class="run">${RUN}</td><td class="n"><span class="err">error</span></td><td class="power">${DASH}</td></tr>`,
      `<tr class="passed"><td>${OK}</td><td>S<span class="reason">tr; rule: median ≤ 1</span></td><td class="run">${RUN}</td><td class="n">est. 0.5<br><span class="muted">99.9% CI [0.4, 0.6]</span></td><td class="power">${DASH}</td></tr>`,
      `<tr class="passed"><td>${OK}</td><td>S2<span class="reason">rule: r</span></td><td class="run">${RUN}</td><td class="n">est. 2<br><span class="muted">CI [1, 3]</span></td><td class="power">${DASH}</td></tr>`,
      `<tr class="passed"><td>${OK}</td><td>S3<span class="reason">reason</span></td><td class="run">${RUN}</td><td class="n">est. 2<br><span class="muted">95% CI [1, 3]</span></td><td class="power">${DASH}</td></tr>`,
      `<tr class="failed"><td>${BAD}</td><td>F<span class="reason">reason</span><span class="reason">∞: no inverse</span></td><td class="run">${RUN}</td><td class="n">∞<br><span class="muted">tol. 1e-15</span></td><td class="power">${DASH}</td></tr>`,
      `<tr class="passed"><td>${OK}</td><td>K<span class="reason">key <code>k-key</code></span></td><td class="run">${RUN}</td><td class="n">${WORST}</td><td class="power">${DASH}</td></tr>`,
      plainRow('N', DASH),
      `<tr class="passed"><td>${OK}</td><td>Z<span class="reason">reason</span><span class="reason">1 case outside the hypotheses skipped: not square</span></td><td class="run">${RUN}</td><td class="n">${WORST}</td><td class="power">${DASH}</td></tr>`,
      `<tr class="passed"><td>${OK}</td><td>Y<span class="reason">reason</span><span class="reason">3 cases outside the hypotheses skipped: a; b</span></td><td class="run">ml-matrix-f64<span class="reason">2×2; 1 case</span></td><td class="n">${WORST}</td><td class="power">${DASH}</td></tr>`,
      `<tr class="passed"><td>${OK}</td><td>X<span class="reason">reason</span><span class="reason">2 cases outside the hypotheses skipped</span></td><td class="run">${RUN}</td><td class="n">${WORST}</td><td class="power">${DASH}</td></tr>`,
      `<tr class="passed"><td>${OK}</td><td>W<span class="reason">reason</span><span class="reason">2 cases outside the hypotheses skipped</span></td><td class="run">${RUN}</td><td class="n">${WORST}</td><td class="power">${DASH}</td></tr>`,
      plainRow('V', DASH),
      plainRow('U', DASH),
      `<tr class="passed"><td>${OK}</td><td>C<span class="reason">reason</span>${measuredCaseHtml('Closest', closest, 'the case that came closest to failing')}</td><td class="run">${RUN}</td><td class="n">${WORST}</td><td class="power">${DASH}</td></tr>`,
      plainRow('C2', DASH),
      plainRow('C3', DASH),
    ]);
  });

  test('a statistic without a confidence interval still renders its estimate', async () => {
    const rows = await rowsOfClaim([check({ name: 'S', statistic: { estimate: 0.25, rule: 'r' } })]);
    expect(rows).toContain('<td class="n">est. 0.25<br><span class="muted">CI [');
  });

  test('detail: JSON objects as "key value", numbers to 4 digits, other text on one line, cut when long', async () => {
    const long = 'word '.repeat(100);
    const rows = await rowsOfClaim([
      check({
        name: 'D1',
        detail: '{"a": 1.23456, "b": "Infinity", "c": "text", "d": {"x": 1}, "e": true, "f": [1, 2]}',
      }),
      check({ name: 'D2', detail: '   {"n": 5}' }),
      check({ name: 'D3', detail: '{not json' }),
      check({ name: 'D4', detail: 'plain   text\n here' }),
      check({ name: 'D5', detail: { k: 2, s: 'str' } }),
      check({ name: 'D6', detail: [1, 2] }),
      check({ name: 'D7', detail: 7 }),
      check({ name: 'D8', detail: long }),
      check({ name: 'D9', detail: JSON.stringify({ v: 'x'.repeat(500) }) }),
      check({ name: 'D10', detail: '' }),
      check({ name: 'D11', detail: ['{"a": 1}'] }),
    ]);
    const detail = (name: string) => {
      const r = rowWith(rows, `<td>${name}<`);
      const spans = [...r.matchAll(/<span class="reason">([^<]*)<\/span>/g)].map((m) => m[1]);
      return spans.slice(1, -1);
    };
    expect(detail('D1')).toEqual(['a 1.235 · b ∞ · c text · d {&quot;x&quot;:1} · e true · f [1,2]']);
    expect(detail('D2')).toEqual(['n 5']);
    expect(detail('D3')).toEqual(['{not json']);
    expect(detail('D4')).toEqual(['plain text here']);
    expect(detail('D5')).toEqual(['k 2 · s str']);
    expect(detail('D6')).toEqual(['1,2']);
    expect(detail('D7')).toEqual(['7']);
    expect(detail('D8')).toEqual([`${'word '.repeat(60).trim()}…`]);
    expect(detail('D9')).toEqual([`v ${'x'.repeat(397)}…`]);
    expect(detail('D10')).toEqual([]);
    expect(detail('D11')).toEqual(['{&quot;a&quot;: 1}']);
    expect(rowWith(rows, '<td>D1<')).toBe(
      `<tr class="passed"><td>${OK}</td><td>D1<span class="reason">reason</span><span class="reason">a 1.235 · b ∞ · c text · d {&quot;x&quot;:1} · e true · f [1,2]</span></td><td class="run">${RUN}</td><td class="n">${WORST}</td><td class="power">${DASH}</td></tr>`,
    );
  });

  test('the power / control cell', async () => {
    const rows = await rowsOfClaim([
      check({ name: 'P0' }),
      check({ name: 'P1', power: 'powerless', powerDetail: 'no controls <declared>' }),
      check({
        name: 'P2',
        power: 'control-refuted',
        control: { source: 'explicit', description: 'drop <T>', outcome: 'refuted', detail: '' },
        powerDetail: 'ignored',
      }),
      check({ name: 'P3', power: 'shown-by-failure' }),
      check({ name: 'P4', power: 'weird' }),
      check({ name: 'P5', control: { source: 'mutant', description: 'm', outcome: 'held', detail: '' } }),
      check({ name: 'P6', powerDetail: 'alone' }),
    ]);
    const power = (name: string) => cut(rowWith(rows, `<td>${name}<`), '<td class="power">', '</td></tr>');
    const cell = (s: string) => `<td class="power">${s}</td></tr>`;
    expect(power('P0')).toBe(cell(DASH));
    expect(power('P1')).toBe(
      cell(
        '<span class="warn">⚠ powerless: no control refuted</span><span class="reason">no controls &lt;declared&gt;</span>',
      ),
    );
    expect(power('P2')).toBe(
      cell(
        '<span class="ok">✓ control refuted</span><span class="reason">explicit control “drop &lt;T&gt;”: refuted</span>',
      ),
    );
    expect(power('P3')).toBe(cell('<span class="ok">✓ can fail: it failed</span>'));
    expect(power('P4')).toBe(cell('<span class="ok">✓ weird</span>'));
    expect(power('P5')).toBe(cell('<span class="reason">mutant control “m”: held</span>'));
    expect(power('P6')).toBe(cell(DASH));
  });

  test('sizes: the shapes the check ran at', async () => {
    const rows = await rowsOfClaim([
      check({
        name: 'Q',
        sizes: [
          [2, 3],
          [4, 5],
        ],
        cases: 0,
      }),
    ]);
    expect(rows).toContain('<td class="run">ml-matrix-f64<span class="reason">2×3, 4×5; 0 cases</span></td>');
  });
});

describe('sizesText', () => {
  test('no sizes: a dash', () => {
    expect(sizesText(undefined)).toBe('—');
    expect(sizesText([])).toBe('—');
    expect(sizesText('2x2')).toBe('—');
  });

  test('up to five distinct shapes in the order they ran; malformed entries left out', () => {
    expect(sizesText([[2, 2], [3], 'ab', [4, 4], [2, 2], [1e8, 1]])).toBe('2×2, 4×4, 1e+8×1');
    expect(
      sizesText([
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
        [5, 5],
      ]),
    ).toBe('1×1, 2×2, 3×3, 4×4, 5×5');
  });

  test('more than five: the count, the smallest and the largest by entries', () => {
    expect(
      sizesText([
        [10, 10],
        [2, 2],
        [3, 30],
        [4, 4],
        [5, 5],
        [6, 6],
      ]),
    ).toBe('6 shapes, 2×2 … 10×10');
    expect(
      sizesText([
        [10, 10],
        [2, 2],
        [3, 'Infinity'],
        [4, 4],
        [5, 5],
        [6, 6],
      ]),
    ).toBe('6 shapes, 3×∞ … 10×10');
    expect(
      sizesText([
        [10, 10],
        [2, 2],
        ['Infinity', 3],
        [4, 4],
        [5, 5],
        [6, 6],
      ]),
    ).toBe('6 shapes, ∞×3 … 10×10');
  });
});

describe('plots', () => {
  const line = (name: string, ys: number[]): Series => ({
    name,
    kind: 'lines',
    x: 'k',
    y: 'err',
    points: ys.map((y, x) => ({ x, y })),
  });

  test('each series of each check as a figure after its table; the corrected ones inside their details', async () => {
    const s1 = line('First', [1, 2, 3]);
    const s2 = {
      ...line('Second', [3, 1, 2]),
      points: [...line('', [3, 1, 2]).points, { x: Number.NaN, y: 1 }, { x: 5, y: 1, lo: 2, hi: 0 }],
    };
    const s3 = line('Third', [5, 4]);
    const bad = { name: 'Broken', kind: 'bogus', x: 'x', y: 'y', points: [] } as unknown as Series;
    const c = claim('pl', {
      verdict: 'fail',
      expected: 'fail',
      counterexample: { check: 'K1' },
      checks: [check({ name: 'K1', series: [s1, s2] }), check({ name: 'K2' }), check({ name: 'K3', series: [bad] })],
      corrected: {
        statement: 'c',
        verdict: 'fail',
        checks: [check({ name: 'K1', series: [s1, s2] }), check({ name: 'K4', series: [s3] })],
      },
    });
    const html = await page(report([c]));
    const [p1, p2, p3, pb] = await Promise.all([s1, s2, s3, bad].map((s) => renderSeries(s)));
    expect(p1.svg).toMatch(/^<svg/);
    expect(p2.notes).toEqual(['1 point without finite x and y left out', '1 malformed interval not drawn']);
    expect(pb.svg).toBeNull();
    const fig = (p: typeof p1, check: string) =>
      `<figure class="plot" data-check="${check}"><figcaption><strong>${p.title}</strong> <span class="muted">— ${check}</span></figcaption>${p.svg ?? `<p class="err small">Plot not drawn: ${(p.error ?? '').replace(/"/g, '&quot;')}</p>`}${p.notes.length ? `<div class="plot-notes">${p.notes.join('; ')}</div>` : ''}</figure>`;
    const headRows = [
      `<tr class="passed"><td>${OK}</td><td>K1<span class="reason">reason</span></td><td class="run">${RUN}</td><td class="n">${WORST}</td><td class="power">${DASH}</td></tr>`,
      plainRow('K2', DASH),
      plainRow('K3', DASH),
    ];
    expect(card(html, 'pl')).toContain(
      `<div class="label">Checks of the statement as written</div>${table(TABLE_HEAD_HEADLINE, headRows)}
${fig(p1, 'K1')}
${fig(p2, 'K1')}
${fig(pb, 'K3')}
<details open><summary><span class="label">Checks of the corrected statement</span> (2)</summary>${table(TABLE_HEAD_PLAIN, [plainRow('K1'), plainRow('K4')])}<p class="muted small">Plot of “K1”: the same as for the statement as written, above.</p>
${fig(p3, 'K4')}</details>
${rerun('pl')}`,
    );
    expect(pb.error).toContain('unknown series kind');
  });

  test('a corrected check with the same name but other data is plotted again', async () => {
    const s1 = line('First', [1, 2, 3]);
    const s1b = line('First', [1, 2, 4]);
    const c = recordedFail('pl', {
      checks: [check({ name: 'K1', series: [s1] })],
      corrected: { statement: 'c', verdict: 'pass', checks: [check({ name: 'K1', series: [s1b] })] },
    });
    const html = await page(report([c]));
    const details = cut(
      card(html, 'pl'),
      '<details><summary><span class="label">Checks of the corrected',
      '</details>',
    );
    expect(details).not.toContain('the same as for the statement as written');
    expect(details).toContain(`<figure class="plot" data-check="K1"><figcaption><strong>First</strong>`);
    expect(details).toContain((await renderSeries(s1b)).svg!);
  });
});
