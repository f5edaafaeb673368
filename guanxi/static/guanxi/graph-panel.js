/* Guanxi graphs: the org chart's side panel and the phone list (used by graph.js).
 *
 * The panel opens at once with what the graph knows (name, title, closeness, our people who
 * know them), then fills in from /people/<id>/panel/: the key-person page's own view of the
 * person (closeness, who of us knows them, the best path, open deal roles), with its checks.
 */
(function () {
  "use strict";
  var parts = window.GuanxiGraphParts = window.GuanxiGraphParts || {};

  function words() { return (document.getElementById("graph-words") || { dataset: {} }).dataset; }

  function levelOf(closeness) {
    return closeness >= 70 ? "strong" : closeness >= 40 ? "medium" : "weak";
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function closePanel(container, cy) {
    var panel = container.querySelector(".graph-panel");
    if (panel) { panel.remove(); }
    if (!container.dataset.allKnows) { cy.edges(".knows").removeClass("shown"); }
    cy.elements().removeClass("found hl");
  }

  /* What the graph itself knows, shown while the server's panel loads (or if it cannot). */
  function quickBody(container, node) {
    var d = node.data(), body = el("div", "panel-body");
    body.appendChild(el("strong", "", d.name || d.id));
    if (d.title) { body.appendChild(el("div", "muted small", d.title)); }
    if (d.closeness !== null && d.closeness !== undefined) {
      var line = el("p");
      line.appendChild(document.createTextNode((container.dataset.closenessLabel || "closeness") + " "));
      line.appendChild(el("span", "level " + levelOf(d.closeness), String(Math.round(d.closeness))));
      body.appendChild(line);
    }
    return body;
  }

  /* Light up the best path of the panel in the graph (the people and lines on it). */
  function showPath(cy, body) {
    var item = body.querySelector("[data-graph-path]");
    if (!item) { return; }
    var ids = item.dataset.graphPath.split(" ");
    ids.forEach(function (id, i) {
      cy.getElementById(id).addClass("hl");
      if (i > 0) {
        cy.getElementById(id).edgesWith(cy.getElementById(ids[i - 1])).addClass("hl");
      }
    });
  }

  function sidePanel(container, cy, node, url) {
    closePanel(container, cy);
    var w = words();
    var panel = el("div", "graph-panel");
    panel.dataset.testid = "graph-panel";
    var close = el("button", "drawer-x", "×");
    close.type = "button";
    close.setAttribute("aria-label", w.close || "Close");
    close.addEventListener("click", function () { closePanel(container, cy); });
    panel.appendChild(close);
    var body = quickBody(container, node);
    panel.appendChild(body);
    var link = el("a", "btn", (w.open || "Key-person view") + " →");
    link.href = url;
    link.dataset.testid = "graph-panel-open";
    body.appendChild(link);
    parts.route(cy, node.connectedEdges(".knows").addClass("shown"));
    node.addClass("found");
    container.appendChild(panel);
    var id = node.id();
    if (!node.data("side") || node.data("kind") === "department") { return; }
    fetch(url.replace(/\/$/, "") + "/panel/", { credentials: "same-origin", headers: { "HX-Request": "true" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        if (!panel.isConnected || !cy.getElementById(id).hasClass("found")) { return; }
        var holder = document.createElement("div");
        holder.innerHTML = html;  // the server's escaped template, no script
        var fresh = holder.querySelector(".panel-body");
        if (fresh) { body.replaceWith(fresh); showPath(cy, fresh); panel.dataset.loaded = "1"; }
      })
      .catch(function () {
        if (!panel.isConnected) { return; }
        // the quick body stays; say why the rest is missing rather than leave it silent
        body.insertBefore(el("p", "muted small", w.panelFailed || "The details could not be loaded."), link);
        panel.dataset.loaded = "0";
      });
  }

  /* On a phone the graph gives way to a list of the same people (CSS shows one or the
   * other): key people first, then by importance, each with our closeness. */
  var LIST_FIRST = 25;

  function keyRank(d) {
    if (d.centre) { return 0; }
    if (d.power_centre || d.plan_target) { return 1; }
    if (d.influence_centre || d.key) { return 2; }
    return d.side === "customer" ? 3 : 4;
  }

  function phoneList(container, data) {
    var w = words();
    var href = container.dataset.nodeHref || "/people/{id}/";
    var people = data.nodes.slice().sort(function (a, b) {
      var ra = keyRank(a), rb = keyRank(b);
      if (ra !== rb) { return ra - rb; }
      if ((b.importance || 0) !== (a.importance || 0)) { return (b.importance || 0) - (a.importance || 0); }
      return (a.name || a.id) < (b.name || b.id) ? -1 : 1;
    });
    var list = el("ul", "phone-list graph-list list-plain");
    list.dataset.testid = "graph-list";
    people.forEach(function (d, i) {
      var li = el("li");
      if (i >= LIST_FIRST) { li.hidden = true; }
      var who = el("div");
      var link = el(href ? "a" : "span", "", d.name || d.id);
      if (href) { link.href = href.replace("{id}", encodeURIComponent(d.id)); }
      who.appendChild(link);
      [["power_centre", "power", w.power], ["influence_centre", "influence", w.influence],
       ["plan_target", "target", w.target]].forEach(function (t) {
        if (d[t[0]] && t[2]) {
          who.appendChild(document.createTextNode(" "));
          who.appendChild(el("span", "tag " + t[1], t[2]));
        }
      });
      if (d.title || d.org) {
        who.appendChild(el("div", "muted small",
          [d.title, d.side !== "customer" ? d.org : ""].filter(Boolean).join(" · ")));
      }
      li.appendChild(who);
      if (d.closeness !== null && d.closeness !== undefined) {
        var level = el("span", "level " + levelOf(d.closeness), String(Math.round(d.closeness)));
        level.title = container.dataset.closenessLabel || "";
        li.appendChild(level);
      }
      list.appendChild(li);
    });
    if (people.length > LIST_FIRST) {
      var more = el("li");
      var button = el("button", "btn", (w.more || "Show all") + " (" + people.length + ")");
      button.type = "button";
      button.addEventListener("click", function () {
        list.querySelectorAll("li[hidden]").forEach(function (li) { li.hidden = false; });
        more.remove();
      });
      more.appendChild(button);
      list.appendChild(more);
    }
    container.insertAdjacentElement("afterend", list);
  }

  parts.levelOf = levelOf;
  parts.sidePanel = sidePanel;
  parts.closePanel = closePanel;
  parts.phoneList = phoneList;
})();
