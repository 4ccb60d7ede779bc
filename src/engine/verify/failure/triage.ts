import type { ClaimFile } from '../../registry/claimSchema.js';
import { measuredCase } from '../checks/forAll.js';
import { errorOutcome, messageOf } from '../checks/outcome.js';
import { holds, invalidReason } from '../checks/measurement.js';
import { keyOf, type ResolvedFailure } from '../checks/spec.js';
import type { Check, CheckContext, CheckOutcome, FailureResult, MeasuredCase } from '../types.js';

/**
 * Backs a failing claim's `failure.kind` with checks (issue 11). A label alone would be one more
 * thing to trust; each kind says something checkable about the headline's failing checks:
 *
 * - hypothesis: every failing headline check is a forAll; restricted to inputs that satisfy the
 *   declared hypothesis it HOLDS, restricted to inputs outside it it FAILS (its negative control),
 *   and its counterexample VIOLATES the hypothesis. A counterexample inside the hypothesis means the
 *   triage is inconsistent: an error, reported with both.
 * - notation / substance: every failing headline check has a fixed twin (the intended reading, or
 *   the corrected conclusion); the twin runs under the headline check's own seed, so it sees the
 *   same generated inputs, and HOLDS; when both are forAll checks it also holds AT the headline's
 *   counterexample. The headline check, failing on those same inputs, is the twin's negative control.
 * - wording: the failing headline checks are exactly the ones whose names quote the words at fault,
 *   and at least one other (formula-level) headline check exists and holds.
 *
 * Anything that does not back the kind is returned in `errors` (the claim becomes `error`).
 */

/** How the triage runs a check: under the claim's derived seed for `seedParts`, judged like any other. */
export type RunCheck = (check: Check, seedParts: string[]) => Promise<CheckOutcome>;

export interface TriageInput {
  /** The claim file's `failure` (validated by claimSchema). */
  declared: NonNullable<ClaimFile['failure']>;
  /** The property file's `failure` declaration, resolved. */
  spec: ResolvedFailure | null;
  headline: Check[];
  outcomes: CheckOutcome[];
  run: RunCheck;
  /** The context a headline check ran in (its seed), for re-finding its raw counterexample. */
  contextOf: (check: Check) => CheckContext;
  describe: (o: CheckOutcome) => string;
  files: { claim: string; property: string };
}

export interface TriageResult {
  failure: FailureResult;
  errors: string[];
}

/** The quoted words, without their quotes, lower-cased, for matching check names. */
export function normalizeWords(words: string): string {
  return words
    .trim()
    .replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, '')
    .trim()
    .toLowerCase();
}

/** A one-case outcome the triage computes itself (a predicate at a counterexample, a measure at one input). */
function oneCase(
  name: string,
  base: CheckOutcome,
  passed: boolean,
  measured: MeasuredCase,
  reason: string,
  input: unknown,
  size: [number, number] | undefined,
): CheckOutcome {
  return {
    name,
    backend: base.backend,
    sizes: size ? [size] : [],
    cases: 1,
    maxError: measured.value,
    tolerance: measured.bound,
    toleranceReason: reason,
    passed,
    ms: 0,
    ...(passed ? { closest: { input, measured } } : { counterexample: { input, measured } }),
  };
}

/**
 * An outcome in one clause for an error message (no '; ', which separates causes): what happened,
 * the worst value against its bound, and the counterexample's input or the statistic's interval.
 */
export function brief(o: CheckOutcome): string {
  if (o.error !== undefined) return `error: ${o.error.replace(/; /g, ', ')}`;
  const st = o.statistic;
  const what = st
    ? `${st.name} = ${st.estimate}, CI [${st.ci[0]}, ${st.ci[1]}], rule ${st.rule}`
    : `worst ${o.maxError} vs bound ${o.tolerance}`;
  const input = (o.counterexample as { input?: unknown } | undefined)?.input;
  let shown = '';
  try {
    shown = input !== undefined ? `, counterexample ${JSON.stringify(input)}` : '';
  } catch {
    shown = ', counterexample (not serialisable)';
  }
  return `${o.passed ? 'holds' : 'fails'} on ${o.cases} cases, ${what}${shown}`.replace(/; /g, ', ');
}

