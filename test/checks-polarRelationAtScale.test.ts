import { describe, expect, it } from 'vitest';
import { holds, type Measurement } from '../src/engine/verify/checks/measurement.js';
import { polarRelationAtScale } from '../src/checks/atScale/polarRelationAtScale.js';
import { rightPolarRelationAtScale } from '../src/checks/atScale/rightPolarRelationAtScale.js';

/**
 * The at-scale polar relations and their negative control, at a size where a test is quick: every
 * measurement holds for the true factor UVᵀ, and the control's transposed factor VUᵀ (just as orthogonal)
 * fails the symmetry and the trace measurements — so a pass of the check is evidence.
 */
const what = (m: Measurement) => String((m.detail as { what?: unknown }).what);
const failing = (ms: Measurement[]) => ms.filter((m) => !holds(m)).map(what);

describe.each([
  ['(GGᵀ)^{-1/2}G = P via H = GPᵀ', polarRelationAtScale, 'H'],
  ['G(GᵀG)^{-1/2} = P via K = PᵀG', rightPolarRelationAtScale, 'K'],
] as const)('%s', (_, relation, X) => {
  it('holds for P = UVᵀ', async () => {
    expect(failing(await relation(96, 100, 7))).toEqual([]);
  });
  it(`fails for the control's VUᵀ: ${X} is not symmetric and its trace is off Σσ`, async () => {
    const bad = failing(await relation(96, 100, 7, 'VUᵀ'));
    expect(bad.some((w) => w.includes(`${X} is symmetric`))).toBe(true);
    expect(bad.some((w) => w.includes(`${X} ⪰ 0`))).toBe(true);
  });
});
