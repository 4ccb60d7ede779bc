/**
 * The layers point one way: engine → checks → math, random, gpu. Nothing in src/math, src/random or
 * src/gpu imports the engine, the claim-family builders or the CLI; the engine never imports a
 * property file; property files reach src/ only through the entry module (src/claim.ts) or the
 * symbolic step checker (which loads mathjs, so it stays a separate import).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '../src/engine/registry/paths.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const f = join(dir, n);
    return statSync(f).isDirectory() ? filesUnder(f) : f.endsWith('.ts') ? [f] : [];
  });
}
/** Repository-relative targets of a file's relative imports (static, dynamic and `export … from`). */
function importsOf(file: string): string[] {
  const s = readFileSync(file, 'utf8');
  return [...s.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) =>
    relative(projectRoot, resolve(dirname(file), m[1])),
  );
}
const src = (d: string) => filesUnder(join(projectRoot, 'src', d));

describe('architecture', () => {
  test.each(['math', 'random', 'gpu'])(
    'src/%s imports nothing from src/engine, src/checks, src/cli or src/claim.ts',
    (d) => {
      const bad = src(d).flatMap((f) =>
        importsOf(f)
          .filter((t) => /^src\/(engine|checks|cli)\/|^src\/claim\./.test(t))
          .map((t) => `${relative(projectRoot, f)} → ${t}`),
      );
      expect(bad).toEqual([]);
    },
  );
  test('src/checks builds on the engine and the mathematics, never on the runner, the report or the CLI', () => {
    const bad = src('checks').flatMap((f) =>
      importsOf(f)
        .filter((t) => /^src\/(engine\/(runner|report|registry)|cli)\//.test(t))
        .map((t) => `${relative(projectRoot, f)} → ${t}`),
    );
    expect(bad).toEqual([]);
  });
  test('the engine imports no property file, and nothing from src/checks (claim families sit above it)', () => {
    const bad = src('engine').flatMap((f) =>
      importsOf(f)
        .filter((t) => t.startsWith('properties/') || t.startsWith('src/checks/'))
        .map((t) => `${relative(projectRoot, f)} → ${t}`),
    );
    expect(bad).toEqual([]);
  });
  test('property files reach src/ only through src/claim.ts (or the symbolic step checker)', () => {
    const bad = filesUnder(join(projectRoot, 'properties')).flatMap((f) =>
      importsOf(f)
        .filter((t) => t.startsWith('src/') && t !== 'src/claim.js' && t !== 'src/checks/scalarIdentity.js')
        .map((t) => `${relative(projectRoot, f)} → ${t}`),
    );
    expect(bad).toEqual([]);
  });
  test('one PRNG: mulberry32 is defined once', () => {
    const defs = filesUnder(join(projectRoot, 'src')).filter((f) =>
      /function mulberry32\(/.test(readFileSync(f, 'utf8')),
    );
    expect(defs.map((f) => relative(projectRoot, f))).toEqual(['src/random/prng.ts']);
  });
  test('the meta-test can fail: a math file importing the engine is caught', () => {
    const fake = join(projectRoot, 'src', 'math', 'x.ts');
    const t = relative(projectRoot, resolve(dirname(fake), '../engine/verify/types.js'));
    expect(/^src\/(engine|checks|cli)\//.test(t)).toBe(true);
  });
});

describe('configuration', () => {
  test('only src/config.ts reads process.env', () => {
    const readers = filesUnder(join(projectRoot, 'src')).filter(
      (f) =>
        !f.endsWith('.test.ts') &&
        /process\.env\b(?!\s*[,}])/.test(readFileSync(f, 'utf8').replace(/\{\s*\.\.\.process\.env/g, '')),
    );
    expect(readers.map((f) => relative(projectRoot, f))).toEqual(['src/config.ts']);
  });
});

describe('a bound carries its reason', () => {
  // A measurement literal `{ value, bound: 1e-9 }` is a bound without a reason: property files and the
  // claim-family builders give `tolerance: relative(…) / exact(…) / …` instead (src/engine/verify/tolerance.ts).
  const BARE = /[{,]\s*bound\s*:/;
  const codeLines = (f: string) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => !/^\s*(\/\/|\*|\/\*)/.test(l));
  test('no property file or src/checks builder measures against a bare numeric bound', () => {
    const files = [...filesUnder(join(projectRoot, 'properties')), ...src('checks')];
    const bad = files.flatMap((f) =>
      codeLines(f)
        .filter(({ l }) => BARE.test(l))
        .map(({ i }) => `${relative(projectRoot, f)}:${i + 1}`),
    );
    expect(bad).toEqual([]);
  });
  test('the scan can fail: a bare bound is caught', () => {
    expect(BARE.test('return { value: r, bound: 1e-9 };')).toBe(true);
    expect(BARE.test('return { value: r, tolerance: relative({ n }) };')).toBe(false);
  });
  test('no local unit roundoff: 2 ** -53 and 2 ** -24 appear only in src/math/roundoff.ts', () => {
    const files = [...filesUnder(join(projectRoot, 'properties')), ...filesUnder(join(projectRoot, 'src'))];
    const bad = files
      .filter((f) => !f.endsWith('roundoff.ts') && codeLines(f).some(({ l }) => /2\s*\*\*\s*-(53|24)\b/.test(l)))
      .map((f) => relative(projectRoot, f));
    expect(bad).toEqual([]);
  });
});
