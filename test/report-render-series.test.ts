import { describe, expect, test } from 'vitest';
import { exponentAxes, exponentDecision } from '../src/checks/exponentDecision.js';
import { exponentFit } from '../src/math/stats/exponentFit.js';
import { statistic } from '../src/engine/verify/checks/statistic.js';
import { compute } from '../src/engine/verify/checks/compute.js';
import { runAndNormalize } from '../src/engine/verify/checks/outcome.js';
import { squareRootErrorSeries } from '../src/checks/atScale/polarRelationAtScale.js';
import { logTicks, prepareSeries, renderSeries } from '../src/engine/report/render/plots.js';
import type { CheckContext, Series } from '../src/engine/verify/types.js';

const ctx = (log: string[] = []): CheckContext => ({ seed: 1, heavy: false, log: (m) => log.push(m) });
const KS = [16, 32, 64, 128, 256];
const Y = KS.map((k, i) => (1 / k) * (1 + 0.01 * ((i % 2) - 0.5)));
const SE = Y.map((y) => y * 0.02);

describe('exponentDecision: the plot is added, the decision is unchanged', () => {
  test('the statistic is the fit, and the series carries the points, the fit and the claimed slope', () => {
    const d = exponentDecision('log–log slope of Bias[Uon] in k', KS, Y, SE, -1, 5000);
    const f = exponentFit(KS, Y, SE, 0.9999);
    expect(d).toMatchObject({
      estimate: f.slope,
      ci: f.ci,
      confidence: 0.9999,
      samples: 5000,
      decision: { kind: 'contains', value: -1, maxWidth: 0.2 },
      intercept: f.intercept,
    });
    expect(d.series).toHaveLength(1);
    const s = d.series[0];
    expect(s).toMatchObject({
      kind: 'loglog-fit',
      x: 'k',
      y: 'Bias[Uon]',
      fit: { slope: f.slope, intercept: f.intercept, ci: f.ci },
      claimed: { slope: -1 },
    });
    expect(s.points.map((p) => p.x)).toEqual(KS);
    s.points.forEach((p, i) => expect([p.lo, p.y, p.hi]).toEqual([Y[i] - 2 * SE[i], Y[i], Y[i] + 2 * SE[i]]));
  });

  test("axis titles are read off the statistic's name", () => {
    expect(exponentAxes('log–log slope of ‖E[C₃(E)]‖ in k (skewed noise)')).toEqual({ y: '‖E[C₃(E)]‖', x: 'k' });
    expect(exponentAxes('slope of log Bias vs log t (Σ → tΣ)')).toEqual({ y: 'Bias', x: 't' });
    expect(exponentAxes('log–log slope of k* in κ(G) at fixed tr Σ/‖G‖_F²')).toEqual({ y: 'k*', x: 'κ(G)' });
    expect(exponentAxes('something else')).toEqual({ x: 'x', y: 'statistic' });
  });

  test('statistic() moves the series to the outcome, out of the evidence, and decides exactly as without it', async () => {
    const withPlot = statistic({
      name: 'slope',
      backend: 'scalar-f64',
      toleranceReason: 'r',
      run: () => exponentDecision('slope of b in k', KS, Y, SE, -1, 10),
    });
    const without = statistic({
      name: 'slope',
      backend: 'scalar-f64',
      toleranceReason: 'r',
      run: () => {
        const { series: _s, ...d } = exponentDecision('slope of b in k', KS, Y, SE, -1, 10);
        void _s;
        return d;
      },
    });
    const a = await runAndNormalize(withPlot, ctx());
    const b = await runAndNormalize(without, ctx());
    expect(a.series).toHaveLength(1);
    expect(a.statistic).not.toHaveProperty('series');
    const { series: _s, ms: _a, ...restA } = a;
    const { ms: _b, ...restB } = b;
    void _s;
    void _a;
    void _b;
    expect(restA).toEqual(restB);
    // A refuted claim keeps its plot too.
    const refuted = await runAndNormalize(
      statistic({
        name: 's',
        backend: 'scalar-f64',
        toleranceReason: 'r',
        run: () => exponentDecision('slope of b in k', KS, Y, SE, -0.5, 10),
      }),
      ctx(),
    );
    expect(refuted.passed).toBe(false);
    expect(refuted.series?.[0].claimed).toEqual({ slope: -0.5 });
  });
});

