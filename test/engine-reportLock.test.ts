import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { withReportLock } from '../src/engine/report/reportLock.js';

const dir = () => mkdtempSync(join(tmpdir(), 'report-lock-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('withReportLock: runs in one tree take turns to merge and write the report', () => {
  test('two holders never overlap, and the lock is gone afterwards', async () => {
    const d = dir();
    const events: string[] = [];
    const hold = (name: string) =>
      withReportLock(d, async () => {
        events.push(`${name} in`);
        await sleep(60);
        events.push(`${name} out`);
        return name;
      });
    expect(await Promise.all([hold('a'), hold('b')])).toEqual(['a', 'b']);
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
    expect(existsSync(join(d, '.lock'))).toBe(false);
  });
  test('a throwing holder releases the lock', async () => {
    const d = dir();
    await expect(withReportLock(d, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withReportLock(d, () => 'next')).toBe('next');
  });
  test('a lock left by a dead process is taken over', async () => {
    const d = dir();
    writeFileSync(join(d, '.lock'), '2147483646'); // no such pid
    expect(await withReportLock(d, () => 'taken', 1_000)).toBe('taken');
  });
  test('a lock held by a live process is waited for, then an error naming the file and pid (never a hang)', async () => {
    const d = dir();
    writeFileSync(join(d, '.lock'), String(process.pid));
    await expect(withReportLock(d, () => 'never', 200)).rejects.toThrow(
      new RegExp(`another run in this tree has held .*\\.lock for over 0\\.2 s \\(pid ${process.pid}\\)`),
    );
  });
});
