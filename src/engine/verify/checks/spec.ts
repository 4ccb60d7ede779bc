import type { Check, ClaimSpec, Mutant, StepCheck } from '../types.js';
import { describeValue, isPlainObject } from './measurement.js';
import { messageOf } from './outcome.js';
import { FAILURE_KINDS } from '../../registry/claimSchema.js';

/**
 * The shape checks of a property file's spec, before anything runs. A malformed spec is an
 * `error` naming the property file and the field (`checks[2]`, `mutants[1].parts`), never a pass
 * because the engine looked past it.
 */

const BACKENDS = ['ml-matrix-f64', 'gpu.js-f32', 'mathjs-symbolic', 'mathjs-bignumber', 'scalar-f64'];
const STEP_METHODS = ['symbolic', 'numeric', 'both'];
const SPEC_KEYS = ['checks', 'parts', 'mutants', 'steps', 'corrected', 'timeoutMs', 'failure'];
const MUTANT_KEYS = ['name', 'key', 'parts', 'equivalent'];

/** A check's stable identity: its `key`, or its name. Every seed and replay match uses it. */
export function keyOf(check: Pick<Check, 'name' | 'key'>): string {
  return check.key ?? check.name;
}

/** A mutant whose checks have been built from its parts (same length as the headline, by construction). */
export interface BuiltMutant {
  name: string;
  /** Its stable identity for seeds (`Mutant.key`, default the name). */
  key: string;
  equivalent: string | null;
  checks: Check[];
}

/** The property file's failure declaration, with notation/substance checks matched to headline indices. */
export type ResolvedFailure =
  | { kind: 'hypothesis'; why: string; holds: (input: unknown) => boolean }
  | { kind: 'notation' | 'substance'; fixed: Map<number, Check> }
  | { kind: 'wording' };

export interface ResolvedSpec {
  headline: Check[];
  steps: StepCheck[];
  corrected: Check[];
  /** Set for a formula spec (`checks` is a function of `parts`); mutants in declared order. */
  mutants: BuiltMutant[] | null;
  /** The `failure` declaration, or null when the spec has none. */
  failure: ResolvedFailure | null;
}

export type Resolution = { ok: true; spec: ResolvedSpec } | { ok: false; error: string };

/** Why `c` is not a runnable check, or null. `field` names it in the message. */
export function checkInvalidReason(c: unknown, field: string, isStep = false): string | null {
  if (typeof c !== 'object' || c === null || Array.isArray(c))
    return `field '${field}' is ${describeValue(c)}, not a check (build one with forAll, compute or statistic)`;
  const x = c as Record<string, unknown>;
  if (typeof x.name !== 'string' || x.name.trim() === '')
    return `field '${field}.name' is ${describeValue(x.name)} (expected a non-empty string)`;
  if (x.key !== undefined && (typeof x.key !== 'string' || x.key.trim() === ''))
    return `field '${field}.key' ('${x.name}') is ${describeValue(x.key)} (expected a non-empty string, or no key: the name is the default)`;
  const named = `field '${field}' ('${x.name}')`;
  if (typeof x.run !== 'function') return `${named} has no run function`;
  if (!BACKENDS.includes(x.backend as string))
    return `${named} has backend ${typeof x.backend === 'string' ? `'${x.backend}'` : describeValue(x.backend)} (expected ${BACKENDS.join(', ')})`;
  if (isStep && !STEP_METHODS.includes(x.method as string))
    return `${named} has method ${typeof x.method === 'string' ? `'${x.method}'` : describeValue(x.method)} (wrap it in step('symbolic' | 'numeric' | 'both', check))`;
  if (x.control !== undefined) {
    const ctl = x.control as Record<string, unknown> | null;
    if (typeof ctl !== 'object' || ctl === null)
      return `field '${field}.control' ('${x.name}') is ${describeValue(ctl)} (expected { description, check })`;
    if (typeof ctl.description !== 'string' || ctl.description.trim() === '')
      return `field '${field}.control.description' ('${x.name}') is ${describeValue(ctl.description)} (say what was made false)`;
    const inner = checkInvalidReason(ctl.check, `${field}.control.check`);
    if (inner) return inner;
  }
  return null;
}

