/**
 * Evidence as a person reads it: matrices (nested arrays) as small bracketed tables, vectors as
 * rows, lists of records as tables, objects as key–value lists, numbers to 4 digits. Never raw JSON,
 * except for what is too deep to lay out.
 */
import { escapeHtml } from './escape.js';
import { fmt, isNumberLike } from './model.js';

const MAX_DIM = 12;
const MAX_ROWS = 40;
const MAX_DEPTH = 4;

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPrimitive = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** A non-empty array of equally long non-empty arrays of numbers: a matrix. */
export function isMatrix(v: unknown): v is unknown[][] {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((r) => Array.isArray(r) && r.length > 0 && r.length === (v[0] as unknown[]).length && r.every(isNumberLike))
  );
}

export function isVector(v: unknown): v is unknown[] {
  return Array.isArray(v) && v.length > 0 && v.every(isNumberLike);
}

function num(x: unknown): string {
  return `<span class="num">${escapeHtml(fmt(x))}</span>`;
}

/** Rows and columns beyond MAX_DIM elided with ⋯ / ⋮ (the size is printed beside). */
export function matrixHtml(m: unknown[][]): string {
  const rows = m.length,
    cols = m[0].length;
  const ri = rows > MAX_DIM ? [...range(MAX_DIM - 1), -1, rows - 1] : range(rows);
  const ci = cols > MAX_DIM ? [...range(MAX_DIM - 1), -1, cols - 1] : range(cols);
  const body = ri
    .map(
      (r) =>
        `<tr>${ci.map((c) => (r < 0 ? `<td class="elide">${c < 0 ? '⋱' : '⋮'}</td>` : c < 0 ? '<td class="elide">⋯</td>' : `<td>${escapeHtml(fmt(m[r][c]))}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<span class="matrix-wrap"><table class="matrix" aria-label="${rows}×${cols} matrix"><tbody>${body}</tbody></table><span class="dims">${rows}×${cols}</span></span>`;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function vectorHtml(v: unknown[]): string {
  const shown =
    v.length > 3 * MAX_DIM ? [...v.slice(0, 3 * MAX_DIM - 1).map(fmt), '…', fmt(v[v.length - 1])] : v.map(fmt);
  return `<span class="vector">(${shown.map((x) => `<span class="num">${escapeHtml(x)}</span>`).join(', ')})${v.length > 3 ? `<span class="dims">${v.length}</span>` : ''}</span>`;
}

/** A list of flat records with shared keys, e.g. the points of a fit. */
function recordsTable(rows: Record<string, unknown>[], depth: number): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const shown = rows.length > MAX_ROWS ? rows.slice(0, MAX_ROWS) : rows;
  const head = keys.map((k) => `<th>${escapeHtml(k)}</th>`).join('');
  const body = shown
    .map((r) => `<tr>${keys.map((k) => `<td>${k in r ? valueHtml(r[k], depth + 1) : ''}</td>`).join('')}</tr>`)
    .join('');
  const more =
    rows.length > shown.length
      ? `<tr><td colspan="${keys.length}" class="muted">… ${rows.length - shown.length} more rows</td></tr>`
      : '';
  return `<div class="scroll"><table class="records"><thead><tr>${head}</tr></thead><tbody>${body}${more}</tbody></table></div>`;
}

/** Any value from a report, laid out for reading. */
export function valueHtml(v: unknown, depth = 0): string {
  if (v === null || v === undefined) return '<span class="muted">—</span>';
  if (isNumberLike(v)) return num(v);
  if (typeof v === 'boolean') return `<span class="num">${v}</span>`;
  if (typeof v === 'string') return `<span class="str">${escapeHtml(v)}</span>`;
  if (isMatrix(v)) return matrixHtml(v);
  if (isVector(v)) return vectorHtml(v);
  if (depth >= MAX_DEPTH) return `<code class="json">${escapeHtml(safeJson(v))}</code>`;
  if (Array.isArray(v)) {
    if (v.length === 0) return '<span class="muted">(empty)</span>';
    if (
      v.every(
        (r) =>
          isPlain(r) &&
          Object.values(r).every((x) => isPrimitive(x) || isVector(x) || (Array.isArray(x) && x.length <= 2)),
      )
    )
      return recordsTable(v as Record<string, unknown>[], depth);
    if (v.every(isPrimitive)) return v.map((x) => valueHtml(x, depth + 1)).join(', ');
    return `<ol class="values">${v
      .slice(0, MAX_ROWS)
      .map((x) => `<li>${valueHtml(x, depth + 1)}</li>`)
      .join('')}${v.length > MAX_ROWS ? `<li class="muted">… ${v.length - MAX_ROWS} more</li>` : ''}</ol>`;
  }
  if (isPlain(v)) {
    const entries = Object.entries(v);
    if (entries.length === 0) return '<span class="muted">(empty)</span>';
    return `<dl class="kv">${entries.map(([k, x]) => `<dt>${escapeHtml(k)}</dt><dd>${valueHtml(x, depth + 1)}</dd>`).join('')}</dl>`;
  }
  return `<span class="str">${escapeHtml(String(v))}</span>`;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * A counterexample as the verifier records it: the check it refutes, the (shrunk) input, the
 * measured value against its bound with the details; or a statistic with its interval and rule.
 */
export function counterexampleHtml(ce: unknown): string {
  if (!isPlain(ce)) return `<div class="ce">${valueHtml(ce)}</div>`;
  const { check, input, measured, numShrinks, statistic, maxError, tolerance, mostSevere, ...rest } = ce;
  const parts: string[] = [];
  if (typeof check === 'string')
    parts.push(`<p class="ce-check">Refuted check: <strong>${escapeHtml(check)}</strong></p>`);
  if (input !== undefined)
    parts.push(
      `<div class="ce-row"><span class="ce-label">Input${typeof numShrinks === 'number' ? ` <span class="muted">(shrunk ${numShrinks}×)</span>` : ''}</span><div class="ce-value">${valueHtml(input)}</div></div>`,
    );
  if (isPlain(measured)) {
    const { value, bound, relation, detail, infinite, ...more } = measured;
    const rel = relation === '>=' ? '≥' : '≤';
    parts.push(
      `<div class="ce-row"><span class="ce-label">Measured</span><div class="ce-value"><span class="measured">${num(value)} <span class="violates">but must be ${rel}</span> ${num(bound)}</span>${typeof infinite === 'string' ? `<div class="muted">∞ because ${escapeHtml(infinite)}</div>` : ''}</div></div>`,
    );
    if (
      detail !== null &&
      detail !== undefined &&
      !(
        isPlain(detail) &&
        typeof infinite === 'string' &&
        Object.keys(detail).length === 1 &&
        Object.values(detail)[0] === infinite
      )
    ) {
      parts.push(
        `<div class="ce-row"><span class="ce-label">Details</span><div class="ce-value">${valueHtml(detail)}</div></div>`,
      );
    }
    if (Object.keys(more).length)
      parts.push(
        `<div class="ce-row"><span class="ce-label">More</span><div class="ce-value">${valueHtml(more)}</div></div>`,
      );
  } else if (measured !== undefined) {
    parts.push(
      `<div class="ce-row"><span class="ce-label">Measured</span><div class="ce-value">${valueHtml(measured)}</div></div>`,
    );
  }
  if (isPlain(mostSevere))
    parts.push(
      measuredCaseHtml(
        'Most severe',
        mostSevere,
        input !== undefined && sameJson(mostSevere.input, input)
          ? 'the same input as above'
          : 'the worst failing case seen, before shrinking',
      ),
    );
  if (isPlain(statistic)) parts.push(statisticHtml(statistic));
  else if (statistic !== undefined)
    parts.push(
      `<div class="ce-row"><span class="ce-label">Statistic</span><div class="ce-value">${valueHtml(statistic)}</div></div>`,
    );
  if (maxError !== undefined || tolerance !== undefined)
    parts.push(
      `<div class="ce-row"><span class="ce-label">Measured</span><div class="ce-value">${num(maxError)} against tolerance ${num(tolerance)}</div></div>`,
    );
  if (Object.keys(rest).length)
    parts.push(
      `<div class="ce-row"><span class="ce-label">Also</span><div class="ce-value">${valueHtml(rest)}</div></div>`,
    );
  return `<div class="ce">${parts.join('\n')}</div>`;
}

function sameJson(a: unknown, b: unknown): boolean {
  return safeJson(a) === safeJson(b);
}

/**
 * A measured case other than the counterexample itself — the most severe failing case of a failing
 * check (`counterexample.mostSevere`), or the case a passing check came closest to failing at
 * (`closest`): its input and value against bound, in a collapsed block headed `label`.
 */
export function measuredCaseHtml(label: string, c: Record<string, unknown>, note: string): string {
  const m = isPlain(c.measured) ? c.measured : {};
  const rel = m.relation === '>=' ? '≥' : '≤';
  const index = typeof c.index === 'number' ? ` <span class="muted">(case ${c.index + 1})</span>` : '';
  const head = `${num(m.value)} ${rel} ${num(m.bound)}${index} <span class="muted">— ${escapeHtml(note)}</span>`;
  const rows = [
    `<div class="ce-row"><span class="ce-label">Input</span><div class="ce-value">${valueHtml(c.input)}</div></div>`,
  ];
  if (typeof m.infinite === 'string')
    rows.push(
      `<div class="ce-row"><span class="ce-label">∞ because</span><div class="ce-value">${escapeHtml(m.infinite)}</div></div>`,
    );
  if (m.detail !== null && m.detail !== undefined)
    rows.push(
      `<div class="ce-row"><span class="ce-label">Details</span><div class="ce-value">${valueHtml(m.detail)}</div></div>`,
    );
  return `<details class="ce-data"><summary><span class="ce-label">${escapeHtml(label)}</span> ${head}</summary>${rows.join('')}</details>`;
}

/** A statistic: estimate, interval, rule, samples, then whatever else the property recorded. */
export function statisticHtml(s: Record<string, unknown>): string {
  const { name, estimate, ci, confidence, rule, decision: _decision, samples, series: _series, ...extra } = s;
  void _decision;
  void _series;
  const conf = typeof confidence === 'number' ? `${+(confidence * 100).toPrecision(6)}% ` : '';
  const ciText = Array.isArray(ci) ? `${conf}CI [${num(ci[0])}, ${num(ci[1])}]` : '';
  const rows = [
    `<div class="ce-row"><span class="ce-label">Statistic</span><div class="ce-value">${typeof name === 'string' ? `${escapeHtml(name)}: ` : ''}${num(estimate)}${ciText ? `, ${ciText}` : ''}${typeof samples === 'number' ? ` <span class="muted">(${samples} samples)</span>` : ''}</div></div>`,
  ];
  if (typeof rule === 'string')
    rows.push(
      `<div class="ce-row"><span class="ce-label">Rule</span><div class="ce-value">${escapeHtml(rule)}</div></div>`,
    );
  if (Object.keys(extra).length)
    rows.push(
      `<details class="ce-data"><summary>data behind the statistic (${Object.keys(extra).map(escapeHtml).join(', ')})</summary>${valueHtml(extra)}</details>`,
    );
  return rows.join('\n');
}
