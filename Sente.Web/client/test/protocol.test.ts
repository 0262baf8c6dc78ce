import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  classifyServerEnvelope,
  parseEnvelope,
  validateEvent,
  writeAck,
  writeBatch,
  writeClientEvent,
  writeControl,
  writeHandshake,
  writeReply,
  type SenteEvent,
} from "../src/protocol";

// build-test/ → the repo's tests/fixtures/protocol
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../../tests/fixtures/protocol");

interface Case {
  name: string;
  args?: Record<string, unknown>;
  message?: unknown;
  text?: string;
  error?: string | null;
  event?: unknown;
}
interface Fixture {
  direction: string;
  writer: string | null;
  cases: Case[];
}
function load(file: string): Fixture {
  return JSON.parse(readFileSync(join(FIXTURES, file), "utf8")) as Fixture;
}

function write(writer: string, a: Record<string, unknown>): string {
  switch (writer) {
    case "handshake":
      return writeHandshake({
        uid: a["uid"] as string,
        handshakeData: a["handshake-data"],
        seq: a["seq"] as number,
        resumed: a["resumed"] as boolean | undefined,
        kaliveMs: a["kalive-ms"] as number | undefined,
        lpTimeoutMs: a["lp-timeout-ms"] as number | undefined,
      });
    case "batch":
      return writeBatch(a["first-seq"] as number, a["events"] as SenteEvent[]);
    case "reply":
      return writeReply(a["reply"], a["cb"] as string | null);
    case "control":
      return writeControl(a["keyword"] as string);
    case "client-event":
      return writeClientEvent(a["event"] as SenteEvent, a["cb"] as string | null);
    case "ack":
      return writeAck(a["seq"] as number);
    default:
      throw new Error(`unknown writer ${writer}`);
  }
}

test("every fixture file is covered", () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));
  assert.ok(files.length >= 14, `found ${files.length} fixture files in ${FIXTURES}`);
});

for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith(".json")).sort()) {
  const fx = load(file);
  if (fx.writer === null) continue;
  for (const c of fx.cases) {
    test(`${file} ${c.name}: writer output equals the golden message`, () => {
      assert.deepEqual(JSON.parse(write(fx.writer!, c.args!)), c.message);
    });
    test(`${file} ${c.name}: golden message parses as an envelope`, () => {
      const r = parseEnvelope(JSON.stringify(c.message));
      assert.ok(r.ok, JSON.stringify(r));
    });
  }
}

test("server-to-client fixtures classify as the client expects", () => {
  const kinds: Record<string, string> = {
    "handshake.json": "handshake",
    "batch.json": "batch",
    "callback-reply.json": "reply",
    "pong.json": "reply",
    "ping.json": "ping",
    "timeout.json": "timeout",
    "dummy-cb-200.json": "dummy-cb-200",
  };
  for (const [file, kind] of Object.entries(kinds)) {
    for (const c of load(file).cases) {
      const r = parseEnvelope(JSON.stringify(c.message));
      assert.ok(r.ok);
      const m = classifyServerEnvelope(r.envelope);
      // Ajax answers [reply, null]: the transport reads those by context, not by classification.
      if (file === "callback-reply.json" && (c.message as unknown[])[1] === null) continue;
      assert.equal(m.kind, kind, `${file} ${c.name}`);
    }
  }
});

test("handshake fixtures expose uid, data, seq, resumed and timings", () => {
  for (const c of load("handshake.json").cases) {
    const r = parseEnvelope(JSON.stringify(c.message));
    assert.ok(r.ok);
    const m = classifyServerEnvelope(r.envelope);
    assert.equal(m.kind, "handshake");
    if (m.kind !== "handshake") return;
    const a = c.args!;
    assert.equal(m.handshake.uid, a["uid"]);
    assert.deepEqual(m.handshake.handshakeData, a["handshake-data"]);
    assert.equal(m.handshake.seq, a["seq"]);
    assert.equal(m.handshake.resumed, a["resumed"]);
    assert.equal(m.handshake.kaliveMs, a["kalive-ms"]);
    assert.equal(m.handshake.lpTimeoutMs, a["lp-timeout-ms"]);
  }
});

test("batch fixtures expose first seq and events", () => {
  for (const c of load("batch.json").cases) {
    const r = parseEnvelope(JSON.stringify(c.message));
    assert.ok(r.ok);
    const m = classifyServerEnvelope(r.envelope);
    assert.equal(m.kind, "batch");
    if (m.kind !== "batch") return;
    assert.equal(m.firstSeq, c.args!["first-seq"]);
    assert.deepEqual(m.events, c.args!["events"]);
  }
});

test("invalid-envelope.json: each text is rejected with its error", () => {
  for (const c of load("invalid-envelope.json").cases) {
    const r = parseEnvelope(c.text!);
    assert.equal(r.ok, false, c.name);
    if (!r.ok) assert.equal(r.error, c.error, c.name);
  }
});

test("bad-event.json: validateEvent gives each payload's error", () => {
  for (const c of load("bad-event.json").cases) {
    const r = parseEnvelope(JSON.stringify(c.message));
    assert.ok(r.ok, c.name);
    assert.equal(validateEvent(r.envelope.payload), c.error, c.name);
  }
});

test("rate-limit notice is an event outside a batch", () => {
  const r = parseEnvelope('[["chsk/error",{"reason":"rate-limited"}],null]');
  assert.ok(r.ok);
  assert.deepEqual(classifyServerEnvelope(r.envelope), { kind: "notice", event: ["chsk/error", { reason: "rate-limited" }] });
});
