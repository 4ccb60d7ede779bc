import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../src/engine/registry/paths.js';
import type { Report } from '../src/engine/report/buildReport.js';
import { copyFixture, runSuiteCli, spawnAsync } from './runSuiteCli.js';

describe('two shards of a fixture tree through npm test, merged by npm run merge-reports', () => {
  const fx = copyFixture('failure-kinds');
  const out = mkdtempSync(join(tmpdir(), 'shards-'));
  afterAll(() => {
    fx.dispose();
    rmSync(out, { recursive: true, force: true });
  });
  test('each shard judges its half; the merge is the gate for the whole tree', { timeout: 400_000 }, async () => {
    for (const i of [1, 2]) {
      const r = await runSuiteCli(fx.root, ['--shard', `${i}/2`]);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.closing).toBe('verification: 2 passed, 0 failed, 2 skipped');
      expect(r.report?.claims.filter((c) => c.verdict !== 'unchecked')).toHaveLength(2);
      cpSync(join(fx.root, 'reports'), join(out, `shard-${i}`), { recursive: true });
    }
    const tsx = join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const merge = (dirs: string[]) =>
      spawnAsync(
        process.execPath,
        [tsx, join(projectRoot, 'scripts', 'merge-reports.ts'), ...dirs, '--out', join(out, 'merged')],
        { cwd: projectRoot, env: process.env, timeoutMs: 120_000 },
      );
    const ok = await merge([join(out, 'shard-1'), join(out, 'shard-2')]);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain(
      '4 claims: 0 hold; 4 fail as written — 1 wrong, 1 missing a hypothesis, 1 notation, 1 wording; 0 error',
    );
    expect(ok.stdout.trim().split('\n').at(-1)).toBe('verification: 4 passed, 0 failed');
    const merged = JSON.parse(readFileSync(join(out, 'merged', 'verification.json'), 'utf8')) as Report;
    expect(merged.claims.map((c) => c.verdict)).toEqual(['fail', 'fail', 'fail', 'fail']);
    expect(readFileSync(join(out, 'merged', 'index.html'), 'utf8')).toContain('k-notation');
    // One shard alone cannot pass the gate.
    const half = await merge([join(out, 'shard-1')]);
    expect(half.status).toBe(1);
    expect(half.stdout).toContain('run error: shard 2/2 is missing');
  });
});
