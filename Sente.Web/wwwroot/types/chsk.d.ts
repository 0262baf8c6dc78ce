import { type EventHandler } from "./handlers";
import { type ConnectOptions } from "./options";
import { type SendCallback } from "./pending";
import { type ReservedReply, type SenteEvent } from "./protocol";
import type { ChskState, StateHandler } from "./state";
/** Why {@link Chsk.request} failed: chsk/timeout, chsk/closed (the connection dropped) or chsk/error. */
export declare class SenteRequestError extends Error {
    readonly reason: ReservedReply;
    constructor(reason: ReservedReply);
}
/**
 * A channel socket (Sente's chsk): one client-id's connection to the server, over a WebSocket or
 * Ajax long-polling, kept open by reconnecting with backoff and resuming from the last seq, so
 * the application sees every pushed event once and in order, or a resumed: false signal.
 */
export declare class Chsk {
    private readonly opts;
    private readonly url;
    readonly clientId: string;
    private kind;
    private transport;
    private st;
    private readonly handlers;
    private readonly stateHandlers;
    private readonly pending;
    private lastSeq;
    private ackedSeq;
    private readonly acks;
    private attempt;
    private retryTimer;
    private stopped;
    private wsEverHandshaken;
    /** Bumped per connection attempt; an async CSRF token resolved for an older one is dropped. */
    private attemptGen;
    /** Bounds the wait for an async CSRF token (connectTimeoutMs). */
    private tokenTimer;
    /** The csrfToken function has returned a Promise: requests use {@link lastCsrf}. */
    private csrfAsync;
    private lastCsrf;
    private readonly wakeSource;
    private unsubscribeWake;
    constructor(path: string, options?: ConnectOptions);
    /** Current state (a snapshot). */
    get state(): Readonly<ChskState>;
    /**
     * Sends an event. Returns false, and calls `callback` with "chsk/closed" at once, when the
     * channel socket is not open. A callback needs a timeout; it receives the reply, or
     * "chsk/timeout" / "chsk/closed" (connection dropped) / "chsk/error".
     */
    send(event: SenteEvent, timeoutMs?: number, callback?: SendCallback): boolean;
    /** Sends a request; rejects with a {@link SenteRequestError} (reason chsk/timeout | chsk/closed | chsk/error). */
    request(event: SenteEvent, timeoutMs: number): Promise<unknown>;
    /**
     * Handles pushed events with this id ("*" for all). Also: "chsk/handshake" (data
     * [uid, null, handshakeData, firstHandshake]), "chsk/resync" (data: the handshake, when it said
     * resumed: false), "chsk/ws-ping", and notices such as "chsk/error". Returns an unsubscribe function.
     */
    on(eventId: string, handler: EventHandler): () => void;
    onState(handler: StateHandler): () => void;
    /** Starts connecting (called by {@link connect}). */
    start(): void;
    /** Closes (reason requested-disconnect) and stops reconnecting. */
    disconnect(): void;
    /** Closes (reason requested-reconnect) and connects again at once, e.g. after login. */
    reconnect(): void;
    /** Test aid: drops the connection as the network would; reconnects per policy. */
    breakConnection(): void;
    /** The token for a request (Ajax poll or POST): an async provider's last resolved value. */
    private requestCsrf;
    private evalCsrf;
    /** Starts a connection attempt: resolves the CSRF token (awaiting an async one), then the transport. */
    private openTransport;
    /** Drops a connection attempt still waiting for its CSRF token. */
    private cancelAttempt;
    private clearTokenTimer;
    private createTransport;
    private closeCurrent;
    /** `reportUnopened`: set lastClose even though the channel socket was not open. */
    private markClosed;
    private failPending;
    private onEnd;
    /** The next connection attempt, after the backoff for this failure. */
    private scheduleReconnect;
    private clearRetry;
    private subscribeWake;
    /**
     * A wake signal while a reconnect waits out its backoff: the attempt starts now. It counts as
     * attempt 1, so should the network not be back after all, the next wait is short again (2-4 s)
     * instead of the cap the outage had grown to. An open or connecting socket is left alone.
     */
    private onWake;
    private onEnvelope;
    private onHandshake;
    private onBatch;
    /** Acknowledges what was processed, when something new was (WebSocket). */
    private flushAck;
    private setState;
}
