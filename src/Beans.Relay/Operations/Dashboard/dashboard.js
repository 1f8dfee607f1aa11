"use strict";
// The relay's dashboard: reads /api/status and /api/dead-letters, replays and purges.
// Everything shown is set as text, never as HTML.
(function () {
  const keyInput = document.getElementById("api-key");
  const message = document.getElementById("message");
  const rows = document.querySelector("#dead-letters tbody");
  let nextAfter = null;

  keyInput.value = sessionStorage.getItem("beans-relay-ops-key") || "";
  keyInput.addEventListener("change", () => {
    sessionStorage.setItem("beans-relay-ops-key", keyInput.value);
    refresh();
  });

  async function api(method, path) {
    const headers = {};
    if (keyInput.value) headers["X-Api-Key"] = keyInput.value;
    const response = await fetch(path, { method, headers, cache: "no-store" });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.detail || body.title || ("HTTP " + response.status));
    return body;
  }

  function say(text, isError) {
    message.textContent = text;
    message.className = isError ? "error" : "";
  }

  function filterQuery() {
    const query = new URLSearchParams();
    const type = document.getElementById("filter-type").value.trim();
    const since = document.getElementById("filter-since").value.trim();
    if (type) query.set("type", type);
    if (since) query.set("since", since);
    return query;
  }

  function age(seconds) {
    if (seconds === null || seconds === undefined) return "none pending";
    if (seconds < 90) return Math.round(seconds) + " s";
    if (seconds < 5400) return Math.round(seconds / 60) + " min";
    return (seconds / 3600).toFixed(1) + " h";
  }

  function set(id, text) { document.getElementById(id).textContent = text; }

  async function loadStatus() {
    const status = await api("GET", "/api/status");
    const outbox = status.outbox;
    set("pending", outbox.pending);
    set("waiting", outbox.waiting_for_retry);
    set("delivered-hour", outbox.delivered_last_hour);
    set("delivered-day", outbox.delivered_last_day);
    set("dead", outbox.dead);
    set("oldest", age(status.oldest_pending_age_seconds));
    const relay = status.relay;
    const badge = document.getElementById("relay-state");
    if (!relay.running) {
      set("paused", "unknown");
      set("consumer", "unknown");
      badge.textContent = "relay not running";
      badge.className = "badge bad";
      return;
    }
    set("paused", relay.paused ? "paused: " + (relay.pause_reason || "") : "running");
    set("consumer", relay.consumer_connected ? "connected" : "disconnected");
    const healthy = !relay.paused && relay.consumer_connected;
    badge.textContent = healthy ? "healthy" : "needs attention";
    badge.className = "badge " + (healthy ? "ok" : "bad");
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "-" : String(text);
    if (className) td.className = className;
    row.appendChild(td);
  }

  function button(row, label, action, className) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    if (className) b.className = className;
    b.addEventListener("click", action);
    row.appendChild(b);
  }

  function addRow(item) {
    const tr = document.createElement("tr");
    tr.dataset.id = item.id;
    cell(tr, item.id);
    cell(tr, item.event_id);
    cell(tr, item.type);
    cell(tr, item.entity);
    cell(tr, item.attempts);
    cell(tr, item.last_status);
    cell(tr, item.when ? new Date(item.when).toLocaleString() : null);
    cell(tr, item.last_error, "reason");
    const actions = document.createElement("td");
    button(actions, "Replay", () => change("POST", "/api/dead-letters/" + item.id + "/replay", "replay"), "replay");
    button(actions, "Purge", () => {
      if (confirm("Delete dead letter " + item.id + " for good?")) {
        change("DELETE", "/api/dead-letters/" + item.id, "purge");
      }
    }, "danger purge");
    tr.appendChild(actions);
    rows.appendChild(tr);
  }

  async function loadDeadLetters(append) {
    const query = filterQuery();
    query.set("limit", "100");
    if (append && nextAfter) query.set("after", nextAfter);
    const page = await api("GET", "/api/dead-letters?" + query);
    if (!append) rows.replaceChildren();
    page.items.forEach(addRow);
    nextAfter = page.next_after;
    document.getElementById("more").hidden = !nextAfter;
    set("total", page.total + " matching dead letter" + (page.total === 1 ? "" : "s"));
  }

  async function change(method, path, verb) {
    try {
      const result = await api(method, path);
      const count = verb === "replay" ? result.replayed : result.purged;
      say((verb === "replay" ? "Replayed " : "Purged ") + count + " dead letter" + (count === 1 ? "" : "s") + ".");
      await refresh();
    } catch (error) {
      say("Could not " + verb + ": " + error.message, true);
    }
  }

  async function refresh() {
    try {
      await loadStatus();
      await loadDeadLetters(false);
    } catch (error) {
      say(error.message, true);
    }
  }

  document.getElementById("filter").addEventListener("submit", (event) => {
    event.preventDefault();
    refresh();
  });
  document.getElementById("more").addEventListener("click", () => loadDeadLetters(true).catch((e) => say(e.message, true)));
  document.getElementById("replay-all").addEventListener("click", () =>
    change("POST", "/api/dead-letters/replay?" + filterQuery(), "replay"));
  document.getElementById("purge-all").addEventListener("click", () => {
    if (confirm("Delete every matching dead letter for good?")) {
      change("POST", "/api/dead-letters/purge?" + filterQuery(), "purge");
    }
  });

  refresh();
  setInterval(() => { if (!document.hidden) loadStatus().catch((e) => say(e.message, true)); }, 3000);
})();
