// sitegen default theme: progressive enhancements. Every page works
// without this script.

// The page's strings, in its language: base.html puts the js_ strings of
// i18n/<code>.yaml in #sitegen-i18n. t(key, english, vars) is one string,
// tn(key, n, {one, other}, vars) a count, chosen by the language's plural
// rules; {name} in a string is vars.name. Without the block (a theme of
// its own), the English given at each call is used.
var sitegenI18n = (function () {
  "use strict";
  var el = document.getElementById("sitegen-i18n"), strings = {}, rules = null;
  try { if (el) strings = JSON.parse(el.textContent) || {}; } catch (e) { strings = {}; }
  try { rules = new Intl.PluralRules(document.documentElement.lang || "en"); } catch (e) { rules = null; }
  function fill(text, vars) {
    return text.replace(/\{([a-z_]+)\}/g, function (m, name) { return vars && name in vars ? String(vars[name]) : m; });
  }
  function t(key, english, vars) {
    return fill(typeof strings[key] === "string" ? strings[key] : english, vars);
  }
  function tn(key, n, english, vars) {
    var own = strings[key], forms = english, form = n === 1 ? "one" : "other";
    if (typeof own === "string") forms = { other: own };
    else if (own && typeof own === "object") forms = own;
    if (forms !== english && rules) form = rules.select(n);
    var all = { count: n };
    for (var k in vars) all[k] = vars[k];
    return fill(forms[form] || forms.other, all);
  }
  return { t: t, tn: tn };
})();

// Hover cards.
(function () {
  "use strict";

  // Hover cards: hovering or focusing a link to a term shows its title,
  // other names and summary, from the data the page embeds
  // (#sitegen-cards, keyed by URL). The card floats above the page, so
  // nothing moves; the link's title attribute (the summary, for readers
  // without JavaScript) is held back while the card shows.
  var data = document.getElementById("sitegen-cards");
  if (!data) return;
  var cards;
  try { cards = JSON.parse(data.textContent); } catch (e) { return; }

  var card = document.createElement("div");
  card.className = "term-card";
  card.setAttribute("role", "tooltip");
  card.id = "sitegen-term-card";
  card.hidden = true;
  var title = document.createElement("p");
  title.className = "term-card-title";
  var aka = document.createElement("p");
  aka.className = "term-card-aka";
  var summary = document.createElement("p");
  summary.className = "term-card-summary";
  card.append(title, aka, summary);
  document.body.appendChild(card);

  var current = null, hideTimer = 0;

  function termOf(a) {
    if (!a || a.origin !== location.origin) return null;
    return cards[a.pathname] || null;
  }

  function show(a) {
    var c = termOf(a);
    if (!c) return;
    clearTimeout(hideTimer);
    if (current && current !== a) restore(current);
    current = a;
    title.textContent = c[0];
    aka.textContent = c[1] ? sitegenI18n.t("js_also", "Also: {names}", { names: c[1] }) : "";
    aka.hidden = !c[1];
    summary.textContent = c[2];
    if (a.hasAttribute("title")) {
      a.dataset.title = a.getAttribute("title");
      a.removeAttribute("title");
    }
    a.setAttribute("aria-describedby", card.id);
    card.hidden = false;
    place(a);
  }

  // place puts the card under the link (above it when there is no room
  // below), from the link's start: its left edge in a left-to-right
  // page, its right edge in a right-to-left one; always inside the
  // window. The card is measured at x = 0, where nothing narrows it.
  function place(a) {
    var r = a.getBoundingClientRect();
    card.style.setProperty("--x", "0px");
    var w = card.offsetWidth, h = card.offsetHeight;
    var rtl = getComputedStyle(a).direction === "rtl";
    var x = Math.min(Math.max(8, rtl ? r.right - w : r.left), document.documentElement.clientWidth - w - 8);
    var y = r.bottom + 6;
    if (y + h > window.innerHeight - 8 && r.top - h - 6 > 8) y = r.top - h - 6;
    card.style.setProperty("--x", Math.round(x + window.scrollX) + "px");
    card.style.setProperty("--y", Math.round(y + window.scrollY) + "px");
  }

  function restore(a) {
    if (a.dataset.title !== undefined) {
      a.setAttribute("title", a.dataset.title);
      delete a.dataset.title;
    }
    a.removeAttribute("aria-describedby");
  }

  function hide() {
    if (!current) return;
    restore(current);
    current = null;
    card.hidden = true;
  }

  function linkFrom(e) {
    return e.target.closest ? e.target.closest("a[href]") : null;
  }

  document.addEventListener("mouseover", function (e) {
    var a = linkFrom(e);
    if (a && termOf(a)) show(a);
  });
  document.addEventListener("mouseout", function (e) {
    var a = linkFrom(e);
    if (a && a === current && !a.contains(e.relatedTarget)) hideTimer = setTimeout(hide, 80);
  });
  document.addEventListener("focusin", function (e) {
    var a = linkFrom(e);
    if (a && termOf(a)) show(a); else hide();
  });
  document.addEventListener("focusout", function (e) {
    if (linkFrom(e) === current) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide();
  });
  window.addEventListener("scroll", function () { if (current) place(current); }, { passive: true });
})();

