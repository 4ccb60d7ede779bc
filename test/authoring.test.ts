/** The authoring loop on a scratch tree: new → npm test (fails: "record the verdict") → accept → npm test (0). */
import { spawn } from 'node:child_process';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../src/engine/registry/paths.js';
import { copyFixture, runSuiteCli, spawnAsync } from './runSuiteCli.js';

const tsx = join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const script = (root: string, name: string, args: string[]) =>
  spawnAsync(process.execPath, [tsx, join(projectRoot, 'scripts', `${name}.ts`), ...args], {
    cwd: projectRoot,
    env: { ...process.env, MUON_ROOT: root },
    timeoutMs: 60_000,
  });

describe('watch mode', () => {
  test('judges, then judges again when a property file is saved', async () => {
    const t = copyFixture('suite');
    try {
      const child = spawn(
        process.execPath,
        [tsx, join(projectRoot, 'scripts', 'test.ts'), '--watch', '--claim', 's900-holds'],
        { cwd: projectRoot, env: { ...process.env, MUON_ROOT: t.root } },
      );
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      const runs = () => (out.match(/^watch: /gm) ?? []).length;
      const until = async (n: number) => {
        for (let i = 0; i < 300 && runs() < n; i++) await new Promise((r) => setTimeout(r, 100));
      };
      await until(1);
      expect(runs()).toBe(1);
      const f = join(t.root, 'properties', 's900-holds.property.ts');
      writeFileSync(f, readFileSync(f, 'utf8') + '\n');
      await until(2);
      child.kill('SIGKILL');
      expect(runs()).toBeGreaterThanOrEqual(2);
      expect(out).toMatch(/watch: 1 as recorded, 0 not/);
    } finally {
      t.dispose();
    }
  }, 90_000);
});

describe('a claim from any source: new, judge, accept', () => {
  let t: { root: string; dispose(): void };
  beforeAll(async () => {
    t = copyFixture('suite');
  });
  afterAll(() => t.dispose());
  // The template imports the engine from the repository root; a fixture tree sits four levels down.
  const relink = (id: string) => {
    const f = join(t.root, 'properties', `${id}.property.ts`);
    writeFileSync(f, readFileSync(f, 'utf8').replaceAll("'../src/", "'../../../../src/"));
  };

  test('new scaffolds a cited claim (free-form id) whose template validates; the gate fails until its verdict is recorded', async () => {
    const r = await script(t.root, 'new', [
      'higham-polar-rate',
      '--authors',
      'N. J. Higham',
      '--title',
      'Computing the polar decomposition, with applications',
      '--year',
      '1986',
      '--doi',
      '10.1137/0907079',
      '--locator',
      'Theorem 3.1',
    ]);
    expect(r.status, r.stderr).toBe(0);
    relink('higham-polar-rate');
    const run = await runSuiteCli(t.root, ['--claim', 'higham-polar-rate']);
    expect(run.byId['higham-polar-rate']).toMatchObject({ verdict: 'pass', expected: 'unknown' });
    expect(run.stdout).toMatch(/new claim: verdict pass is not recorded yet — record the verdict/);
    expect(run.status).toBe(1);
    expect((run.byId['higham-polar-rate'] as unknown as { source: { document: string } }).source.document).toBe(
      'N. J. Higham (1986), Computing the polar decomposition, with applications',
    );
  }, 120_000);
  test('accept records the verdict the run found, and the gate then passes', async () => {
    const a = await script(t.root, 'accept', ['higham-polar-rate']);
    expect(a.status, a.stderr).toBe(0);
    expect(readFileSync(join(t.root, 'claims', 'higham-polar-rate.md'), 'utf8')).toMatch(/^expected: pass$/m);
    const run = await runSuiteCli(t.root, ['--claim', 'higham-polar-rate']);
    expect(run.status).toBe(0);
  }, 120_000);
  test('a claim whose source lives under sources/ runs too', async () => {
    const r = await script(t.root, 'new', ['fixture-commutes', '--source', 'fixture.txt', '--locator', 'line 1']);
    expect(r.status, r.stderr).toBe(0);
    relink('fixture-commutes');
    const run = await runSuiteCli(t.root, ['--claim', 'fixture-commutes']);
    expect(run.byId['fixture-commutes']).toMatchObject({ verdict: 'pass', expected: 'unknown' });
  }, 120_000);
  test('accept refuses a claim changed since the run, a recorded verdict without --change, and an unjudged claim', async () => {
    const f = join(t.root, 'properties', 'fixture-commutes.property.ts');
    const later = new Date(Date.now() + 5_000);
    utimesSync(f, later, later);
    expect((await script(t.root, 'accept', ['fixture-commutes'])).stderr).toMatch(/changed after the last run/);
    expect((await script(t.root, 'accept', ['s900-mismatch'])).stderr).toMatch(/was not judged in the last run/);
    await runSuiteCli(t.root, ['--claim', 's900-mismatch,s900-holds']);
    expect((await script(t.root, 'accept', ['s900-mismatch'])).stderr).toMatch(
      /s900-mismatch fails as written: add a 'corrected' statement/,
    );
    const holds = join(t.root, 'claims', 's900-holds.md');
    writeFileSync(
      holds,
      readFileSync(holds, 'utf8').replace('expected: pass', "expected: fail\ncorrected: 'x^2 \\ge 0'"),
    );
    utimesSync(holds, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect((await script(t.root, 'accept', ['s900-holds'])).stderr).toMatch(
      /recorded as fail and the run found pass: a changed verdict is a finding — read it, then pass --change/,
    );
    expect((await script(t.root, 'accept', ['s900-holds', '--change'])).status).toBe(0);
    expect(readFileSync(holds, 'utf8')).toMatch(/^expected: pass$/m);
  }, 120_000);
  test('new refuses an existing id, a bad id, a missing document and a citation without DOI or URL', async () => {
    expect((await script(t.root, 'new', ['s900-holds', '--source', 'fixture.txt', '--locator', 'x'])).stderr).toMatch(
      /already exists/,
    );
    expect((await script(t.root, 'new', ['Bad_Id', '--source', 'fixture.txt', '--locator', 'x'])).stderr).toMatch(
      /not a claim id/,
    );
    expect((await script(t.root, 'new', ['x-y', '--source', 'nowhere.txt', '--locator', 'x'])).stderr).toMatch(
      /no file sources\/nowhere\.txt/,
    );
    const r = await script(t.root, 'new', [
      'x-z',
      '--authors',
      'A',
      '--title',
      'T',
      '--year',
      '2020',
      '--locator',
      'x',
    ]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/needs a url or a doi/);
  }, 60_000);
});
