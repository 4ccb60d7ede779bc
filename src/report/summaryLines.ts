import type { Report } from './buildReport.js';
import { unexpectedReason } from '../verify/verdict.js';

/** One line per claim for the terminal: verdict, expectation, first broken step, and why it matters. */
export function summaryLines(report: Report): string[] {
  const lines: string[] = [];
  const w = Math.max(...report.claims.map((c) => c.id.length), 4);
  const notSelected = report.claims.filter((c) => c.verdict === 'unchecked');
  for (const c of report.claims) {
    if (c.verdict === 'unchecked' && notSelected.length > 3) continue; // summarised below
    const why = unexpectedReason(c);
    const mark = why ? '✗' : c.verdict === 'unchecked' ? '·' : '✓';
    const step = c.firstBrokenStep !== null ? ` first broken step ${c.firstBrokenStep}` : '';
    const exp = c.expected ? ` (expected ${c.expected})` : '';
    const tail = why ? ` — ${why}${c.error ? ': ' + c.error : ''}` : '';
    lines.push(`${mark} ${c.id.padEnd(w)} ${c.verdict.padEnd(9)}${exp}${step}${tail}`);
  }
  if (notSelected.length > 3) lines.push(`· ${notSelected.length} claims unchecked (not selected): ${notSelected.slice(0, 6).map((c) => c.id).join(', ')}${notSelected.length > 6 ? ', …' : ''}`);
  const s = report.summary;
  lines.push(`${s.total} claims: ${s.pass} pass, ${s.fail} fail, ${s.error} error, ${s.unchecked} unchecked; ${s.unexpected} unexpected. seed ${report.seed}, gpu backend ${report.environment.gpuBackend}.`);
  return lines;
}
