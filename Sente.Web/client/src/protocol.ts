// The sente-json/1 wire contract (docs/protocol.md). This is the only client file that knows event
// ids, query keys and envelope shapes; it mirrors Sente.Contracts/Protocol/*.

export const PROTOCOL_VERSION = 1;
export const DEFAULT_PATH = "/chsk";

export const QueryKeys = {
  clientId: "client-id",
  csrfToken: "csrf-token",
  handshake: "handshake",
  lastSeq: "last-seq",
  ack: "ack",
} as const;

export const CSRF_HEADER = "X-CSRF-Token";
export const AJAX_CALLBACK = "ajax";
export const NIL_UID = "sente/nil-uid";
export const PONG = "pong";
export const MAX_CALLBACK_LENGTH = 36;
export const MAX_CLIENT_ID_LENGTH = 64;

export const MetaKeys = {
  version: "v",
  seq: "seq",
  resumed: "resumed",
  kaliveMs: "kalive-ms",
  lpTimeoutMs: "lp-timeout-ms",
} as const;

export const EventIds = {
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
  resync: "chsk/resync",
} as const;

export const RESERVED_PREFIX = "chsk/";

/** Reply values reserved for callbacks (protocol section 5). */
export const Replies = {
  closed: "chsk/closed",
  timeout: "chsk/timeout",
  error: "chsk/error",
} as const;
export type ReservedReply = (typeof Replies)[keyof typeof Replies];

export function isReservedReply(value: unknown): value is ReservedReply {
  return value === Replies.closed || value === Replies.timeout || value === Replies.error;
}

export type SenteEvent = [id: string] | [id: string, data: unknown];
export type Meta = Record<string, unknown>;

export interface Envelope {
  payload: unknown;
  cb: string | null;
  meta?: Meta;
}

export type EnvelopeError = "invalid-json" | "not-an-envelope" | "invalid-callback" | "invalid-meta";
export type EventError = "wrong-type" | "wrong-length" | "wrong-id-type" | "unnamespaced-id";

export type ParseResult = { ok: true; envelope: Envelope } | { ok: false; error: EnvelopeError };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const EVENT_ID = /^[^/\s]+\/\S+$/;
const CLIENT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

export function isValidCallback(cb: unknown): cb is string {
  return typeof cb === "string" && cb.length >= 1 && cb.length <= MAX_CALLBACK_LENGTH && isWellFormed(cb);
}

export function isValidClientId(id: unknown): id is string {
  return typeof id === "string" && CLIENT_ID.test(id);
}

