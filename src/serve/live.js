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
  var events = new EventSource(document.currentScript.src.replace(/live\.js$/, "events"));
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("css", function () {
    hide();
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("v", Date.now());
      link.href = url.href;
    });
  });
  events.addEventListener("problems", function (e) {
    var data = JSON.parse(e.data);
    show(data.title, data.problems);
  });
})();
