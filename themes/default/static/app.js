// sitegen default theme: progressive enhancements. Every page works
// without this script.
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
    aka.textContent = c[1] ? "Also: " + c[1] : "";
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

  function place(a) {
    var r = a.getBoundingClientRect();
    var w = card.offsetWidth, h = card.offsetHeight;
    var x = Math.min(Math.max(8, r.left), document.documentElement.clientWidth - w - 8);
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