/**
 * Every element a check, no two with the same name (the report tells them apart by name) and no
 * two with the same key (seeds and replays are keyed by `key`, default the name).
 */
function checkListReason(list: unknown, field: string, isStep = false): string | null {
  if (!Array.isArray(list)) return `field '${field}' is ${describeValue(list)} (expected an array of checks)`;
  const seen = new Set<string>();
  const keys = new Map<string, string>();
  for (let i = 0; i < list.length; i++) {
    const bad = checkInvalidReason(list[i], `${field}[${i}]`, isStep);
    if (bad) return bad;
    const c = list[i] as Check;
    if (seen.has(c.name))
      return `field '${field}' has two checks named '${c.name}' (the report tells checks apart by name)`;
    seen.add(c.name);
    const key = keyOf(c);
    const other = keys.get(key);
    if (other !== undefined)
      return `field '${field}' has two checks with key '${key}' ('${other}' and '${c.name}'; seeds and replays are keyed by key, default the name)`;
    keys.set(key, c.name);
  }
  return null;
}

/** Why the mutants cannot be used, or null. Parts must name existing parts and change something. */
function mutantsReason(mutants: unknown, parts: Record<string, unknown>): string | null {
  if (!Array.isArray(mutants))
    return `field 'mutants' is ${describeValue(mutants)} (expected an array of { name, parts })`;
  const names = new Set<string>();
  const mutantKeys = new Set<string>();
  for (let i = 0; i < mutants.length; i++) {
    const m = mutants[i] as unknown;
    const f = `mutants[${i}]`;
    if (!isPlainObject(m)) return `field '${f}' is ${describeValue(m)} (expected { name, parts, equivalent? })`;
    for (const k of Object.keys(m))
      if (!MUTANT_KEYS.includes(k)) return `field '${f}' has unknown key '${k}' (expected ${MUTANT_KEYS.join(', ')})`;
    if (typeof m.name !== 'string' || m.name.trim() === '')
      return `field '${f}.name' is ${describeValue(m.name)} (expected a non-empty string)`;
    if (names.has(m.name)) return `field '${f}.name': two mutants are named '${m.name}'`;
    names.add(m.name);
    if (m.key !== undefined && (typeof m.key !== 'string' || m.key.trim() === ''))
      return `field '${f}.key' (mutant '${m.name}') is ${describeValue(m.key)} (expected a non-empty string, or no key: the name is the default)`;
    const key = (m.key as string | undefined) ?? m.name;
    if (mutantKeys.has(key))
      return `field '${f}.key': two mutants have key '${key}' (their seeds are keyed by key, default the name)`;
    mutantKeys.add(key);
    if (m.equivalent !== undefined && (typeof m.equivalent !== 'string' || m.equivalent.trim() === '')) {
      return `field '${f}.equivalent' (mutant '${m.name}') is ${describeValue(m.equivalent)} (expected the reason it is equivalent)`;
    }
    if (!isPlainObject(m.parts))
      return `field '${f}.parts' (mutant '${m.name}') is ${describeValue(m.parts)} (expected an object of replaced parts)`;
    const mp = m.parts;
    const keys = Object.keys(mp);
    if (keys.length === 0) return `field '${f}.parts' (mutant '${m.name}') is empty: the mutant changes nothing`;
    for (const k of keys) {
      if (!Object.prototype.hasOwnProperty.call(parts, k))
        return `field '${f}.parts' (mutant '${m.name}') names unknown part '${k}' (parts are ${Object.keys(parts).join(', ') || 'none'})`;
    }
    if (keys.every((k) => Object.is(mp[k], parts[k]))) {
      return `field '${f}.parts' (mutant '${m.name}') changes nothing: every part it sets already has that value`;
    }
  }
  return null;
}

/** checks(parts), caught and shape-checked; `field` names the call in the message. */
function build(
  fn: (p: Record<string, unknown>) => unknown,
  parts: Record<string, unknown>,
  field: string,
): { ok: true; checks: Check[] } | { ok: false; error: string } {
  let r: unknown;
  try {
    r = fn(parts);
  } catch (e) {
    return { ok: false, error: `${field} threw: ${messageOf(e)}` };
  }
  const bad = checkListReason(r, field);
  if (bad) return { ok: false, error: bad };
  return { ok: true, checks: r as Check[] };
}

