/* Portfolio charts (Chart.js from static/vendor). Data comes from the json_script "chart-data";
   every chart has a table with the same numbers next to it, so nothing here is needed to read them. */
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var blue = "#0d6efd", green = "#146c43";
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.animation = false;

  function bars(id, set, options) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    new Chart(canvas, {
      type: "bar",
      data: { labels: set.labels, datasets: [{ data: set.values, backgroundColor: options.colour || blue }] },
      options: {
        indexAxis: options.horizontal ? "y" : "x",
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }

  bars("chart-readiness", data.readiness, { colour: green });
  bars("chart-funnel", data.funnel, { horizontal: true });
  bars("chart-corridors", data.corridors, { horizontal: true, colour: "#6f42c1" });

  var costCanvas = document.getElementById("chart-cost-share");
  if (costCanvas) {
    var cs = data.costShare;
    var biggest = Math.max.apply(null, cs.points.map(function (p) { return p.count; }).concat([1]));
    new Chart(costCanvas, {
      type: "bubble",
      data: {
        datasets: [{
          data: cs.points.map(function (p) { return { x: p.x, y: p.y, r: 4 + 16 * Math.sqrt(p.count / biggest), count: p.count }; }),
          backgroundColor: "rgba(176, 42, 55, 0.55)", borderColor: "#b02a37"
        }]
      },
      options: {
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (ctx) {
            var p = ctx.raw; return cs.costBands[p.y] + " " + cs.currency + " · " + cs.shareBands[p.x] + ": " + p.count;
          } } }
        },
        scales: {
          x: { min: -0.5, max: cs.shareBands.length - 0.5, ticks: { stepSize: 1, callback: function (v) { return cs.shareBands[v] || ""; } },
               title: { display: true, text: source.dataset.xTitle || "%" } },
          y: { min: -0.5, max: cs.costBands.length - 0.5, ticks: { stepSize: 1, callback: function (v) { return cs.costBands[v] || ""; } },
               title: { display: true, text: cs.currency } }
        }
      }
    });
  }
})();
