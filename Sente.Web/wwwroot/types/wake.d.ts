/**
 * Tells the channel socket that a reconnect waiting out its backoff should happen now. Without
 * it, a laptop that was offline for a minute waits up to another minute (the backoff cap) after
 * its network is back; Sente's users re-tune the backoff for this.
 */
export interface WakeSource {
    /** Calls `onWake` on every wake signal until the returned function is called. */
    subscribe(onWake: () => void): () => void;
}
/**
 * The browser's wake signals: the window's `online` event (the network is back) and the page
 * becoming visible again (a tab or a laptop lid reopened; background tabs have their timers
 * throttled, so their backoff timers run late). Null outside a browser.
 */
export declare function browserWakeSource(scope?: unknown): WakeSource | null;
