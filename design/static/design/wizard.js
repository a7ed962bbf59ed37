/* Wizard enhancements; every page works without them (SMP design wizard). */
(function () {
  "use strict";
  var script = document.currentScript;
  var occupationsUrl = script ? script.getAttribute("data-occupations-url") : null;

  /* Error summary: move focus to it so keyboard and screen-reader users land on the problems. */
  var summary = document.getElementById("error-summary") || document.getElementById("conflict");
  if (summary) { summary.setAttribute("tabindex", "-1"); summary.focus(); }

  /* Cost-sharing grid: live total per row (the server recomputes and validates on save). */
  function parse(value) {
    var n = parseFloat(String(value || "").replace(",", "."));
    return isNaN(n) ? 0 : n;
  }
  function updateRow(row) {
    var inputs = row.querySelectorAll("input[data-share]");
    var total = 0, any = false;
    inputs.forEach(function (input) { if (input.value !== "") { any = true; } total += parse(input.value); });
    var cell = row.querySelector("[data-share-total]");
    if (!cell) { return; }
    total = Math.round(total * 100) / 100;
    cell.textContent = any ? total.toFixed(2) + " %" : "—";
    var wrong = any && Math.abs(total - 100) > 0.001;
    cell.classList.toggle("text-danger", wrong);
    cell.classList.toggle("fw-bold", wrong);
    cell.classList.toggle("text-success", any && !wrong);
    cell.setAttribute("title", wrong ? "The shares must add up to 100 %" : "");
  }
  document.querySelectorAll("[data-share-row]").forEach(function (row) {
    updateRow(row);
    row.addEventListener("input", function () { updateRow(row); });
  });

  /* ISCO-08 picker: search the JSON endpoint and offer matches in a datalist. */
  if (occupationsUrl) {
    var counter = 0;
    document.querySelectorAll("input[data-occupation-picker]").forEach(function (input) {
      if (input.disabled) { return; }
      var list = document.createElement("datalist");
      list.id = "isco-options-" + (counter += 1);
      input.setAttribute("list", list.id);
      input.insertAdjacentElement("afterend", list);
      var hint = document.createElement("div");
      hint.className = "form-text";
      hint.setAttribute("aria-live", "polite");
      list.insertAdjacentElement("afterend", hint);
      var timer = null;
      input.addEventListener("input", function () {
        clearTimeout(timer);
        var query = input.value.trim();
        if (query.length < 2) { return; }
        timer = setTimeout(function () {
          fetch(occupationsUrl + "?q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" } })
            .then(function (response) { return response.ok ? response.json() : { results: [] }; })
            .then(function (data) {
              list.innerHTML = "";
              data.results.forEach(function (item) {
                var option = document.createElement("option");
                option.value = item.code;
                option.label = item.code + " " + item.title;
                option.textContent = item.code + " " + item.title;
                option.lang = "en";  // ISCO-08 titles ship in English only
                list.appendChild(option);
              });
              var exact = data.results.filter(function (item) { return item.code === query; })[0];
              hint.textContent = exact ? exact.title : (data.results.length + " matches");
            })
            .catch(function () { /* the plain text input still works */ });
        }, 200);
      });
    });
  }
})();
