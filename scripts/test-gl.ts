/**
 * `npm run test:gl`: the gpu.js GL path, tested rather than only written.
 *
 * gpu.js's headlessgl backend compiles each kernel to GLSL and runs it through the optional `gl`
 * package (ANGLE over the machine's OpenGL; under xvfb, Mesa renders on the CPU). That is the same
 * GLSL a real GPU runs: texture packing, float precision, output size limits. This script runs,
 * with MUON_GPU_BACKEND=headlessgl (a forced backend has no fallback: a kernel that cannot run on GL
 * is an error, never a silent webasm run):
 *   1. the gpu.js kernel tests (src/gpu/*.test.ts): every kernel within its stated f32 bound;
 *   2. every claim, through `npm test -- --claim <all ids>`: the verdicts must be the recorded ones,
 *      i.e. the same as on webasm, where they were recorded;
 * then checks that the report says headlessgl and that gpu.js checks ran, and keeps a copy of that
 * report in reports/headlessgl/. Without a display it re-runs itself under `xvfb-run -a`.
 * Exit 0 only when all of that holds; 1 when something failed; 3 when the GL path cannot run here
 * (no `gl` build, no xvfb-run), with the reason — .ci/run decides what that means for CI.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { discoverClaims } from '../src/engine/registry/discover.js';
import { projectRoot, suitePaths } from '../src/engine/registry/paths.js';
import { readReport } from '../src/engine/report/writeReport.js';

const LIMIT_S = 1800; // the kernel tests and one suite run; each took minutes on Mesa here
const cannot = (why: string): never => {
  console.error(`test:gl: the headlessgl path cannot run here: ${why}`);
  process.exit(3);
};

if (!process.env.DISPLAY) {
  if (spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).error)
    cannot('no DISPLAY and no xvfb-run (Debian: apt-get install xvfb)');
  console.log('test:gl: no DISPLAY; re-running under xvfb-run -a');
  const r = spawnSync('xvfb-run', ['-a', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}

try {
  const createGl = createRequire(import.meta.url)('gl') as (w: number, h: number) => unknown;
  if (!createGl(1, 1)) cannot(`the gl package loads but opens no context on DISPLAY=${process.env.DISPLAY}`);
} catch (e) {
  cannot(
    `the optional gl package is not built: ${(e as Error).message.split('\n')[0]} (it builds from source with libxi-dev libxext-dev libx11-dev libglu1-mesa-dev pkg-config, python3, make and g++)`,
  );
}

const env = { ...process.env, MUON_GPU_BACKEND: 'headlessgl' };
const deadline = Date.now() + LIMIT_S * 1000;

function run(what: string, args: string[]): Promise<boolean> {
  console.log(`\ntest:gl: ${what}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: 'inherit' });
    const timer = setTimeout(
      () => {
        console.log(`test:gl: ${what}: timed out (the whole GL run is limited to ${LIMIT_S} s); killed`);
        child.kill('SIGKILL');
      },
      Math.max(0, deadline - Date.now()),
    );
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

const vitest = join(projectRoot, 'node_modules', 'vitest', 'vitest.mjs');
const kernelsOk = await run('gpu.js kernel tests on headlessgl', [vitest, 'run', 'src/gpu']);

const paths = suitePaths(projectRoot);
// The suite's own discovery (subfolders, unpaired files): every id `npm test` would judge.
const ids = discoverClaims(paths)
  .map((c) => c.id)
  .sort();
const tsx = join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const claimsOk = await run(`every claim (${ids.length}) on headlessgl, verdicts as recorded`, [
  tsx,
  join(projectRoot, 'scripts', 'test.ts'),
  '--claim',
  ids.join(','),
]);

const problems: string[] = [];
if (!kernelsOk) problems.push('gpu.js kernel tests failed on headlessgl');
if (!claimsOk) problems.push('a claim was not judged as recorded on headlessgl (see its line above)');
const reportFile = join(paths.reportsDir, 'verification.json');
const read = existsSync(reportFile) ? readReport(reportFile) : { error: 'no report was written' };
if ('report' in read) {
  const report = read.report;
  const backend = report.environment.gpuBackend;
  if (!backend.startsWith('headlessgl')) problems.push(`the report says gpu backend '${backend}', not headlessgl`);
  // Every judged check record that ran on gpu.js: headline, corrected, and those backing a failure kind.
  const gl = (ks: { backend: string }[] | undefined) => (ks ?? []).filter((k) => k.backend === 'gpu.js-f32').length;
  const counts = {
    headline: report.claims.reduce((a, c) => a + gl(c.checks), 0),
    corrected: report.claims.reduce((a, c) => a + gl(c.corrected?.checks), 0),
    'backing a failure kind': report.claims.reduce((a, c) => a + gl(c.failure?.checks), 0),
  };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) problems.push('no gpu.js check ran');
  else
    console.log(
      `test:gl: ${total} gpu.js checks ran on ${backend} (${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}; with their controls and the steps that use gpu.js)`,
    );
  const dir = join(paths.reportsDir, 'headlessgl');
  mkdirSync(dir, { recursive: true });
  copyFileSync(reportFile, join(dir, 'verification.json'));
  console.log(`test:gl: report kept in ${join('reports', 'headlessgl', 'verification.json')}`);
} else problems.push(read.error);

console.log(problems.length ? `test:gl: FAILED — ${problems.join('; ')}` : 'test:gl: passed on headlessgl');
process.exit(problems.length ? 1 : 0);
