/**
 * A check's `series` as an inline SVG: each series becomes a Vega-Lite spec, compiled to Vega and
 * rendered headless in Node by `vega`'s SVG string renderer (no canvas, no browser, no network).
 * Nothing here draws paths by hand. Malformed or unplottable data are left out with a note saying
 * what and why; a plot never fails the report.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Series, SeriesPoint } from '../../verify/types.js';
import { fmt } from './model.js';

const KINDS = ['loglog-fit', 'band', 'lines', 'points'] as const;
/** Okabe–Ito colours (distinguishable with the common colour-vision deficiencies); vermillion is kept for the reference. */
const PALETTE = ['#0072B2', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
const REFERENCE_COLOR = '#D55E00';
const WIDTH = 560,
  HEIGHT = 250;

export interface PreparedSeries {
  series: Series;
  points: SeriesPoint[];
  reference: { x: number; y: number; label?: string }[];
  logX: boolean;
  logY: boolean;
  notes: string[];
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a series as read from a report and keeps what its axes can show; `error` when nothing is left. */
export function prepareSeries(raw: unknown): { ok: PreparedSeries } | { error: string } {
  if (!isPlain(raw)) return { error: 'a series must be an object { name, kind, x, y, points }' };
  const kind = raw.kind;
  if (!(KINDS as readonly unknown[]).includes(kind))
    return { error: `unknown series kind ${JSON.stringify(kind) ?? String(kind)} (expected ${KINDS.join(', ')})` };
  if (!Array.isArray(raw.points)) return { error: `series 'points' is not a list` };
  const k = kind as Series['kind'];
  const logX = k === 'loglog-fit' || raw.xScale === 'log';
  const logY = k === 'loglog-fit' || raw.yScale === 'log';
  const notes: string[] = [];
  let nonFinite = 0,
    offAxis = 0,
    lowCut = 0,
    badInterval = 0;
  const points: SeriesPoint[] = [];
  for (const p of raw.points) {
    if (!isPlain(p) || !finite(p.x) || !finite(p.y)) {
      nonFinite++;
      continue;
    }
    if ((logX && p.x <= 0) || (logY && p.y <= 0)) {
      offAxis++;
      continue;
    }
    const q: SeriesPoint = { x: p.x, y: p.y };
    if (typeof p.group === 'string' && p.group !== '') q.group = p.group;
    if (p.lo !== undefined || p.hi !== undefined) {
      if (finite(p.lo) && finite(p.hi) && p.lo <= p.hi) {
        q.hi = p.hi;
        if (logY && p.lo <= 0) lowCut++;
        else q.lo = p.lo;
      } else badInterval++;
    }
    points.push(q);
  }
  if (nonFinite) notes.push(`${nonFinite} point${nonFinite > 1 ? 's' : ''} without finite x and y left out`);
  if (offAxis) notes.push(`${offAxis} point${offAxis > 1 ? 's' : ''} ≤ 0 left out of the log axis`);
  if (lowCut)
    notes.push(`${lowCut} interval${lowCut > 1 ? 's reach' : ' reaches'} below 0: drawn from the point up only`);
  if (badInterval) notes.push(`${badInterval} malformed interval${badInterval > 1 ? 's' : ''} not drawn`);
  if (points.length === 0) return { error: `no plottable point${notes.length ? ` (${notes.join('; ')})` : ''}` };
  const reference: PreparedSeries['reference'] = [];
  if (Array.isArray(raw.reference)) {
    let dropped = 0;
    for (const r of raw.reference) {
      if (isPlain(r) && finite(r.x) && finite(r.y) && !(logX && r.x <= 0) && !(logY && r.y <= 0))
        reference.push({ x: r.x, y: r.y, ...(typeof r.label === 'string' ? { label: r.label } : {}) });
      else dropped++;
    }
    if (dropped)
      notes.push(`${dropped} reference point${dropped > 1 ? 's' : ''} not drawn (not finite, or ≤ 0 on a log axis)`);
  }
  const str = (v: unknown, d: string) => (typeof v === 'string' && v.trim() !== '' ? v : d);
  const series: Series = {
    name: str(raw.name, 'plot'),
    kind: k,
    x: str(raw.x, 'x'),
    y: str(raw.y, 'y'),
    points,
    ...(typeof raw.interval === 'string' ? { interval: raw.interval } : {}),
    ...(typeof raw.referenceName === 'string' ? { referenceName: raw.referenceName } : {}),
    ...(raw.referenceMark === 'points' ? { referenceMark: 'points' as const } : {}),
  };
  if (isPlain(raw.fit)) {
    const f = raw.fit;
    if (finite(f.slope) && finite(f.intercept)) {
      series.fit = { slope: f.slope, intercept: f.intercept };
      if (Array.isArray(f.ci) && finite(f.ci[0]) && finite(f.ci[1])) series.fit.ci = [f.ci[0], f.ci[1]];
      if (finite(f.confidence)) series.fit.confidence = f.confidence;
    } else notes.push('the fitted line is not finite: not drawn');
  }
  if (isPlain(raw.claimed)) {
    if (finite(raw.claimed.slope))
      series.claimed = {
        slope: raw.claimed.slope,
        ...(typeof raw.claimed.label === 'string' ? { label: raw.claimed.label } : {}),
      };
    else notes.push('the claimed slope is not finite: not drawn');
  }
  return { ok: { series, points, reference, logX, logY, notes } };
}

type Row = Record<string, number | string>;

/** The Vega-Lite spec of a prepared series. Every mark's colour comes from one legend (`g`). */
export function seriesSpec(p: PreparedSeries): TopLevelSpec {
  const s = p.series;
  const measured =
    s.kind === 'loglog-fit'
      ? `measured${s.interval ? ` (${s.interval})` : ''}`
      : s.interval
        ? `${s.y} (${s.interval})`
        : s.y;
  const groupOf = (q: SeriesPoint) => q.group ?? measured;
  const groups = [...new Set(p.points.map(groupOf))];
  const domain: string[] = [...groups];
  const range: string[] = groups.map((_, i) => PALETTE[i % PALETTE.length]);
  const rows: Row[] = p.points.map((q) => ({
    x: q.x,
    y: q.y,
    g: groupOf(q),
    ...(q.lo !== undefined ? { lo: q.lo } : {}),
    ...(q.hi !== undefined ? { hi: q.hi } : {}),
  }));
  // Log axes end at the data (padded), not at the enclosing powers of ten, and are labelled at decades.
  const scale = (log: boolean) =>
    log ? { type: 'log' as const, nice: false, padding: 10 } : { zero: false, nice: true };
  const xs = [...p.points.map((q) => q.x), ...p.reference.map((r) => r.x)];
  const ys = [...p.points.flatMap((q) => [q.y, q.lo ?? q.y, q.hi ?? q.y]), ...p.reference.map((r) => r.y)];
  const axis = (log: boolean, values: number[], exact: boolean) => {
    if (!log) return { format: '~g' };
    // A few distinct x values (the sizes n of a check): label exactly those.
    const distinct = [...new Set(values)].sort((a, b) => a - b);
    if (exact && distinct.length <= 4) return { values: distinct, format: '.4~g', grid: true };
    const ticks = logTicks(values);
    // Exponent notation when the ticks go far from 1 (0.000001 reads worse than 1e-6).
    return { values: ticks, format: ticks.some((t) => t < 1e-3 || t >= 1e5) ? '~e' : '~g', grid: true };
  };
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    title: s.x,
    scale: scale(p.logX),
    axis: axis(p.logX, xs, true),
  };
  const y = {
    field: 'y',
    type: 'quantitative' as const,
    title: s.y,
    scale: scale(p.logY),
    axis: axis(p.logY, ys, false),
  };
  const color = { field: 'g', type: 'nominal' as const, title: null };

  const layers: any[] = [];
  const withInterval = rows.filter((r) => r.hi !== undefined);
  if (s.kind === 'band' && withInterval.length) {
    const band = withInterval.map((r) => ({ ...r, lo: r.lo ?? r.y }));
    layers.push({
      data: { values: band },
      mark: { type: 'area', opacity: 0.2 },
      encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color },
    });
  } else if (withInterval.length) {
    const bars = withInterval.map((r) => ({ ...r, lo: r.lo ?? r.y }));
    layers.push({
      data: { values: bars },
      mark: { type: 'rule', strokeWidth: 1.5 },
      encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color },
    });
  }
  if (s.kind === 'band' || s.kind === 'lines') {
    // Markers only where they can be told apart (≤ 40 points per line).
    const perGroup = Math.max(...groups.map((g) => rows.filter((r) => r.g === g).length));
    const point = perGroup <= 40 ? { point: { filled: true, size: 28 } } : {};
    layers.push({
      data: { values: rows },
      mark: { type: 'line', ...point, strokeWidth: 1.8 },
      encoding: { x, y, color },
    });
  } else {
    layers.push({
      data: { values: rows },
      mark: { type: 'point', filled: true, size: 45, opacity: 1 },
      encoding: { x, y, color },
    });
  }
  if (s.kind === 'loglog-fit' && s.fit) {
    const xs = p.points.map((q) => q.x);
    const x0 = Math.min(...xs),
      x1 = Math.max(...xs);
    const at = (slope: number, lnA: number) => (xv: number) => Math.exp(lnA + slope * Math.log(xv));
    const fitted = at(s.fit.slope, s.fit.intercept);
    const conf = s.fit.confidence !== undefined ? `${+(s.fit.confidence * 100).toPrecision(6)}% ` : '';
    const fitLabel = `fitted slope ${fmt(s.fit.slope)}${s.fit.ci ? ` (${conf}CI [${fmt(s.fit.ci[0])}, ${fmt(s.fit.ci[1])}])` : ''}`;
    domain.push(fitLabel);
    range.push('#333333');
    const line: Row[] = [
      { x: x0, y: fitted(x0), g: fitLabel },
      { x: x1, y: fitted(x1), g: fitLabel },
    ];
    layers.push({ data: { values: line }, mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y, color } });
    if (s.claimed) {
      // Through the fitted line at the geometric centre of the x range, so the two slopes compare by eye.
      const xc = Math.exp(xs.reduce((a, v) => a + Math.log(v), 0) / xs.length);
      const lnA = Math.log(fitted(xc)) - s.claimed.slope * Math.log(xc);
      const claimedAt = at(s.claimed.slope, lnA);
      const label = s.claimed.label ?? `claimed slope ${fmt(s.claimed.slope)}`;
      domain.push(label);
      range.push(REFERENCE_COLOR);
      layers.push({
        data: {
          values: [
            { x: x0, y: claimedAt(x0), g: label },
            { x: x1, y: claimedAt(x1), g: label },
          ],
        },
        mark: { type: 'line', strokeWidth: 1.5, strokeDash: [6, 4] },
        encoding: { x, y, color },
      });
    }
  }
  if (p.reference.length) {
    const name = s.referenceName ?? 'claimed';
    domain.push(name);
    range.push(REFERENCE_COLOR);
    const ref = p.reference.map((r) => ({ x: r.x, y: r.y, g: name, label: r.label ?? '' })).sort((a, b) => a.x - b.x);
    if (s.referenceMark === 'points')
      layers.push({
        data: { values: ref },
        mark: { type: 'point', shape: 'diamond', filled: true, size: 70 },
        encoding: { x, y, color },
      });
    else
      layers.push({
        data: { values: ref },
        mark: {
          type: 'line',
          strokeDash: [6, 4],
          strokeWidth: 1.5,
          point: { shape: 'diamond', filled: true, size: 40 },
        },
        encoding: { x, y, color },
      });
    if (ref.some((r) => r.label)) {
      layers.push({
        data: { values: ref.filter((r) => r.label) },
        mark: { type: 'text', align: 'left', dx: 7, dy: -7, fontSize: 10, color: REFERENCE_COLOR },
        encoding: { x, y, text: { field: 'label' } },
      });
    }
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: s.name,
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    padding: 6,
    layer: layers,
    resolve: { scale: { color: 'shared' } },
    encoding: { color: { ...color, scale: { domain, range } } },
    config: {
      font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      axis: {
        labelFontSize: 11,
        titleFontSize: 12,
        titleFontWeight: 'normal',
        gridColor: '#e8e8e8',
        domainColor: '#888',
        tickColor: '#888',
      },
      legend: { orient: 'bottom', direction: 'vertical', labelFontSize: 11, labelLimit: 520, symbolSize: 80 },
      view: { stroke: '#ccc' },
    },
  } as TopLevelSpec;
}

