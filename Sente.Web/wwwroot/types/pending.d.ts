/** A reply callback of {@link Chsk.send}. */
export type SendCallback = (reply: unknown) => void;
/**
 * The replies the channel socket still waits for. Each settles once: with the reply, with
 * chsk/timeout when its own timer fires, or with chsk/closed as soon as its connection drops
 * (Sente makes those wait for their timeout).
 */
export declare class PendingReplies {
    private readonly settlers;
    /** Starts waiting; returns the function that settles it (later calls are ignored). */
    track(timeoutMs: number, callback: SendCallback): (value: unknown) => void;
    /** Settles every waiting reply with chsk/closed. */
    failAll(): void;
}
