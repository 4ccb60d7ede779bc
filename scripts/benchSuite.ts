/**
 * The suite's own wall time, for `npm run bench` (issue 13: `npm test` ≤ 60 s warm, heavy ≤ 10 min).
 * Runs `npm test` exactly as a user does (a fresh process on this tree), twice: the first run may build
 * the worker bundles (src/engine/runner/workerBundle.ts), the second is the warm figure; with --heavy,
 * `npm test -- --heavy` once more. Each run's closing line is kept: a time of a run that did not judge
 * every claim as recorded is reported, never mistaken for the suite's time. Observations only.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SuiteRun {
  command: string;
  wallSeconds: number;
  exitCode: number | null;
  /** `verification: N passed, N failed` as the run printed it. */
  closingLine: string | null;
  /** The run's own figure: claims, from start to the written report. */
  claimsSeconds: number | null;
  /** Sum of the claims' own times (check time, from the report), and the five slowest. */
  checkSeconds: number | null;
  slowest: { id: string; seconds: number }[];
}

export async function timeSuite(root: string, args: string[], log: (s: string) => void): Promise<SuiteRun> {
  const command = `npm test${args.length ? ' -- ' + args.join(' ') : ''}`;
  log(`timing ${command} …`);
  const t0 = performance.now();
  const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/test.ts', ...args],
      {
        cwd: root,
        env: { ...process.env, MUON_ROOT: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.resume();
    child.on('close', (c) => resolve({ code: c, out }));
  });
  const wallSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
  const claims = /claims took ([\d.]+) s in all/.exec(out);
  let checkSeconds: number | null = null;
  let slowest: SuiteRun['slowest'] = [];
  try {
    const report = JSON.parse(readFileSync(join(root, 'reports', 'verification.json'), 'utf8')) as {
      claims: { id: string; ms?: number }[];
    };
    const timed = report.claims.filter((c) => typeof c.ms === 'number');
    checkSeconds = Number((timed.reduce((a, c) => a + c.ms!, 0) / 1000).toFixed(1));
    slowest = [...timed]
      .sort((a, b) => b.ms! - a.ms!)
      .slice(0, 5)
      .map((c) => ({ id: c.id, seconds: Number((c.ms! / 1000).toFixed(1)) }));
  } catch {
    // no report: the closing line and exit code say why
  }
  const run: SuiteRun = {
    command,
    wallSeconds,
    exitCode: code,
    closingLine: out.split('\n').find((l) => /^verification: \d+ passed/.test(l)) ?? null,
    claimsSeconds: claims ? Number(claims[1]) : null,
    checkSeconds,
    slowest,
  };
  log(`${command}: ${wallSeconds} s wall (exit ${code}; ${run.closingLine ?? 'no closing line'})`);
  return run;
}
