import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { connect, SenteRequestError, writeBatch, writeControl, writeHandshake, writeReply, type ChskState } from "../src/sente";
import { FakeWebSocket, fakeFetch, tick } from "./fakes";

const URL_ = "http://127.0.0.1:5000/chsk";

beforeEach(() => FakeWebSocket.reset());

function wsClient(extra: Record<string, unknown> = {}) {
  const states: ChskState[] = [];
  const chsk = connect(URL_, { type: "ws", WebSocket: FakeWebSocket, clientId: "tab-1", csrfToken: "tok", wsKaliveMs: 0, ...extra });
  chsk.onState((s) => states.push(s));
  return { chsk, states };
}

function openWs(ws: FakeWebSocket, seq = 0, resumed?: boolean): void {
  ws.open();
  ws.receive(writeHandshake({ uid: "alice", handshakeData: { hi: 1 }, seq, resumed, kaliveMs: 12500 }));
}

test("WebSocket: URL carries client-id and csrf-token; handshake opens", () => {
  const { chsk, states } = wsClient({ params: { room: "r1", "client-id": "ignored" } });
  const ws = FakeWebSocket.last();
  const u = new URL(ws.url);
  assert.equal(u.protocol, "ws:");
  assert.equal(u.searchParams.get("client-id"), "tab-1");
  assert.equal(u.searchParams.get("csrf-token"), "tok");
  assert.equal(u.searchParams.get("room"), "r1");
  assert.equal(u.searchParams.has("last-seq"), false);
  assert.equal(chsk.state.open, false);
  let hs: unknown;
  chsk.on("chsk/handshake", (d) => (hs = d));
  openWs(ws);
  const s = chsk.state;
  assert.equal(s.open, true);
  assert.equal(s.type, "ws");
  assert.equal(s.everOpened, true);
  assert.equal(s.firstOpen, true);
  assert.equal(s.uid, "alice");
  assert.deepEqual(s.handshakeData, { hi: 1 });
  assert.equal(s.resumed, null);
  assert.deepEqual(hs, ["alice", null, { hi: 1 }, true]);
  assert.equal(states.at(-1)?.open, true);
  chsk.disconnect();
  assert.equal(chsk.state.lastClose?.reason, "requested-disconnect");
  assert.equal(ws.closedWith, 1000);
});

test("batches: delivered in order, duplicates dropped, gaps reported, acked once per batch", async () => {
  const { chsk } = wsClient();
  const ws = FakeWebSocket.last();
  const got: [unknown, number | null][] = [];
  chsk.on("app/a", (d, c) => got.push([d, c.seq]));
  openWs(ws, 5);
  ws.receive(writeBatch(6, [["app/a", 6], ["app/a", 7]]));
  ws.receive(writeBatch(7, [["app/a", 7], ["app/a", 8]])); // 7 is a duplicate
  await tick();
  assert.deepEqual(got, [[6, 6], [7, 7], [8, 8]]);
  assert.deepEqual(ws.sentJson(), [[["chsk/ack", 8], null]]);
  assert.equal(chsk.state.seq, 8);
  assert.equal(chsk.state.lastSeqGap, undefined);
  ws.receive(writeBatch(11, [["app/a", 11]]));
  await tick();
  assert.deepEqual(got.at(-1), [11, 11]);
  const gap = chsk.state.lastSeqGap as ChskState["lastSeqGap"];
  assert.deepEqual(gap && { e: gap.expected, g: gap.got }, { e: 9, g: 11 });
  assert.deepEqual(ws.sentJson().at(-1), [["chsk/ack", 11], null]);
  chsk.disconnect();
});

test("server ping is answered with ws-pong; rate-limit notice reaches chsk/error handlers", () => {
  const { chsk } = wsClient();
  const ws = FakeWebSocket.last();
  openWs(ws);
  let notice: unknown;
  chsk.on("chsk/error", (d) => (notice = d));
  ws.receive(writeControl("chsk/ws-ping"));
  ws.receive('[["chsk/error",{"reason":"rate-limited"}],null]');
  assert.deepEqual(ws.sentJson(), [[["chsk/ws-pong"], null]]);
  assert.deepEqual(notice, { reason: "rate-limited" });
  chsk.disconnect();
});

