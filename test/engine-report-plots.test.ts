import { describe, expect, test } from 'vitest';
import {
  logTicks,
  prepareSeries,
  renderSeries,
  seriesSpec,
  type Plot,
  type PreparedSeries,
} from '../src/engine/report/render/plots.js';

const PALETTE = ['#0072B2', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
const REF = '#D55E00';
const LOG = { type: 'log', nice: false, padding: 10 };
const LIN = { zero: false, nice: true };

function ok(raw: unknown): PreparedSeries {
  const r = prepareSeries(raw);
  if (!('ok' in r)) throw new Error(`expected ok, got ${r.error}`);
  return r.ok;
}
function err(raw: unknown): string {
  const r = prepareSeries(raw);
  if (!('error' in r)) throw new Error('expected an error');
  return r.error;
}
const spec = (raw: unknown): any => seriesSpec(ok(raw));

describe('logTicks', () => {
  test('empty, non-positive and non-finite values give no ticks', () => {
    expect(logTicks([])).toEqual([]);
    expect(logTicks([0, -1, Number.NaN, Number.POSITIVE_INFINITY])).toEqual([]);
    expect(logTicks([0, -5, 10, 1000])).toEqual([10, 100, 1000]);
  });
  test('several decades: the decades inside', () => {
    expect(logTicks([1, 1000])).toEqual([1, 10, 100, 1000]);
    expect(logTicks([1000, 1, 50])).toEqual([1, 10, 100, 1000]);
    expect(logTicks([0.001, 0.5, 3])).toEqual([0.001, 0.01, 0.1, 1]);
  });
  test('one decade or less: 1-2-5 steps', () => {
    expect(logTicks([1, 10])).toEqual([1, 2, 5, 10]);
    expect(logTicks([2, 30])).toEqual([2, 5, 10, 20]);
    expect(logTicks([0.01, 0.5])).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5]);
    expect(logTicks([0.15, 0.3])).toEqual([0.15, 0.3]);
  });
  test('sub-decade with fewer than two 1-2-5 steps inside, and a single value: the data ends', () => {
    expect(logTicks([3, 4])).toEqual([3, 4]);
    expect(logTicks([5])).toEqual([5, 5]);
    expect(logTicks([0.3])).toEqual([0.3, 0.3]);
  });
  test('ends are included within a relative 1e-9 tolerance', () => {
    expect(logTicks([1.0000000001, 100])).toEqual([1, 10, 100]);
    expect(logTicks([1, 99.99999999])).toEqual([1, 10, 100]);
    expect(logTicks([1.001, 100])).toEqual([2, 5, 10, 20, 50, 100]);
  });
  test('at most ~8 labels: every other decade on wide ranges', () => {
    expect(logTicks([1, 1e7])).toEqual([1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7]);
    expect(logTicks([1, 1e8])).toEqual([1, 100, 1e4, 1e6, 1e8]);
    expect(logTicks([1e-12, 1])).toEqual([1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1]);
    expect(logTicks([1, 1e16])).toEqual([1, 1e3, 1e6, 1e9, 1e12, 1e15]);
  });
});

describe('prepareSeries: errors', () => {
  test('not an object', () => {
    const m = 'a series must be an object { name, kind, x, y, points }';
    expect(err(null)).toBe(m);
    expect(err([])).toBe(m);
    expect(err(3)).toBe(m);
  });
  test('unknown kind', () => {
    const tail = '(expected loglog-fit, band, lines, points)';
    expect(err({ kind: 'bar', points: [] })).toBe(`unknown series kind "bar" ${tail}`);
    expect(err({ points: [] })).toBe(`unknown series kind undefined ${tail}`);
    expect(err({ kind: 3, points: [] })).toBe(`unknown series kind 3 ${tail}`);
  });
  test('points not a list', () => {
    expect(err({ kind: 'points' })).toBe("series 'points' is not a list");
    expect(err({ kind: 'lines', points: { x: 1, y: 2 } })).toBe("series 'points' is not a list");
  });
  test('no plottable point, with the reasons', () => {
    expect(err({ kind: 'points', points: [] })).toBe('no plottable point');
    expect(err({ kind: 'points', points: [{ x: 1, y: Number.NaN }] })).toBe(
      'no plottable point (1 point without finite x and y left out)',
    );
    expect(
      err({
        kind: 'points',
        points: [null, [1, 2], { x: '1', y: 2 }, { x: 1, y: Number.POSITIVE_INFINITY }, { x: Number.NaN, y: 1 }],
      }),
    ).toBe('no plottable point (5 points without finite x and y left out)');
    expect(err({ kind: 'loglog-fit', points: [{ x: 0, y: 1 }] })).toBe(
      'no plottable point (1 point ≤ 0 left out of the log axis)',
    );
    expect(
      err({
        kind: 'loglog-fit',
        points: [
          { x: 1, y: 0 },
          { x: -1, y: 1 },
          { x: 1, y: null },
        ],
      }),
    ).toBe('no plottable point (1 point without finite x and y left out; 2 points ≤ 0 left out of the log axis)');
  });
});

