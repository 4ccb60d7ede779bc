import { z } from 'zod';

/**
 * Claim ids are kebab-case slugs (`s000-c02`, `higham-newton-quadratic`), unique across claims/.
 * The seed notes' items keep their `s<3 digits>-…` ids from docs/claims-index.md.
 */
export const CLAIM_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const latex = z.string().trim().min(1, 'must be a non-empty string');

/** Front matter of `claims/<id>.md`. The markdown body below it is free commentary. */
export const claimSchema = z
  .object({
    id: z.string().regex(CLAIM_ID, 'must be a kebab-case slug such as s000-c02 or polar-newton-rate'),
    title: latex,
    source: z.object({ document: latex, locator: latex }).strict(),
    statement: latex,
    reading: latex,
    expected: z.enum(['pass', 'fail']),
    corrected: latex.optional(),
    steps: z.array(z.object({ statement: latex, note: z.string().optional() }).strict()).optional(),
    dependsOn: z.array(z.string().regex(CLAIM_ID, 'must be a kebab-case slug such as s000-c02 or polar-newton-rate')).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.expected === 'fail' && !c.corrected) {
      ctx.addIssue({ code: 'custom', path: ['corrected'], message: 'is required when expected is "fail"' });
    }
  });

export type ClaimFile = z.infer<typeof claimSchema>;
