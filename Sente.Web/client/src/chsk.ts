import { AckScheduler } from "./acks";
import { defaultBackoffMs } from "./backoff";
import { isThenable, type CsrfTokenValue } from "./csrf";
import { EventHandlers, type EventHandler } from "./handlers";
import { resolveOptions, type ConnectOptions, type ResolvedOptions } from "./options";
import { PendingReplies, type SendCallback } from "./pending";
import {
  classifyServerEnvelope,
  DEFAULT_PATH,
  EventIds,
  isClientAllowedReservedId,
  isReservedId,
  isReservedReply,
  isValidClientId,
  Replies,
  validateEvent,
  type Envelope,
  type Handshake,
  type ReservedReply,
  type SenteEvent,
} from "./protocol";
import type { ChskState, LastCloseReason, StateHandler } from "./state";
import type { CloseReason, FetchLike, ITransport, TransportEnd, TransportKind, TransportSink, WebSocketCtor } from "./transports/ITransport";
import { LongPollingTransport } from "./transports/LongPollingTransport";
import { WebSocketTransport } from "./transports/WebSocketTransport";
import { browserWakeSource, type WakeSource } from "./wake";

/** Why {@link Chsk.request} failed: chsk/timeout, chsk/closed (the connection dropped) or chsk/error. */
export class SenteRequestError extends Error {
  constructor(readonly reason: ReservedReply) {
    super(`Sente request failed: ${reason}`);
    this.name = "SenteRequestError";
  }
}

function randomClientId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  let s = "";
  for (let i = 0; i < 32; i++) s += Math.floor(Math.random() * 16).toString(16);
  return s;
}

/**
 * A channel socket (Sente's chsk): one client-id's connection to the server, over a WebSocket or
 * Ajax long-polling, kept open by reconnecting with backoff and resuming from the last seq, so
 * the application sees every pushed event once and in order, or a resumed: false signal.
 */
export class Chsk {
  private readonly opts: ResolvedOptions;
  private readonly url: string;
  readonly clientId: string;
  private kind: TransportKind;
  private transport: ITransport | null = null;
  private st: ChskState;
  private readonly handlers = new EventHandlers();
  private readonly stateHandlers = new Set<StateHandler>();
  private readonly pending = new PendingReplies();
  private lastSeq = 0;
  private ackedSeq = 0;
  private readonly acks = new AckScheduler(() => this.flushAck());
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private wsEverHandshaken = false;
  /** Bumped per connection attempt; an async CSRF token resolved for an older one is dropped. */
  private attemptGen = 0;
  /** Bounds the wait for an async CSRF token (connectTimeoutMs). */
  private tokenTimer: ReturnType<typeof setTimeout> | null = null;
  /** The csrfToken function has returned a Promise: requests use {@link lastCsrf}. */
  private csrfAsync = false;
  private lastCsrf: string | null = null;
  private readonly wakeSource: WakeSource | null;
  private unsubscribeWake: (() => void) | null = null;

  constructor(path: string, options: ConnectOptions = {}) {
    this.opts = resolveOptions(options);
    const base = options.baseUrl ?? (globalThis as { location?: { href: string } }).location?.href;
    this.url = new URL(path || DEFAULT_PATH, base).toString();
    this.clientId = options.clientId ?? randomClientId();
    if (!isValidClientId(this.clientId)) throw new Error("Invalid client-id: 1-64 characters of [A-Za-z0-9_.:-]");
    const type = options.type ?? "auto";
    const hasWs = (options.WebSocket ?? (globalThis as { WebSocket?: WebSocketCtor }).WebSocket) !== undefined;
    this.kind = type === "ajax" || (type === "auto" && !hasWs) ? "ajax" : "ws";
    this.st = { type, open: false, everOpened: false, firstOpen: false, uid: null, handshakeData: null, resumed: null, seq: 0 };
    this.wakeSource = options.wakeSource === undefined ? browserWakeSource() : options.wakeSource;
  }

  /** Current state (a snapshot). */
  get state(): Readonly<ChskState> {
    return { ...this.st, seq: this.lastSeq };
  }

  // ----------------------------------------------------------------------------------------------
  // Public API

