/*
 * Development builds only (PUBLISHING_LIVE_RELOAD, turned on by `invoke serve`):
 * load the livereload server's client, which reloads the page after a rebuild.
 * The server adds an inline snippet that does the same, but the site's
 * Content-Security-Policy blocks inline scripts; this file is allowed.
 */
(function () {
  "use strict";
  var port = window.location.port || (window.location.protocol === "https:" ? "443" : "80");
  var client = document.createElement("script");
  client.src = "/livereload.js?port=" + port;
  document.head.appendChild(client);
}());
