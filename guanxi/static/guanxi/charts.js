/* Guanxi charts with Apache ECharts. Markup: <div class="chart" data-chart="SCRIPT_ID"
 * data-kind="trend|bars">; the JSON script holds {labels, series: [{name, values, colour}]}. */
(function () {
  "use strict";
  function draw(el) {
    var source = document.getElementById(el.dataset.chart);
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    var trend = el.dataset.kind === "trend";
    chart.setOption({
      animation: false,
      grid: { left: 40, right: trend ? 40 : 16, top: 36, bottom: 28 },
      tooltip: { trigger: "axis" },
      legend: { top: 0, textStyle: { fontSize: 11 } },
      xAxis: { type: "category", data: data.labels, axisLabel: { fontSize: 11 } },
      yAxis: trend
        ? [{ type: "value", min: 0, max: data.max === undefined ? 100 : data.max,
             name: data.scoreName || "" },
           { type: "value", minInterval: 1, splitLine: { show: false } }]
        : [{ type: "value", minInterval: 1 }],
      series: data.series.map(function (s) {
        var line = s.type === "line" || (!s.type && trend && s.axis !== 1);
        return {
          name: s.name, type: line ? "line" : "bar", data: s.values, stack: s.stack,
          yAxisIndex: s.axis || 0, smooth: line, symbolSize: 6, barMaxWidth: 28,
          itemStyle: { color: s.colour }, lineStyle: line ? { width: 3 } : undefined,
        };
      }),
    });
    el.dataset.drawn = "true";
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function drawAll(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.drawn !== "true") { draw(el); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSettle", function (evt) { drawAll(evt.target); });
})();
