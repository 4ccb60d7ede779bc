import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { suitePaths } from '../src/registry/paths.js';
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
    const selected = process.env.MUON_CLAIMS ? process.env.MUON_CLAIMS.split(',') : null;
    const report = await writeReport(paths, runSeed(), selected);
    rmSync(paths.scratchDir, { recursive: true, force: true });
    process.stdout.write('\n' + summaryLines(report).join('\n') + '\nreport: reports/verification.json\n');
  };
}
