/**
 * One source file as JavaScript that a claim worker's bundle can hold faithfully (see workerBundle.ts):
 * types stripped under the compiler options tsx would use, `import.meta` made literal, and refused when
 * bundling would change what the file does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Stands for any other use of `import.meta` in a transformed file (which makes it fall back to tsx). */
const REFUSED_META = '__muonVerifyImportMetaRefused';

/**
 * One source file as JavaScript the bundle can hold faithfully: its `import.meta.url`, `.dirname` and
 * `.filename` become literals of that file (esbuild's `define`: tokens only, never the same words in a
 * string or comment), with an inline source map that the bundle composes with its own. Refused (the
 * claim then runs under tsx) when the file uses `import.meta` in another way, or calls `import()` on a
 * computed path: both would resolve from the cache directory instead of from the file.
 */
export function bundlableJs(
  esbuild: Pick<typeof import('esbuild'), 'transformSync'>,
  source: string,
  file: string,
  compilerOptions: Record<string, unknown> = {},
  /** The worker's own `import(path)` is the tsx path's; in a bundle the generated entry replaces it. */
  allowComputedImport = false,
): { code: string } | { refused: string } {
  const { code } = esbuild.transformSync(source, {
    loader: loaderFor(file),
    tsconfigRaw: { compilerOptions },
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: file,
    define: {
      'import.meta.url': JSON.stringify(pathToFileURL(file).href),
      'import.meta.dirname': JSON.stringify(dirname(file)),
      'import.meta.filename': JSON.stringify(file),
      'import.meta': REFUSED_META,
    },
  });
  if (code.includes(REFUSED_META)) return { refused: `${file} uses import.meta beyond url, dirname and filename` };
  // After esbuild's printing, a literal import() reads `import("…")`; anything else is computed.
  // (The same characters inside a string refuse too: slower, never wrong.)
  if (!allowComputedImport && /\bimport\s*\(\s*[^"'`\s]/.test(code))
    return { refused: `${file} calls import() on a computed path` };
  return { code };
}

/**
 * The compiler options tsx would apply to `file`: those of the nearest tsconfig.json above it, merged
 * over the files it `extends` (relative paths). A tsconfig that is not plain JSON, or extends a package,
 * is a reason to run under tsx instead (thrown as an Error, caught by the plugin).
 */
export function compilerOptionsFor(file: string): Record<string, unknown> {
  for (let d = dirname(file); ; d = dirname(d)) {
    const t = join(d, 'tsconfig.json');
    if (existsSync(t)) return readTsconfig(t, 0);
    if (dirname(d) === d) return {};
  }
}
function readTsconfig(file: string, depth: number): Record<string, unknown> {
  if (depth > 8) throw new Error(`${file}: 'extends' nests more than 8 deep`);
  let json: { extends?: unknown; compilerOptions?: Record<string, unknown> };
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file} is not plain JSON (${(e as Error).message})`);
  }
  const own = json.compilerOptions ?? {};
  if (json.extends === undefined) return own;
  if (typeof json.extends !== 'string' || !/^\.{0,2}\//.test(json.extends))
    throw new Error(`${file} extends ${JSON.stringify(json.extends)}, not a relative path`);
  const base = resolve(dirname(file), json.extends);
  return { ...readTsconfig(base.endsWith('.json') ? base : base + '.json', depth + 1), ...own };
}

export const loaderFor = (file: string): 'ts' | 'tsx' | 'js' | 'jsx' =>
  /\.[cm]?ts$/.test(file) ? 'ts' : file.endsWith('.tsx') ? 'tsx' : file.endsWith('.jsx') ? 'jsx' : 'js';
