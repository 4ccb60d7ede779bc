import type { Check, FailureSpec } from '../types.js';

/**
 * How a property file backs its claim file's `failure.kind` (see triage.ts for what the engine does
 * with each). One builder per kind, so a property file reads like the triage:
 *
 *   failure: hypothesis('m ≤ n (full row rank)', (c: MatrixCase) => c.rows <= c.cols),
 *   failure: notation({ checks: { 'first step as typed': intendedFirstStep } }),
 *   failure: substance({ parts: { exponent: 0.5 } }),
 *   failure: wording(),
 */

/** The statement holds under `why`, a predicate on the failing forAll checks' (raw) inputs. */
export function hypothesis<T>(why: string, holds: (input: T) => boolean): FailureSpec {
  return { kind: 'hypothesis', why, holds: holds as (input: unknown) => boolean };
}

/** Fixed twins of the failing headline checks: by headline check name (or key), or a formula spec's fixed parts. */
export type Fixed<P> = { checks: Record<string, Check> } | { parts: Partial<P> };

/** A notation slip: the intended reading (the same measure, the slip fixed) holds on the same inputs. */
export function notation<P = Record<string, unknown>>(fixed: Fixed<P>): FailureSpec<P> {
  return { kind: 'notation', ...fixed };
}

/** Wrong in substance: the corrected conclusion holds on the same inputs, the counterexample included. */
export function substance<P = Record<string, unknown>>(fixed: Fixed<P>): FailureSpec<P> {
  return { kind: 'substance', ...fixed };
}

/** A word claims more than the formulas show: the failing checks are the ones whose names quote the words. */
export function wording(): FailureSpec {
  return { kind: 'wording' };
}
