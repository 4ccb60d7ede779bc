import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { claimSchema, type ClaimFile } from './claimSchema.js';
import { CLAIM_EXT, projectRoot } from './paths.js';

export type LoadedClaim =
  { ok: true; claim: ClaimFile; body: string; file: string } | { ok: false; error: string; file: string };

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Paths in messages are relative to the repository so they can be clicked in a terminal. */
export function displayPath(file: string): string {
  const rel = relative(projectRoot, file);
  return rel.startsWith('..') ? file : rel;
}

/**
 * Reads `claims/<id>.md` (YAML front matter + markdown body) and validates it.
 * Every failure names the file and, where there is one, the field.
 */
export function loadClaim(file: string): LoadedClaim {
  const shown = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, file, error: `${shown}: cannot read claim file (${(e as Error).message})` };
  }
  const m = FRONT_MATTER.exec(text);
  if (!m)
    return {
      ok: false,
      file,
      error: `${shown}: no YAML front matter (the file must start with a line '---' and close it with another '---')`,
    };
  let data: unknown;
  try {
    data = parseYaml(m[1]);
  } catch (e) {
    return {
      ok: false,
      file,
      error: `${shown}: front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`,
    };
  }
  const parsed = claimSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `field '${i.path.join('.') || '(root)'}' ${i.message}`);
    return { ok: false, file, error: `${shown}: ${issues.join('; ')}` };
  }
  const expectedId = basename(file, CLAIM_EXT);
  if (parsed.data.id !== expectedId) {
    return {
      ok: false,
      file,
      error: `${shown}: field 'id' is '${parsed.data.id}' but the file name says '${expectedId}'`,
    };
  }
  if (!parsed.data.source.citation) {
    // The cited document must be part of the project (a clone has nothing outside its own tree).
    const cut = file.lastIndexOf(`${sep}claims${sep}`);
    const root = cut >= 0 ? file.slice(0, cut) : dirname(dirname(file));
    const doc = join(root, 'sources', parsed.data.source.document);
    if (!existsSync(doc))
      return {
        ok: false,
        file,
        error: `${shown}: field 'source.document' names ${parsed.data.source.document}, but there is no file sources/${parsed.data.source.document} (keep the document under sources/, or give a citation instead)`,
      };
  }
  return { ok: true, claim: parsed.data, body: m[2], file };
}
