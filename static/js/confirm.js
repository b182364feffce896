// A form with data-confirm="Question?" is sent only once the user agrees. One listener for
// every such form, instead of inline onsubmit handlers, which the Content-Security-Policy
// refuses to run.
(function () {
  "use strict";
  document.addEventListener("submit", function (e) {
    const form = e.target.closest && e.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) e.preventDefault();
  }, true);
})();
