/**
 * What every renderer (HTML, Markdown, JUnit) reads off a report the same way: anchors, failure
 * kinds, one-sentence summaries, replay commands, groupings and number formatting.
 */
import type { Report } from '../buildReport.js';
import type { CheckOutcome, ClaimResult, Verdict } from '../../verify/types.js';
import { unexpectedReason } from '../../verify/verdict.js';

export const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'error', 'unchecked'];

/** A failure's kind and one-line summary, as the renderers show them (ClaimResult.failure, read defensively). */
export interface Failure {
  kind: string;
  summary: string;
}

/**
 * A claim as the renderers read it: a `ClaimResult` whose `failure` is read defensively (a report
 * from disk, hand-edited or written by another version, must still render).
 */
export type RenderedClaim = ClaimResult;

/** The claim's failure kind and summary, or null when absent or malformed. */
export function failureOf(c: RenderedClaim): Failure | null {
  const f: unknown = c.failure;
  if (typeof f !== 'object' || f === null) return null;
  const { kind, summary } = f as Record<string, unknown>;
  if (typeof kind !== 'string' || kind.trim() === '') return null;
  return { kind, summary: typeof summary === 'string' ? summary : '' };
}

/** Why the claim's result is not as recorded (the same rule `npm test` applies), or null. */
export function unexpectedOf(c: ClaimResult): string | null {
  return unexpectedReason(c);
}

/** The verdict, or 'error' for a value outside the four (a hand-built report must still render). */
export function verdictOf(c: ClaimResult): Verdict {
  return (VERDICTS as readonly string[]).includes(c.verdict) ? c.verdict : 'error';
}

/**
 * The card's HTML id. Claim ids are [a-z0-9-] in practice and are used as they are (so
 * `index.html#s000-c02` works); anything else gets a stable, safe id derived from it.
 */
export function anchorId(id: string): string {
  if (/^[A-Za-z][A-Za-z0-9._-]*$/.test(id)) return id;
  let h = 0x811c9dc5;
  for (const ch of id) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  const slug = id
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `claim-${slug ? slug + '-' : ''}${h.toString(16)}`;
}

export function documentOf(c: ClaimResult): string {
  const d = c.source?.document;
  return typeof d === 'string' && d.trim() !== '' ? d : NO_DOCUMENT;
}

export const NO_DOCUMENT = '(no source document)';

/** Claims grouped by source document, documents and claims in report order; claims without one last. */
export function byDocument(claims: ClaimResult[]): [string, ClaimResult[]][] {
  const groups = new Map<string, ClaimResult[]>();
  for (const c of claims) {
    const d = documentOf(c);
    if (!groups.has(d)) groups.set(d, []);
    groups.get(d)!.push(c);
  }
  return [...groups].sort((a, b) => Number(a[0] === NO_DOCUMENT) - Number(b[0] === NO_DOCUMENT));
}

/** For each claim id, the claims whose `dependsOn` names it. */
export function dependents(claims: ClaimResult[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const c of claims) {
    for (const d of Array.isArray(c.dependsOn) ? c.dependsOn : []) {
      if (!m.has(d)) m.set(d, []);
      m.get(d)!.push(c.id);
    }
  }
  return m;
}

/** The earlier run a claim's entry was carried from (a --claim run keeps the others' entries), or null. */
export function carriedOf(c: ClaimResult): { runId: string | null; seed: number; generatedAt: string } | null {
  const f = (c as { carriedFrom?: unknown }).carriedFrom;
  return typeof f === 'object' && f !== null
    ? (f as { runId: string | null; seed: number; generatedAt: string })
    : null;
}

/**
 * Unexpected results judged in this run, errors first (the order a reader should look at them).
 * Entries carried from an earlier run are not this run's results (the gate does not count them either).
 */
export function attention(claims: ClaimResult[]): { claim: ClaimResult; reason: string }[] {
  const out = claims
    .filter((c) => !carriedOf(c))
    .map((claim) => ({ claim, reason: unexpectedOf(claim) }))
    .filter((x): x is { claim: ClaimResult; reason: string } => x.reason !== null);
  return out.sort((a, b) => Number(verdictOf(b.claim) === 'error') - Number(verdictOf(a.claim) === 'error'));
}

/** Counts by verdict as the claims show them, and the number of unexpected results (`npm test`'s rule). */
export function countsOf(r: Pick<Report, 'claims'>): {
  total: number;
  pass: number;
  fail: number;
  error: number;
  unchecked: number;
  unexpected: number;
  carried: number;
} {
  const by = (v: Verdict) => r.claims.filter((c) => verdictOf(c) === v).length;
  return {
    total: r.claims.length,
    pass: by('pass'),
    fail: by('fail'),
    error: by('error'),
    unchecked: by('unchecked'),
    unexpected: attention(r.claims).length,
    carried: r.claims.filter((c) => carriedOf(c)).length,
  };
}

/** A word for the shell: left alone when safe, else single-quoted. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:=,+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface ReplayCommand {
  label: string;
  command: string;
}

/**
 * Commands that reproduce the claim's result: the fast-check replay of its counterexample (when it
 * has one), and a rerun of the claim with the run's seed (statistical checks included).
 */
