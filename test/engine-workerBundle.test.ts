/**
 * The claim worker as a cached esbuild bundle (src/engine/runner/workerBundle.ts): built once, reused
 * while its inputs are unchanged, rebuilt when one changes, and never a different judge from tsx —
 * the same outcome, the same error text, the same source lines in stack frames; what it cannot bundle
 * faithfully runs under tsx.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../src/engine/registry/paths.js';
import { runClaimProcess, type ProcessOutcome } from '../src/engine/runner/runClaimProcess.js';
import { workerBundle } from '../src/engine/runner/workerBundle.js';

// Scratch property files live inside the project (as the fixture copies do): packages resolve from its node_modules.
const dir = mkdtempSync(join(projectRoot, 'test', 'fixtures', '.tmp-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const engine = (m: string) => JSON.stringify(join(projectRoot, 'src', 'engine', m));

/** A property file: one compute check whose value is `value` (≤ 0 holds), plus `extra` lines at the top. */
function propertyFile(name: string, value: string, extra = ''): string {
  const f = join(dir, `${name}.property.ts`);
  writeFileSync(
    f,
    `import { verifyClaim } from ${engine('verify/verifyClaim.js')};
import { compute } from ${engine('verify/checks/compute.js')};
import { exact } from ${engine('verify/tolerance.js')};
${extra}
verifyClaim(import.meta.url, {
  checks: [compute({ name: 'v ≤ 0', backend: 'scalar-f64', run: () => ({ value: ${value}, tolerance: exact() }) })],
});
`,
  );
  return f;
}

describe('workerBundle: cached, and rebuilt when an input changes', () => {
  test('built once, then reused; editing the property file or a module it imports rebuilds it', async () => {
    const helper = join(dir, 'helper.ts');
    writeFileSync(helper, 'export const v = -1;\n');
    const f = propertyFile('cache', 'v', `import { v } from './helper.js';`);
    const first = await workerBundle(f);
    expect(first).toMatchObject({ built: true });
    const again = await workerBundle(f);
    expect(again).toEqual({ file: (first as { file: string }).file, built: false });
    writeFileSync(helper, 'export const v = -2;\n');
    const afterHelper = await workerBundle(f);
    expect(afterHelper).toMatchObject({ built: true });
    expect((afterHelper as { file: string }).file).not.toBe((first as { file: string }).file);
    propertyFile('cache', 'v + 0', `import { v } from './helper.js';`);
    expect(await workerBundle(f)).toMatchObject({ built: true });
  });
  test('a syntax error is not bundled: the claim runs under tsx, which reports it', async () => {
    const f = join(dir, 'syntax.property.ts');
    writeFileSync(f, 'export const x = (;\n');
    const b = await workerBundle(f);
    expect('fallback' in b && b.fallback).toMatch(/esbuild could not bundle it: .*syntax\.property\.ts:1:\d+/);
  });
  test('an import() of a computed path is not bundled (it would resolve from the cache directory)', async () => {
    const f = propertyFile('dynamic', '-1', "const name = './helper.js'; export const load = () => import(name);");
    const b = await workerBundle(f);
    expect('fallback' in b && b.fallback).toMatch(/dynamic\.property\.ts calls import\(\) on a computed path/);
  });
  test('another use of import.meta is not bundled', async () => {
    const f = propertyFile('meta', '-1', "import.meta.resolve('./helper.js');");
    const b = await workerBundle(f);
    expect('fallback' in b && b.fallback).toMatch(
      /meta\.property\.ts uses import\.meta beyond url, dirname and filename/,
    );
  });
});

/**
 * One claim through the runner's own process path, under the given loader. Under `bundle` it must really
 * run from the bundle: a fallback to tsx (which the runner logs) would make the comparison vacuous.
 */
async function runUnder(loader: 'bundle' | 'tsx', file: string): Promise<ProcessOutcome> {
  const logs: string[] = [];
  const before = process.env.MUON_WORKER_LOADER;
  process.env.MUON_WORKER_LOADER = loader;
  try {
    const rc = runClaimProcess(
      {
        kind: 'verify',
        id: 'x',
        root: dir,
        propertyFile: file,
        seed: 1,
        heavy: false,
        replay: null,
        knownIds: [],
      },
      { loadMs: 60_000, claimMs: 60_000, factor: 1, capMs: 60_000 },
      (line) => logs.push(line),
    );
    const outcome = await rc.done;
    if (loader === 'bundle') expect(logs.filter((l) => /runs under tsx/.test(l))).toEqual([]);
    return outcome;
  } finally {
    if (before === undefined) delete process.env.MUON_WORKER_LOADER;
    else process.env.MUON_WORKER_LOADER = before;
  }
}
const comparable = (o: ProcessOutcome) =>
  o.kind === 'result'
    ? { verdict: o.result.verdict, checks: o.result.checks.map((c) => [c.name, c.passed, c.maxError]) }
    : o.kind === 'error'
      ? { error: o.error }
      : o;

/** The claim under the bundle and under tsx: the same outcome (checks, values, error text) under both. */
async function underBoth(f: string): Promise<ProcessOutcome> {
  const [b, t] = [await runUnder('bundle', f), await runUnder('tsx', f)];
  expect(comparable(b)).toEqual(comparable(t));
  return b;
}

describe('the bundle judges as tsx does (same outcome, same message, same source line)', () => {
  test.each([
    ['a holding check', 'holds', '-1', ''],
    ['a failing check', 'fails', '1', ''],
    [
      'a property file using mathjs (an external package, shared with the engine)',
      'mathjs',
      "evaluate('sqrt(16) - 5')",
      "import { evaluate } from 'mathjs';",
    ],
    ['top-level await in the property file', 'tla', 'v', 'const v = await Promise.resolve(-1);'],
  ])('%s', async (_, name, value, extra) => {
    expect((await underBoth(propertyFile(name, value, extra))).kind).toBe('result');
  });
  test('a property file that throws at import: the error names the .ts file and line under both', async () => {
    const b = await underBoth(propertyFile('throws', '-1', "if (Date.now() > 0) throw new Error('bad at import');"));
    expect(b.kind === 'error' && b.error).toMatch(
      /throws\.property\.ts: failed to import: bad at import \(.*throws\.property\.ts:4:\d+\)/,
    );
  });
  test('verifyClaim with another file’s URL is caught under both', async () => {
    const f = propertyFile('wrong-url', '-1');
    writeFileSync(f, readFileSync(f, 'utf8').replace('import.meta.url', "'file:///elsewhere.ts'"));
    const b = await underBoth(f);
    expect(b.kind === 'error' && b.error).toMatch(
      /called with the import\.meta\.url of .*elsewhere\.ts, not of this property file/,
    );
  });
});
