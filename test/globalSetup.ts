import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { PROPERTY_EXT, suitePaths } from '../src/registry/paths.js';
import { writeReport } from '../src/report/writeReport.js';
import { summaryLines } from '../src/report/summaryLines.js';
import { runSeed } from '../src/verify/seed.js';

declare module 'vitest' {
  export interface ProvidedContext {
    scratchDir: string;
  }
}

/**
 * Before: give this run its own scratch directory (so concurrent runs cannot mix results).
 * After: merge every worker's results into reports/verification.json and print the summary.
 */
export default function setup(project: TestProject) {
  const base = suitePaths();
  const paths = { ...base, scratchDir: join(base.scratchDir, `${Date.now()}-${process.pid}`) };
  project.provide('scratchDir', paths.scratchDir);
  return async () => {
    // Claims whose property file was not part of this run (a file filter) are `unchecked`;
    // those that were part of it but left no result are `error` (buildReport decides).
    const ran = project.vitest.state.getFiles().map((f) => basename(f.filepath)).filter((f) => f.endsWith(PROPERTY_EXT)).map((f) => f.slice(0, -PROPERTY_EXT.length));
    const selected = process.env.MUON_CLAIMS ? process.env.MUON_CLAIMS.split(',') : ran;
    const report = await writeReport(paths, runSeed(), selected);
    rmSync(paths.scratchDir, { recursive: true, force: true });
    process.stdout.write('\n' + summaryLines(report).join('\n') + '\nreport: reports/verification.json\n');
  };
}
