/** Longest wait between two reconnect attempts with {@link defaultBackoffMs}. */
export const BACKOFF_CAP_MS = 60_000;

/**
 * Sente's exponential backoff: attempt 1 reconnects at once; attempt n ≥ 2 waits a random time in
 * [2^n, 2^(n+1)) × 500 ms, capped at {@link BACKOFF_CAP_MS}. The randomness spreads the reconnects
 * of many clients that lost their server at the same moment.
 */
export function defaultBackoffMs(attempt: number, random: () => number = Math.random): number {
  if (attempt <= 1) return 0;
  const n = Math.min(attempt, 30);
  const base = 2 ** n;
  return Math.min(BACKOFF_CAP_MS, Math.floor((base + random() * base) * 500));
}
