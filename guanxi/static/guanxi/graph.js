/* Guanxi relationship graphs: draws the JSON of guanxi/web/graphs.py with Cytoscape.js.
 *
 * Markup: <div class="graph" data-testid="relationship-graph" data-graph="SCRIPT_ID"
 *              data-node-href="/people/{id}/"> and a <script type="application/json" id=SCRIPT_ID>.
 * Optional toggles anywhere on the page: <input type="checkbox" data-graph-toggle="influence|ours|competitor">.
 * After drawing, the container's data-node-count holds the number of nodes shown.
 */
(function () {
  "use strict";
  if (window.cytoscape && window.cytoscapeDagre) { window.cytoscape.use(window.cytoscapeDagre); }

  var COLOURS = {
    customer: "#3b6fd8", ours: "#344054", competitor: "#7c4dcc", partner: "#64748b",
    strong: "#079455", medium: "#dc6803", weak: "#d92d20",
    power: "#d92d20", influence: "#f79009", path: "#1d4ed8", reports: "#98a2b3",
  };

  /* Key people (centres, targets, role holders) carry their title under their name. */
  function isKey(d) {
    return !!(d.power_centre || d.influence_centre || d.plan_target || d.role_holder || d.key || d.centre);
  }

  function label(d) {
    var text = d.name || d.id;
    if (d.title && isKey(d)) { text += "\n" + (d.title.length > 30 ? d.title.slice(0, 29) + "…" : d.title); }
    if (d.closeness !== null && d.closeness !== undefined) { text += "\n" + Math.round(d.closeness); }
    return text;
  }

  /* Customer people by our closeness (strong / medium / weak), others by their side. */
  function nodeColour(d) {
    if (d.side === "customer" && d.closeness !== null && d.closeness !== undefined) {
      return d.closeness >= 70 ? COLOURS.strong : d.closeness >= 40 ? COLOURS.medium : COLOURS.weak;
    }
    return COLOURS[d.side] || COLOURS.customer;
  }

  function nodeSize(d) {
    if (d.centre) { return 64; }
    if (d.importance === null || d.importance === undefined) { return 26; }
    return 22 + 42 * Math.max(0, Math.min(1, d.importance));
  }

  function edgeWidth(d) {
    if (d.strength === null || d.strength === undefined) { return 1.5; }
    return 1 + d.strength / 25;
  }

  function fontSize(d) {
    if (d.centre) { return 14; }
    if (d.power_centre || d.influence_centre) { return 13; }
    return 11;
  }

  var STYLE = [
    { selector: "node", style: {
      "background-color": function (n) { return nodeColour(n.data()); },
      "label": function (n) { return label(n.data()); },
      "width": function (n) { return nodeSize(n.data()); },
      "height": function (n) { return nodeSize(n.data()); },
      "font-size": function (n) { return fontSize(n.data()); },
      "min-zoomed-font-size": 7,
      "color": "#1f2933", "text-wrap": "wrap", "text-max-width": 130,
      "text-valign": "bottom", "text-margin-y": 4,
      "text-background-color": "#ffffff", "text-background-opacity": 0.8, "text-background-padding": 1,
      "text-background-shape": "roundrectangle",
      "border-width": 1.5, "border-color": "#ffffff",
    } },
    { selector: "node[?power_centre]", style: { "shape": "round-diamond", "font-weight": 600 } },
    { selector: "node.label-side", style: { "text-valign": "center", "text-halign": "right", "text-margin-x": 8, "text-margin-y": 0 } },
    { selector: "node.no-label", style: { "label": "" } },
    { selector: "node.found", style: { "border-width": 6, "border-color": COLOURS.path, "z-index": 20 } },
    { selector: "edge.knows", style: { "display": "none" } },
    { selector: "edge.knows.shown", style: { "display": "element" } },
    { selector: "node[?influence_centre]", style: {
      "border-width": 5, "border-color": COLOURS.influence, "border-style": "double", "font-weight": 600 } },
    { selector: "node[?plan_target]", style: { "border-width": 3, "border-color": "#101828", "border-style": "dashed" } },
    { selector: "node[?centre]", style: { "border-width": 4, "border-color": "#101828", "font-weight": 700 } },
    { selector: "node:active", style: { "overlay-opacity": 0.08 } },
    { selector: "edge", style: {
      "curve-style": "bezier", "width": function (e) { return edgeWidth(e.data()); },
      "line-color": "#12b76a", "target-arrow-shape": "none", "opacity": 0.3,
    } },
    { selector: "edge.internal", style: { "line-color": "#84caa5", "opacity": 0.35, "width": 1 } },
    { selector: "edge[kind = 'reports_to']", style: {
      "line-color": COLOURS.reports, "width": 1.5, "opacity": 0.9 } },
    { selector: "edge[kind = 'influence']", style: {
      "line-color": COLOURS.influence, "line-style": "dashed", "target-arrow-shape": "triangle",
      "target-arrow-color": COLOURS.influence, "opacity": 0.95, "curve-style": "unbundled-bezier",
      "control-point-distances": 40, "control-point-weights": 0.5, "arrow-scale": 1.2 } },
    { selector: "edge[kind = 'competitor']", style: {
      "line-color": COLOURS.competitor, "target-arrow-shape": "triangle", "target-arrow-color": COLOURS.competitor } },
    { selector: "edge[kind = 'path']", style: { "line-color": COLOURS.path, "line-style": "dotted", "opacity": 0.9 } },
    { selector: "edge[?on_path]", style: { "line-color": COLOURS.path, "width": 4, "opacity": 1,
      "target-arrow-shape": "triangle", "target-arrow-color": COLOURS.path, "z-index": 9 } },
    { selector: ".faded", style: { "opacity": 0.08, "text-opacity": 0.25 } },
    { selector: "edge.hl", style: { "line-color": COLOURS.path, "width": 6, "opacity": 1, "z-index": 10,
      "target-arrow-shape": "triangle", "target-arrow-color": COLOURS.path } },
    { selector: "node.hl", style: { "border-width": 4, "border-color": COLOURS.path, "z-index": 10 } },
  ];

  function elements(data) {
    var els = [];
    data.nodes.forEach(function (n) { els.push({ group: "nodes", data: n }); });
    data.edges.forEach(function (e, i) {
      var d = Object.assign({ id: "e" + i }, e);
      if (e.kind === "relationship") {
        var ends = [e.source, e.target].map(function (id) {
          var node = data.nodes.find(function (n) { return n.id === id; });
          return node ? node.side : "customer";
        });
        if (ends.indexOf("competitor") >= 0) { d.kind = "competitor"; }
        if (ends[0] === "customer" && ends[1] === "customer") { els.push({ group: "edges", data: d, classes: "internal" }); return; }
        // In the org chart, our and competitors' "knows" lines show for one person at a time.
        if (data.layout === "hierarchy") { els.push({ group: "edges", data: d, classes: "knows" }); return; }
      }
      els.push({ group: "edges", data: d });
    });
    return els;
  }

  /* The org chart top-down (reporting lines): a tidy tree where a manager's reports who have
   * nobody below them hang in a list (one or more columns) under the manager, and a level wider
   * than the canvas allows wraps into rows, so a 200-person customer keeps the canvas shape.
   * Our people form a column on the left, competitors' people one on the right. */
  var COL = 140, ROW = 120, LEAF = 58, LIST_ROWS = 8, SMALL = 60;
  var WRAPS = [0, 48, 36, 28, 22, 18, 14, 11, 8, 6];

  function byImportance(byId) {
    return function (a, b) {
      var da = byId[a].data(), db = byId[b].data();
      var ia = da.importance || 0, ib = db.importance || 0;
      if (ia !== ib) { return ib - ia; }
      return (da.name || a) < (db.name || b) ? -1 : 1;
    };
  }

  function packRows(blocks, maxCols) {
    var total = 0, widest = 1;
    blocks.forEach(function (b) { total += b.w; widest = Math.max(widest, b.w); });
    var limit = maxCols && total > maxCols ? Math.max(widest, Math.ceil(total / Math.ceil(total / maxCols))) : total;
    var rows = [[]], width = 0;
    blocks.forEach(function (b) {
      if (width > 0 && width + b.w > limit) { rows.push([]); width = 0; }
      rows[rows.length - 1].push(b);
      width += b.w;
    });
    return rows;
  }

  function orgChart(cy) {
    var customers = cy.nodes("[side = 'customer']").filter(function (n) { return !n.isParent(); });
    // A small chart (a deal's role holders) spaces its columns and rows by its widest and
    // tallest label, so no two labels touch; a large one keeps the fixed grid.
    COL = 140; ROW = 120;
    if (customers.length <= SMALL) {
      customers.forEach(function (n) {
        var b = n.boundingBox({ includeLabels: true, includeNodes: true }), size = nodeSize(n.data());
        COL = Math.min(280, Math.max(COL, b.w + 20));
        ROW = Math.min(240, Math.max(ROW, b.h + size / 2 + 24));
      });
    }
    var byId = {}, kids = {}, hasBoss = {}, info = {};
    customers.forEach(function (n) { byId[n.id()] = n; });
    cy.edges("[kind = 'reports_to']").forEach(function (e) {
      var s = e.data("source"), t = e.data("target");
      if (!byId[s] || !byId[t]) { return; }
      (kids[t] = kids[t] || []).push(s);
      hasBoss[s] = true;
    });
    var order = byImportance(byId);
    Object.keys(kids).forEach(function (k) { kids[k].sort(order); });

    /* A hanging list's first row sits clear of its manager's node, and its rows are at least
     * as far apart as its largest node is tall, so no two nodes touch however large. */
    function listGeometry(id, list) {
      var leaf = 0;
      list.forEach(function (c) { leaf = Math.max(leaf, nodeSize(byId[c].data())); });
      var step = Math.max(LEAF, leaf + 14);
      return { top: Math.max(64, nodeSize(byId[id].data()) / 2 + 18 + leaf / 2), step: step };
    }

    var maxCols = 0;
    function measure(id, seen) {
      if (seen[id]) { return { id: id, w: 1, h: 0 }; }
      seen[id] = true;
      var children = kids[id] || [];
      if (!children.length) { return { id: id, w: 1, h: 0 }; }
      var allLeaves = children.every(function (c) { return !(kids[c] || []).length; });
      if (allLeaves) {
        children.forEach(function (c) { seen[c] = true; });
        var cols = Math.ceil(children.length / LIST_ROWS);
        var rows = Math.ceil(children.length / cols);
        var geo = listGeometry(id, children);
        info[id] = { list: children, cols: cols, rows: rows, top: geo.top, step: geo.step };
        return { id: id, w: cols, h: geo.top - 34 + rows * geo.step };
      }
      var packed = packRows(children.map(function (c) { return measure(c, seen); }), maxCols);
      var w = 0, h = 0;
      packed.forEach(function (row) {
        var rw = 0, rh = 0;
        row.forEach(function (b) { rw += b.w; rh = Math.max(rh, b.h); });
        w = Math.max(w, rw);
        h += ROW + rh;
      });
      info[id] = { rows: packed };
      return { id: id, w: w, h: h };
    }

    /* The reporting line of a person to their manager at `m`, with right-angled corners
     * that keep clear of everyone else (graph-routes.js checks and uses it). */
    function lineTo(id, m, corners) {
      byId[id].edgesTo(byId[m.id]).filter("[kind = 'reports_to']").scratch("_route", corners);
      byId[m.id].edgesTo(byId[id]).filter("[kind = 'reports_to']").scratch("_route", corners.slice().reverse());
    }

    function place(block, x0, y) {
      var centre = (x0 + block.w / 2) * COL;
      var me = byId[block.id];
      me.position({ x: centre, y: y });
      var inf = info[block.id];
      if (!inf) { return; }
      var m = { id: block.id, x: centre, y: y };
      if (inf.list) {
        // Each column of a hanging list has its own gutter on its left, up to a bus line
        // between the manager and the first row.
        var leaf = inf.step - 14, bus = y + (nodeSize(me.data()) / 2 + inf.top - leaf / 2) / 2;
        inf.list.forEach(function (id, i) {
          var col = Math.floor(i / inf.rows), row = i % inf.rows;
          var x = (x0 + col + 0.5) * COL + 26, yy = y + inf.top + row * inf.step;
          var gutter = x - Math.max(26, leaf / 2 + 8);
          byId[id].position({ x: x, y: yy });
          lineTo(id, m, [{ x: gutter, y: yy }, { x: gutter, y: bus }, { x: centre, y: bus }]);
        });
        return;
      }
      var yy = y + ROW;
      // A manager with one report straight below: the label goes to the side, so a chain
      // of single reports (chairman, president, VP) does not stack its labels on each other.
      if (inf.rows.length === 1 && inf.rows[0].length === 1) { me.addClass("label-side"); }
      // Reports in a second (wrapped) row go up through the gaps between the blocks above.
      var buses = [], gaps = [];
      inf.rows.forEach(function (row, r) {
        var rw = 0, rh = 0;
        row.forEach(function (b) { rw += b.w; rh = Math.max(rh, b.h); });
        var x = x0 + (block.w - rw) / 2, edges = [x * COL];
        buses.push(yy - ROW / 2);
        row.forEach(function (b) {
          place(b, x, yy);
          x += b.w;
          edges.push(x * COL);
          var cx = byId[b.id].position("x"), corners = [{ x: cx, y: buses[r] }], at = cx;
          for (var k = r - 1; k >= 0; k--) {
            var g = gaps[k].reduce(function (best, e) { return Math.abs(e - at) < Math.abs(best - at) ? e : best; });
            corners.push({ x: g, y: buses[k + 1] }, { x: g, y: buses[k] });
            at = g;
          }
          corners.push({ x: centre, y: buses[0] });
          lineTo(b.id, m, corners);
        });
        gaps.push(edges);
        yy += ROW + rh;
      });
    }

    var roots = customers.filter(function (n) { return !hasBoss[n.id()]; }).map(function (n) { return n.id(); });
    roots.sort(order);
    function plan() {
      var seen = {};
      info = {};
      var blocks = roots.map(function (r) { return measure(r, seen); });
      // People in a reporting cycle (not allowed, but never lose them) are placed as roots.
      customers.forEach(function (n) { if (!seen[n.id()]) { blocks.push(measure(n.id(), seen)); } });
      var rows = packRows(blocks, maxCols), w = 0, h = 0;
      rows.forEach(function (row) {
        var rw = 0, rh = 0;
        row.forEach(function (b) { rw += b.w; rh = Math.max(rh, b.h); });
        w = Math.max(w, rw);
        h += ROW + rh;
      });
      return { rows: rows, w: w * COL, h: h };
    }
    // Wrap wide levels into rows until the chart has about the canvas's shape.
    var target = Math.max(0.5, cy.width() / Math.max(1, cy.height())), best = null, bestCols = 0;
    WRAPS.forEach(function (cols) {
      maxCols = cols;
      var p = plan(), miss = Math.abs(Math.log((p.w + 400) / Math.max(1, p.h) / target));
      if (best === null || miss < best - 0.05) { best = miss; bestCols = cols; }
    });
    maxCols = bestCols;
    var y = 0;
    plan().rows.forEach(function (row) {
      var x = 0, rh = 0;
      row.forEach(function (b) { place(b, x, y); x += b.w; rh = Math.max(rh, b.h); });
      y += ROW + rh;
    });
    sideColumns(cy, customers);
  }

  function sideColumns(cy, customers) {
    var box = customers.length ? customers.boundingBox() : { x1: 0, x2: 0, y1: 0, y2: 400 };
    ["ours", "competitor"].forEach(function (side, k) {
      var group = cy.nodes("[side = '" + side + "']").sort(function (a, b) {
        var da = a.degree(false), db = b.degree(false);
        if (da !== db) { return db - da; }
        return a.data("name") < b.data("name") ? -1 : 1;
      });
      var cols = group.length > 24 ? 2 : 1;
      var perCol = Math.ceil(group.length / cols);
      var step = Math.max(64, (box.y2 - box.y1) / Math.max(1, perCol));
      var x = k === 0 ? box.x1 - 240 - (cols - 1) * 140 : box.x2 + 240;
      group.forEach(function (n, i) {
        n.position({ x: x + Math.floor(i / perCol) * 140, y: box.y1 + (i % perCol) * step });
      });
    });
  }

  function concentric(cy) {
    cy.layout({
      name: "concentric", animate: false, minNodeSpacing: 55,
      concentric: function (n) {
        if (n.data("centre")) { return 3; }
        return n.data("side") === "customer" ? 2 : 1;
      },
      levelWidth: function () { return 1; },
    }).run();
  }

  function tooltip(container) {
    var tip = document.createElement("div");
    tip.className = "graph-tip";
    tip.hidden = true;
    container.appendChild(tip);
    return tip;
  }

  /* At overview zoom the labels of the people who matter (centres, targets, our and
   * competitors' people) keep a readable size on screen; the rest appear when zooming in. */
  function keepKeyLabels(cy) {
    var key = cy.nodes("[?power_centre], [?influence_centre], [?plan_target], [?role_holder], [?key], [?centre], [side = 'ours'], [side = 'competitor']");
    var apply = function () {
      var z = cy.zoom();
      if (z >= 1) { key.removeStyle("font-size text-max-width"); return; }
      key.style({ "font-size": Math.min(40, 11 / z), "text-max-width": Math.min(400, 120 / z) });
    };
    cy.on("zoom", apply);
    return apply;
  }

  /* Items with data-graph-path="ID ID ..." (the best paths) light up their chain on hover. */
  function pathHighlights(cy) {
    document.querySelectorAll("[data-graph-path]").forEach(function (item) {
      var ids = item.dataset.graphPath.split(" ");
      var chain = cy.collection();
      ids.forEach(function (id, i) {
        chain = chain.union(cy.getElementById(id));
        if (i > 0) {
          var prev = ids[i - 1];
          chain = chain.union(cy.edges().filter(function (e) {
            var a = e.data("source"), b = e.data("target");
            return (a === prev && b === id) || (a === id && b === prev);
          }));
        }
      });
      item.addEventListener("mouseenter", function () {
        cy.elements().not(chain).addClass("faded");
        chain.addClass("hl");
        item.classList.add("active");
      });
      item.addEventListener("mouseleave", function () {
        cy.elements().removeClass("faded hl");
        item.classList.remove("active");
      });
    });
  }

  /* Find in the graph: people whose name or title holds the text are ringed, the rest fade,
   * and the view moves to them. */
  function finder(container, cy) {
    var input = container.parentElement && container.parentElement.querySelector("[data-graph-find='" + container.dataset.graph + "']");
    if (!input) { return; }
    input.addEventListener("input", function () {
      var text = input.value.trim().toLowerCase();
      cy.elements().removeClass("faded found");
      if (!text) { fitCapped(cy); return; }
      var hits = cy.nodes(":visible").filter(function (n) {
        var d = n.data();
        return (d.name || "").toLowerCase().indexOf(text) >= 0 || (d.title || "").toLowerCase().indexOf(text) >= 0;
      });
      input.dataset.hits = String(hits.length);
      if (!hits.length) { return; }
      cy.elements().not(hits).addClass("faded");
      hits.addClass("found");
      cy.fit(hits, 80);
      if (cy.zoom() > 1.2) { cy.zoom(1.2); cy.center(hits); }
    });
  }

  function showCount(container, cy) {
    container.dataset.nodeCount = String(cy.nodes(":visible").length);
  }

  /* Fit the graph to the canvas, but never blow a small graph up past 1.2×. */
  function fitCapped(cy) {
    cy.fit(undefined, 30);
    if (cy.zoom() > 1.2) { cy.zoom(1.2); cy.center(); }
  }

  function draw(container) {
    var source = document.getElementById(container.dataset.graph);
    if (!source || !window.cytoscape) { return; }
    var data = JSON.parse(source.textContent);
    var parts = window.GuanxiGraphParts || {};
    parts.phoneList(container, data);
    var canvas = container.querySelector(".graph-canvas") || container;
    var cy = window.cytoscape({
      container: canvas, elements: elements(data), style: STYLE,
      minZoom: 0.05, maxZoom: 3, layout: { name: "preset" },
    });
    var labels = keepKeyLabels(cy);
    /* Lay out, fit, size the key labels for that zoom, route the lines around the people
     * and put each label where it touches no other label. */
    container.relayout = function () {
      if (data.layout === "hierarchy") { orgChart(cy); } else { concentric(cy); }
      fitCapped(cy);
      labels();
      parts.route(cy);
      // Labels moved above or beside their node may reach past the frame: fit once more.
      parts.placeLabels(cy, data.layout === "hierarchy");
      fitCapped(cy);
      labels();
      parts.placeLabels(cy, data.layout === "hierarchy");
    };
    container.relayout();
    container.cy = cy;
    showCount(container, cy);

    var href = container.dataset.nodeHref || "/people/{id}/";
    cy.on("tap", "node", function (evt) {
      var url = href.replace("{id}", encodeURIComponent(evt.target.id()));
      // The org chart opens a side panel (stay on the page); other graphs go to the person.
      if (data.layout === "hierarchy") { parts.sidePanel(container, cy, evt.target, url); return; }
      window.location.href = url;
    });
    cy.on("tap", function (evt) { if (evt.target === cy) { parts.closePanel(container, cy); } });
    var tip = tooltip(container);
    cy.on("mouseover", "node", function (evt) {
      var d = evt.target.data();
      var lines = [d.name || d.id];
      if (d.title) { lines.push(d.title); }
      if (d.closeness !== null && d.closeness !== undefined) {
        lines.push((container.dataset.closenessLabel || "closeness") + ": " + Math.round(d.closeness));
      }
      tip.textContent = "";
      lines.forEach(function (line, i) {
        var el = document.createElement(i === 0 ? "strong" : "div");
        el.textContent = line;
        tip.appendChild(el);
      });
      var pos = evt.target.renderedPosition();
      tip.style.left = (pos.x + 14) + "px";
      tip.style.top = (pos.y + 14) + "px";
      tip.hidden = false;
      parts.route(cy, evt.target.connectedEdges(".knows").addClass("shown"));
      var near = evt.target.closedNeighborhood();
      cy.elements().not(near).addClass("faded");
    });
    cy.on("mouseout", "node", function (evt) {
      tip.hidden = true;
      cy.elements().removeClass("faded");
      if (!container.dataset.allKnows) { evt.target.connectedEdges(".knows").removeClass("shown"); }
    });
    finder(container, cy);

    pathHighlights(cy);

    container.querySelectorAll("[data-graph-action]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.dataset.graphAction;
        if (action === "fit") { fitCapped(cy); }
        if (action === "png" || action === "svg") { parts.save(container, cy, action); }
        if (action === "in") { cy.zoom({ level: cy.zoom() * 1.3, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }); }
        if (action === "out") { cy.zoom({ level: cy.zoom() / 1.3, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }); }
      });
    });
    document.querySelectorAll("[data-graph-toggle]").forEach(function (box) {
      var apply = function () {
        var what = box.dataset.graphToggle;
        if (what === "knows") {
          if (box.checked) { container.dataset.allKnows = "1"; parts.route(cy, cy.edges(".knows").addClass("shown")); }
          else { delete container.dataset.allKnows; cy.edges(".knows").removeClass("shown"); }
          return;
        }
        var sel = what === "influence" ? cy.edges("[kind = 'influence']")
          : cy.nodes("[side = '" + (what === "ours" ? "ours" : "competitor") + "']");
        if (box.checked) { sel.style("display", "element"); } else { sel.style("display", "none"); }
        showCount(container, cy);
      };
      box.addEventListener("change", apply);
      apply();
    });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-testid='relationship-graph'][data-graph]").forEach(function (c) {
      if (!c.cy) { draw(c); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSettle", function (evt) { drawAll(evt.target); });
  window.GuanxiGraph = { draw: draw, drawAll: drawAll };
})();
