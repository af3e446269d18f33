/* The ward's public page: find one's khu phố by name, diacritics or not ("khu pho 3" finds
   "Khu phố 3"), without asking the server. Without this script the page still lists every
   khu phố with a link to its section. */
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }
  function setUp() {
    var form = document.querySelector("[data-wv-khu-pho-search]");
    if (!form) { return; }
    var input = form.querySelector("input");
    var empty = form.querySelector("[data-wv-search-empty]");
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-wv-khu-pho]"));
    function filter() {
      var query = fold(input.value);
      var shown = items.filter(function (item) {
        var match = !query || fold(item.getAttribute("data-wv-khu-pho")).indexOf(query) !== -1;
        item.hidden = !match;
        return match;
      });
      empty.hidden = shown.length > 0;
      return shown;
    }
    input.addEventListener("input", filter);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var shown = filter();
      var query = fold(input.value);
      // The khu phố named exactly as typed, else the first that matches.
      var exact = shown.filter(function (item) { return fold(item.getAttribute("data-wv-khu-pho")) === query; });
      var chosen = exact[0] || shown[0];
      if (chosen) { window.location.assign(chosen.querySelector("a").getAttribute("href")); }
    });
    form.hidden = false;
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