/**
 * Validates a spec and resolves its headline (for a formula spec, `checks(parts)`) and each
 * mutant's checks. Errors are prefixed with `propertyFile`.
 */
export function resolveSpec(raw: unknown, propertyFile: string): Resolution {
  const fail = (error: string): Resolution => ({ ok: false, error: `${propertyFile}: ${error}` });
  let spec: unknown = raw;
  if (typeof spec === 'function') {
    try {
      spec = (spec as () => unknown)();
    } catch (e) {
      return fail(`calling the spec function threw: ${messageOf(e)}`);
    }
  }
  if (!isPlainObject(spec))
    return fail(`the spec is ${describeValue(spec)} (expected { checks, steps?, corrected?, parts?, mutants? })`);
  for (const k of Object.keys(spec))
    if (!SPEC_KEYS.includes(k)) return fail(`the spec has unknown field '${k}' (expected ${SPEC_KEYS.join(', ')})`);
  const s = spec as unknown as ClaimSpec;
  let headline: Check[];
  let mutants: BuiltMutant[] | null = null;
  if (typeof s.checks === 'function') {
    if (!isPlainObject(s.parts))
      return fail(
        `field 'parts' is ${describeValue(s.parts)}: it is required (an object) when 'checks' is a function of the parts`,
      );
    const parts = s.parts;
    const h = build(s.checks as (p: Record<string, unknown>) => unknown, parts, 'checks(parts)');
    if (!h.ok) return fail(h.error);
    headline = h.checks;
    const ms = s.mutants ?? [];
    const bad = mutantsReason(ms, parts);
    if (bad) return fail(bad);
    mutants = [];
    for (const m of ms as Mutant<Record<string, unknown>>[]) {
      const b = build(
        s.checks as (p: Record<string, unknown>) => unknown,
        { ...parts, ...m.parts },
        `checks(parts of mutant '${m.name}')`,
      );
      if (!b.ok) return fail(b.error);
      if (b.checks.length !== headline.length) {
        return fail(
          `checks(parts of mutant '${m.name}') returns ${b.checks.length} check(s) but the headline has ${headline.length}: a mutant's checks must correspond to the headline's, index by index`,
        );
      }
      mutants.push({ name: m.name, key: m.key ?? m.name, equivalent: m.equivalent ?? null, checks: b.checks });
    }
  } else {
    const bad = checkListReason(s.checks, 'checks');
    if (bad) return fail(bad);
    if (s.parts !== undefined)
      return fail(
        `field 'parts' is set but 'checks' is an array, so the parts are never used (make 'checks' a function of the parts)`,
      );
    if (s.mutants !== undefined)
      return fail(
        `field 'mutants' needs 'checks' to be a function of 'parts' (a mutant is the headline built from other parts)`,
      );
    headline = s.checks as Check[];
  }
  if (headline.length === 0) return fail(`no checks for the headline statement`);
  const steps = s.steps ?? [];
  const badSteps = checkListReason(steps, 'steps', true);
  if (badSteps) return fail(badSteps);
  const corrected = s.corrected ?? [];
  const badCorrected = checkListReason(corrected, 'corrected');
  if (badCorrected) return fail(badCorrected);
  if (
    s.timeoutMs !== undefined &&
    !(typeof s.timeoutMs === 'number' && Number.isFinite(s.timeoutMs) && s.timeoutMs > 0)
  ) {
    return fail(`field 'timeoutMs' is ${describeValue(s.timeoutMs)} (expected a positive number of milliseconds)`);
  }
  const failure = resolveFailure(s, headline);
  if (!failure.ok) return fail(failure.error);
  return {
    ok: true,
    spec: { headline, steps: steps as StepCheck[], corrected: corrected as Check[], mutants, failure: failure.failure },
  };
}

