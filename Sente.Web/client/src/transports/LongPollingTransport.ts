import {
  AJAX_CALLBACK,
  classifyServerEnvelope,
  CSRF_HEADER,
  parseEnvelope,
  QueryKeys,
  Replies,
  writeClientEvent,
  type SenteEvent,
} from "../protocol";
import type { FetchLike, ITransport, TransportConfig, TransportSink } from "./ITransport";
import { buildUrl } from "./urls";

export interface LongPollingTransportOptions {
  fetch: FetchLike;
  /** Per-request timeout until a handshake announces lp-timeout-ms (then lp-timeout-ms + 10 s). */
  ajaxTimeoutMs: number;
  /** When > 0, also bounds the handshake GET: min(ajaxTimeoutMs, connectTimeoutMs). */
  connectTimeoutMs?: number | null;
}

class TimeoutError extends Error {}

/**
 * Ajax long-polling: a handshake GET, then one poll at a time carrying `ack=N`; one POST per sent
 * event. Liveness is the poll cycle: a failed poll (status, body, network, timeout) ends the
 * connection and the core reconnects with backoff.
 */
export class LongPollingTransport implements ITransport {
  readonly kind = "ajax" as const;
  private ended = false;
  private handshaken = false;
  private poll: AbortController | null = null;
  private lpTimeoutMs: number | null = null;
  private readonly posts = new Set<AbortController>();

  constructor(
    private readonly config: TransportConfig,
    private readonly sink: TransportSink,
    private readonly options: LongPollingTransportOptions,
  ) {}

  private headers(extra: Record<string, string> = {}, token: string | null = this.config.csrfToken()): Record<string, string> {
    const h: Record<string, string> = { ...extra };
    if (token) h[CSRF_HEADER] = token;
    return h;
  }

  private timeoutMs(): number {
    return this.lpTimeoutMs !== null ? this.lpTimeoutMs + 10_000 : this.options.ajaxTimeoutMs;
  }

  private async request(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string },
    controller: AbortController,
    timeoutMs: number,
  ): Promise<{ status: number; body: string }> {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const res = await this.options.fetch(url, { ...init, signal: controller.signal, credentials: "same-origin" });
      const body = res.status === 204 ? "" : await res.text();
      return { status: res.status, body };
    } catch (e) {
      throw timedOut ? new TimeoutError("timeout") : e;
    } finally {
      clearTimeout(timer);
    }
  }

  connect(csrfToken: string | null): void {
    const lastSeq = this.sink.resuming() ? this.sink.lastSeq() : null;
    const url = buildUrl(this.config.url, "http", this.config.params, {
      [QueryKeys.clientId]: this.config.clientId,
      [QueryKeys.handshake]: 1,
      [QueryKeys.lastSeq]: lastSeq,
    });
    const limit = this.options.connectTimeoutMs;
    const timeoutMs = limit ? Math.min(this.timeoutMs(), limit) : this.timeoutMs();
    void this.get(url, this.headers({}, csrfToken), timeoutMs);
  }

  private nextPoll(): void {
    if (this.ended) return;
    const url = buildUrl(this.config.url, "http", this.config.params, {
      [QueryKeys.clientId]: this.config.clientId,
      [QueryKeys.ack]: this.sink.lastSeq() ?? null,
    });
    void this.get(url, this.headers(), this.timeoutMs());
  }

  /** One handshake or poll GET; on success the next poll follows at once. */
  private async get(url: string, headers: Record<string, string>, timeoutMs: number): Promise<void> {
    const controller = new AbortController();
    this.poll = controller;
    let res: { status: number; body: string };
    try {
      res = await this.request(url, { method: "GET", headers }, controller, timeoutMs);
    } catch {
      if (this.poll === controller) this.fail();
      return;
    }
    if (this.ended || this.poll !== controller) return;
    this.poll = null;
    if (res.status === 204) {
      this.nextPoll();
      return;
    }
    if (res.status !== 200) {
      this.fail();
      return;
    }
    const parsed = parseEnvelope(res.body);
    if (!parsed.ok) {
      this.fail();
      return;
    }
    const msg = classifyServerEnvelope(parsed.envelope);
    switch (msg.kind) {
      case "timeout":
        break;
      case "handshake":
        if (msg.handshake.lpTimeoutMs !== undefined) this.lpTimeoutMs = msg.handshake.lpTimeoutMs;
        this.handshaken = true;
        this.sink.onEnvelope(parsed.envelope);
        break;
      case "batch":
      case "notice":
        if (!this.handshaken) {
          this.fail();
          return;
        }
        this.sink.onEnvelope(parsed.envelope);
        break;
      default:
        this.fail();
        return;
    }
    this.nextPoll();
  }

  private fail(): void {
    if (this.ended) return;
    this.stop();
    this.sink.onEnd({ reason: "unexpected", handshaken: this.handshaken });
  }

  send(event: SenteEvent, reply: ((value: unknown) => void) | null, timeoutMs: number | undefined): boolean {
    if (this.ended) return false;
    const url = buildUrl(this.config.url, "http", {}, { [QueryKeys.clientId]: this.config.clientId });
    const body = writeClientEvent(event, reply !== null ? AJAX_CALLBACK : null);
    const controller = new AbortController();
    this.posts.add(controller);
    const headers = this.headers({ "Content-Type": "application/json" });
    this.request(url, { method: "POST", headers, body }, controller, timeoutMs ?? this.timeoutMs())
      .then(
        (res) => {
          if (res.status !== 200) return Replies.error;
          const parsed = parseEnvelope(res.body);
          if (!parsed.ok || parsed.envelope.cb !== null) return Replies.error;
          return parsed.envelope.payload;
        },
        // No HTTP answer at all: the connection dropped (or the server is gone). Like a request on a
        // dropped WebSocket, that is chsk/closed; chsk/error is for answers the server did give.
        (e: unknown) => (e instanceof TimeoutError ? Replies.timeout : Replies.closed),
      )
      .then((value) => {
        this.posts.delete(controller);
        reply?.(value);
      });
    return true;
  }

  ack(): void {
    // Every poll carries ack=N.
  }

  private stop(): void {
    this.ended = true;
    const poll = this.poll;
    this.poll = null;
    poll?.abort();
  }

  close(): void {
    if (this.ended) return;
    this.stop();
    for (const p of this.posts) p.abort();
    this.posts.clear();
  }

  breakConnection(): void {
    // Aborting the poll is what a dropped connection looks like.
    this.fail();
  }
}
