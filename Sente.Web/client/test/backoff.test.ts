import { test } from "node:test";
import assert from "node:assert/strict";
import { BACKOFF_CAP_MS, defaultBackoffMs } from "../src/sente";

test("attempt 1 reconnects at once", () => {
  assert.equal(defaultBackoffMs(1, () => 0.99), 0);
  assert.equal(defaultBackoffMs(0), 0);
});

test("attempt n >= 2 is in [2^n, 2^(n+1)) x 500 ms", () => {
  for (let n = 2; n <= 5; n++) {
    const lo = 2 ** n * 500;
    const hi = 2 ** (n + 1) * 500;
    assert.equal(defaultBackoffMs(n, () => 0), lo);
    assert.ok(defaultBackoffMs(n, () => 0.999999) < hi);
    for (let i = 0; i < 200; i++) {
      const d = defaultBackoffMs(n);
      assert.ok(d >= lo && d < hi, `n=${n}: ${d}`);
    }
  }
  assert.equal(defaultBackoffMs(2, () => 0), 2000);
  assert.equal(defaultBackoffMs(3, () => 0.5), 6000);
});

test("backoff is capped at 60 s", () => {
  assert.equal(BACKOFF_CAP_MS, 60_000);
  assert.equal(defaultBackoffMs(6, () => 0.99), 60_000); // 32–64 s range, capped
  assert.equal(defaultBackoffMs(7, () => 0), 60_000);
  assert.equal(defaultBackoffMs(1000, () => 0.5), 60_000);
  for (let n = 2; n < 100; n++) assert.ok(defaultBackoffMs(n) <= 60_000);
});
