import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { connect, fetchCsrfToken, Sente, writeControl, writeHandshake } from "../src/sente";
import { FakeWebSocket, fakeFetch, tick, until } from "./fakes";

const URL_ = "http://127.0.0.1:5000/chsk";
const TOKEN_URL = "http://127.0.0.1:5000/chsk/csrf-token";

beforeEach(() => FakeWebSocket.reset());

test("async csrfToken: awaited before every WebSocket attempt, sent as csrf-token", async (t) => {
  let calls = 0;
  const chsk = connect(URL_, {
    type: "ws",
    WebSocket: FakeWebSocket,
    wsKaliveMs: 0,
    backoffMs: () => 0,
    csrfToken: () => Promise.resolve(`atok-${++calls}`),
  });
  t.after(() => chsk.disconnect());
  assert.equal(FakeWebSocket.instances.length, 0, "waits for the token");
  await tick();
  const ws1 = FakeWebSocket.last();
  assert.equal(new URL(ws1.url).searchParams.get("csrf-token"), "atok-1");
  ws1.open();
  ws1.receive(writeHandshake({ uid: "u", handshakeData: null, seq: 0 }));
  assert.equal(chsk.state.open, true);
  ws1.drop();
  await tick();
  const ws2 = FakeWebSocket.last();
  assert.notEqual(ws2, ws1);
  assert.equal(new URL(ws2.url).searchParams.get("csrf-token"), "atok-2");
  assert.equal(calls, 2);
  chsk.disconnect();
});

test("async csrfToken resolving to null: no csrf-token parameter", async (t) => {
  const chsk = connect(URL_, { type: "ws", WebSocket: FakeWebSocket, wsKaliveMs: 0, csrfToken: async () => null });
  t.after(() => chsk.disconnect());
  await tick();
  assert.equal(new URL(FakeWebSocket.last().url).searchParams.has("csrf-token"), false);
  chsk.disconnect();
});

test("async csrfToken on Ajax: X-CSRF-Token on the handshake; polls and POSTs reuse the resolved value", async (t) => {
  const f = fakeFetch();
  let calls = 0;
  const chsk = connect(URL_, { type: "ajax", fetch: f.fetch, csrfToken: () => Promise.resolve(`t-${++calls}`) });
  t.after(() => chsk.disconnect());
  const hs = await f.next();
  assert.equal(hs.headers["X-CSRF-Token"], "t-1");
  assert.equal(hs.url.searchParams.has("csrf-token"), false);
  hs.respond(200, writeHandshake({ uid: "u", handshakeData: null, seq: 0 }));
  let poll = await f.next();
  assert.equal(poll.headers["X-CSRF-Token"], "t-1");
  poll.respond(200, writeControl("chsk/timeout"));
  poll = await f.next();
  assert.equal(poll.headers["X-CSRF-Token"], "t-1");
  assert.equal(chsk.send(["app/evt", 1]), true);
  const post = await f.next();
  assert.equal(post.method, "POST");
  assert.equal(post.headers["X-CSRF-Token"], "t-1");
  post.respond(200, writeControl("chsk/dummy-cb-200"));
  assert.equal(calls, 1, "evaluated per connection attempt only");
  poll.respond(500); // the next attempt fetches a new token
  const hs2 = await f.next();
  assert.equal(hs2.headers["X-CSRF-Token"], "t-2");
  assert.equal(calls, 2);
  chsk.disconnect();
  await tick();
});

test("a rejected token promise fails the attempt: backoff, then a new attempt (no auto downgrade)", async (t) => {
  const f = fakeFetch();
  const attempts: number[] = [];
  let calls = 0;
  const chsk = connect(URL_, {
    WebSocket: FakeWebSocket,
    fetch: f.fetch,
    wsKaliveMs: 0,
    backoffMs: (n) => (attempts.push(n), 30),
    csrfToken: () => (++calls === 1 ? Promise.reject(new Error("token endpoint down")) : Promise.resolve("ok")),
  });
  t.after(() => chsk.disconnect());
  await tick();
  assert.equal(FakeWebSocket.instances.length, 0);
  assert.deepEqual(attempts, [1]);
  assert.ok(chsk.state.udtNextReconnect !== undefined);
  await tick(50);
  assert.equal(calls, 2);
  const ws = FakeWebSocket.last();
  assert.equal(new URL(ws.url).searchParams.get("csrf-token"), "ok");
  ws.open();
  ws.receive(writeHandshake({ uid: "u", handshakeData: null, seq: 0 }));
  assert.equal(chsk.state.open, true);
  assert.equal(chsk.state.type, "ws");
  assert.equal(f.calls.length, 0);
  chsk.disconnect();
});

