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
    customer: "#3b6fd8", ours: "#15935a", competitor: "#7c4dcc", partner: "#64748b",
    power: "#d92d20", influence: "#f79009", path: "#1d4ed8", reports: "#98a2b3",
  };

  function label(d) {
    var text = d.name || d.id;
    if (d.closeness !== null && d.closeness !== undefined) { text += "\n" + Math.round(d.closeness); }
    return text;
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

  var STYLE = [
    { selector: "node", style: {
      "background-color": function (n) { return COLOURS[n.data("side")] || COLOURS.customer; },
      "label": function (n) { return label(n.data()); },
      "width": function (n) { return nodeSize(n.data()); },
      "height": function (n) { return nodeSize(n.data()); },
      "font-size": 11, "color": "#1f2933", "text-wrap": "wrap", "text-max-width": 120,
      "text-valign": "bottom", "text-margin-y": 4,
      "text-background-color": "#ffffff", "text-background-opacity": 0.75, "text-background-padding": 1,
      "border-width": 1.5, "border-color": "#ffffff",
    } },
    { selector: "node[?power_centre]", style: { "background-color": COLOURS.power } },
    { selector: "node[?influence_centre]", style: {
      "border-width": 5, "border-color": COLOURS.influence, "border-style": "double" } },
    { selector: "node[?plan_target]", style: { "border-width": 3, "border-color": "#101828", "border-style": "dashed" } },
    { selector: "node[?centre]", style: { "border-width": 4, "border-color": "#101828" } },
    { selector: "edge", style: {
      "curve-style": "bezier", "width": function (e) { return edgeWidth(e.data()); },
      "line-color": "#12b76a", "target-arrow-shape": "none", "opacity": 0.8,
    } },
    { selector: "edge[kind = 'reports_to']", style: {
      "line-color": COLOURS.reports, "width": 1.5, "curve-style": "taxi", "taxi-direction": "upward" } },
    { selector: "edge[kind = 'influence']", style: {
      "line-color": COLOURS.influence, "line-style": "dashed", "target-arrow-shape": "triangle",
      "target-arrow-color": COLOURS.influence } },
    { selector: "edge[kind = 'competitor']", style: {
      "line-color": COLOURS.competitor, "target-arrow-shape": "triangle", "target-arrow-color": COLOURS.competitor } },
    { selector: "edge[kind = 'path']", style: { "line-color": COLOURS.path, "line-style": "dotted" } },
    { selector: "edge[?on_path]", style: { "line-color": COLOURS.path, "width": 4, "opacity": 1,
      "target-arrow-shape": "triangle", "target-arrow-color": COLOURS.path } },
    { selector: ".faded", style: { "opacity": 0.15 } },
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
      }
      els.push({ group: "edges", data: d });
    });
    return els;
  }

  /* The org chart top-down (reporting lines), our people in a column on the left,
   * competitors' people on the right. */
  function hierarchy(cy) {
    var customers = cy.nodes("[side = 'customer']");
    var chart = customers.union(customers.edgesWith(customers).filter("[kind = 'reports_to']"));
    chart.layout({ name: "dagre", rankDir: "BT", nodeSep: 18, rankSep: 70, animate: false }).run();
    var box = customers.length ? customers.boundingBox() : { x1: 0, x2: 0, y1: 0, y2: 400 };
    ["ours", "competitor"].forEach(function (side, k) {
      var group = cy.nodes("[side = '" + side + "']").sort(function (a, b) {
        return a.data("name") < b.data("name") ? -1 : 1;
      });
      var step = Math.max(60, (box.y2 - box.y1) / Math.max(1, group.length));
      var x = k === 0 ? box.x1 - 260 : box.x2 + 260;
      group.forEach(function (n, i) { n.position({ x: x + (i % 2) * 110, y: box.y1 + i * step }); });
    });
  }

  function concentric(cy) {
    cy.layout({
      name: "concentric", animate: false, minNodeSpacing: 30,
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

  function showCount(container, cy) {
    container.dataset.nodeCount = String(cy.nodes(":visible").length);
  }

  function draw(container) {
    var source = document.getElementById(container.dataset.graph);
    if (!source || !window.cytoscape) { return; }
    var data = JSON.parse(source.textContent);
    var canvas = container.querySelector(".graph-canvas") || container;
    var cy = window.cytoscape({
      container: canvas, elements: elements(data), style: STYLE,
      wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 3, layout: { name: "preset" },
    });
    if (data.layout === "hierarchy") { hierarchy(cy); } else { concentric(cy); }
    cy.fit(undefined, 30);
    container.cy = cy;
    showCount(container, cy);

    var href = container.dataset.nodeHref || "/people/{id}/";
    cy.on("tap", "node", function (evt) {
      window.location.href = href.replace("{id}", encodeURIComponent(evt.target.id()));
    });
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
      var near = evt.target.closedNeighborhood();
      cy.elements().not(near).addClass("faded");
    });
    cy.on("mouseout", "node", function () { tip.hidden = true; cy.elements().removeClass("faded"); });

    container.querySelectorAll("[data-graph-action]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.dataset.graphAction;
        if (action === "fit") { cy.fit(undefined, 30); }
        if (action === "in") { cy.zoom({ level: cy.zoom() * 1.3, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }); }
        if (action === "out") { cy.zoom({ level: cy.zoom() / 1.3, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }); }
      });
    });
    document.querySelectorAll("[data-graph-toggle]").forEach(function (box) {
      var apply = function () {
        var what = box.dataset.graphToggle;
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
