/**
 * Claim text with LaTeX in it, rendered on the server by KaTeX: `$…$` and `\(…\)` inline, `$$…$$` and
 * `\[…\]` displayed, `\$` a literal dollar. The page needs no script for it; the KaTeX stylesheet is
 * inlined with its fonts as data URIs (`katexCss`), so the page opens from disk with no network.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import katex from 'katex';
import { escapeHtml } from './escape.js';

export type Token = { type: 'text'; value: string } | { type: 'math'; value: string; display: boolean };

/**
 * Splits text at math delimiters. An opening delimiter without its closing one stays text (so a
 * stray `$` is printed, never swallowing the rest of the paragraph).
 */
export function splitMath(text: string): Token[] {
  const out: Token[] = [];
  let buf = '';
  const flush = () => {
    if (buf) out.push({ type: 'text', value: buf });
    buf = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && text[i + 1] === '$') {
      buf += '$';
      i += 2;
      continue;
    }
    let open = '',
      close = '',
      display = false;
    if (text.startsWith('$$', i)) {
      open = '$$';
      close = '$$';
      display = true;
    } else if (ch === '$') {
      open = '$';
      close = '$';
    } else if (text.startsWith('\\(', i)) {
      open = '\\(';
      close = '\\)';
    } else if (text.startsWith('\\[', i)) {
      open = '\\[';
      close = '\\]';
      display = true;
    }
    if (open) {
      const end = findClose(text, i + open.length, close);
      if (end > i + open.length) {
        flush();
        out.push({ type: 'math', value: text.slice(i + open.length, end), display });
        i = end + close.length;
        continue;
      }
    }
    buf += ch;
    i++;
  }
  flush();
  return out;
}

/** Index of the closing delimiter, skipping backslash escapes (`\$` inside math); −1 if none. */
function findClose(text: string, from: number, close: string): number {
  for (let j = from; j < text.length; j++) {
    if (text.startsWith(close, j)) return j;
    if (text[j] === '\\') j++; // an escaped character (\$, \\) never closes
  }
  return -1;
}

/** One formula as HTML; a formula KaTeX cannot parse is shown as its source, marked, with the reason. */
export function renderTex(tex: string, display = false): string {
  try {
    return katex.renderToString(tex, {
      displayMode: display,
      throwOnError: true,
      strict: 'ignore',
      trust: false,
      output: 'htmlAndMathml',
    });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return `<code class="tex-error" title="${escapeHtml(`KaTeX could not render this: ${why}`)}">${escapeHtml(tex)}</code>`;
  }
}

/** Text with math inside, without paragraph breaks (titles, table cells, one-line summaries). */
export function renderInline(text: string): string {
  return splitMath(text)
    .map((t) => (t.type === 'text' ? escapeHtml(t.value) : renderTex(t.value, t.display)))
    .join('');
}

/** Text with math, blank lines separating paragraphs (statements, readings). */
export function renderRich(text: string): string {
  return text
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${renderInline(p.trim())}</p>`)
    .join('\n');
}

/**
 * A derivation step's statement: pure LaTeX in the claim files (rendered as one formula, inline so
 * that long ones wrap at relations), or text with `$…$` in it.
 */
export function renderStep(statement: string): string {
  return /(^|[^\\])\$|\\\(|\\\[/.test(statement) ? renderInline(statement) : renderTex(statement, false);
}

let cssCache: string | null = null;

/** KaTeX's stylesheet with every font inlined as a woff2 data URI (≈ 350 KB), or without fonts. */
export function katexCss(fonts = true): string {
  if (fonts && cssCache !== null) return cssCache;
  const require = createRequire(import.meta.url);
  const cssFile = require.resolve('katex/dist/katex.min.css');
  const css = readFileSync(cssFile, 'utf8');
  const fontDir = join(dirname(cssFile), 'fonts');
  // Each @font-face lists woff2, woff and ttf files; keep the woff2 one, inlined. Without fonts the
  // rule is dropped and the browser falls back to its serif fonts (readable, less faithful).
  const out = css.replace(/@font-face\{[^}]*\}/g, (rule) => {
    if (!fonts) return '';
    const m = /url\((?:"|')?(fonts\/[^)"']+\.woff2)(?:"|')?\)/.exec(rule);
    if (!m) return '';
    const data = readFileSync(join(fontDir, m[1].slice('fonts/'.length))).toString('base64');
    return rule.replace(/src:[^;}]+/, `src:url(data:font/woff2;base64,${data}) format("woff2")`);
  });
  if (fonts) cssCache = out;
  return out;
}
