/* A weak connection loses nothing: a check-in or a tally entry that cannot be sent is kept in
   this browser (IndexedDB) and sent again, in the order it was made, when the connection
   returns. Each carries a key made here ("client_key"); the server does an operation once
   whatever the number of times its key arrives, so sending again is always safe.

   The bar ([data-wv-offline], templates/elections/meeting/partials/offline_bar.html) holds the
   translated sentences and the user's id: operations kept for someone else (another person
   logged in on this browser) are neither counted nor sent. Tabs of the same browser share the
   queue: one sends it at a time (Web Locks), and tells the others (BroadcastChannel). */
(function () {
  "use strict";

  var bar = document.querySelector("[data-wv-offline]");
  if (!bar || !window.indexedDB || !window.fetch) { return; }

  var USER = bar.getAttribute("data-wv-user");
  var KEY_FIELD = "client_key";
  var OPERATIONS = "operations";
  var NOTES = "notes";
  var RETRY_MS = 20000;
  var channel = window.BroadcastChannel ? new window.BroadcastChannel("wardvote-offline") : null;
  var state = { pending: 0, sent: 0, needsLogin: false, notes: [], last: "" };

  function text(name, values) {
    var template = bar.getAttribute("data-wv-text-" + name) || "";
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return values && key in values ? String(values[key]) : all;
    });
  }

  // A version 4 UUID from getRandomValues: crypto.randomUUID exists only on https or localhost.
  function newKey() {
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  // --- The store ------------------------------------------------------------------------

  var opening = null;
  function database() {
    if (!opening) {
      opening = new Promise(function (resolve, reject) {
        var request = window.indexedDB.open("wardvote-offline", 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore(OPERATIONS, { keyPath: "id", autoIncrement: true });
          request.result.createObjectStore(NOTES, { keyPath: "id", autoIncrement: true });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return opening;
  }

  // Runs ``work(transaction)`` and resolves, once the transaction is committed, to what it returned
  // (an IDBRequest's result when it returned a request).
  function transact(stores, mode, work) {
    return database().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(stores, mode);
        var outcome = work(transaction);
        transaction.oncomplete = function () {
          resolve(outcome instanceof window.IDBRequest ? outcome.result : outcome);
        };
        transaction.onerror = function () { reject(transaction.error); };
        transaction.onabort = function () { reject(transaction.error); };
      });
    });
  }

  // This user's rows of a store, oldest first (the keys grow with each row added).
  function mine(store) {
    return transact([store], "readonly", function (t) { return t.objectStore(store).getAll(); })
      .then(function (rows) { return rows.filter(function (row) { return row.user === USER; }); });
  }

  function keep(kind, url, formData, label) {
    var fields = [];
    formData.forEach(function (value, name) {
      // The CSRF token is read when the operation is sent: the one of that moment is valid.
      if (name !== "csrfmiddlewaretoken") { fields.push([name, String(value)]); }
    });
    var operation = { user: USER, kind: kind, url: url, fields: fields, label: label, keptAt: Date.now() };
    return transact([OPERATIONS], "readwrite", function (t) { return t.objectStore(OPERATIONS).add(operation); })
      .then(function () {
        state.sent = 0;
        state.last = text("kept", { what: label });
        return changed();
      });
  }

  // --- The bar --------------------------------------------------------------------------

  function refresh() {
    return Promise.all([mine(OPERATIONS), mine(NOTES)]).then(function (rows) {
      state.pending = rows[0].length;
      state.notes = rows[1];
      render();
    });
  }

  function changed(message) {
    if (channel) { channel.postMessage(message || { changed: true }); }
    return refresh();
  }

  function summary() {
    if (!navigator.onLine) { return text("offline", { n: state.pending }); }
    if (state.pending && state.needsLogin) { return text("log-in", { n: state.pending }); }
    if (state.pending) { return text("waiting", { n: state.pending }); }
    if (state.sent) { return text("sent", { n: state.sent }); }
    return "";
  }

  function fillList(list, notes) {
    list.replaceChildren.apply(list, notes.map(function (note) {
      var item = document.createElement("li");
      var label = document.createElement("strong");
      label.textContent = note.label + ": ";
      item.append(label, note.message);
      return item;
    }));
    list.closest("[data-wv-offline-notes]").hidden = notes.length === 0;
  }

  function render() {
    var line = summary();
    var problems = state.notes.filter(function (note) { return !note.ok; });
    var answers = state.notes.filter(function (note) { return note.ok; });
    bar.querySelector("[data-wv-offline-summary]").textContent = line;
    var last = bar.querySelector("[data-wv-offline-last]");
    last.textContent = state.pending && state.last ? state.last : "";
    last.hidden = !last.textContent;
    bar.querySelector("[data-wv-offline-reload]").hidden = !(state.sent && !state.pending);
    fillList(bar.querySelector("[data-wv-offline-problems]"), problems);
    fillList(bar.querySelector("[data-wv-offline-answers]"), answers);
    var waiting = !navigator.onLine || state.pending > 0;
    bar.classList.toggle("alert-warning", waiting || problems.length > 0);
    bar.classList.toggle("alert-success", !waiting && !problems.length && state.sent > 0);
    bar.classList.toggle("alert-info", !waiting && !problems.length && !state.sent);
    bar.hidden = !line && !state.notes.length;
  }

  // --- Sending again --------------------------------------------------------------------

  function csrfToken() {
    var cookie = document.cookie.split("; ").filter(function (c) { return c.indexOf("csrftoken=") === 0; })[0];
    if (cookie) { return decodeURIComponent(cookie.slice("csrftoken=".length)); }
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  // The server's word on one operation: it leaves the queue; a refusal, and a tally's answer,
  // stay listed until the team has read them.
  function settle(operation, answer) {
    var worthNoting = !answer.ok || operation.kind === "tally";
    return transact([OPERATIONS, NOTES], "readwrite", function (t) {
      t.objectStore(OPERATIONS).delete(operation.id);
      if (worthNoting) {
        t.objectStore(NOTES).add({
          user: USER, label: operation.label, message: answer.message, ok: answer.ok, at: Date.now()
        });
      }
    }).then(function () { return "sent"; });
  }

  // "sent" when the server answered for good, "stop" when it must be tried again later: no
  // connection, the server down, or the session over (the login page, a refused CSRF token).
  function send(operation) {
    var body = new URLSearchParams();
    operation.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    return window.fetch(operation.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": csrfToken(), "X-WV-Queued": "1", "Accept": "application/json" }
    }).then(function (response) {
      var isJson = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (response.type === "opaqueredirect" || (response.status === 403 && !isJson)) {
        state.needsLogin = true;
        return "stop";
      }
      state.needsLogin = false;
      if (isJson) {
        return response.json().then(function (answer) { return settle(operation, answer); });
      }
      if (response.status >= 500) { return "stop"; }
      return settle(operation, { ok: false, message: text("failed", { status: response.status }) });
    }, function () { return "stop"; });
  }

  function sendAll() {
    return mine(OPERATIONS).then(function (operations) {
      var sent = 0;
      function next(index) {
        if (index >= operations.length) { return sent; }
        return send(operations[index]).then(function (outcome) {
          if (outcome === "stop") { return sent; }
          sent += 1;
          return next(index + 1);
        });
      }
      return next(0);
    });
  }

  var sending = false;
  function replay() {
    if (sending || !navigator.onLine) { return Promise.resolve(); }
    sending = true;
    var run = navigator.locks
      ? navigator.locks.request("wardvote-offline-send", sendAll)
      : sendAll();
    return run.then(function (sent) {
      if (sent) {
        state.sent = sent;
        state.last = "";
        return changed({ sent: sent });
      }
      return refresh();
    }).catch(function () { return refresh(); }).then(function () { sending = false; });
  }

  // --- Check-in (htmx) --------------------------------------------------------------------

  function checkInForm(element) {
    return element && element.closest ? element.closest("[data-wv-check-in]") : null;
  }

  function keepCheckIn(config) {
    var form = checkInForm(config.elt);
    var what = form.getAttribute("data-wv-label") || config.formData.get("q") || "";
    var url = new URL(config.path, window.location.href).href;
    var label = text("check-in", { what: what });
    var status = document.getElementById("check-in-status");
    function say(kind, sentence) {
      if (!status) { return; }
      var note = document.createElement("div");
      note.className = "alert py-2 mb-2 alert-" + kind;
      note.textContent = sentence;
      status.replaceChildren(note);
    }
    keep("check-in", url, config.formData, label).then(function () {
      say("warning", text("kept", { what: label }));
      var button = form.querySelector("button[type=submit]:not([data-wv-no-js])");
      if (button) {
        button.disabled = true;
        button.textContent = text("kept-button");
      }
      var box = document.getElementById("household-search");
      if (box) {
        if (box.value === config.formData.get("q")) { box.value = ""; }
        box.focus();
      }
    }, function () {
      // This browser cannot store it (storage refused or full): said at once, not lost unseen.
      say("danger", text("not-kept", { what: label }));
    });
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var config = event.detail;
    if (config.verb === "post" && checkInForm(config.elt)) {
      config.parameters[KEY_FIELD] = newKey();
      if (!navigator.onLine) {
        event.preventDefault();
        keepCheckIn(config);
      }
    } else if (!navigator.onLine) {
      // A search or the meter's refresh would only fail: the page waits for the connection.
      event.preventDefault();
    }
  });

  // Sent, and no answer (the connection dropped on the way): kept with the same key, so if the
  // server did receive it, sending it again changes nothing.
  document.addEventListener("htmx:sendError", function (event) {
    var config = event.detail.requestConfig;
    if (config && config.verb === "post" && checkInForm(config.elt)) { keepCheckIn(config); }
  });

  // --- The tally form ---------------------------------------------------------------------

  document.addEventListener("submit", function (event) {
    var form = event.target.closest && event.target.closest("form[data-wv-offline-form]");
    if (!form) { return; }
    var key = form.querySelector("input[name=" + KEY_FIELD + "]");
    if (!key) {
      key = document.createElement("input");
      key.type = "hidden";
      key.name = KEY_FIELD;
      key.value = newKey();
      form.append(key);
    }
    if (navigator.onLine) { return; }  // posted as usual, with its key: a re-post is done once
    event.preventDefault();
    var label = text("tally", { what: form.getAttribute("data-wv-label") || "" });
    keep("tally", form.action, new FormData(form), label).then(function () {
      key.remove();  // a corrected entry typed next is another operation, with a key of its own
    }, function () {
      var summary = bar.querySelector("[data-wv-offline-summary]");
      summary.textContent = text("not-kept", { what: label });
      bar.hidden = false;
    });
  });

  // --- When to send -----------------------------------------------------------------------

  bar.querySelector("[data-wv-offline-clear]").addEventListener("click", function () {
    transact([NOTES], "readwrite", function (t) {
      var store = t.objectStore(NOTES);
      state.notes.forEach(function (note) { store.delete(note.id); });
    }).then(function () { return changed(); });
  });

  if (channel) {
    channel.onmessage = function (event) {
      if (event.data && event.data.sent) {
        state.sent = event.data.sent;
        state.last = "";
      }
      refresh();
    };
  }
  window.addEventListener("online", function () { render(); replay(); });
  window.addEventListener("offline", function () { state.sent = 0; render(); });
  window.setInterval(function () { if (state.pending) { replay(); } }, RETRY_MS);
  refresh().then(replay).then(function () { bar.setAttribute("data-wv-ready", ""); });
})();
