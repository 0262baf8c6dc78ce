/** Longest wait between two reconnect attempts with {@link defaultBackoffMs}. */
export declare const BACKOFF_CAP_MS = 60000;
/**
 * Sente's exponential backoff: attempt 1 reconnects at once; attempt n ≥ 2 waits a random time in
 * [2^n, 2^(n+1)) × 500 ms, capped at {@link BACKOFF_CAP_MS}. The randomness spreads the reconnects
 * of many clients that lost their server at the same moment.
 */
export declare function defaultBackoffMs(attempt: number, random?: () => number): number;
