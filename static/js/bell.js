/* The notification bell: unread count and dropdown, live over /ws/notifications (issue 6).
 *
 * The server sends {meta, notif_count, notifs} on connect, on every new notification and whenever
 * notifications are marked read (in any tab). Marking read goes through the API with the session cookie and
 * the CSRF token. When the socket drops it reconnects with exponential backoff (1 s … 30 s, jittered) and
 * re-syncs the count from the API, so nothing is missed. Close code 4401 means "not signed in": stop.
 * Every message is also dispatched as the DOM event "eventyay:socket" (detail: the message) for other
 * scripts, e.g. the progress of an export ({task: {id, state, percent, step}}). */
(function () {
  "use strict";

  var bell = document.getElementById("notification-bell");
  if (!bell) return;

  var countEl = document.getElementById("notification-count");
  var listEl = document.getElementById("notification-list");
  var emptyEl = document.getElementById("notification-empty");
  var markAllEl = document.getElementById("notification-mark-all");
  var JSONAPI = "application/vnd.api+json";
  var MAX_DELAY = 30000;
  var attempts = 0;
  var socket = null;
  var everConnected = false;
  var timer = null;

  function setCount(n) {
    n = Math.max(0, Number(n) || 0);
    countEl.textContent = n > 99 ? "99+" : String(n);
    countEl.hidden = n === 0;
    bell.dataset.count = String(n);
  }

  function htmlToText(html) {
    /* parsed in an inert document (no scripts run, no images load), then read back as text */
    return new DOMParser().parseFromString(String(html || ""), "text/html").documentElement.textContent;
  }

  function renderList(notifs) {
    listEl.textContent = "";
    (notifs || []).forEach(function (n) {
      var item = document.createElement("div");
      item.className = "list-group-item notification-item";
      item.dataset.id = n.id;
      var head = document.createElement("div");
      head.className = "d-flex justify-content-between align-items-start gap-2";
      var title = document.createElement("strong");
      title.className = "notification-title";
      title.textContent = htmlToText(n.title); /* an HTML-escaped text on the server: shown as text */
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-secondary notification-mark-read";
      button.textContent = "Mark read";
      button.addEventListener("click", function () { markRead(n.mark_read, item); });
      head.appendChild(title);
      head.appendChild(button);
      var message = document.createElement("div");
      message.className = "small notification-message";
      message.innerHTML = n.message || ""; /* user text escaped, tags limited (no images) on the server (nh3) */
      var when = document.createElement("div");
      when.className = "small text-muted";
      when.textContent = n.received;
      item.appendChild(head);
      item.appendChild(message);
      item.appendChild(when);
      listEl.appendChild(item);
    });
    emptyEl.hidden = listEl.children.length > 0;
  }

  function render(payload) {
    if (!payload || typeof payload.notif_count === "undefined") return;
    setCount(payload.notif_count);
    renderList(payload.notifs);
  }

  function api(method, url) {
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: { "Accept": JSONAPI, "X-CSRFToken": bell.dataset.csrf, "X-Requested-With": "XMLHttpRequest" }
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  function markRead(url, item) {
    api("POST", url).then(function (body) {
      if (item && item.parentNode) item.parentNode.removeChild(item);
      emptyEl.hidden = listEl.children.length > 0;
      if (body.meta && typeof body.meta["unread-count"] !== "undefined") setCount(body.meta["unread-count"]);
    }).catch(resync);
  }

  function resync() {
    /* the count (and the newest unread) straight from the API: used after a reconnect */
    var url = bell.dataset.listUrl + "?filter[is-read]=false&sort=-received-at&page[size]=10";
    return api("GET", url).then(function (body) {
      setCount(body.meta && body.meta["unread-count"]);
    }).catch(function () { /* the socket's own state message follows anyway */ });
  }

  markAllEl.addEventListener("click", function () {
    api("POST", bell.dataset.markAllUrl).then(function (body) {
      renderList([]);
      setCount(body.meta ? body.meta["unread-count"] : 0);
    }).catch(resync);
  });

  function connect() {
    if (timer) { window.clearTimeout(timer); timer = null; }
    if (socket) return;
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    bell.dataset.socket = "connecting";
    socket = new WebSocket(scheme + window.location.host + bell.dataset.wsPath);
    socket.onopen = function () {
      attempts = 0;
      bell.dataset.socket = "open";
      if (everConnected) resync();
      everConnected = true;
    };
    socket.onmessage = function (event) {
      var payload;
      try { payload = JSON.parse(event.data); } catch (e) { return; /* ignore a malformed frame */ }
      render(payload);
      /* other scripts (task progress bars) listen to the same socket through this DOM event */
      document.dispatchEvent(new CustomEvent("eventyay:socket", { detail: payload }));
    };
    socket.onclose = function (event) {
      socket = null;
      if (event.code === 4401) { bell.dataset.socket = "unauthenticated"; return; }
      bell.dataset.socket = "closed";
      var delay = Math.min(MAX_DELAY, 1000 * Math.pow(2, attempts));
      attempts += 1;
      timer = window.setTimeout(connect, delay / 2 + Math.random() * delay / 2);
    };
  }

  window.addEventListener("online", function () { if (!socket) connect(); });
  connect();
})();
