// sitegen default theme: the concept graph, made interactive. Every graph
// (figure.graph holding svg.concept-graph, drawn at build time) reads and
// works without this script: nodes are links and the legend explains the
// edges. This adds pan (drag), zoom (wheel, pinch, buttons), highlight of a
// node's neighbours on hover or keyboard focus, a filter by kind of
// connection (the legend becomes checkboxes), and a box to find a term.
// It only adds elements and classes (styled in graph.css), never inline
// styles, and does nothing on a page without a graph.
(function () {
  "use strict";

  var figures = document.querySelectorAll("figure.graph");
  for (var i = 0; i < figures.length; i++) {
    if (!figures[i].hasAttribute("data-graph-ready")) setup(figures[i], i);
  }

  function setup(fig, index) {
    var svg = fig.querySelector("svg.concept-graph");
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal) return;
    fig.setAttribute("data-graph-ready", "");
    var global = fig.classList.contains("graph-global");
    var frame = fig.querySelector(".graph-frame") || svg.parentNode;
    var vb = svg.viewBox.baseVal;
    var full = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
    var view = { x: full.x, y: full.y, w: full.w, h: full.h };

    // Index nodes by slug and edges by the slugs they join.
    var nodes = {};
    var nodeList = svg.querySelectorAll("a.node[data-slug]");
    nodeList.forEach(function (a) { nodes[a.getAttribute("data-slug")] = a; });
    var edgesOf = {};
    var edges = svg.querySelectorAll(".edge[data-from]");
    edges.forEach(function (e) {
      [e.getAttribute("data-from"), e.getAttribute("data-to")].forEach(function (s) {
        (edgesOf[s] = edgesOf[s] || []).push(e);
      });
    });

    fig.classList.add("is-interactive");
    var controls = buildControls();
    frame.parentNode.insertBefore(controls.box, frame);
    legendFilter();

    // ---- view: pan and zoom by rewriting the viewBox ----
    function setView(v) {
      var minW = full.w / 12, maxW = full.w * 1.5;
      var w = Math.min(Math.max(v.w, minW), maxW);
      var h = w * full.h / full.w;
      var cx = v.x + v.w / 2, cy = v.y + v.h / 2;
      cx = Math.min(Math.max(cx, full.x), full.x + full.w);
      cy = Math.min(Math.max(cy, full.y), full.y + full.h);
      view = { x: cx - w / 2, y: cy - h / 2, w: w, h: h };
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(round).join(" "));
    }
    function round(n) { return Math.round(n * 100) / 100; }
    function toSVG(clientX, clientY) {
      var m = svg.getScreenCTM();
      if (!m) return { x: view.x + view.w / 2, y: view.y + view.h / 2 };
      var p = new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
      return { x: p.x, y: p.y };
    }
    function zoomAt(p, factor) {
      var w = view.w * factor;
      w = Math.min(Math.max(w, full.w / 12), full.w * 1.5);
      var k = w / view.w;
      setView({ x: p.x - (p.x - view.x) * k, y: p.y - (p.y - view.y) * k, w: w, h: view.h * k });
    }
    function zoomCentre(factor) {
      zoomAt({ x: view.x + view.w / 2, y: view.y + view.h / 2 }, factor);
    }
    function centreOn(a) {
      var c = a.querySelector("circle");
      if (!c) return;
      var x = +c.getAttribute("cx"), y = +c.getAttribute("cy");
      var w = Math.min(view.w, full.w / 2.5);
      setView({ x: x - w / 2, y: y - view.h * (w / view.w) / 2, w: w, h: view.h * (w / view.w) });
    }
    function inView(a) {
      var c = a.querySelector("circle");
      if (!c) return true;
      var x = +c.getAttribute("cx"), y = +c.getAttribute("cy");
      var mx = view.w * 0.05, my = view.h * 0.05;
      return x > view.x + mx && x < view.x + view.w - mx && y > view.y + my && y < view.y + view.h - my;
    }

    svg.addEventListener("wheel", function (e) {
      // A local graph sits in the flow of the page: plain scrolling
      // scrolls the page, Ctrl or ⌘ with the wheel zooms.
      if (!global && !e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      var unit = e.deltaMode === 1 ? 0.05 : e.deltaMode === 2 ? 1 : 0.0015;
      zoomAt(toSVG(e.clientX, e.clientY), Math.exp(e.deltaY * unit));
    }, { passive: false });

    // Drag to pan; two fingers to pinch. A press that does not move is a
    // click and follows the node's link.
    var pointers = {};
    var drag = null, dragged = false, pinch = null;
    svg.addEventListener("pointerdown", function (e) {
      if (e.pointerType === "mouse" && e.button !== 0) return;
      pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
      var ids = Object.keys(pointers);
      if (ids.length === 1) {
        drag = { id: e.pointerId, x: e.clientX, y: e.clientY, view: view };
        dragged = false;
      } else if (ids.length === 2 && global) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        pinch = { d: Math.hypot(a.x - b.x, a.y - b.y), view: view };
        drag = null;
      }
    });
    svg.addEventListener("pointermove", function (e) {
      if (!pointers[e.pointerId]) return;
      pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
      var ids = Object.keys(pointers);
      if (pinch && ids.length === 2) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        var d = Math.hypot(a.x - b.x, a.y - b.y);
        if (d > 0) {
          view = pinch.view;
          zoomAt(toSVG((a.x + b.x) / 2, (a.y + b.y) / 2), pinch.d / d);
        }
        dragged = true;
        return;
      }
      if (!drag || drag.id !== e.pointerId) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!dragged && Math.hypot(dx, dy) < 4) return;
      if (!dragged) {
        dragged = true;
        fig.classList.add("is-dragging");
        try { svg.setPointerCapture(e.pointerId); } catch (err) { /* already released */ }
      }
      var rect = svg.getBoundingClientRect();
      var scale = Math.max(drag.view.w / rect.width, drag.view.h / rect.height);
      setView({ x: drag.view.x - dx * scale, y: drag.view.y - dy * scale, w: drag.view.w, h: drag.view.h });
    });
    function release(e) {
      delete pointers[e.pointerId];
      if (Object.keys(pointers).length < 2) pinch = null;
      if (drag && drag.id === e.pointerId) drag = null;
      fig.classList.remove("is-dragging");
    }
    svg.addEventListener("pointerup", release);
    svg.addEventListener("pointercancel", release);
    svg.addEventListener("click", function (e) {
      if (dragged) {
        e.preventDefault();
        e.stopPropagation();
        dragged = false;
      }
    }, true);

    // ---- highlight: a node, its neighbours and the edges between ----
    var focused = null;
    function highlight(a) {
      clear();
      if (!a) return;
      var slug = a.getAttribute("data-slug");
      fig.classList.add("has-highlight");
      a.classList.add("is-active");
      (edgesOf[slug] || []).forEach(function (e) {
        if (e.classList.contains("is-hidden")) return;
        e.classList.add("is-near");
        var other = e.getAttribute("data-from") === slug ? e.getAttribute("data-to") : e.getAttribute("data-from");
        if (nodes[other]) nodes[other].classList.add("is-near");
      });
    }
    function clear() {
      fig.classList.remove("has-highlight");
      svg.querySelectorAll(".is-active, .is-near").forEach(function (el) {
        el.classList.remove("is-active", "is-near");
      });
    }
    svg.addEventListener("pointerover", function (e) {
      var a = e.target.closest && e.target.closest("a.node");
      if (a && !drag) highlight(a);
    });
    svg.addEventListener("pointerout", function (e) {
      var a = e.target.closest && e.target.closest("a.node");
      if (a && !(e.relatedTarget && a.contains(e.relatedTarget))) highlight(focused);
    });
    svg.addEventListener("focusin", function (e) {
      var a = e.target.closest && e.target.closest("a.node");
      if (!a) return;
      focused = a;
      highlight(a);
      if (!inView(a)) centreOn(a);
    });
    svg.addEventListener("focusout", function () {
      focused = null;
      clear();
    });

    // ---- filter: each legend entry becomes a checkbox ----
    function legendFilter() {
      fig.querySelectorAll(".graph-legend li[data-verb]").forEach(function (li) {
        var verb = li.getAttribute("data-verb");
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.checked = true;
        while (li.firstChild) label.appendChild(li.firstChild);
        label.insertBefore(box, label.firstChild);
        li.appendChild(label);
        box.addEventListener("change", function () {
          li.classList.toggle("is-off", !box.checked);
          edges.forEach(function (e) {
            if (e.getAttribute("data-verb") === verb) e.classList.toggle("is-hidden", !box.checked);
          });
          highlight(focused);
        });
      });
      var legend = fig.querySelector(".graph-legend");
      if (legend) legend.setAttribute("aria-label", "Show or hide kinds of connection");
    }

    // ---- controls: zoom buttons, and a search box on larger graphs ----
    function buildControls() {
      var box = document.createElement("div");
      box.className = "graph-controls";
      var status = null;
      function button(text, label, action) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = text;
        b.setAttribute("aria-label", label);
        b.title = label;
        b.addEventListener("click", action);
        box.appendChild(b);
      }
      button("+", "Zoom in", function () { zoomCentre(1 / 1.4); });
      button("\u2212", "Zoom out", function () { zoomCentre(1.4); });
      button("Fit", "Show the whole graph", function () { setView(full); });
      if (nodeList.length > 12) {
        var id = "graph-terms-" + index;
        var input = document.createElement("input");
        input.type = "search";
        input.className = "graph-search";
        input.placeholder = "Find a term";
        input.setAttribute("aria-label", "Find a term in the graph");
        input.setAttribute("list", id);
        var list = document.createElement("datalist");
        list.id = id;
        var titles = [];
        nodeList.forEach(function (a) { titles.push(a.getAttribute("aria-label") || ""); });
        titles.slice().sort(function (a, b) { return a.localeCompare(b); }).forEach(function (t) {
          var o = document.createElement("option");
          o.value = t;
          list.appendChild(o);
        });
        status = document.createElement("span");
        status.className = "graph-status";
        status.setAttribute("role", "status");
        input.addEventListener("keydown", function (e) {
          if (e.key === "Enter") {
            e.preventDefault();
            find(input.value);
          }
        });
        input.addEventListener("change", function () { find(input.value); });
        box.appendChild(input);
        box.appendChild(list);
        box.appendChild(status);
      }
      function find(q) {
        q = q.trim().toLowerCase();
        if (!q) return;
        var best = null, rank = 0;
        nodeList.forEach(function (a) {
          var t = (a.getAttribute("aria-label") || "").toLowerCase();
          var r = t === q ? 3 : t.indexOf(q) === 0 ? 2 : t.indexOf(q) >= 0 ? 1 : 0;
          if (r > rank) { best = a; rank = r; }
        });
        if (!best) {
          status.textContent = "No term in the graph matches \u201c" + q + "\u201d.";
          return;
        }
        status.textContent = "";
        centreOn(best);
        best.focus({ preventScroll: true });
      }
      var hint = document.createElement("p");
      hint.className = "graph-hint";
      hint.textContent = global
        ? "Drag to move, scroll or pinch to zoom; hover or Tab to a term to see its connections."
        : "Drag to move, Ctrl + scroll to zoom; hover or Tab to a term to see its connections.";
      box.appendChild(hint);
      return { box: box };
    }
  }
})();
