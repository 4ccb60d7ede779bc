/**
 * JSON has no ∞ or NaN, and a refuted identity often measures ∞ (an inverse that does not exist).
 * They are written as the strings "Infinity", "-Infinity" and "NaN" so no evidence turns into null.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
}
