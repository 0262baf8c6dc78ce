export declare const PROTOCOL_VERSION = 1;
export declare const DEFAULT_PATH = "/chsk";
export declare const QueryKeys: {
    readonly clientId: "client-id";
    readonly csrfToken: "csrf-token";
    readonly handshake: "handshake";
    readonly lastSeq: "last-seq";
    readonly ack: "ack";
};
export declare const CSRF_HEADER = "X-CSRF-Token";
export declare const AJAX_CALLBACK = "ajax";
export declare const NIL_UID = "sente/nil-uid";
export declare const PONG = "pong";
export declare const MAX_CALLBACK_LENGTH = 36;
export declare const MAX_CLIENT_ID_LENGTH = 64;
export declare const MetaKeys: {
    readonly version: "v";
    readonly seq: "seq";
    readonly resumed: "resumed";
    readonly kaliveMs: "kalive-ms";
    readonly lpTimeoutMs: "lp-timeout-ms";
};
export declare const EventIds: {
    readonly handshake: "chsk/handshake";
    readonly wsPing: "chsk/ws-ping";
    readonly wsPong: "chsk/ws-pong";
    readonly ack: "chsk/ack";
    readonly uidportOpen: "chsk/uidport-open";
    readonly uidportClose: "chsk/uidport-close";
    readonly badEvent: "chsk/bad-event";
    readonly timeout: "chsk/timeout";
    readonly dummyCb200: "chsk/dummy-cb-200";
    readonly error: "chsk/error";
    /** Client-side only (never on the wire): raised when a handshake says `resumed: false`. */
    readonly resync: "chsk/resync";
};
export declare const RESERVED_PREFIX = "chsk/";
/** Reply values reserved for callbacks (protocol section 5). */
export declare const Replies: {
    readonly closed: "chsk/closed";
    readonly timeout: "chsk/timeout";
    readonly error: "chsk/error";
};
export type ReservedReply = (typeof Replies)[keyof typeof Replies];
export declare function isReservedReply(value: unknown): value is ReservedReply;
export type SenteEvent = [id: string] | [id: string, data: unknown];
export type Meta = Record<string, unknown>;
export interface Envelope {
    payload: unknown;
    cb: string | null;
    meta?: Meta;
}
export type EnvelopeError = "invalid-json" | "not-an-envelope" | "invalid-callback" | "invalid-meta";
export type EventError = "wrong-type" | "wrong-length" | "wrong-id-type" | "unnamespaced-id";
export type ParseResult = {
    ok: true;
    envelope: Envelope;
} | {
    ok: false;
    error: EnvelopeError;
};
export declare function isValidCallback(cb: unknown): cb is string;
export declare function isValidClientId(id: unknown): id is string;
/** Parses one message (a WebSocket frame or an Ajax response body). */
export declare function parseEnvelope(text: string): ParseResult;
/** Sente's validate-event: null when `x` is a valid event. */
export declare function validateEvent(x: unknown): EventError | null;
export declare function isEvent(x: unknown): x is SenteEvent;
export declare function isReservedId(id: string): boolean;
/** Reserved ids a client may send (protocol section 1). */
export declare function isClientAllowedReservedId(id: string): boolean;
export declare function writeClientEvent(event: SenteEvent, cb: string | null): string;
export declare function writeAck(seq: number): string;
export declare function writePing(cb: string): string;
export declare function writePong(): string;
export interface HandshakeArgs {
    uid: string;
    handshakeData: unknown;
    seq: number;
    resumed?: boolean;
    kaliveMs?: number;
    lpTimeoutMs?: number;
}
export declare function writeHandshake(a: HandshakeArgs): string;
export declare function writeBatch(firstSeq: number, events: SenteEvent[]): string;
export declare function writeReply(reply: unknown, cb: string | null): string;
export declare function writeControl(keyword: string): string;
export interface Handshake {
    uid: string;
    handshakeData: unknown;
    seq: number;
    /** Present exactly when the request carried last-seq. */
    resumed?: boolean;
    kaliveMs?: number;
    lpTimeoutMs?: number;
}
export type ServerMessage = {
    kind: "handshake";
    handshake: Handshake;
} | {
    kind: "batch";
    firstSeq: number;
    events: SenteEvent[];
} | {
    kind: "ping";
} | {
    kind: "timeout";
} | {
    kind: "dummy-cb-200";
} | {
    kind: "reply";
    cb: string;
    value: unknown;
}
/** An event outside a batch, e.g. the rate-limit notice [["chsk/error", {...}], null]. */
 | {
    kind: "notice";
    event: SenteEvent;
} | {
    kind: "unknown";
    envelope: Envelope;
};
export declare function classifyServerEnvelope(env: Envelope): ServerMessage;
