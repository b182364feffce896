// Reading comfort, kept per browser (localStorage): the theme (the system's unless the reader
// picked one) and the reading text's size. Loaded in <head> without `defer`, so the page is
// painted in the chosen theme at once; the buttons are wired once the page is there.
(function () {
  "use strict";
  const THEME = "randnotiz.theme", SIZE = "randnotiz.textSize", MIN = -2, MAX = 3;
  const root = document.documentElement;

  function load(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function keep(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } }

  const theme = load(THEME);
  if (theme === "dark" || theme === "light") root.dataset.theme = theme;
  const size = parseInt(load(SIZE), 10);
  if (size >= MIN && size <= MAX && size !== 0) root.dataset.textSize = String(size);

  function isDark() {
    if (root.dataset.theme) return root.dataset.theme === "dark";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function showState() {
    document.querySelectorAll("[data-theme-toggle]").forEach(function (b) {
      b.setAttribute("aria-pressed", isDark() ? "true" : "false");
    });
    const step = parseInt(root.dataset.textSize || "0", 10);
    document.querySelectorAll("[data-text-size-step]").forEach(function (b) {
      const by = parseInt(b.dataset.textSizeStep, 10);
      b.disabled = step + by < MIN || step + by > MAX;
    });
  }

  document.addEventListener("click", function (e) {
    const toggle = e.target.closest && e.target.closest("[data-theme-toggle]");
    if (toggle) {
      root.dataset.theme = isDark() ? "light" : "dark";
      keep(THEME, root.dataset.theme);
      showState();
      return;
    }
    const sizer = e.target.closest && e.target.closest("[data-text-size-step]");
    if (sizer) {
      const step = Math.max(MIN, Math.min(MAX, parseInt(root.dataset.textSize || "0", 10) + parseInt(sizer.dataset.textSizeStep, 10)));
      if (step === 0) delete root.dataset.textSize; else root.dataset.textSize = String(step);
      keep(SIZE, String(step));
      showState();
    }
  });
  document.addEventListener("DOMContentLoaded", showState);
  if (window.matchMedia) window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", showState);
})();