// Theme switch: Auto → Light → Dark → Auto. The choice is remembered in
// localStorage; theme.js applies it on the next page before the first
// paint. "Auto" removes data-theme, so the stylesheet follows the system.
(function () {
  "use strict";
  var button = document.getElementById("theme-switch");
  if (!button) return;
  var root = document.documentElement;
  var order = ["auto", "light", "dark"];
  function current() {
    var t = root.getAttribute("data-theme");
    return t === "light" || t === "dark" ? t : "auto";
  }
  function label() {
    // The theme's name as the button shows it, in the page's language.
    var shown = button.querySelector(".ts-label.ts-" + current());
    var name = shown && shown.textContent ? shown.textContent : current();
    button.title = sitegenI18n.t("js_theme_title", "Theme: {theme} (click to change)", { theme: name });
  }
  button.addEventListener("click", function () {
    var next = order[(order.indexOf(current()) + 1) % order.length];
    if (next === "auto") root.removeAttribute("data-theme");
    else root.setAttribute("data-theme", next);
    try {
      if (next === "auto") localStorage.removeItem("sitegen-theme");
      else localStorage.setItem("sitegen-theme", next);
    } catch (e) { /* storage blocked: the choice lasts for this page */ }
    label();
  });
  label();
  // Another tab changed the theme: follow it.
  window.addEventListener("storage", function (e) {
    if (e.key !== "sitegen-theme") return;
    if (e.newValue === "light" || e.newValue === "dark") root.setAttribute("data-theme", e.newValue);
    else root.removeAttribute("data-theme");
    label();
  });
})();

// "On this page": open in the right column of wide screens (where the
// stylesheet places it and sets --toc-column), and scroll-spy: the entry
// of the section being read is marked with aria-current. A term page has
// two copies (above its text, and on top of its side column), of which
// the stylesheet shows one; each is kept the same way.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("nav.toc"), toc);
  function toc(nav) {
    var details = nav.querySelector("details");
    var summary = nav.querySelector("summary");
    var side = function () { return getComputedStyle(nav).getPropertyValue("--toc-column").trim() === "1"; };
    function place() {
      var wide = side();
      if (wide) details.open = true;
      // In the column the summary is a caption, not a control.
      if (wide) summary.setAttribute("tabindex", "-1"); else summary.removeAttribute("tabindex");
    }
    place();
    window.addEventListener("resize", place, { passive: true });

    var links = Array.prototype.slice.call(nav.querySelectorAll('a[href^="#"]'));
    var targets = links.map(function (a) {
      return document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    });
    var active = null, queued = false;
    // The copy on top of a term's side column follows the text only: the
    // sections of that column are beside the text, not after it.
    var column = nav.parentNode.classList.contains("term-side") ? nav.parentNode : null;
    function spy() {
      queued = false;
      // The section being read: the last heading above a line a fifth of
      // the way down the window; at the very bottom, the last one.
      var line = window.innerHeight / 5, pick = -1;
      var read = function (t) { return t && !(column && column.contains(t)); };
      for (var i = 0; i < targets.length; i++) {
        if (read(targets[i]) && targets[i].getBoundingClientRect().top <= line) pick = i;
      }
      var end = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
      if (end && window.scrollY > 0) {
        for (var j = targets.length - 1; j >= 0; j--) {
          if (read(targets[j])) { pick = j; break; }
        }
      }
      var a = pick >= 0 ? links[pick] : null;
      if (a === active) return;
      if (active) active.removeAttribute("aria-current");
      active = a;
      if (a) {
        a.setAttribute("aria-current", "true");
        // Keep the marked entry in view inside a long, scrolling column.
        var box = nav.querySelector(".toc-box");
        if (side() && box && box.scrollHeight > box.clientHeight) {
          var r = a.getBoundingClientRect(), b = box.getBoundingClientRect();
          if (r.top < b.top || r.bottom > b.bottom) box.scrollTop += r.top - b.top - b.height / 2;
        }
      }
    }
    window.addEventListener("scroll", function () {
      if (!queued) { queued = true; requestAnimationFrame(spy); }
    }, { passive: true });
    spy();
  }
})();

// Copy buttons on code blocks. Each block is wrapped so the button stays
// in its corner while the code scrolls sideways.
(function () {
  "use strict";
  var blocks = document.querySelectorAll(".prose pre");
  Array.prototype.forEach.call(blocks, function (pre) {
    var wrap = document.createElement("div");
    wrap.className = "code-block";
    pre.parentNode.insertBefore(wrap, pre);
    wrap.appendChild(pre);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-code";
    var t = sitegenI18n.t;
    button.textContent = t("js_copy", "Copy");
    button.setAttribute("aria-label", t("js_copy_label", "Copy code"));
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrap.append(button, status);
    var timer = 0;
    function done(ok) {
      button.textContent = ok ? t("js_copied", "Copied") : t("js_copy_key", "Press Ctrl+C");
      button.setAttribute("aria-label", ok ? t("js_copied", "Copied") : t("js_copy_key_label", "Press Ctrl+C to copy"));
      status.textContent = ok ? t("js_copied_status", "Code copied to the clipboard") : t("js_copy_failed", "Could not copy; the code is selected");
      clearTimeout(timer);
      timer = setTimeout(function () {
        button.textContent = t("js_copy", "Copy");
        button.setAttribute("aria-label", t("js_copy_label", "Copy code"));
        status.textContent = "";
      }, 2000);
    }
    function fallback(text) {
      var range = document.createRange();
      range.selectNodeContents(pre.querySelector("code") || pre);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      if (ok) sel.removeAllRanges();
      done(ok);
    }
    button.addEventListener("click", function () {
      var code = pre.querySelector("code") || pre;
      var text = code.textContent.replace(/\n$/, "");
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { fallback(text); });
      } else {
        fallback(text);
      }
    });
  });
})();
