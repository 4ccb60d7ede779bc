/**
 * The EMA used for Adam's moments, m_t = β m_{t−1} + (1 − β) g_t, for t = 1..T from m_0.
 * Returns m_1..m_T (index t−1). Written as the recurrence (not the closed form) because the
 * closed forms in the notes are what is being checked against it.
 */
export function emaTrajectory(g: readonly number[], beta: number, m0: number): number[] {
  const out: number[] = [];
  let m = m0;
  for (const gt of g) {
    m = beta * m + (1 - beta) * gt;
    out.push(m);
  }
  return out;
}
