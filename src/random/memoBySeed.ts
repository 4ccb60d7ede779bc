/**
 * A simulation memoised by seed: a check that appears in the headline and in the corrected group gets
 * its own seed in each (so two independent runs), while its negative control — which runClaim runs
 * right after the headline group — judges the data of the check it controls under a changed rule,
 * through `latest`.
 */
export function memoBySeed<T>(simulate: (seed: number) => T): { run(seed: number): T; latest(seed: number): T } {
  const bySeed = new Map<number, T>();
  let latest: T | null = null;
  const run = (seed: number): T => {
    let v = bySeed.get(seed);
    if (v === undefined) {
      v = simulate(seed);
      bySeed.set(seed, v);
    }
    latest = v;
    return v;
  };
  return { run, latest: (seed: number): T => latest ?? run(seed) };
}
