import { rmSync } from 'node:fs';
import { suitePaths } from '../src/registry/paths.js';
import { writeReport } from '../src/report/writeReport.js';
import { summaryLines } from '../src/report/summaryLines.js';
import { runSeed } from '../src/verify/seed.js';

/** Before: clear stale results. After: merge every worker's results into reports/verification.json. */
export default function setup() {
  const paths = suitePaths();
  rmSync(paths.scratchDir, { recursive: true, force: true });
  return async () => {
    const selected = process.env.MUON_CLAIMS ? process.env.MUON_CLAIMS.split(',') : null;
    const report = await writeReport(paths, runSeed(), selected);
    process.stdout.write('\n' + summaryLines(report).join('\n') + '\nreport: reports/verification.json\n');
  };
}
