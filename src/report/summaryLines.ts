import type { Report } from './buildReport.js';
import { unexpectedReason } from '../verify/verdict.js';

/** One line per claim for the terminal: verdict, expectation, first broken step, and why it matters. */
export function summaryLines(report: Report): string[] {
  const lines: string[] = [];
  const w = Math.max(...report.claims.map((c) => c.id.length), 4);
  for (const c of report.claims) {
    const why = unexpectedReason(c);
    const mark = why ? '✗' : c.verdict === 'unchecked' ? '·' : '✓';
    const step = c.firstBrokenStep !== null ? ` first broken step ${c.firstBrokenStep}` : '';
    const exp = c.expected ? ` (expected ${c.expected})` : '';
    const tail = why ? ` — ${why}${c.error ? ': ' + c.error : ''}` : '';
    lines.push(`${mark} ${c.id.padEnd(w)} ${c.verdict.padEnd(9)}${exp}${step}${tail}`);
  }
  const s = report.summary;
  lines.push(`${s.total} claims: ${s.pass} pass, ${s.fail} fail, ${s.error} error, ${s.unchecked} unchecked; ${s.unexpected} unexpected. seed ${report.seed}, gpu backend ${report.environment.gpuBackend}.`);
  return lines;
}
