import { defaultBackoffMs } from "./backoff";
import { fetchCsrfToken, type CsrfTokenValue } from "./csrf";
import { type ReservedReply, type SenteEvent } from "./protocol";
import type { FetchLike, TransportKind, WebSocketCtor } from "./transports/ITransport";
import { type WakeSource } from "./wake";
export * from "./protocol";
export { BACKOFF_CAP_MS, defaultBackoffMs } from "./backoff";
export { fetchCsrfToken, type CsrfTokenValue } from "./csrf";
export { browserWakeSource, type WakeSource } from "./wake";
export type { FetchLike, WebSocketCtor, WebSocketLike, TransportKind } from "./transports/ITransport";
export type ChskType = "auto" | TransportKind;
export type LastCloseReason = "requested-disconnect" | "requested-reconnect" | "unexpected" | "ws-ping-timeout" | "clean" | "ws-error" | "connect-timeout";
export interface ChskState {
    /** Requested type before the first connection; then the transport of the current/last one. */
    type: ChskType;
    open: boolean;
    everOpened: boolean;
    /** True in the state of the first open, false afterwards. */
    firstOpen: boolean;
    uid: string | null;
    handshakeData: unknown;
    lastClose?: {
        udt: number;
        reason: LastCloseReason;
    };
    lastWsError?: {
        udt: number;
        event: unknown;
    };
    lastWsClose?: {
        udt: number;
        code: number;
        reason: string;
        clean: boolean;
    };
    udtNextReconnect?: number;
    /** meta.resumed of the last handshake (null when it carried none). false: events were lost, resynchronise. */
    resumed: boolean | null;
    /** Last processed seq (updated per batch without a state notification). */
    seq: number;
    /** Last seq gap seen (a server bug unless after resumed: false). */
    lastSeqGap?: {
        udt: number;
        expected: number;
        got: number;
    };
}
export interface ConnectOptions {
    type?: ChskType;
    /**
     * A token, or a function. A function returning a value is evaluated on every connection attempt
     * and request; one returning a Promise (e.g. `() => fetchCsrfToken()`) is awaited before every
     * connection attempt (a rejection fails the attempt: backoff), and Ajax polls and POSTs use the
     * last resolved value.
     */
    csrfToken?: string | (() => CsrfTokenValue | PromiseLike<CsrfTokenValue>) | null;
    /** Merged into the WebSocket URL and Ajax GETs (not POSTs); the protocol's keys win. */
    params?: Record<string, string>;
    clientId?: string;
    /** Ping after this much time without inbound traffic (WebSocket); 0 disables. Default 10 s. */
    wsKaliveMs?: number;
    /** Reconnect when a ping gets no pong within this. Default 5 s. */
    wsPingTimeoutMs?: number;
    /** Ajax request timeout until the server announces lp-timeout-ms. Default 60 s. */
    ajaxTimeoutMs?: number;
    /**
     * Abandon a connection attempt (awaiting an async CSRF token, then WebSocket open and
     * handshake) that has no handshake this long after it started; the Ajax handshake GET is
     * bounded by min(ajaxTimeoutMs, this). 0 disables. Default 10 s.
     */
    connectTimeoutMs?: number;
    /** Delay before reconnect attempt n (1-based). Default: {@link defaultBackoffMs}. */
    backoffMs?: (attempt: number) => number;
    /** Base for a relative path. Default: the page's location. */
    baseUrl?: string;
    /** Injectable for tests and non-browser hosts. */
    WebSocket?: WebSocketCtor;
    fetch?: FetchLike;
    /** How often unacknowledged events are acked at the latest (WebSocket). Default 1 s. */
    ackIntervalMs?: number;
    /**
     * Signals that cut a reconnect backoff short: the next attempt starts at once. Default
     * {@link browserWakeSource}: the browser's `online` event and the page becoming visible again.
     * null: only the backoff decides.
     */
    wakeSource?: WakeSource | null;
}
export type SendCallback = (reply: unknown) => void;
export type EventHandler = (data: unknown, context: {
    event: SenteEvent;
    seq: number | null;
}) => void;
export type StateHandler = (state: Readonly<ChskState>, previous: Readonly<ChskState>) => void;
export declare class SenteRequestError extends Error {
    readonly reason: ReservedReply;
    constructor(reason: ReservedReply);
}
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
    private ackScheduled;
    private ackTimer;
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
    private dispatch;
    private scheduleAck;
    private flushAck;
    private startAcks;
    private stopAcks;
    private setState;
}
/** Sente's make-channel-socket-client!: creates a channel socket and starts connecting. */
export declare function connect(path?: string, options?: ConnectOptions): Chsk;
export declare const Sente: {
    connect: typeof connect;
    defaultBackoffMs: typeof defaultBackoffMs;
    fetchCsrfToken: typeof fetchCsrfToken;
};
export default Sente;
