import type { Check, ClaimSpec } from '../verify/types.js';

/**
 * Wraps every check of a spec so that the runner hears when each one starts: a claim that overruns
 * its time limit is reported as "timed out after N s in <group> '<check>'". Values that are not
 * checks are left exactly as they are, for the verdict rules to reject with a proper message.
 */
export function instrumentSpec(spec: ClaimSpec, notify: (group: string, name: string) => void): ClaimSpec {
  const wrap =
    (group: string) =>
    (c: Check): Check => {
      if (typeof c !== 'object' || c === null || typeof c.run !== 'function') return c;
      const out: Check = {
        ...c,
        run: (ctx) => {
          notify(group, String(c.name));
          return c.run(ctx);
        },
      };
      if (c.control && typeof c.control === 'object' && c.control.check) {
        out.control = { ...c.control, check: wrap(`control of ${group}`)(c.control.check) };
      }
      return out;
    };
  const list = <T extends Check>(xs: T[] | undefined, group: string): T[] | undefined =>
    Array.isArray(xs) ? (xs.map(wrap(group)) as T[]) : xs;
  const checks = spec.checks;
  return {
    ...spec,
    checks:
      typeof checks === 'function'
        ? (parts: Record<string, unknown>) => {
            const cs = checks(parts);
            return Array.isArray(cs) ? cs.map(wrap('headline')) : cs;
          }
        : (list(checks, 'headline') as Check[]),
    steps: list(spec.steps, 'step'),
    corrected: list(spec.corrected, 'corrected'),
  };
}
