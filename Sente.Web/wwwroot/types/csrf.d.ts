import type { FetchLike } from "./transports/ITransport";
/** A CSRF token, or nothing (no token is sent). */
export type CsrfTokenValue = string | null | undefined;
/**
 * Fetches a CSRF token from Sente's token endpoint (`GET {path}/csrf-token` → `{"token": "..."}`),
 * for `csrfToken: () => fetchCsrfToken()`. Resolves to null on a non-2xx status; rejects on a
 * network error or a body that is not JSON.
 */
export declare function fetchCsrfToken(url?: string, fetchImpl?: FetchLike): Promise<string | null>;
/** True for a Promise or any other thenable (what an async `csrfToken` function returns). */
export declare function isThenable(v: unknown): v is PromiseLike<CsrfTokenValue>;
