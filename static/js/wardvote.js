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

/* --- keyboard access to what scrolls sideways ---
   A wide table or chart scrolls inside its box on a narrow screen; a keyboard user can scroll it
   only once it takes the focus (WCAG 2.1.1). Only boxes that do overflow and hold nothing
   focusable of their own become tab stops, so wide screens keep their short tab order. */
(function () {
  "use strict";
  var SCROLLERS = ".table-responsive, .wv-chart";
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";
  function update(root) {
    var boxes = root.querySelectorAll ? Array.from(root.querySelectorAll(SCROLLERS)) : [];
    if (root.matches && root.matches(SCROLLERS)) { boxes.push(root); }
    boxes.forEach(function (box) {
      var ours = box.hasAttribute("data-wv-scroll-focus");
      var overflows = box.scrollWidth > box.clientWidth;
      if (overflows && !ours && !box.querySelector(FOCUSABLE)) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-wv-scroll-focus", "");
      } else if (!overflows && ours) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-wv-scroll-focus");
      }
    });
  }
  if (window.htmx) { window.htmx.onLoad(update); }
  document.addEventListener("DOMContentLoaded", function () { update(document); });
  // A box swapped into a hidden tab measured nothing: measure again when the tab shows.
  document.addEventListener("wv:panel-shown", function () { update(document); });
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () { update(document); }, 150);
  });
})();
