/**
 * `npm run merge-reports -- <dir…> [--out DIR]`: merges the reports of `npm test -- --shard I/N` runs
 * (each DIR holds one shard's verification.json, e.g. a CI artifact) into DIR/verification.json
 * (default: reports/), renders index.html, summary.md and junit.xml from it, and is the gate for the
 * whole matrix: it exits 0 only when every shard is there exactly once, with one seed and one mode,
 * every claim was judged by exactly one shard, and every verdict is as recorded. See
 * docs/ci-sharded.yml for a GitHub Actions matrix of 4 shards and this merge.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mergeReports, type ShardInput } from '../src/engine/report/mergeReports.js';
import { renderAll } from '../src/engine/report/render/index.js';
import { closingLine, CLOSING_LINE_EXPLANATION, summaryLines } from '../src/engine/report/summaryLines.js';
import { readReport, REPORT_FILE, writeReport } from '../src/engine/report/writeReport.js';
import { unexpectedReason } from '../src/engine/verify/verdict.js';

const USAGE = 'usage: npm run merge-reports -- <shard report dir>… [--out DIR (default reports)]';
function usage(message: string): never {
  console.error(`merge-reports: ${message}\n${USAGE}\nnothing was merged.`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    strict: true,
    options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
} catch (e) {
  usage((e as Error).message.split('\n')[0]);
}
if (parsed.values.help) usage('--help');
if (parsed.positionals.length === 0) usage('give the directories of the shard reports');
const out = resolve(parsed.values.out ?? 'reports');

const inputs: ShardInput[] = [];
const unreadable: string[] = [];
for (const dir of parsed.positionals) {
  const file = existsSync(dir) && statSync(dir).isDirectory() ? join(dir, REPORT_FILE) : dir;
  const r = readReport(file);
  if ('report' in r) inputs.push({ dir, report: r.report });
  else unreadable.push(`${dir}: ${r.error}`);
}
const { report } = mergeReports(inputs, { runId: randomUUID() });
report.runErrors = [...unreadable, ...(report.runErrors ?? [])];
const file = writeReport(out, report);
try {
  await renderAll(report, out);
} catch (e) {
  report.runErrors.push(`rendering the merged report failed: ${(e as Error).message}`);
}
console.log(summaryLines(report).join('\n'));
console.log(`merged ${inputs.length} shard report(s) into ${file}`);
for (const e of report.runErrors) console.log(`run error: ${e}`);
const bad = report.claims.filter((c) => unexpectedReason(c) !== null || c.verdict === 'unchecked').length;
console.log(CLOSING_LINE_EXPLANATION);
console.log(closingLine(report.claims.length - bad, bad));
process.exit(bad || report.runErrors.length ? 1 : 0);
