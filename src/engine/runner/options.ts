import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { CLAIM_ID } from '../registry/claimSchema.js';
import { DEFAULT_SEED, MAX_SEED } from '../verify/seed.js';

export interface SuiteOptions {
  seed: number;
  heavy: boolean;
  /** Explicit selection (`--claim`), or null for every claim. */
  claims: string[] | null;
  jobs: number;
  /** Per-claim limit (s) for a property file that declares no `timeoutMs`. */
  claimLimitS: number;
  /** Whole-run limit (s). */
  runLimitS: number;
  verbose: boolean;
  /** Rerun on every save (never exits by itself). */
  watch: boolean;
  /** `--shard i/n`: judge the i-th of n disjoint parts of the claims (1-based), for `npm run merge-reports`. */
  shard: { index: number; count: number } | null;
}

/**
 * 5 minutes per claim by default: the slowest claim (s000-c04, a Jacobian at n = 1024 on gpu.js) takes
 * ≈ 35 s on 2 cores while other work runs; the limit catches a hang, it must not flip a slow machine's verdict.
 */
export const DEFAULT_CLAIM_LIMIT_S = 300;
/** The whole run: ≈ 2 min here; CI allows 90 min, so 30 min catches a runaway long before that. */
export const DEFAULT_RUN_LIMIT_S = 1800;
/** Heavy mode (n = 4096 on 2 cores: the costliest claim took 2.7 min, the whole tier 5–6 min) gets ×10 per claim, capped. */
export const HEAVY_FACTOR = 10;
export const HEAVY_CLAIM_CAP_S = 1200;
export const HEAVY_RUN_LIMIT_S = 5400;

export const USAGE = `usage: npm test [-- options]
  --seed N            run seed, an integer from 0 to ${MAX_SEED} (default ${DEFAULT_SEED})
  --claim ID[,ID…]    judge only these claims (repeatable); the others are reported 'unchecked'
  --heavy             gpu.js checks also at n = 2048 and 4096, 4× the random cases
  --jobs N            claims judged in parallel, one process each (default: the number of CPUs)
  --claim-limit S     time limit in seconds per claim whose property file sets no timeoutMs (default ${DEFAULT_CLAIM_LIMIT_S})
  --run-limit S       time limit in seconds for the whole run (default ${DEFAULT_RUN_LIMIT_S}; heavy ${HEAVY_RUN_LIMIT_S})
  --verbose           print every check's outcome as it happens
  --watch             judge, then judge again whenever a claim, property, source or src/ file is saved
  --shard I/N         judge the I-th of N disjoint parts of the claims (merge with npm run merge-reports)
Exit status: 0 only when every claim was judged and every verdict is as recorded; 1 otherwise;
2 for a command line that judges nothing (bad option, unknown claim, --help).`;

export class UsageError extends Error {}

function positiveInt(name: string, raw: string, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max)
    throw new UsageError(`${name} must be an integer from 1 to ${max}, got '${raw}'`);
  return Number(raw);
}

/**
 * Parses and validates the command line before anything runs. Unknown options, stray arguments,
 * seeds out of range and ids that are not claim ids are refused here, with one clear line.
 */
export function parseSuiteArgs(argv: string[]): SuiteOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        seed: { type: 'string' },
        claim: { type: 'string', multiple: true },
        heavy: { type: 'boolean' },
        jobs: { type: 'string' },
        'claim-limit': { type: 'string' },
        'run-limit': { type: 'string' },
        verbose: { type: 'boolean' },
        watch: { type: 'boolean' },
        shard: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  let seed = DEFAULT_SEED;
  if (v.seed !== undefined) {
    // Validated, never wrapped: 4294967297 must not quietly become seed 1.
    if (!/^\d+$/.test(v.seed) || Number(v.seed) > MAX_SEED)
      throw new UsageError(`--seed must be an integer from 0 to ${MAX_SEED}, got '${v.seed}'`);
    seed = Number(v.seed);
  }
  let claims: string[] | null = null;
  if (v.claim) {
    claims = v.claim.flatMap((c) => c.split(',')).map((c) => c.trim());
    const bad = claims.filter((c) => !CLAIM_ID.test(c));
    if (bad.length)
      throw new UsageError(
        `--claim takes claim ids (file names in claims/ without .md, e.g. s000-c02), got ${bad.map((b) => `'${b}'`).join(', ')}`,
      );
    if (claims.length === 0) throw new UsageError('--claim needs at least one claim id');
    claims = [...new Set(claims)];
  }
  const heavy = v.heavy ?? false;
  let shard: SuiteOptions['shard'] = null;
  if (v.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(v.shard);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 256 || Number(m[1]) < 1 || Number(m[1]) > Number(m[2]))
      throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N ≤ 256 (e.g. 2/4), got '${v.shard}'`);
    if (claims) throw new UsageError('--shard and --claim cannot be combined: a shard is its own selection');
    if (v.watch) throw new UsageError('--shard and --watch cannot be combined');
    shard = { index: Number(m[1]), count: Number(m[2]) };
  }
  return {
    seed,
    heavy,
    claims,
    jobs: v.jobs !== undefined ? positiveInt('--jobs', v.jobs, 64) : Math.max(1, cpus().length),
    claimLimitS:
      v['claim-limit'] !== undefined ? positiveInt('--claim-limit', v['claim-limit'], 86_400) : DEFAULT_CLAIM_LIMIT_S,
    runLimitS:
      v['run-limit'] !== undefined
        ? positiveInt('--run-limit', v['run-limit'], 86_400)
        : heavy
          ? HEAVY_RUN_LIMIT_S
          : DEFAULT_RUN_LIMIT_S,
    verbose: v.verbose ?? false,
    watch: v.watch ?? false,
    shard,
  };
}
