/* Monitoring charts (Chart.js from static/vendor). The numbers come from the json_script "monitoring-data";
   each chart has a table with the same numbers beside or above it, so nothing here is needed to read them. */
(function () {
  "use strict";
  var source = document.getElementById("monitoring-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var blue = "#0d6efd", green = "#146c43", grey = "#6c757d", red = "#b02a37";
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.animation = false;

  data.indicators.forEach(function (indicator) {
    var canvas = document.getElementById("chart-indicator-" + indicator.id);
    if (!canvas) { return; }
    var labels = indicator.points.map(function (p) { return p.x; });
    var datasets = [{ label: data.labels.value, data: indicator.points.map(function (p) { return p.y; }),
                      borderColor: blue, backgroundColor: blue, tension: 0 }];
    if (indicator.target !== null) {
      datasets.push({ label: data.labels.target, data: labels.map(function () { return indicator.target; }),
                      borderColor: green, borderDash: [6, 4], pointRadius: 0 });
    }
    if (indicator.baseline !== null) {
      datasets.push({ label: data.labels.baseline, data: labels.map(function () { return indicator.baseline; }),
                      borderColor: grey, borderDash: [2, 3], pointRadius: 0 });
    }
    new Chart(canvas, { type: "line", data: { labels: labels, datasets: datasets },
                        options: { plugins: { legend: { position: "bottom" } } } });
  });

  var payers = document.getElementById("chart-payers");
  if (payers) {
    new Chart(payers, {
      type: "bar",
      data: { labels: data.payers.labels, datasets: [
        { label: data.labels.planned, data: data.payers.planned, backgroundColor: grey },
        { label: data.labels.actual, data: data.payers.actual, backgroundColor: blue }
      ] },
      options: { plugins: { legend: { position: "bottom" } }, scales: { y: { beginAtZero: true } } }
    });
  }

  var perMigrant = document.getElementById("chart-per-migrant");
  if (perMigrant) {
    new Chart(perMigrant, {
      type: "bar",
      data: { labels: data.perMigrant.labels, datasets: [
        { type: "bar", label: data.labels.actual, data: data.perMigrant.actual, backgroundColor: red },
        { type: "line", label: data.labels.planned, data: data.perMigrant.planned, borderColor: grey, borderDash: [6, 4], pointRadius: 0 }
      ] },
      options: { plugins: { legend: { position: "bottom" } }, scales: { y: { beginAtZero: true } } }
    });
  }
}());
