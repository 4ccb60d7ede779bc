import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/engine/registry/paths.js';

const tsx = join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The report the run left (null when none), and its claims by id. */
  report: {
    runId?: string;
    runErrors?: string[];
    summary: Record<string, number>;
    claims: {
      id: string;
      verdict: string;
      error: string | null;
      checks: { power?: string }[];
      carriedFrom?: { runId: string };
    }[];
  } | null;
  byId: Record<
    string,
    { id: string; verdict: string; error: string | null; checks: { power?: string }[]; carriedFrom?: { runId: string } }
  >;
  closing: string | undefined;
  ms: number;
}

/** `npm test -- <args>` on the tree at `root`, exactly as a user runs it (a fresh process). */
export interface Spawned {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A child process, awaited without blocking: spawnSync would freeze the vitest worker's event loop for
 * the whole run, and on a loaded machine vitest's own RPC then times out ("Timeout calling onTaskUpdate").
 */
export function spawnAsync(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<Spawned> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ status: code, stdout, stderr });
    });
  });
}

export async function runSuiteCli(root: string, args: string[], timeoutMs = 150_000): Promise<CliRun> {
  const t0 = performance.now();
  const r = await spawnAsync(process.execPath, [tsx, join(projectRoot, 'scripts', 'test.ts'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, MUON_ROOT: root, MUON_REPLAY: '' },
    timeoutMs,
  });
  const file = join(root, 'reports', 'verification.json');
  let report = null;
  try {
    report = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  } catch {
    report = null;
  }
  const claims = report?.claims ?? [];
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    report,
    byId: Object.fromEntries(claims.map((c: { id: string }) => [c.id, c])),
    closing: r.stdout.split('\n').find((l) => /^verification: \d+ passed, \d+ failed/.test(l)),
    ms: performance.now() - t0,
  };
}

/** A scratch copy of a fixture tree at the same depth (its property files import ../../../../src). */
export function copyFixture(name: string): { root: string; dispose(): void } {
  const root = mkdtempSync(join(projectRoot, 'test', 'fixtures', '.tmp-'));
  cpSync(join(projectRoot, 'test', 'fixtures', name), root, {
    recursive: true,
    filter: (src) => !src.includes(`${name}/reports`),
  });
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
