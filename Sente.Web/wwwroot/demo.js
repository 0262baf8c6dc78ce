// The demo chat: sign in (dev login), post to everyone, watch the connection. Application code on
// top of /sente.js; nothing here is part of the library.
import { Sente } from "/sente.js";

const $ = (id) => document.getElementById(id);
let chsk = null;
let csrfToken = null;
let received = 0;
let gaps = 0;

async function whoAmI() {
  const res = await fetch("/whoami");
  return res.ok ? (await res.json()).uid : null;
}

async function fetchCsrfToken() {
  const res = await fetch("/chsk/csrf-token");
  return res.ok ? (await res.json()).token : null;
}

function addMessage(from, text) {
  const li = document.createElement("li");
  const who = document.createElement("span");
  who.className = "from";
  who.textContent = from;
  li.append(who, document.createTextNode(text));
  $("messages").append(li);
  li.scrollIntoView({ block: "end" });
}

function render(state) {
  const status = $("status");
  status.textContent = state.open ? `connected over ${state.type === "ws" ? "WebSocket" : "Ajax"}` : "reconnecting…";
  status.className = `status ${state.open ? "open" : "closed"}`;
  $("uid").textContent = state.uid ?? "–";
  $("transport").textContent = state.type === "ws" ? "WebSocket" : state.type === "ajax" ? "Ajax long-polling" : state.type;
  $("seq").textContent = String(state.seq);
}

function connect(type) {
  chsk?.disconnect();
  chsk = Sente.connect("/chsk", { type, csrfToken: () => csrfToken });
  chsk.onState((state, previous) => {
    if (state.lastSeqGap && state.lastSeqGap !== previous.lastSeqGap) {
      gaps++;
      $("gaps").textContent = String(gaps);
    }
    if (state.open && state.resumed === false) {
      addMessage("system", "some events were lost while disconnected (resumed: false)");
    }
    render(state);
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

async function refreshUsers() {
  let users;
  try {
    const res = await fetch("/api/connected-users");
    if (!res.ok) return;
    users = await res.json();
  } catch {
    return; // server unreachable: keep the last list; the status badge already says "reconnecting…"
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
  csrfToken = await fetchCsrfToken();
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
$("force-ajax").addEventListener("click", () => connect("ajax"));
$("logout").addEventListener("click", async () => {
  chsk?.disconnect();
  await fetch("/logout", { method: "POST" });
  location.reload();
});

start();
