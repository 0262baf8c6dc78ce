import { defaultBackoffMs } from "./backoff";
import { Chsk } from "./chsk";
import { fetchCsrfToken } from "./csrf";
import type { ConnectOptions } from "./options";
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
export declare function connect(path?: string, options?: ConnectOptions): Chsk;
export declare const Sente: {
    connect: typeof connect;
    defaultBackoffMs: typeof defaultBackoffMs;
    fetchCsrfToken: typeof fetchCsrfToken;
};
export default Sente;
