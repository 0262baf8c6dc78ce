// Typings of /sente.js (and of window.Sente in /sente.global.js). `npm run build` in client/
// writes the declarations into types/; this file only points at them.
export * from "./types/sente";
export { default } from "./types/sente";
