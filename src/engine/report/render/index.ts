/**
 * The report's readable forms, rendered from `Report` alone (nothing is rerun):
 * - index.html  one self-contained page (renderHtml)
 * - summary.md  counts and one line per claim, for a PR comment or CI job summary (renderMarkdown)
 * - junit.xml   one testcase per claim (renderJunit)
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../buildReport.js';
import { writeFileAtomic } from '../writeReport.js';
import { renderHtml, type HtmlOptions } from './html.js';
import { renderJunit, type JunitOptions } from './junit.js';
import { renderMarkdown } from './markdown.js';

export { renderHtml, renderJunit, renderMarkdown };
export type { HtmlOptions, JunitOptions };

export const HTML_FILE = 'index.html';
export const MARKDOWN_FILE = 'summary.md';
export const JUNIT_FILE = 'junit.xml';

export interface RenderAllOptions {
  html?: HtmlOptions;
  junit?: JunitOptions;
}

/**
 * Writes index.html, summary.md and junit.xml into `dir` (created if missing), each atomically
 * (a temporary file, then a rename), and returns their paths. Everything is rendered before the
 * first file is written, so a rendering error leaves the previous files as they were.
 */
export async function renderAll(
  report: Report,
  dir: string,
  opts: RenderAllOptions = {},
): Promise<{ html: string; markdown: string; junit: string }> {
  const html = await renderHtml(report, opts.html);
  const markdown = renderMarkdown(report, { htmlHref: HTML_FILE });
  const junit = renderJunit(report, opts.junit);
  mkdirSync(dir, { recursive: true });
  const files = { html: join(dir, HTML_FILE), markdown: join(dir, MARKDOWN_FILE), junit: join(dir, JUNIT_FILE) };
  writeFileAtomic(files.html, html);
  writeFileAtomic(files.markdown, markdown);
  writeFileAtomic(files.junit, junit);
  return files;
}
