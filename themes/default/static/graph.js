// sitegen default theme: the concept graph, made interactive. Every graph
// (figure.graph holding svg.concept-graph, drawn at build time) reads and
// works without this script: nodes are links and the legend explains the
// edges. This adds pan (drag, one finger) and zoom (pinch, buttons, and
// the wheel once the graph has been clicked or with Ctrl/⌘ held, so that
// the wheel scrolls the page otherwise), 44px tap targets, a first view in
// which labels are readable, highlight of a node's neighbors on hover or
// keyboard focus, arrow keys between nodes (a local graph is one Tab
// stop), a filter by kind of connection (the legend becomes checkboxes),
// and a box to find a term by its title or other names.
// It only adds elements, attributes and classes (styled in graph.css),
// never inline styles; graph.css sizes the graph's box before this runs,
// so nothing moves. It does nothing on a page without a graph.
(function () {
  "use strict";

  // A label is 12px in the SVG's units (graph.css); the first view shows
  // it at least this big on screen.
  var LABEL = 12, READABLE = 11.5;
  // A tap target's radius on screen, in px: 44px across.
  var TARGET = 22;
  var mac = /Mac|iPhone|iPad/.test(navigator.platform || "");
  var mod = mac ? "\u2318" : "Ctrl";

  // t is a string of the page's language (the js_ strings base.html puts
  // in #sitegen-i18n), else the English given; {name} is vars.name.
  var strings = {};
  try { strings = JSON.parse(document.getElementById("sitegen-i18n").textContent) || {}; } catch (e) { strings = {}; }
  function t(key, english, vars) {
    var text = typeof strings[key] === "string" ? strings[key] : english;
    return text.replace(/\{([a-z_]+)\}/g, function (m, name) { return vars && name in vars ? String(vars[name]) : m; });
  }

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
    var nodeList = Array.prototype.slice.call(svg.querySelectorAll("a.node[data-slug]"));
    // Under all nodes, an invisible circle around each: its tap target,
    // kept 44px across on screen at every zoom (sizeTargets). Being
    // under, it never takes a tap from another node's circle or label.
    var hits = [];
    var hitLayer = document.createElementNS("http://www.w3.org/2000/svg", "g");
    hitLayer.setAttribute("class", "node-hits");
    hitLayer.setAttribute("aria-hidden", "true");
    var nodeLayer = svg.querySelector("g.nodes");
    if (nodeLayer) nodeLayer.parentNode.insertBefore(hitLayer, nodeLayer);
    nodeList.forEach(function (a) {
      nodes[a.getAttribute("data-slug")] = a;
      var c = a.querySelector("circle");
      if (!c) return;
      var hit = document.createElementNS("http://www.w3.org/2000/svg", "circle");
      hit.setAttribute("class", "node-hit");
      hit.setAttribute("data-slug", a.getAttribute("data-slug"));
      hit.setAttribute("cx", c.getAttribute("cx"));
      hit.setAttribute("cy", c.getAttribute("cy"));
      hit.setAttribute("r", c.getAttribute("r"));
      hitLayer.appendChild(hit);
      hits.push({ el: hit, r: +c.getAttribute("r") });
    });
    // nodeAt is the node an event's target stands for: the node link, or
    // the tap target around it.
    function nodeAt(target) {
      if (!target || !target.closest) return null;
      var hit = target.closest(".node-hit");
      if (hit) return nodes[hit.getAttribute("data-slug")] || null;
      return target.closest("a.node");
    }
    var edgesOf = {};
    var edges = svg.querySelectorAll(".edge[data-from]");
    edges.forEach(function (e) {
      [e.getAttribute("data-from"), e.getAttribute("data-to")].forEach(function (s) {
        (edgesOf[s] = edgesOf[s] || []).push(e);
      });
    });

    fig.classList.add("is-interactive");
    var hint = document.createElement("p");
    hint.className = "graph-hint";
    frame.appendChild(hint);
    buildControls();
    legendFilter();
    keyboard();

    // ---- view: pan and zoom by rewriting the viewBox ----
    // The view has the proportions of the SVG's box on screen (graph.css
    // may make it taller than the graph on a phone).
    function box() {
      var r = svg.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? r : { width: full.w, height: full.h };
    }
    function fitWidth() {
      var b = box();
      return Math.max(full.w, full.h * b.width / b.height);
    }
    // scale is the zoom the reader chose, in SVG units per pixel: a
    // change of the box's size keeps it (and the centre), even when the
    // box is briefly too small for it.
    var scale = 0;
    function setView(v, keepScale) {
      var b = box();
      var minW = fitWidth() / 12, maxW = fitWidth() * 1.5;
      var w = Math.min(Math.max(v.w, minW), maxW);
      var h = w * b.height / b.width;
      var cx = v.x + v.w / 2, cy = v.y + v.h / 2;
      cx = Math.min(Math.max(cx, full.x), full.x + full.w);
      cy = Math.min(Math.max(cy, full.y), full.y + full.h);
      view = { x: cx - w / 2, y: cy - h / 2, w: w, h: h };
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(round).join(" "));
      if (!keepScale) scale = w / b.width;
      sizeTargets(w / b.width);
    }
    function round(n) { return Math.round(n * 100) / 100; }
    var unitsPerPx = 0;
    function sizeTargets(u) {
      if (Math.abs(u - unitsPerPx) < 1e-3 * u) return;
      unitsPerPx = u;
      hits.forEach(function (h) { h.el.setAttribute("r", round(Math.max(h.r, TARGET * u))); });
    }
    function centredAt(x, y, w) {
      var b = box(), h = w * b.height / b.width;
      return { x: x - w / 2, y: y - h / 2, w: w, h: h };
    }
    function fit() {
      setView(centredAt(full.x + full.w / 2, full.y + full.h / 2, fitWidth()));
    }
    // The first view: the whole graph if its labels are readable so,
    // else as much as keeps them readable, around the term the graph is
    // about (a local graph's centre, the best connected term of /graph/).
    function start() {
      var readable = box().width * LABEL / READABLE;
      if (fitWidth() <= readable) return fit();
      var c = startNode();
      if (!c) return fit();
      setView(centredAt(+c.getAttribute("cx"), +c.getAttribute("cy"), readable));
    }
    function startNode() {
      var best = null, r = -1;
      var centre = svg.querySelector("a.node-centre circle");
      if (centre) return centre;
      svg.querySelectorAll("a.node circle").forEach(function (c) {
        if (+c.getAttribute("r") > r) { best = c; r = +c.getAttribute("r"); }
      });
      return best;
    }
    function toSVG(clientX, clientY) {
      var m = svg.getScreenCTM();
      if (!m) return { x: view.x + view.w / 2, y: view.y + view.h / 2 };
      var p = new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
      return { x: p.x, y: p.y };
    }
    function zoomAt(p, factor) {
      var w = Math.min(Math.max(view.w * factor, fitWidth() / 12), fitWidth() * 1.5);
      var k = w / view.w;
      setView({ x: p.x - (p.x - view.x) * k, y: p.y - (p.y - view.y) * k, w: w, h: view.h * k });
    }
    function zoomCentre(factor) {
      zoomAt({ x: view.x + view.w / 2, y: view.y + view.h / 2 }, factor);
    }
    function circleOf(a) { return a.querySelector("circle"); }
    function centreOn(a) {
      var c = circleOf(a);
      if (!c) return;
      setView(centredAt(+c.getAttribute("cx"), +c.getAttribute("cy"), Math.min(view.w, fitWidth() / 2.5)));
    }
    function inView(a) {
      var c = circleOf(a);
      if (!c) return true;
      var x = +c.getAttribute("cx"), y = +c.getAttribute("cy");
      var mx = view.w * 0.05, my = view.h * 0.05;
      return x > view.x + mx && x < view.x + view.w - mx && y > view.y + my && y < view.y + view.h - my;
    }
    start();
    var lastBox = box();
    function resized() {
      var b = box();
      if (b.width === lastBox.width && b.height === lastBox.height) return;
      lastBox = b;
      setView(centredAt(view.x + view.w / 2, view.y + view.h / 2, scale * b.width), true);
    }
    if (window.ResizeObserver) new ResizeObserver(resized).observe(svg);
    else window.addEventListener("resize", resized);

    // ---- engaged: the wheel zooms only once the graph was clicked or
    // focused (or with Ctrl/⌘ held); a click outside, Esc or the focus
    // leaving gives the wheel back to the page ----
    var engaged = false;
    function engage(on) {
      if (engaged === on) return;
      engaged = on;
      fig.classList.toggle("is-engaged", on);
      showHint();
    }
    frame.addEventListener("pointerdown", function () { engage(true); });
    fig.addEventListener("focusin", function () { engage(true); });
    fig.addEventListener("focusout", function (e) {
      if (!e.relatedTarget || !fig.contains(e.relatedTarget)) engage(false);
    });
    document.addEventListener("pointerdown", function (e) {
      if (!fig.contains(e.target)) engage(false);
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && engaged) engage(false);
    });
    svg.addEventListener("wheel", function (e) {
      if (!engaged && !e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      var unit = e.deltaMode === 1 ? 0.05 : e.deltaMode === 2 ? 1 : 0.0015;
      zoomAt(toSVG(e.clientX, e.clientY), Math.exp(e.deltaY * unit));
    }, { passive: false });

    // ---- the hint says what works on this device ----
    function showHint() {
      var mouse = matchMedia("(any-pointer: fine)").matches;
      var touch = matchMedia("(any-pointer: coarse)").matches || (navigator.maxTouchPoints || 0) > 0;
      var parts = [];
      if (touch) {
        parts.push(global ? t("js_graph_touch_global", "Drag to move, pinch to zoom.")
          : t("js_graph_touch_local", "Pinch to zoom; tap the graph, then drag to move it."));
      }
      if (mouse || !touch) {
        parts.push(engaged
          ? t("js_graph_engaged", "Scroll to zoom, drag to move; Esc gives the wheel back to the page.")
          : t("js_graph_idle", "Drag to move; click the graph, or hold {key}, and scroll to zoom.", { key: mod }));
      }
      var text = parts.join(" ");
      if (hint.textContent !== text) hint.textContent = text;
    }
    showHint();

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
      } else if (ids.length === 2) {
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
        if (d > 0 && pinch.d > 0) {
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
      var b = box();
      var scale = drag.view.w / b.width;
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
    svg.addEventListener("click", function (e) {
      var hit = e.target.closest && e.target.closest(".node-hit");
      var a = hit && nodeAt(hit);
      if (a) location.href = a.href.baseVal || a.getAttribute("href");
    });

    // ---- highlight: a node, its neighbors and the edges between ----
    // (Focus listeners go on the frame: Chromium makes an SVG element
    // with one a Tab stop of its own.)
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
      var a = nodeAt(e.target);
      if (a && !drag && e.pointerType !== "touch") highlight(a);
    });
    svg.addEventListener("pointerout", function (e) {
      var a = nodeAt(e.target);
      if (a && nodeAt(e.relatedTarget) !== a) highlight(focused);
    });
    frame.addEventListener("focusin", function (e) {
      var a = e.target.closest && e.target.closest("a.node");
      if (!a) return;
      focused = a;
      highlight(a);
      if (!inView(a)) centreOn(a);
    });
    frame.addEventListener("focusout", function () {
      focused = null;
      clear();
    });

    // ---- keyboard: arrow keys go to the nearest node that way; a local
    // graph is one Tab stop (the last node focused, first its centre) ----
    function keyboard() {
      if (!global && nodeList.length) {
        var first = svg.querySelector("a.node-centre") || nodeList[0];
        nodeList.forEach(function (a) { a.setAttribute("tabindex", a === first ? "0" : "-1"); });
        frame.addEventListener("focusin", function (e) {
          var a = e.target.closest && e.target.closest("a.node");
          if (!a) return;
          nodeList.forEach(function (n) { n.setAttribute("tabindex", n === a ? "0" : "-1"); });
        });
      }
      var dirs = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
      svg.addEventListener("keydown", function (e) {
        var a = e.target.closest && e.target.closest("a.node");
        if (!a || e.altKey || e.ctrlKey || e.metaKey) return;
        var next = null;
        if (dirs[e.key]) next = nearest(a, dirs[e.key]);
        else if (e.key === "Home") next = svg.querySelector("a.node-centre") || nodeList[0];
        else if (e.key === "End") next = nodeList[nodeList.length - 1];
        else return;
        e.preventDefault();
        if (next && next !== a) next.focus();
      });
    }
    // nearest is the node closest to a in direction d, counting a step
    // aside from that direction twice as far as a step along it.
    function nearest(a, d) {
      var c = circleOf(a);
      var x = +c.getAttribute("cx"), y = +c.getAttribute("cy");
      var best = null, cost = Infinity;
      nodeList.forEach(function (n) {
        if (n === a) return;
        var k = circleOf(n);
        var dx = +k.getAttribute("cx") - x, dy = +k.getAttribute("cy") - y;
        var along = dx * d[0] + dy * d[1], aside = Math.abs(dx * d[1] - dy * d[0]);
        if (along <= 0 || aside > along * 2) return;
        var s = along + 2 * aside;
        if (s < cost) { best = n; cost = s; }
      });
      return best;
    }

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
      if (legend) legend.setAttribute("aria-label", t("js_graph_filter", "Show or hide kinds of connection"));
    }

    // ---- controls: zoom buttons, and a search box on larger graphs, in
    // the toolbar the page reserves for them ----
    function buildControls() {
      var bar = fig.querySelector(".graph-toolbar");
      if (!bar) {
        bar = document.createElement("div");
        bar.className = "graph-toolbar";
        frame.parentNode.insertBefore(bar, frame);
      }
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
      button("+", t("js_zoom_in", "Zoom in"), function () { zoomCentre(1 / 1.4); });
      button("\u2212", t("js_zoom_out", "Zoom out"), function () { zoomCentre(1.4); });
      button(t("js_fit", "Fit"), t("js_fit_label", "Fit the whole graph in view"), fit);
      if (nodeList.length > 12) {
        var id = "graph-terms-" + index;
        var input = document.createElement("input");
        input.type = "search";
        input.className = "graph-search";
        input.placeholder = t("js_find_term", "Find a term");
        input.setAttribute("aria-label", t("js_find_term_label", "Find a term in the graph"));
        input.setAttribute("list", id);
        var list = document.createElement("datalist");
        list.id = id;
        var names = [];
        nodeList.forEach(function (a) {
          var title = a.getAttribute("aria-label") || "";
          names.push({ value: title });
          akaOf(a).forEach(function (k) { names.push({ value: k, label: title }); });
        });
        names.sort(function (a, b) { return a.value.localeCompare(b.value); }).forEach(function (n) {
          var o = document.createElement("option");
          o.value = n.value;
          if (n.label) o.label = n.label;
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
      // find focuses the term whose title, else other name, best matches
      // q: the whole name, then its start, then any part of it.
      function find(q) {
        q = q.trim().toLowerCase();
        if (!q) return;
        var best = null, rank = 0;
        nodeList.forEach(function (a) {
          var r = score((a.getAttribute("aria-label") || "").toLowerCase(), q) * 2;
          akaOf(a).forEach(function (k) { r = Math.max(r, score(k.toLowerCase(), q) * 2 - 1); });
          if (r > rank) { best = a; rank = r; }
        });
        if (!best) {
          status.textContent = t("js_graph_no_match", "No term in the graph matches \u201c{query}\u201d.", { query: q });
          return;
        }
        status.textContent = "";
        centreOn(best);
        best.focus({ preventScroll: true });
      }
      bar.appendChild(box);
    }
  }

  function score(name, q) {
    return name === q ? 3 : name.indexOf(q) === 0 ? 2 : name.indexOf(q) >= 0 ? 1 : 0;
  }
  function akaOf(a) {
    var s = a.getAttribute("data-aka");
    return s ? s.split("|") : [];
  }
})();
