/* Guanxi graphs: the customer's departments as groups that fold to one node, and
 * find-in-graph (used by graph.js).
 *
 * In the org chart each department with two or more people drawn is a compound node around
 * them. A tap on its frame folds it to one node showing how many people it holds and our
 * best closeness inside; a tap on that node unfolds it. Folded departments stay folded when
 * the chart is laid out again; find-in-graph unfolds the department of a person it finds.
 */
(function () {
  "use strict";
  var parts = window.GuanxiGraphParts = window.GuanxiGraphParts || {};

  function words() { return (document.getElementById("graph-words") || { dataset: {} }).dataset; }

  /* Parent nodes for the departments of the customer's people (two or more drawn). */
  function departments(data, els) {
    if (data.layout !== "hierarchy") { return; }
    var members = {};
    data.nodes.forEach(function (n) {
      if (n.side === "customer" && n.department) { (members[n.department] = members[n.department] || []).push(n.id); }
    });
    var parentOf = {};
    Object.keys(members).sort().forEach(function (name, i) {
      if (members[name].length < 2) { return; }
      var id = "department-" + i;
      els.unshift({ group: "nodes", data: { id: id, kind: "department", side: "department", name: name, members: members[name] } });
      members[name].forEach(function (m) { parentOf[m] = id; });
    });
    els.forEach(function (el) {
      if (el.group === "nodes" && parentOf[el.data.id]) { el.data = Object.assign({}, el.data, { parent: parentOf[el.data.id] }); }
    });
  }

  /* Bring the drawing in line with the folded set: members of folded departments out (with
   * their lines), the others in, and each line with a folded end drawn to its department. */
  function apply(container, cy) {
    var folded = container.folded, els = container.elementDefs, owner = {};
    // the node pointed at may go: no fading or tooltip left behind by it
    cy.elements().removeClass("faded");
    var tip = container.querySelector(".graph-tip");
    if (tip) { tip.hidden = true; }
    cy.remove(cy.edges(".meta"));
    cy.nodes("[kind = 'department']").forEach(function (dept) {
      var shut = folded.has(dept.id());
      dept.data("members").forEach(function (m) { if (shut) { owner[m] = dept.id(); } });
      if (shut) {
        var inside = dept.children();
        if (inside.length) {
          dept.scratch("_at", inside.boundingBox({ includeLabels: false }));
          summarise(dept, inside);
          cy.remove(inside);
          var at = dept.scratch("_at");
          dept.position({ x: (at.x1 + at.x2) / 2, y: at.y1 + 20 });
        }
        dept.addClass("collapsed");
      } else {
        // an unfolded frame keeps its name on top, whatever spot its folded label had
        dept.removeClass("collapsed no-label").removeStyle("text-valign text-halign text-margin-x text-margin-y");
        dept.data({ closeness: null, count: 0 });
      }
    });
    var missing = els.filter(function (el) {
      return el.group === "nodes" && !owner[el.data.id] && cy.getElementById(el.data.id).empty();
    });
    if (missing.length) { cy.add(missing); }
    var meta = {}, add = [];
    els.forEach(function (el) {
      if (el.group !== "edges") { return; }
      var s = owner[el.data.source] || el.data.source, t = owner[el.data.target] || el.data.target;
      if (s === el.data.source && t === el.data.target) {
        if (cy.getElementById(el.data.id).empty() && !cy.getElementById(s).empty() && !cy.getElementById(t).empty()) { add.push(el); }
        return;
      }
      var key = s + "|" + t + "|" + el.data.kind;
      if (s === t || meta[key] || cy.getElementById(s).empty() || cy.getElementById(t).empty()) { return; }
      meta[key] = true;
      add.push({ group: "edges", data: Object.assign({}, el.data, { id: "meta-" + key, source: s, target: t }),
        classes: ((el.classes || "") + " meta").trim() });
    });
    if (add.length) { cy.add(add); }
    if (container.dataset.allKnows) { cy.edges(".knows").addClass("shown"); }
  }

  function summarise(dept, inside) {
    var best = null, importance = 0;
    inside.forEach(function (n) {
      var c = n.data("closeness");
      if (c !== null && c !== undefined && (best === null || c > best)) { best = c; }
      importance = Math.max(importance, n.data("importance") || 0);
    });
    dept.data({ count: inside.length, closeness: best, importance: importance });
  }

  function toggle(container, cy, dept, fold) {
    var id = dept.id();
    if (fold === undefined) { fold = !container.folded.has(id); }
    if (fold) { container.folded.add(id); } else { container.folded.delete(id); }
    apply(container, cy);
    container.relayout();
    container.dataset.folded = String(container.folded.size);
    container.showCount();
  }

  function setAll(container, cy, fold) {
    cy.nodes("[kind = 'department']").forEach(function (d) {
      if (fold) { container.folded.add(d.id()); } else { container.folded.delete(d.id()); }
    });
    apply(container, cy);
    container.relayout();
    container.dataset.folded = String(container.folded.size);
    container.showCount();
  }

  /* The label of a department: its name, and when folded how many people and our best. */
  function label(d) {
    if (!d.count) { return d.name; }
    var w = words(), text = d.name + "\n" + d.count + " " + (w.deptPeople || "people");
    if (d.closeness !== null && d.closeness !== undefined) { text += " · " + (w.deptBest || "best") + " " + Math.round(d.closeness); }
    return text;
  }

  function setup(container, cy, data) {
    container.folded = new Set();
    var has = cy.nodes("[kind = 'department']").length > 0;
    container.querySelectorAll("[data-graph-action='fold'], [data-graph-action='unfold']").forEach(function (b) {
      b.hidden = !has;
      b.addEventListener("click", function () { setAll(container, cy, b.dataset.graphAction === "fold"); });
    });
    finder(container, cy, data);
  }

  /* Find in the graph: people whose name or title holds the text are ringed, the rest fade,
   * and the view moves to them; a folded department holding one of them unfolds. */
  function finder(container, cy, data) {
    var input = container.parentElement && container.parentElement.querySelector("[data-graph-find='" + container.dataset.graph + "']");
    if (!input) { return; }
    input.addEventListener("input", function () {
      var text = input.value.trim().toLowerCase();
      cy.elements().removeClass("faded found");
      if (!text) { parts.fit(cy); return; }
      var matches = data.nodes.filter(function (d) {
        return (d.name || "").toLowerCase().indexOf(text) >= 0 || (d.title || "").toLowerCase().indexOf(text) >= 0;
      });
      var unfold = false;
      matches.forEach(function (d) {
        cy.nodes("[kind = 'department']").forEach(function (dept) {
          if (container.folded.has(dept.id()) && dept.data("members").indexOf(d.id) >= 0) { container.folded.delete(dept.id()); unfold = true; }
        });
      });
      if (unfold) {
        apply(container, cy);
        container.relayout();
        container.dataset.folded = String(container.folded.size);
        container.showCount();
      }
      var hits = cy.collection();
      matches.forEach(function (d) {
        var n = cy.getElementById(d.id);
        if (n.nonempty() && n.visible()) { hits = hits.union(n); }
      });
      input.dataset.hits = String(hits.length);
      if (!hits.length) { return; }
      cy.elements().not(hits).not(hits.parents()).addClass("faded");
      hits.addClass("found");
      cy.fit(hits, 80);
      if (cy.zoom() > 1.2) { cy.zoom(1.2); cy.center(hits); }
    });
  }

  parts.departments = departments;
  parts.groups = { setup: setup, toggle: toggle, label: label, setAll: setAll };
})();
