// The reading view: one delegated handler for every word. Hover (mouse), focus (keyboard) or
// tap fetches the word's popover through htmx; arrow keys move between words; Escape closes.
//
// Keyboard: Tab (or an arrow key) to a word shows its popover; Enter or Space opens it as a
// dialog and takes the focus into it, where Tab walks its buttons and leaves it for the words
// around; Escape closes it and gives the focus back to the word.
//
// Inside an assignment a teacher sees which words were looked up (#article[data-lookup-url]).
// A click, tap, Enter or Space is a lookup at once; a popover opened by hovering or by moving
// the focus is a glance, counted only once the learner stays on it for LOOKUP_AFTER_MS (the
// pointer still on the word or its popover): a mouse crossing the text, or arrow keys walking
// along it, would count every word passed.
(function () {
  "use strict";
  const LOOKUP_AFTER_MS = 800;
  let hoverTimer = null;
  let lookupTimer = null;
  let current = null;
  let inFlight = false;
  let counted = false;
  let pointer = null;  // the element under the mouse
  let focusInside = false;  // Enter or Space asked for the popover: focus it once shown
  let refocusing = false;  // the focus goes back to the word: not a new glance at it

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

  function wordUrl(template, word) {
    // The template is a URL reversed for word 0/0, maybe with a last part: .../0/0/lookup/
    return template.replace(/0\/0\/([a-z-]+\/)?$/, word.dataset.s + "/" + word.dataset.t + "/$1");
  }

  // Count the current word as looked up, once, where an assignment counts lookups.
  function countLookup(word) {
    clearTimeout(lookupTimer);
    const article = document.getElementById("article");
    if (counted || current !== word || !article || !article.dataset.lookupUrl) return;
    counted = true;
    htmx.ajax("POST", wordUrl(article.dataset.lookupUrl, word), { source: word, swap: "none" });
  }

  function enterPopover() {
    focusInside = false;
    const pop = popover();
    if (pop && !pop.hidden) pop.focus();
  }

  // `how`: "click" (a click, tap or key press asked for this word), "hover" or "focus";
  // `intoPopover`: the keyboard asked, so the focus moves into the popover.
  function show(word, how, intoPopover) {
    const deliberate = how === "click";
    const article = document.getElementById("article");
    if (!article || !word || !window.htmx) return;
    // A click on a word also focuses it: one request per word, not two racing swaps.
    if (current === word && (inFlight || !popover().hidden)) {
      if (deliberate) countLookup(word);
      if (intoPopover) { if (inFlight) focusInside = true; else enterPopover(); }
      return;
    }
    if (current) { current.classList.remove("active"); current.removeAttribute("aria-expanded"); }
    focusInside = !!intoPopover;
    clearTimeout(lookupTimer);
    current = word;
    counted = deliberate || !article.dataset.lookupUrl;  // a deliberate GET counts itself
    word.classList.add("active");
    word.setAttribute("aria-expanded", "true");
    link(word, true);
    const url = wordUrl(article.dataset.wordUrl, word) + (counted ? "" : "?glance=1");
    inFlight = true;
    htmx.ajax("GET", url, { target: "#popover", swap: "innerHTML" }).then(function () {
      inFlight = false;
      if (current !== word) return;  // the reader moved on while this one loaded
      const pop = popover();
      pop.hidden = false;
      place(word);
      if (focusInside) enterPopover();
      if (!counted) lookupTimer = setTimeout(function () {
        if (how === "hover" && !(word.contains(pointer) || pop.contains(pointer))) return;
        countLookup(word);
      }, LOOKUP_AFTER_MS);
    }, function () { inFlight = false; });
  }

  function hide() {
    clearTimeout(lookupTimer);
    // A hover that began before the close (the pointer still on the word) must not open the
    // popover again a moment later.
    clearTimeout(hoverTimer);
    const pop = popover();
    if (pop) pop.hidden = true;
    if (current) { current.classList.remove("active"); current.removeAttribute("aria-expanded"); link(current, false); }
    current = null;
    focusInside = false;
  }

  // Close the popover and give the focus back to its word, without opening it again.
  function close() {
    const back = current;
    hide();
    if (!back) return;
    refocusing = true;
    back.focus();
    refocusing = false;
  }

  function textWords() { return Array.from(document.querySelectorAll(".text .w")); }

  // Tab inside the popover: past its last control to the next word, before its first back to
  // the word it belongs to (it sits after the text in the page, far from its word).
  function tabOutOfPopover(e) {
    const pop = popover();
    if (!current || !pop || !pop.contains(document.activeElement)) return false;
    const controls = Array.from(pop.querySelectorAll("button, a[href], input, select, textarea, summary"))
      .filter((el) => !el.disabled && el.getClientRects().length > 0);
    const first = controls[0], last = controls[controls.length - 1];
    const active = document.activeElement;
    if (e.shiftKey && (active === pop || active === first)) {
      e.preventDefault(); close(); return true;
    }
    if (!e.shiftKey && (active === last || controls.length === 0)) {
      const words = textWords();
      const next = words[words.indexOf(current) + 1];
      e.preventDefault();
      if (next) { hide(); next.focus(); } else close();
      return true;
    }
    return false;
  }

  document.addEventListener("mouseover", function (e) {
    pointer = e.target;
    const word = e.target.closest && e.target.closest(".w");
    // The teacher's review panel opens on click or focus only (templates/classroom/article_review.html).
    if (!word || word.closest("[data-no-hover]")) return;
    clearTimeout(hoverTimer);
    hoverTimer = setTimeout(function () { show(word, "hover"); }, 120);
  });
  document.addEventListener("mouseout", function (e) {
    if (e.target.closest && e.target.closest(".w")) clearTimeout(hoverTimer);
  });
  document.addEventListener("focusin", function (e) {
    if (refocusing) return;
    if (e.target.classList && e.target.classList.contains("w")) show(e.target, "focus");
  });
  document.addEventListener("click", function (e) {
    const word = e.target.closest && e.target.closest(".w");
    if (word) { show(word, "click"); return; }
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
    if (e.target.closest("[data-close]")) { close(); return; }
    if (!e.target.closest("#popover")) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { close(); return; }
    if (e.key === "Tab" && tabOutOfPopover(e)) return;
    const word = document.activeElement;
    if (!word || !word.classList || !word.classList.contains("w")) return;
    if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      const words = textWords();
      const i = words.indexOf(word) + (e.key === "ArrowRight" ? 1 : -1);
      if (words[i]) { e.preventDefault(); words[i].focus(); }
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault(); show(word, "click", true);
    }
  });
  window.addEventListener("resize", function () { if (current) place(current); });
})();
