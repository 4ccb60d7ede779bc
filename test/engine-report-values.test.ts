/**
 * In-process unit tests for src/engine/report/render/values.ts: whole HTML strings are pinned with
 * toBe so that Stryker's mutants of the value layout (matrices, vectors, records, nested values,
 * counterexamples, measured cases, statistics) are killed. No child process, no browser.
 */
import { describe, expect, test } from 'vitest';
import {
  counterexampleHtml,
  isMatrix,
  isVector,
  matrixHtml,
  measuredCaseHtml,
  statisticHtml,
  valueHtml,
} from '../src/engine/report/render/values.js';

const num = (s: string) => `<span class="num">${s}</span>`;
const str = (s: string) => `<span class="str">${s}</span>`;
const DASH = '<span class="muted">—</span>';
const EMPTY = '<span class="muted">(empty)</span>';
const row = (label: string, value: string) =>
  `<div class="ce-row"><span class="ce-label">${label}</span><div class="ce-value">${value}</div></div>`;
const ce = (...parts: string[]) => `<div class="ce">${parts.join('\n')}</div>`;
const kv = (...pairs: [string, string][]) =>
  `<dl class="kv">${pairs.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
const vec = (...xs: string[]) => `<span class="vector">(${xs.map(num).join(', ')})</span>`;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('isMatrix / isVector', () => {
  test('matrices: equally long non-empty numeric rows', () => {
    expect(
      isMatrix([
        [1, 2],
        [3, 4],
      ]),
    ).toBe(true);
    expect(
      isMatrix([
        [1.5, 'Infinity'],
        ['NaN', '-Infinity'],
      ]),
    ).toBe(true);
    expect(isMatrix([[-1]])).toBe(true);
    expect(isMatrix([])).toBe(false);
    expect(isMatrix([[]])).toBe(false);
    expect(isMatrix([[], []])).toBe(false);
    expect(isMatrix([[1, 2], [3]])).toBe(false);
    expect(isMatrix([[1], [2, 3]])).toBe(false);
    expect(isMatrix([[1, 'a']])).toBe(false);
    expect(isMatrix([[1], 2])).toBe(false);
    expect(isMatrix([1, 2])).toBe(false);
    expect(isMatrix('[[1]]')).toBe(false);
    expect(isMatrix(null)).toBe(false);
  });

  test('vectors: non-empty arrays of number-likes', () => {
    expect(isVector([1, 'NaN', 'Infinity', '-Infinity', -2.5])).toBe(true);
    expect(isVector([])).toBe(false);
    expect(isVector([1, 'a'])).toBe(false);
    expect(isVector(['a', 1])).toBe(false);
    expect(isVector([[1]])).toBe(false);
    expect(isVector('12')).toBe(false);
    expect(isVector(undefined)).toBe(false);
  });
});

describe('matrixHtml', () => {
  const wrap = (r: number, c: number, body: string) =>
    `<span class="matrix-wrap"><table class="matrix" aria-label="${r}×${c} matrix"><tbody>${body}</tbody></table><span class="dims">${r}×${c}</span></span>`;

  test('a small integer matrix', () => {
    expect(
      matrixHtml([
        [1, 2],
        [3, 4],
      ]),
    ).toBe(wrap(2, 2, '<tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr>'));
    expect(
      valueHtml([
        [1, 2],
        [3, 4],
      ]),
    ).toBe(
      matrixHtml([
        [1, 2],
        [3, 4],
      ]),
    );
  });

  test('floats, negatives and the ∞/NaN strings', () => {
    expect(
      valueHtml([
        [1.23456, -2],
        ['Infinity', '-Infinity'],
        ['NaN', -0.5],
      ]),
    ).toBe(
      wrap(3, 2, '<tr><td>1.235</td><td>-2</td></tr><tr><td>∞</td><td>−∞</td></tr><tr><td>NaN</td><td>−0.5</td></tr>'),
    );
  });

  test('12×12 is shown whole', () => {
    const m = range(12).map((r) => range(12).map((c) => r * 12 + c));
    const body = range(12)
      .map(
        (r) =>
          `<tr>${range(12)
            .map((c) => `<td>${r * 12 + c}</td>`)
            .join('')}</tr>`,
      )
      .join('');
    expect(matrixHtml(m)).toBe(wrap(12, 12, body));
  });

  test('13 rows: rows elided with ⋮', () => {
    const m = range(13).map((r) => [r]);
    const body =
      range(11)
        .map((r) => `<tr><td>${r}</td></tr>`)
        .join('') + '<tr><td class="elide">⋮</td></tr><tr><td>12</td></tr>';
    expect(matrixHtml(m)).toBe(wrap(13, 1, body));
  });

  test('13 columns: columns elided with ⋯', () => {
    const m = [range(13)];
    const body = `<tr>${range(11)
      .map((c) => `<td>${c}</td>`)
      .join('')}<td class="elide">⋯</td><td>12</td></tr>`;
    expect(matrixHtml(m)).toBe(wrap(1, 13, body));
  });

  test('13×13: both elided, ⋱ at the corner', () => {
    const m = range(13).map((r) => range(13).map((c) => r * 100 + c));
    const line = (r: number) =>
      `<tr>${range(11)
        .map((c) => `<td>${r * 100 + c}</td>`)
        .join('')}<td class="elide">⋯</td><td>${r * 100 + 12}</td></tr>`;
    const elide = `<tr>${range(11)
      .map(() => '<td class="elide">⋮</td>')
      .join('')}<td class="elide">⋱</td><td class="elide">⋮</td></tr>`;
    const body = range(11).map(line).join('') + elide + line(12);
    expect(matrixHtml(m)).toBe(wrap(13, 13, body));
  });
});

describe('valueHtml: scalars', () => {
  test('null, undefined, booleans, numbers, strings', () => {
    expect(valueHtml(null)).toBe(DASH);
    expect(valueHtml(undefined)).toBe(DASH);
    expect(valueHtml(true)).toBe(num('true'));
    expect(valueHtml(false)).toBe(num('false'));
    expect(valueHtml(3)).toBe(num('3'));
    expect(valueHtml(-0.00012346)).toBe(num('−1.235e-4'));
    expect(valueHtml('Infinity')).toBe(num('∞'));
    expect(valueHtml('NaN')).toBe(num('NaN'));
    expect(valueHtml(`<a href="x">'&'</a>`)).toBe(str('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;'));
    expect(valueHtml(10n)).toBe(str('10'));
  });

  test('strings and scalars at or past the depth limit are still laid out, not JSON', () => {
    expect(valueHtml('a<b', 4)).toBe(str('a&lt;b'));
    expect(valueHtml('x', 9)).toBe(str('x'));
    expect(valueHtml(null, 4)).toBe(DASH);
    expect(valueHtml(2, 4)).toBe(num('2'));
    expect(valueHtml([1, 2], 4)).toBe(vec('1', '2'));
  });

  test('empty array and empty object', () => {
    expect(valueHtml([])).toBe(EMPTY);
    expect(valueHtml({})).toBe(EMPTY);
  });
});

describe('valueHtml: vectors', () => {
  test('up to 3 entries: no size', () => {
    expect(valueHtml([1, 2, 3])).toBe(vec('1', '2', '3'));
    expect(valueHtml([0.5])).toBe(vec('0.5'));
  });

  test('more than 3 entries: size beside', () => {
    expect(valueHtml([1, 'NaN', 'Infinity', -0.25])).toBe(
      `<span class="vector">(${['1', 'NaN', '∞', '−0.25'].map(num).join(', ')})<span class="dims">4</span></span>`,
    );
  });

  test('36 entries shown whole, 37 cut with …', () => {
    const v36 = range(36);
    expect(valueHtml(v36)).toBe(
      `<span class="vector">(${v36.map((x) => num(String(x))).join(', ')})<span class="dims">36</span></span>`,
    );
    const v37 = range(37);
    const shown = [...range(35).map(String), '…', '36'];
    expect(valueHtml(v37)).toBe(
      `<span class="vector">(${shown.map(num).join(', ')})<span class="dims">37</span></span>`,
    );
  });
});

describe('valueHtml: arrays and objects', () => {
  test('primitives that are not all numbers: joined with commas', () => {
    expect(valueHtml([1, 'a'])).toBe(`${num('1')}, ${str('a')}`);
    expect(valueHtml([null, 'a', true])).toBe(`${DASH}, ${str('a')}, ${num('true')}`);
  });

  test('a list of records: a table with the union of keys', () => {
    expect(
      valueHtml([
        { a: 1, b: 'x' },
        { a: 2, c: true, d: null },
      ]),
    ).toBe(
      '<div class="scroll"><table class="records"><thead><tr><th>a</th><th>b</th><th>c</th><th>d</th></tr></thead><tbody>' +
        `<tr><td>${num('1')}</td><td>${str('x')}</td><td></td><td></td></tr>` +
        `<tr><td>${num('2')}</td><td></td><td>${num('true')}</td><td>${DASH}</td></tr>` +
        '</tbody></table></div>',
    );
  });

  test('records with vectors and short arrays; a long non-numeric array is no record', () => {
    expect(valueHtml([{ v: [1, 2, 3], s: ['x', 'y'] }])).toBe(
      '<div class="scroll"><table class="records"><thead><tr><th>v</th><th>s</th></tr></thead><tbody>' +
        `<tr><td>${vec('1', '2', '3')}</td><td>${str('x')}, ${str('y')}</td></tr>` +
        '</tbody></table></div>',
    );
    expect(valueHtml([{ s: ['x', 'y', 'z'] }])).toBe(
      `<ol class="values"><li>${kv(['s', `${str('x')}, ${str('y')}, ${str('z')}`])}</li></ol>`,
    );
    expect(valueHtml([{ s: ['x'] }])).toBe(
      `<div class="scroll"><table class="records"><thead><tr><th>s</th></tr></thead><tbody><tr><td>${str('x')}</td></tr></tbody></table></div>`,
    );
  });

  test('a record with a nested object, or a mixed list, is a list', () => {
    expect(valueHtml([{ a: 1, b: { c: 2 } }])).toBe(
      `<ol class="values"><li>${kv(['a', num('1')], ['b', kv(['c', num('2')])])}</li></ol>`,
    );
    expect(valueHtml([{ a: 1 }, 'x'])).toBe(
      `<ol class="values"><li>${kv(['a', num('1')])}</li><li>${str('x')}</li></ol>`,
    );
  });

  test('40 records shown whole, 41 cut with a count', () => {
    const head = '<div class="scroll"><table class="records"><thead><tr><th>a</th></tr></thead><tbody>';
    const rows = (n: number) =>
      range(n)
        .map((i) => `<tr><td>${num(String(i))}</td></tr>`)
        .join('');
    expect(valueHtml(range(40).map((a) => ({ a })))).toBe(`${head}${rows(40)}</tbody></table></div>`);
    expect(valueHtml(range(41).map((a) => ({ a })))).toBe(
      `${head}${rows(40)}<tr><td colspan="1" class="muted">… 1 more rows</td></tr></tbody></table></div>`,
    );
    expect(valueHtml(range(45).map((a) => ({ a, b: 0 })))).toContain(
      '<tr><td colspan="2" class="muted">… 5 more rows</td></tr></tbody>',
    );
  });

  test('40 list items shown whole, 41 cut with a count', () => {
    const items = (n: number) => range(n).map((i) => [`s${i}`]);
    const lis = (n: number) =>
      range(n)
        .map((i) => `<li>${str(`s${i}`)}</li>`)
        .join('');
    expect(valueHtml(items(40))).toBe(`<ol class="values">${lis(40)}</ol>`);
    expect(valueHtml(items(41))).toBe(`<ol class="values">${lis(40)}<li class="muted">… 1 more</li></ol>`);
  });

  test('objects: key–value lists, escaped keys', () => {
    expect(valueHtml({ 'a<': 1, b: 'x', c: null })).toBe(kv(['a&lt;', num('1')], ['b', str('x')], ['c', DASH]));
  });

  test('nested objects: JSON at depth 4', () => {
    expect(valueHtml({ a: { b: { c: { d: { e: 1 } } } } })).toBe(
      kv(['a', kv(['b', kv(['c', kv(['d', '<code class="json">{&quot;e&quot;:1}</code>'])])])]),
    );
    expect(valueHtml({ d: { e: 1 } }, 3)).toBe(kv(['d', '<code class="json">{&quot;e&quot;:1}</code>']));
    expect(valueHtml({ e: 1 }, 4)).toBe('<code class="json">{&quot;e&quot;:1}</code>');
  });

  test('nested lists: JSON at depth 4', () => {
    expect(valueHtml([{ a: { b: { c: { d: 1 } } } }, 'x'])).toBe(
      `<ol class="values"><li>${kv(['a', kv(['b', kv(['c', '<code class="json">{&quot;d&quot;:1}</code>'])])])}</li><li>${str('x')}</li></ol>`,
    );
  });

  test('records in a table cell count their depth', () => {
    expect(valueHtml([{ a: [{ b: { c: { d: { e: 1 } } } }] }])).toBe(
      '<div class="scroll"><table class="records"><thead><tr><th>a</th></tr></thead><tbody><tr><td>' +
        `<ol class="values"><li>${kv(['b', kv(['c', '<code class="json">{&quot;d&quot;:{&quot;e&quot;:1}}</code>'])])}</li></ol>` +
        '</td></tr></tbody></table></div>',
    );
  });

  test('a circular value at the depth limit falls back to String', () => {
    const circ: Record<string, unknown> = {};
    circ.self = circ;
    expect(valueHtml(circ, 4)).toBe('<code class="json">[object Object]</code>');
  });
});

describe('counterexampleHtml', () => {
  test('not a record: the value itself', () => {
    expect(counterexampleHtml(null)).toBe(`<div class="ce">${DASH}</div>`);
    expect(counterexampleHtml('boom')).toBe(`<div class="ce">${str('boom')}</div>`);
    expect(counterexampleHtml([1, 2])).toBe(`<div class="ce">${vec('1', '2')}</div>`);
  });

  test('empty record: empty block', () => {
    expect(counterexampleHtml({})).toBe('<div class="ce"></div>');
  });

  test('every part, in order', () => {
    expect(
      counterexampleHtml({
        check: 'a<b',
        input: [1, 2],
        numShrinks: 3,
        measured: { value: 2.5, bound: 1, relation: '<=', detail: { r: 0.5 }, extra: 'e' },
        maxError: 0.1,
        tolerance: 0.01,
        other: 7,
      }),
    ).toBe(
      ce(
        '<p class="ce-check">Refuted check: <strong>a&lt;b</strong></p>',
        row('Input <span class="muted">(shrunk 3×)</span>', vec('1', '2')),
        row(
          'Measured',
          `<span class="measured">${num('2.5')} <span class="violates">but must be ≤</span> ${num('1')}</span>`,
        ),
        row('Details', kv(['r', num('0.5')])),
        row('More', kv(['extra', str('e')])),
        row('Measured', `${num('0.1')} against tolerance ${num('0.01')}`),
        row('Also', kv(['other', num('7')])),
      ),
    );
  });

  test('a non-string check and a non-number numShrinks are left out', () => {
    expect(counterexampleHtml({ check: 5, input: 'x', numShrinks: '3' })).toBe(ce(row('Input', str('x'))));
    expect(counterexampleHtml({ input: 0, numShrinks: 0 })).toBe(
      ce(row('Input <span class="muted">(shrunk 0×)</span>', num('0'))),
    );
  });

  const measured = (value: string, rel: string, bound: string, after = '') =>
    row(
      'Measured',
      `<span class="measured">${num(value)} <span class="violates">but must be ${rel}</span> ${num(bound)}</span>${after}`,
    );

  test('relation >= and a missing relation', () => {
    expect(counterexampleHtml({ measured: { value: 0.5, bound: 1, relation: '>=' } })).toBe(
      ce(measured('0.5', '≥', '1')),
    );
    expect(counterexampleHtml({ measured: { value: 2, bound: 1 } })).toBe(ce(measured('2', '≤', '1')));
    expect(counterexampleHtml({ measured: { value: 2, bound: 1, relation: '' } })).toBe(ce(measured('2', '≤', '1')));
  });

  test('an infinite value with its reason; detail that only repeats the reason is dropped', () => {
    const inf = '<div class="muted">∞ because div &lt;0</div>';
    expect(
      counterexampleHtml({ measured: { value: 'Infinity', bound: 1, infinite: 'div <0', detail: { why: 'div <0' } } }),
    ).toBe(ce(measured('∞', '≤', '1', inf)));
    expect(
      counterexampleHtml({ measured: { value: 'Infinity', bound: 1, infinite: 'div <0', detail: { why: 'other' } } }),
    ).toBe(ce(measured('∞', '≤', '1', inf), row('Details', kv(['why', str('other')]))));
    expect(
      counterexampleHtml({
        measured: { value: 'Infinity', bound: 1, infinite: 'div <0', detail: { why: 'div <0', b: 1 } },
      }),
    ).toBe(ce(measured('∞', '≤', '1', inf), row('Details', kv(['why', str('div &lt;0')], ['b', num('1')]))));
    expect(
      counterexampleHtml({ measured: { value: 'Infinity', bound: 1, infinite: 'div <0', detail: 'div <0' } }),
    ).toBe(ce(measured('∞', '≤', '1', inf), row('Details', str('div &lt;0'))));
    expect(counterexampleHtml({ measured: { value: 'Infinity', bound: 1, infinite: 'div <0', detail: {} } })).toBe(
      ce(measured('∞', '≤', '1', inf), row('Details', EMPTY)),
    );
  });

  test('a detail that is not a record is shown even when its only entry repeats the reason', () => {
    const inf = '<div class="muted">∞ because x</div>';
    expect(counterexampleHtml({ measured: { value: 'Infinity', bound: 1, infinite: 'x', detail: 'x' } })).toBe(
      ce(measured('∞', '≤', '1', inf), row('Details', str('x'))),
    );
    expect(counterexampleHtml({ measured: { value: 'Infinity', bound: 1, infinite: 'x', detail: ['x'] } })).toBe(
      ce(measured('∞', '≤', '1', inf), row('Details', str('x'))),
    );
  });

  test('a non-string infinite is no reason', () => {
    expect(counterexampleHtml({ measured: { value: 3, bound: 1, infinite: true, detail: { why: true } } })).toBe(
      ce(measured('3', '≤', '1'), row('Details', kv(['why', num('true')]))),
    );
    expect(counterexampleHtml({ measured: { value: 3, bound: 1, detail: { why: 'x' } } })).toBe(
      ce(measured('3', '≤', '1'), row('Details', kv(['why', str('x')]))),
    );
  });

  test('null or missing detail: no Details row', () => {
    expect(counterexampleHtml({ measured: { value: 3, bound: 1, detail: null } })).toBe(ce(measured('3', '≤', '1')));
    expect(counterexampleHtml({ measured: { value: 3, bound: 1, detail: undefined } })).toBe(
      ce(measured('3', '≤', '1')),
    );
  });

  test('measured that is not a record', () => {
    expect(counterexampleHtml({ measured: 5 })).toBe(ce(row('Measured', num('5'))));
    expect(counterexampleHtml({ measured: null })).toBe(ce(row('Measured', DASH)));
    expect(counterexampleHtml({ measured: undefined, input: 1 })).toBe(ce(row('Input', num('1'))));
  });

  const msCase = (note: string) =>
    `<details class="ce-data"><summary><span class="ce-label">Most severe</span> ${num('3')} ≤ ${num('1')} <span class="muted">— ${note}</span></summary>${row('Input', vec('1', '2'))}</details>`;

  test('most severe case: same input as above, or not', () => {
    const mostSevere = { input: [1, 2], measured: { value: 3, bound: 1 } };
    expect(counterexampleHtml({ input: [1, 2], mostSevere })).toBe(
      ce(row('Input', vec('1', '2')), msCase('the same input as above')),
    );
    expect(counterexampleHtml({ input: [2, 1], mostSevere })).toBe(
      ce(row('Input', vec('2', '1')), msCase('the worst failing case seen, before shrinking')),
    );
    expect(counterexampleHtml({ mostSevere })).toBe(ce(msCase('the worst failing case seen, before shrinking')));
    expect(counterexampleHtml({ mostSevere: { measured: { value: 3, bound: 1 } } })).toBe(
      ce(
        `<details class="ce-data"><summary><span class="ce-label">Most severe</span> ${num('3')} ≤ ${num('1')} <span class="muted">— the worst failing case seen, before shrinking</span></summary>${row('Input', DASH)}</details>`,
      ),
    );
    // a mostSevere that is not a record is dropped
    expect(counterexampleHtml({ mostSevere: 'worst' })).toBe('<div class="ce"></div>');
  });

  test('statistic: a record, another value, or none', () => {
    expect(counterexampleHtml({ statistic: { estimate: 1 } })).toBe(ce(row('Statistic', num('1'))));
    expect(counterexampleHtml({ statistic: 'hi' })).toBe(ce(row('Statistic', str('hi'))));
    expect(counterexampleHtml({ statistic: undefined })).toBe('<div class="ce"></div>');
  });

  test('maxError or tolerance alone', () => {
    expect(counterexampleHtml({ maxError: 0.1 })).toBe(
      ce(row('Measured', `${num('0.1')} against tolerance ${num('undefined')}`)),
    );
    expect(counterexampleHtml({ tolerance: 0.01 })).toBe(
      ce(row('Measured', `${num('undefined')} against tolerance ${num('0.01')}`)),
    );
  });
});

describe('measuredCaseHtml', () => {
  test('every row: index, ≥, reason, detail', () => {
    expect(
      measuredCaseHtml(
        'Closest <x>',
        {
          index: 2,
          input: { a: 1 },
          measured: { value: 0.5, bound: 1, relation: '>=', infinite: 'x<y', detail: { k: 'v' } },
        },
        'n<1',
      ),
    ).toBe(
      `<details class="ce-data"><summary><span class="ce-label">Closest &lt;x&gt;</span> ${num('0.5')} ≥ ${num('1')} <span class="muted">(case 3)</span> <span class="muted">— n&lt;1</span></summary>` +
        row('Input', kv(['a', num('1')])) +
        row('∞ because', 'x&lt;y') +
        row('Details', kv(['k', str('v')])) +
        '</details>',
    );
  });

  test('measured not a record, index not a number', () => {
    expect(measuredCaseHtml('L', { input: 'q', measured: 'notplain', index: '2' }, 'n')).toBe(
      `<details class="ce-data"><summary><span class="ce-label">L</span> ${num('undefined')} ≤ ${num('undefined')} <span class="muted">— n</span></summary>${row('Input', str('q'))}</details>`,
    );
  });

  test('relation <=, null detail, non-string infinite, index 0', () => {
    expect(
      measuredCaseHtml(
        'L',
        { index: 0, input: 1, measured: { value: 1, bound: 2, relation: '<=', detail: null, infinite: 5 } },
        'n',
      ),
    ).toBe(
      `<details class="ce-data"><summary><span class="ce-label">L</span> ${num('1')} ≤ ${num('2')} <span class="muted">(case 1)</span> <span class="muted">— n</span></summary>${row('Input', num('1'))}</details>`,
    );
  });
});

describe('statisticHtml', () => {
  test('every part: name, estimate, CI with confidence, samples, rule, extra data', () => {
    expect(
      statisticHtml({
        name: 'p<q',
        estimate: 0.25,
        ci: [0.1, 0.4],
        confidence: 0.95,
        rule: 'reject if <0.05',
        decision: 'x',
        samples: 100,
        series: [1],
        extraA: 1,
        'b&': 'z',
      }),
    ).toBe(
      [
        row(
          'Statistic',
          `p&lt;q: ${num('0.25')}, 95% CI [${num('0.1')}, ${num('0.4')}] <span class="muted">(100 samples)</span>`,
        ),
        row('Rule', 'reject if &lt;0.05'),
        `<details class="ce-data"><summary>data behind the statistic (extraA, b&amp;)</summary>${kv(['extraA', num('1')], ['b&amp;', str('z')])}</details>`,
      ].join('\n'),
    );
  });

  test('confidence printed to 6 significant digits', () => {
    expect(statisticHtml({ estimate: 1, ci: [0, 2], confidence: 0.9 })).toBe(
      row('Statistic', `${num('1')}, 90% CI [${num('0')}, ${num('2')}]`),
    );
    expect(statisticHtml({ estimate: 1, ci: [0, 2], confidence: 0.999 })).toBe(
      row('Statistic', `${num('1')}, 99.9% CI [${num('0')}, ${num('2')}]`),
    );
  });

  test('only an estimate', () => {
    expect(statisticHtml({ estimate: 'NaN' })).toBe(row('Statistic', num('NaN')));
    expect(statisticHtml({})).toBe(row('Statistic', num('undefined')));
    expect(statisticHtml({ estimate: 1, decision: 'reject', series: [1, 2] })).toBe(row('Statistic', num('1')));
  });

  test('wrongly typed name, confidence, samples, rule are left out', () => {
    expect(
      statisticHtml({ estimate: 1, ci: ['-Infinity', 2], confidence: '95%', samples: '10', name: 3, rule: 4 }),
    ).toBe(row('Statistic', `${num('1')}, CI [${num('−∞')}, ${num('2')}]`));
    expect(statisticHtml({ estimate: 1, ci: 'wide', confidence: 0.95 })).toBe(row('Statistic', num('1')));
  });

  test('a rule without extra data; extra data without a rule', () => {
    expect(statisticHtml({ estimate: 2, rule: 'r' })).toBe([row('Statistic', num('2')), row('Rule', 'r')].join('\n'));
    expect(statisticHtml({ estimate: 2, k: [1, 2] })).toBe(
      [
        row('Statistic', num('2')),
        `<details class="ce-data"><summary>data behind the statistic (k)</summary>${kv(['k', vec('1', '2')])}</details>`,
      ].join('\n'),
    );
  });
});
