/* Guanxi graphs: the org chart layout (used by graph.js for the account and deal graphs).
 *
 * A tidy tree top-down along the reporting lines: a manager's reports who have nobody below
 * them hang in a list (one or more columns) under the manager, a level wider than the canvas
 * allows wraps into rows, so a 200-person customer keeps the canvas shape; our people form a
 * column on the left, competitors' people one on the right. Each reporting line gets a route
 * with right-angled corners through the gaps (graph-routes.js checks it and uses it).
 */
(function () {
  "use strict";
  var parts = window.GuanxiGraphParts = window.GuanxiGraphParts || {};
  var nodeSize = function () { return 26; };

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

  function orgChart(cy, size) {
    nodeSize = size || nodeSize;
    var customers = cy.nodes("[side = 'customer'], node.collapsed").filter(function (n) { return !n.isParent(); });
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
      // Reports with nobody below them who share the manager's department hang in a list
      // right under the manager (the department stays together); the others go below it.
      var dept = byId[id].data("department");
      var own = allLeaves ? children : children.filter(function (c) {
        return dept && !(kids[c] || []).length && byId[c].data("department") === dept;
      });
      var others = allLeaves ? [] : children.filter(function (c) { return own.indexOf(c) < 0; });
      var list = null, listH = 0;
      if (own.length) {
        own.forEach(function (c) { seen[c] = true; });
        var cols = Math.ceil(own.length / LIST_ROWS);
        var geo = listGeometry(id, own);
        list = { list: own, cols: cols, listRows: Math.ceil(own.length / cols), top: geo.top, step: geo.step };
        listH = geo.top - 34 + list.listRows * geo.step;
      }
      if (!others.length) {
        info[id] = list;
        return { id: id, w: list.cols, h: listH };
      }
      // Reports of the manager's own department go in the middle, right under the manager,
      // so the department's frame does not reach over another department.
      var same = others.filter(function (c) { return dept && byId[c].data("department") === dept; });
      if (same.length && same.length < others.length) {
        var rest = others.filter(function (c) { return same.indexOf(c) < 0; });
        var half = Math.floor(rest.length / 2);
        others = rest.slice(0, half).concat(same, rest.slice(half));
      }
      var packed = packRows(others.map(function (c) { return measure(c, seen); }), maxCols);
      var w = list ? list.cols : 0, h = listH;
      packed.forEach(function (row) {
        var rw = 0, rh = 0;
        row.forEach(function (b) { rw += b.w; rh = Math.max(rh, b.h); });
        w = Math.max(w, rw);
        h += ROW + rh;
      });
      info[id] = { rows: packed, list: list, listH: listH };
      return { id: id, w: w, h: h };
    }

    /* The reporting line of a person to their manager at `m`, with right-angled corners
     * that keep clear of everyone else (graph-routes.js checks and uses it). */
    function lineTo(id, m, corners) {
      byId[id].edgesTo(byId[m.id]).filter("[kind = 'reports_to']").scratch("_route", corners);
      byId[m.id].edgesTo(byId[id]).filter("[kind = 'reports_to']").scratch("_route", corners.slice().reverse());
    }

    /* A hanging list under its manager at `m`, its columns from `lx0`: each column has its own
     * gutter on its left, up to a bus line between the manager and the first row. */
    function placeList(inf, lx0, y, m) {
      var leaf = inf.step - 14, bus = y + (nodeSize(byId[m.id].data()) / 2 + inf.top - leaf / 2) / 2;
      inf.list.forEach(function (id, i) {
        var col = Math.floor(i / inf.listRows), row = i % inf.listRows;
        var x = (lx0 + col + 0.5) * COL + 26, yy = y + inf.top + row * inf.step;
        var gutter = x - Math.max(26, leaf / 2 + 8);
        byId[id].position({ x: x, y: yy });
        lineTo(id, m, [{ x: gutter, y: yy }, { x: gutter, y: bus }, { x: m.x, y: bus }]);
      });
      return bus;
    }

    function place(block, x0, y) {
      var centre = (x0 + block.w / 2) * COL;
      var me = byId[block.id];
      me.position({ x: centre, y: y });
      var inf = info[block.id];
      if (!inf) { return; }
      var m = { id: block.id, x: centre, y: y };
      if (inf.listRows) { placeList(inf, x0, y, m); return; }
      var yy = y + ROW + (inf.listH || 0), lead = null;
      if (inf.list) {
        // Reports below the list reach the manager along the list's left side.
        var lx0 = x0 + (block.w - inf.list.cols) / 2;
        lead = { x: lx0 * COL + 16, bus: placeList(inf.list, lx0, y, m) };
      }
      // A manager with one report straight below: the label goes to the side, so a chain
      // of single reports (chairman, president, VP) does not stack its labels on each other.
      if (!inf.list && inf.rows.length === 1 && inf.rows[0].length === 1) { me.addClass("label-side"); }
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
          if (lead) { corners.push({ x: lead.x, y: buses[0] }, { x: lead.x, y: lead.bus }); }
          corners.push({ x: centre, y: lead ? lead.bus : buses[0] });
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


  parts.orgChart = orgChart;
})();
