/*
 * The request form's print button. The button is in the page, hidden: it is shown
 * only here, so that a reader without JavaScript never sees a button that does
 * nothing (the browser's own Print still works). A file, not an inline script:
 * the site's Content-Security-Policy allows no inline script.
 */
(function () {
  "use strict";
  var area = document.querySelector("[data-th-print-area]");
  var button = area && area.querySelector("[data-th-print]");
  if (!button || typeof window.print !== "function") {
    return;
  }
  button.addEventListener("click", function () {
    window.print();
  });
  area.hidden = false;
}());
