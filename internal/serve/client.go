package serve

// reloadJS is the live-reload client, served at scriptPath and added to
// served pages as an external script (no inline code, so a strict
// Content-Security-Policy allows it).
const reloadJS = `// sitegen serve: live reload. Added to pages by the preview server only.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = (me && me.getAttribute("data-build")) || "";
  // base is the path the site is served under ("/handbook"), "" at the
  // root. The server's events name the site's own URLs ("/glossary/cto/"):
  // in a page they are base + URL.
  var base = (me && me.getAttribute("data-base")) || "";
  var scrollKey = "sitegen-scroll:" + location.pathname;
  var overlayID = "sitegen-overlay";

  // fileOf maps a same-origin URL to its file in the build:
  // "/glossary/cto/" (under base) is "glossary/cto/index.html"; a URL
  // outside base is no file of the site.
  function fileOf(href) {
    var u;
    try { u = new URL(href, location.href); } catch (e) { return ""; }
    if (u.origin !== location.origin) return "";
    var p = u.pathname;
    if (base) {
      if (p.slice(0, base.length + 1) !== base + "/") return "";
      p = p.slice(base.length);
    }
    try { p = decodeURIComponent(p); } catch (e) {}
    if (p.charAt(p.length - 1) === "/") p += "index.html";
    return p.slice(1);
  }

  function restoreScroll() {
    var saved = null;
    try {
      saved = sessionStorage.getItem(scrollKey);
      sessionStorage.removeItem(scrollKey);
    } catch (e) {}
    if (!saved) return;
    var xy = JSON.parse(saved);
    var go = function () { window.scrollTo(xy[0], xy[1]); };
    go();
    window.addEventListener("load", go, { once: true });
  }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    } catch (e) {}
    location.reload();
  }

  // shows says whether the page is, or embeds, one of the files.
  function shows(paths) {
    var set = new Set(paths);
    if (set.has(fileOf(location.href))) return true;
    var els = document.querySelectorAll(
      "script[src], img[src], iframe[src], video[src], audio[src], source[src], link[rel~='icon'][href]");
    for (var i = 0; i < els.length; i++) {
      if (set.has(fileOf(els[i].getAttribute("src") || els[i].getAttribute("href")))) return true;
    }
    return false;
  }

  function replaceLink(old, href) {
    var next = old.cloneNode(false);
    next.setAttribute("href", href);
    var done = function () { old.remove(); };
    next.addEventListener("load", done, { once: true });
    next.addEventListener("error", done, { once: true });
    old.after(next);
  }

  function swapCSS(swaps) {
    var links = document.querySelectorAll("link[rel~='stylesheet'][href]");
    swaps.forEach(function (s) {
      for (var i = 0; i < links.length; i++) {
        if (fileOf(links[i].getAttribute("href")) === fileOf(base + s.from)) replaceLink(links[i], base + s.to);
      }
    });
  }

  function hideOverlay() {
    var o = document.getElementById(overlayID);
    if (o) o.remove();
  }

  function showOverlay(title, problems) {
    hideOverlay();
    var box = document.createElement("div");
    box.id = overlayID;
    box.setAttribute("role", "alert");
    var h = document.createElement("p");
    h.className = "sitegen-overlay-title";
    h.textContent = title;
    var ul = document.createElement("ul");
    problems.forEach(function (p) {
      var li = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = p;
      li.appendChild(code);
      ul.appendChild(li);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.className = "sitegen-overlay-close";
    close.setAttribute("aria-label", "Hide the problems");
    close.textContent = "\u00d7";
    box.appendChild(h);
    box.appendChild(ul);
    box.appendChild(close);
    document.body.insertBefore(box, document.body.firstChild);
  }

  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest(".sitegen-overlay-close")) hideOverlay();
  });

  restoreScroll();
  var es = new EventSource(base + "/_sitegen/events");
  es.addEventListener("hello", function (e) {
    var m = JSON.parse(e.data);
    if (build && m.build !== build) { reload(); return; }
    build = m.build;
  });
  es.addEventListener("problems", function (e) {
    var m = JSON.parse(e.data);
    build = m.build;
    showOverlay(m.title, m.problems || []);
  });
  es.addEventListener("reload", function (e) {
    var m = JSON.parse(e.data);
    build = m.build;
    hideOverlay();
    if (m.navigate && fileOf(base + m.navigate) !== fileOf(location.href)) {
      location.assign(base + m.navigate);
      return;
    }
    if (m.all || shows(m.paths || [])) { reload(); return; }
    if (m.css) swapCSS(m.css);
  });
  window.addEventListener("pagehide", function () { es.close(); });
  window.addEventListener("pageshow", function (e) { if (e.persisted) location.reload(); });
})();
`