export async function triage(t: TriageInput): Promise<TriageResult> {
  const d = t.declared;
  const failing = t.outcomes.map((o, i) => ({ o, i })).filter(({ o }) => !o.passed && o.error === undefined);
  const base: Omit<FailureResult, 'backing' | 'checks'> = {
    kind: d.kind,
    summary: d.summary,
    ...(d.hypothesis !== undefined ? { hypothesis: d.hypothesis } : {}),
    ...(d.words !== undefined ? { words: d.words } : {}),
    ...(d.symbol !== undefined ? { symbol: d.symbol } : {}),
  };
  const done = (backing: string, checks: CheckOutcome[], errors: string[]): TriageResult => ({
    failure: { ...base, backing, checks },
    errors: errors.map((e) => `failure triage (${d.kind}): ${e}`),
  });
  if (t.spec && t.spec.kind !== d.kind)
    return done(
      '',
      [],
      [
        `${t.files.claim} says failure.kind '${d.kind}' but ${t.files.property} declares failure of kind '${t.spec.kind}'`,
      ],
    );

  if (d.kind === 'wording') {
    const w = normalizeWords(d.words ?? '');
    const encodes = (o: CheckOutcome) => w !== '' && o.name.toLowerCase().includes(w);
    const errors: string[] = [];
    for (const { o } of failing)
      if (!encodes(o))
        errors.push(
          `check '${o.name}' fails but does not encode the words at fault ${d.words} (its name must quote them): a failing formula is not a wording fault`,
        );
    const formulas = t.outcomes.filter((o) => !encodes(o));
    if (formulas.length === 0)
      errors.push(
        `every headline check encodes the words ${d.words}: add the formula-level check(s) the wording fault leaves standing, to show they hold`,
      );
    const words = t.outcomes.filter(encodes).map((o) => `'${o.name}'`);
    return done(
      `the formula-level checks hold (${formulas.map((o) => `'${o.name}'`).join(', ') || 'none'}); the checks that fail are the ones encoding the words ${d.words} (${words.join(', ') || 'none'})`,
      [],
      errors,
    );
  }

  if (!t.spec)
    return done(
      '',
      [],
      [
        `${t.files.claim} says failure.kind '${d.kind}' but ${t.files.property} declares no 'failure' to back it (${
          d.kind === 'hypothesis'
            ? 'failure: hypothesis(why, holds), a predicate on the failing check’s inputs'
            : `failure: ${d.kind}({ checks: { [failing check name]: fixed check } }) or ${d.kind}({ parts })`
        })`,
      ],
    );

  if (t.spec.kind === 'hypothesis') return hypothesisTriage(t, t.spec, failing, done);
  // The spec's kind equals the declared one (checked above), and wording returned earlier.
  return fixedTriage(t, t.spec as Extract<ResolvedFailure, { fixed: unknown }>, failing, done);
}

type Done = (backing: string, checks: CheckOutcome[], errors: string[]) => TriageResult;

/**
 * The raw counterexample of a failing headline check, found again under the seed it ran with; when
 * it cannot be (the run throws, or finds none: the check is not deterministic), the reason is pushed
 * onto `errors` and null returned — a counterexample that is not there must never back a kind.
 */
async function refindCounterexample(
  t: TriageInput,
  check: Check,
  probe: NonNullable<Check['probe']>,
  o: CheckOutcome,
  errors: string[],
): Promise<{ input: unknown } | null> {
  try {
    const cx = await probe.counterexample(t.contextOf(check));
    if (!cx)
      errors.push(
        `check '${o.name}' failed but running it again found no counterexample (the check is not deterministic)`,
      );
    return cx;
  } catch (e) {
    errors.push(`re-finding the counterexample of '${o.name}' threw: ${messageOf(e)}`);
    return null;
  }
}

async function hypothesisTriage(
  t: TriageInput,
  h: { why: string; holds: (x: unknown) => boolean },
  failing: { o: CheckOutcome; i: number }[],
  done: Done,
): Promise<TriageResult> {
  const checks: CheckOutcome[] = [];
  const errors: string[] = [];
  for (const { o, i } of failing) {
    const check = t.headline[i];
    const probe = check.probe;
    if (!probe) {
      errors.push(
        `check '${o.name}' is not a forAll check: a hypothesis is a predicate on inputs, so the failing check must generate them (forAll)`,
      );
      continue;
    }
    // 1. The counterexample violates the hypothesis.
    const errorsBefore = errors.length;
    const cxName = `counterexample of '${o.name}' violates the hypothesis (${h.why})`;
    const cx = await refindCounterexample(t, check, probe, o, errors);
    if (cx) {
      let inside: unknown;
      try {
        inside = h.holds(cx.input);
      } catch (e) {
        inside = e;
      }
      const shown = probe.show(cx.input);
      if (typeof inside !== 'boolean') {
        const out = errorOutcome(
          { name: cxName, backend: o.backend },
          `the hypothesis predicate gave ${messageOf(inside)} at the counterexample`,
        );
        checks.push(out);
        errors.push(`${cxName}: ${out.error}`);
      } else {
        checks.push(
          oneCase(
            cxName,
            o,
            !inside,
            { value: inside ? 1 : 0, bound: 0, relation: '<=', detail: { hypothesis: h.why, holdsThere: inside } },
            'exact: the predicate is 0 (false) outside the hypothesis, 1 (true) inside',
            shown,
            probe.size(cx.input),
          ),
        );
        if (inside)
          errors.push(
            `inconsistent triage: the counterexample of '${o.name}', ${JSON.stringify(shown)}, satisfies the declared hypothesis '${h.why}' (${t.files.claim}: failure.hypothesis), so the hypothesis cannot be what the statement is missing`,
          );
      }
    }
    // 2. Restricted to the hypothesis it holds; outside the hypothesis it fails (its control).
    // Skipped once step 1 found the triage inconsistent: the restricted run would only meet the
    // same counterexample again, a second message for one cause.
    if (errors.length > errorsBefore) continue;
    const inside = probe.restrict(`'${o.name}' under the hypothesis (${h.why})`, h.holds, h.why, true);
    const outside = probe.restrict(`'${o.name}' outside the hypothesis (${h.why})`, h.holds, h.why, false);
    const r = await t.run(inside, ['failure', 'hypothesis', keyOf(check)]);
    if (r.error === undefined && r.passed) {
      const c = await t.run(outside, ['failure', 'hypothesis-control', keyOf(check)]);
      const refuted = c.error === undefined && !c.passed;
      Object.assign(r, {
        power: refuted ? 'control-refuted' : 'powerless',
        control: {
          description: `the same check on inputs outside the hypothesis (${h.why})`,
          source: 'explicit',
          outcome: c.error !== undefined ? 'error' : c.passed ? 'held' : 'refuted',
          detail: t.describe(c),
        },
        powerDetail: refuted
          ? 'outside the hypothesis the check fails, as it must'
          : `outside the hypothesis the check ${c.error !== undefined ? `errored: ${c.error}` : 'held'}: the hypothesis is not what separates the failing inputs`,
      });
      if (!refuted)
        errors.push(`'${o.name}' holds outside the hypothesis too (${brief(c)}): the restriction shows nothing`);
    } else {
      errors.push(
        `'${o.name}' restricted to the hypothesis (${h.why}) does not hold (${brief(r)}): the hypothesis does not rescue the statement`,
      );
    }
    checks.push(r);
  }
  return done(
    `the failing check(s) hold on inputs that satisfy the hypothesis (${h.why}) and fail outside it; each counterexample violates it`,
    checks,
    errors,
  );
}

