/* Guanxi graphs: save the whole drawing as PNG or SVG for an account plan (used by graph.js).
 *
 * The file is named after the account and the day ("Dongfang Bank 2026-12-07.svg", from the
 * container's data-export-name). The SVG is written from the drawing itself — each person's
 * shape, colour and border, each line as drawn (straight, curved or with corners) and the
 * labels — so it stays sharp at any size and can be edited.
 */
(function () {
  "use strict";
  var parts = window.GuanxiGraphParts = window.GuanxiGraphParts || {};

  function fileName(container, ext) {
    var name = (container.dataset.exportName || container.dataset.graph || "graph").replace(/[\\/:*?"<>|]+/g, "-").trim();
    var d = new Date(), pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return name + " " + d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "." + ext;
  }

  function download(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function num(x) { return Math.round(x * 10) / 10; }

  /* The line of an edge as SVG path data, from the points Cytoscape drew it through. */
  function edgePath(e) {
    var s = e.sourceEndpoint(), t = e.targetEndpoint(), style = e.style("curve-style");
    var d = "M" + num(s.x) + " " + num(s.y);
    if ((style === "segments" || style === "taxi") && e.segmentPoints()) {
      e.segmentPoints().forEach(function (p) { d += " L" + num(p.x) + " " + num(p.y); });
    } else if (e.controlPoints() && e.controlPoints().length) {
      var cps = e.controlPoints();
      cps.forEach(function (c, i) {
        var end = i + 1 < cps.length ? { x: (c.x + cps[i + 1].x) / 2, y: (c.y + cps[i + 1].y) / 2 } : t;
        d += " Q" + num(c.x) + " " + num(c.y) + " " + num(end.x) + " " + num(end.y);
      });
      return d;
    }
    return d + " L" + num(t.x) + " " + num(t.y);
  }

  var DASH = { dashed: "6 4", dotted: "1.5 3", double: "" };

  function nodeShape(n) {
    var p = n.position(), w = n.outerWidth() - n.pstyle("border-width").pfValue, h = n.outerHeight() - n.pstyle("border-width").pfValue;
    var shape = n.style("shape"), attrs = ' fill="' + n.style("background-color") + '"'
      + ' stroke="' + n.style("border-color") + '" stroke-width="' + num(n.pstyle("border-width").pfValue) + '"';
    var dash = DASH[n.style("border-style")];
    if (dash) { attrs += ' stroke-dasharray="' + dash + '"'; }
    if (n.isParent()) {
      attrs += ' fill-opacity="' + n.style("background-opacity") + '"';
    }
    if (shape.indexOf("diamond") >= 0) {
      return '<polygon points="' + [[p.x, p.y - h / 2], [p.x + w / 2, p.y], [p.x, p.y + h / 2], [p.x - w / 2, p.y]]
        .map(function (q) { return num(q[0]) + "," + num(q[1]); }).join(" ") + '"' + attrs + "/>";
    }
    if (shape.indexOf("rectangle") >= 0 || n.isParent()) {
      return '<rect x="' + num(p.x - w / 2) + '" y="' + num(p.y - h / 2) + '" width="' + num(w) + '" height="' + num(h) + '" rx="8"' + attrs + "/>";
    }
    return '<ellipse cx="' + num(p.x) + '" cy="' + num(p.y) + '" rx="' + num(w / 2) + '" ry="' + num(h / 2) + '"' + attrs + "/>";
  }

  function nodeLabel(n) {
    var text = n.style("label");
    if (!text) { return ""; }
    var p = n.position(), size = Math.min(14, n.pstyle("font-size").pfValue), lines = text.split("\n");
    var x = p.x, y, anchor = "middle";
    if (n.isParent()) {
      y = n.boundingBox({ includeLabels: false }).y1 - 4 - size * (lines.length - 1);
    } else if (n.style("text-halign") === "right") {
      x = p.x + n.outerWidth() / 2 + 8; anchor = "start";
      y = p.y - (lines.length - 1) * size * 0.6 + size * 0.35;
    } else if (n.style("text-valign") === "center") {
      y = p.y - (lines.length - 1) * size * 0.6 + size * 0.35;
    } else {
      y = p.y + n.outerHeight() / 2 + 4 + size;
    }
    var weight = n.style("font-weight");
    var out = '<text x="' + num(x) + '" y="' + num(y) + '" font-size="' + num(size) + '" text-anchor="' + anchor + '"'
      + (weight && weight !== "normal" ? ' font-weight="' + weight + '"' : "") + ">";
    lines.forEach(function (line, i) {
      out += '<tspan x="' + num(x) + '"' + (i ? ' dy="' + num(size * 1.2) + '"' : "") + ">" + esc(line) + "</tspan>";
    });
    return out + "</text>";
  }

  function svgOf(cy) {
    var shown = cy.elements(":visible");
    var box = shown.boundingBox({ includeLabels: true }), pad = 20;
    var w = box.w + 2 * pad, h = box.h + 2 * pad;
    var out = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="' + num(box.x1 - pad) + " " + num(box.y1 - pad) + " " + num(w) + " " + num(h)
      + '" width="' + Math.round(w) + '" height="' + Math.round(h) + '" font-family="Helvetica, Arial, \'PingFang SC\', \'Noto Sans CJK SC\', sans-serif">',
      '<rect x="' + num(box.x1 - pad) + '" y="' + num(box.y1 - pad) + '" width="' + num(w) + '" height="' + num(h) + '" fill="#ffffff"/>'];
    shown.nodes().filter(function (n) { return n.isParent(); }).forEach(function (n) { out.push(nodeShape(n)); });
    var arrows = {};
    shown.edges().forEach(function (e) {
      var colour = e.style("line-color"), attrs = ' fill="none" stroke="' + colour + '" stroke-width="' + num(e.pstyle("width").pfValue)
        + '" stroke-opacity="' + e.style("opacity") + '"';
      var dash = DASH[e.style("line-style")];
      if (dash) { attrs += ' stroke-dasharray="' + dash + '"'; }
      if (e.style("target-arrow-shape") !== "none") {
        var id = "arrow" + colour.replace(/[^0-9a-z]/gi, "");
        arrows[id] = colour;
        attrs += ' marker-end="url(#' + id + ')"';
      }
      out.push('<path d="' + edgePath(e) + '"' + attrs + "/>");
    });
    var defs = Object.keys(arrows).map(function (id) {
      return '<marker id="' + id + '" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
        + '<path d="M0 0 L10 5 L0 10 z" fill="' + arrows[id] + '"/></marker>';
    });
    if (defs.length) { out.splice(1, 0, "<defs>" + defs.join("") + "</defs>"); }
    var people = shown.nodes().filter(function (n) { return !n.isParent(); });
    people.forEach(function (n) { out.push(nodeShape(n)); });
    out.push('<g fill="#1f2933" stroke="#ffffff" stroke-width="3" stroke-opacity="0.85" paint-order="stroke">');
    shown.nodes().forEach(function (n) { out.push(nodeLabel(n)); });
    out.push("</g></svg>");
    return out.join("\n");
  }

  function save(container, cy, kind) {
    if (kind === "svg") {
      download(new Blob([svgOf(cy)], { type: "image/svg+xml" }), fileName(container, "svg"));
      return;
    }
    // PNG: white background, twice the pixels.
    download(cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" }), fileName(container, "png"));
  }

  parts.save = save;
  parts.svgOf = svgOf;
})();
