/**
 * `npm run new -- <id> (--source <file under sources/> | --doi D | --url U --authors "A; B" --title T --year Y) --locator <where>`
 * scaffolds claims/<id>.md (expected: unknown) and properties/<id>.property.ts from templates that
 * pass validation, so the next step is to write the statement and its checks, then
 * `npm test -- --claim <id>` and `npm run accept -- <id>`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { CLAIM_ID } from '../src/engine/registry/claimSchema.js';
import { discoverClaims } from '../src/engine/registry/discover.js';
import { loadClaim } from '../src/engine/registry/loadClaim.js';
import { suitePaths } from '../src/engine/registry/paths.js';

const USAGE =
  'usage: npm run new -- <id> (--source <file under sources/> | --authors "A; B" --title T --year Y (--doi D | --url U)) --locator <where>';
function refuse(message: string): never {
  console.error(`npm run new: ${message}\n${USAGE}`);
  process.exit(2);
}
let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    strict: true,
    options: {
      source: { type: 'string' },
      locator: { type: 'string' },
      doi: { type: 'string' },
      url: { type: 'string' },
      authors: { type: 'string' },
      title: { type: 'string' },
      year: { type: 'string' },
    },
  });
} catch (e) {
  refuse((e as Error).message);
}
const v = parsed.values;
const [id, ...rest] = parsed.positionals;
if (!id || rest.length) refuse('give exactly one claim id');
if (!CLAIM_ID.test(id)) refuse(`'${id}' is not a claim id: use a kebab-case slug such as polar-newton-rate`);
const paths = suitePaths();
if (discoverClaims(paths).some((c) => c.id === id)) refuse(`a claim or property file for '${id}' already exists`);
if (!v.locator) refuse('--locator is required (where in the source: "Theorem 3.1", "§2, eq. (7)")');
const cite =
  v.doi !== undefined ||
  v.url !== undefined ||
  v.authors !== undefined ||
  v.title !== undefined ||
  v.year !== undefined;
if (cite === (v.source !== undefined))
  refuse('give either --source or a citation (--authors, --title, --year and --doi or --url)');
if (v.source !== undefined && !existsSync(join(paths.root, 'sources', v.source)))
  refuse(`no file sources/${v.source}: put the document under sources/ first, or cite it`);
const source =
  v.source !== undefined
    ? { document: v.source, locator: v.locator }
    : {
        citation: {
          authors: (v.authors ?? '')
            .split(';')
            .map((a) => a.trim())
            .filter(Boolean),
          title: v.title,
          year: Number(v.year),
          ...(v.doi ? { doi: v.doi } : {}),
          ...(v.url ? { url: v.url } : {}),
        },
        locator: v.locator,
      };

const front = stringify({
  id,
  title: `TODO: a short title for ${id}`,
  source,
  statement: 'TODO: the statement exactly as the source writes it, in LaTeX, e.g. $a + b = b + a$',
  reading:
    'TODO: how the statement is read (the hypotheses, the natural reading, which other reading you considered and what it gives)',
  expected: 'unknown',
}).trimEnd();
const claimFile = join(paths.claimsDir, `${id}.md`);
const propertyFile = join(paths.propertiesDir, `${id}.property.ts`);
const claimText = `---\n${front}\n---\n\nCommentary for a person: the worked example, references.\n`;
const propertyText = `import fc from 'fast-check';
import { forAll, verifyClaim } from '../src/claim.js';

// TODO: replace this example (a + b = b + a on small integers) with the checks of ${id}'s statement.
// Every headline check needs a negative control: the same measure on a known-false variant, which must fail.
verifyClaim(import.meta.url, {
  checks: [
    forAll({
      name: 'a + b = b + a (small integers)',
      backend: 'scalar-f64',
      arbitrary: fc.record({ a: fc.integer({ min: -9, max: 9 }), b: fc.integer({ min: -9, max: 9 }) }),
      // Integer sums below 2^53 are exact in binary64: the residual is exactly 0.
      toleranceReason: 'exact: integer arithmetic in f64',
      measure: ({ a, b }) => ({ value: Math.abs(a + b - (b + a)), bound: 0 }),
      control: { description: 'a − b = b − a (a sign flipped): fails whenever a ≠ b', measure: ({ a, b }) => ({ value: Math.abs(a - b - (b - a)), bound: 0 }) },
    }),
  ],
});
`;
mkdirSync(paths.claimsDir, { recursive: true });
mkdirSync(paths.propertiesDir, { recursive: true });
writeFileSync(claimFile, claimText);
writeFileSync(propertyFile, propertyText);
const check = loadClaim(claimFile);
if (!check.ok) refuse(`internal: the template does not validate: ${check.error}`);
console.log(`created ${relative(process.cwd(), claimFile)} and ${relative(process.cwd(), propertyFile)}
next: write the statement and its checks, then
  npm test -- --claim ${id}
  npm run accept -- ${id}`);