test("send when not open returns false and calls back chsk/closed synchronously", async () => {
  const { chsk } = wsClient();
  let reply: unknown;
  assert.equal(chsk.send(["app/x", 1], 100, (r) => (reply = r)), false);
  assert.equal(reply, "chsk/closed");
  await assert.rejects(chsk.request(["app/x"], 100), (e: unknown) => e instanceof SenteRequestError && e.reason === "chsk/closed");
  assert.throws(() => chsk.send(["app/x"], undefined, () => {}), /timeout/);
  assert.throws(() => chsk.send(["nope"]), /Invalid event/);
  chsk.disconnect();
});

test("request: reply resolves; no reply rejects with chsk/timeout; chsk/error rejects", async () => {
  const { chsk } = wsClient();
  const ws = FakeWebSocket.last();
  openWs(ws);
  const p = chsk.request(["math/add", [1, 2]], 1000);
  const [ev, cb] = ws.sentJson()[0] as [unknown, string];
  assert.deepEqual(ev, ["math/add", [1, 2]]);
  assert.ok(typeof cb === "string" && cb.length >= 1 && cb.length <= 36);
  ws.receive(writeReply(3, cb));
  assert.equal(await p, 3);

  const t0 = Date.now();
  await assert.rejects(chsk.request(["math/slow"], 30), (e: unknown) => e instanceof SenteRequestError && e.reason === "chsk/timeout");
  assert.ok(Date.now() - t0 >= 25);

  const pe = chsk.request(["math/bad"], 1000);
  const cb2 = (ws.sentJson().at(-1) as [unknown, string])[1];
  ws.receive(writeReply("chsk/error", cb2));
  await assert.rejects(pe, (e: unknown) => e instanceof SenteRequestError && e.reason === "chsk/error");
  chsk.disconnect();
});

test("in-flight requests fail with chsk/closed as soon as the connection drops", async () => {
  const { chsk } = wsClient({ backoffMs: () => 60_000 });
  const ws = FakeWebSocket.last();
  openWs(ws);
  const p = chsk.request(["app/slow"], 10_000);
  const t0 = Date.now();
  ws.drop();
  await assert.rejects(p, (e: unknown) => e instanceof SenteRequestError && e.reason === "chsk/closed");
  assert.ok(Date.now() - t0 < 1000);
  assert.equal(chsk.state.open, false);
  assert.equal(chsk.state.lastClose?.reason, "unexpected");
  assert.deepEqual(chsk.state.lastWsClose && [chsk.state.lastWsClose.code, chsk.state.lastWsClose.clean], [1006, false]);
  chsk.disconnect();
});

test("reconnect resumes with last-seq; resumed:false sets state and raises chsk/resync", async () => {
  const { chsk } = wsClient();
  const ws1 = FakeWebSocket.last();
  openWs(ws1, 0);
  ws1.receive(writeBatch(1, [["app/a", 1], ["app/a", 2], ["app/a", 3]]));
  await tick();
  ws1.drop(); // attempt 1: reconnects at once
  assert.equal(FakeWebSocket.instances.length, 2);
  const ws2 = FakeWebSocket.last();
  assert.equal(new URL(ws2.url).searchParams.get("last-seq"), "3");

  let resync: unknown;
  chsk.on("chsk/resync", (d) => (resync = d));
  const got: number[] = [];
  chsk.on("app/a", (_d, c) => got.push(c.seq!));
  openWs(ws2, 9, false);
  assert.equal(chsk.state.resumed, false);
  assert.equal(chsk.state.firstOpen, false);
  assert.equal(chsk.state.seq, 9);
  assert.ok(resync !== undefined);
  ws2.receive(writeBatch(10, [["app/a", 10]]));
  assert.deepEqual(got, [10]);
  assert.equal(chsk.state.lastSeqGap, undefined);

  ws2.drop();
  const ws3 = FakeWebSocket.last();
  assert.equal(new URL(ws3.url).searchParams.get("last-seq"), "10");
  openWs(ws3, 10, true);
  assert.equal(chsk.state.resumed, true);
  chsk.disconnect();
});

