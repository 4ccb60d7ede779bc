/**
 * The rendered report in a real browser: Debian's chromium driven by playwright-core (nothing
 * downloads a browser). The page must load from disk with no console error and no network request;
 * every claim must have its card, every formula rendered by KaTeX, every plot an SVG with data
 * marks, every in-page link a target; the filter must work with scripts and the page must read
 * fully without them. A screenshot is saved as reports/report-screenshot.png.
 *
 * Chromium is required: without it this test FAILS (CI installs it: `apt-get install -y chromium`).
 * MUON_CHROMIUM overrides the executable; MUON_REPORT_JSON renders another report (e.g. a full run's
 * reports/verification.json) instead of the fixture.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import type { Report } from '../src/engine/report/buildReport.js';
import { renderAll } from '../src/engine/report/render/index.js';
import { anchorId } from '../src/engine/report/render/model.js';
import { projectRoot } from '../src/engine/registry/paths.js';
import { errorResult } from '../src/engine/verify/runClaim.js';
import type { ClaimResult } from '../src/engine/verify/types.js';

const CHROMIUM = process.env.MUON_CHROMIUM ?? '/usr/bin/chromium';
const SOURCE = process.env.MUON_REPORT_JSON
  ? resolve(process.env.MUON_REPORT_JSON)
  : join(import.meta.dirname, 'fixtures', 'report', 'verification.json');
const SCREENSHOT = join(projectRoot, 'reports', 'report-screenshot.png');

/** A claim whose text would run script if it were not escaped: any alert or error would show up below. */
const hostile: ClaimResult = {
  ...errorResult('zz-hostile <img src=x onerror=console.error(1)>', '', { claim: null, property: null }),
  title: '<script>console.error("title")</script><img src=x onerror="console.error(2)">',
  source: { document: 'zz-hostile.txt', locator: '<b onmouseover=alert(1)>' },
  statement: 'Escaped: <svg onload=console.error(3)> and math $x^2$.',
  reading: 'r',
  verdict: 'pass',
  expected: 'pass',
  error: null,
  checks: [
    {
      name: '<img src=x onerror=console.error(4)>',
      backend: 'scalar-f64',
      sizes: [],
      cases: 1,
      maxError: 0,
      tolerance: 1,
      toleranceReason: '</td></tr></table><script>console.error(5)</script>',
      passed: true,
      ms: 0,
    },
  ],
};

let browser: Browser;
let dir: string;
let report: Report;
let pageUrl: string;

function seriesCount(r: Report): number {
  let n = 0;
  for (const c of r.claims) {
    const headline = (c.checks ?? []).filter((k) => Array.isArray(k.series));
    const seen = new Set(headline.map((k) => JSON.stringify([k.name, k.series])));
    for (const k of headline) n += k.series!.length;
    for (const k of c.corrected?.checks ?? [])
      if (Array.isArray(k.series) && !seen.has(JSON.stringify([k.name, k.series]))) n += k.series.length;
  }
  return n;
}

const MISSING = `chromium not found at ${CHROMIUM}: the report's browser test needs a real browser. Install Debian's: apt-get update && apt-get install -y chromium (or set MUON_CHROMIUM to a Chromium executable).`;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return; // every test then fails with MISSING (never skips)
  report = JSON.parse(readFileSync(SOURCE, 'utf8')) as Report;
  if (!process.env.MUON_REPORT_JSON) report = { ...report, claims: [...report.claims, hostile] };
  dir = mkdtempSync(join(tmpdir(), 'muon-report-browser-'));
  const files = await renderAll(report, dir);
  pageUrl = pathToFileURL(files.html).href;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens the page, recording console errors, page errors and every request that leaves the file. */
