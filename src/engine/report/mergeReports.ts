import type { ClaimResult } from '../verify/types.js';
import { summarize, type Report } from './buildReport.js';

/**
 * Merges the reports of `npm test -- --shard i/n` runs (one per machine of a CI matrix) into one
 * report, as if one run had judged every claim. Refused, each with its own message, never merged
 * over: a report that is not a shard report, shard counts that differ, a missing or repeated shard,
 * mixed seeds or modes (heavy and not), a claim judged by two shards, a claim judged by none.
 * The problems go into the merged report's `runErrors`, so `npm run merge-reports` fails the gate.
 */
export interface ShardInput {
  /** Where the report came from (a directory), for messages. */
  dir: string;
  report: Report;
}

export interface MergeOutcome {
  report: Report;
  /** Why the merge cannot stand for a full run (also in report.runErrors). */
  errors: string[];
}

export function mergeReports(inputs: ShardInput[], opts: { runId: string; now?: Date }): MergeOutcome {
  const errors: string[] = [];
  if (inputs.length === 0) errors.push('no shard reports given');
  const shards = inputs.filter((x) => {
    if (x.report.shard) return true;
    errors.push(`${x.dir}: not a shard report (it has no 'shard' field: run npm test -- --shard I/N)`);
    return false;
  });
  const counts = [...new Set(shards.map((x) => x.report.shard!.count))];
  if (counts.length > 1)
    errors.push(
      `mixed shard counts: ${shards.map((x) => `${x.dir} is ${x.report.shard!.index}/${x.report.shard!.count}`).join(', ')}`,
    );
  const count = counts[0] ?? 0;
  for (let i = 1; i <= count; i++) {
    const with_i = shards.filter((x) => x.report.shard!.index === i);
    if (with_i.length === 0) errors.push(`shard ${i}/${count} is missing`);
    if (with_i.length > 1)
      errors.push(`shard ${i}/${count} appears ${with_i.length} times: ${with_i.map((x) => x.dir).join(', ')}`);
  }
  const seeds = [...new Set(inputs.map((x) => x.report.seed))];
  if (seeds.length > 1)
    errors.push(`mixed seeds: ${inputs.map((x) => `seed ${x.report.seed} in ${x.dir}`).join(', ')}`);
  const modes = [...new Set(inputs.map((x) => x.report.environment.heavy === true))];
  if (modes.length > 1)
    errors.push(
      `mixed modes: ${inputs.map((x) => `${x.report.environment.heavy === true ? 'heavy' : 'default'} in ${x.dir}`).join(', ')}`,
    );

  // Each id: the entry of the shard that judged it (its own ids), else the first entry seen.
  const judgedBy = new Map<string, { dir: string; entry: ClaimResult }[]>();
  const order: string[] = [];
  const seen = new Map<string, ClaimResult>();
  for (const x of inputs) {
    const own = new Set(x.report.shard?.ids ?? []);
    for (const c of x.report.claims) {
      if (!seen.has(c.id)) {
        seen.set(c.id, c);
        order.push(c.id);
      }
      if (own.has(c.id) && c.verdict !== 'unchecked' && !c.carriedFrom) {
        const list = judgedBy.get(c.id) ?? [];
        list.push({ dir: x.dir, entry: c });
        judgedBy.set(c.id, list);
      }
    }
  }
  const claims: ClaimResult[] = [];
  for (const id of order) {
    const by = judgedBy.get(id) ?? [];
    if (by.length > 1)
      errors.push(`claim '${id}' was judged by more than one shard: ${by.map((b) => b.dir).join(', ')}`);
    if (by.length === 0) {
      errors.push(`claim '${id}' was judged by no shard (is a shard missing?)`);
      claims.push(seen.get(id)!);
    } else claims.push(by[0].entry);
  }
  const runErrors = [...inputs.flatMap((x) => (x.report.runErrors ?? []).map((e) => `${x.dir}: ${e}`)), ...errors];
  const first = inputs[0]?.report;
  const report: Report = {
    schemaVersion: 1,
    runId: opts.runId,
    ...(first?.startedAt ? { startedAt: inputs.map((x) => x.report.startedAt ?? '').sort()[0] } : {}),
    generatedAt: (opts.now ?? new Date()).toISOString(),
    runErrors,
    seed: first?.seed ?? 0,
    environment: {
      ...(first?.environment ?? { node: process.version, gpuBackend: 'unknown', cpus: 0 }),
      shards: count,
    },
    summary: summarize(claims),
    claims,
    mergedFrom: shards.map((x) => ({
      dir: x.dir,
      runId: x.report.runId ?? null,
      shard: { index: x.report.shard!.index, count: x.report.shard!.count },
    })),
  };
  return { report, errors };
}
