import { z } from 'zod';

/**
 * Claim ids are kebab-case slugs (`s000-c02`, `higham-newton-quadratic`), unique across claims/.
 * The seed notes' items keep their `s<3 digits>-…` ids from docs/claims-index.md.
 */
export const CLAIM_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const latex = z.string().trim().min(1, 'must be a non-empty string');

const citationSchema = z
  .object({
    authors: z.array(latex).min(1, 'must list at least one author'),
    title: latex,
    year: z.number().int().min(1600).max(2100),
    url: z.string().url().optional(),
    doi: z
      .string()
      .regex(/^10\.\d{4,9}\/\S+$/, 'must look like 10.1234/abc')
      .optional(),
  })
  .strict()
  .refine((c) => c.url !== undefined || c.doi !== undefined, { message: 'needs a url or a doi', path: ['url'] });

/** "Higham (1986), Computing the polar decomposition…": how a cited source is named in reports. */
export function citationLabel(c: { authors: string[]; year: number; title: string }): string {
  const who = c.authors.length > 2 ? `${c.authors[0]} et al.` : c.authors.join(' and ');
  return `${who} (${c.year}), ${c.title}`;
}

/** Exactly one of `document` (a file under sources/) and `citation`. */
const sourceSchema = z
  .object({
    document: z
      .string()
      .trim()
      .min(1, 'must name a file under sources/')
      .regex(/^[^/\\]+$/, 'must be a file name under sources/, not a path')
      .optional(),
    citation: citationSchema.optional(),
    locator: latex,
  })
  .strict()
  .superRefine((s, ctx) => {
    if ((s.document === undefined) === (s.citation === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['document'],
        message: 'give exactly one of document (a file under sources/) and citation (authors, title, year, url or doi)',
      });
    }
  })
  .transform((s) => ({
    document: s.document ?? (s.citation ? citationLabel(s.citation) : ''),
    locator: s.locator,
    ...(s.citation ? { citation: s.citation } : {}),
  }));

/**
 * How a claim that fails as written fails (issue 11's triage), each kind backed by checks the engine
 * runs (src/engine/verify/failure/):
 * - substance: the mathematics is wrong; the corrected conclusion (a constant, an exponent, a sign, a
 *   formula) holds on the same inputs, the counterexample included;
 * - hypothesis: right under a hypothesis the source leaves out (`hypothesis`, LaTeX); the headline's
 *   own measure holds on inputs that satisfy it, and the counterexample violates it;
 * - notation: a slip whose intended reading is plain (`symbol`: what was mis-typed); the headline's
 *   measure with the slip fixed holds, on the same inputs;
 * - wording: the formulas hold, a word claims more (`words`, quoted); the failing checks are the ones
 *   that encode those words, every other headline check holds.
 */
export const FAILURE_KINDS = ['substance', 'hypothesis', 'notation', 'wording'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

const failureSchema = z
  .object({
    kind: z.enum(FAILURE_KINDS, { message: `must be one of ${FAILURE_KINDS.join(', ')}` }),
    summary: latex,
    hypothesis: latex.optional(),
    words: latex.optional(),
    symbol: latex.optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const own = { hypothesis: 'hypothesis', words: 'wording', symbol: 'notation' } as const;
    for (const [field, kind] of Object.entries(own) as [keyof typeof own, FailureKind][]) {
      if (f.kind === kind && f[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `is required when kind is "${kind}"` });
      if (f.kind !== kind && f[field] !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `belongs to kind "${kind}" only (kind is "${f.kind}")`,
        });
    }
  });

/** Front matter of `claims/<id>.md`. The markdown body below it is free commentary. */
export const claimSchema = z
  .object({
    id: z.string().regex(CLAIM_ID, 'must be a kebab-case slug such as s000-c02 or polar-newton-rate'),
    title: latex,
    // A document kept in the repository under sources/ (checked to exist by loadClaim), or a citation.
    source: sourceSchema,
    statement: latex,
    reading: latex,
    // `unknown`: a new claim not yet recorded; `npm test` fails until `npm run accept -- <id>` records it.
    expected: z.enum(['pass', 'fail', 'unknown']),
    corrected: latex.optional(),
    // How the claim fails as written: required for a fail to be judged (see FAILURE_KINDS).
    failure: failureSchema.optional(),
    steps: z.array(z.object({ statement: latex, note: z.string().optional() }).strict()).optional(),
    dependsOn: z
      .array(z.string().regex(CLAIM_ID, 'must be a kebab-case slug such as s000-c02 or polar-newton-rate'))
      .optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.expected === 'fail' && !c.corrected) {
      ctx.addIssue({ code: 'custom', path: ['corrected'], message: 'is required when expected is "fail"' });
    }
    if (c.expected === 'pass' && c.failure !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['failure'],
        message: 'is set but expected is "pass" (only a claim that fails as written has a failure kind)',
      });
    }
  });

export type ClaimFile = z.infer<typeof claimSchema>;
