/** The page's own stylesheet and its one small script (filtering and copy buttons; the page reads fully without it). */

export const PAGE_CSS = `
:root {
  --fg: #1f2328; --muted: #59636e; --bg: #f5f6f8; --card: #fff; --line: #d1d9e0; --accent: #0969da;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #9a6700; --fail-bg: #fff1c2; --fail-edge: #d4a72c;
  --error: #cf222e; --error-bg: #ffebe9; --unchecked: #6e7781; --unchecked-bg: #eaeef2;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { scroll-padding-top: 1rem; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; }
.page { max-width: 66rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.02rem; margin: 1.1rem 0 .4rem; }
h4 { font-size: .95rem; margin: .9rem 0 .3rem; }
code, .cmd, .num { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; }
.muted { color: var(--muted); }
.small { font-size: .85rem; }
p { margin: .4rem 0; }
.run-meta { display: flex; flex-wrap: wrap; gap: .2rem 1.25rem; margin: .5rem 0 1rem; font-size: .9rem; color: var(--muted); }
.run-meta b { color: var(--fg); font-weight: 600; }
.counts { display: flex; flex-wrap: wrap; gap: .6rem; margin: .75rem 0 1rem; }
.count { display: flex; flex-direction: column; min-width: 6.5rem; padding: .5rem .8rem; border-radius: 8px; background: var(--card); border: 1px solid var(--line); border-top: 4px solid var(--line); }
.count .n { font-size: 1.6rem; font-weight: 700; line-height: 1.1; }
.count .what { font-size: .85rem; color: var(--muted); }
.count.pass { border-top-color: var(--pass); } .count.pass .n { color: var(--pass); }
.count.fail { border-top-color: var(--fail-edge); } .count.fail .n { color: var(--fail); }
.count.error { border-top-color: var(--error); } .count.error .n { color: var(--error); }
.count.unchecked { border-top-color: var(--unchecked); } .count.unchecked .n { color: var(--unchecked); }
.count.unexpected.some { border-color: var(--error); background: var(--error-bg); } .count.unexpected.some .n { color: var(--error); }
.box { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .8rem 1rem; margin: .8rem 0; }
.box h2 { margin-top: 0; font-size: 1.1rem; }
.box.alarm { border: 2px solid var(--error); background: var(--error-bg); }
.box ul { margin: .3rem 0; padding-left: 0; list-style: none; }
.box li { margin: .3rem 0; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .78rem; font-weight: 700; letter-spacing: .02em; text-transform: uppercase; vertical-align: .1em; border: 1px solid transparent; white-space: nowrap; }
.badge.pass { color: var(--pass); background: var(--pass-bg); border-color: #4ac26b; }
.badge.fail { color: var(--fail); background: var(--fail-bg); border-color: var(--fail-edge); }
.badge.error { color: #fff; background: var(--error); }
.badge.unchecked { color: var(--unchecked); background: var(--unchecked-bg); border-color: #c4ccd4; }
.badge.kind { color: #5e3ea8; background: #f1ebff; border-color: #c8b6f5; text-transform: none; }
.badge.unexpected { color: #fff; background: var(--error); text-transform: none; }
.badge.carried { color: #57606a; background: #fff; border-color: #afb8c1; border-style: dashed; text-transform: none; }
.carried-note { font-size: .85rem; color: var(--muted); border: 1px dashed #afb8c1; border-radius: 6px; padding: .25rem .6rem; margin: .3rem 0; }
.chip.carried { border-style: dashed; }
.count.carried { border-top-color: #afb8c1; border-style: dashed; } .count.carried .n { color: var(--muted); }
.badge.method { color: var(--muted); background: #f0f2f4; border-color: var(--line); text-transform: none; font-weight: 600; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .6rem .8rem; margin: 1rem 0; background: rgba(255,255,255,.96); border: 1px solid var(--line); border-radius: 8px; font-size: .9rem; }
.filters label { display: flex; gap: .35rem; align-items: center; }
.filters select, .filters input { font: inherit; padding: .15rem .3rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.filters .shown { margin-left: auto; color: var(--muted); }
.toc { font-size: .88rem; }
.toc .doc-line { margin: .25rem 0; }
.toc .chips { display: inline; }
.chip { display: inline-block; margin: .1rem .15rem; padding: 0 .4rem; border-radius: 4px; border: 1px solid var(--line); background: #fff; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .8rem; }
.chip.pass { border-left: 4px solid var(--pass); } .chip.fail { border-left: 4px solid var(--fail-edge); }
.chip.error { border-left: 4px solid var(--error); } .chip.unchecked { border-left: 4px solid #c4ccd4; color: var(--muted); }
.chip.unexpected { background: var(--error-bg); border-color: var(--error); }
.doc > h2 { border-bottom: 1px solid var(--line); padding-bottom: .3rem; overflow-wrap: anywhere; }
.card { background: var(--card); border: 1px solid var(--line); border-left: 6px solid var(--unchecked); border-radius: 8px; padding: .9rem 1.1rem 1rem; margin: 1rem 0; overflow-wrap: break-word; }
.card.pass { border-left-color: var(--pass); } .card.fail { border-left-color: var(--fail-edge); } .card.error { border-left-color: var(--error); }
.card.unchecked { border-left-color: #c4ccd4; padding-top: .6rem; padding-bottom: .6rem; }
.card.unexpected { box-shadow: 0 0 0 2px var(--error); }
.card:target { box-shadow: 0 0 0 3px var(--accent); }
.card-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: .3rem .6rem; }
.card-head .id { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 700; font-size: .95rem; }
.card-head .title { font-weight: 600; font-size: 1.05rem; flex: 1 1 20rem; }
.card-meta { font-size: .85rem; color: var(--muted); margin: .2rem 0 .4rem; }
.card-meta code { font-size: .82rem; }
.why { border-left: 4px solid var(--error); background: var(--error-bg); padding: .4rem .7rem; margin: .5rem 0; border-radius: 0 6px 6px 0; }
.failure { border-left: 4px solid #8a63d2; background: #f6f2ff; padding: .4rem .7rem; margin: .5rem 0; border-radius: 0 6px 6px 0; }
.statement { font-size: 1.02rem; background: #f8f9fb; border: 1px solid #e4e8ec; border-radius: 6px; padding: .5rem .8rem; margin: .4rem 0; }
.statement p:first-child { margin-top: 0; } .statement p:last-child { margin-bottom: 0; }
.label { font-size: .78rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: .8rem 0 .2rem; }
details > summary { cursor: pointer; color: var(--muted); font-size: .9rem; margin: .5rem 0 .2rem; }
details > summary .label { display: inline; }
.reading { font-size: .95rem; }
.katex { font-size: 1.05em; }
/* A formula wider than its box (a long \\text{…}, a phone screen) scrolls inside the box, never the page. */
.statement, .corrected, .reading, .failure, .step-body, .why, .box li { overflow-x: auto; overflow-y: hidden; }
.katex-display { overflow-x: auto; overflow-y: hidden; padding: .2rem 0; }
.tex-error { color: var(--error); background: var(--error-bg); }
.scroll { overflow-x: auto; max-width: 100%; }
table.checks, table.records { border-collapse: collapse; width: 100%; font-size: .86rem; margin: .3rem 0; }
table.checks th, table.checks td, table.records th, table.records td { border-bottom: 1px solid #e4e8ec; padding: .35rem .45rem; text-align: left; vertical-align: top; }
table.checks th, table.records th { font-size: .78rem; color: var(--muted); font-weight: 600; white-space: nowrap; }
table.checks td.n { white-space: nowrap; font-variant-numeric: tabular-nums; }
table.checks td.run { font-size: .8rem; min-width: 8rem; max-width: 12rem; }
table.checks td.power { font-size: .82rem; min-width: 9rem; max-width: 14rem; }
table.checks td:nth-child(2) { min-width: 16rem; }
table.checks tr.failed td:first-child { box-shadow: inset 3px 0 0 var(--fail-edge); }
table.checks tr.errored td:first-child { box-shadow: inset 3px 0 0 var(--error); }
table.checks .reason { display: block; color: var(--muted); font-size: .8rem; margin-top: .15rem; }
table.checks .errtext { display: block; color: var(--error); font-size: .82rem; margin-top: .2rem; }
.errline { color: #a40e26; }
.ok { color: var(--pass); font-weight: 700; } .bad { color: var(--fail); font-weight: 700; } .err { color: var(--error); font-weight: 700; } .warn { color: #9a6700; }
ol.steps { padding-left: 1.6rem; margin: .3rem 0; }
ol.steps > li { margin: .35rem 0; padding: .25rem .5rem; border-radius: 6px; }
ol.steps > li.first-broken { background: var(--fail-bg); border: 1px solid var(--fail-edge); }
ol.steps > li.first-broken::before { content: "first broken step"; display: block; font-size: .72rem; font-weight: 700; text-transform: uppercase; color: var(--fail); letter-spacing: .04em; }
ol.steps .detail { font-size: .82rem; color: var(--muted); }
ol.steps details > summary { font-size: .8rem; margin: .1rem 0; }
.ce { border: 1px solid var(--fail-edge); background: #fffbeb; border-radius: 6px; padding: .5rem .8rem; margin: .3rem 0; font-size: .92rem; }
.ce-check { margin: 0 0 .3rem; }
.ce details.ce-data > summary { font-size: .82rem; }
.ce-row { display: grid; grid-template-columns: 6.5rem 1fr; gap: .6rem; margin: .3rem 0; align-items: start; }
.ce-label { font-size: .8rem; font-weight: 700; color: var(--muted); padding-top: .1rem; }
.ce-value { min-width: 0; overflow-x: auto; }
.measured .violates { color: var(--fail); font-weight: 600; font-size: .9em; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: 0; }
dl.kv dt { color: var(--muted); font-size: .85em; }
dl.kv dd { margin: 0; min-width: 0; }
.matrix-wrap { display: inline-flex; align-items: flex-end; gap: .3rem; margin: .1rem 0; }
table.matrix { border-collapse: separate; border-spacing: .6rem .05rem; border-left: 2px solid #555; border-right: 2px solid #555; border-radius: 4px; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85rem; padding: 0 .1rem; }
table.matrix td { text-align: right; padding: 0; }
table.matrix td.elide { text-align: center; color: var(--muted); }
.dims { font-size: .72rem; color: var(--muted); }
.vector .dims { margin-left: .3rem; }
.str { white-space: pre-wrap; }
code.json { white-space: pre-wrap; word-break: break-all; }
ol.values { margin: 0; padding-left: 1.2rem; }
.corrected { border: 1px solid #c8e6cf; background: #f3fbf5; border-radius: 6px; padding: .5rem .8rem; margin: .3rem 0; }
.corrected.notpass { border-color: var(--fail-edge); background: #fffbeb; }
figure.plot { margin: .6rem 0; padding: .5rem; border: 1px solid #e4e8ec; border-radius: 6px; background: #fff; overflow-x: auto; }
figure.plot svg { max-width: 100%; height: auto; display: block; }
figure.plot figcaption { font-size: .85rem; margin-bottom: .3rem; }
figure.plot .plot-notes { font-size: .78rem; color: var(--muted); margin-top: .2rem; }
.replay { margin: .3rem 0; }
.replay.compact .cmd { padding: .2rem .5rem; font-size: .8rem; }
.replay .cmd-row { display: flex; align-items: center; gap: .4rem; margin: .2rem 0; }
.replay .cmd { flex: 1; display: block; padding: .35rem .6rem; background: #1f2328; color: #f0f3f6; border-radius: 6px; overflow-x: auto; white-space: pre; user-select: all; }
.replay .cmd-label { font-size: .8rem; color: var(--muted); }
.copy { font: inherit; font-size: .78rem; padding: .2rem .5rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
.links { font-size: .88rem; margin-top: .5rem; }
.links a { font-family: ui-monospace, Menlo, Consolas, monospace; }
.noscript-note { font-size: .85rem; color: var(--muted); }
footer { margin-top: 3rem; font-size: .82rem; color: var(--muted); }
@media (max-width: 40rem) { .ce-row { grid-template-columns: 1fr; gap: 0; } .page { padding: 1rem .6rem 3rem; } }
@media print { .filters { display: none; } .card { break-inside: avoid; } }
`;