test("second failure waits for backoff and sets udtNextReconnect", () => {
  const { chsk } = wsClient({ backoffMs: (n: number) => (n <= 1 ? 0 : 50_000) });
  openWs(FakeWebSocket.last());
  FakeWebSocket.last().drop();
  assert.equal(FakeWebSocket.instances.length, 2); // at once
  FakeWebSocket.last().open();
  FakeWebSocket.last().drop(); // no handshake in between: attempt 2
  assert.equal(FakeWebSocket.instances.length, 2);
  assert.ok((chsk.state.udtNextReconnect ?? 0) > Date.now() + 40_000);
  chsk.disconnect();
});

test("keep-alive: no pong within the ping timeout reconnects with ws-ping-timeout", async () => {
  const { chsk } = wsClient({ wsKaliveMs: 20, wsPingTimeoutMs: 30, backoffMs: () => 60_000 });
  const ws = FakeWebSocket.last();
  openWs(ws);
  await tick(45);
  const ping = ws.sentJson().find((m) => JSON.stringify((m as unknown[])[0]) === '["chsk/ws-ping"]') as [unknown, string] | undefined;
  assert.ok(ping, "a ping was sent");
  await tick(60);
  assert.equal(chsk.state.open, false);
  assert.equal(chsk.state.lastClose?.reason, "ws-ping-timeout");
  chsk.disconnect();
});

test("keep-alive: a pong keeps the connection open", async () => {
  const { chsk } = wsClient({ wsKaliveMs: 20, wsPingTimeoutMs: 40 });
  const ws = FakeWebSocket.last();
  openWs(ws);
  await tick(30);
  const ping = ws.sentJson().find((m) => JSON.stringify((m as unknown[])[0]) === '["chsk/ws-ping"]') as [unknown, string];
  ws.receive(writeReply("pong", ping[1]));
  await tick(50);
  assert.equal(chsk.state.open, true);
  chsk.disconnect();
});

test("auto: a WebSocket that errors before opening falls back to Ajax for good", async () => {
  const f = fakeFetch();
  const chsk = connect(URL_, { WebSocket: FakeWebSocket, fetch: f.fetch, clientId: "tab-2", csrfToken: () => "tok2", wsKaliveMs: 0 });
  assert.equal(chsk.state.type, "auto");
  FakeWebSocket.last().fail();
  assert.ok(chsk.state.lastWsError);
  const hs = await f.next();
  assert.equal(hs.method, "GET");
  assert.equal(hs.url.protocol, "http:");
  assert.equal(hs.url.searchParams.get("client-id"), "tab-2");
  assert.equal(hs.url.searchParams.get("handshake"), "1");
  assert.equal(hs.url.searchParams.has("csrf-token"), false);
  assert.equal(hs.headers["X-CSRF-Token"], "tok2");
  hs.respond(200, writeHandshake({ uid: "bob", handshakeData: null, seq: 0 }));
  const poll = await f.next();
  assert.equal(chsk.state.open, true);
  assert.equal(chsk.state.type, "ajax");
  assert.equal(chsk.state.firstOpen, true);
  poll.respond(500, "boom"); // attempt 1: again at once, still Ajax
  const hs2 = await f.next();
  assert.equal(hs2.url.searchParams.get("handshake"), "1");
  assert.equal(hs2.url.searchParams.get("last-seq"), "0");
  assert.equal(FakeWebSocket.instances.length, 1);
  chsk.disconnect();
});

