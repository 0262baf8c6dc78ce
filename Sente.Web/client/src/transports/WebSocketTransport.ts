import {
  classifyServerEnvelope,
  parseEnvelope,
  PONG,
  QueryKeys,
  Replies,
  writeAck,
  writeClientEvent,
  writePing,
  writePong,
  type SenteEvent,
} from "../protocol";
import type { ITransport, TransportConfig, TransportEnd, TransportSink, WebSocketCtor, WebSocketLike } from "./ITransport";
import { buildUrl } from "./urls";

const OPEN = 1;

export interface WebSocketTransportOptions {
  WebSocket: WebSocketCtor;
  /** Ping after this much time without inbound traffic (null/0: no keep-alive). */
  kaliveMs: number | null;
  pingTimeoutMs: number;
  /** Abandon the attempt when no handshake arrives within this (null/0: no limit). */
  connectTimeoutMs?: number | null;
}

export class WebSocketTransport implements ITransport {
  readonly kind = "ws" as const;
  private ws: WebSocketLike | null = null;
  private ended = false;
  private opened = false;
  private handshaken = false;
  private readonly replies = new Map<string, (value: unknown) => void>();
  private nextCb = 0;
  private lastInbound = 0;
  private kaliveTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setTimeout> | null = null;
  private pingCb: string | null = null;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly config: TransportConfig,
    private readonly sink: TransportSink,
    private readonly options: WebSocketTransportOptions,
  ) {}

  connect(csrfToken: string | null): void {
    const lastSeq = this.sink.resuming() ? this.sink.lastSeq() : null;
    const url = buildUrl(this.config.url, "ws", this.config.params, {
      [QueryKeys.clientId]: this.config.clientId,
      [QueryKeys.csrfToken]: csrfToken,
      [QueryKeys.lastSeq]: lastSeq,
    });
    let ws: WebSocketLike;
    try {
      ws = new this.options.WebSocket(url);
    } catch (e) {
      this.sink.onWsError(e);
      queueMicrotask(() => this.end({ reason: "unexpected", handshaken: false }));
      return;
    }
    this.ws = ws;
    const limit = this.options.connectTimeoutMs;
    if (limit) {
      // A black-holed connect can hang for minutes, and an open socket may never get a handshake:
      // give up on the attempt (the core reconnects per policy; auto mode downgrades).
      this.connectTimer = setTimeout(() => {
        this.connectTimer = null;
        if (this.handshaken) return;
        this.end({ reason: "connect-timeout", handshaken: false, opened: this.opened }, 3000);
      }, limit);
    }
    ws.onopen = () => {
      this.opened = true;
      this.lastInbound = Date.now();
    };
    ws.onmessage = (ev) => this.onFrame(ev.data);
    ws.onerror = (ev) => {
      if (this.ended) return;
      this.sink.onWsError(ev);
      // A socket that never opened will not: end now (auto mode downgrades on this).
      if (!this.opened) this.end({ reason: "unexpected", handshaken: false }, 3000);
    };
    ws.onclose = (ev) => {
      if (this.ended) return;
      const clean = ev.wasClean;
      this.end({
        reason: clean ? "clean" : "unexpected",
        handshaken: this.handshaken,
        wsClose: { code: ev.code, reason: ev.reason, clean },
      });
    };
  }

  private onFrame(data: unknown): void {
    if (this.ended) return;
    this.lastInbound = Date.now();
    if (typeof data !== "string") {
      console.warn("sente: dropped a non-text WebSocket message");
      return;
    }
    const parsed = parseEnvelope(data);
    if (!parsed.ok) {
      console.warn(`sente: dropped a malformed message (${parsed.error})`);
      return;
    }
    const msg = classifyServerEnvelope(parsed.envelope);
    switch (msg.kind) {
      case "ping":
        this.sendRaw(writePong());
        this.sink.onServerPing();
        return;
      case "reply": {
        if (msg.cb === this.pingCb) {
          if (msg.value === PONG) this.clearPing();
          return;
        }
        const reply = this.replies.get(msg.cb);
        if (reply === undefined) {
          console.warn("sente: reply without a waiting callback");
          return;
        }
        this.replies.delete(msg.cb);
        reply(msg.value);
        return;
      }
      case "handshake":
        this.handshaken = true;
        this.clearConnectTimer();
        this.sink.onEnvelope(parsed.envelope);
        this.scheduleKeepAlive();
        return;
      default:
        this.sink.onEnvelope(parsed.envelope);
    }
  }

  private sendRaw(text: string): boolean {
    const ws = this.ws;
    if (ws === null || this.ended || ws.readyState !== OPEN) return false;
    try {
      ws.send(text);
      return true;
    } catch (e) {
      this.sink.onWsError(e);
      this.end({ reason: "ws-error", handshaken: this.handshaken }, 3000);
      return false;
    }
  }

  send(event: SenteEvent, reply: ((value: unknown) => void) | null): boolean {
    let cb: string | null = null;
    if (reply !== null) {
      cb = `c${++this.nextCb}`;
      this.replies.set(cb, reply);
    }
    const ok = this.sendRaw(writeClientEvent(event, cb));
    if (!ok && cb !== null) {
      this.replies.delete(cb);
      reply?.(Replies.error);
    }
    return ok;
  }

  ack(seq: number): void {
    this.sendRaw(writeAck(seq));
  }

  private scheduleKeepAlive(): void {
    const k = this.options.kaliveMs;
    if (!k || this.ended) return;
    if (this.kaliveTimer !== null) clearTimeout(this.kaliveTimer);
    const due = this.lastInbound + k - Date.now();
    this.kaliveTimer = setTimeout(() => {
      this.kaliveTimer = null;
      if (this.ended) return;
      if (Date.now() - this.lastInbound >= k && this.pingCb === null) this.ping();
      this.scheduleKeepAlive();
    }, Math.max(due, 10));
  }

  private ping(): void {
    const cb = `p${++this.nextCb}`;
    this.pingCb = cb;
    this.sendRaw(writePing(cb));
    this.pingTimer = setTimeout(() => {
      this.pingTimer = null;
      this.end({ reason: "ws-ping-timeout", handshaken: this.handshaken }, 3000);
    }, this.options.pingTimeoutMs);
  }

  private clearPing(): void {
    this.pingCb = null;
    if (this.pingTimer !== null) clearTimeout(this.pingTimer);
    this.pingTimer = null;
  }

  private clearConnectTimer(): void {
    if (this.connectTimer !== null) clearTimeout(this.connectTimer);
    this.connectTimer = null;
  }

  private stop(code: number | null): void {
    this.ended = true;
    this.clearConnectTimer();
    this.clearPing();
    if (this.kaliveTimer !== null) clearTimeout(this.kaliveTimer);
    this.kaliveTimer = null;
    this.replies.clear();
    const ws = this.ws;
    this.ws = null;
    if (ws !== null && code !== null) {
      try {
        ws.close(code);
      } catch {
        // already closing
      }
    }
  }

  private end(end: TransportEnd, closeCode: number | null = null): void {
    if (this.ended) return;
    this.stop(closeCode);
    this.sink.onEnd(end);
  }

  close(): void {
    if (!this.ended) this.stop(1000);
  }

  breakConnection(): void {
    // Browsers cannot drop a socket without a close frame: close with 3000 (Sente's
    // CLOSE_ABNORMAL) and report the end at once, so the reconnect does not wait for the close
    // handshake.
    this.end({ reason: "unexpected", handshaken: this.handshaken }, 3000);
  }
}
