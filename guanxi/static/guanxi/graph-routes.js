/* Guanxi graphs: no line drawn through a person it does not join (used by graph.js).
 *
 * After every layout each drawn line gets the first route that passes clear of every other
 * person's box: the layout's own route (the org chart's corners), else straight, else bent
 * once to one side or the other, else with right-angled corners. Routes are polylines drawn
 * as Cytoscape "segments" edges, checked against a grid of the node boxes.
 */
(function () {
  "use strict";
  var parts = window.GuanxiGraphParts = window.GuanxiGraphParts || {};
  var CELL = 80, PAD = 3;

  function Grid(nodes) {
    this.cells = {};
    this.boxes = [];
    var self = this;
    nodes.forEach(function (n) {
      var b = n.boundingBox({ includeLabels: false, includeOverlays: false });
      var box = { id: n.id(), x1: b.x1 - PAD, y1: b.y1 - PAD, x2: b.x2 + PAD, y2: b.y2 + PAD };
      self.boxes.push(box);
      for (var i = Math.floor(box.x1 / CELL); i <= Math.floor(box.x2 / CELL); i++) {
        for (var j = Math.floor(box.y1 / CELL); j <= Math.floor(box.y2 / CELL); j++) {
          (self.cells[i + ":" + j] = self.cells[i + ":" + j] || []).push(box);
        }
      }
    });
  }

  /* Whether the segment a–b crosses the box (Liang–Barsky clipping). */
  function segmentHits(ax, ay, bx, by, box) {
    var t0 = 0, t1 = 1, dx = bx - ax, dy = by - ay;
    var p = [-dx, dx, -dy, dy], q = [ax - box.x1, box.x2 - ax, ay - box.y1, box.y2 - ay];
    for (var k = 0; k < 4; k++) {
      if (p[k] === 0) { if (q[k] < 0) { return false; } continue; }
      var r = q[k] / p[k];
      if (p[k] < 0) { if (r > t1) { return false; } if (r > t0) { t0 = r; } }
      else { if (r < t0) { return false; } if (r < t1) { t1 = r; } }
    }
    return t0 <= t1;
  }

  /* How many boxes (other than the ends') the polyline crosses. */
  Grid.prototype.hits = function (pts, skip) {
    var seen = {}, count = 0;
    for (var s = 0; s + 1 < pts.length; s++) {
      var a = pts[s], b = pts[s + 1];
      var i0 = Math.floor(Math.min(a.x, b.x) / CELL), i1 = Math.floor(Math.max(a.x, b.x) / CELL);
      var j0 = Math.floor(Math.min(a.y, b.y) / CELL), j1 = Math.floor(Math.max(a.y, b.y) / CELL);
      for (var i = i0; i <= i1; i++) {
        for (var j = j0; j <= j1; j++) {
          var cell = this.cells[i + ":" + j];
          if (!cell) { continue; }
          for (var k = 0; k < cell.length; k++) {
            var box = cell[k];
            if (seen[box.id] || skip[box.id]) { continue; }
            if (segmentHits(a.x, a.y, b.x, b.y, box)) { seen[box.id] = true; count++; }
          }
        }
      }
    }
    return count;
  };

  /* The candidate routes of a line from s to t, as lists of corner points. */
  function candidates(s, t, own) {
    var out = [];
    if (own) { out.push(own); }
    out.push([]);
    var dx = t.x - s.x, dy = t.y - s.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
    var nx = -dy / len, ny = dx / len, mx = (s.x + t.x) / 2, my = (s.y + t.y) / 2;
    [30, 60, 100, 150, 220, 320, 460].forEach(function (d) {
      out.push([{ x: mx + nx * d, y: my + ny * d }]);
      out.push([{ x: mx - nx * d, y: my - ny * d }]);
    });
    out.push([{ x: s.x, y: t.y }]);
    out.push([{ x: t.x, y: s.y }]);
    [0.2, 0.4, 0.6, 0.8].forEach(function (k) {
      var y = s.y + k * dy, x = s.x + k * dx;
      out.push([{ x: s.x, y: y }, { x: t.x, y: y }]);
      out.push([{ x: x, y: s.y }, { x: x, y: t.y }]);
    });
    [-1, 1].forEach(function (side) {
      [40, 90, 160].forEach(function (off) {
        var y = (side < 0 ? Math.min(s.y, t.y) : Math.max(s.y, t.y)) + side * off;
        out.push([{ x: s.x, y: y }, { x: t.x, y: y }]);
        var x = (side < 0 ? Math.min(s.x, t.x) : Math.max(s.x, t.x)) + side * off;
        out.push([{ x: x, y: s.y }, { x: x, y: t.y }]);
      });
    });
    return out;
  }

  /* The weights and distances of "segments" for corner points, relative to the centres. */
  function segmentStyle(s, t, corners, flipD, flipW) {
    var dx = t.x - s.x, dy = t.y - s.y, l2 = dx * dx + dy * dy || 1, len = Math.sqrt(l2);
    var ws = [], ds = [];
    corners.forEach(function (p) {
      var w = ((p.x - s.x) * dx + (p.y - s.y) * dy) / l2;
      var d = ((p.x - s.x) * -dy + (p.y - s.y) * dx) / len;
      ws.push(flipW ? 1 - w : w);
      ds.push(flipD ? -d : d);
    });
    return { "curve-style": "segments", "edge-distances": "node-position",
      "segment-weights": ws.join(" "), "segment-distances": ds.join(" "), "segment-radii": 0 };
  }

  function drawnAsPlanned(e, corners) {
    var got = e.segmentPoints() || [];
    if (got.length !== corners.length) { return false; }
    return corners.every(function (p, i) { return Math.abs(p.x - got[i].x) < 1 && Math.abs(p.y - got[i].y) < 1; });
  }

  function apply(e, s, t, corners) {
    if (!corners.length) { e.style({ "curve-style": "straight" }); return; }
    var tries = [[false, false], [true, false], [false, true], [true, true]];
    for (var k = 0; k < tries.length; k++) {
      e.style(segmentStyle(s, t, corners, tries[k][0], tries[k][1]));
      if (drawnAsPlanned(e, corners)) { return; }
    }
  }


  /* A raster of the node boxes for the rare line no simple route clears: a shortest path
   * with few turns through the free cells (A*), then its corners. */
  var STEP = 8;

  function Raster(grid, frame) {
    this.x0 = frame.x1 - 200; this.y0 = frame.y1 - 200;
    this.w = Math.ceil((frame.x2 - frame.x1 + 400) / STEP) + 1;
    this.h = Math.ceil((frame.y2 - frame.y1 + 400) / STEP) + 1;
    this.owner = new Int32Array(this.w * this.h).fill(-1);
    var self = this;
    grid.boxes.forEach(function (box, k) {
      var i0 = Math.max(0, Math.floor((box.x1 - self.x0) / STEP)), i1 = Math.min(self.w - 1, Math.ceil((box.x2 - self.x0) / STEP));
      var j0 = Math.max(0, Math.floor((box.y1 - self.y0) / STEP)), j1 = Math.min(self.h - 1, Math.ceil((box.y2 - self.y0) / STEP));
      for (var j = j0; j <= j1; j++) {
        for (var i = i0; i <= i1; i++) {
          var c = j * self.w + i;
          self.owner[c] = self.owner[c] === -1 ? k : -2;
        }
      }
    });
    this.cost = new Float64Array(this.w * this.h * 4);
    this.from = new Int32Array(this.w * this.h * 4);
    this.stamp = new Int32Array(this.w * this.h * 4);
    this.gen = 0;
    this.index = {};
    grid.boxes.forEach(function (box, k) { self.index[box.id] = k; });
  }

  Raster.prototype.cell = function (p) {
    var i = Math.max(0, Math.min(this.w - 1, Math.round((p.x - this.x0) / STEP)));
    var j = Math.max(0, Math.min(this.h - 1, Math.round((p.y - this.y0) / STEP)));
    return j * this.w + i;
  };

  Raster.prototype.path = function (s, t, sid, tid, budget) {
    var w = this.w, owner = this.owner, a = this.index[sid], b = this.index[tid];
    var start = this.cell(s), goal = this.cell(t), gx = goal % w, gy = Math.floor(goal / w);
    var cost = this.cost, from = this.from, stamp = this.stamp, gen = ++this.gen, heap = [];
    function push(c, dir, g) {
      var x = c % w, y = Math.floor(c / w);
      var f = g + 3 * (Math.abs(x - gx) + Math.abs(y - gy));  // greedy: a clear route soon, not the shortest
      heap.push([f, c, dir, g]);
      var i = heap.length - 1;
      while (i > 0) {
        var up = (i - 1) >> 1;
        if (heap[up][0] <= heap[i][0]) { break; }
        var tmp = heap[up]; heap[up] = heap[i]; heap[i] = tmp; i = up;
      }
    }
    function pop() {
      var top = heap[0], last = heap.pop();
      if (heap.length) {
        heap[0] = last;
        var i = 0;
        for (;;) {
          var l = 2 * i + 1, r = l + 1, m = i;
          if (l < heap.length && heap[l][0] < heap[m][0]) { m = l; }
          if (r < heap.length && heap[r][0] < heap[m][0]) { m = r; }
          if (m === i) { break; }
          var tmp = heap[m]; heap[m] = heap[i]; heap[i] = tmp; i = m;
        }
      }
      return top;
    }
    var MOVES = [1, -1, w, -w];
    push(start, -1, 0);
    var seen = 0;
    while (heap.length && seen++ < budget) {
      var top = pop(), c = top[1], dir = top[2], g = top[3];
      if (dir >= 0 && cost[c * 4 + dir] < g) { continue; }
      if (c === goal) {
        var corners = [], key = c * 4 + dir, last = dir, guard = 0;
        while (key >= 0 && Math.floor(key / 4) !== start && guard++ < 100000) {
          var prev = from[key], pc = Math.floor(prev / 4), pd = prev % 4;
          if (prev < 0) { break; }
          if (pd !== last && pc !== start) {
            corners.push({ x: this.x0 + (pc % w) * STEP, y: this.y0 + Math.floor(pc / w) * STEP });
          }
          last = pd; key = prev;
        }
        return corners.reverse();
      }
      for (var d = 0; d < 4; d++) {
        var n = c + MOVES[d];
        if (n < 0 || n >= owner.length || n === start || (d < 2 && Math.floor(n / w) !== Math.floor(c / w))) { continue; }
        var o = owner[n];
        if (o !== -1 && o !== a && o !== b && n !== goal) { continue; }
        var ng = g + 1 + (dir >= 0 && dir !== d ? 8 : 0);
        var k = n * 4 + d;
        if (stamp[k] === gen && cost[k] <= ng) { continue; }
        stamp[k] = gen;
        cost[k] = ng;
        from[k] = dir < 0 ? -1 : c * 4 + dir;
        push(n, d, ng);
      }
    }
    return null;
  };

  /* Corners inside the end nodes leave Cytoscape no line to cut at their border: drop them. */
  function trimEnds(corners, src, tgt) {
    if (!corners) { return corners; }
    var inside = function (p, n) {
      var b = n.boundingBox({ includeLabels: false });
      return p.x >= b.x1 - 1 && p.x <= b.x2 + 1 && p.y >= b.y1 - 1 && p.y <= b.y2 + 1;
    };
    var a = 0, z = corners.length;
    while (a < z && inside(corners[a], src)) { a++; }
    while (z > a && inside(corners[z - 1], tgt)) { z--; }
    return corners.slice(a, z);
  }

  /* Route every drawn line (or only `edges`) around the people it does not join. */
  function route(cy, edges) {
    var grid = new Grid(cy.nodes(":visible").filter(function (n) { return !n.isParent(); }));
    var lines = (edges || cy.edges()).filter(function (e) { return e.visible(); });
    var stuck = 0, raster = null, searched = 0;
    cy.batch(function () {
      lines.forEach(function (e) {
        var src = e.source(), tgt = e.target();
        if (src.same(tgt)) { return; }
        var s = src.position(), t = tgt.position(), skip = {};
        skip[src.id()] = skip[tgt.id()] = true;
        var best = null, fewest = Infinity;
        var tries = candidates(s, t, e.scratch("_route"));
        for (var k = 0; k < tries.length && fewest > 0; k++) {
          var n = grid.hits([s].concat(tries[k], [t]), skip);
          if (n < fewest) { fewest = n; best = tries[k]; }
        }
        if (fewest > 0) {
          searched++;
          raster = raster || new Raster(grid, cy.nodes(":visible").boundingBox({ includeLabels: false }));
          var found = trimEnds(raster.path(s, t, src.id(), tgt.id(), 1000000), src, tgt);
          var n2 = found ? grid.hits([s].concat(found, [t]), skip) : Infinity;
          if (n2 < fewest) { fewest = n2; best = found; }
        }
        if (fewest > 0) { stuck++; }
        e.scratch("_corners", best);
      });
    });
    // Cytoscape measures the corners along each line from its source to its target; one
    // whose drawn corners are not the planned ones (a convention of another version) is set
    // again with the other conventions.
    cy.batch(function () {
      lines.forEach(function (e) {
        var corners = e.scratch("_corners");
        if (!corners) { return; }
        if (!corners.length) { e.style({ "curve-style": "straight" }); return; }
        e.style(segmentStyle(e.source().position(), e.target().position(), corners, false, false));
      });
    });
    lines.forEach(function (e) {
      var corners = e.scratch("_corners");
      if (corners && corners.length && !drawnAsPlanned(e, corners)) {
        apply(e, e.source().position(), e.target().position(), corners);
      }
    });
    cy.scratch("_stuckLines", stuck);
    cy.scratch("_searchedLines", searched);
    return stuck;
  }

  /* Where a label may go around its node, tried in this order ("side" first for a manager
   * whose single report is straight below). */
  var SPOTS = {
    bottom: { "text-valign": "bottom", "text-halign": "center", "text-margin-x": 0, "text-margin-y": 4 },
    top: { "text-valign": "top", "text-halign": "center", "text-margin-x": 0, "text-margin-y": -4 },
    right: { "text-valign": "center", "text-halign": "right", "text-margin-x": 6, "text-margin-y": 0 },
    left: { "text-valign": "center", "text-halign": "left", "text-margin-x": -6, "text-margin-y": 0 },
  };

  function apart(a, b) { return a.x2 <= b.x1 || b.x2 <= a.x1 || a.y2 <= b.y1 || b.y2 <= a.y1; }

  function rank(n) {
    var d = n.data();
    if (d.centre) { return 0; }
    if (d.power_centre || d.influence_centre || d.plan_target) { return 1; }
    if (d.role_holder || d.key || d.side !== "customer") { return 2; }
    return 3;
  }

  /* Put the drawn labels, most important first, where they touch no label already placed
   * (and preferably no other person); a label that fits nowhere is left to the tooltip,
   * except a key person's in the org chart (`keepKey`), which stays below its node. */
  function placeLabels(cy, keepKey) {
    var z = cy.zoom(), placed = [];
    var people = cy.nodes(":visible").filter(function (n) { return !n.isParent(); });
    var boxes = people.map(function (n) { return [n.id(), n.boundingBox({ includeLabels: false })]; });
    people.removeClass("no-label");
    var drawn = people.filter(function (n) {
      return n.style("label") && parseFloat(n.style("font-size")) * z >= (parseFloat(n.style("min-zoomed-font-size")) || 0);
    }).sort(function (a, b) { return rank(a) - rank(b) || (b.data("importance") || 0) - (a.data("importance") || 0); });
    drawn.forEach(function (n) {
      var spots = n.hasClass("label-side") ? ["right", "bottom", "top", "left"] : ["bottom", "top", "right", "left"];
      var fallback = null, least = null, done = false;
      for (var k = 0; k < spots.length && !done; k++) {
        n.style(SPOTS[spots[k]]);
        var box = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
        var touching = placed.filter(function (p) { return !apart(p, box); }).length;
        if (least === null || touching < least[2]) { least = [spots[k], box, touching]; }
        if (touching) { continue; }
        var clear = boxes.every(function (b) { return b[0] === n.id() || apart(b[1], box); });
        if (clear) { placed.push(box); done = true; } else if (!fallback) { fallback = [spots[k], box]; }
      }
      if (done) { return; }
      if (fallback) { n.style(SPOTS[fallback[0]]); placed.push(fallback[1]); return; }
      var d = n.data();
      if (keepKey && (rank(n) <= 1 || d.role_holder || d.key)) {
        // A key person keeps a label: where it touches the fewest others.
        n.style(SPOTS[least[0]]);
        placed.push(least[1]);
        return;
      }
      n.addClass("no-label");
    });
  }

  parts.placeLabels = placeLabels;
  parts.route = route;
  parts.segmentHits = segmentHits;
})();
