// Sharding without processes: the option, the partition, the merge (test/shard.test.ts runs it end to end).
import { describe, expect, test } from 'vitest';
import { mergeReports, type ShardInput } from '../src/engine/report/mergeReports.js';
import type { Report } from '../src/engine/report/buildReport.js';
import { parseSuiteArgs, UsageError } from '../src/engine/runner/options.js';
import { shardOf } from '../src/engine/runner/shard.js';
import type { ClaimResult } from '../src/engine/verify/types.js';

describe('--shard I/N', () => {
  test('is parsed and validated up front', () => {
    expect(parseSuiteArgs(['--shard', '2/4'])).toMatchObject({ shard: { index: 2, count: 4 }, claims: null });
    expect(parseSuiteArgs([])).toMatchObject({ shard: null });
    expect(() => parseSuiteArgs(['--shard', '-1/2'])).toThrow(UsageError); // refused by the option parser itself
    for (const bad of ['0/2', '3/2', '1/0', '2', 'a/b', '1/257'])
      expect(() => parseSuiteArgs(['--shard', bad]), bad).toThrow(/--shard must be I\/N with 1 ≤ I ≤ N ≤ 256/);
    expect(() => parseSuiteArgs(['--shard', '1/2', '--claim', 'a'])).toThrow(UsageError);
    expect(() => parseSuiteArgs(['--shard', '1/2', '--watch'])).toThrow(/cannot be combined/);
  });
  test('shardOf partitions the ids: disjoint, covering, sizes within one, whatever the input order', () => {
    const ids = Array.from({ length: 11 }, (_, i) => `c${String(i).padStart(2, '0')}`);
    for (const n of [1, 2, 3, 4, 11, 13]) {
      const parts = Array.from({ length: n }, (_, i) => shardOf([...ids].reverse(), { index: i + 1, count: n }));
      expect(parts.flat().sort()).toEqual(ids);
      const sizes = parts.map((p) => p.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    expect(shardOf(ids, { index: 2, count: 4 })).toEqual(['c01', 'c05', 'c09']);
  });
});

const claim = (id: string, verdict: ClaimResult['verdict']): ClaimResult =>
  ({ id, verdict, expected: 'pass', title: id, corrected: null, counterexample: null, checks: [], steps: [] }) as never;
function shardReport(index: number, count: number, ids: string[], all: string[], seed = 7, heavy = false): Report {
  return {
    schemaVersion: 1,
    runId: `run-${index}`,
    generatedAt: '2026-11-30T00:00:00.000Z',
    seed,
    environment: { node: 'v20', gpuBackend: 'webasm', cpus: 2, heavy },
    summary: {} as never,
    claims: all.map((id) => claim(id, ids.includes(id) ? 'pass' : 'unchecked')),
    shard: { index, count, ids },
  };
}
const ALL = ['a', 'b', 'c', 'd'];
const part = (i: number, n = 2) => shardOf(ALL, { index: i, count: n });
const input = (dir: string, r: Report): ShardInput => ({ dir, report: r });

describe('mergeReports', () => {
  test('two shards merge into one report with every claim judged once', () => {
    const { report, errors } = mergeReports(
      [input('s1', shardReport(1, 2, part(1), ALL)), input('s2', shardReport(2, 2, part(2), ALL))],
      { runId: 'm' },
    );
    expect(errors).toEqual([]);
    expect(report.claims.map((c) => [c.id, c.verdict])).toEqual(ALL.map((id) => [id, 'pass']));
    expect(report.summary).toMatchObject({ total: 4, pass: 4, unchecked: 0, unexpected: 0 });
    expect(report.mergedFrom?.map((m) => m.shard.index)).toEqual([1, 2]);
    expect(report).toMatchObject({ runId: 'm', seed: 7, environment: { shards: 2 } });
  });
  test('a missing shard, a repeated one, mixed seeds, modes and counts, a duplicate claim are each refused', () => {
    const missing = mergeReports([input('s1', shardReport(1, 2, part(1), ALL))], { runId: 'm' });
    expect(missing.errors).toContain('shard 2/2 is missing');
    expect(missing.errors).toContain("claim 'b' was judged by no shard (is a shard missing?)");
    expect(missing.report.runErrors).toEqual(missing.errors);
    const twice = mergeReports(
      [input('x', shardReport(1, 2, part(1), ALL)), input('y', shardReport(1, 2, part(1), ALL))],
      { runId: 'm' },
    );
    expect(twice.errors).toContain('shard 1/2 appears 2 times: x, y');
    expect(twice.errors).toContain("claim 'a' was judged by more than one shard: x, y");
    const seeds = mergeReports(
      [input('s1', shardReport(1, 2, part(1), ALL, 7)), input('s2', shardReport(2, 2, part(2), ALL, 8))],
      { runId: 'm' },
    );
    expect(seeds.errors).toEqual(['mixed seeds: seed 7 in s1, seed 8 in s2']);
    const modes = mergeReports(
      [input('s1', shardReport(1, 2, part(1), ALL)), input('s2', shardReport(2, 2, part(2), ALL, 7, true))],
      { runId: 'm' },
    );
    expect(modes.errors).toEqual(['mixed modes: default in s1, heavy in s2']);
    const counts = mergeReports(
      [input('s1', shardReport(1, 2, part(1), ALL)), input('s2', shardReport(2, 3, part(2, 3), ALL))],
      { runId: 'm' },
    );
    expect(counts.errors[0]).toBe('mixed shard counts: s1 is 1/2, s2 is 2/3');
    const plain = { ...shardReport(1, 1, ALL, ALL) };
    delete plain.shard;
    expect(mergeReports([input('full', plain)], { runId: 'm' }).errors[0]).toBe(
      "full: not a shard report (it has no 'shard' field: run npm test -- --shard I/N)",
    );
    expect(mergeReports([], { runId: 'm' }).errors).toEqual(['no shard reports given']);
  });
  test("a shard's run errors are kept, named by shard", () => {
    const r1 = { ...shardReport(1, 2, part(1), ALL), runErrors: ['the run limit was reached'] };
    const { report } = mergeReports([input('s1', r1), input('s2', shardReport(2, 2, part(2), ALL))], { runId: 'm' });
    expect(report.runErrors).toEqual(['s1: the run limit was reached']);
  });
});
