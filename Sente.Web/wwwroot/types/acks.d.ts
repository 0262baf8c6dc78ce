/**
 * When the channel socket acknowledges what it processed (WebSocket; Ajax acks on every poll):
 * once after each run of batches (coalesced in a microtask, so a burst costs one ack) and at least
 * every interval while open, so a lost ack frame delays the server's outbox trimming by one
 * interval at most.
 */
export declare class AckScheduler {
    private readonly flush;
    private scheduled;
    private timer;
    /** `flush` sends an ack when something is unacknowledged. */
    constructor(flush: () => void);
    /** An ack after the current task (batches of one frame, or of several in a row, share it). */
    schedule(): void;
    /** Periodic acks every `intervalMs` (0: none). */
    start(intervalMs: number): void;
    stop(): void;
}
