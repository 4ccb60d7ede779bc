import type { Check } from '../types.js';

/**
 * Attaches a negative control to any check: `controlCheck` runs the same measure on a known-false
 * variant (a mutated coefficient, a dropped transpose, a perturbed input) and must FAIL. When the
 * headline check passes, runClaim runs the control; a control that holds shows that the check could
 * not have failed, and the check is reported `powerless`.
 *
 * The copy keeps every other field of `check` and binds `run` to the original, so it composes
 * with step() and with the builders' own `control` option (this one replaces it).
 */
export function withControl<C extends Check>(check: C, description: string, controlCheck: Check): C {
  if (typeof description !== 'string' || description.trim() === '') {
    throw new TypeError(
      `withControl('${check?.name}'): the control needs a non-empty description of what was made false`,
    );
  }
  if (typeof controlCheck !== 'object' || controlCheck === null || typeof controlCheck.run !== 'function') {
    throw new TypeError(`withControl('${check?.name}'): control '${description}' is not a check`);
  }
  if (controlCheck === check) {
    throw new TypeError(`withControl('${check.name}'): control '${description}' is the check itself`);
  }
  return { ...check, run: check.run.bind(check), control: { description, check: controlCheck } };
}