test("a token that never resolves is bounded by connectTimeoutMs", async (t) => {
  const attempts: number[] = [];
  let calls = 0;
  const chsk = connect(URL_, {
    type: "ws",
    WebSocket: FakeWebSocket,
    wsKaliveMs: 0,
    connectTimeoutMs: 30,
    backoffMs: (n) => (attempts.push(n), n <= 1 ? 0 : 60_000),
    csrfToken: () => (++calls === 1 ? new Promise<string>(() => {}) : Promise.resolve("late")),
  });
  t.after(() => chsk.disconnect());
  await until(() => FakeWebSocket.instances.length === 1);
  assert.deepEqual(attempts, [1]);
  assert.equal(calls, 2);
  assert.equal(new URL(FakeWebSocket.last().url).searchParams.get("csrf-token"), "late");
  assert.equal(FakeWebSocket.instances.length, 1);
  chsk.disconnect();
});

test("disconnect while the token is pending: no socket is opened afterwards", async (t) => {
  let resolve: (v: string) => void = () => {};
  const chsk = connect(URL_, { type: "ws", WebSocket: FakeWebSocket, wsKaliveMs: 0, connectTimeoutMs: 30, csrfToken: () => new Promise<string>((r) => (resolve = r)) });
  t.after(() => chsk.disconnect());
  chsk.disconnect();
  resolve("tok");
  await tick(50);
  assert.equal(FakeWebSocket.instances.length, 0);
});

test("sync csrfToken functions are still read on every request", async (t) => {
  const f = fakeFetch();
  let calls = 0;
  const chsk = connect(URL_, { type: "ajax", fetch: f.fetch, csrfToken: () => `s-${++calls}` });
  t.after(() => chsk.disconnect());
  const hs = await f.next();
  assert.equal(hs.headers["X-CSRF-Token"], "s-1");
  hs.respond(200, writeHandshake({ uid: "u", handshakeData: null, seq: 0 }));
  const poll = await f.next();
  assert.equal(poll.headers["X-CSRF-Token"], "s-2");
  chsk.disconnect();
  await tick();
});

test("fetchCsrfToken: GET, parses {token}; null on 403; exported on Sente", async () => {
  assert.equal(Sente.fetchCsrfToken, fetchCsrfToken);
  const f = fakeFetch();
  const p = fetchCsrfToken(TOKEN_URL, f.fetch);
  const call = await f.next();
  assert.equal(call.method, "GET");
  assert.equal(call.url.toString(), TOKEN_URL);
  call.respond(200, '{"token":"abc"}');
  assert.equal(await p, "abc");

  const p403 = fetchCsrfToken(TOKEN_URL, f.fetch);
  (await f.next()).respond(403, "Forbidden");
  assert.equal(await p403, null);

  const pBad = fetchCsrfToken(TOKEN_URL, f.fetch);
  (await f.next()).respond(200, "<html>");
  await assert.rejects(pBad);
});

test("csrfToken: () => fetchCsrfToken(...) feeds the WebSocket URL", async (t) => {
  const f = fakeFetch();
  const chsk = connect(URL_, { type: "ws", WebSocket: FakeWebSocket, wsKaliveMs: 0, csrfToken: () => fetchCsrfToken(TOKEN_URL, f.fetch) });
  t.after(() => chsk.disconnect());
  (await f.next()).respond(200, '{"token":"from-endpoint"}');
  await tick();
  assert.equal(new URL(FakeWebSocket.last().url).searchParams.get("csrf-token"), "from-endpoint");
  chsk.disconnect();
});
