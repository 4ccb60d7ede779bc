/**
 * A claim's worker as precompiled JavaScript: one esbuild bundle per property file holding the worker,
 * the engine and the property file (npm packages stay external, loaded from node_modules as before),
 * cached under node_modules/.cache/muon-verify/workers/ and rebuilt when any file it was built from
 * changes. Each claim still runs in a process of its own; only the way that process loads its code
 * changes.
 *
 * Why: under tsx a claim's process spent ≈ 0.9 s wall / 1.35 CPU-s before its first check (tsx's loader
 * hooks run on another thread and see every module, mathjs's hundreds included), against ≈ 0.4 s /
 * 0.5 CPU-s for the bundle — about half of all the CPU time the 53 claims took on 2 cores.
 *
 * What is kept as under tsx:
 * - every bundled file's `import.meta.url` (and `.dirname`, `.filename`) is its own source's, written in
 *   as a literal before bundling: verifyClaim compares the property file's URL with the job's;
 * - stack frames name the .ts sources and lines: a linked source map, read by `--enable-source-maps`
 *   only when a stack is formatted (measured: no start-up cost, unlike an inline map);
 * - the property file is imported lazily by the worker (`usePropertyImporter`), so a property file that
 *   throws, loops or registers wrongly at import is that claim's error, exactly as before.
 * Anything esbuild cannot bundle faithfully — a syntax error, an import that does not resolve, another
 * use of `import.meta`, an `import()` or `require` of a computed path — falls back to tsx, whose error
 * (if any) is the one the user sees: the bundle is an optimisation, never a different judge.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildResult, PluginBuild } from 'esbuild';
import { projectRoot } from '../registry/paths.js';
import { writeFileAtomic } from '../report/writeReport.js';
import { bundlableJs, compilerOptionsFor } from './bundlableJs.js';

/** The recipe is this file and bundlableJs.ts: when either changes, every cached bundle is rebuilt. */
const RECIPE_FILES = [fileURLToPath(import.meta.url), fileURLToPath(new URL('./bundlableJs.ts', import.meta.url))];
const recipe = () => RECIPE_FILES.map((f) => contentHash(f) ?? ABSENT).join(':');

export const WORKER_SOURCE = fileURLToPath(new URL('./claimWorker.ts', import.meta.url));
/** The name esbuild gives the generated entry (it is never written). */
const ENTRY = join(dirname(WORKER_SOURCE), 'claim-worker-entry.ts');
export const BUNDLE_DIR = join(projectRoot, 'node_modules', '.cache', 'muon-verify', 'workers');

export type WorkerBundle = { file: string; built: boolean } | { fallback: string };

interface Meta {
  /** Content hashes of the recipe's files when the bundle was built. */
  recipe: string;
  esbuild: string;
  propertyFile: string;
  bundle: string;
  /** Every file the bundle was built from (and the tsconfig files that shaped it), with its content hash. */
  inputs: Record<string, string>;
}

// Content hashes, memoised per (path, size, mtime): a run checks ≈ 120 inputs for each of 53 claims.
const hashMemo = new Map<string, { key: string; hash: string }>();
function contentHash(file: string): string | null {
  try {
    const st = statSync(file);
    const key = `${st.size}:${st.mtimeMs}`;
    const memo = hashMemo.get(file);
    if (memo && memo.key === key) return memo.hash;
    const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
    hashMemo.set(file, { key, hash });
    return hash;
  } catch {
    return null;
  }
}

const ABSENT = 'absent';
const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
const metaFileFor = (propertyFile: string) => join(BUNDLE_DIR, `${sha(propertyFile)}.json`);

/** The tsconfig files esbuild reads for these sources (their options change the output). */
function tsconfigsOf(propertyFile: string): string[] {
  const out = [join(projectRoot, 'tsconfig.json')];
  for (let d = dirname(propertyFile); ; d = dirname(d)) {
    out.push(join(d, 'tsconfig.json'));
    if (dirname(d) === d) break;
  }
  return [...new Set(out)];
}

/** A cached bundle still valid for the files as they are now, or null. */
function cached(propertyFile: string, esbuildVersion: string): string | null {
  let meta: Meta;
  try {
    meta = JSON.parse(readFileSync(metaFileFor(propertyFile), 'utf8')) as Meta;
  } catch {
    return null;
  }
  if (meta.recipe !== recipe() || meta.esbuild !== esbuildVersion || meta.propertyFile !== propertyFile) return null;
  for (const [f, h] of Object.entries(meta.inputs)) if ((contentHash(f) ?? ABSENT) !== h) return null;
  const file = join(BUNDLE_DIR, meta.bundle);
  try {
    statSync(file);
    statSync(file + '.map');
  } catch {
    return null;
  }
  return file;
}

// One transform per source file and content per process: the 53 claims' bundles share ≈ 120 engine files.
const transformMemo = new Map<string, { key: string; js: ReturnType<typeof bundlableJs> }>();
function transformed(esbuild: Pick<typeof import('esbuild'), 'transformSync'>, file: string) {
  const options = compilerOptionsFor(file);
  const key = `${contentHash(file)}:${JSON.stringify(options)}`;
  const memo = transformMemo.get(file);
  if (memo && memo.key === key) return memo.js;
  const js = bundlableJs(esbuild, readFileSync(file, 'utf8'), file, options, file === WORKER_SOURCE);
  transformMemo.set(file, { key, js });
  return js;
}

