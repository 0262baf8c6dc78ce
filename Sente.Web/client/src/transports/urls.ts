import { QueryKeys } from "../protocol";

/** `url` with `params` merged in (Sente's own keys, set after, win). */
export function buildUrl(base: string, scheme: "http" | "ws", params: Record<string, string>, own: Record<string, string | number | null | undefined>): string {
  const u = new URL(base);
  if (scheme === "ws") {
    if (u.protocol === "http:") u.protocol = "ws:";
    else if (u.protocol === "https:") u.protocol = "wss:";
  } else {
    if (u.protocol === "ws:") u.protocol = "http:";
    else if (u.protocol === "wss:") u.protocol = "https:";
  }
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  for (const [k, v] of Object.entries(own)) {
    if (v !== null && v !== undefined) u.searchParams.set(k, String(v));
  }
  return u.toString();
}

export { QueryKeys };
