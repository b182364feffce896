// The reading view: one delegated handler for every word. Hover (mouse), focus (keyboard) or
// tap fetches the word's popover through htmx; arrow keys move between words; Escape closes.
(function () {
  "use strict";
  let hoverTimer = null;
  let current = null;
  let inFlight = false;

  function popover() { return document.getElementById("popover"); }

  function place(word) {
    const pop = popover();
    if (!pop || !word) return;
    const r = word.getBoundingClientRect();
    const top = window.scrollY + r.bottom + 6;
    let left = window.scrollX + r.left;
    const width = pop.offsetWidth || 320;
    left = Math.max(8, Math.min(left, window.scrollX + document.documentElement.clientWidth - width - 8));
    pop.style.top = top + "px";
    pop.style.left = left + "px";
  }

  function link(word, on) {
    document.querySelectorAll(".w.linked").forEach((w) => w.classList.remove("linked"));
    if (on && word.dataset.x) {
      document.querySelectorAll('.w[data-x="' + word.dataset.x + '"]').forEach((w) => w.classList.add("linked"));
    }
  }

  function show(word) {
    const article = document.getElementById("article");
    if (!article || !word || !window.htmx) return;
    // A click on a word also focuses it: one request per word, not two racing swaps.
    if (current === word && (inFlight || !popover().hidden)) return;
    if (current) current.classList.remove("active");
    current = word;
    word.classList.add("active");
    link(word, true);
    const url = article.dataset.wordUrl.replace(/0\/0\/$/, word.dataset.s + "/" + word.dataset.t + "/");
    inFlight = true;
    htmx.ajax("GET", url, { target: "#popover", swap: "innerHTML" }).then(function () {
      inFlight = false;
      if (current !== word) return;  // the reader moved on while this one loaded
      const pop = popover();
      pop.hidden = false;
      place(word);
    }, function () { inFlight = false; });
  }

  function hide() {
    const pop = popover();
    if (pop) pop.hidden = true;
    if (current) { current.classList.remove("active"); link(current, false); }
    current = null;
  }

  document.addEventListener("mouseover", function (e) {
    const word = e.target.closest && e.target.closest(".w");
    if (!word) return;
    clearTimeout(hoverTimer);
    hoverTimer = setTimeout(function () { show(word); }, 120);
  });
  document.addEventListener("mouseout", function (e) {
    if (e.target.closest && e.target.closest(".w")) clearTimeout(hoverTimer);
  });
  document.addEventListener("focusin", function (e) {
    if (e.target.classList && e.target.classList.contains("w")) show(e.target);
  });
  document.addEventListener("click", function (e) {
    const word = e.target.closest && e.target.closest(".w");
    if (word) { show(word); return; }
    const chip = e.target.closest && e.target.closest("[data-note-filter]");
    if (chip) {
      // Filter the notes panel to one kind; the list stays in reading order.
      const kinds = chip.dataset.noteFilter.split(" ").filter(Boolean);
      document.querySelectorAll("[data-note-filter]").forEach((c) => c.setAttribute("aria-pressed", c === chip ? "true" : "false"));
      document.querySelectorAll(".note-list .note").forEach(function (li) {
        li.hidden = kinds.length > 0 && !kinds.some((k) => li.classList.contains(k));
      });
      return;
    }
    const note = e.target.closest && e.target.closest(".note-link");
    if (note) {
      // A note leads to its words: focus the first one, which opens its popover.
      const target = document.querySelector('.w[data-s="' + note.dataset.s + '"][data-t="' + note.dataset.t + '"]');
      if (target) { e.preventDefault(); target.scrollIntoView({ block: "center" }); target.focus({ preventScroll: true }); }
      return;
    }
    if (e.target.closest("[data-close]")) { const back = current; hide(); if (back) back.focus(); return; }
    if (!e.target.closest("#popover")) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { const back = current; hide(); if (back) back.focus(); return; }
    const word = document.activeElement;
    if (!word || !word.classList || !word.classList.contains("w")) return;
    if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      const words = Array.from(document.querySelectorAll(".text .w"));
      const i = words.indexOf(word) + (e.key === "ArrowRight" ? 1 : -1);
      if (words[i]) { e.preventDefault(); words[i].focus(); }
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault(); show(word);
    }
  });
  window.addEventListener("resize", function () { if (current) place(current); });
})();
