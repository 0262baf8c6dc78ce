import type { Envelope, SenteEvent } from "../protocol";
export type TransportKind = "ws" | "ajax";
export type CloseReason = "clean" | "unexpected" | "ws-ping-timeout" | "ws-error" | "connect-timeout";
export interface TransportEnd {
    reason: CloseReason;
    /** True when a handshake arrived on this connection. */
    handshaken: boolean;
    /** WebSocket: true when the socket had opened (reported with "connect-timeout"). */
    opened?: boolean;
    /** WebSocket close details, when the socket reported a close. */
    wsClose?: {
        code: number;
        reason: string;
        clean: boolean;
    };
}
/** What the core (sente.ts) does with what a transport receives. */
export interface TransportSink {
    /** Handshakes, batches and notices (never replies, pings or poll timeouts). */
    onEnvelope(envelope: Envelope): void;
    /** A server keep-alive ping (already answered). */
    onServerPing(): void;
    onWsError(event: unknown): void;
    /** The connection ended by itself; called at most once per connect(). */
    onEnd(end: TransportEnd): void;
    /** Last processed seq, for acks and last-seq. */
    lastSeq(): number | null;
    /** Whether a handshake has completed on some earlier connection (last-seq is sent then). */
    resuming(): boolean;
}
export interface ITransport {
    readonly kind: TransportKind;
    /**
     * Starts the connection attempt. `csrfToken` is the token resolved for this attempt (WebSocket
     * URL, Ajax handshake GET); later requests read {@link TransportConfig.csrfToken}.
     */
    connect(csrfToken: string | null): void;
    /**
     * Sends an event. `reply` receives the server's reply value (or a reserved chsk/* reply) when
     * one is wanted. Returns false when the event could not be handed to the connection.
     */
    send(event: SenteEvent, reply: ((value: unknown) => void) | null, timeoutMs: number | undefined): boolean;
    /** Acknowledge everything up to lastSeq (WebSocket; Ajax acks on every poll). */
    ack(seq: number): void;
    /** Ends the connection on request; the sink hears nothing more. */
    close(): void;
    /** Test aid: breaks the connection so that the sink sees an unexpected end. */
    breakConnection(): void;
}
export type WebSocketLike = {
    readonly readyState: number;
    send(data: string): void;
    close(code?: number, reason?: string): void;
    onopen: ((ev: unknown) => void) | null;
    onmessage: ((ev: {
        data: unknown;
    }) => void) | null;
    onerror: ((ev: unknown) => void) | null;
    onclose: ((ev: {
        code: number;
        reason: string;
        wasClean: boolean;
    }) => void) | null;
};
export type WebSocketCtor = new (url: string) => WebSocketLike;
export type FetchLike = (url: string, init: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    signal?: AbortSignal;
    credentials?: "same-origin" | "include" | "omit";
}) => Promise<{
    status: number;
    text(): Promise<string>;
}>;
export interface TransportConfig {
    /** Absolute http(s) or ws(s) URL of the endpoint. */
    url: string;
    clientId: string;
    params: Record<string, string>;
    /** The token for requests after the connection attempt (Ajax polls and POSTs). */
    csrfToken: () => string | null;
}