describe('prepareSeries: what is kept', () => {
  test('defaults, scales and plain points', () => {
    const p = ok({ kind: 'points', points: [{ x: -1, y: 0 }] });
    expect(p).toEqual({
      series: { name: 'plot', kind: 'points', x: 'x', y: 'y', points: [{ x: -1, y: 0 }] },
      points: [{ x: -1, y: 0 }],
      reference: [],
      logX: false,
      logY: false,
      notes: [],
    });
    expect(ok({ kind: 'lines', name: '  ', x: '', y: ' ', points: [{ x: 1, y: 1 }] }).series).toMatchObject({
      name: 'plot',
      x: 'x',
      y: 'y',
    });
    expect(ok({ kind: 'lines', name: 'N', x: 'n', y: 'err', points: [{ x: 1, y: 1 }] }).series).toMatchObject({
      name: 'N',
      x: 'n',
      y: 'err',
    });
    const lx = ok({ kind: 'lines', xScale: 'log', points: [{ x: 1, y: -1 }] });
    expect([lx.logX, lx.logY]).toEqual([true, false]);
    const ly = ok({ kind: 'band', yScale: 'log', points: [{ x: -1, y: 1 }] });
    expect([ly.logX, ly.logY]).toEqual([false, true]);
    const ll = ok({ kind: 'loglog-fit', xScale: 'linear', yScale: 'linear', points: [{ x: 1, y: 1 }] });
    expect([ll.logX, ll.logY]).toEqual([true, true]);
  });
  test('off-axis points on one log axis only, with singular and plural notes', () => {
    const p = ok({
      kind: 'lines',
      xScale: 'log',
      points: [
        { x: 0, y: 1 },
        { x: 1, y: -3 },
        { x: 2, y: 0 },
        { x: 'a', y: 0 },
      ],
    });
    expect(p.points).toEqual([
      { x: 1, y: -3 },
      { x: 2, y: 0 },
    ]);
    expect(p.notes).toEqual(['1 point without finite x and y left out', '1 point ≤ 0 left out of the log axis']);
    const q = ok({
      kind: 'lines',
      yScale: 'log',
      points: [
        { x: 0, y: 1 },
        { x: 1, y: 0 },
        { x: 1, y: -1 },
      ],
    });
    expect(q.points).toEqual([{ x: 0, y: 1 }]);
    expect(q.notes).toEqual(['2 points ≤ 0 left out of the log axis']);
  });
  test('groups', () => {
    const p = ok({
      kind: 'points',
      points: [
        { x: 1, y: 1, group: 'a' },
        { x: 2, y: 2, group: '' },
        { x: 3, y: 3, group: 5 },
      ],
    });
    expect(p.points).toEqual([
      { x: 1, y: 1, group: 'a' },
      { x: 2, y: 2 },
      { x: 3, y: 3 },
    ]);
  });
  test('intervals: kept, malformed, cut below 0 on a log y axis', () => {
    const p = ok({
      kind: 'points',
      points: [
        { x: 1, y: 1, lo: 0.5, hi: 2 },
        { x: 2, y: 1, lo: 1, hi: 1 },
        { x: 3, y: 1, lo: 2, hi: 1 },
        { x: 4, y: 1, lo: 0.5 },
        { x: 5, y: 1, hi: 2 },
        { x: 6, y: 1, lo: Number.NaN, hi: 2 },
        { x: 7, y: 1, lo: -1, hi: 2 },
      ],
    });
    expect(p.points).toEqual([
      { x: 1, y: 1, lo: 0.5, hi: 2 },
      { x: 2, y: 1, lo: 1, hi: 1 },
      { x: 3, y: 1 },
      { x: 4, y: 1 },
      { x: 5, y: 1 },
      { x: 6, y: 1 },
      { x: 7, y: 1, lo: -1, hi: 2 },
    ]);
    expect(p.notes).toEqual(['4 malformed intervals not drawn']);
    const q = ok({
      kind: 'loglog-fit',
      points: [
        { x: 1, y: 1, lo: 0, hi: 2 },
        { x: 2, y: 1, lo: 0.5, hi: 2 },
        { x: 3, y: 1, lo: '0.5', hi: 2 },
      ],
    });
    expect(q.points).toEqual([
      { x: 1, y: 1, hi: 2 },
      { x: 2, y: 1, lo: 0.5, hi: 2 },
      { x: 3, y: 1 },
    ]);
    expect(q.notes).toEqual([
      '1 interval reaches below 0: drawn from the point up only',
      '1 malformed interval not drawn',
    ]);
    const r = ok({
      kind: 'lines',
      yScale: 'log',
      points: [
        { x: 1, y: 1, lo: -1, hi: 2 },
        { x: 2, y: 1, lo: 0, hi: 2 },
      ],
    });
    expect(r.points).toEqual([
      { x: 1, y: 1, hi: 2 },
      { x: 2, y: 1, hi: 2 },
    ]);
    expect(r.notes).toEqual(['2 intervals reach below 0: drawn from the point up only']);
  });
  test('reference points', () => {
    const p = ok({
      kind: 'loglog-fit',
      points: [{ x: 1, y: 1 }],
      reference: [
        { x: 2, y: 3, label: 'L' },
        { x: 4, y: 5, label: 7 },
        { x: 0, y: 1 },
        { x: 1, y: 0 },
        { x: 1, y: Number.NaN },
        null,
      ],
    });
    expect(p.reference).toEqual([
      { x: 2, y: 3, label: 'L' },
      { x: 4, y: 5 },
    ]);
    expect(p.notes).toEqual(['4 reference points not drawn (not finite, or ≤ 0 on a log axis)']);
    const q = ok({ kind: 'lines', points: [{ x: 1, y: 1 }], reference: [{ x: 0, y: -1 }, 'no'] });
    expect(q.reference).toEqual([{ x: 0, y: -1 }]);
    expect(q.notes).toEqual(['1 reference point not drawn (not finite, or ≤ 0 on a log axis)']);
    expect(ok({ kind: 'lines', points: [{ x: 1, y: 1 }], reference: { x: 1, y: 1 } }).reference).toEqual([]);
  });
  test('interval, referenceName and referenceMark are copied when well-typed', () => {
    const base = { kind: 'points', points: [{ x: 1, y: 1 }] };
    expect(ok({ ...base, interval: '±2 s.e.', referenceName: 'theory', referenceMark: 'points' }).series).toEqual({
      name: 'plot',
      kind: 'points',
      x: 'x',
      y: 'y',
      points: [{ x: 1, y: 1 }],
      interval: '±2 s.e.',
      referenceName: 'theory',
      referenceMark: 'points',
    });
    const s = ok({ ...base, interval: 3, referenceName: null, referenceMark: 'lines' }).series;
    expect('interval' in s || 'referenceName' in s || 'referenceMark' in s).toBe(false);
  });
  test('fit and claimed', () => {
    const base = { kind: 'loglog-fit', points: [{ x: 1, y: 1 }] };
    expect(ok({ ...base, fit: { slope: -1, intercept: 0.5, ci: [-1.1, -0.9], confidence: 0.95 } }).series.fit).toEqual({
      slope: -1,
      intercept: 0.5,
      ci: [-1.1, -0.9],
      confidence: 0.95,
    });
    expect(
      ok({ ...base, fit: { slope: -1, intercept: 0.5, ci: [-1.1, Number.NaN], confidence: '0.9' } }).series.fit,
    ).toEqual({ slope: -1, intercept: 0.5 });
    expect(ok({ ...base, fit: { slope: -1, intercept: 0.5, ci: [Number.NaN, 1] } }).series.fit).toEqual({
      slope: -1,
      intercept: 0.5,
    });
    expect(ok({ ...base, fit: { slope: -1, intercept: 0.5, ci: 'no' } }).series.fit).toEqual({
      slope: -1,
      intercept: 0.5,
    });
    const badFit = ok({ ...base, fit: { slope: Number.NaN, intercept: 0 } });
    expect(badFit.series.fit).toBeUndefined();
    expect(badFit.notes).toEqual(['the fitted line is not finite: not drawn']);
    expect(ok({ ...base, fit: { slope: 1 } }).notes).toEqual(['the fitted line is not finite: not drawn']);
    expect(ok({ ...base, fit: [1, 2] }).series.fit).toBeUndefined();
    expect(ok({ ...base, fit: [1, 2] }).notes).toEqual([]);
    expect(ok({ ...base, claimed: { slope: -2, label: 'theory' } }).series.claimed).toEqual({
      slope: -2,
      label: 'theory',
    });
    expect(ok({ ...base, claimed: { slope: -2, label: 1 } }).series.claimed).toEqual({ slope: -2 });
    const badClaim = ok({ ...base, claimed: { slope: '-2' } });
    expect(badClaim.series.claimed).toBeUndefined();
    expect(badClaim.notes).toEqual(['the claimed slope is not finite: not drawn']);
    expect(ok({ ...base, claimed: 'x' }).notes).toEqual([]);
  });
});

