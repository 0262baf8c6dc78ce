import { QueryKeys } from "../protocol";
/** `url` with `params` merged in (Sente's own keys, set after, win). */
export declare function buildUrl(base: string, scheme: "http" | "ws", params: Record<string, string>, own: Record<string, string | number | null | undefined>): string;
export { QueryKeys };
