/**
 * The ids of shard `index` of `count`: round-robin over the sorted ids (the k-th id goes to shard
 * k mod count + 1), so shards are disjoint, cover every id, and differ in size by at most one.
 * A pure function of the id list: every machine of a CI matrix computes the same partition.
 */
export function shardOf(ids: string[], shard: { index: number; count: number }): string[] {
  return [...ids].sort().filter((_, k) => k % shard.count === shard.index - 1);
}
