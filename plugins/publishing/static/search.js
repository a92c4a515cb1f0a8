/*
 * The search page, enhanced: replaces the plain form and the list of every page
 * with Pagefind's search interface. A file, not an inline script: the site's
 * Content-Security-Policy allows no inline script. Without it (or without
 * JavaScript) the page keeps the form and the list.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-th-search]");
  if (!root || typeof window.PagefindUI !== "function") {
    return;
  }
  var target = root.querySelector("[data-th-search-ui]");
  var ui = new window.PagefindUI({
    element: target,
    bundlePath: root.getAttribute("data-bundle"),
    // The interface text in the page's language, from our gettext catalogs.
    translations: JSON.parse(root.getAttribute("data-translations")),
    showImages: false,
    showSubResults: true
  });
  var plain = root.querySelectorAll("[data-th-search-fallback]");
  for (var i = 0; i < plain.length; i += 1) {
    plain[i].hidden = true;
  }
  target.hidden = false;
  // Pagefind's box has a placeholder but no label: give it ours, visible above it.
  var label = root.querySelector("[data-th-search-label]");
  var labelBox = function () {
    var box = target.querySelector("input");
    if (!box || !label) {
      return false;
    }
    // The label names the box only once the box exists: a "for" without its control is invalid HTML.
    box.id = label.getAttribute("data-th-search-label");
    label.htmlFor = box.id;
    label.hidden = false;
    return true;
  };
  if (!labelBox() && typeof MutationObserver === "function") {
    var observer = new MutationObserver(function () {
      if (labelBox()) {
        observer.disconnect();
      }
    });
    observer.observe(target, {childList: true, subtree: true});
  }
  // A search sent from the plain form (or a shared link): ?q=…
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
}());
