import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { projectRoot } from '../registry/paths.js';

/** tsc on this project takes ≈ 1.5 s here; two minutes means it is stuck. */
const TYPECHECK_LIMIT_MS = 120_000;

export interface TypecheckResult {
  /** Diagnostics per property file (absolute path): that claim is an `error`, not run. */
  byFile: Map<string, string[]>;
  /** Diagnostics anywhere else, or tsc failing to run: an error of the whole run. */
  other: string[];
  ran: boolean;
}

/**
 * Type-checks the tree at `root` (its tsconfig.json) before anything runs: tsx strips types without
 * checking them, so without this a property file with a type error would be judged anyway.
 */
export function typecheck(root: string): Promise<TypecheckResult> {
  const byFile = new Map<string, string[]>();
  const config = join(root, 'tsconfig.json');
  if (!existsSync(config)) return Promise.resolve({ byFile, other: [], ran: false });
  const tsc = join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  return new Promise((done) => {
    const child = spawn(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', config], { cwd: root });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), TYPECHECK_LIMIT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      done({ byFile, other: [`tsc could not run: ${e.message}`], ran: false });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const other: string[] = [];
      for (const line of out.split('\n')) {
        const m = /^(.+?)\((\d+),(\d+)\): (error .*)$/.exec(line.trim());
        if (!m) continue;
        const file = resolve(root, m[1]);
        const text = `${relative(root, file)}:${m[2]}:${m[3]}: ${m[4]}`;
        if (file.endsWith('.property.ts')) byFile.set(file, [...(byFile.get(file) ?? []), text]);
        else other.push(text);
      }
      if (signal) other.push(`tsc was killed after ${TYPECHECK_LIMIT_MS / 1000} s`);
      else if (code !== 0 && byFile.size === 0 && other.length === 0)
        other.push(`tsc exited ${code}: ${out.trim().split('\n').slice(0, 5).join(' | ')}`);
      done({ byFile, other, ran: true });
    });
  });
}
