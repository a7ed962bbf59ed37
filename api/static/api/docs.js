// Renders the OpenAPI schema of /api/schema/ as a reference list, with no external asset (no CDN).
(function () {
  "use strict";
  const root = document.getElementById("api-reference");
  if (!root) return;

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    (children || []).forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }

  function refName(schema) {
    if (!schema) return "";
    if (schema.$ref) return schema.$ref.split("/").pop();
    if (schema.type === "array") return refName(schema.items) + "[]";
    return schema.type || "object";
  }

  function operation(path, method, op) {
    const params = (op.parameters || []).map((p) =>
      el("li", {}, [el("code", {}, [p.name]), ` (${p.in}${p.required ? ", required" : ""}) `, p.description || ""])
    );
    const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
    const responses = Object.entries(op.responses || {}).map(([code, r]) => {
      const content = r.content && r.content["application/json"];
      return el("li", {}, [el("code", {}, [code]), " ", r.description || "", content ? ` → ${refName(content.schema)}` : ""]);
    });
    return el("details", { class: "mb-2" }, [
      el("summary", {}, [
        el("span", { class: "badge text-bg-secondary me-2 text-uppercase" }, [method]),
        el("code", {}, [path]),
        " ",
        op.summary || "",
      ]),
      el("div", { class: "ms-4 mt-2" }, [
        op.description ? el("p", {}, [op.description]) : "",
        params.length ? el("p", { class: "mb-1 fw-semibold" }, ["Parameters"]) : "",
        params.length ? el("ul", {}, params) : "",
        body ? el("p", {}, ["Request body: ", el("code", {}, [refName(body.schema)])]) : "",
        el("p", { class: "mb-1 fw-semibold" }, ["Responses"]),
        el("ul", {}, responses),
      ]),
    ]);
  }

  fetch(root.dataset.schemaUrl, { headers: { Accept: "application/json" } })
    .then((r) => r.json())
    .then((schema) => {
      root.replaceChildren();
      const byTag = {};
      Object.entries(schema.paths || {}).forEach(([path, item]) => {
        Object.entries(item).forEach(([method, op]) => {
          if (typeof op !== "object" || !op.responses) return;
          const tag = (op.tags && op.tags[0]) || "other";
          (byTag[tag] = byTag[tag] || []).push(operation(path, method, op));
        });
      });
      Object.keys(byTag).sort().forEach((tag) => {
        root.append(el("h2", { class: "h5 mt-4", id: "tag-" + tag }, [tag]), ...byTag[tag]);
      });
    })
    .catch(() => {
      root.replaceChildren(el("p", { class: "text-danger" }, ["The schema could not be loaded."]));
    });
})();
