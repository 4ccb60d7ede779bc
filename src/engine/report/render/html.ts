/**
 * reports/index.html: one self-contained page (no network: KaTeX's CSS and fonts inlined, plots as
 * inline SVG, one small inline script). It reads fully without scripts; the script only adds the
 * filters and copy buttons. Top: counts, what needs attention (unexpected verdicts and errors),
 * the failing claims, the run; then one card per claim, grouped by source document.
 */
import { failKindPhrase, type Report } from '../buildReport.js';
import type { CheckOutcome, ClaimResult, StepResult } from '../../verify/types.js';
import { PAGE_CSS, PAGE_SCRIPT } from './assets.js';
import { escapeHtml } from './escape.js';
import { katexCss, renderInline, renderRich, renderStep } from './math.js';
import {
  anchorId,
  attention,
  byDocument,
  carriedOf,
  claimSummary,
  countsOf,
  dependents,
  documentOf,
  failureOf,
  fmt,
  isNumberLike,
  oneLine,
  replayCommands,
  unexpectedOf,
  VERDICTS,
  verdictOf,
  type RenderedClaim,
} from './model.js';
import { renderSeries, type Plot } from './plots.js';
import { counterexampleHtml, measuredCaseHtml } from './values.js';

export interface HtmlOptions {
  /** Inline KaTeX's fonts as data URIs (≈ 350 KB; default true). Without them the browser's serif fonts stand in. */
  katexFonts?: boolean;
}

const e = escapeHtml;
const href = (id: string) => `#${encodeURIComponent(anchorId(id))}`;
const badge = (verdict: string, text = verdict) => `<span class="badge ${e(verdict)}">${e(text)}</span>`;

