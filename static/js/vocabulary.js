// Vocabulary on the reading page: recolour every token of a lemma when its status changes
// (the server names them in the "randnotiz:status" event), and keys for the focused word:
// 1 new, 2 learning, 3 or k known, s save. Keys press the popover's own buttons, so the
// keyboard and the mouse go through the same htmx requests.
(function () {
  "use strict";
  const STATUS_KEYS = { "1": "new", "2": "learning", "3": "known", "k": "known" };
  let pending = null;

  document.addEventListener("randnotiz:status", function (e) {
    const detail = e.detail || {};
    (detail.tokens || []).forEach(function (pos) {
      const [s, t] = pos.split("-");
      const word = document.querySelector('.text .w[data-s="' + s + '"][data-t="' + t + '"]');
      if (!word) return;
      word.classList.remove("st-new", "st-learning", "st-known");
      word.classList.add("st-" + (detail.status || "new"));
    });
  });

  function actionsFor(word) {
    const box = document.getElementById("vocab-actions");
    if (box && box.dataset.s === word.dataset.s && box.dataset.t === word.dataset.t) return box;
    return null;
  }

  function press(word, action) {
    const box = actionsFor(word);
    if (!box) { pending = { word: word, action: action }; return; }
    const button = action === "save"
      ? box.querySelector("[data-save]")
      : box.querySelector('[data-status="' + action + '"]');
    if (button) button.click();
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const word = document.activeElement;
    if (!word || !word.classList || !word.classList.contains("w")) return;
    const key = e.key.toLowerCase();
    const action = STATUS_KEYS[key] || (key === "s" ? "save" : null);
    if (!action) return;
    e.preventDefault();
    press(word, action);
  });

  // A key pressed before the word's popover arrived is applied once it is there.
  document.addEventListener("htmx:afterSettle", function () {
    if (!pending) return;
    const next = pending;
    if (actionsFor(next.word)) { pending = null; press(next.word, next.action); }
  });
})();
