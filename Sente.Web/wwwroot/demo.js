// The demo chat: sign in (dev login), post to everyone, watch the connection. Application code on
// top of /sente.js; nothing here is part of the library.
import { Sente } from "/sente.js";

const $ = (id) => document.getElementById(id);
let chsk = null;
let received = 0;
let gaps = 0;
let requestedType = "auto";

async function whoAmI() {
  const res = await fetch("/whoami");
  return res.ok ? (await res.json()).uid : null;
}

function addMessage(from, text) {
  const li = document.createElement("li");
  if (from === "system") li.className = "system";
  else if (from === chsk?.state.uid) li.className = "mine";
  const time = document.createElement("time");
  time.textContent = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const who = document.createElement("span");
  who.className = "from";
  who.textContent = from;
  li.append(time, who, document.createTextNode(text));
  $("messages").append(li);
  li.scrollIntoView({ block: "end" });
}

function statusText(state) {
  if (state.open) return `connected over ${state.type === "ws" ? "WebSocket" : "Ajax"}`;
  const wait = state.udtNextReconnect ? Math.ceil((state.udtNextReconnect - Date.now()) / 1000) : 0;
  return wait > 0 ? `reconnecting in ${wait} s…` : "reconnecting…";
}

function render(state) {
  const status = $("status");
  status.textContent = statusText(state);
  status.className = `status ${state.open ? "open" : "closed"}`;
  $("force-ajax").textContent = requestedType === "ajax" ? "Back to auto" : "Force Ajax";
  $("uid").textContent = state.uid ?? "–";
  $("transport").textContent = state.type === "ws" ? "WebSocket" : state.type === "ajax" ? "Ajax long-polling" : state.type;
  $("seq").textContent = String(state.seq);
}

function connect(type) {
  requestedType = type;
  chsk?.disconnect();
  // The antiforgery token is bound to the signed-in user: fetched afresh for every connection
  // attempt, so a reconnect after a sign-in, or to a server with new keys, carries a valid one.
  chsk = Sente.connect("/chsk", { type, csrfToken: () => Sente.fetchCsrfToken() });
  chsk.onState((state, previous) => {
    if (state.lastSeqGap && state.lastSeqGap !== previous.lastSeqGap) {
      gaps++;
      $("gaps").textContent = String(gaps);
    }
    if (state.open && state.resumed === false) {
      addMessage("system", "some events were lost while disconnected (resumed: false)");
    }
    render(state);
    if (state.open && !previous.open) refreshUsers(); // we are in the list now (read-your-writes)
  });
  chsk.on("*", (_, { seq }) => {
    if (seq !== null) { // pushed events only
      received++;
      $("received").textContent = String(received);
      $("seq").textContent = String(seq);
    }
  });
  chsk.on("demo/broadcast", (data) => addMessage(data.from, data.text));
  window.chsk = chsk; // for the browser tests and the curious
}

// The connected-users view, asked over the channel socket (the HTTP API answers only loopback
// callers or holders of the API key, so a browser elsewhere could not use it).
let refreshing = false;

async function refreshUsers() {
  // Not while closed (the badge already says "reconnecting…"; keep the last list), and one at a
  // time: a slow answer must not pile up requests (each Ajax request holds one of the browser's
  // six connections to the server).
  if (!chsk?.state.open || refreshing) return;
  refreshing = true;
  let users;
  try {
    users = await chsk.request(["demo/connected-users"], 5000);
  } catch {
    return;
  } finally {
    refreshing = false;
  }
  const list = $("users");
  list.replaceChildren(...users.any.map((uid) => {
    const li = document.createElement("li");
    li.textContent = uid;
    const transport = document.createElement("span");
    transport.className = "transport";
    transport.textContent = [users.ws.includes(uid) && "ws", users.ajax.includes(uid) && "ajax"].filter(Boolean).join(" + ");
    li.append(transport);
    return li;
  }));
}

async function start() {
  const uid = await whoAmI();
  $("login").hidden = !!uid;
  $("app").hidden = !uid;
  if (!uid) return;
  connect("auto");
  refreshUsers();
  setInterval(refreshUsers, 2000);
}

$("login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  await fetch("/login", { method: "POST", body: new URLSearchParams(new FormData(e.target)), headers: { Accept: "application/json" } });
  await start();
});

$("post-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const input = $("text");
  const text = input.value.trim();
  if (!text || !chsk) return;
  input.value = "";
  try {
    await chsk.request(["demo/broadcast", { text }], 5000);
  } catch (err) {
    addMessage("system", `not sent (${err.reason ?? err.message})`);
    input.value = text;
  }
});

$("break").addEventListener("click", () => chsk?.breakConnection());
$("force-ajax").addEventListener("click", () => connect(requestedType === "ajax" ? "auto" : "ajax"));
// The reconnect countdown in the status badge.
setInterval(() => { if (chsk && !chsk.state.open) render(chsk.state); }, 1000);
$("logout").addEventListener("click", async () => {
  chsk?.disconnect();
  await fetch("/logout", { method: "POST" });
  location.reload();
});

start();