const CONFIG = {
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
};
const COLOR = { field: 'g', type: 'nominal', title: null };

describe('seriesSpec', () => {
  test('a linear points series, the whole spec', () => {
    const s = spec({
      name: 'N',
      kind: 'points',
      x: 'n',
      y: 'err',
      points: [
        { x: 1, y: 2 },
        { x: 3, y: 4, group: 'b' },
      ],
    });
    const x = { field: 'x', type: 'quantitative', title: 'n', scale: LIN, axis: { format: '~g' } };
    const y = { field: 'y', type: 'quantitative', title: 'err', scale: LIN, axis: { format: '~g' } };
    expect(s).toEqual({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      description: 'N',
      width: 560,
      height: 250,
      background: 'white',
      padding: 6,
      layer: [
        {
          data: {
            values: [
              { x: 1, y: 2, g: 'err' },
              { x: 3, y: 4, g: 'b' },
            ],
          },
          mark: { type: 'point', filled: true, size: 45, opacity: 1 },
          encoding: { x, y, color: COLOR },
        },
      ],
      resolve: { scale: { color: 'shared' } },
      encoding: { color: { ...COLOR, scale: { domain: ['err', 'b'], range: [PALETTE[0], PALETTE[1]] } } },
      config: CONFIG,
    });
  });
  test('the measured legend name', () => {
    const pts = [{ x: 1, y: 1 }];
    const dom = (raw: object) => spec({ points: pts, y: 'err', ...raw }).encoding.color.scale.domain;
    expect(dom({ kind: 'loglog-fit' })).toEqual(['measured']);
    expect(dom({ kind: 'loglog-fit', interval: '±2 s.e.' })).toEqual(['measured (±2 s.e.)']);
    expect(dom({ kind: 'lines', interval: '99% CI' })).toEqual(['err (99% CI)']);
    expect(dom({ kind: 'lines', interval: '' })).toEqual(['err']);
    expect(dom({ kind: 'points' })).toEqual(['err']);
  });
  test('colours cycle through the palette', () => {
    const points = Array.from({ length: 9 }, (_, i) => ({ x: i, y: i, group: `g${i % 8}` }));
    const c = spec({ kind: 'points', points }).encoding.color.scale;
    expect(c.domain).toEqual(['g0', 'g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7']);
    expect(c.range).toEqual([...PALETTE, PALETTE[0]]);
  });
  test('log axes: exact x values when few, decade ticks otherwise, exponent format far from 1', () => {
    const s = spec({
      kind: 'loglog-fit',
      points: [
        { x: 100, y: 0.2, lo: 0.1, hi: 0.4 },
        { x: 1, y: 2 },
        { x: 10, y: 0.002 },
        { x: 10, y: 0.02 },
      ],
    });
    const enc = s.layer[1].encoding;
    expect(enc.x).toEqual({
      field: 'x',
      type: 'quantitative',
      title: 'x',
      scale: LOG,
      axis: { values: [1, 10, 100], format: '.4~g', grid: true },
    });
    expect(enc.y).toEqual({
      field: 'y',
      type: 'quantitative',
      title: 'y',
      scale: LOG,
      axis: { values: [0.01, 0.1, 1], format: '~g', grid: true },
    });
    const axes = (xs: number[], ys: number[]) => {
      const e = spec({ kind: 'loglog-fit', points: xs.map((x, i) => ({ x, y: ys[i] })) }).layer[0].encoding;
      return [e.x.axis, e.y.axis];
    };
    expect(axes([1, 2, 3, 4, 5], [1e-6, 1e-5, 1e-4, 1e-3, 1e-2])).toEqual([
      { values: [1, 2, 5], format: '~g', grid: true },
      { values: [1e-6, 1e-5, 1e-4, 1e-3, 1e-2], format: '~e', grid: true },
    ]);
    expect(axes([4, 3, 2, 1], [1e3, 1e4, 1e5, 1e5])).toEqual([
      { values: [1, 2, 3, 4], format: '.4~g', grid: true },
      { values: [1e3, 1e4, 1e5], format: '~e', grid: true },
    ]);
    expect(axes([10, 20, 30, 40, 50], [0.001, 0.01, 0.1, 1e4, 1e4])).toEqual([
      { values: [10, 20, 50], format: '~g', grid: true },
      { values: [0.001, 0.01, 0.1, 1, 10, 100, 1000, 1e4], format: '~g', grid: true },
    ]);
    // y on a log axis with few distinct values still uses logTicks; reference x values count for x.
    const e = spec({
      kind: 'lines',
      xScale: 'log',
      yScale: 'log',
      points: [{ x: 1, y: 1 }],
      reference: [{ x: 1000, y: 1000 }],
    }).layer[0].encoding;
    expect(e.x.axis).toEqual({ values: [1, 1000], format: '.4~g', grid: true });
    expect(e.y.axis).toEqual({ values: [1, 10, 100, 1000], format: '~g', grid: true });
    // Log only on x.
    const f = spec({ kind: 'lines', xScale: 'log', points: [{ x: 1, y: 1 }] }).layer[0].encoding;
    expect([f.x.scale, f.y.scale, f.y.axis]).toEqual([LOG, LIN, { format: '~g' }]);
  });
  test('loglog-fit: error bars, points, the fitted line and the claimed slope', () => {
    const s = spec({
      kind: 'loglog-fit',
      interval: '±2 s.e.',
      points: [
        { x: 10, y: 0.2, lo: 0.1, hi: 0.4 },
        { x: 1, y: 2 },
        { x: 1000, y: 0.002, hi: 0.004, lo: 0 },
      ],
      fit: { slope: -1, intercept: Math.log(2), ci: [-1.1, -0.9], confidence: 0.95 },
      claimed: { slope: -2 },
    });
    expect(s.layer).toHaveLength(4);
    const [bars, pts, fit, claimed] = s.layer;
    const { x, y, color } = pts.encoding;
    expect(color).toEqual(COLOR);
    const g = 'measured (±2 s.e.)';
    expect(bars).toEqual({
      data: {
        values: [
          { x: 10, y: 0.2, g, lo: 0.1, hi: 0.4 },
          { x: 1000, y: 0.002, g, lo: 0.002, hi: 0.004 },
        ],
      },
      mark: { type: 'rule', strokeWidth: 1.5 },
      encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: COLOR },
    });
    expect(pts).toEqual({
      data: {
        values: [
          { x: 10, y: 0.2, g, lo: 0.1, hi: 0.4 },
          { x: 1, y: 2, g },
          { x: 1000, y: 0.002, g, hi: 0.004 },
        ],
      },
      mark: { type: 'point', filled: true, size: 45, opacity: 1 },
      encoding: { x, y, color: COLOR },
    });
    const fitLabel = 'fitted slope -1 (95% CI [−1.1, −0.9])';
    expect(fit.mark).toEqual({ type: 'line', strokeWidth: 1.5 });
    expect(fit.encoding).toEqual({ x, y, color: COLOR });
    const fv = fit.data.values;
    expect(fv.map((r: { x: number; g: string }) => [r.x, r.g])).toEqual([
      [1, fitLabel],
      [1000, fitLabel],
    ]);
    expect(fv[0].y).toBeCloseTo(2, 12);
    expect(fv[1].y).toBeCloseTo(0.002, 14);
    const xc = 10 ** (4 / 3);
    const claimLabel = 'claimed slope -2';
    expect(claimed.mark).toEqual({ type: 'line', strokeWidth: 1.5, strokeDash: [6, 4] });
    expect(claimed.encoding).toEqual({ x, y, color: COLOR });
    const cv = claimed.data.values;
    expect(cv.map((r: { x: number; g: string }) => [r.x, r.g])).toEqual([
      [1, claimLabel],
      [1000, claimLabel],
    ]);
    expect(cv[0].y).toBeCloseTo(2 * xc, 10);
    expect(cv[1].y / ((2 * xc) / 1e6)).toBeCloseTo(1, 10);
    expect(s.encoding.color.scale).toEqual({
      domain: [g, fitLabel, claimLabel],
      range: [PALETTE[0], '#333333', REF],
    });
  });
  test('fit labels without ci or confidence, a claimed label, and no fit line without a fit', () => {
    const pts = [
      { x: 2, y: 1 },
      { x: 8, y: 4 },
    ];
    const s = spec({
      kind: 'loglog-fit',
      points: pts,
      fit: { slope: 0.5, intercept: 0 },
      claimed: { slope: 1, label: 'theory' },
    });
    expect(s.encoding.color.scale.domain).toEqual(['measured', 'fitted slope 0.5', 'theory']);
    expect(s.layer[1].data.values[0].y).toBeCloseTo(Math.sqrt(2), 12);
    expect(s.layer[1].data.values[1].y).toBeCloseTo(Math.sqrt(8), 12);
    // xc = 4, fitted(4) = 2, slope 1 through (4, 2): y = x/2.
    expect(s.layer[2].data.values[0].y).toBeCloseTo(1, 12);
    expect(s.layer[2].data.values[1].y).toBeCloseTo(4, 12);
    const t = spec({ kind: 'loglog-fit', points: pts, fit: { slope: 1.23456, intercept: 0, ci: [1, 2] } });
    expect(t.encoding.color.scale.domain).toEqual(['measured', 'fitted slope 1.235 (CI [1, 2])']);
    const u = spec({ kind: 'loglog-fit', points: pts, fit: { slope: 1, intercept: 0, confidence: 0.999 } });
    expect(u.encoding.color.scale.domain).toEqual(['measured', 'fitted slope 1']);
    const v = spec({ kind: 'loglog-fit', points: pts, fit: { slope: 1, intercept: 0, ci: [0, 2], confidence: 0.999 } });
    expect(v.encoding.color.scale.domain).toEqual(['measured', 'fitted slope 1 (99.9% CI [0, 2])']);
    const w = spec({ kind: 'loglog-fit', points: pts, claimed: { slope: 1 } });
    expect(w.layer).toHaveLength(1);
    expect(w.encoding.color.scale).toEqual({ domain: ['measured'], range: [PALETTE[0]] });
    const z = spec({ kind: 'points', points: pts, fit: { slope: 1, intercept: 0 }, claimed: { slope: 1 } });
    expect(z.layer).toHaveLength(1);
  });
  test('band: an area for the intervals under a line with markers', () => {
    const s = spec({
      kind: 'band',
      y: 'err',
      yScale: 'log',
      points: [
        { x: 1, y: 1, lo: 0.5, hi: 2 },
        { x: 2, y: 2, lo: 0, hi: 3 },
        { x: 3, y: 3 },
      ],
    });
    const { x, y } = s.layer[1].encoding;
    expect(s.layer).toEqual([
      {
        data: {
          values: [
            { x: 1, y: 1, g: 'err', lo: 0.5, hi: 2 },
            { x: 2, y: 2, g: 'err', lo: 2, hi: 3 },
          ],
        },
        mark: { type: 'area', opacity: 0.2 },
        encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: COLOR },
      },
      {
        data: {
          values: [
            { x: 1, y: 1, g: 'err', lo: 0.5, hi: 2 },
            { x: 2, y: 2, g: 'err', hi: 3 },
            { x: 3, y: 3, g: 'err' },
          ],
        },
        mark: { type: 'line', point: { filled: true, size: 28 }, strokeWidth: 1.8 },
        encoding: { x, y, color: COLOR },
      },
    ]);
    expect(
      spec({ kind: 'band', points: [{ x: 1, y: 1 }] }).layer.map((l: { mark: { type: string } }) => l.mark.type),
    ).toEqual(['line']);
  });
  test('lines: markers only up to 40 points per group; error bars as rules', () => {
    const line = (n: number, extra: object[] = []) =>
      spec({ kind: 'lines', points: [...Array.from({ length: n }, (_, i) => ({ x: i, y: i })), ...extra] }).layer;
    expect(line(40)[0].mark).toEqual({ type: 'line', point: { filled: true, size: 28 }, strokeWidth: 1.8 });
    expect(line(41)[0].mark).toEqual({ type: 'line', strokeWidth: 1.8 });
    expect(line(41, [{ x: 0, y: 0, group: 'b' }])[0].mark).toEqual({ type: 'line', strokeWidth: 1.8 });
    const withBar = line(2, [{ x: 5, y: 5, lo: 4, hi: 6 }]);
    expect(withBar.map((l: { mark: { type: string } }) => l.mark.type)).toEqual(['rule', 'line']);
    expect(withBar[0].data.values).toEqual([{ x: 5, y: 5, g: 'y', lo: 4, hi: 6 }]);
  });
  test('reference: a dashed line with diamonds named "claimed", sorted by x, labels as text', () => {
    const s = spec({
      kind: 'lines',
      points: [{ x: 1, y: 1 }],
      reference: [
        { x: 3, y: 9, label: 'c' },
        { x: 2, y: 4 },
      ],
    });
    const { x, y } = s.layer[0].encoding;
    expect(s.layer.slice(1)).toEqual([
      {
        data: {
          values: [
            { x: 2, y: 4, g: 'claimed', label: '' },
            { x: 3, y: 9, g: 'claimed', label: 'c' },
          ],
        },
        mark: {
          type: 'line',
          strokeDash: [6, 4],
          strokeWidth: 1.5,
          point: { shape: 'diamond', filled: true, size: 40 },
        },
        encoding: { x, y, color: COLOR },
      },
      {
        data: { values: [{ x: 3, y: 9, g: 'claimed', label: 'c' }] },
        mark: { type: 'text', align: 'left', dx: 7, dy: -7, fontSize: 10, color: REF },
        encoding: { x, y, text: { field: 'label' } },
      },
    ]);
    expect(s.encoding.color.scale).toEqual({ domain: ['y', 'claimed'], range: [PALETTE[0], REF] });
  });
  test('reference as points with a name, and no text layer without labels', () => {
    const s = spec({
      kind: 'points',
      points: [{ x: 1, y: 1 }],
      referenceName: 'theory',
      referenceMark: 'points',
      reference: [{ x: 2, y: 4 }],
    });
    expect(s.layer).toHaveLength(2);
    expect(s.layer[1].data).toEqual({ values: [{ x: 2, y: 4, g: 'theory', label: '' }] });
    expect(s.layer[1].mark).toEqual({ type: 'point', shape: 'diamond', filled: true, size: 70 });
    expect(s.encoding.color.scale.domain).toEqual(['y', 'theory']);
  });
});

describe('renderSeries', () => {
  test('an invalid series: an error plot, titled by its name', async () => {
    const p: Plot = await renderSeries({ name: 'Bad', kind: 'pie', points: [] });
    expect(p).toEqual({
      svg: null,
      title: 'Bad',
      notes: [],
      error: 'unknown series kind "pie" (expected loglog-fit, band, lines, points)',
    });
  });
  test('a valid series: svg markup, its title and notes', async () => {
    const p = await renderSeries({
      name: 'Scaling',
      kind: 'loglog-fit',
      points: [
        { x: 1, y: 1 },
        { x: 10, y: 0.1 },
        { x: 0, y: 1 },
      ],
      fit: { slope: -1, intercept: 0 },
    });
    expect(p.error).toBeUndefined();
    expect(p.title).toBe('Scaling');
    expect(p.notes).toEqual(['1 point ≤ 0 left out of the log axis']);
    expect(p.svg).toMatch(/^<svg/);
    expect(p.svg).toContain('fitted slope -1');
  });
});