describe('compute(): the series option', () => {
  const ms = [
    { value: 1, bound: 2, detail: { n: 8 } },
    { value: 3, bound: 2, detail: { n: 16 } },
  ];
  const plot = (m: { detail?: unknown }[]): Series[] => [
    {
      name: 'p',
      kind: 'points',
      x: 'n',
      y: 'v',
      points: m.map((x, i) => ({ x: (x.detail as { n: number }).n, y: i })),
    },
  ];

  test('attaches the plot built from the judged measurements, failing or not, and never to a control', async () => {
    const c = compute({
      name: 'c',
      backend: 'scalar-f64',
      toleranceReason: 'r',
      run: () => ms,
      series: plot,
      control: { description: 'x', run: () => ms },
    });
    const o = await runAndNormalize(c, ctx());
    expect(o.passed).toBe(false);
    expect(o.series).toEqual(plot(ms));
    expect(o.counterexample).toBeDefined();
    const ctl = await runAndNormalize(c.control!.check, ctx());
    expect(ctl.series).toBeUndefined();
  });

  test('a throwing plot builder costs the plot, logged, never the verdict', async () => {
    const log: string[] = [];
    const ok = compute({
      name: 'c',
      backend: 'scalar-f64',
      toleranceReason: 'r',
      run: () => [ms[0]],
      series: () => {
        throw new Error('bad plot');
      },
    });
    const plain = compute({ name: 'c', backend: 'scalar-f64', toleranceReason: 'r', run: () => [ms[0]] });
    const a = await runAndNormalize(ok, ctx(log));
    const b = await runAndNormalize(plain, ctx());
    expect(a.series).toBeUndefined();
    expect({ ...a, ms: 0 }).toEqual({ ...b, ms: 0 });
    expect(log.join('\n')).toMatch(/plot could not be built \(bad plot\); the verdict is unaffected/);
  });

  test('the at-scale polar relation plots its f32 error against the stated bound per n', () => {
    const what = '‖H² − GGᵀ‖_F / (‖G‖_F‖P‖_F)² ≤ 4γ_{n+2}(1+γ): H is a square root of GGᵀ';
    const s = squareRootErrorSeries([
      { value: 1e-9, bound: 1e-4, detail: { n: 1024, what, backend: 'webasm' } },
      { value: 0.1, bound: 1, detail: { n: 1024, what: 'other' } },
      { value: 2e-9, bound: 2e-4, detail: { n: 2048, what, backend: 'webasm' } },
    ]);
    expect(s).toHaveLength(1);
    expect(s[0].points).toEqual([
      { x: 1024, y: 1e-9, group: 'measured (f32, webasm)' },
      { x: 2048, y: 2e-9, group: 'measured (f32, webasm)' },
    ]);
    expect(s[0].reference).toEqual([
      { x: 1024, y: 1e-4 },
      { x: 2048, y: 2e-4 },
    ]);
    expect(squareRootErrorSeries([{ value: 1, bound: 2 }])).toEqual([]);
  });
});

describe('plots', () => {
  const base = { name: 'p', x: 'x', y: 'y' };
  test('malformed or unplottable data are left out with a note, or refused with the reason', () => {
    expect(prepareSeries(null)).toEqual({ error: expect.stringMatching(/must be an object/) });
    expect(prepareSeries({ ...base, kind: 'pie', points: [] })).toEqual({
      error: expect.stringMatching(/unknown series kind "pie"/),
    });
    expect(prepareSeries({ ...base, kind: 'points', points: [{ x: 'Infinity', y: 1 }] })).toEqual({
      error: expect.stringMatching(/no plottable point \(1 point without finite x and y left out\)/),
    });
    const p = prepareSeries({
      ...base,
      kind: 'loglog-fit',
      points: [
        { x: 1, y: 1, lo: -1, hi: 2 },
        { x: 0, y: 1 },
        { x: 2, y: 0.5, lo: 3, hi: 1 },
      ],
      fit: { slope: 'NaN', intercept: 0 },
    });
    if (!('ok' in p)) throw new Error(p.error);
    expect(p.ok.points).toEqual([
      { x: 1, y: 1, hi: 2 },
      { x: 2, y: 0.5 },
    ]);
    expect(p.ok.notes).toEqual([
      '1 point ≤ 0 left out of the log axis',
      '1 interval reaches below 0: drawn from the point up only',
      '1 malformed interval not drawn',
      'the fitted line is not finite: not drawn',
    ]);
  });

  test('log ticks: decades when there are several, 1-2-5 steps otherwise', () => {
    expect(logTicks([1e-6, 3e-2])).toEqual([1e-6, 1e-5, 1e-4, 1e-3, 1e-2]);
    expect(logTicks([12, 1000])).toEqual([20, 50, 100, 200, 500, 1000]);
    expect(logTicks([1e-12, 1e12]).length).toBeLessThanOrEqual(9);
  });

  test.each([
    [
      'loglog-fit',
      { fit: { slope: -1, intercept: 0, ci: [-1.1, -0.9], confidence: 0.9999 }, claimed: { slope: -0.5 } },
    ],
    ['band', { xScale: 'log', reference: [{ x: 1, y: 2, label: 'published' }], referenceMark: 'points' }],
    ['lines', { yScale: 'log' }],
    [
      'points',
      {
        reference: [
          { x: 1, y: 3 },
          { x: 8, y: 5 },
        ],
        referenceName: 'bound',
      },
    ],
  ] as const)('%s renders to an SVG with data marks, rendered by vega', async (kind, extra) => {
    const points = [1, 2, 4, 8].flatMap((x) =>
      ['a', 'b'].map((g, j) => ({ x, y: (j + 1) / x, lo: 0.8 / x, hi: (1.2 * (j + 1)) / x, group: g })),
    );
    const plot = await renderSeries({ ...base, kind, points, ...extra });
    expect(plot.error).toBeUndefined();
    expect(plot.svg).toMatch(/^<svg [^>]*class="marks"/);
    expect(plot.svg).toMatch(/class="mark-(symbol|line|area)[^"]*"/);
    expect(plot.svg).not.toMatch(/<script|href="http/);
  });
});
