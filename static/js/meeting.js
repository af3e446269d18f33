/* The meeting page: its sections as tabs (the server marks the current one), and check-in in
   place — the search box keeps the focus and is cleared after each household checked in.
   Without this script every section shows, one under the other, and every form posts. */
(function () {
  "use strict";

  function setUpSections() {
    var container = document.querySelector("[data-wv-sections]");
    if (!container) { return; }
    var tabs = Array.prototype.slice.call(document.querySelectorAll("[data-wv-tab]"));
    var keys = tabs.map(function (tab) { return tab.getAttribute("data-wv-tab"); });
    function show(key) {
      container.querySelectorAll("[data-wv-panel]").forEach(function (panel) {
        panel.hidden = panel.id !== key;
      });
      tabs.forEach(function (tab) {
        var on = tab.getAttribute("data-wv-tab") === key;
        tab.classList.toggle("active", on);
        tab.setAttribute("aria-selected", on ? "true" : "false");
        // Only the open tab is in the tab order; the arrow keys move between tabs (ARIA tabs).
        tab.tabIndex = on ? 0 : -1;
      });
      // What a hidden panel received (the arrivals chart, loaded by htmx) is measured now it shows.
      document.dispatchEvent(new CustomEvent("wv:panel-shown"));
    }
    function choose(tab) {
      var key = tab.getAttribute("data-wv-tab");
      show(key);
      window.history.replaceState(null, "", "#" + key);
    }
    var asked = window.location.hash.slice(1);
    show(keys.indexOf(asked) >= 0 ? asked : container.getAttribute("data-wv-sections"));
    tabs.forEach(function (tab) {
      tab.addEventListener("click", function (event) {
        event.preventDefault();
        choose(tab);
      });
      tab.addEventListener("keydown", function (event) {
        var index = tabs.indexOf(tab);
        var next = {
          ArrowRight: tabs[(index + 1) % tabs.length],
          ArrowLeft: tabs[(index - 1 + tabs.length) % tabs.length],
          Home: tabs[0],
          End: tabs[tabs.length - 1]
        }[event.key];
        if (next) {
          event.preventDefault();
          next.focus();
          choose(next);
        } else if (event.key === " ") {
          // A link opens on Enter only; a tab opens on Space too.
          event.preventDefault();
          choose(tab);
        }
      });
    });
  }

  // Who has not come yet and the arrivals chart fold under the check-in on a phone, so that the
  // page stays a few screens long; on a wider screen they open by themselves. A folded section is
  // not polled (nobody reads it) and, opened, refreshes at once rather than at the next poll.
  var WIDE = "(min-width: 768px)";
  function setUpFolds() {
    document.querySelectorAll("details[data-wv-fold]").forEach(function (fold) {
      fold.addEventListener("toggle", function () {
        if (!fold.open) { return; }
        if (window.htmx) {
          fold.querySelectorAll("[hx-get]").forEach(function (element) {
            window.htmx.trigger(element, "wv:unfold");
          });
        }
        document.dispatchEvent(new CustomEvent("wv:panel-shown"));
      });
      if (window.matchMedia(WIDE).matches) { fold.open = true; }
    });
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var fold = event.detail.elt.closest && event.detail.elt.closest("details[data-wv-fold]");
    if (fold && !fold.open && event.detail.requestConfig.verb === "get") { event.preventDefault(); }
  });

  function searchBox() { return document.getElementById("household-search"); }

  // A tap on a check-in button must not take the focus (and the phone's keyboard) from the box.
  document.addEventListener("mousedown", function (event) {
    var button = event.target.closest && event.target.closest("[data-wv-check-in] button");
    if (button && searchBox()) { event.preventDefault(); }
  });

  // What the box held when a check-in was sent: cleared after it only if nothing new was typed
  // meanwhile (the next household's name, typed while the answer was on its way, is kept).
  var sent = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var box = searchBox();
    if (box && event.detail.requestConfig.verb === "post" &&
        event.detail.elt.closest && event.detail.elt.closest("[data-wv-check-in]")) {
      sent = box.value;
    }
  });

  function afterCheckIn(status) {
    var box = searchBox();
    if (!box) { return; }
    if (status.hasAttribute("data-wv-done")) {
      if (sent === null || box.value === sent) { box.value = ""; }
      sent = null;
      var list = document.getElementById("attendance-list");
      if (list) {
        list.querySelectorAll("[data-wv-empty]").forEach(function (row) { row.remove(); });
        var size = parseInt(list.getAttribute("data-wv-page-size"), 10) || 15;
        while (list.children.length > size) { list.lastElementChild.remove(); }
      }
    }
    box.focus();
  }

  if (window.htmx) {
    window.htmx.onLoad(function (element) {
      if (element.id === "check-in-status") { afterCheckIn(element); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    // With htmx, Enter in the search box checks in the one household found: no "Tìm" button.
    document.querySelectorAll("[data-wv-no-js]").forEach(function (element) { element.hidden = true; });
    setUpSections();
    setUpFolds();
  });
})();
