// Vocabulary on the reading page: recolour every token of a lemma when its status changes
// (the server names them in the "randnotiz:status" event), and keys for the focused word:
// 1 new, 2 learning, 3 or k known, s save. A key posts the same request as the popover's
// buttons; when the popover shows another word (the mouse hovered one meanwhile), the key
// still acts on the focused word, and only the recolouring is visible.
(function () {
  "use strict";
  const STATUS_KEYS = { "1": "new", "2": "learning", "3": "known", "k": "known" };

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

  function articleId() {
    const article = document.getElementById("article");
    const match = article && /\/articles\/(\d+)\//.exec(article.dataset.wordUrl || "");
    return match ? match[1] : null;
  }

  function csrfHeaders() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}"); } catch (err) { return {}; }
  }

  function act(word, action) {
    const article = articleId();
    const box = document.getElementById("vocab-actions");
    if (!article || !window.htmx || !box) return;  // no vocabulary block: not logged in
    const shown = box.dataset.s === word.dataset.s && box.dataset.t === word.dataset.t;
    const button = action === "save" ? box.querySelector("[data-save]") : box.querySelector('[data-status="' + action + '"]');
    if (!button) return;
    const values = { article: article, s: word.dataset.s, t: word.dataset.t };
    if (action !== "save") values.status = action;
    htmx.ajax("POST", button.getAttribute("hx-post"), {
      source: shown ? button : document.body,
      target: shown ? "#vocab-actions" : undefined,
      swap: shown ? "outerHTML" : "none",
      values: values,
      headers: csrfHeaders(),
    });
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const word = document.activeElement;
    if (!word || !word.classList || !word.classList.contains("w")) return;
    const key = e.key.toLowerCase();
    const action = STATUS_KEYS[key] || (key === "s" ? "save" : null);
    if (!action) return;
    e.preventDefault();
    act(word, action);
  });
})();
