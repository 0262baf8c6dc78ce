import { DEFAULT_PATH } from "./protocol";
import type { FetchLike } from "./transports/ITransport";

/** A CSRF token, or nothing (no token is sent). */
export type CsrfTokenValue = string | null | undefined;

/**
 * Fetches a CSRF token from Sente's token endpoint (`GET {path}/csrf-token` → `{"token": "..."}`),
 * for `csrfToken: () => fetchCsrfToken()`. Resolves to null on a non-2xx status; rejects on a
 * network error or a body that is not JSON.
 */
export async function fetchCsrfToken(url: string = DEFAULT_PATH + "/csrf-token", fetchImpl?: FetchLike): Promise<string | null> {
  const f = fetchImpl ?? (globalThis as { fetch?: FetchLike }).fetch?.bind(globalThis);
  if (f === undefined) throw new Error("No fetch implementation");
  const base = (globalThis as { location?: { href: string } }).location?.href;
  const target = base !== undefined ? new URL(url, base).toString() : url;
  const res = await f(target, { method: "GET", headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (res.status < 200 || res.status >= 300) return null;
  const body = JSON.parse(await res.text()) as unknown;
  const token = body !== null && typeof body === "object" ? (body as { token?: unknown }).token : undefined;
  return typeof token === "string" && token !== "" ? token : null;
}

/** True for a Promise or any other thenable (what an async `csrfToken` function returns). */
export function isThenable(v: unknown): v is PromiseLike<CsrfTokenValue> {
  return v !== null && (typeof v === "object" || typeof v === "function") && typeof (v as { then?: unknown }).then === "function";
}
