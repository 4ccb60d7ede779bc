/** The `muon-verify` CLI (bin/muon-verify.mjs → src/cli/main.ts): each command, its --help, its errors. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '../src/engine/registry/paths.js';
import { spawnAsync } from './runSuiteCli.js';

const bin = join(projectRoot, 'bin', 'muon-verify.mjs');
const suite = join(projectRoot, 'test', 'fixtures', 'suite');
const cli = (args: string[], root = suite) =>
  spawnAsync(process.execPath, [bin, ...args], {
    cwd: projectRoot,
    env: { ...process.env, MUON_ROOT: root },
    timeoutMs: 120_000,
  });

describe('muon-verify', () => {
  test('--help lists every command', async () => {
    const r = await cli(['--help']);
    expect(r.status).toBe(0);
    for (const c of ['verify', 'replay', 'report', 'open', 'new', 'accept', 'mutants', 'stability'])
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });
  test.each(['replay', 'report', 'open', 'new', 'accept', 'mutants', 'stability'])(
    '%s --help describes its options and exits 0',
    async (c) => {
      const r = await cli([c, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: muon-verify ${c}`));
    },
  );
  test('verify --help exits 2: a gate that judged nothing must not say success', async () => {
    const r = await cli(['verify', '--help']);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/Usage: muon-verify verify/);
    expect(r.stderr).toMatch(/nothing was judged/);
  });
  test('an unknown command or option is one clear line and exit 2', async () => {
    const a = await cli(['verfy']);
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/error: unknown command 'verfy'/);
    const b = await cli(['verify', '--bogus']);
    expect(b.status).toBe(2);
    expect(b.stderr.split('\n')[0]).toBe("error: unknown option '--bogus'");
  });
  test('verify <id> judges that claim (positional ids) and exits 0 when it is as recorded', async () => {
    const r = await cli(['verify', 's900-holds']);
    expect(r.stdout).toMatch(/^verification: 1 passed, 0 failed, 2 skipped$/m);
    expect(r.status).toBe(0);
  });
  test('verify refuses a bad seed before judging anything', async () => {
    const r = await cli(['verify', '--seed', '4294967297']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--seed must be an integer from 0 to 4294967295/);
  });
  test('report re-renders HTML, Markdown and JUnit from the JSON alone', async () => {
    const out = mkdtempSync(join(tmpdir(), 'report-'));
    try {
      const r = await cli([
        'report',
        '--in',
        join(projectRoot, 'test', 'fixtures', 'report', 'verification.json'),
        '--out',
        out,
      ]);
      expect(r.status, r.stderr).toBe(0);
      for (const f of ['index.html', 'summary.md', 'junit.xml']) expect(existsSync(join(out, f))).toBe(true);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(/class="katex"/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
  test('open prints the report path, or says there is none', async () => {
    const none = await cli(['open'], mkdtempSync(join(tmpdir(), 'empty-')));
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/no reports\/index\.html yet/);
    await cli(['verify', 's900-holds']);
    const r = await cli(['open']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/reports\/index\.html$/);
  }, 120_000);
  test('replay of an unknown claim is refused', async () => {
    const r = await cli(['replay', 'no-such-claim']);
    expect(r.status).toBe(2);
  });
});
