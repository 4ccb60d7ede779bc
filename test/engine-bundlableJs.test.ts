/** bundlableJs.ts: one source file as JavaScript a claim worker's bundle can hold faithfully. */
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../src/engine/registry/paths.js';
import { bundlableJs, compilerOptionsFor } from '../src/engine/runner/bundlableJs.js';

const dir = mkdtempSync(join(tmpdir(), 'bundlable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bundlableJs: import.meta as literals of the file (tokens only), computed imports refused', () => {
  const file = '/a/b/c.ts';
  const js = (src: string) => {
    const out = bundlableJs(esbuild, src, file);
    return 'code' in out ? out.code : null;
  };
  test('url, dirname and filename become literals', () => {
    const out = js('export const u = import.meta.url, d = import.meta.dirname, f = import.meta.filename;')!;
    expect(out).toContain(JSON.stringify(pathToFileURL(file).href));
    expect(out).toContain('d = "/a/b"');
    expect(out).toContain('f = "/a/b/c.ts"');
    expect(out).not.toMatch(/import\.meta/);
  });
  test('the same words inside a string or a comment are left alone', () => {
    const out = js("// import.meta.url\nexport const s = 'the import.meta.url of';")!;
    expect(out).toContain('"the import.meta.url of"');
  });
  test('any other use of import.meta refuses (the file then runs under tsx)', () => {
    expect(js('export const r = import.meta.resolve("x");')).toBeNull();
    expect(js('export const m = import.meta;')).toBeNull();
  });
  test('an import() of a computed path refuses; of a literal path it does not', () => {
    expect(bundlableJs(esbuild, 'const n = "./x.js"; export const f = () => import(n);', file)).toEqual({
      refused: '/a/b/c.ts calls import() on a computed path',
    });
    expect(js("export const f = () => import('./x.js');")).toContain('import("./x.js")');
  });
  test('types are stripped as tsx strips them', () => {
    expect(js('export const n: number = 1 as number;')).toMatch(/export\s*\{|n = 1/);
  });
});

describe('compilerOptionsFor: the nearest tsconfig.json, merged over what it extends', () => {
  test('a fixture tree extends the project tsconfig and overrides one option', () => {
    const o = compilerOptionsFor(join(projectRoot, 'test', 'fixtures', 'hostile', 'properties', 'r-good.property.ts'));
    expect(o.noUnusedLocals).toBe(false);
    expect(o.target).toBe('ES2022');
  });
  test('a tsconfig that extends a package is refused with its path', () => {
    const sub = join(dir, 'pkg-extends');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'tsconfig.json'), '{ "extends": "@tsconfig/node20" }');
    expect(() => compilerOptionsFor(join(sub, 'x.ts'))).toThrow(
      /pkg-extends\/tsconfig\.json extends "@tsconfig\/node20"/,
    );
  });
});
