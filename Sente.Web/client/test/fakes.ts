import type { FetchLike, WebSocketLike } from "../src/sente";

export class FakeWebSocket implements WebSocketLike {
  static instances: FakeWebSocket[] = [];
  static reset(): void {
    FakeWebSocket.instances = [];
  }
  readyState = 0;
  sent: string[] = [];
  closedWith: number | undefined;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }
  send(data: string): void {
    if (this.readyState !== 1) throw new Error("not open");
    this.sent.push(data);
  }
  close(code?: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }
  // Server side
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(text: string): void {
    this.onmessage?.({ data: text });
  }
  fail(): void {
    this.onerror?.({ type: "error" });
    this.readyState = 3;
    this.onclose?.({ code: 1006, reason: "", wasClean: false });
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({ code: 1006, reason: "", wasClean: false });
  }
  sentJson(): unknown[] {
    return this.sent.map((s) => JSON.parse(s) as unknown);
  }
  static last(): FakeWebSocket {
    const ws = FakeWebSocket.instances.at(-1);
    if (ws === undefined) throw new Error("no socket");
    return ws;
  }
}

export interface FetchCall {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  respond(status: number, body?: string): void;
  /** Fails as fetch does when no HTTP answer came (connection reset, server down). */
  networkError(): void;
  signal?: AbortSignal;
}

/** A fetch whose calls wait in `calls` until the test responds to them. */
export function fakeFetch(): { fetch: FetchLike; calls: FetchCall[]; next(): Promise<FetchCall> } {
  const calls: FetchCall[] = [];
  const waiters: ((c: FetchCall) => void)[] = [];
  let taken = 0;
  const fetch: FetchLike = (url, init) =>
    new Promise((resolve, reject) => {
      const call: FetchCall = {
        url: new URL(url),
        method: init.method,
        headers: init.headers,
        body: init.body,
        signal: init.signal,
        respond: (status, body = "") => resolve({ status, text: () => Promise.resolve(body) }),
        networkError: () => reject(new TypeError("Failed to fetch")),
      };
      init.signal?.addEventListener("abort", () => reject(new Error("aborted")));
      calls.push(call);
      const w = waiters.shift();
      if (w) {
        taken++;
        w(call);
      }
    });
  return {
    fetch,
    calls,
    next: () =>
      new Promise((resolve) => {
        if (taken < calls.length) resolve(calls[taken++]!);
        else waiters.push(resolve);
      }),
  };
}

export const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves as soon as `cond()` holds (checked every few ms); rejects after `ms`. */
export async function until(cond: () => boolean, ms = 1000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`condition not met within ${ms} ms`);
    await tick(2);
  }
}