export function replayCommands(c: ClaimResult, report: Pick<Report, 'seed' | 'environment'>): ReplayCommand[] {
  const out: ReplayCommand[] = [];
  const r = c.replay;
  if (r && typeof r.seed === 'number' && typeof r.path === 'string') {
    out.push({
      label: 'replay the counterexample (fast-check seed and path, no search)',
      // The check's stable key when it has one (a replay matches a check by key or by name).
      command: `npm run replay -- ${shellWord(c.id)}${r.key || r.check ? ` --check ${shellWord((r.key || r.check)!)}` : ''} --seed ${r.seed} --path ${shellWord(r.path || '""')}`,
    });
  }
  const heavy = report.environment?.heavy === true ? ' --heavy' : '';
  const carried = carriedOf(c);
  out.push(
    carried
      ? {
          label: 'rerun the claim with the seed of the run that judged it',
          command: `npm test -- --claim ${shellWord(c.id)} --seed ${carried.seed}`,
        }
      : {
          label: "rerun the claim with this run's seed",
          command: `npm test -- --claim ${shellWord(c.id)} --seed ${report.seed}${heavy}`,
        },
  );
  return out;
}

/** Numbers as a person reads them: 4 significant digits, ∞ for the report's "Infinity" strings. */
export function fmt(x: unknown): string {
  if (x === 'Infinity') return '∞';
  if (x === '-Infinity') return '−∞';
  if (x === 'NaN') return 'NaN';
  if (typeof x !== 'number') return String(x);
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (Number.isInteger(x) && Math.abs(x) < 1e7) return String(x);
  const a = Math.abs(x);
  const s = a !== 0 && (a < 1e-3 || a >= 1e7) ? x.toExponential(3).replace(/\.?0+e/, 'e') : String(+x.toPrecision(4));
  return s.replace(/^-/, '−');
}

/** A number-like value (a number or one of the report's ∞/NaN strings). */
export function isNumberLike(x: unknown): x is number | 'Infinity' | '-Infinity' | 'NaN' {
  return typeof x === 'number' || x === 'Infinity' || x === '-Infinity' || x === 'NaN';
}

/** Whitespace collapsed, cut at `max` characters with an ellipsis. */
export function oneLine(s: string, max = 240): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1).trimEnd() + '…' : t;
}

/** The first sentence (or line) of a text. */
export function firstSentence(s: string, max = 240): string {
  const t = s.replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.;:!?])(\s|$)/.exec(t);
  return oneLine(m ? m[1] : t, max);
}

/** The failing check's measured evidence in one phrase, e.g. "measured ∞, must be ≤ 6.661e-15". */
export function evidencePhrase(ce: unknown): string | null {
  if (typeof ce !== 'object' || ce === null) return null;
  const o = ce as Record<string, unknown>;
  const m = o.measured as Record<string, unknown> | undefined;
  if (m && typeof m === 'object' && isNumberLike(m.value)) {
    const rel = m.relation === '>=' ? '≥' : '≤';
    return `measured ${fmt(m.value)}, must be ${rel} ${fmt(m.bound)}`;
  }
  const s = o.statistic as Record<string, unknown> | undefined;
  if (s && typeof s === 'object' && isNumberLike(s.estimate) && Array.isArray(s.ci)) {
    const conf = typeof s.confidence === 'number' ? `${+(s.confidence * 100).toPrecision(6)}% ` : '';
    const rule = typeof s.rule === 'string' ? `; ${s.rule.split(';')[0]}` : '';
    return `estimate ${fmt(s.estimate)}, ${conf}CI [${fmt(s.ci[0])}, ${fmt(s.ci[1])}]${rule}`;
  }
  if (isNumberLike(o.maxError)) return `measured ${fmt(o.maxError)} against tolerance ${fmt(o.tolerance)}`;
  return null;
}

/** One sentence saying what the claim's result is about, for a line of the summary. */
export function claimSummary(c: RenderedClaim): string {
  const f = failureOf(c);
  if (f && f.summary.trim() !== '') return oneLine(f.summary);
  const v = verdictOf(c);
  if (v === 'error') return oneLine(`error: ${firstSentence(c.error ?? 'no error message recorded', 300)}`);
  if (v === 'unchecked') return 'not run in this report';
  if (v === 'fail') {
    const ce = c.counterexample as Record<string, unknown> | null;
    const check = ce && typeof ce.check === 'string' ? ce.check : c.checks.find((k) => !k.passed)?.name;
    const ev = evidencePhrase(ce);
    return oneLine(`refuted by “${check ?? 'a check'}”${ev ? `: ${ev}` : ''}`);
  }
  const broken = typeof c.firstBrokenStep === 'number' ? `; the justification breaks at step ${c.firstBrokenStep}` : '';
  return oneLine(
    `${c.checks.length} check${c.checks.length === 1 ? '' : 's'} hold${c.checks.length === 1 ? 's' : ''}${broken}`,
  );
}

/** The checks of a claim and of its corrected statement that carry plots. */
export function checksWithSeries(c: ClaimResult): { group: 'headline' | 'corrected'; check: CheckOutcome }[] {
  const out: { group: 'headline' | 'corrected'; check: CheckOutcome }[] = [];
  for (const check of c.checks ?? [])
    if (Array.isArray(check.series) && check.series.length) out.push({ group: 'headline', check });
  for (const check of c.corrected?.checks ?? [])
    if (Array.isArray(check.series) && check.series.length) out.push({ group: 'corrected', check });
  return out;
}
