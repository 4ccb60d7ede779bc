/**
 * reports/summary.md: the run in a few lines (counts, what needs attention), then one line per
 * claim — verdict, failure kind if any, one sentence, link to its card — for a PR comment or a CI
 * job summary (GitHub-flavoured Markdown). Every report string is escaped: a claim's text cannot
 * open a link, a table, an HTML tag or a code span here.
 */
import { failKindPhrase, type Report } from '../buildReport.js';
import {
  anchorId,
  attention,
  byDocument,
  carriedOf,
  claimSummary,
  countsOf,
  failureOf,
  oneLine,
  unexpectedOf,
  verdictOf,
  type RenderedClaim,
} from './model.js';

export interface MarkdownOptions {
  /** Where the cards are, relative to the summary (default "index.html", the page beside it). */
  htmlHref?: string;
}

/** Markdown-inert text: punctuation that could start markup is backslash-escaped, HTML brackets become entities. */
export function mdText(s: unknown): string {
  return (
    // eslint-disable-next-line no-control-regex -- matching control characters is the point here (they are escaped or stripped)
    oneLine(String(s ?? '').replace(/[\u0000-\u001f\u007f]/g, ' '), 400)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // Only what can start inline markup mid-line (lines here always start with "- " or "### "):
      // emphasis, code, links (an escaped [ makes ( and ! inert), tables, strikethrough, math.
      .replace(/([\\`*_[\]|~$])/g, '\\$1')
  );
}

const MARK: Record<string, string> = { pass: '✅', fail: '🟠', error: '❌', unchecked: '⚪' };

export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const page = opts.htmlHref ?? 'index.html';
  const link = (id: string) => `${page}#${encodeURIComponent(anchorId(id))}`;
  const claims = report.claims as RenderedClaim[];
  const s = countsOf(report);
  const env = report.environment ?? ({} as Report['environment']);
  const lines: string[] = [];
  const runErrors = (report.runErrors ?? []).length;
  const status =
    s.unexpected === 0 && runErrors === 0
      ? '✅ every verdict as recorded'
      : `❌ ${[s.unexpected ? `${s.unexpected} unexpected` : '', runErrors ? `${runErrors} run error${runErrors === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ')}`;
  lines.push(
    `## muon-verify: ${s.total} ${s.total === 1 ? 'claim' : 'claims'} — ${s.pass} hold, ${s.fail} fail as written${failKindPhrase(report) ? ` ${mdText(failKindPhrase(report).trim())}` : ''}; ${s.error} error, ${s.unchecked} unchecked${s.carried ? ` (${s.carried} carried from earlier runs)` : ''} (${status})`,
  );
  lines.push('');
  lines.push(
    `seed \`${mdCode(report.seed)}\` · gpu backend \`${mdCode(env.gpuBackend ?? 'unknown')}\` · node \`${mdCode(env.node ?? '?')}\`${env.cpus !== undefined ? ` · ${mdText(env.cpus)} cpus` : ''}${env.heavy === true ? ' · heavy mode' : ''} · run \`${mdCode(report.runId ?? 'none')}\` · ${mdText(report.generatedAt)}`,
  );
  for (const err of report.runErrors ?? []) lines.push('', `> ❌ **run error:** ${mdText(err)}`);
  const a = attention(claims);
  if (a.length) {
    lines.push('', `### Needs attention (${a.length})`, '');
    for (const { claim: c, reason } of a)
      lines.push(
        `- ${MARK[verdictOf(c)]} [${idText(c.id)}](${link(c.id)}) **${verdictOf(c)}** — ${mdText(reason)}${c.error ? `: ${mdText(oneLine(c.error, 300))}` : ''}`,
      );
  }
  const line = (c: RenderedClaim) => {
    const v = verdictOf(c);
    const f = failureOf(c);
    const exp = c.expected && v !== 'unchecked' ? ` (expected ${c.expected})` : '';
    const carried = carriedOf(c);
    const flag = carried
      ? ` _(carried from run ${mdText(carried.runId ?? 'unknown')}, not judged in this run)_`
      : unexpectedOf(c)
        ? ' ⚠️ **unexpected**'
        : '';
    return `- ${MARK[v]} [${idText(c.id)}](${link(c.id)}) **${v}**${exp}${flag}${f ? ` · _${mdText(f.kind)}_` : ''} — ${mdText(c.title ?? '')}: ${mdText(claimSummary(c))}`;
  };
  const judged = claims.filter((c) => verdictOf(c) !== 'unchecked');
  const unchecked = claims.filter((c) => verdictOf(c) === 'unchecked');
  for (const [doc, cs] of byDocument(judged)) {
    lines.push('', `### ${mdText(doc)}`, '');
    for (const c of cs) lines.push(line(c as RenderedClaim));
  }
  if (unchecked.length) {
    lines.push(
      '',
      `<details><summary>${unchecked.length} claim${unchecked.length === 1 ? '' : 's'} not run (unchecked)</summary>`,
      '',
    );
    for (const c of unchecked) lines.push(line(c as RenderedClaim));
    lines.push('', '</details>');
  }
  lines.push(
    '',
    `Full report: [${page}](${page}) (cards with statements, counterexamples, checks, steps and replay commands).`,
    '',
  );
  return lines.join('\n');
}

/** Inside a code span: backticks cannot be escaped, so they are replaced; newlines and control characters collapse. */
function mdCode(s: unknown): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here (they are escaped or stripped)
  return oneLine(String(s).replace(/[\u0000-\u001f\u007f]/g, ' '), 200).replace(/`/g, 'ˋ');
}

/** A claim id as link text: in a code span when it is a plain id, else escaped text. */
function idText(id: string): string {
  return /^[A-Za-z0-9._-]+$/.test(id) ? `\`${id}\`` : mdText(id);
}
