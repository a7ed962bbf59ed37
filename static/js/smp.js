/* Behaviour shared by every page, kept out of the templates so the Content-Security-Policy can forbid inline
   script: a <select data-autosubmit> submits its form when it changes (the language switcher). */
(function () {
  "use strict";
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
