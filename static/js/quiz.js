// The quiz: an answer replaces its question with the feedback (htmx), which removes the button
// that had the focus. The feedback takes the focus instead, so a keyboard user hears it and the
// next Tab leads on to the next question rather than back to the top of the page.
(function () {
  "use strict";
  document.addEventListener("htmx:load", function (e) {
    const question = e.detail.elt;
    if (!question.matches || !question.matches("li.question.answered")) return;
    const feedback = question.querySelector(".feedback");
    if (feedback) feedback.focus({ preventScroll: true });
  });
})();
