var __defProp = Object.defineProperty;
var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField = (obj, key, value) => __defNormalProp(obj, typeof key !== "symbol" ? key + "" : key, value);

// src/backoff.ts
var BACKOFF_CAP_MS = 6e4;
function defaultBackoffMs(attempt, random = Math.random) {
  if (attempt <= 1) return 0;
  const n = Math.min(attempt, 30);
  const base = 2 ** n;
  return Math.min(BACKOFF_CAP_MS, Math.floor((base + random() * base) * 500));
}

// src/acks.ts
var AckScheduler = class {
  /** `flush` sends an ack when something is unacknowledged. */
  constructor(flush) {
    __publicField(this, "flush", flush);
    __publicField(this, "scheduled", false);
    __publicField(this, "timer", null);
  }
  /** An ack after the current task (batches of one frame, or of several in a row, share it). */
  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.flush();
    });
  }
  /** Periodic acks every `intervalMs` (0: none). */
  start(intervalMs) {
    this.stop();
    if (intervalMs > 0) this.timer = setInterval(this.flush, intervalMs);
  }
  stop() {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
};

// src/protocol.ts
var PROTOCOL_VERSION = 1;
var DEFAULT_PATH = "/chsk";
var QueryKeys = {
  clientId: "client-id",
  csrfToken: "csrf-token",
  handshake: "handshake",
  lastSeq: "last-seq",
  ack: "ack"
};
var CSRF_HEADER = "X-CSRF-Token";
var AJAX_CALLBACK = "ajax";
var NIL_UID = "sente/nil-uid";
var PONG = "pong";
var MAX_CALLBACK_LENGTH = 36;
var MAX_CLIENT_ID_LENGTH = 64;
var MetaKeys = {
  version: "v",
  seq: "seq",
  resumed: "resumed",
  kaliveMs: "kalive-ms",
  lpTimeoutMs: "lp-timeout-ms"
};
var EventIds = {
  handshake: "chsk/handshake",
  wsPing: "chsk/ws-ping",
  wsPong: "chsk/ws-pong",
  ack: "chsk/ack",
  uidportOpen: "chsk/uidport-open",
  uidportClose: "chsk/uidport-close",
  badEvent: "chsk/bad-event",
  timeout: "chsk/timeout",
  dummyCb200: "chsk/dummy-cb-200",
  error: "chsk/error",
  /** Client-side only (never on the wire): raised when a handshake says `resumed: false`. */
  resync: "chsk/resync"
};
var RESERVED_PREFIX = "chsk/";
var Replies = {
  closed: "chsk/closed",
  timeout: "chsk/timeout",
  error: "chsk/error"
};
function isReservedReply(value) {
  return value === Replies.closed || value === Replies.timeout || value === Replies.error;
}
var LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
var EVENT_ID = /^[^/\s]+\/\S+$/;
var CLIENT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
function isWellFormed(s) {
  return !LONE_SURROGATE.test(s);
}
function isValidCallback(cb) {
  return typeof cb === "string" && cb.length >= 1 && cb.length <= MAX_CALLBACK_LENGTH && isWellFormed(cb);
}
function isValidClientId(id) {
  return typeof id === "string" && CLIENT_ID.test(id);
}
function isPlainObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function parseEnvelope(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: "invalid-json" };
  }
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    return { ok: false, error: "not-an-envelope" };
  }
  const cb = value[1];
  if (cb !== null && !isValidCallback(cb)) return { ok: false, error: "invalid-callback" };
  const envelope = { payload: value[0], cb };
  if (value.length === 3) {
    if (!isPlainObject(value[2])) return { ok: false, error: "invalid-meta" };
    envelope.meta = value[2];
  }
  return { ok: true, envelope };
}
function validateEvent(x) {
  if (!Array.isArray(x)) return "wrong-type";
  if (x.length < 1 || x.length > 2) return "wrong-length";
  const id = x[0];
  if (typeof id !== "string") return "wrong-id-type";
  if (!EVENT_ID.test(id) || !isWellFormed(id)) return "unnamespaced-id";
  return null;
}
function isEvent(x) {
  return validateEvent(x) === null;
}
function isReservedId(id) {
  return id.startsWith(RESERVED_PREFIX);
}
function isClientAllowedReservedId(id) {
  return id === EventIds.wsPing || id === EventIds.wsPong || id === EventIds.ack;
}
function serialize(payload, cb, meta) {
  return JSON.stringify(meta === void 0 ? [payload, cb] : [payload, cb, meta]);
}
function writeClientEvent(event, cb) {
  return serialize(event, cb);
}
function writeAck(seq) {
  return serialize([EventIds.ack, seq], null);
}
function writePing(cb) {
  return serialize([EventIds.wsPing], cb);
}
function writePong() {
  return serialize([EventIds.wsPong], null);
}
function writeHandshake(a) {
  const meta = { [MetaKeys.version]: PROTOCOL_VERSION, [MetaKeys.seq]: a.seq };
  if (a.resumed !== void 0) meta[MetaKeys.resumed] = a.resumed;
  if (a.kaliveMs !== void 0) meta[MetaKeys.kaliveMs] = a.kaliveMs;
  if (a.lpTimeoutMs !== void 0) meta[MetaKeys.lpTimeoutMs] = a.lpTimeoutMs;
  return serialize([EventIds.handshake, [a.uid, null, a.handshakeData]], null, meta);
}
function writeBatch(firstSeq, events) {
  return serialize(events, null, { [MetaKeys.seq]: firstSeq });
}
function writeReply(reply, cb) {
  return serialize(reply, cb);
}
function writeControl(keyword) {
  return serialize(keyword, null);
}
function num(v) {
  return typeof v === "number" && Number.isFinite(v) ? v : void 0;
}
function classifyServerEnvelope(env) {
  const { payload, cb, meta } = env;
  if (cb !== null) return { kind: "reply", cb, value: payload };
  if (payload === EventIds.wsPing) return { kind: "ping" };
  if (payload === EventIds.timeout) return { kind: "timeout" };
  if (payload === EventIds.dummyCb200) return { kind: "dummy-cb-200" };
  if (Array.isArray(payload) && payload[0] === EventIds.handshake && payload.length === 2) {
    const data = payload[1];
    const seq = num(meta?.[MetaKeys.seq]);
    if (Array.isArray(data) && data.length === 3 && typeof data[0] === "string" && seq !== void 0) {
      const hs = { uid: data[0], handshakeData: data[2], seq };
      const resumed = meta?.[MetaKeys.resumed];
      if (typeof resumed === "boolean") hs.resumed = resumed;
      const k = num(meta?.[MetaKeys.kaliveMs]);
      if (k !== void 0) hs.kaliveMs = k;
      const lp = num(meta?.[MetaKeys.lpTimeoutMs]);
      if (lp !== void 0) hs.lpTimeoutMs = lp;
      return { kind: "handshake", handshake: hs };
    }
    return { kind: "unknown", envelope: env };
  }
  if (Array.isArray(payload) && payload.length > 0 && typeof payload[0] === "string") {
    return isEvent(payload) ? { kind: "notice", event: payload } : { kind: "unknown", envelope: env };
  }
  const firstSeq = num(meta?.[MetaKeys.seq]);
  if (Array.isArray(payload) && payload.length > 0 && firstSeq !== void 0 && payload.every(isEvent)) {
    return { kind: "batch", firstSeq, events: payload };
  }
  return { kind: "unknown", envelope: env };
}

