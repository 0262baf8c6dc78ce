import { type SenteEvent } from "../protocol";
import type { FetchLike, ITransport, TransportConfig, TransportSink } from "./ITransport";
export interface LongPollingTransportOptions {
    fetch: FetchLike;
    /** Per-request timeout until a handshake announces lp-timeout-ms (then lp-timeout-ms + 10 s). */
    ajaxTimeoutMs: number;
    /** When > 0, also bounds the handshake GET: min(ajaxTimeoutMs, connectTimeoutMs). */
    connectTimeoutMs?: number | null;
}
/**
 * Ajax long-polling: a handshake GET, then one poll at a time carrying `ack=N`; one POST per sent
 * event. Liveness is the poll cycle: a failed poll (status, body, network, timeout) ends the
 * connection and the core reconnects with backoff.
 */
export declare class LongPollingTransport implements ITransport {
    private readonly config;
    private readonly sink;
    private readonly options;
    readonly kind: "ajax";
    private ended;
    private handshaken;
    private poll;
    private lpTimeoutMs;
    private readonly posts;
    constructor(config: TransportConfig, sink: TransportSink, options: LongPollingTransportOptions);
    private headers;
    private timeoutMs;
    private request;
    connect(csrfToken: string | null): void;
    private nextPoll;
    /** One handshake or poll GET; on success the next poll follows at once. */
    private get;
    private fail;
    send(event: SenteEvent, reply: ((value: unknown) => void) | null, timeoutMs: number | undefined): boolean;
    ack(): void;
    private stop;
    close(): void;
    breakConnection(): void;
}
