import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** How long a run waits for another run in the same tree to finish writing (it takes milliseconds). */
export const LOCK_WAIT_MS = 30_000;
/** A lock older than this whose owner cannot be checked is taken as left behind by a killed run. */
const LOCK_STALE_MS = 120_000;
const POLL_MS = 25;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** True when the lock file's owner is gone (killed mid-write) or the file is too old to trust. */
function stale(file: string): boolean {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0) return !alive(pid);
    return Date.now() - statSync(file).mtimeMs > LOCK_STALE_MS;
  } catch {
    return false; // released meanwhile: try again
  }
}

/**
 * Runs `fn` holding reports/.lock, so that two runs in one tree (two `--claim` selections, a watch and
 * a run) take turns to read the report on disk, merge their results into it and write it: the later
 * run then carries the earlier one's fresh results instead of overwriting them with older entries.
 * The lock is a file created exclusively with the holder's pid; a holder that died leaves it stale and
 * it is taken over. Waiting longer than `waitMs` is an error, never a hang.
 */
export async function withReportLock<T>(
  reportsDir: string,
  fn: () => Promise<T> | T,
  waitMs: number = LOCK_WAIT_MS,
): Promise<T> {
  mkdirSync(reportsDir, { recursive: true });
  const file = join(reportsDir, '.lock');
  const t0 = Date.now();
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (stale(file)) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() - t0 > waitMs)
        throw new Error(
          `another run in this tree has held ${file} for over ${waitMs / 1000} s (pid ${readFileSync(file, 'utf8').trim()}); remove the file if no run is going on`,
        );
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(file, { force: true });
  }
}