  /**
   * Sends an event. Returns false, and calls `callback` with "chsk/closed" at once, when the
   * channel socket is not open. A callback needs a timeout; it receives the reply, or
   * "chsk/timeout" / "chsk/closed" (connection dropped) / "chsk/error".
   */
  send(event: SenteEvent, timeoutMs?: number, callback?: SendCallback): boolean {
    const err = validateEvent(event);
    if (err !== null) throw new Error(`Invalid event (${err})`);
    if (isReservedId(event[0]) && !isClientAllowedReservedId(event[0])) throw new Error(`Reserved event id: ${event[0]}`);
    if (callback !== undefined && !(typeof timeoutMs === "number" && timeoutMs >= 0)) {
      throw new Error("A callback requires a non-negative timeout");
    }
    const transport = this.transport;
    if (!this.st.open || transport === null) {
      callback?.(Replies.closed);
      return false;
    }
    if (callback === undefined) return transport.send(event, null, timeoutMs);
    const settle = this.pending.track(timeoutMs!, callback);
    return transport.send(event, settle, timeoutMs);
  }

  /** Sends a request; rejects with a {@link SenteRequestError} (reason chsk/timeout | chsk/closed | chsk/error). */
  request(event: SenteEvent, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.send(event, timeoutMs, (reply) => (isReservedReply(reply) ? reject(new SenteRequestError(reply)) : resolve(reply)));
    });
  }

  /**
   * Handles pushed events with this id ("*" for all). Also: "chsk/handshake" (data
   * [uid, null, handshakeData, firstHandshake]), "chsk/resync" (data: the handshake, when it said
   * resumed: false), "chsk/ws-ping", and notices such as "chsk/error". Returns an unsubscribe function.
   */
  on(eventId: string, handler: EventHandler): () => void {
    return this.handlers.add(eventId, handler);
  }

  onState(handler: StateHandler): () => void {
    this.stateHandlers.add(handler);
    return () => this.stateHandlers.delete(handler);
  }

  /** Starts connecting (called by {@link connect}). */
  start(): void {
    this.stopped = false;
    this.subscribeWake();
    this.openTransport();
  }

  /** Closes (reason requested-disconnect) and stops reconnecting. */
  disconnect(): void {
    this.stopped = true;
    this.unsubscribeWake?.();
    this.unsubscribeWake = null;
    this.closeCurrent("requested-disconnect");
  }

  /** Closes (reason requested-reconnect) and connects again at once, e.g. after login. */
  reconnect(): void {
    this.closeCurrent("requested-reconnect");
    this.stopped = false;
    this.attempt = 0;
    this.subscribeWake();
    this.openTransport();
  }

  /** Test aid: drops the connection as the network would; reconnects per policy. */
  breakConnection(): void {
    this.transport?.breakConnection();
  }

  // ----------------------------------------------------------------------------------------------

  /** The token for a request (Ajax poll or POST): an async provider's last resolved value. */
  private requestCsrf(): string | null {
    if (this.csrfAsync) return this.lastCsrf;
    const v = this.evalCsrf();
    if (!isThenable(v)) return v ? v : null;
    this.csrfAsync = true;
    Promise.resolve(v).catch(() => {}); // not awaited for requests
    return this.lastCsrf;
  }

  private evalCsrf(): CsrfTokenValue | PromiseLike<CsrfTokenValue> {
    const t = this.opts.csrfToken;
    return typeof t === "function" ? t() : t;
  }

  /** Starts a connection attempt: resolves the CSRF token (awaiting an async one), then the transport. */
  private openTransport(): void {
    this.clearRetry();
    this.cancelAttempt();
    const gen = this.attemptGen;
    const limit = Math.max(0, this.opts.connectTimeoutMs ?? 10_000);
    const deadline = limit > 0 ? Date.now() + limit : null;
    const v = this.evalCsrf();
    if (!isThenable(v)) {
      this.createTransport(v ? v : null, deadline);
      return;
    }
    this.csrfAsync = true;
    if (deadline !== null) {
      this.tokenTimer = setTimeout(() => {
        this.tokenTimer = null;
        if (gen !== this.attemptGen || this.stopped) return;
        this.cancelAttempt();
        console.warn("sente: no CSRF token within connectTimeoutMs");
        this.scheduleReconnect();
      }, limit);
    }
    Promise.resolve(v).then(
      (token) => {
        if (gen !== this.attemptGen || this.stopped) return;
        this.clearTokenTimer();
        this.lastCsrf = token ? token : null;
        this.createTransport(this.lastCsrf, deadline);
      },
      (e: unknown) => {
        if (gen !== this.attemptGen || this.stopped) return;
        this.clearTokenTimer();
        console.warn("sente: the CSRF token provider failed", e);
        this.scheduleReconnect();
      },
    );
  }

  /** Drops a connection attempt still waiting for its CSRF token. */
  private cancelAttempt(): void {
    this.attemptGen += 1;
    this.clearTokenTimer();
  }

  private clearTokenTimer(): void {
    if (this.tokenTimer !== null) clearTimeout(this.tokenTimer);
    this.tokenTimer = null;
  }

  private createTransport(csrfToken: string | null, deadline: number | null): void {
    // What is left of connectTimeoutMs after waiting for the token (null: no limit).
    const connectTimeoutMs = deadline === null ? null : Math.max(1, deadline - Date.now());
    const config = { url: this.url, clientId: this.clientId, params: this.opts.params ?? {}, csrfToken: () => this.requestCsrf() };
    let transport: ITransport;
    const sink: TransportSink = {
      onEnvelope: (env) => {
        if (this.transport === transport) this.onEnvelope(env);
      },
      onServerPing: () => {
        if (this.transport === transport) this.handlers.dispatch([EventIds.wsPing], null);
      },
      onWsError: (event) => {
        if (this.transport === transport) this.setState({ lastWsError: { udt: Date.now(), event } });
      },
      onEnd: (end) => {
        if (this.transport === transport) this.onEnd(end);
      },
      lastSeq: () => this.lastSeq,
      resuming: () => this.st.everOpened,
    };
    if (this.kind === "ws") {
      const WS = this.opts.WebSocket ?? (globalThis as { WebSocket?: WebSocketCtor }).WebSocket;
      if (WS === undefined) throw new Error("No WebSocket implementation");
      transport = new WebSocketTransport(config, sink, {
        WebSocket: WS,
        kaliveMs: this.opts.wsKaliveMs,
        pingTimeoutMs: this.opts.wsPingTimeoutMs,
        connectTimeoutMs,
      });
    } else {
      const f = this.opts.fetch ?? (globalThis as { fetch?: FetchLike }).fetch?.bind(globalThis);
      if (f === undefined) throw new Error("No fetch implementation");
      transport = new LongPollingTransport(config, sink, { fetch: f, ajaxTimeoutMs: this.opts.ajaxTimeoutMs, connectTimeoutMs });
    }
    this.transport = transport;
    transport.connect(csrfToken);
  }

  private closeCurrent(reason: LastCloseReason): void {
    this.clearRetry();
    this.cancelAttempt();
    this.acks.stop();
    const t = this.transport;
    this.transport = null;
    t?.close();
    this.failPending();
    this.markClosed(reason, {});
  }

  /** `reportUnopened`: set lastClose even though the channel socket was not open. */
  private markClosed(reason: LastCloseReason, extra: Partial<ChskState>, reportUnopened = false): void {
    const patch: Partial<ChskState> = { ...extra };
    if (this.st.open) {
      patch.open = false;
      patch.firstOpen = false;
      patch.lastClose = { udt: Date.now(), reason };
    } else if (reportUnopened) {
      patch.lastClose = { udt: Date.now(), reason };
    }
    if (Object.keys(patch).length > 0) this.setState(patch);
  }

  private failPending(): void {
    this.pending.failAll();
  }

  private onEnd(end: TransportEnd): void {
    const kind = this.kind;
    this.transport = null;
    this.acks.stop();
    this.failPending();
    const extra: Partial<ChskState> = {};
    if (end.wsClose) extra.lastWsClose = { udt: Date.now(), ...end.wsClose };
    // A connect timeout on a socket that had opened is reported in lastClose; one that never
    // opened is reported like any failure before open (lastWsError/lastWsClose only).
    this.markClosed(end.reason satisfies CloseReason, extra, end.reason === "connect-timeout" && end.opened === true);
    if (this.stopped) return;
    if (kind === "ws" && this.st.type === "auto" && !this.wsEverHandshaken && !end.handshaken) {
      // Auto: a WebSocket that failed (or timed out) before its first-ever handshake ⇒ Ajax, at once
      // and for good.
      this.kind = "ajax";
      this.openTransport();
      return;
    }
    this.scheduleReconnect();
  }

  /** The next connection attempt, after the backoff for this failure. */
  private scheduleReconnect(): void {
    this.attempt += 1;
    const delay = Math.max(0, (this.opts.backoffMs ?? defaultBackoffMs)(this.attempt));
    if (delay === 0) {
      this.openTransport();
      return;
    }
    this.setState({ udtNextReconnect: Date.now() + delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.openTransport();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private subscribeWake(): void {
    if (this.unsubscribeWake === null && this.wakeSource !== null) {
      this.unsubscribeWake = this.wakeSource.subscribe(() => this.onWake());
    }
  }

  /**
   * A wake signal while a reconnect waits out its backoff: the attempt starts now. It counts as
   * attempt 1, so should the network not be back after all, the next wait is short again (2-4 s)
   * instead of the cap the outage had grown to. An open or connecting socket is left alone.
   */
  private onWake(): void {
    if (this.stopped || this.retryTimer === null) return;
    this.attempt = 1;
    this.openTransport();
  }

  private onEnvelope(env: Envelope): void {
    const msg = classifyServerEnvelope(env);
    switch (msg.kind) {
      case "handshake":
        this.onHandshake(msg.handshake);
        return;
      case "batch":
        this.onBatch(msg.firstSeq, msg.events);
        return;
      case "notice":
        this.handlers.dispatch(msg.event, null);
        return;
      default:
        console.warn("sente: dropped an unexpected message");
    }
  }

  private onHandshake(hs: Handshake): void {
    if (this.st.open) {
      // A handshake on an open connection (an Ajax poll answered with one: the server forgot the
      // client-id or dropped events): applied like a reconnect.
      this.failPending();
      this.markClosed("unexpected", {});
    }
    const resumed = this.st.everOpened ? (hs.resumed ?? false) : (hs.resumed ?? null);
    this.lastSeq = hs.resumed === true ? Math.max(this.lastSeq, hs.seq) : hs.seq;
    this.ackedSeq = this.lastSeq; // last-seq acknowledges
    this.attempt = 0;
    if (this.kind === "ws") this.wsEverHandshaken = true;
    const firstOpen = !this.st.everOpened;
    const patch: Partial<ChskState> = {
      type: this.kind,
      open: true,
      everOpened: true,
      firstOpen,
      uid: hs.uid,
      handshakeData: hs.handshakeData,
      resumed,
    };
    this.st = { ...this.st, udtNextReconnect: undefined };
    delete this.st.udtNextReconnect;
    this.setState(patch);
    this.acks.start(this.kind === "ws" ? this.opts.ackIntervalMs : 0);
    this.handlers.dispatch([EventIds.handshake, [hs.uid, null, hs.handshakeData, firstOpen]], null);
    if (resumed === false) this.handlers.dispatch([EventIds.resync, hs], null);
  }

  private onBatch(firstSeq: number, events: SenteEvent[]): void {
    events.forEach((event, i) => {
      const seq = firstSeq + i;
      if (seq <= this.lastSeq) return; // dedupe
      if (seq !== this.lastSeq + 1) {
        console.warn(`sente: seq gap, expected ${this.lastSeq + 1}, got ${seq}`);
        this.st = { ...this.st, lastSeqGap: { udt: Date.now(), expected: this.lastSeq + 1, got: seq } };
      }
      this.lastSeq = seq;
      this.st.seq = seq;
      this.handlers.dispatch(event, seq);
    });
    this.acks.schedule();
  }

  /** Acknowledges what was processed, when something new was (WebSocket). */
  private flushAck(): void {
    if (this.transport === null || this.lastSeq <= this.ackedSeq) return;
    this.transport.ack(this.lastSeq);
    this.ackedSeq = this.lastSeq;
  }

  private setState(patch: Partial<ChskState>): void {
    const previous = this.state;
    this.st = { ...this.st, ...patch, seq: this.lastSeq };
    const current = this.state;
    for (const h of [...this.stateHandlers]) {
      try {
        h(current, previous);
      } catch (e) {
        console.error("sente: state handler threw", e);
      }
    }
  }
}

