import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '../src/registry/paths.js';

const fixture = join(projectRoot, 'test', 'fixtures', 'suite');
const vitest = join(projectRoot, 'node_modules', 'vitest', 'vitest.mjs');

function runFixture(files: string[] = []) {
  rmSync(join(fixture, 'reports'), { recursive: true, force: true });
  const r = spawnSync(process.execPath, [vitest, 'run', '--config', join(fixture, 'vitest.config.ts'), ...files], {
    cwd: fixture, env: { ...process.env, MUON_ROOT: fixture, MUON_CLAIMS: '' }, encoding: 'utf8', timeout: 90_000,
  });
  const report = JSON.parse(readFileSync(join(fixture, 'reports', 'verification.json'), 'utf8'));
  return { status: r.status, report, byId: Object.fromEntries(report.claims.map((c: { id: string }) => [c.id, c])) };
}

describe('npm test exit code and report on a miniature suite', () => {
  test('a changed verdict, an orphan claim and a crashing property file fail the run; the report is still complete', () => {
    const orphan = join(fixture, 'claims', 's900-orphan.md');
    writeFileSync(orphan, readFileSync(join(fixture, 'claims', 's900-holds.md'), 'utf8').replaceAll('s900-holds', 's900-orphan'));
    let out;
    try { out = runFixture(); } finally { rmSync(orphan, { force: true }); }
    const { status, report, byId } = out;
    expect(status).not.toBe(0);
    expect(report.summary).toMatchObject({ total: 4, pass: 1, fail: 1, error: 2, unexpected: 3 });
    expect(byId['s900-holds'].verdict).toBe('pass');
    expect(byId['s900-mismatch']).toMatchObject({ verdict: 'fail', expected: 'pass' });
    expect(byId['s900-mismatch'].counterexample.input).toBe(0);
    expect(byId['s900-orphan'].error).toMatch(/no property file/);
    expect(byId['s900-crash'].error).toMatch(/produced no result/);
  }, 100_000);
  test('a run whose verdicts all match exits 0, and claims not run are reported as unchecked', () => {
    const { status, byId } = runFixture(['properties/s900-holds.property.ts']);
    expect(byId['s900-holds'].verdict).toBe('pass');
    expect(byId['s900-mismatch'].verdict).toBe('unchecked');
    expect(status).toBe(0);
  }, 100_000);
});
