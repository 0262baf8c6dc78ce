// The browser client's public surface: `Sente.connect(path, options)` and everything an
// application or a test needs to name. The pieces live in files of their own.
import { defaultBackoffMs } from "./backoff";
import { Chsk } from "./chsk";
import { fetchCsrfToken } from "./csrf";
import type { ConnectOptions } from "./options";
import { DEFAULT_PATH } from "./protocol";

export * from "./protocol";
export { BACKOFF_CAP_MS, defaultBackoffMs } from "./backoff";
export { Chsk, SenteRequestError } from "./chsk";
export { fetchCsrfToken, type CsrfTokenValue } from "./csrf";
export type { EventHandler } from "./handlers";
export type { ConnectOptions } from "./options";
export type { SendCallback } from "./pending";
export type { ChskState, ChskType, LastCloseReason, StateHandler } from "./state";
export { browserWakeSource, type WakeSource } from "./wake";
export type { FetchLike, WebSocketCtor, WebSocketLike, TransportKind } from "./transports/ITransport";

/** Sente's make-channel-socket-client!: creates a channel socket and starts connecting. */
export function connect(path: string = DEFAULT_PATH, options: ConnectOptions = {}): Chsk {
  const chsk = new Chsk(path, options);
  chsk.start();
  return chsk;
}

export const Sente = { connect, defaultBackoffMs, fetchCsrfToken };
export default Sente;
