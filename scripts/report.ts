/**
 * `npx tsx scripts/report.ts [--in FILE] [--out DIR] [--fail-on unexpected|verdict] [--no-katex-fonts]`:
 * re-renders index.html, summary.md and junit.xml from an existing verification report (default
 * reports/verification.json, into the report's own folder) without rerunning any claim.
 */
import { dirname, resolve } from 'node:path';
import { projectRoot } from '../src/engine/registry/paths.js';
import { readReport } from '../src/engine/report/writeReport.js';
import { renderAll } from '../src/engine/report/render/index.js';

const USAGE =
  'usage: npx tsx scripts/report.ts [--in FILE] [--out DIR] [--fail-on unexpected|verdict] [--no-katex-fonts]';
const args = process.argv.slice(2);
let input = resolve(projectRoot, 'reports', 'verification.json');
let out: string | null = null;
let failOn: 'unexpected' | 'verdict' = 'unexpected';
let katexFonts = true;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => {
    const v = args[++i];
    if (v === undefined || v.startsWith('--')) {
      console.error(`${a} needs a value\n${USAGE}`);
      process.exit(2);
    }
    return v;
  };
  if (a === '--in') input = resolve(value());
  else if (a === '--out') out = resolve(value());
  else if (a === '--fail-on') {
    const v = value();
    if (v !== 'unexpected' && v !== 'verdict') {
      console.error(`--fail-on must be unexpected or verdict, got '${v}'\n${USAGE}`);
      process.exit(2);
    }
    failOn = v;
  } else if (a === '--no-katex-fonts') katexFonts = false;
  else if (a === '--help' || a === '-h') {
    console.log(USAGE);
    process.exit(0);
  } else {
    console.error(`unknown argument '${a}'\n${USAGE}`);
    process.exit(2);
  }
}

const r = readReport(input);
if ('error' in r) {
  console.error(`report: ${r.error}`);
  process.exit(1);
}
const files = await renderAll(r.report, out ?? dirname(input), { junit: { failOn }, html: { katexFonts } });
const s = r.report.summary;
console.log(
  `rendered ${s.total} claims (${s.pass} pass, ${s.fail} fail, ${s.error} error, ${s.unchecked} unchecked) from ${input}:`,
);
for (const f of Object.values(files)) console.log(`  ${f}`);
