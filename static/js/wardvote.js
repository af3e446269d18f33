/* wardvote's own script. The Content-Security-Policy forbids style="" attributes, so
   the widths of progress bars travel as data-wv-width (a percentage) and are applied
   here, on the first load and on every fragment htmx swaps in. */
(function () {
  "use strict";
  function applyWidths(root) {
    var bars = root.querySelectorAll ? root.querySelectorAll("[data-wv-width]") : [];
    if (root.matches && root.matches("[data-wv-width]")) { bars = [root].concat(Array.from(bars)); }
    Array.prototype.forEach.call(bars, function (bar) {
      var percent = Math.max(0, Math.min(100, parseFloat(bar.getAttribute("data-wv-width")) || 0));
      bar.style.width = percent + "%";
    });
  }
  if (window.htmx) {
    window.htmx.onLoad(applyWidths);
  } else {
    document.addEventListener("DOMContentLoaded", function () { applyWidths(document); });
  }
})();

/* --- the candidate's household, found by search (issue 16) ---
   Enter in the candidate form's household search box searches; it must not send the form. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (event.key !== "Enter" || !box.closest || !box.closest("[data-testid=household-search]")) { return; }
    if (box.type !== "search") { return; }
    event.preventDefault();
    if (window.htmx) { window.htmx.trigger(box, "search"); }
  });
})();