/**
 * The spec's `failure` field: a kind and what backs it. Fixed checks are matched to headline checks
 * by name or key; a formula spec may give `parts` instead (the headline built from the fixed parts).
 */
function resolveFailure(
  s: ClaimSpec,
  headline: Check[],
): { ok: true; failure: ResolvedFailure | null } | { ok: false; error: string } {
  const f = s.failure as unknown;
  if (f === undefined) return { ok: true, failure: null };
  const bad = (error: string) => ({ ok: false as const, error });
  if (!isPlainObject(f))
    return bad(
      `field 'failure' is ${describeValue(f)} (expected hypothesis(why, holds), notation({...}), substance({...}) or wording())`,
    );
  if (!(FAILURE_KINDS as readonly string[]).includes(f.kind as string))
    return bad(`field 'failure.kind' is ${describeValue(f.kind)} (expected ${FAILURE_KINDS.join(', ')})`);
  const kind = f.kind as ResolvedFailure['kind'];
  const allowed: Record<string, string[]> = {
    hypothesis: ['kind', 'why', 'holds'],
    notation: ['kind', 'checks', 'parts'],
    substance: ['kind', 'checks', 'parts'],
    wording: ['kind'],
  };
  for (const k of Object.keys(f))
    if (!allowed[kind].includes(k))
      return bad(`field 'failure.${k}' does not belong to kind '${kind}' (expected ${allowed[kind].join(', ')})`);
  if (kind === 'wording') return { ok: true, failure: { kind } };
  if (kind === 'hypothesis') {
    if (typeof f.why !== 'string' || f.why.trim() === '')
      return bad(`field 'failure.why' is ${describeValue(f.why)} (say which hypothesis, e.g. 'm ≤ n (full row rank)')`);
    if (typeof f.holds !== 'function')
      return bad(
        `field 'failure.holds' is ${describeValue(f.holds)} (expected a predicate on the failing check's inputs)`,
      );
    return { ok: true, failure: { kind, why: f.why, holds: f.holds as (x: unknown) => boolean } };
  }
  const fixed = new Map<number, Check>();
  if ((f.checks === undefined) === (f.parts === undefined))
    return bad(
      `field 'failure' (kind '${kind}') needs exactly one of 'checks' (fixed checks by headline check name) and 'parts' (the fixed parts of a formula spec)`,
    );
  if (f.parts !== undefined) {
    if (typeof s.checks !== 'function' || !isPlainObject(s.parts))
      return bad(`field 'failure.parts' needs 'checks' to be a function of 'parts' (a formula spec)`);
    if (!isPlainObject(f.parts)) return bad(`field 'failure.parts' is ${describeValue(f.parts)} (expected an object)`);
    for (const k of Object.keys(f.parts))
      if (!Object.prototype.hasOwnProperty.call(s.parts, k))
        return bad(`field 'failure.parts' names unknown part '${k}' (parts are ${Object.keys(s.parts).join(', ')})`);
    const b = build(
      s.checks as (p: Record<string, unknown>) => unknown,
      { ...s.parts, ...f.parts },
      'checks(failure.parts)',
    );
    if (!b.ok) return bad(b.error);
    if (b.checks.length !== headline.length)
      return bad(
        `checks(failure.parts) returns ${b.checks.length} check(s) but the headline has ${headline.length}: they must correspond index by index`,
      );
    b.checks.forEach((c, i) => fixed.set(i, c));
    return { ok: true, failure: { kind, fixed } };
  }
  if (!isPlainObject(f.checks))
    return bad(`field 'failure.checks' is ${describeValue(f.checks)} (expected { [headline check name]: check })`);
  for (const [name, c] of Object.entries(f.checks)) {
    const i = headline.findIndex((h) => h.name === name || keyOf(h) === name);
    if (i < 0)
      return bad(
        `field 'failure.checks' names '${name}', which is no headline check (headline: ${headline.map((h) => `'${h.name}'`).join(', ')})`,
      );
    const badCheck = checkInvalidReason(c, `failure.checks['${name}']`);
    if (badCheck) return bad(badCheck);
    fixed.set(i, c as Check);
  }
  return { ok: true, failure: { kind, fixed } };
}
