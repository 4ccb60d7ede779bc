import { fileURLToPath } from 'node:url';
import { tidyFrame } from './stackFrame.js';
import type { ClaimSpec } from './types.js';

/**
 * The whole of a property file's contact with the engine: `verifyClaim(import.meta.url, spec)`.
 *
 * Importing a property file only REGISTERS its spec. The suite runner (src/engine/runner/) imports each
 * property file in a child process of its own, takes the one registration, runs the claim under a
 * hard wall-clock limit, and kills the process if it overruns — so a measure that never returns
 * cannot hang `npm test`. A property file that registers twice, registers for another file, or not
 * at all is an `error` for that claim (see `takeRegistration`).
 */
export interface Registration {
  /** The property file that called verifyClaim (from its `import.meta.url`). */
  file: string;
  spec: ClaimSpec | (() => ClaimSpec);
  /** Where the call came from (first stack frame outside this module), for "registered twice" errors. */
  callSite: string;
}

// A process-wide slot: tsx and plain Node may load this module under two URLs, the slot must be one.
const SLOT = Symbol.for('muon-verify.registrations');
type Slot = { list: Registration[] };
function slot(): Slot {
  const g = globalThis as unknown as Record<symbol, Slot | undefined>;
  return (g[SLOT] ??= { list: [] });
}

function callSite(): string {
  const lines = (new Error().stack ?? '')
    .split('\n')
    .slice(1)
    .map((l) => l.trim());
  const outside = lines.find((l) => !l.includes('verifyClaim.ts') && !l.includes('verifyClaim.js'));
  return outside ? tidyFrame(outside) : 'unknown';
}

export function verifyClaim<P extends Record<string, unknown>>(
  moduleUrl: string,
  spec: ClaimSpec<P> | (() => ClaimSpec<P>),
): void {
  let file: string;
  try {
    file = fileURLToPath(moduleUrl);
  } catch {
    file = String(moduleUrl);
  }
  slot().list.push({ file, spec: spec as ClaimSpec | (() => ClaimSpec), callSite: callSite() });
}

/** Everything registered since the last call (the runner imports one property file per process). */
export function takeRegistrations(): Registration[] {
  const s = slot();
  const out = s.list;
  s.list = [];
  return out;
}
