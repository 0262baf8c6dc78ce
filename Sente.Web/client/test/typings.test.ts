import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

// Bundled into build-test/, so the package is one folder up.
const clientDir = join(dirname(fileURLToPath(import.meta.url)), "..");

test("the served typings (wwwroot/sente.d.ts) type-check an application's use and reject misuse", () => {
  const tsc = join(clientDir, "node_modules", ".bin", "tsc");
  assert.ok(existsSync(tsc), `TypeScript is missing (${tsc}): run npm ci in Sente.Web/client`);
  const result = spawnSync(
    tsc,
    ["--ignoreConfig", "--noEmit", "--strict", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler", "--lib", "es2022,dom", "--types", "", "test/typings/use-sente.ts"],
    { cwd: clientDir, encoding: "utf8" },
  );
  assert.equal(result.status, 0, `tsc failed:\n${result.stdout}${result.stderr}`);
});