function isPlainObject(v: unknown): v is Meta {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Parses one message (a WebSocket frame or an Ajax response body). */
export function parseEnvelope(text: string): ParseResult {
  let value: unknown;
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
  const envelope: Envelope = { payload: value[0], cb: cb as string | null };
  if (value.length === 3) {
    if (!isPlainObject(value[2])) return { ok: false, error: "invalid-meta" };
    envelope.meta = value[2];
  }
  return { ok: true, envelope };
}

/** Sente's validate-event: null when `x` is a valid event. */
export function validateEvent(x: unknown): EventError | null {
  if (!Array.isArray(x)) return "wrong-type";
  if (x.length < 1 || x.length > 2) return "wrong-length";
  const id: unknown = x[0];
  if (typeof id !== "string") return "wrong-id-type";
  if (!EVENT_ID.test(id) || !isWellFormed(id)) return "unnamespaced-id";
  return null;
}

export function isEvent(x: unknown): x is SenteEvent {
  return validateEvent(x) === null;
}

export function isReservedId(id: string): boolean {
  return id.startsWith(RESERVED_PREFIX);
}

/** Reserved ids a client may send (protocol section 1). */
export function isClientAllowedReservedId(id: string): boolean {
  return id === EventIds.wsPing || id === EventIds.wsPong || id === EventIds.ack;
}

// ------------------------------------------------------------------------------------------------
// Writers (client → server)

function serialize(payload: unknown, cb: string | null, meta?: Meta): string {
  return JSON.stringify(meta === undefined ? [payload, cb] : [payload, cb, meta]);
}

export function writeClientEvent(event: SenteEvent, cb: string | null): string {
  return serialize(event, cb);
}

export function writeAck(seq: number): string {
  return serialize([EventIds.ack, seq], null);
}

export function writePing(cb: string): string {
  return serialize([EventIds.wsPing], cb);
}

export function writePong(): string {
  return serialize([EventIds.wsPong], null);
}

// Writers (server → client): the client never sends these; they exist so tests and fakes produce
// exactly what the server does (the golden fixtures check them).

export interface HandshakeArgs {
  uid: string;
  handshakeData: unknown;
  seq: number;
  resumed?: boolean;
  kaliveMs?: number;
  lpTimeoutMs?: number;
}

export function writeHandshake(a: HandshakeArgs): string {
  const meta: Meta = { [MetaKeys.version]: PROTOCOL_VERSION, [MetaKeys.seq]: a.seq };
  if (a.resumed !== undefined) meta[MetaKeys.resumed] = a.resumed;
  if (a.kaliveMs !== undefined) meta[MetaKeys.kaliveMs] = a.kaliveMs;
  if (a.lpTimeoutMs !== undefined) meta[MetaKeys.lpTimeoutMs] = a.lpTimeoutMs;
  return serialize([EventIds.handshake, [a.uid, null, a.handshakeData]], null, meta);
}

export function writeBatch(firstSeq: number, events: SenteEvent[]): string {
  return serialize(events, null, { [MetaKeys.seq]: firstSeq });
}

export function writeReply(reply: unknown, cb: string | null): string {
  return serialize(reply, cb);
}

export function writeControl(keyword: string): string {
  return serialize(keyword, null);
}

// ------------------------------------------------------------------------------------------------
// Classification of server → client envelopes

export interface Handshake {
  uid: string;
  handshakeData: unknown;
  seq: number;
  /** Present exactly when the request carried last-seq. */
  resumed?: boolean;
  kaliveMs?: number;
  lpTimeoutMs?: number;
}

export type ServerMessage =
  | { kind: "handshake"; handshake: Handshake }
  | { kind: "batch"; firstSeq: number; events: SenteEvent[] }
  | { kind: "ping" }
  | { kind: "timeout" }
  | { kind: "dummy-cb-200" }
  | { kind: "reply"; cb: string; value: unknown }
  /** An event outside a batch, e.g. the rate-limit notice [["chsk/error", {...}], null]. */
  | { kind: "notice"; event: SenteEvent }
  | { kind: "unknown"; envelope: Envelope };

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

export function classifyServerEnvelope(env: Envelope): ServerMessage {
  const { payload, cb, meta } = env;
  if (cb !== null) return { kind: "reply", cb, value: payload };
  if (payload === EventIds.wsPing) return { kind: "ping" };
  if (payload === EventIds.timeout) return { kind: "timeout" };
  if (payload === EventIds.dummyCb200) return { kind: "dummy-cb-200" };
  if (Array.isArray(payload) && payload[0] === EventIds.handshake && payload.length === 2) {
    const data: unknown = payload[1];
    const seq = num(meta?.[MetaKeys.seq]);
    if (Array.isArray(data) && data.length === 3 && typeof data[0] === "string" && seq !== undefined) {
      const hs: Handshake = { uid: data[0], handshakeData: data[2], seq };
      const resumed = meta?.[MetaKeys.resumed];
      if (typeof resumed === "boolean") hs.resumed = resumed;
      const k = num(meta?.[MetaKeys.kaliveMs]);
      if (k !== undefined) hs.kaliveMs = k;
      const lp = num(meta?.[MetaKeys.lpTimeoutMs]);
      if (lp !== undefined) hs.lpTimeoutMs = lp;
      return { kind: "handshake", handshake: hs };
    }
    return { kind: "unknown", envelope: env };
  }
  if (Array.isArray(payload) && payload.length > 0 && typeof payload[0] === "string") {
    return isEvent(payload) ? { kind: "notice", event: payload } : { kind: "unknown", envelope: env };
  }
  const firstSeq = num(meta?.[MetaKeys.seq]);
  if (Array.isArray(payload) && payload.length > 0 && firstSeq !== undefined && payload.every(isEvent)) {
    return { kind: "batch", firstSeq, events: payload as SenteEvent[] };
  }
  return { kind: "unknown", envelope: env };
}