/**
 * Filters the cards by verdict, failure kind, source document and text; hides empty document
 * sections; adds copy buttons to replay commands. A link to a card the filter hides clears the filter.
 */
export const PAGE_SCRIPT = `
(function () {
  var form = document.getElementById('filters');
  if (!form) return;
  form.hidden = false;
  var cards = Array.prototype.slice.call(document.querySelectorAll('article.card'));
  var docs = Array.prototype.slice.call(document.querySelectorAll('section.doc'));
  var shown = document.getElementById('shown');
  function val(name) { var el = form.elements.namedItem(name); return el ? el.value : ''; }
  function apply() {
    var v = val('verdict'), k = val('kind'), d = val('document'), q = val('q').trim().toLowerCase();
    var n = 0;
    cards.forEach(function (c) {
      var ok = (!v || (v === 'unexpected' ? c.dataset.unexpected === 'true' : v === 'carried' ? c.dataset.carried === 'true' : c.dataset.verdict === v))
        && (!k || c.dataset.kind === k)
        && (!d || c.dataset.document === d)
        && (!q || (c.dataset.search || '').indexOf(q) >= 0);
      c.hidden = !ok;
      if (ok) n++;
    });
    docs.forEach(function (s) { s.hidden = !s.querySelector('article.card:not([hidden])'); });
    if (shown) shown.textContent = 'showing ' + n + ' of ' + cards.length + ' claims';
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  function reveal() {
    if (!location.hash) return;
    var id = decodeURIComponent(location.hash.slice(1));
    var el = document.getElementById(id);
    if (el && (el.hidden || (el.closest('section.doc') || {}).hidden)) { form.reset(); apply(); el.scrollIntoView(); }
  }
  window.addEventListener('hashchange', reveal);
  apply();
  reveal();
  Array.prototype.forEach.call(document.querySelectorAll('.cmd-row'), function (row) {
    var code = row.querySelector('.cmd');
    var b = document.createElement('button');
    b.type = 'button'; b.className = 'copy'; b.textContent = 'copy';
    b.addEventListener('click', function () {
      var text = code.textContent;
      var done = function () { b.textContent = 'copied'; setTimeout(function () { b.textContent = 'copy'; }, 1500); };
      var select = function () { var r = document.createRange(); r.selectNodeContents(code); var s = window.getSelection(); s.removeAllRanges(); s.addRange(r); b.textContent = 'selected: press Ctrl+C'; };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, select); else select();
    });
    row.appendChild(b);
  });
})();
`;
