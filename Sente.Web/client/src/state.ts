import type { TransportKind } from "./transports/ITransport";

/** The requested transport: "auto" tries a WebSocket first and falls back to Ajax for good. */
export type ChskType = "auto" | TransportKind;

/** Why the channel socket last went from open to closed (Sente's `:last-close` reasons, plus connect-timeout). */
export type LastCloseReason =
  | "requested-disconnect"
  | "requested-reconnect"
  | "unexpected"
  | "ws-ping-timeout"
  | "clean"
  | "ws-error"
  | "connect-timeout";

/** Sente's channel-socket state, in JavaScript clothes. */
export interface ChskState {
  /** Requested type before the first connection; then the transport of the current/last one. */
  type: ChskType;
  open: boolean;
  everOpened: boolean;
  /** True in the state of the first open, false afterwards. */
  firstOpen: boolean;
  uid: string | null;
  handshakeData: unknown;
  lastClose?: { udt: number; reason: LastCloseReason };
  lastWsError?: { udt: number; event: unknown };
  lastWsClose?: { udt: number; code: number; reason: string; clean: boolean };
  udtNextReconnect?: number;
  /** meta.resumed of the last handshake (null when it carried none). false: events were lost, resynchronise. */
  resumed: boolean | null;
  /** Last processed seq (updated per batch without a state notification). */
  seq: number;
  /** Last seq gap seen (a server bug unless after resumed: false). */
  lastSeqGap?: { udt: number; expected: number; got: number };
}

/** Called with the new state and the one before it on every state change. */
export type StateHandler = (state: Readonly<ChskState>, previous: Readonly<ChskState>) => void;
