// Compiled against the served typings (../../../wwwroot/sente.d.ts) by typings.test.ts: what an
// application writes must type-check, and what it must not write must not.
import Sente, { connect, fetchCsrfToken, SenteRequestError, type ChskState, type LastCloseReason } from "../../../wwwroot/sente";

const chsk = connect("/chsk", { type: "auto", csrfToken: () => fetchCsrfToken(), wsKaliveMs: 10_000, backoffMs: (n) => n * 1000 });
chsk.onState((state: Readonly<ChskState>, previous: Readonly<ChskState>) => {
  const reason: LastCloseReason | undefined = state.lastClose?.reason;
  console.log(state.open, previous.open, reason, state.resumed, state.udtNextReconnect);
});
chsk.on("chat/message", (data, { seq }) => console.log(data, seq));
const sent: boolean = chsk.send(["chat/post", { text: "hi" }], 5000, (reply) => console.log(reply));
chsk.request(["demo/echo", 1], 1000).catch((e: unknown) => e instanceof SenteRequestError && e.reason === "chsk/closed");
Sente.connect("/chsk", { type: "ajax" }).disconnect();
console.log(sent, chsk.clientId, chsk.state.seq);

// @ts-expect-error: not a transport type
connect("/chsk", { type: "carrier-pigeon" });
// @ts-expect-error: an event is [id, data?], not a bare id
chsk.send("chat/post");
