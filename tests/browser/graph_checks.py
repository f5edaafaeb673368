"""Geometry checks run in the page on the live Cytoscape instance (`container.cy`): lines
through people they do not join, people drawn on each other, labels drawn on each other.

Each is a JavaScript function (not an expression: the pages' CSP forbids eval) taking the
graph container's CSS selector and returning plain numbers and ids for the assertions."""

from __future__ import annotations

#: [lines checked, [[line id, person crossed], ...]] — each drawn line as the renderer drew
#: it (its end points, corners, or its curve sampled) against every other person's box.
CROSSINGS = """(selector) => {
    const cy = document.querySelector(selector).cy;
    const people = cy.nodes(":visible").filter(n => !n.isParent())
        .map(n => [n.id(), n.boundingBox({includeLabels: false, includeOverlays: false})]);
    const hits = (a, b, box) => {
        const x1 = box.x1 + 0.5, x2 = box.x2 - 0.5, y1 = box.y1 + 0.5, y2 = box.y2 - 0.5;
        let t0 = 0, t1 = 1;
        const dx = b.x - a.x, dy = b.y - a.y;
        const p = [-dx, dx, -dy, dy], q = [a.x - x1, x2 - a.x, a.y - y1, y2 - a.y];
        for (let k = 0; k < 4; k++) {
            if (p[k] === 0) { if (q[k] < 0) return false; continue; }
            const r = q[k] / p[k];
            if (p[k] < 0) { if (r > t1) return false; if (r > t0) t0 = r; }
            else { if (r < t0) return false; if (r < t1) t1 = r; }
        }
        return t0 <= t1;
    };
    const polyline = e => {
        const s = e.sourceEndpoint(), t = e.targetEndpoint();
        const style = e.style("curve-style");
        if (style === "segments" || style === "taxi") return [s, ...(e.segmentPoints() || []), t];
        const cps = e.controlPoints();
        if (!cps || !cps.length) return [s, t];
        const pts = [s];
        let from = s;
        cps.forEach((c, i) => {
            const to = i + 1 < cps.length
                ? {x: (c.x + cps[i + 1].x) / 2, y: (c.y + cps[i + 1].y) / 2} : t;
            for (let k = 1; k <= 16; k++) {
                const u = k / 16;
                pts.push({x: (1 - u) ** 2 * from.x + 2 * (1 - u) * u * c.x + u * u * to.x,
                          y: (1 - u) ** 2 * from.y + 2 * (1 - u) * u * c.y + u * u * to.y});
            }
            from = to;
        });
        return pts;
    };
    const edges = cy.edges(":visible");
    const crossed = [];
    edges.forEach(e => {
        const pts = polyline(e), ends = [e.source().id(), e.target().id()];
        people.forEach(([id, box]) => {
            if (ends.includes(id)) return;
            for (let i = 0; i + 1 < pts.length; i++) {
                if (hits(pts[i], pts[i + 1], box)) { crossed.push([e.id(), id]); return; }
            }
        });
    });
    return [edges.length, crossed];
}"""

#: [people drawn, pairs of people whose boxes overlap]
OVERLAPS = """(selector) => {
    const cy = document.querySelector(selector).cy;
    const boxes = cy.nodes(":visible").filter(n => !n.isParent())
        .map(n => n.boundingBox({includeLabels: false}));
    let hits = 0;
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        const apart = a.x2 - 0.5 <= b.x1 || b.x2 - 0.5 <= a.x1
            || a.y2 - 0.5 <= b.y1 || b.y2 - 0.5 <= a.y1;
        if (!apart) hits++;
    }
    return [boxes.length, hits];
}"""

#: [labels drawn, [[id, id], ...] of labels whose boxes overlap] at the current zoom
LABEL_OVERLAPS = """(selector) => {
    const cy = document.querySelector(selector).cy;
    // the labels drawn at this zoom (Cytoscape hides those smaller than min-zoomed-font-size)
    const least = n => parseFloat(n.style("min-zoomed-font-size")) || 0;
    const labelled = cy.nodes(":visible").filter(n => !n.isParent() && n.style("label")
        && parseFloat(n.style("font-size")) * cy.zoom() >= least(n));
    const boxes = labelled.map(n => [n.id(), n.boundingBox({includeNodes: false,
        includeEdges: false, includeLabels: true, includeOverlays: false})]);
    const pairs = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i][1], b = boxes[j][1];
        if (a.w === 0 || b.w === 0) continue;
        const apart = a.x2 - 0.5 <= b.x1 || b.x2 - 0.5 <= a.x1
            || a.y2 - 0.5 <= b.y1 || b.y2 - 0.5 <= a.y1;
        if (!apart) pairs.push([boxes[i][0], boxes[j][0]]);
    }
    return [boxes.length, pairs];
}"""
