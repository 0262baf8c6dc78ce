import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { browserWakeSource, connect, writeHandshake, type WakeSource } from "../src/sente";
import { FakeWebSocket } from "./fakes";

const URL_ = "http://127.0.0.1:5000/chsk";

beforeEach(() => FakeWebSocket.reset());

/** A wake source the test fires by hand; counts its subscribers. */
function manualWake(): WakeSource & { fire(): void; subscribers: number } {
  const listeners = new Set<() => void>();
  return {
    subscribe(onWake) {
      listeners.add(onWake);
      return () => listeners.delete(onWake);
    },
    fire() {
      for (const l of [...listeners]) l();
    },
    get subscribers() {
      return listeners.size;
    },
  };
}

function client(wake: WakeSource, attempts: number[]) {
  return connect(URL_, {
    type: "ws",
    WebSocket: FakeWebSocket,
    clientId: "tab-1",
    wsKaliveMs: 0,
    wakeSource: wake,
    backoffMs: (n: number) => {
      attempts.push(n);
      return n <= 1 ? 0 : 50_000;
    },
  });
}

function open(ws: FakeWebSocket): void {
  ws.open();
  ws.receive(writeHandshake({ uid: "alice", handshakeData: null, seq: 0, kaliveMs: 12500 }));
}

test("a wake signal during a backoff reconnects at once, and a new failure waits attempt 2's backoff", () => {
  const wake = manualWake();
  const attempts: number[] = [];
  const chsk = client(wake, attempts);
  open(FakeWebSocket.last());
  FakeWebSocket.last().drop(); // attempt 1: at once
  FakeWebSocket.last().fail(); // attempt 2: waits 50 s
  const before = FakeWebSocket.instances.length;
  assert.equal(before, 2);
  assert.ok((chsk.state.udtNextReconnect ?? 0) > Date.now() + 40_000, "a reconnect is waiting out its backoff");

  wake.fire();
  assert.equal(FakeWebSocket.instances.length, before + 1, "the wake started an attempt at once");
  const attemptsBefore = attempts.length;
  FakeWebSocket.last().fail();
  assert.equal(FakeWebSocket.instances.length, before + 1, "the failed wake attempt waits");
  assert.deepEqual(attempts.slice(attemptsBefore), [2], "the wake counted as attempt 1");

  wake.fire();
  open(FakeWebSocket.last());
  assert.equal(chsk.state.open, true);
  chsk.disconnect();
});

test("a wake signal leaves an open connection alone and is ignored after disconnect", () => {
  const wake = manualWake();
  const chsk = client(wake, []);
  open(FakeWebSocket.last());
  assert.equal(wake.subscribers, 1);
  wake.fire();
  assert.equal(FakeWebSocket.instances.length, 1);
  assert.equal(chsk.state.open, true);

  chsk.disconnect();
  assert.equal(wake.subscribers, 0, "disconnect unsubscribes");
  wake.fire();
  assert.equal(FakeWebSocket.instances.length, 1);

  chsk.reconnect();
  assert.equal(wake.subscribers, 1, "reconnect subscribes again");
  chsk.disconnect();
});

test("a wake signal while a connection attempt is under way starts no second one", () => {
  const wake = manualWake();
  const chsk = client(wake, []);
  wake.fire(); // the first socket has not opened yet
  assert.equal(FakeWebSocket.instances.length, 1);
  chsk.disconnect();
});

/** A window with a document, as far as browserWakeSource looks at them. */
function fakeWindow() {
  const make = () => {
    const listeners = new Map<string, Set<() => void>>();
    return {
      listeners,
      addEventListener(type: string, l: () => void) {
        if (!listeners.has(type)) listeners.set(type, new Set());
        listeners.get(type)!.add(l);
      },
      removeEventListener(type: string, l: () => void) {
        listeners.get(type)?.delete(l);
      },
      dispatch(type: string) {
        for (const l of [...(listeners.get(type) ?? [])]) l();
      },
      count() {
        return [...listeners.values()].reduce((n, s) => n + s.size, 0);
      },
    };
  };
  const document = Object.assign(make(), { visibilityState: "hidden" });
  return Object.assign(make(), { document });
}

test("browserWakeSource: online and becoming visible wake; becoming hidden does not; unsubscribe removes both", () => {
  const win = fakeWindow();
  const source = browserWakeSource(win);
  assert.ok(source !== null);
  let wakes = 0;
  const unsubscribe = source.subscribe(() => wakes++);

  win.dispatch("online");
  assert.equal(wakes, 1);
  win.document.dispatch("visibilitychange"); // still hidden
  assert.equal(wakes, 1);
  win.document.visibilityState = "visible";
  win.document.dispatch("visibilitychange");
  assert.equal(wakes, 2);

  unsubscribe();
  assert.equal(win.count() + win.document.count(), 0);
  win.dispatch("online");
  assert.equal(wakes, 2);
});

test("browserWakeSource is null where there is no window to listen to", () => {
  assert.equal(browserWakeSource({}), null);
  assert.equal(browserWakeSource(globalThis), null); // Node's global is no EventTarget
});
