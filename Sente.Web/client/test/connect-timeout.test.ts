import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { connect, writeHandshake, type ChskState } from "../src/sente";
import { FakeWebSocket, fakeFetch, tick, until } from "./fakes";

const URL_ = "http://127.0.0.1:5000/chsk";

beforeEach(() => FakeWebSocket.reset());

/** `p`, or a rejection when it takes longer than `ms` (a wait bounded well below the 60 s defaults). */
function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

function handshake(ws: FakeWebSocket, seq = 0): void {
  ws.receive(writeHandshake({ uid: "alice", handshakeData: null, seq }));
}

test("ws: a socket that never opens is closed after connectTimeoutMs and retried; lastClose unchanged", async (t) => {
  const attempts: number[] = [];
  const chsk = connect(URL_, {
    type: "ws",
    WebSocket: FakeWebSocket,
    wsKaliveMs: 0,
    connectTimeoutMs: 60,
    backoffMs: (n) => (attempts.push(n), n <= 1 ? 0 : 60_000),
  });
  t.after(() => chsk.disconnect());
  const states: ChskState[] = [];
  chsk.onState((s) => states.push(s));
  const ws1 = FakeWebSocket.last();
  const t0 = Date.now();
  await until(() => FakeWebSocket.instances.length === 2);
  assert.ok(Date.now() - t0 >= 50, "not before the timeout");
  assert.equal(ws1.closedWith, 3000);
  assert.equal(FakeWebSocket.instances.length, 2, "retried at once (attempt 1)");
  assert.deepEqual(attempts, [1]);
  assert.equal(chsk.state.lastClose, undefined, "never opened: no lastClose");
  assert.equal(chsk.state.open, false);
  assert.equal(chsk.state.type, "ws");
  // The retry times out too: attempt 2 waits for its backoff.
  await until(() => attempts.length === 2);
  assert.equal(FakeWebSocket.instances[1]!.closedWith, 3000);
  assert.equal(FakeWebSocket.instances.length, 2);
  assert.deepEqual(attempts, [1, 2]);
  assert.ok((chsk.state.udtNextReconnect ?? 0) > Date.now() + 50_000);
  assert.equal(states.some((s) => s.lastClose !== undefined), false);
  chsk.disconnect();
});

test("auto: a WebSocket that times out before opening downgrades to Ajax for good", async (t) => {
  const f = fakeFetch();
  const chsk = connect(URL_, { WebSocket: FakeWebSocket, fetch: f.fetch, clientId: "tab-1", wsKaliveMs: 0, connectTimeoutMs: 30 });
  t.after(() => chsk.disconnect());
  const ws = FakeWebSocket.last();
  const hs = await within(f.next(), 1000);
  assert.equal(ws.closedWith, 3000);
  assert.equal(hs.method, "GET");
  assert.equal(hs.url.searchParams.get("handshake"), "1");
  hs.respond(200, writeHandshake({ uid: "bob", handshakeData: null, seq: 0 }));
  const poll = await f.next();
  assert.equal(chsk.state.open, true);
  assert.equal(chsk.state.type, "ajax");
  assert.equal(chsk.state.lastClose, undefined);
  poll.respond(500, "boom");
  await f.next(); // reconnects with Ajax, no WebSocket
  assert.equal(FakeWebSocket.instances.length, 1);
  chsk.disconnect();
  await tick();
});

test("auto: a WebSocket that opens but never handshakes (first ever) also downgrades", async (t) => {
  const f = fakeFetch();
  const chsk = connect(URL_, { WebSocket: FakeWebSocket, fetch: f.fetch, wsKaliveMs: 0, connectTimeoutMs: 30 });
  t.after(() => chsk.disconnect());
  const ws = FakeWebSocket.last();
  ws.open();
  const hs = await within(f.next(), 1000);
  assert.equal(ws.closedWith, 3000);
  assert.equal(hs.url.searchParams.get("handshake"), "1");
  assert.equal(chsk.state.lastClose?.reason, "connect-timeout", "the socket had opened");
  assert.equal(chsk.state.open, false);
  assert.equal(FakeWebSocket.instances.length, 1);
  chsk.disconnect();
  await tick();
});

test("ws: open but no handshake ⇒ closed with connect-timeout and retried; a later handshake opens", async (t) => {
  const chsk = connect(URL_, { type: "ws", WebSocket: FakeWebSocket, wsKaliveMs: 0, connectTimeoutMs: 30, backoffMs: () => 0 });
  t.after(() => chsk.disconnect());
  const ws1 = FakeWebSocket.last();
  ws1.open();
  await until(() => FakeWebSocket.instances.length === 2);
  assert.equal(ws1.closedWith, 3000);
  assert.equal(chsk.state.lastClose?.reason, "connect-timeout");
  assert.equal(chsk.state.open, false);
  const ws2 = FakeWebSocket.last();
  ws2.open();
  handshake(ws2);
  assert.equal(chsk.state.open, true);
  await tick(50);
  assert.equal(chsk.state.open, true, "no timeout after the handshake");
  assert.equal(ws2.closedWith, undefined);
  chsk.disconnect();
});