async function fixedTriage(
  t: TriageInput,
  f: { kind: 'notation' | 'substance'; fixed: Map<number, Check> },
  failing: { o: CheckOutcome; i: number }[],
  done: Done,
): Promise<TriageResult> {
  const checks: CheckOutcome[] = [];
  const errors: string[] = [];
  const what = f.kind === 'notation' ? 'the intended reading' : 'the corrected conclusion';
  for (const { o, i } of failing) {
    const check = t.headline[i];
    const twin = f.fixed.get(i);
    if (!twin) {
      errors.push(
        `headline check '${o.name}' fails but ${t.files.property} gives no fixed check for it (failure.checks['${o.name}']): ${what} must be checked on the inputs where the statement fails`,
      );
      continue;
    }
    // Same seed as the headline check: a twin built on the same arbitrary or sampler sees the same inputs.
    const r = await t.run(twin, ['headline', keyOf(check)]);
    const renamed =
      r.name === o.name ? { ...r, name: `${o.name} [${f.kind === 'notation' ? 'intended reading' : 'corrected'}]` } : r;
    if (renamed.error === undefined && renamed.passed)
      Object.assign(renamed, {
        power: 'control-refuted',
        control: {
          description: `the statement as written: '${o.name}' on the same inputs`,
          source: 'explicit',
          outcome: 'refuted',
          detail: t.describe(o),
        },
        powerDetail: `the headline check, its unfixed twin, fails on the same inputs`,
      });
    else errors.push(`${what} does not hold where '${o.name}' fails (${brief(renamed)})`);
    checks.push(renamed);
    // At the headline's counterexample, when both checks generate inputs the same way (and the
    // twin held on its own inputs: a twin that fails there is one cause, not two).
    if (check.probe && twin.probe && renamed.error === undefined && renamed.passed) {
      const name = `${renamed.name} at the counterexample of '${o.name}'`;
      // "Its counterexample included" must never be claimed for a counterexample that was not there.
      const cx = await refindCounterexample(t, check, check.probe, o, errors);
      if (!cx) continue;
      const shown = check.probe.show(cx.input);
      try {
        const m = await twin.probe.measureAt(cx.input);
        const bad = invalidReason(m);
        if (bad) throw new Error(bad);
        const ok = holds(m);
        checks.push(
          oneCase(
            name,
            { ...o, backend: twin.backend },
            ok,
            measuredCase(m),
            m.tolerance?.reason ?? twin.name,
            shown,
            check.probe.size(cx.input),
          ),
        );
        if (!ok) errors.push(`${what} fails at the counterexample of '${o.name}', ${JSON.stringify(shown)}`);
      } catch (e) {
        const out = errorOutcome(
          { name, backend: o.backend },
          `measuring ${what} at the counterexample threw: ${messageOf(e)}`,
        );
        checks.push(out);
        errors.push(`${name}: ${out.error}`);
      }
    }
  }
  return done(
    `${what} holds on the inputs where the statement as written fails (same seed), ${failing.length > 0 && failing.every(({ i }) => t.headline[i].probe && f.fixed.get(i)?.probe) ? 'its counterexample included' : 'with the same generated data'}`,
    checks,
    errors,
  );
}
