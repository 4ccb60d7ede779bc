/**
 * The gate: `npm test`'s exit code, closing line and report, driven exactly as a user drives them
 * (a fresh process on a fixture tree). Each test names the defect of issue 9 it guards against.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../src/engine/registry/paths.js';
import { copyFixture, runSuiteCli, type CliRun } from './runSuiteCli.js';

const suite = join(projectRoot, 'test', 'fixtures', 'suite');
const hostile = join(projectRoot, 'test', 'fixtures', 'hostile');

describe('a hostile tree: every bad input is an error for its claim, the rest still runs, a fresh report is written', () => {
  let run: CliRun;
  let expectations: Record<string, RegExp> = {};
  beforeAll(async () => {
    // A truncated report from a killed earlier run must neither crash this run nor be trusted by it.
    mkdirSync(join(hostile, 'reports'), { recursive: true });
    writeFileSync(join(hostile, 'reports', 'verification.json'), '');
    run = await runSuiteCli(hostile, ['--claim-limit', '8', '--jobs', '2'], 240_000);
    expectations = { ...(await import('./fixtures/hostile/expectations.runner.js')).default };
    if (existsSync(join(hostile, 'expectations.verdict.ts')))
      Object.assign(expectations, (await import('./fixtures/hostile/expectations.verdict.js')).default);
  }, 250_000);

  test('the run fails, and says how many claims were not as recorded', async () => {
    expect(run.status).toBe(1);
    expect(run.closing).toMatch(/^verification: 1 passed, \d+ failed$/);
  });
  test("the report on disk is this run's (run id printed = run id written)", async () => {
    const printed = /run ([0-9a-f-]{36})/.exec(run.stdout)?.[1];
    expect(printed).toBeDefined();
    expect(run.report?.runId).toBe(printed);
  });
  test('the well-formed claim in the same tree still passes', async () => {
    expect(run.byId['r-good']?.verdict).toBe('pass');
  });
  test('at least 40 distinct hostile kinds are in the corpus', async () => {
    expect(Object.keys(expectations).length).toBeGreaterThanOrEqual(40);
  });
  test('every hostile claim is an error whose message says what is wrong', async () => {
    const wrong: string[] = [];
    for (const [id, re] of Object.entries(expectations)) {
      const c = run.byId[id];
      if (!c) wrong.push(`${id}: missing from the report`);
      else if (c.verdict !== 'error') wrong.push(`${id}: verdict ${c.verdict}, not error`);
      else if (!re.test(c.error ?? '')) wrong.push(`${id}: error '${c.error}' does not match ${re}`);
    }
    expect(wrong).toEqual([]);
  });
  test('no claim of the tree is left out of the report', async () => {
    const ids = readFileSync(join(hostile, 'docs', 'claims-index.md'), 'utf8')
      .match(/^\| ([a-z0-9-]+) \|/gm)!
      .map((l) => l.slice(2, -2))
      .filter((id) => id !== 'id');
    for (const id of ids) expect(run.byId[id], id).toBeDefined();
  });
  test('a hanging claim is killed at its limit, so the whole tree finishes', async () => {
    expect(run.ms).toBeLessThan(200_000);
  });
});

describe('the command line refuses what would judge nothing (exit 2, nothing written)', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'seed above 2³²−1 (would wrap to 1)',
      ['--seed', '4294967297'],
      /--seed must be an integer from 0 to 4294967295, got '4294967297'/,
    ],
    ['seed with 20 digits (crashed the teardown)', ['--seed', '99999999999999999999'], /--seed must be an integer/],
    ['negative seed', ['--seed=-1'], /--seed must be an integer/],
    ['seed that is not a number', ['--seed', '12abc'], /--seed must be an integer/],
    ['a path instead of an id', ['--claim', './s900-holds'], /--claim takes claim ids .* got '\.\/s900-holds'/],
    ['an id that does not exist', ['--claim', 'nomatch'], /--claim: no claim 'nomatch'/],
    ['an empty selection', ['--claim', ''], /--claim takes claim ids|at least one/],
    ['a vitest option', ['--passWithNoTests'], /Unknown option '--passWithNoTests'/],
    ['a stray positional argument', ['nomatch'], /Unexpected argument 'nomatch'|positional/i],
    ['--help', ['--help'], /usage: npm test/],
    ['zero jobs', ['--jobs', '0'], /--jobs must be an integer from 1/],
    ['a claim limit that is not a number', ['--claim-limit', 'soon'], /--claim-limit must be an integer/],
    ['a run limit of zero', ['--run-limit', '0'], /--run-limit must be an integer from 1/],
  ];
  const report = join(suite, 'reports', 'verification.json');
  test.each(cases)('%s', async (_name, args, re) => {
    const before = existsSync(report) ? statSync(report).mtimeMs : null;
    const r = await runSuiteCli(suite, args, 30_000);
    expect(r.status).toBe(2);
    expect(r.stderr + r.stdout).toMatch(re);
    expect(r.stderr + r.stdout).toMatch(/nothing was judged/);
    expect(r.closing).toBeUndefined();
    expect(existsSync(report) ? statSync(report).mtimeMs : null).toBe(before);
  });
});

describe('coverage: the index says which claims must exist', () => {
  test('a tree whose verdicts all match exits 0, with the plain closing line', async () => {
    const t = copyFixture('suite');
    try {
      for (const id of ['s900-mismatch', 's900-crash']) {
        rmSync(join(t.root, 'claims', `${id}.md`));
        rmSync(join(t.root, 'properties', `${id}.property.ts`));
      }
      const index = join(t.root, 'docs', 'claims-index.md');
      writeFileSync(
        index,
        readFileSync(index, 'utf8')
          .split('\n')
          .filter((l) => !/s900-(mismatch|crash)/.test(l))
          .join('\n'),
      );
      const r = await runSuiteCli(t.root, []);
      expect(r.closing).toBe('verification: 1 passed, 0 failed');
      expect(r.status).toBe(0);
      expect(r.byId['s900-holds'].checks[0].power).toBe('control-refuted');
    } finally {
      t.dispose();
    }
  }, 120_000);
  test('a changed verdict and a crashing property file fail the run', async () => {
    const r = await runSuiteCli(suite, []);
    expect(r.status).toBe(1);
    expect(r.byId['s900-mismatch']).toMatchObject({ verdict: 'fail' });
    expect(r.byId['s900-crash'].error).toMatch(/failed to import: this property file fails at import/);
    expect(r.closing).toBe('verification: 1 passed, 2 failed');
  }, 120_000);
  test('an explicit selection judges only what it names, and exits 0 when that is as recorded', async () => {
    const full = await runSuiteCli(suite, []);
    const r = await runSuiteCli(suite, ['--claim', 's900-holds']);
    expect(r.status).toBe(0);
    expect(r.closing).toBe('verification: 1 passed, 0 failed, 2 skipped');
    // The claims left out keep their entries from the previous run, marked, and never count for the gate.
    expect(r.byId['s900-mismatch']).toMatchObject({ verdict: 'fail', carriedFrom: { runId: full.report!.runId } });
    expect(r.report!.runId).not.toBe(full.report!.runId);
  }, 120_000);
  test('two selections run at once in one tree: the report keeps both results (the later run carries the other)', async () => {
    const t = copyFixture('suite');
    try {
      const runs = await Promise.all([
        runSuiteCli(t.root, ['--claim', 's900-holds']),
        runSuiteCli(t.root, ['--claim', 's900-mismatch']),
      ]);
      expect(runs.map((r) => r.status)).toEqual([0, 1]);
      const runIdOf = (r: CliRun) => /\(run ([0-9a-f-]{36})\)/.exec(r.stdout)![1];
      const report = JSON.parse(readFileSync(join(t.root, 'reports', 'verification.json'), 'utf8'));
      // The reports were written in turn (reports/.lock): the last one carries the first one's result.
      const last = runs.findIndex((r) => runIdOf(r) === report.runId);
      expect(last).toBeGreaterThanOrEqual(0);
      const first = runs[1 - last];
      const byId = Object.fromEntries(report.claims.map((c: { id: string }) => [c.id, c]));
      const [firstClaim, lastClaim] = last === 0 ? ['s900-mismatch', 's900-holds'] : ['s900-holds', 's900-mismatch'];
      expect(byId[firstClaim]).toMatchObject({ carriedFrom: { runId: runIdOf(first) } });
      expect(byId[lastClaim].carriedFrom).toBeUndefined();
      expect(existsSync(join(t.root, 'reports', '.lock'))).toBe(false);
    } finally {
      t.dispose();
    }
  }, 120_000);
  test('deleting both files of an indexed claim fails the run (it is not "skipped")', async () => {
    const t = copyFixture('suite');
    try {
      rmSync(join(t.root, 'claims', 's900-holds.md'));
      rmSync(join(t.root, 'properties', 's900-holds.property.ts'));
      const r = await runSuiteCli(t.root, ['--claim', 's900-mismatch']);
      expect(r.byId['s900-holds'].verdict).toBe('unchecked'); // left out by the selection: legitimate
      const full = await runSuiteCli(t.root, []);
      expect(full.status).toBe(1);
      expect(full.byId['s900-holds']).toMatchObject({ verdict: 'error' });
      expect(full.byId['s900-holds'].error).toMatch(
        /listed in docs\/claims-index\.md but there is no claim file claims\/s900-holds\.md/,
      );
    } finally {
      t.dispose();
    }
  }, 120_000);
  test('renaming a claim fails the run: the indexed id is gone', async () => {
    const t = copyFixture('suite');
    try {
      const md = readFileSync(join(t.root, 'claims', 's900-holds.md'), 'utf8').replaceAll('s900-holds', 's900-renamed');
      writeFileSync(join(t.root, 'claims', 's900-renamed.md'), md);
      rmSync(join(t.root, 'claims', 's900-holds.md'));
      renameSync(
        join(t.root, 'properties', 's900-holds.property.ts'),
        join(t.root, 'properties', 's900-renamed.property.ts'),
      );
      const r = await runSuiteCli(t.root, []);
      expect(r.status).toBe(1);
      expect(r.byId['s900-renamed'].verdict).toBe('pass'); // a claim not in the index is fine
      expect(r.byId['s900-holds'].error).toMatch(/no claim file claims\/s900-holds\.md \(deleted or renamed\?\)/);
    } finally {
      t.dispose();
    }
  }, 120_000);
  test('deleting the index is an error of the run', async () => {
    const t = copyFixture('suite');
    try {
      rmSync(join(t.root, 'docs', 'claims-index.md'));
      const r = await runSuiteCli(t.root, ['--claim', 's900-holds']);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/run error: coverage index docs\/claims-index\.md is missing/);
      expect(r.report?.runErrors?.[0]).toMatch(/coverage index docs\/claims-index\.md is missing/);
    } finally {
      t.dispose();
    }
  }, 120_000);
});

describe('npm test cannot hang: a per-claim kill and a whole-run limit', () => {
  let t: { root: string; dispose(): void };
  beforeAll(async () => {
    t = copyFixture('suite');
    const spin = (id: string) => {
      writeFileSync(
        join(t.root, 'claims', `${id}.md`),
        readFileSync(join(t.root, 'claims', 's900-holds.md'), 'utf8').replaceAll('s900-holds', id),
      );
      writeFileSync(
        join(t.root, 'properties', `${id}.property.ts`),
        `import fc from 'fast-check';
import { verifyClaim } from '../../../../src/engine/verify/verifyClaim.js';
import { forAll } from '../../../../src/engine/verify/checks/forAll.js';
verifyClaim(import.meta.url, { checks: [forAll({ name: 'spins', backend: 'scalar-f64', arbitrary: fc.integer(), toleranceReason: 'none', measure: () => { for (;;) { /* spin */ } } })] });
`,
      );
    };
    spin('s900-spin-a');
    spin('s900-spin-b');
  });
  afterAll(() => t.dispose());
  test('the run limit kills the running claim, errors the unstarted one, and fails the run', async () => {
    const r = await runSuiteCli(
      t.root,
      ['--claim', 's900-spin-a,s900-spin-b', '--jobs', '1', '--claim-limit', '600', '--run-limit', '4'],
      60_000,
    );
    expect(r.status).toBe(1);
    expect(r.ms).toBeLessThan(40_000);
    const [a, b] = [r.byId['s900-spin-a'], r.byId['s900-spin-b']];
    const errors = [a.error, b.error].sort();
    expect(errors[0]).toMatch(/not started: the run's time limit of 4 s was reached/);
    expect(errors[1]).toMatch(/the run's time limit of 4 s was reached .*in headline check 'spins'/);
    expect(r.stdout).toMatch(/run error: the run's time limit of 4 s was reached/);
  }, 70_000);
  test('the per-claim limit kills a spinning claim and the next claim still runs', async () => {
    const r = await runSuiteCli(
      t.root,
      ['--claim', 's900-spin-a,s900-holds', '--jobs', '1', '--claim-limit', '3'],
      60_000,
    );
    expect(r.byId['s900-spin-a'].error).toMatch(/timed out after 3 s in headline check 'spins'/);
    expect(r.byId['s900-holds'].verdict).toBe('pass');
    expect(r.status).toBe(1);
  }, 70_000);
});
