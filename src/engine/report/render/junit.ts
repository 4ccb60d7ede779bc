/**
 * reports/junit.xml: one <testcase> per claim, one <testsuite> per source document, built with
 * xmlbuilder2 (which escapes text and attributes and replaces characters XML cannot hold).
 *
 * What counts as a failed test follows `npm test`: a claim whose verdict is as recorded passes —
 * an expected `fail` is a successful refutation, and its counterexample is in <system-out> — and
 * one whose verdict differs gets <failure> with the counterexample; `error` is <error>, `unchecked`
 * <skipped>. `failOn: 'verdict'` instead makes every `fail` verdict a <failure>.
 */
import { create } from 'xmlbuilder2';
import type { Report } from '../buildReport.js';
import type { ClaimResult } from '../../verify/types.js';
import {
  byDocument,
  carriedOf,
  claimSummary,
  evidencePhrase,
  failureOf,
  oneLine,
  replayCommands,
  unexpectedOf,
  verdictOf,
  type RenderedClaim,
} from './model.js';

export interface JunitOptions {
  /** 'unexpected' (default): a test fails when its verdict differs from the claim file's; 'verdict': whenever the verdict is fail. */
  failOn?: 'unexpected' | 'verdict';
}

/** JSON with number lists kept on one line, so a matrix reads as rows. */
export function compactJson(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x), 2) ?? String(v);
  } catch {
    return String(v);
  }
  const rowsOnOneLine = s.replace(
    /\[\s*((?:-?[\d.e+-]+|"(?:-?Infinity|NaN)")(?:,\s*(?:-?[\d.e+-]+|"(?:-?Infinity|NaN)"))*)\s*\]/g,
    (_m, inner: string) => `[${inner.split(/,\s*/).join(', ')}]`,
  );
  // A small matrix on one line too; a larger one keeps a row per line.
  return rowsOnOneLine.replace(/\[\s*(\[[^[\]\n]*\](?:,\s*\[[^[\]\n]*\])*)\s*\]/g, (m, inner: string) => {
    const one = `[${inner.split(/\],\s*\[/).join('], [')}]`;
    return one.length <= 100 ? one : m;
  });
}

/** The counterexample as plain text: the refuted check, the input, the measurement or the statistic. */
export function counterexampleText(ce: unknown): string {
  if (ce === null || ce === undefined) return '';
  if (typeof ce !== 'object') return String(ce);
  const o = ce as Record<string, unknown>;
  const lines: string[] = [];
  if (typeof o.check === 'string') lines.push(`refuted check: ${o.check}`);
  const ev = evidencePhrase(ce);
  if (ev) lines.push(ev);
  const { check: _c, ...rest } = o;
  void _c;
  lines.push(compactJson(rest));
  return lines.join('\n');
}

const seconds = (ms: unknown) => (typeof ms === 'number' && Number.isFinite(ms) ? (ms / 1000).toFixed(3) : '0');

export function renderJunit(report: Report, opts: JunitOptions = {}): string {
  const failOn = opts.failOn ?? 'unexpected';
  const claims = report.claims as RenderedClaim[];
  const outcome = (c: ClaimResult): 'pass' | 'failure' | 'error' | 'skipped' => {
    const v = verdictOf(c);
    if (v === 'unchecked' || carriedOf(c)) return 'skipped';
    if (v === 'error') return 'error';
    if (unexpectedOf(c)) return 'failure';
    if (failOn === 'verdict' && v === 'fail') return 'failure';
    return 'pass';
  };
  const tally = (cs: ClaimResult[]) => {
    const o = cs.map(outcome);
    return {
      tests: cs.length,
      failures: o.filter((x) => x === 'failure').length,
      errors: o.filter((x) => x === 'error').length,
      skipped: o.filter((x) => x === 'skipped').length,
    };
  };
  const totalMs = claims.reduce((a, c) => a + (typeof c.ms === 'number' ? c.ms : 0), 0);
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' });
  const root = doc.ele('testsuites', { name: 'muon-verify', ...strings(tally(claims)), time: seconds(totalMs) });
  for (const [docName, cs] of byDocument(claims)) {
    const suite = root.ele('testsuite', {
      name: docName,
      ...strings(tally(cs)),
      time: seconds(cs.reduce((a, c) => a + (c.ms ?? 0), 0)),
      timestamp: report.startedAt ?? report.generatedAt,
    });
    const props = suite.ele('properties');
    const env = report.environment ?? ({} as Report['environment']);
    for (const [k, v] of [
      ['seed', report.seed],
      ['runId', report.runId ?? ''],
      ['gpuBackend', env.gpuBackend],
      ['node', env.node],
    ] as const) {
      props.ele('property', { name: k, value: String(v ?? '') });
    }
    for (const c of cs) {
      const v = verdictOf(c);
      const tc = suite.ele('testcase', {
        classname: `muon-verify.${docName}`,
        name: `${c.id}: ${oneLine(c.title ?? '', 200)}`,
        time: seconds(c.ms),
        ...(c.files?.property ? { file: c.files.property } : {}),
      });
      const why = unexpectedOf(c);
      const f = failureOf(c);
      const ceText = counterexampleText(c.counterexample);
      const o = outcome(c);
      if (o === 'error') {
        tc.ele('error', { message: oneLine(c.error || why || 'error', 500), type: 'error' }).txt(
          [c.error ?? '', why && why !== 'verdict is error' ? `(${why})` : '', ceText].filter(Boolean).join('\n'),
        );
      } else if (o === 'failure') {
        tc.ele('failure', {
          message: oneLine(why ?? claimSummary(c), 500),
          type: why ? 'unexpected-verdict' : (f?.kind ?? 'fail'),
        }).txt([claimSummary(c), ceText].filter(Boolean).join('\n'));
      } else if (o === 'skipped') {
        const carried = carriedOf(c);
        tc.ele('skipped', {
          message: carried
            ? `not judged in this run: carried from run ${carried.runId ?? 'unknown'} (verdict there: ${v})`
            : 'not run in this report (outside the --claim selection)',
        });
      }
      const out: string[] = [
        `verdict ${v}${c.expected ? ` (expected ${c.expected})` : ''}${f ? `; failure kind ${f.kind}: ${f.summary}` : ''}`,
      ];
      if (v === 'fail' && o === 'pass' && ceText) out.push(`counterexample:\n${ceText}`);
      if (c.corrected)
        out.push(`corrected statement (${c.corrected.verdict}): ${oneLine(c.corrected.statement ?? '', 600)}`);
      if (typeof c.firstBrokenStep === 'number') out.push(`first broken derivation step: ${c.firstBrokenStep}`);
      for (const r of replayCommands(c, report)) out.push(`${r.label}: ${r.command}`);
      if (o !== 'skipped' || carriedOf(c)) tc.ele('system-out').txt(out.join('\n'));
    }
  }
  return doc.end({ prettyPrint: true }) + '\n';
}

function strings(t: Record<string, number>): Record<string, string> {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, String(v)]));
}
