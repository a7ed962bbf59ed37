/* Behaviour shared by every page, kept out of the templates so the Content-Security-Policy can forbid inline
   script: a <select data-autosubmit> submits its form when it changes (the language switcher); an error
   summary marked data-error-summary takes the focus, so keyboard and screen-reader users land on the problems
   (WCAG 2.1 SC 3.3.1). */
(function () {
  "use strict";
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  /* A table wider than its .table-responsive box scrolls sideways: the box then takes the keyboard focus (so the
     arrow keys scroll it) and is announced by its table's caption. Boxes with their own tabindex are left alone. */
  function scrollableTables() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.hasAttribute("tabindex") && !box.hasAttribute("data-scroll-focus")) { return; }
      var scrolls = box.scrollWidth > box.clientWidth;
      if (scrolls && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scroll-focus", "");
        if (!box.hasAttribute("role") && caption) {
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", caption.textContent.trim());
        }
      } else if (!scrolls && box.hasAttribute("data-scroll-focus")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-focus");
      }
    });
  }
  scrollableTables();
  window.addEventListener("resize", scrollableTables);
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
})();
