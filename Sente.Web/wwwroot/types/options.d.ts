import type { CsrfTokenValue } from "./csrf";
import type { ChskType } from "./state";
import type { FetchLike, WebSocketCtor } from "./transports/ITransport";
import type { WakeSource } from "./wake";
/** Options of {@link connect}; every one has a default. */
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
/** The options with their defaults filled in. */
export type ResolvedOptions = Required<Pick<ConnectOptions, "wsKaliveMs" | "wsPingTimeoutMs" | "ajaxTimeoutMs" | "ackIntervalMs" | "connectTimeoutMs">> & ConnectOptions;
/** Defaults as Sente's client has them (its 20 s keep-alive is halved internally to 10 s). */
export declare function resolveOptions(options: ConnectOptions): ResolvedOptions;