// src/csrf.ts
async function fetchCsrfToken(url = DEFAULT_PATH + "/csrf-token", fetchImpl) {
  const f = fetchImpl ?? globalThis.fetch?.bind(globalThis);
  if (f === void 0) throw new Error("No fetch implementation");
  const base = globalThis.location?.href;
  const target = base !== void 0 ? new URL(url, base).toString() : url;
  const res = await f(target, { method: "GET", headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (res.status < 200 || res.status >= 300) return null;
  const body = JSON.parse(await res.text());
  const token = body !== null && typeof body === "object" ? body.token : void 0;
  return typeof token === "string" && token !== "" ? token : null;
}
function isThenable(v) {
  return v !== null && (typeof v === "object" || typeof v === "function") && typeof v.then === "function";
}

// src/handlers.ts
var EventHandlers = class {
  constructor() {
    __publicField(this, "byId", /* @__PURE__ */ new Map());
  }
  /** Adds a handler; returns the function that removes it. */
  add(eventId, handler) {
    let set = this.byId.get(eventId);
    if (set === void 0) this.byId.set(eventId, set = /* @__PURE__ */ new Set());
    set.add(handler);
    return () => set.delete(handler);
  }
  dispatch(event, seq) {
    this.run(this.byId.get(event[0]), event, seq);
    this.run(this.byId.get("*"), event, seq);
  }
  run(set, event, seq) {
    if (set === void 0) return;
    for (const h of [...set]) {
      try {
        h(event[1], { event, seq });
      } catch (e) {
        console.error(`sente: handler for ${event[0]} threw`, e);
      }
    }
  }
};

// src/options.ts
function resolveOptions(options) {
  return { wsKaliveMs: 1e4, wsPingTimeoutMs: 5e3, ajaxTimeoutMs: 6e4, ackIntervalMs: 1e3, connectTimeoutMs: 1e4, ...options };
}

// src/pending.ts
var PendingReplies = class {
  constructor() {
    __publicField(this, "settlers", /* @__PURE__ */ new Set());
  }
  /** Starts waiting; returns the function that settles it (later calls are ignored). */
  track(timeoutMs, callback) {
    let timer = null;
    const settle = (value) => {
      if (!this.settlers.delete(settle)) return;
      if (timer !== null) clearTimeout(timer);
      try {
        callback(value);
      } catch (e) {
        console.error("sente: callback threw", e);
      }
    };
    this.settlers.add(settle);
    timer = setTimeout(() => settle(Replies.timeout), timeoutMs);
    return settle;
  }
  /** Settles every waiting reply with chsk/closed. */
  failAll() {
    for (const settle of [...this.settlers]) settle(Replies.closed);
  }
};

// src/transports/urls.ts
function buildUrl(base, scheme, params, own) {
  const u = new URL(base);
  if (scheme === "ws") {
    if (u.protocol === "http:") u.protocol = "ws:";
    else if (u.protocol === "https:") u.protocol = "wss:";
  } else {
    if (u.protocol === "ws:") u.protocol = "http:";
    else if (u.protocol === "wss:") u.protocol = "https:";
  }
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  for (const [k, v] of Object.entries(own)) {
    if (v !== null && v !== void 0) u.searchParams.set(k, String(v));
  }
  return u.toString();
}

// src/transports/LongPollingTransport.ts
var TimeoutError = class extends Error {
};
var LongPollingTransport = class {
  constructor(config, sink, options) {
    __publicField(this, "config", config);
    __publicField(this, "sink", sink);
    __publicField(this, "options", options);
    __publicField(this, "kind", "ajax");
    __publicField(this, "ended", false);
    __publicField(this, "handshaken", false);
    __publicField(this, "poll", null);
    __publicField(this, "lpTimeoutMs", null);
    __publicField(this, "posts", /* @__PURE__ */ new Set());
  }
  headers(extra = {}, token = this.config.csrfToken()) {
    const h = { ...extra };
    if (token) h[CSRF_HEADER] = token;
    return h;
  }
  timeoutMs() {
    return this.lpTimeoutMs !== null ? this.lpTimeoutMs + 1e4 : this.options.ajaxTimeoutMs;
  }
  async request(url, init, controller, timeoutMs) {
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
  connect(csrfToken) {
    const lastSeq = this.sink.resuming() ? this.sink.lastSeq() : null;
    const url = buildUrl(this.config.url, "http", this.config.params, {
      [QueryKeys.clientId]: this.config.clientId,
      [QueryKeys.handshake]: 1,
      [QueryKeys.lastSeq]: lastSeq
    });
    const limit = this.options.connectTimeoutMs;
    const timeoutMs = limit ? Math.min(this.timeoutMs(), limit) : this.timeoutMs();
    void this.get(url, this.headers({}, csrfToken), timeoutMs);
  }
  nextPoll() {
    if (this.ended) return;
    const url = buildUrl(this.config.url, "http", this.config.params, {
      [QueryKeys.clientId]: this.config.clientId,
      [QueryKeys.ack]: this.sink.lastSeq() ?? null
    });
    void this.get(url, this.headers(), this.timeoutMs());
  }
  /** One handshake or poll GET; on success the next poll follows at once. */
  async get(url, headers, timeoutMs) {
    const controller = new AbortController();
    this.poll = controller;
    let res;
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
        if (msg.handshake.lpTimeoutMs !== void 0) this.lpTimeoutMs = msg.handshake.lpTimeoutMs;
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
  fail() {
    if (this.ended) return;
    this.stop();
    this.sink.onEnd({ reason: "unexpected", handshaken: this.handshaken });
  }
  send(event, reply, timeoutMs) {
    if (this.ended) return false;
    const url = buildUrl(this.config.url, "http", {}, { [QueryKeys.clientId]: this.config.clientId });
    const body = writeClientEvent(event, reply !== null ? AJAX_CALLBACK : null);
    const controller = new AbortController();
    this.posts.add(controller);
    const headers = this.headers({ "Content-Type": "application/json" });
    this.request(url, { method: "POST", headers, body }, controller, timeoutMs ?? this.timeoutMs()).then(
      (res) => {
        if (res.status !== 200) return Replies.error;
        const parsed = parseEnvelope(res.body);
        if (!parsed.ok || parsed.envelope.cb !== null) return Replies.error;
        return parsed.envelope.payload;
      },
      // No HTTP answer at all: the connection dropped (or the server is gone). Like a request on a
      // dropped WebSocket, that is chsk/closed; chsk/error is for answers the server did give.
      (e) => e instanceof TimeoutError ? Replies.timeout : Replies.closed
    ).then((value) => {
      this.posts.delete(controller);
      reply?.(value);
    });
    return true;
  }
  ack() {
  }
  stop() {
    this.ended = true;
    const poll = this.poll;
    this.poll = null;
    poll?.abort();
  }
  close() {
    if (this.ended) return;
    this.stop();
    for (const p of this.posts) p.abort();
    this.posts.clear();
  }
  breakConnection() {
    this.fail();
  }
};

// src/transports/WebSocketTransport.ts
var OPEN = 1;
var WebSocketTransport = class {
  constructor(config, sink, options) {
    __publicField(this, "config", config);
    __publicField(this, "sink", sink);
    __publicField(this, "options", options);
    __publicField(this, "kind", "ws");
    __publicField(this, "ws", null);
    __publicField(this, "ended", false);
    __publicField(this, "opened", false);
    __publicField(this, "handshaken", false);
    __publicField(this, "replies", /* @__PURE__ */ new Map());
    __publicField(this, "nextCb", 0);
    __publicField(this, "lastInbound", 0);
    __publicField(this, "kaliveTimer", null);
    __publicField(this, "pingTimer", null);
    __publicField(this, "pingCb", null);
    __publicField(this, "connectTimer", null);
  }
  connect(csrfToken) {
    const lastSeq = this.sink.resuming() ? this.sink.lastSeq() : null;
    const url = buildUrl(this.config.url, "ws", this.config.params, {
      [QueryKeys.clientId]: this.config.clientId,
      [QueryKeys.csrfToken]: csrfToken,
      [QueryKeys.lastSeq]: lastSeq
    });
    let ws;
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
      this.connectTimer = setTimeout(() => {
        this.connectTimer = null;
        if (this.handshaken) return;
        this.end({ reason: "connect-timeout", handshaken: false, opened: this.opened }, 3e3);
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
      if (!this.opened) this.end({ reason: "unexpected", handshaken: false }, 3e3);
    };
    ws.onclose = (ev) => {
      if (this.ended) return;
      const clean = ev.wasClean;
      this.end({
        reason: clean ? "clean" : "unexpected",
        handshaken: this.handshaken,
        wsClose: { code: ev.code, reason: ev.reason, clean }
      });
    };
  }
  onFrame(data) {
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
        if (reply === void 0) {
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
  sendRaw(text) {
    const ws = this.ws;
    if (ws === null || this.ended || ws.readyState !== OPEN) return false;
    try {
      ws.send(text);
      return true;
    } catch (e) {
      this.sink.onWsError(e);
      this.end({ reason: "ws-error", handshaken: this.handshaken }, 3e3);
      return false;
    }
  }
  send(event, reply) {
    let cb = null;
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
  ack(seq) {
    this.sendRaw(writeAck(seq));
  }
  scheduleKeepAlive() {
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
  ping() {
    const cb = `p${++this.nextCb}`;
    this.pingCb = cb;
    this.sendRaw(writePing(cb));
    this.pingTimer = setTimeout(() => {
      this.pingTimer = null;
      this.end({ reason: "ws-ping-timeout", handshaken: this.handshaken }, 3e3);
    }, this.options.pingTimeoutMs);
  }
  clearPing() {
    this.pingCb = null;
    if (this.pingTimer !== null) clearTimeout(this.pingTimer);
    this.pingTimer = null;
  }
  clearConnectTimer() {
    if (this.connectTimer !== null) clearTimeout(this.connectTimer);
    this.connectTimer = null;
  }
  stop(code) {
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
      }
    }
  }
  end(end, closeCode = null) {
    if (this.ended) return;
    this.stop(closeCode);
    this.sink.onEnd(end);
  }
  close() {
    if (!this.ended) this.stop(1e3);
  }
  breakConnection() {
    this.end({ reason: "unexpected", handshaken: this.handshaken }, 3e3);
  }
};

// src/wake.ts
function browserWakeSource(scope = globalThis) {
  const win = scope;
  if (typeof win.addEventListener !== "function" || typeof win.removeEventListener !== "function") return null;
  const target = win;
  const doc = win.document;
  return {
    subscribe(onWake) {
      const onOnline = () => onWake();
      const onVisibility = () => {
        if (doc?.visibilityState === "visible") onWake();
      };
      target.addEventListener("online", onOnline);
      doc?.addEventListener("visibilitychange", onVisibility);
      return () => {
        target.removeEventListener("online", onOnline);
        doc?.removeEventListener("visibilitychange", onVisibility);
      };
    }
  };
}

// src/chsk.ts
var SenteRequestError = class extends Error {
  constructor(reason) {
    super(`Sente request failed: ${reason}`);
    __publicField(this, "reason", reason);
    this.name = "SenteRequestError";
  }
};
function randomClientId() {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  let s = "";
  for (let i = 0; i < 32; i++) s += Math.floor(Math.random() * 16).toString(16);
  return s;
}
var Chsk = class {
  constructor(path, options = {}) {
    __publicField(this, "opts");
    __publicField(this, "url");
    __publicField(this, "clientId");
    __publicField(this, "kind");
    __publicField(this, "transport", null);
    __publicField(this, "st");
    __publicField(this, "handlers", new EventHandlers());
    __publicField(this, "stateHandlers", /* @__PURE__ */ new Set());
    __publicField(this, "pending", new PendingReplies());
    __publicField(this, "lastSeq", 0);
    __publicField(this, "ackedSeq", 0);
    __publicField(this, "acks", new AckScheduler(() => this.flushAck()));
    __publicField(this, "attempt", 0);
    __publicField(this, "retryTimer", null);
    __publicField(this, "stopped", false);
    __publicField(this, "wsEverHandshaken", false);
    /** Bumped per connection attempt; an async CSRF token resolved for an older one is dropped. */
    __publicField(this, "attemptGen", 0);
    /** Bounds the wait for an async CSRF token (connectTimeoutMs). */
    __publicField(this, "tokenTimer", null);
    /** The csrfToken function has returned a Promise: requests use {@link lastCsrf}. */
    __publicField(this, "csrfAsync", false);
    __publicField(this, "lastCsrf", null);
    __publicField(this, "wakeSource");
    __publicField(this, "unsubscribeWake", null);
    this.opts = resolveOptions(options);
    const base = options.baseUrl ?? globalThis.location?.href;
    this.url = new URL(path || DEFAULT_PATH, base).toString();
    this.clientId = options.clientId ?? randomClientId();
    if (!isValidClientId(this.clientId)) throw new Error("Invalid client-id: 1-64 characters of [A-Za-z0-9_.:-]");
    const type = options.type ?? "auto";
    const hasWs = (options.WebSocket ?? globalThis.WebSocket) !== void 0;
    this.kind = type === "ajax" || type === "auto" && !hasWs ? "ajax" : "ws";
    this.st = { type, open: false, everOpened: false, firstOpen: false, uid: null, handshakeData: null, resumed: null, seq: 0 };
    this.wakeSource = options.wakeSource === void 0 ? browserWakeSource() : options.wakeSource;
  }
  /** Current state (a snapshot). */
  get state() {
    return { ...this.st, seq: this.lastSeq };
  }
  // ----------------------------------------------------------------------------------------------
  // Public API
  /**
   * Sends an event. Returns false, and calls `callback` with "chsk/closed" at once, when the
   * channel socket is not open. A callback needs a timeout; it receives the reply, or
   * "chsk/timeout" / "chsk/closed" (connection dropped) / "chsk/error".
   */
  send(event, timeoutMs, callback) {
    const err = validateEvent(event);
    if (err !== null) throw new Error(`Invalid event (${err})`);
    if (isReservedId(event[0]) && !isClientAllowedReservedId(event[0])) throw new Error(`Reserved event id: ${event[0]}`);
    if (callback !== void 0 && !(typeof timeoutMs === "number" && timeoutMs >= 0)) {
      throw new Error("A callback requires a non-negative timeout");
    }
    const transport = this.transport;
    if (!this.st.open || transport === null) {
      callback?.(Replies.closed);
      return false;
    }
    if (callback === void 0) return transport.send(event, null, timeoutMs);
    const settle = this.pending.track(timeoutMs, callback);
    return transport.send(event, settle, timeoutMs);
  }
  /** Sends a request; rejects with a {@link SenteRequestError} (reason chsk/timeout | chsk/closed | chsk/error). */
  request(event, timeoutMs) {
    return new Promise((resolve, reject) => {
      this.send(event, timeoutMs, (reply) => isReservedReply(reply) ? reject(new SenteRequestError(reply)) : resolve(reply));
    });
  }
  /**
   * Handles pushed events with this id ("*" for all). Also: "chsk/handshake" (data
   * [uid, null, handshakeData, firstHandshake]), "chsk/resync" (data: the handshake, when it said
   * resumed: false), "chsk/ws-ping", and notices such as "chsk/error". Returns an unsubscribe function.
   */
  on(eventId, handler) {
    return this.handlers.add(eventId, handler);
  }
  onState(handler) {
    this.stateHandlers.add(handler);
    return () => this.stateHandlers.delete(handler);
  }
  /** Starts connecting (called by {@link connect}). */
  start() {
    this.stopped = false;
    this.subscribeWake();
    this.openTransport();
  }
  /** Closes (reason requested-disconnect) and stops reconnecting. */
  disconnect() {
    this.stopped = true;
    this.unsubscribeWake?.();
    this.unsubscribeWake = null;
    this.closeCurrent("requested-disconnect");
  }
  /** Closes (reason requested-reconnect) and connects again at once, e.g. after login. */
  reconnect() {
    this.closeCurrent("requested-reconnect");
    this.stopped = false;
    this.attempt = 0;
    this.subscribeWake();
    this.openTransport();
  }
  /** Test aid: drops the connection as the network would; reconnects per policy. */
  breakConnection() {
    this.transport?.breakConnection();
  }
  // ----------------------------------------------------------------------------------------------
  /** The token for a request (Ajax poll or POST): an async provider's last resolved value. */
  requestCsrf() {
    if (this.csrfAsync) return this.lastCsrf;
    const v = this.evalCsrf();
    if (!isThenable(v)) return v ? v : null;
    this.csrfAsync = true;
    Promise.resolve(v).catch(() => {
    });
    return this.lastCsrf;
  }
  evalCsrf() {
    const t = this.opts.csrfToken;
    return typeof t === "function" ? t() : t;
  }
  /** Starts a connection attempt: resolves the CSRF token (awaiting an async one), then the transport. */
  openTransport() {
    this.clearRetry();
    this.cancelAttempt();
    const gen = this.attemptGen;
    const limit = Math.max(0, this.opts.connectTimeoutMs ?? 1e4);
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
      (e) => {
        if (gen !== this.attemptGen || this.stopped) return;
        this.clearTokenTimer();
        console.warn("sente: the CSRF token provider failed", e);
        this.scheduleReconnect();
      }
    );
  }
  /** Drops a connection attempt still waiting for its CSRF token. */
  cancelAttempt() {
    this.attemptGen += 1;
    this.clearTokenTimer();
  }
  clearTokenTimer() {
    if (this.tokenTimer !== null) clearTimeout(this.tokenTimer);
    this.tokenTimer = null;
  }
  createTransport(csrfToken, deadline) {
    const connectTimeoutMs = deadline === null ? null : Math.max(1, deadline - Date.now());
    const config = { url: this.url, clientId: this.clientId, params: this.opts.params ?? {}, csrfToken: () => this.requestCsrf() };
    let transport;
    const sink = {
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
      resuming: () => this.st.everOpened
    };
    if (this.kind === "ws") {
      const WS = this.opts.WebSocket ?? globalThis.WebSocket;
      if (WS === void 0) throw new Error("No WebSocket implementation");
      transport = new WebSocketTransport(config, sink, {
        WebSocket: WS,
        kaliveMs: this.opts.wsKaliveMs,
        pingTimeoutMs: this.opts.wsPingTimeoutMs,
        connectTimeoutMs
      });
    } else {
      const f = this.opts.fetch ?? globalThis.fetch?.bind(globalThis);
      if (f === void 0) throw new Error("No fetch implementation");
      transport = new LongPollingTransport(config, sink, { fetch: f, ajaxTimeoutMs: this.opts.ajaxTimeoutMs, connectTimeoutMs });
    }
    this.transport = transport;
    transport.connect(csrfToken);
  }
  closeCurrent(reason) {
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
  markClosed(reason, extra, reportUnopened = false) {
    const patch = { ...extra };
    if (this.st.open) {
      patch.open = false;
      patch.firstOpen = false;
      patch.lastClose = { udt: Date.now(), reason };
    } else if (reportUnopened) {
      patch.lastClose = { udt: Date.now(), reason };
    }
    if (Object.keys(patch).length > 0) this.setState(patch);
  }
  failPending() {
    this.pending.failAll();
  }
  onEnd(end) {
    const kind = this.kind;
    this.transport = null;
    this.acks.stop();
    this.failPending();
    const extra = {};
    if (end.wsClose) extra.lastWsClose = { udt: Date.now(), ...end.wsClose };
    this.markClosed(end.reason, extra, end.reason === "connect-timeout" && end.opened === true);
    if (this.stopped) return;
    if (kind === "ws" && this.st.type === "auto" && !this.wsEverHandshaken && !end.handshaken) {
      this.kind = "ajax";
      this.openTransport();
      return;
    }
    this.scheduleReconnect();
  }
  /** The next connection attempt, after the backoff for this failure. */
  scheduleReconnect() {
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
  clearRetry() {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
  subscribeWake() {
    if (this.unsubscribeWake === null && this.wakeSource !== null) {
      this.unsubscribeWake = this.wakeSource.subscribe(() => this.onWake());
    }
  }
  /**
   * A wake signal while a reconnect waits out its backoff: the attempt starts now. It counts as
   * attempt 1, so should the network not be back after all, the next wait is short again (2-4 s)
   * instead of the cap the outage had grown to. An open or connecting socket is left alone.
   */
  onWake() {
    if (this.stopped || this.retryTimer === null) return;
    this.attempt = 1;
    this.openTransport();
  }
  onEnvelope(env) {
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
  onHandshake(hs) {
    if (this.st.open) {
      this.failPending();
      this.markClosed("unexpected", {});
    }
    const resumed = this.st.everOpened ? hs.resumed ?? false : hs.resumed ?? null;
    this.lastSeq = hs.resumed === true ? Math.max(this.lastSeq, hs.seq) : hs.seq;
    this.ackedSeq = this.lastSeq;
    this.attempt = 0;
    if (this.kind === "ws") this.wsEverHandshaken = true;
    const firstOpen = !this.st.everOpened;
    const patch = {
      type: this.kind,
      open: true,
      everOpened: true,
      firstOpen,
      uid: hs.uid,
      handshakeData: hs.handshakeData,
      resumed
    };
    this.st = { ...this.st, udtNextReconnect: void 0 };
    delete this.st.udtNextReconnect;
    this.setState(patch);
    this.acks.start(this.kind === "ws" ? this.opts.ackIntervalMs : 0);
    this.handlers.dispatch([EventIds.handshake, [hs.uid, null, hs.handshakeData, firstOpen]], null);
    if (resumed === false) this.handlers.dispatch([EventIds.resync, hs], null);
  }
  onBatch(firstSeq, events) {
    events.forEach((event, i) => {
      const seq = firstSeq + i;
      if (seq <= this.lastSeq) return;
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
  flushAck() {
    if (this.transport === null || this.lastSeq <= this.ackedSeq) return;
    this.transport.ack(this.lastSeq);
    this.ackedSeq = this.lastSeq;
  }
  setState(patch) {
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
};

// src/sente.ts
function connect(path = DEFAULT_PATH, options = {}) {
  const chsk = new Chsk(path, options);
  chsk.start();
  return chsk;
}
var Sente = { connect, defaultBackoffMs, fetchCsrfToken };
var sente_default = Sente;
export {
  AJAX_CALLBACK,
  BACKOFF_CAP_MS,
  CSRF_HEADER,
  Chsk,
  DEFAULT_PATH,
  EventIds,
  MAX_CALLBACK_LENGTH,
  MAX_CLIENT_ID_LENGTH,
  MetaKeys,
  NIL_UID,
  PONG,
  PROTOCOL_VERSION,
  QueryKeys,
  RESERVED_PREFIX,
  Replies,
  Sente,
  SenteRequestError,
  browserWakeSource,
  classifyServerEnvelope,
  connect,
  sente_default as default,
  defaultBackoffMs,
  fetchCsrfToken,
  isClientAllowedReservedId,
  isEvent,
  isReservedId,
  isReservedReply,
  isValidCallback,
  isValidClientId,
  parseEnvelope,
  validateEvent,
  writeAck,
  writeBatch,
  writeClientEvent,
  writeControl,
  writeHandshake,
  writePing,
  writePong,
  writeReply
};
