import { displayPath } from '../registry/loadClaim.js';
import { propertyFileFor } from '../registry/paths.js';
import { keyOf, resolveSpec } from './checks/spec.js';
import { describeOutcome, runOneCheck, type RunOptions } from './runClaim.js';
import type { ClaimSpec, MutantOutcome } from './types.js';

/**
 * Claim mutants (`npm run mutants`): each wrong variant of a formula claim must be refuted by the
 * claim's own headline checks built from the mutant's parts. A mutant that survives shows that the
 * checks cannot tell the statement from a wrong one.
 *
 * Seeds: ('mutant', mutant key, check key) — keys default to the names — the same as the mutant controls runClaim runs, so the
 * two reports agree. Checks run in declared order and stop at the first that refutes the mutant.
 * A spec that cannot be resolved gives one `error` outcome per declared mutant (or one for the claim
 * when the mutants themselves cannot be listed).
 */
export async function runMutants(id: string, spec: ClaimSpec, opts: RunOptions): Promise<MutantOutcome[]> {
  const log = opts.log ?? (() => {});
  const file = displayPath(propertyFileFor(opts.paths, id));
  const resolved = resolveSpec(spec, file);
  if (!resolved.ok) {
    const declared = Array.isArray(spec?.mutants) ? spec.mutants : null;
    const names =
      declared?.map((m, i) => (m && typeof m.name === 'string' && m.name.trim() ? m.name : `mutants[${i}]`)) ?? [];
    if (names.length === 0)
      return spec?.mutants === undefined
        ? []
        : [{ claim: id, mutation: '(mutants)', status: 'error', why: resolved.error }];
    return names.map((mutation) => ({ claim: id, mutation, status: 'error', why: resolved.error }));
  }
  const out: MutantOutcome[] = [];
  for (const m of resolved.spec.mutants ?? []) {
    if (m.equivalent !== null) {
      out.push({ claim: id, mutation: m.name, status: 'equivalent', why: m.equivalent });
      continue;
    }
    const errors: string[] = [];
    let killed: MutantOutcome | null = null;
    for (const check of m.checks) {
      const o = await runOneCheck(id, check, ['mutant', m.key, keyOf(check)], opts);
      if (o.error !== undefined) {
        errors.push(`'${check.name}': ${o.error}`);
      } else if (!o.passed) {
        killed = { claim: id, mutation: m.name, status: 'killed', by: check.name, why: describeOutcome(o) };
        break;
      }
    }
    const result: MutantOutcome =
      killed ??
      (errors.length
        ? {
            claim: id,
            mutation: m.name,
            status: 'error',
            why: `no check refuted it and ${errors.length} errored: ${errors.join('; ')}`,
          }
        : {
            claim: id,
            mutation: m.name,
            status: 'survived',
            why: `every headline check held: ${m.checks.map((c) => `'${c.name}'`).join(', ')}`,
          });
    log(`[${id}] mutant '${m.name}': ${result.status}${result.by ? ` by '${result.by}'` : ''}`);
    out.push(result);
  }
  return out;
}