test("Ajax: poll ack sequence across batch, timeout, 204 and a handshake answer", async () => {
  const f = fakeFetch();
  const chsk = connect(URL_, { type: "ajax", fetch: f.fetch, clientId: "tab-3" });
  const got: number[] = [];
  let resyncs = 0;
  chsk.on("app/a", (_d, c) => got.push(c.seq!));
  chsk.on("chsk/resync", () => resyncs++);
  (await f.next()).respond(200, writeHandshake({ uid: "carol", handshakeData: null, seq: 4, lpTimeoutMs: 20000 }));
  const acks: (string | null)[] = [];
  let p = await f.next();
  acks.push(p.url.searchParams.get("ack"));
  p.respond(200, writeBatch(5, [["app/a", 1], ["app/a", 2]]));
  p = await f.next();
  acks.push(p.url.searchParams.get("ack"));
  p.respond(200, writeControl("chsk/timeout"));
  p = await f.next();
  acks.push(p.url.searchParams.get("ack"));
  p.respond(204);
  p = await f.next();
  acks.push(p.url.searchParams.get("ack"));
  p.respond(200, writeBatch(6, [["app/a", 2], ["app/a", 3]])); // 6 again: deduped
  p = await f.next();
  acks.push(p.url.searchParams.get("ack"));
  assert.deepEqual(acks, ["4", "6", "6", "6", "7"]);
  assert.deepEqual(got, [5, 6, 7]);
  assert.equal(p.url.searchParams.has("handshake"), false);
  // The server dropped events: a handshake answers the poll, applied like a reconnect.
  const states: ChskState[] = [];
  chsk.onState((s) => states.push(s));
  p.respond(200, writeHandshake({ uid: "carol", handshakeData: null, seq: 20, resumed: false }));
  p = await f.next();
  assert.equal(p.url.searchParams.get("ack"), "20");
  assert.deepEqual(states.map((s) => s.open), [false, true]);
  assert.equal(chsk.state.resumed, false);
  assert.equal(resyncs, 1);
  chsk.disconnect();
});

test("Ajax: POST bodies, content type, CSRF header and replies", async () => {
  const f = fakeFetch();
  const chsk = connect(URL_, { type: "ajax", fetch: f.fetch, clientId: "tab-4", csrfToken: "t4", params: { room: "r" } });
  (await f.next()).respond(200, writeHandshake({ uid: "dan", handshakeData: null, seq: 0 }));
  const poll = await f.next();
  assert.equal(poll.url.searchParams.get("room"), "r");

  assert.equal(chsk.send(["app/evt", { n: 1 }]), true);
  const post1 = await f.next();
  assert.equal(post1.method, "POST");
  assert.equal(post1.url.searchParams.get("client-id"), "tab-4");
  assert.equal(post1.url.searchParams.has("room"), false);
  assert.equal(post1.headers["Content-Type"], "application/json");
  assert.equal(post1.headers["X-CSRF-Token"], "t4");
  assert.deepEqual(JSON.parse(post1.body!), [["app/evt", { n: 1 }], null]);
  post1.respond(200, writeControl("chsk/dummy-cb-200"));

  const r = chsk.request(["math/add", [1, 2]], 1000);
  const post2 = await f.next();
  assert.deepEqual(JSON.parse(post2.body!), [["math/add", [1, 2]], "ajax"]);
  post2.respond(200, writeReply(3, null));
  assert.equal(await r, 3);

  const r2 = chsk.request(["math/slow"], 1000);
  (await f.next()).respond(200, writeControl("chsk/timeout"));
  await assert.rejects(r2, (e: unknown) => e instanceof SenteRequestError && e.reason === "chsk/timeout");

  const r3 = chsk.request(["math/big"], 1000);
  (await f.next()).respond(413, "Payload too large");
  await assert.rejects(r3, (e: unknown) => e instanceof SenteRequestError && e.reason === "chsk/error");

  // No HTTP answer at all (connection reset mid-request): the request's connection dropped.
  const r5 = chsk.request(["math/slow"], 1000);
  (await f.next()).networkError();
  await assert.rejects(r5, (e: unknown) => e instanceof SenteRequestError && e.reason === "chsk/closed");

  const r4 = chsk.request(["math/slow"], 1000);
  await f.next();
  chsk.breakConnection();
  await assert.rejects(r4, (e: unknown) => e instanceof SenteRequestError && e.reason === "chsk/closed");
  chsk.disconnect();
  await tick();
});
