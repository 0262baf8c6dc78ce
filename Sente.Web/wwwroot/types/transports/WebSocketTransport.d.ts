import { type SenteEvent } from "../protocol";
import type { ITransport, TransportConfig, TransportSink, WebSocketCtor } from "./ITransport";
export interface WebSocketTransportOptions {
    WebSocket: WebSocketCtor;
    /** Ping after this much time without inbound traffic (null/0: no keep-alive). */
    kaliveMs: number | null;
    pingTimeoutMs: number;
    /** Abandon the attempt when no handshake arrives within this (null/0: no limit). */
    connectTimeoutMs?: number | null;
}
export declare class WebSocketTransport implements ITransport {
    private readonly config;
    private readonly sink;
    private readonly options;
    readonly kind: "ws";
    private ws;
    private ended;
    private opened;
    private handshaken;
    private readonly replies;
    private nextCb;
    private lastInbound;
    private kaliveTimer;
    private pingTimer;
    private pingCb;
    private connectTimer;
    constructor(config: TransportConfig, sink: TransportSink, options: WebSocketTransportOptions);
    connect(csrfToken: string | null): void;
    private onFrame;
    private sendRaw;
    send(event: SenteEvent, reply: ((value: unknown) => void) | null): boolean;
    ack(seq: number): void;
    private scheduleKeepAlive;
    private ping;
    private clearPing;
    private clearConnectTimer;
    private stop;
    private end;
    close(): void;
    breakConnection(): void;
}