/** Tick values for a log axis over the data: the decades inside, or 1-2-5 steps when fewer than two decades fit. */
export function logTicks(values: number[]): number[] {
  const v = values.filter((x) => x > 0 && Number.isFinite(x));
  if (v.length === 0) return [];
  const lo = Math.min(...v),
    hi = Math.max(...v);
  const e0 = Math.floor(Math.log10(lo)),
    e1 = Math.ceil(Math.log10(hi));
  const inside = (t: number) => t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9);
  const decades: number[] = [];
  for (let k = e0; k <= e1; k++) decades.push(+(10 ** k).toPrecision(12));
  let ticks = decades.filter(inside);
  if (ticks.length < 3) ticks = decades.flatMap((d) => [d, 2 * d, 5 * d].map((t) => +t.toPrecision(12))).filter(inside);
  if (ticks.length < 2) ticks = [lo, hi];
  // At most ~8 labels: every other decade on wide ranges.
  const step = Math.ceil(ticks.length / 8);
  return ticks.filter((_, i) => i % step === 0);
}

export interface Plot {
  /** The SVG markup, or null when the series could not be drawn (then `error` says why). */
  svg: string | null;
  title: string;
  notes: string[];
  error?: string;
}

/** One series as SVG markup, rendered by vega in Node. */
export async function renderSeries(raw: unknown): Promise<Plot> {
  const title = isPlain(raw) && typeof raw.name === 'string' ? raw.name : 'plot';
  const prepared = prepareSeries(raw);
  if ('error' in prepared) return { svg: null, title, notes: [], error: prepared.error };
  const p = prepared.ok;
  let view: vega.View | null = null;
  try {
    const vg = compile(seriesSpec(p)).spec;
    view = new vega.View(vega.parse(vg), { renderer: 'none', logLevel: vega.Error });
    const svg = await view.toSVG();
    return { svg, title: p.series.name, notes: p.notes };
  } catch (e) {
    return {
      svg: null,
      title,
      notes: p.notes,
      error: `the plot could not be rendered: ${e instanceof Error ? e.message : String(e)}`,
    };
  } finally {
    view?.finalize();
  }
}
