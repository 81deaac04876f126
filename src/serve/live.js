/* spodeli serve: live reload, injected into served pages only (never into `build` output). */
(function () {
  "use strict";
  var overlay = null;
  function hide() { if (overlay) { overlay.remove(); overlay = null; } }
  function show(heading, problems) {
    hide();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,20,.92);color:#fff;" +
      "font:15px/1.5 ui-monospace,Consolas,monospace;padding:2rem;overflow:auto;white-space:pre-wrap";
    var title = document.createElement("strong");
    title.textContent = heading + "\n\n";
    overlay.appendChild(title);
    problems.forEach(function (p) { overlay.appendChild(document.createTextNode(p + "\n")); });
    document.body.appendChild(overlay);
  }
  var address = document.currentScript.src.replace(/live\.js$/, "events");
  var events = null;
  var version = null;
  function reloadCss() {
    hide();
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("v", Date.now());
      link.href = url.href;
    });
  }
  function connect() {
    events = new EventSource(address);
    // The server's count of changes: a page back in the foreground reloads if it missed one.
    events.addEventListener("hello", function (e) {
      if (version !== null && e.data !== version) location.reload();
      version = e.data;
    });
    events.addEventListener("reload", function () { location.reload(); });
    // Some pages changed (books made after an edit): only those reload.
    events.addEventListener("pages", function (e) {
      var data = JSON.parse(e.data);
      version = data.version;
      if (data.pages.split("\n").indexOf(location.pathname) >= 0) location.reload();
    });
    events.addEventListener("css", function (e) {
      version = e.data;
      reloadCss();
    });
    events.addEventListener("problems", function (e) {
      var data = JSON.parse(e.data);
      show(data.title, data.problems);
    });
  }
  // A browser opens a few connections per host at most (six in Chromium): pages in background
  // tabs let theirs go, so that many open tabs never keep a page from loading.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden && events) {
      events.close();
      events = null;
    } else if (!document.hidden && !events) {
      connect();
    }
  });
  connect();
})();
