/* Behaviour shared by every page, kept out of the templates so the Content-Security-Policy can forbid inline
   script: a <select data-autosubmit> submits its form when it changes (the language switcher); an error
   summary marked data-error-summary takes the focus, so keyboard and screen-reader users land on the problems
   (WCAG 2.1 SC 3.3.1). */
(function () {
  "use strict";
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
})();