/** The whole page. Async only because vega renders its SVG asynchronously. */
export async function renderHtml(report: Report, opts: HtmlOptions = {}): Promise<string> {
  const claims = report.claims as RenderedClaim[];
  const plots = await renderPlots(claims);
  const known = new Set(claims.map((c) => c.id));
  const usedBy = dependents(claims);
  const docs = byDocument(claims);
  const body = [
    headerHtml(report),
    attentionHtml(claims),
    failsHtml(claims),
    tocHtml(docs),
    filtersHtml(claims, docs),
    ...docs.map(
      ([doc, cs], i) => `<section class="doc" id="doc-${i + 1}" data-document="${e(doc)}">
<h2>${e(doc)} <span class="muted small">(${cs.length} claim${cs.length === 1 ? '' : 's'})</span></h2>
${cs.map((c) => cardHtml(c as RenderedClaim, report, plots, known, usedBy)).join('\n')}
</section>`,
    ),
    `<footer>Generated from reports/verification.json (schemaVersion ${e(report.schemaVersion)}) at ${e(report.generatedAt)}. Re-render without rerunning: <code>npx tsx scripts/report.ts</code>.</footer>`,
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; script-src 'unsafe-inline'">
<title>muon-verify report — ${e(countsOf(report).pass)} pass, ${e(countsOf(report).fail)} fail, ${e(countsOf(report).error)} error</title>
<style>${katexCss(opts.katexFonts ?? true)}</style>
<style>${PAGE_CSS}</style>
</head>
<body>
<div class="page">
${body}
</div>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** Every series of every check, rendered once (keyed by claim, group, check index, series index). */
async function renderPlots(claims: ClaimResult[]): Promise<Map<string, Plot>> {
  const out = new Map<string, Plot>();
  // Sequential: vega views are cheap, and two cores are shared with the checks.
  for (const c of claims) {
    const groups: ['headline' | 'corrected', CheckOutcome[] | undefined][] = [
      ['headline', c.checks],
      ['corrected', c.corrected?.checks],
    ];
    for (const [g, checks] of groups) {
      for (const [i, k] of (checks ?? []).entries()) {
        if (!Array.isArray(k.series)) continue;
        for (const [j, s] of k.series.entries()) out.set(plotKey(c.id, g, i, j), await renderSeries(s));
      }
    }
  }
  return out;
}

const plotKey = (id: string, group: string, check: number, series: number) =>
  JSON.stringify([id, group, check, series]);

function headerHtml(r: Report): string {
  const s = countsOf(r);
  const given = r.summary ?? ({} as Report['summary']);
  const differs = (Object.keys(s) as (keyof typeof s)[]).filter((k) => given[k] !== undefined && given[k] !== s[k]);
  const mismatch = differs.length
    ? `<p class="small muted">The report's own summary says ${differs.map((k) => `${e(k)} ${e(given[k])}`).join(', ')}; the counts above are taken from the claims listed below.</p>`
    : '';
  const env = r.environment ?? ({} as Report['environment']);
  const count = (cls: string, n: number, what: string) =>
    `<div class="count ${cls}${n > 0 ? ' some' : ''}"><span class="n">${e(n)}</span><span class="what">${e(what)}</span></div>`;
  const envItems = Object.entries(env)
    .filter(([k]) => k !== 'gpuBackend')
    .map(([k, v]) => `<span>${e(k)} <b>${e(typeof v === 'object' ? JSON.stringify(v) : String(v))}</b></span>`);
  const runErrors = (r.runErrors ?? []).length
    ? `<div class="box alarm"><h2>Run errors</h2><ul>${r.runErrors!.map((x) => `<li>${e(x)}</li>`).join('')}</ul></div>`
    : '';
  return `<header>
<h1>muon-verify — verification report</h1>
<div class="counts" aria-label="counts by verdict">
${count('total', s.total, 'claims')}${count('pass', s.pass, 'hold')}${count('fail', s.fail, 'fail as written')}${count('error', s.error, 'error')}${count('unchecked', s.unchecked, 'unchecked')}${count('unexpected', s.unexpected, 'unexpected')}${s.carried ? count('carried', s.carried, 'carried from earlier runs') : ''}
</div>
${s.fail > 0 ? `<p class="fail-kinds">how the ${e(s.fail)} fail${e(failKindPhrase({ summary: given, claims: r.claims }).replace(/^ — /, ': '))}</p>` : ''}
<div class="run-meta">
<span>seed <b>${e(r.seed)}</b></span><span>gpu backend <b>${e(env.gpuBackend ?? 'unknown')}</b></span>${envItems.join('')}
<span>run <b><code>${e(r.runId ?? '(no run id)')}</code></b></span>
${r.startedAt ? `<span>started <b>${e(r.startedAt)}</b></span>` : ''}<span>generated <b>${e(r.generatedAt)}</b></span>
</div>
${mismatch}${runErrors}
</header>`;
}

function attentionHtml(claims: RenderedClaim[]): string {
  const a = attention(claims);
  if (a.length === 0) {
    const stale = claims.filter((c) => carriedOf(c) && unexpectedOf(c));
    const note = stale.length
      ? ` <span class="muted small">(Among the entries carried from earlier runs, ${stale.length} ${stale.length === 1 ? 'is' : 'are'} not as recorded: ${stale.map((c) => `<a href="${href(c.id)}">${e(c.id)}</a>`).join(', ')}; rerun ${stale.length === 1 ? 'it' : 'them'} to judge again.)</span>`
      : '';
    return `<div class="box"><h2>Needs attention</h2><p><span class="ok">✓</span> Every verdict judged in this run is as recorded in its claim file; no claim judged in this run errored.${note}</p></div>`;
  }
  return `<div class="box alarm" id="attention"><h2>Needs attention: ${a.length} unexpected result${a.length === 1 ? '' : 's'}</h2><ul>
${a.map(({ claim: c, reason }) => `<li>${badge(verdictOf(c))} <a href="${href(c.id)}"><code>${e(c.id)}</code></a> ${renderInline(oneLine(c.title ?? '', 160))} — ${e(reason)}${c.error ? `<div class="small errline">${e(oneLine(c.error, 400))}</div>` : ''}</li>`).join('\n')}
</ul></div>`;
}

function failsHtml(claims: RenderedClaim[]): string {
  const fails = claims.filter((c) => verdictOf(c) === 'fail');
  if (fails.length === 0) return '';
  return `<div class="box" id="fails"><h2>Failing claims (${fails.length})</h2><ul>
${fails
  .map((c) => {
    const f = failureOf(c);
    const exp =
      (c.expected === 'fail'
        ? '<span class="muted small">(expected)</span>'
        : carriedOf(c)
          ? ''
          : '<span class="badge unexpected">unexpected</span>') +
      (carriedOf(c) ? ' <span class="badge carried">carried</span>' : '');
    return `<li>${badge('fail')} <a href="${href(c.id)}"><code>${e(c.id)}</code></a> ${exp}${f ? ` <span class="badge kind">${e(f.kind)}</span>` : ''} ${renderInline(oneLine(c.title ?? '', 160))}<div class="small muted">${e(claimSummary(c))}</div></li>`;
  })
  .join('\n')}
</ul></div>`;
}

function tocHtml(docs: [string, ClaimResult[]][]): string {
  return `<nav class="box toc" aria-label="contents"><h2>Claims by source document</h2>
${docs.map(([doc, cs], i) => `<div class="doc-line"><a href="#doc-${i + 1}">${e(doc)}</a>: <span class="chips">${cs.map((c) => `<a class="chip ${verdictOf(c)}${unexpectedOf(c) && !carriedOf(c) ? ' unexpected' : ''}${carriedOf(c) ? ' carried' : ''}" href="${href(c.id)}" title="${e(`${verdictOf(c)}: ${c.title ?? ''}`)}">${e(c.id)}</a>`).join('')}</span></div>`).join('\n')}
</nav>`;
}

function filtersHtml(claims: RenderedClaim[], docs: [string, ClaimResult[]][]): string {
  const kinds = [...new Set(claims.map((c) => failureOf(c)?.kind).filter((k): k is string => !!k))].sort();
  const opt = (v: string, label: string) => `<option value="${e(v)}">${e(label)}</option>`;
  const nBy = (v: string) => claims.filter((c) => verdictOf(c) === v).length;
  return `<form class="filters" id="filters" hidden aria-label="filter claims">
<label>verdict <select name="verdict">${opt('', 'all')}${VERDICTS.map((v) => opt(v, `${v} (${nBy(v)})`)).join('')}${opt('unexpected', `unexpected (${attention(claims).length})`)}${claims.some((c) => carriedOf(c)) ? opt('carried', `carried from earlier runs (${claims.filter((c) => carriedOf(c)).length})`) : ''}</select></label>
<label>failure kind <select name="kind">${opt('', 'all')}${kinds.map((k) => opt(k, k)).join('')}${opt('none', 'none recorded')}</select></label>
<label>document <select name="document">${opt('', 'all')}${docs.map(([d]) => opt(d, d)).join('')}</select></label>
<label>text <input type="search" name="q" placeholder="id, title, check…" size="16"></label>
<button type="reset" class="copy">clear</button>
<span class="shown" id="shown" aria-live="polite"></span>
</form>
<noscript><p class="noscript-note">Filtering needs JavaScript; every claim is listed below.</p></noscript>`;
}

function cardHtml(
  c: RenderedClaim,
  report: Report,
  plots: Map<string, Plot>,
  known: Set<string>,
  usedBy: Map<string, string[]>,
): string {
  const v = verdictOf(c);
  const carried = carriedOf(c);
  const why = carried ? null : unexpectedOf(c);
  const f = failureOf(c);
  const search = [
    c.id,
    c.title,
    documentOf(c),
    c.source?.locator,
    ...(c.checks ?? []).map((k) => k.name),
    f?.kind,
    f?.summary,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  const attrs = `id="${e(anchorId(c.id))}" class="card ${v}${why ? ' unexpected' : ''}" data-verdict="${v}" data-kind="${e(f?.kind ?? 'none')}" data-document="${e(documentOf(c))}" data-unexpected="${why ? 'true' : 'false'}" data-carried="${carried ? 'true' : 'false'}" data-search="${e(search)}"`;
  const expected = c.expected ? `<span class="muted small">expected ${e(c.expected)}</span>` : '';
  const head = `<div class="card-head">${badge(v)}<a class="id" href="${href(c.id)}">${e(c.id)}</a><span class="title">${renderInline(c.title ?? '')}</span>${expected}${why ? '<span class="badge unexpected">unexpected</span>' : ''}${carried ? '<span class="badge carried">carried</span>' : ''}${f ? `<span class="badge kind">${e(f.kind)}</span>` : ''}</div>`;
  const files = c.files
    ? [c.files.claim, c.files.property]
        .filter((x): x is string => typeof x === 'string')
        .map((x) => `<code>${e(x)}</code>`)
        .join(' · ')
    : '';
  const meta = `<div class="card-meta">${e(documentOf(c))}${c.source?.locator ? ` · ${e(c.source.locator)}` : ''}${files ? ` · ${files}` : ''}${typeof c.ms === 'number' ? ` · ${e((c.ms / 1000).toFixed(1))}&nbsp;s` : ''}</div>`;
  const carriedNote = carried
    ? `<div class="carried-note">Not judged in this run: carried from run <code>${e(carried.runId ?? 'unknown')}</code> (seed ${e(carried.seed)}, ${e(carried.generatedAt)}).${unexpectedOf(c) ? ` There: ${e(unexpectedOf(c))}.` : ''}</div>`
    : '';
  const parts: string[] = [head, meta, carriedNote];
  if (why)
    parts.push(
      `<div class="why"><strong>Unexpected:</strong> ${e(why)}${c.error ? `<div class="small">${e(c.error)}</div>` : ''}</div>`,
    );
  else if (c.error) parts.push(`<div class="why"><strong>Error:</strong> ${e(c.error)}</div>`);
  if (f) {
    const full = c.failure && typeof c.failure === 'object' ? c.failure : null;
    const extra = full
      ? [
          typeof full.hypothesis === 'string'
            ? `<div class="small">missing hypothesis: ${renderInline(`$${full.hypothesis}$`)}</div>`
            : '',
          typeof full.symbol === 'string' ? `<div class="small">mis-typed: ${renderInline(full.symbol)}</div>` : '',
          typeof full.words === 'string' ? `<div class="small">words at fault: ${e(full.words)}</div>` : '',
          typeof full.backing === 'string' && full.backing
            ? `<div class="small">backed by: ${e(full.backing)}</div>`
            : '',
        ].join('')
      : '';
    parts.push(
      `<div class="failure"><span class="badge kind">${e(f.kind)}</span> ${renderInline(f.summary)}${extra}</div>`,
    );
    if (full && Array.isArray(full.checks) && full.checks.length)
      parts.push(
        `<details><summary><span class="label">Checks backing the failure kind</span> (${full.checks.length})</summary>${checksTable(full.checks, false)}</details>`,
      );
  }
  if (v === 'unchecked') {
    // Compact: what it is, that it was not run, and how to run it.
    const cmd = replayCommands(c, report).at(-1)!;
    const rest: string[] = [
      head,
      carriedNote,
      meta.replace(
        '<div class="card-meta">',
        `<div class="card-meta">${renderInline(oneLine(c.reading || 'Not run.', 200))} · `,
      ),
    ];
    if (c.statement) rest.push(`<div class="statement">${renderRich(c.statement)}</div>`);
    rest.push(
      `<div class="replay compact"><div class="cmd-row"><code class="cmd">${e(cmd.command)}</code></div></div>`,
      linksHtml(c, known, usedBy),
    );
    return `<article ${attrs}>\n${rest.filter(Boolean).join('\n')}\n</article>`;
  }
  if (c.statement)
    parts.push(`<div class="label">Statement</div><div class="statement">${renderRich(c.statement)}</div>`);
  if (c.reading)
    parts.push(
      `<details class="reading"><summary><span class="label">Reading</span> — how the statement is made checkable</summary>${renderRich(c.reading)}</details>`,
    );
  if (c.counterexample !== null && c.counterexample !== undefined) {
    parts.push(`<div class="label">Counterexample</div>${counterexampleHtml(c.counterexample)}`);
  }
  if (c.corrected) {
    const cv = verdictOf({ ...c, verdict: c.corrected.verdict } as ClaimResult);
    parts.push(
      `<div class="label">Corrected statement ${badge(cv)}</div><div class="corrected${cv === 'pass' ? '' : ' notpass'}">${renderRich(c.corrected.statement ?? '')}</div>`,
    );
  }
  if ((c.checks ?? []).length) {
    parts.push(`<div class="label">Checks of the statement as written</div>${checksTable(c.checks, true)}`);
    parts.push(plotsHtml(c, 'headline', c.checks, plots));
  }
  if (c.corrected?.checks?.length) {
    parts.push(
      `<details${c.corrected.verdict !== 'pass' ? ' open' : ''}><summary><span class="label">Checks of the corrected statement</span> (${c.corrected.checks.length})</summary>${checksTable(c.corrected.checks, false)}${plotsHtml(c, 'corrected', c.corrected.checks, plots)}</details>`,
    );
  }
  if ((c.steps ?? []).length)
    parts.push(
      `<div class="label">Derivation steps${typeof c.firstBrokenStep === 'number' ? ` — first broken: step ${e(c.firstBrokenStep)}` : ' — all hold'}</div>${stepsHtml(c.steps, c.firstBrokenStep)}`,
    );
  parts.push(replayHtml(c, report));
  parts.push(linksHtml(c, known, usedBy));
  return `<article ${attrs}>\n${parts.filter(Boolean).join('\n')}\n</article>`;
}

/**
 * The sizes the check ran at, as its outcome records them (an at-scale check under --heavy lists
 * 2048 and 4096 beside its default size). Up to five shapes are listed in the order they ran; more
 * are summarised by the count and the smallest and largest (by entries), so the largest that ran is
 * never hidden.
 */
export function sizesText(sizes: unknown): string {
  if (!Array.isArray(sizes) || sizes.length === 0) return '—';
  const shapes = sizes.filter((x): x is [number, number] => Array.isArray(x) && x.length === 2);
  const key = (x: [number, number]) => `${fmt(x[0])}×${fmt(x[1])}`;
  const uniq = [...new Map(shapes.map((x) => [key(x), x] as const)).values()];
  if (uniq.length <= 5) return uniq.map(key).join(', ');
  const area = (x: [number, number]) => (typeof x[0] === 'number' && typeof x[1] === 'number' ? x[0] * x[1] : 0);
  const bySize = [...uniq].sort((a, b) => area(a) - area(b));
  return `${uniq.length} shapes, ${key(bySize[0])} … ${key(bySize[bySize.length - 1])}`;
}

const POWER: Record<string, string> = {
  'shown-by-failure': 'can fail: it failed',
  'control-refuted': 'control refuted',
  powerless: 'powerless: no control refuted',
};

function powerCell(k: CheckOutcome): string {
  if (!k.power && !k.control) return '<span class="muted">—</span>';
  const cls = k.power === 'powerless' ? 'warn' : 'ok';
  const mark = k.power === 'powerless' ? '⚠' : '✓';
  const head = k.power ? `<span class="${cls}">${mark} ${e(POWER[k.power] ?? k.power)}</span>` : '';
  const ctl = k.control
    ? `<span class="reason">${e(k.control.source)} control “${e(k.control.description)}”: ${e(k.control.outcome)}</span>`
    : '';
  const detail = k.powerDetail && !k.control ? `<span class="reason">${e(k.powerDetail)}</span>` : '';
  return head + ctl + detail;
}

function worstCell(k: CheckOutcome): string {
  if (k.error !== undefined) return '<span class="err">error</span>';
  if (k.statistic) {
    const s = k.statistic;
    const conf = typeof s.confidence === 'number' ? `${+(s.confidence * 100).toPrecision(6)}% ` : '';
    return `est. ${e(fmt(s.estimate))}<br><span class="muted">${e(conf)}CI [${e(fmt(s.ci?.[0]))}, ${e(fmt(s.ci?.[1]))}]</span>`;
  }
  return `${e(fmt(k.maxError))}<br><span class="muted">tol. ${e(fmt(k.tolerance))}</span>`;
}

/** A check's `detail` (often a JSON object written as text) as "key value · key value". */
function detailText(d: unknown): string {
  let v: unknown = d;
  if (typeof d === 'string' && d.trim().startsWith('{')) {
    try {
      v = JSON.parse(d);
    } catch {
      v = d;
    }
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return oneLine(String(d), 300);
  return oneLine(
    Object.entries(v)
      .map(
        ([k, x]) =>
          `${k} ${typeof x === 'number' || isNumberLike(x) ? fmt(x) : typeof x === 'string' ? x : JSON.stringify(x)}`,
      )
      .join(' · '),
    400,
  );
}

function checksTable(checks: CheckOutcome[], headline: boolean): string {
  const rows = checks
    .map((k) => {
      const state = k.error !== undefined ? 'errored' : k.passed ? 'passed' : 'failed';
      const mark =
        k.error !== undefined
          ? '<span class="err" title="error">!</span>'
          : k.passed
            ? '<span class="ok" title="holds">✓</span>'
            : '<span class="bad" title="fails">✗</span>';
      const reason = k.statistic?.rule
        ? `${k.toleranceReason ? `${k.toleranceReason}; ` : ''}rule: ${k.statistic.rule}`
        : k.toleranceReason;
      const inf = k.infinite ? `<span class="reason">∞: ${e(k.infinite)}</span>` : '';
      const err = k.error !== undefined ? `<span class="errtext">${e(k.error)}</span>` : '';
      const detail = k.detail ? `<span class="reason">${e(detailText(k.detail))}</span>` : '';
      const key =
        typeof k.key === 'string' && k.key !== k.name ? `<span class="reason">key <code>${e(k.key)}</code></span>` : '';
      const skipped =
        typeof k.skipped === 'number' && k.skipped > 0
          ? `<span class="reason">${e(fmt(k.skipped))} case${k.skipped === 1 ? '' : 's'} outside the hypotheses skipped${Array.isArray(k.skipReasons) && k.skipReasons.length ? `: ${e(k.skipReasons.join('; '))}` : ''}</span>`
          : '';
      const closest =
        k.closest && typeof k.closest === 'object' && k.error === undefined
          ? measuredCaseHtml(
              'Closest',
              k.closest as unknown as Record<string, unknown>,
              'the case that came closest to failing',
            )
          : '';
      const run = `${e(k.backend)}<span class="reason">${e(sizesText(k.sizes))}; ${e(fmt(k.cases))} case${k.cases === 1 ? '' : 's'}</span>`;
      return `<tr class="${state}"><td>${mark}</td><td>${e(k.name)}${key}${reason ? `<span class="reason">${e(reason)}</span>` : ''}${inf}${detail}${skipped}${err}${closest}</td><td class="run">${run}</td><td class="n">${worstCell(k)}</td>${headline ? `<td class="power">${powerCell(k)}</td>` : ''}</tr>`;
    })
    .join('\n');
  return `<div class="scroll"><table class="checks"><thead><tr><th></th><th>check · tolerance reason</th><th>backend · sizes · cases</th><th>worst vs tolerance</th>${headline ? '<th>power / control</th>' : ''}</tr></thead><tbody>
${rows}
</tbody></table></div>`;
}

function plotsHtml(
  c: ClaimResult,
  group: 'headline' | 'corrected',
  checks: CheckOutcome[],
  plots: Map<string, Plot>,
): string {
  const figs: string[] = [];
  const shownAbove = new Set(
    group === 'corrected'
      ? (c.checks ?? []).filter((k) => Array.isArray(k.series)).map((k) => JSON.stringify([k.name, k.series]))
      : [],
  );
  checks.forEach((k, i) => {
    if (!Array.isArray(k.series)) return;
    if (shownAbove.has(JSON.stringify([k.name, k.series]))) {
      figs.push(`<p class="muted small">Plot of “${e(k.name)}”: the same as for the statement as written, above.</p>`);
      return;
    }
    k.series.forEach((_s, j) => {
      const p = plots.get(plotKey(c.id, group, i, j));
      if (!p) return;
      const notes = p.notes.length ? `<div class="plot-notes">${e(p.notes.join('; '))}</div>` : '';
      const body = p.svg ?? `<p class="err small">Plot not drawn: ${e(p.error ?? 'unknown reason')}</p>`;
      figs.push(
        `<figure class="plot" data-check="${e(k.name)}"><figcaption><strong>${e(p.title)}</strong> <span class="muted">— ${e(k.name)}</span></figcaption>${body}${notes}</figure>`,
      );
    });
  });
  return figs.join('\n');
}

function stepsHtml(steps: StepResult[], firstBroken: number | null): string {
  return `<ol class="steps">${steps
    .map((s) => {
      const broken = s.index === firstBroken;
      const v = verdictOf({ verdict: s.verdict } as ClaimResult);
      const ce =
        s.counterexample !== undefined && s.counterexample !== null
          ? `<details open><summary>where it ${s.verdict === 'error' ? 'could not be judged' : 'breaks'}</summary>${counterexampleHtml(s.counterexample)}</details>`
          : '';
      return `<li value="${e(s.index)}"${broken ? ' class="first-broken"' : ''}><div class="step-body">${badge(v)} <span class="badge method">${e(s.method)}</span> ${renderStep(s.statement ?? '')}</div>${ce}${s.detail ? `<details><summary>how it was decided</summary><div class="detail">${e(s.detail)}</div></details>` : ''}</li>`;
    })
    .join('\n')}</ol>`;
}

function replayHtml(c: ClaimResult, report: Report): string {
  const cmds = replayCommands(c, report);
  return `<div class="replay"><div class="label">Reproduce</div>${cmds.map((x) => `<div class="cmd-label">${e(x.label)}</div><div class="cmd-row"><code class="cmd">${e(x.command)}</code></div>`).join('')}</div>`;
}

function linksHtml(c: ClaimResult, known: Set<string>, usedBy: Map<string, string[]>): string {
  const link = (id: string) =>
    known.has(id) ? `<a href="${href(id)}">${e(id)}</a>` : `<code title="not in this report">${e(id)}</code>`;
  const deps = Array.isArray(c.dependsOn) ? c.dependsOn : [];
  const users = usedBy.get(c.id) ?? [];
  const out: string[] = [];
  if (deps.length) out.push(`<div>Depends on: ${deps.map(link).join(', ')}</div>`);
  if (users.length) out.push(`<div>Used by: ${users.map(link).join(', ')}</div>`);
  return out.length ? `<div class="links">${out.join('')}</div>` : '';
}
