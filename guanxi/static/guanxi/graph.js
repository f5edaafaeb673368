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
    if (d.kind === "department") { return window.GuanxiGraphParts.groups.label(d); }
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
    if (d.kind === "department") { return 52; }
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
    { selector: "node[kind = 'department']", style: {
      "shape": "round-rectangle", "background-color": "#eef2f6", "background-opacity": 0.5,
      "border-width": 1, "border-style": "dashed", "border-color": "#b6c0cc", "padding": 12,
      "compound-sizing-wrt-labels": "exclude",
      "text-valign": "top", "text-halign": "center", "text-margin-y": -2, "font-size": 11,
      "color": "#475467", "font-weight": 600, "text-background-opacity": 0 } },
    { selector: "node[kind = 'department'].collapsed", style: {
      "background-color": function (n) { return nodeColour(Object.assign({}, n.data(), { side: "customer" })); },
      "background-opacity": 1, "border-style": "solid", "border-width": 3, "border-color": "#101828", "padding": 0,
      "text-valign": "bottom", "text-margin-y": 4, "text-background-opacity": 0.8 } },
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

  /* At overview zoom the labels of the people who matter (centres, targets, role holders,
   * our and competitors' people; everyone in a small graph) keep a readable size on screen;
   * the rest appear when zooming in. */
  function keepKeyLabels(cy) {
    var apply = function () {
      var z = cy.zoom();
      // In a small graph (a deal's role holders) everyone's label stays readable.
      var key = cy.nodes().length <= 60 ? cy.nodes()
        : cy.nodes("[?power_centre], [?influence_centre], [?plan_target], [?role_holder], [?key], [?centre], [side = 'ours'], [side = 'competitor'], .collapsed");
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

  function showCount(container, cy) {
    container.dataset.nodeCount = String(cy.nodes(":visible").filter(function (n) { return n.data("kind") !== "department"; }).length);
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
    var els = elements(data);
    parts.departments(data, els);
    container.elementDefs = els;
    var cy = window.cytoscape({
      container: canvas, elements: els, style: STYLE,
      minZoom: 0.05, maxZoom: 3, layout: { name: "preset" },
    });
    var labels = keepKeyLabels(cy);
    /* Lay out, fit, size the key labels for that zoom, route the lines around the people
     * and put each label where it touches no other label. */
    container.relayout = function () {
      if (data.layout === "hierarchy") { parts.orgChart(cy, nodeSize); } else { concentric(cy); }
      fitCapped(cy);
      labels();
      // A small org chart is spaced by its labels: once more at the size they now have.
      if (data.layout === "hierarchy" && cy.nodes().length <= 60) {
        parts.orgChart(cy, nodeSize);
        fitCapped(cy);
        labels();
      }
      parts.route(cy);
      // Labels moved above or beside their node may reach past the frame: fit once more.
      var keepKey = data.layout === "hierarchy" && !container.classList.contains("small");
      parts.placeLabels(cy, keepKey);
      fitCapped(cy);
      labels();
      parts.placeLabels(cy, keepKey);
    };
    container.relayout();
    container.cy = cy;
    container.showCount = function () { showCount(container, cy); };
    showCount(container, cy);

    var href = container.dataset.nodeHref || "/people/{id}/";
    cy.on("tap", "node", function (evt) {
      if (evt.target.data("kind") === "department") { parts.groups.toggle(container, cy, evt.target); return; }
      var url = href.replace("{id}", encodeURIComponent(evt.target.id()));
      // The org chart opens a side panel (stay on the page); other graphs go to the person.
      if (data.layout === "hierarchy") { parts.sidePanel(container, cy, evt.target, url); return; }
      window.location.href = url;
    });
    cy.on("tap", function (evt) { if (evt.target === cy) { parts.closePanel(container, cy); } });
    var tip = tooltip(container);
    cy.on("mouseover", "node", function (evt) {
      if (evt.target.isParent()) { return; }
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
    parts.fit = fitCapped;
    parts.groups.setup(container, cy, data);

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