// esbuild's warnings that mean the bundle would not behave as the sources do under tsx.
const UNFAITHFUL = new Set(['unsupported-dynamic-import', 'unsupported-require-call', 'empty-import-meta']);

/**
 * Keeps the cache to the property files that exist: once per process, when something is built, removes
 * the bundles of property files that are gone (the engine's tests make scratch trees) and bundle files
 * no record points to — once they are 10 minutes old, so that no run still starting one loses it.
 */
let swept = false;
function sweep(): void {
  if (swept) return;
  swept = true;
  const STALE_MS = 600_000;
  try {
    const names = readdirSync(BUNDLE_DIR);
    const live = new Set<string>();
    for (const f of names.filter((n) => n.endsWith('.json'))) {
      const p = join(BUNDLE_DIR, f);
      try {
        const meta = JSON.parse(readFileSync(p, 'utf8')) as Meta;
        if (statSync(meta.propertyFile).isFile()) {
          live.add(meta.bundle);
          continue;
        }
      } catch {
        // unreadable record, or its property file is gone: removed below
      }
      if (Date.now() - statSync(p).mtimeMs > STALE_MS) rmSync(p, { force: true });
    }
    for (const f of names) {
      if (f.endsWith('.json') || live.has(f.replace(/\.map$/, ''))) continue;
      const p = join(BUNDLE_DIR, f);
      if (Date.now() - statSync(p).mtimeMs > STALE_MS) rmSync(p, { force: true });
    }
  } catch {
    // Best effort: a stale bundle only takes disk space.
  }
}

let esbuildModule: Promise<typeof import('esbuild')> | null = null;

/**
 * The worker bundle for this property file: from the cache when every input is unchanged, else built
 * now (≈ 0.15 s); `{ fallback }` (the reason) when the claim must run under tsx instead.
 */
export async function workerBundle(propertyFile: string): Promise<WorkerBundle> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await (esbuildModule ??= import('esbuild'));
  } catch (e) {
    return { fallback: `esbuild is not available (${(e as Error).message})` };
  }
  const hit = cached(propertyFile, esbuild.version);
  if (hit) return { file: hit, built: false };

  const stem = `${sha(propertyFile)}-${randomUUID().slice(0, 8)}`;
  const outfile = join(BUNDLE_DIR, `${stem}.mjs`);
  const entry = [
    `import { usePropertyImporter } from ${JSON.stringify(WORKER_SOURCE)};`,
    `usePropertyImporter(() => import(${JSON.stringify(propertyFile)}));`,
  ].join('\n');
  const refused: string[] = [];
  let result: BuildResult<{ metafile: true; write: false }>;
  try {
    result = await esbuild.build({
      stdin: { contents: entry, resolveDir: dirname(ENTRY), loader: 'ts', sourcefile: basename(ENTRY) },
      absWorkingDir: projectRoot,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      write: false,
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'silent',
      plugins: [
        {
          name: 'literal-import-meta',
          setup(b: PluginBuild) {
            b.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (a) => {
              if (a.path.includes(`${'/'}node_modules${'/'}`)) return undefined;
              const js = transformed(esbuild, a.path);
              if ('refused' in js) {
                refused.push(js.refused);
                return { contents: '', loader: 'js' };
              }
              return { contents: js.code, loader: 'js' };
            });
          },
        },
      ],
    });
  } catch (e) {
    const msg = (e as { errors?: { text: string }[] }).errors?.[0]?.text ?? (e as Error).message;
    return { fallback: `esbuild could not bundle it: ${msg.replace(/\s*\n\s*/g, ' ')}` };
  }
  if (refused.length) return { fallback: refused[0] };
  const unfaithful = result.warnings.find((w) => UNFAITHFUL.has(w.id));
  if (unfaithful) return { fallback: `esbuild: ${unfaithful.text}` };

  const inputs: Record<string, string> = {};
  for (const rel of Object.keys(result.metafile.inputs)) {
    const abs = resolve(projectRoot, rel);
    if (abs === ENTRY) continue; // the generated entry (esbuild's stdin): not a file
    const h = contentHash(abs);
    if (h === null) return { fallback: `cannot read ${abs}, an input of the bundle` };
    inputs[abs] = h;
  }
  for (const f of tsconfigsOf(propertyFile)) inputs[f] = contentHash(f) ?? ABSENT;
  mkdirSync(BUNDLE_DIR, { recursive: true });
  // Written atomically (temporary file + rename): concurrent runs never read half a file.
  for (const f of result.outputFiles) writeFileAtomic(f.path, f.contents);
  const meta: Meta = {
    recipe: recipe(),
    esbuild: esbuild.version,
    propertyFile,
    bundle: basename(outfile),
    inputs,
  };
  writeFileAtomic(metaFileFor(propertyFile), JSON.stringify(meta, null, 1));
  sweep();
  return { file: outfile, built: true };
}