test("auto: after a first WebSocket handshake a connect timeout retries the WebSocket (no downgrade)", async (t) => {
  const f = fakeFetch();
  const chsk = connect(URL_, { WebSocket: FakeWebSocket, fetch: f.fetch, wsKaliveMs: 0, connectTimeoutMs: 30, backoffMs: () => 0 });
  t.after(() => chsk.disconnect());
  const ws1 = FakeWebSocket.last();
  ws1.open();
  handshake(ws1);
  ws1.drop(); // reconnects at once
  const ws2 = FakeWebSocket.last();
  assert.notEqual(ws2, ws1);
  ws2.open();
  await until(() => FakeWebSocket.instances.length >= 3);
  assert.equal(ws2.closedWith, 3000);
  assert.equal(chsk.state.lastClose?.reason, "connect-timeout");
  assert.ok(FakeWebSocket.instances.length >= 3);
  assert.equal(f.calls.length, 0);
  chsk.disconnect();
});

test("a handshake in time: no timeout", async (t) => {
  const chsk = connect(URL_, { type: "ws", WebSocket: FakeWebSocket, wsKaliveMs: 0, connectTimeoutMs: 50 });
  t.after(() => chsk.disconnect());
  const ws = FakeWebSocket.last();
  await tick();
  ws.open();
  handshake(ws);
  await tick(80);
  assert.equal(chsk.state.open, true);
  assert.equal(ws.closedWith, undefined);
  assert.equal(FakeWebSocket.instances.length, 1);
  assert.equal(chsk.state.lastClose, undefined);
  chsk.disconnect();
});

test("connectTimeoutMs 0 disables the timeout", async (t) => {
  const chsk = connect(URL_, { type: "ws", WebSocket: FakeWebSocket, wsKaliveMs: 0, connectTimeoutMs: 0 });
  t.after(() => chsk.disconnect());
  const ws = FakeWebSocket.last();
  await tick(60);
  ws.open();
  await tick(20);
  assert.equal(ws.closedWith, undefined);
  assert.equal(FakeWebSocket.instances.length, 1);
  handshake(ws);
  assert.equal(chsk.state.open, true);
  chsk.disconnect();
});

test("disconnect while connecting clears the connect timer", async (t) => {
  const chsk = connect(URL_, { type: "ws", WebSocket: FakeWebSocket, wsKaliveMs: 0, connectTimeoutMs: 30, backoffMs: () => 0 });
  t.after(() => chsk.disconnect());
  const ws = FakeWebSocket.last();
  chsk.disconnect();
  assert.equal(ws.closedWith, 1000);
  await tick(50);
  assert.equal(FakeWebSocket.instances.length, 1);
  assert.equal(ws.closedWith, 1000);
});

test("Ajax: the handshake GET is bounded by min(ajaxTimeoutMs, connectTimeoutMs); polls are not", async (t) => {
  const f = fakeFetch();
  const chsk = connect(URL_, { type: "ajax", fetch: f.fetch, connectTimeoutMs: 30, ajaxTimeoutMs: 60_000, backoffMs: () => 0 });
  t.after(() => chsk.disconnect());
  const hs1 = await f.next();
  const t0 = Date.now();
  const hs2 = await within(f.next(), 1000); // the first one timed out; attempt 1 retries at once
  assert.ok(Date.now() - t0 >= 20);
  assert.equal(hs1.signal?.aborted, true);
  assert.equal(hs2.url.searchParams.get("handshake"), "1");
  assert.equal(chsk.state.lastClose, undefined);
  hs2.respond(200, writeHandshake({ uid: "u", handshakeData: null, seq: 0 }));
  const poll = await f.next();
  await tick(60);
  assert.equal(poll.signal?.aborted, false, "a poll waits ajaxTimeoutMs / lp-timeout-ms, not connectTimeoutMs");
  assert.equal(chsk.state.open, true);
  chsk.disconnect();
  await tick();
});

test("Ajax: a shorter ajaxTimeoutMs still bounds the handshake GET", async (t) => {
  const f = fakeFetch();
  const chsk = connect(URL_, { type: "ajax", fetch: f.fetch, connectTimeoutMs: 60_000, ajaxTimeoutMs: 30, backoffMs: () => 0 });
  t.after(() => chsk.disconnect());
  const hs1 = await f.next();
  await within(f.next(), 1000);
  assert.equal(hs1.signal?.aborted, true);
  chsk.disconnect();
  await tick();
});
