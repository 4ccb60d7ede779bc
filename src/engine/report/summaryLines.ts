import { failKindPhrase, type Report } from './buildReport.js';
import { unexpectedReason } from '../verify/verdict.js';

/** One line per claim for the terminal: verdict, expectation, first broken step, and why it matters. */
export function summaryLines(report: Report): string[] {
  const lines: string[] = [];
  const w = Math.max(...report.claims.map((c) => c.id.length), 4);
  // Claims this run did not judge (a --claim selection): unchecked, or carried over from an earlier run.
  const notSelected = report.claims.filter((c) => c.verdict === 'unchecked' || c.carriedFrom);
  for (const c of report.claims) {
    if ((c.verdict === 'unchecked' || c.carriedFrom) && notSelected.length > 3) continue; // summarised below
    const why = c.carriedFrom ? null : unexpectedReason(c);
    const mark = why ? '✗' : c.verdict === 'unchecked' ? '·' : '✓';
    const step = c.firstBrokenStep !== null ? ` first broken step ${c.firstBrokenStep}` : '';
    const exp = c.expected ? ` (expected ${c.expected})` : '';
    const tail = why ? ` — ${why}${c.error ? ': ' + c.error : ''}` : '';
    lines.push(`${mark} ${c.id.padEnd(w)} ${c.verdict.padEnd(9)}${exp}${step}${tail}`);
  }
  if (notSelected.length > 3) {
    const kept = notSelected.filter((c) => c.carriedFrom).length;
    lines.push(
      `· ${notSelected.length} claims not judged in this run (not selected${kept ? `; ${kept} keep their entry from an earlier run, marked carriedFrom` : ''}): ${notSelected
        .slice(0, 6)
        .map((c) => c.id)
        .join(', ')}${notSelected.length > 6 ? ', …' : ''}`,
    );
  }
  const s = report.summary;
  lines.push(
    `${s.total} ${s.total === 1 ? 'claim' : 'claims'}: ${s.pass} hold; ${s.fail} fail as written${failKindPhrase(report)}; ${s.error} error, ${s.unchecked} unchecked${s.carried ? `; ${s.carried} carried from earlier runs (not judged now)` : ''}; ${s.unexpected} unexpected. seed ${report.seed}, gpu backend ${report.environment.gpuBackend}.`,
  );
  return lines;
}

/** What the closing line counts, printed just above it (README: "What `npm test` promises"). */
export const CLOSING_LINE_EXPLANATION =
  '(the closing line counts claims whose verdict matches the expectation recorded in its claim file — not claims that hold: passed = judged as recorded, whether it holds or fails as written; failed = any other verdict, an error, or not judged)';

/** The line CI reads: exactly `verification: N passed, N failed`, with `, N skipped` after a selection. */
export function closingLine(passed: number, failed: number, skipped = 0): string {
  return `verification: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}
