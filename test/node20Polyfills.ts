/**
 * vitest 5 targets Node ≥ 22 and its error reporter calls Map.groupBy (Node 21+). On Node 20 that
 * crashed the reporter exactly when a test failed, hiding the failure. This supplies the standard
 * semantics (TC39 "Array Grouping") for the main process; test workers do not need it.
 */
type GroupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, T[]>;
const M = Map as unknown as { groupBy?: GroupBy };
if (typeof M.groupBy !== 'function') {
  M.groupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> => {
    const out = new Map<K, T[]>();
    let i = 0;
    for (const item of items) {
      const k = key(item, i++);
      const list = out.get(k);
      if (list) list.push(item);
      else out.set(k, [item]);
    }
    return out;
  };
}
export {};