async function open(opts: { javaScriptEnabled?: boolean; width?: number } = {}) {
  if (!browser) throw new Error(MISSING);
  const context = await browser.newContext({
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    viewport: { width: opts.width ?? 1200, height: 900 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const network: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === pageUrl || url.startsWith('data:')) return route.continue();
    network.push(url);
    return route.abort();
  });
  await page.goto(pageUrl, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return { page, problems, network, close: () => context.close() };
}

describe('the report page in chromium', () => {
  test('chromium is installed', () => {
    if (!existsSync(CHROMIUM)) throw new Error(MISSING);
  });

  test('loads from disk with no console error, no script injected by claim text and no network request', async () => {
    const { page, problems, network, close } = await open();
    try {
      expect(problems).toEqual([]);
      expect(network).toEqual([]);
      expect(await page.locator('script').count()).toBe(1);
      expect(await page.title()).toMatch(/^muon-verify report/);
      // The KaTeX fonts came from their data URIs.
      const fonts = await page.evaluate(
        () =>
          [...document.fonts].filter((f) => f.family.replace(/"/g, '').startsWith('KaTeX') && f.status === 'loaded')
            .length,
      );
      expect(fonts).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });

  test('every claim in the JSON has a card under its source document', async () => {
    const { page, close } = await open();
    try {
      const cards = await page.evaluate(() =>
        [...document.querySelectorAll('article.card')].map((a) => ({
          id: a.id,
          verdict: a.getAttribute('data-verdict'),
          doc: a.closest('section.doc')?.getAttribute('data-document'),
        })),
      );
      expect(cards).toHaveLength(report.claims.length);
      const byId = new Map(cards.map((c) => [c.id, c]));
      for (const c of report.claims) {
        const card = byId.get(anchorId(c.id));
        expect(card, c.id).toBeDefined();
        expect(card!.verdict).toBe(['pass', 'fail', 'error', 'unchecked'].includes(c.verdict) ? c.verdict : 'error');
        expect(card!.doc).toBe(c.source?.document || '(no source document)');
      }
    } finally {
      await close();
    }
  });

  test('math is rendered by KaTeX and no $ delimiter is left in any statement, reading, corrected statement or step', async () => {
    const { page, close } = await open();
    try {
      const r = await page.evaluate(() => {
        const blocks = [...document.querySelectorAll('.statement, .reading, .corrected, ol.steps > li')];
        const leftovers: string[] = [];
        for (const b of blocks) {
          const clone = b.cloneNode(true) as HTMLElement;
          clone.querySelectorAll('.katex, details > .detail, summary').forEach((k) => k.remove());
          if (clone.textContent!.includes('$')) leftovers.push(clone.textContent!.slice(0, 200));
        }
        return {
          katex: document.querySelectorAll('.katex .katex-html').length,
          errors: document.querySelectorAll('.tex-error').length,
          leftovers,
          blocks: blocks.length,
        };
      });
      expect(r.blocks).toBeGreaterThan(0);
      expect(r.katex).toBeGreaterThan(r.blocks / 2);
      expect(r.errors).toBe(0);
      expect(r.leftovers).toEqual([]);
    } finally {
      await close();
    }
  });

  test('every plot is an SVG with data marks', async () => {
    const { page, close } = await open();
    try {
      const plots = await page.evaluate(() =>
        [...document.querySelectorAll('figure.plot')].map((f) => {
          const svg = f.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          const marks = svg
            ? svg.querySelectorAll('g.mark-symbol path, g.mark-line path, g.mark-area path, g.mark-rule line').length
            : 0;
          return {
            title: f.querySelector('figcaption')?.textContent ?? '',
            svg: !!svg,
            width: box?.width ?? 0,
            height: box?.height ?? 0,
            marks,
            failed: !!f.querySelector('.err'),
          };
        }),
      );
      expect(plots.length).toBe(seriesCount(report));
      if (!process.env.MUON_REPORT_JSON) expect(plots.length).toBeGreaterThanOrEqual(5);
      for (const p of plots) {
        expect(p, p.title).toMatchObject({ svg: true, failed: false });
        expect(p.width, p.title).toBeGreaterThan(200);
        expect(p.height, p.title).toBeGreaterThan(100);
        expect(p.marks, p.title).toBeGreaterThan(0);
      }
    } finally {
      await close();
    }
  });

  test('every in-page link has a target, and following one shows its card', async () => {
    const { page, close } = await open();
    try {
      const broken = await page.evaluate(() =>
        [...document.querySelectorAll('a[href^="#"]')]
          .map((a) => a.getAttribute('href')!)
          .filter((h) => !document.getElementById(decodeURIComponent(h.slice(1)))),
      );
      expect(broken).toEqual([]);
      const failing = report.claims.find((c) => c.verdict === 'fail') ?? report.claims[0];
      await page.locator('#fails a, nav.toc a.chip').first().click();
      const target = await page.evaluate(() => document.querySelector(':target')?.id ?? null);
      expect(target).not.toBeNull();
      await page.goto(`${pageUrl}#${encodeURIComponent(anchorId(failing.id))}`);
      expect(await page.locator(':target').getAttribute('id')).toBe(anchorId(failing.id));
      expect(await page.locator(':target').isVisible()).toBe(true);
    } finally {
      await close();
    }
  });

  test('the filter narrows the cards with scripts on; without scripts every card is shown', async () => {
    const { page, close } = await open();
    try {
      await expect.poll(() => page.locator('#filters').isVisible()).toBe(true);
      await page.selectOption('#filters select[name="verdict"]', 'fail');
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll('article.card')]
          .filter((a) => !(a as HTMLElement).hidden)
          .map((a) => a.getAttribute('data-verdict')),
      );
      expect(shown.length).toBe(report.claims.filter((c) => c.verdict === 'fail').length);
      expect(new Set(shown)).toEqual(new Set(shown.length ? ['fail'] : []));
      expect(await page.locator('#shown').textContent()).toBe(
        `showing ${shown.length} of ${report.claims.length} claims`,
      );
      // A link to a card the filter hides clears the filter.
      const passing = report.claims.find((c) => c.verdict === 'pass');
      if (passing) {
        await page.evaluate((id) => {
          location.hash = id;
        }, anchorId(passing.id));
        await expect.poll(() => page.locator(`[id="${anchorId(passing.id)}"]`).isVisible()).toBe(true);
      }
    } finally {
      await close();
    }
    const noJs = await open({ javaScriptEnabled: false });
    try {
      expect(await noJs.page.locator('#filters').isVisible()).toBe(false);
      expect(await noJs.page.locator('article.card:visible').count()).toBe(report.claims.length);
      expect(noJs.problems).toEqual([]);
    } finally {
      await noJs.close();
    }
  });

  test('a screenshot is saved under reports/', async () => {
    const { page, close } = await open({ width: 1100 });
    try {
      mkdirSync(join(projectRoot, 'reports'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: false });
      expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
      // No horizontal scrolling at a laptop width: wide tables and formulas scroll inside their boxes.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await close();
    }
  });
});
