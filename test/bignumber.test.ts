/**
 * The arbitrary-precision pattern (docs/writing-claims.md): where binary64 cannot decide, a compute
 * check evaluates with mathjs BigNumber and says so with the backend label 'mathjs-bignumber'.
 */
import { all, create } from 'mathjs';
import { describe, expect, test } from 'vitest';
import { compute } from '../src/engine/verify/checks/compute.js';
import { exact, tolerance } from '../src/engine/verify/tolerance.js';

// 64 significant digits: u ≈ 10⁻⁶⁴, so a difference of 10⁻²⁰ is resolved with 40 digits to spare.
const big = create(all, { number: 'BigNumber', precision: 64 });
const ctx = { seed: 1, heavy: false, log: () => {} };

describe("arbitrary precision: backend 'mathjs-bignumber'", () => {
  test('(1 + 10⁻²⁰) − 1 = 10⁻²⁰ holds in BigNumber (binary64 gives 0 and could not tell)', async () => {
    const o = await compute({
      name: '(1 + 1e-20) - 1 = 1e-20',
      backend: 'mathjs-bignumber',
      run: () => {
        const d = big.evaluate('abs(((1 + 1e-20) - 1) - 1e-20)') as { toNumber(): number };
        return {
          value: d.toNumber(),
          tolerance: tolerance(1e-60, 'BigNumber at 64 significant digits: rounding error ≤ 10 × 10⁻⁶⁴'),
        };
      },
    }).run(ctx);
    expect(o).toMatchObject({ passed: true, backend: 'mathjs-bignumber' });
    expect(1 + 1e-20 - 1).toBe(0); // what binary64 sees
  });
  test('negative control: the same check refutes (1 + 10⁻²⁰) − 1 = 0', async () => {
    const o = await compute({
      name: '(1 + 1e-20) - 1 = 0',
      backend: 'mathjs-bignumber',
      run: () => ({
        value: (big.evaluate('abs((1 + 1e-20) - 1)') as { toNumber(): number }).toNumber(),
        tolerance: exact('the claimed value is exactly 0'),
      }),
    }).run(ctx);
    expect(o.passed).toBe(false);
  });
});
