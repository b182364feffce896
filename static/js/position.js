// The reading position: where a signed-in reader is in an article (#article[data-position-url])
// is kept on the server, per reader and article (reader.views.reading_position), and the page
// opens there next time (#article[data-resume-s]). "Where" is the sentence at the top of the
// screen once scrolling stops, or the sentence of the last word opened while it is still on
// the screen (opening a popover may scroll the page a little: that is not reading on).
// No inline script: the page's Content-Security-Policy allows only files like this one.
(function () {
  "use strict";
  const SETTLED_AFTER_MS = 1200;  // scrolling has stopped
  let timer = null;
  let saved = null;  // the sentence the server has
  let pending = null;  // the sentence to send
  let opened = null;  // the sentence of the last word opened

  function article() { return document.getElementById("article"); }

  function csrfToken() {
    // base.html puts the token on <body hx-headers>, for htmx's requests and ours.
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; }
    catch (e) { return ""; }
  }

  function send() {
    const el = article();
    if (pending === null || pending === saved || !el) return;
    const s = pending;
    fetch(el.dataset.positionUrl, {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,  // still sent when the page is being left
      headers: { "X-CSRFToken": csrfToken(), "Content-Type": "application/x-www-form-urlencoded" },
      body: "s=" + encodeURIComponent(s),
    }).then(function (r) { if (r.ok) saved = s; }, function () {});
  }

  function remember(s) {
    if (s === null || isNaN(s)) return;
    pending = s;
    send();
  }

  // The first sentence still on the screen: sentences are in document order, so their
  // bottoms grow down the page and a binary search finds it among thousands.
  function topSentence() {
    const sentences = document.querySelectorAll("#article .text .s");
    let lo = 0, hi = sentences.length - 1, found = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sentences[mid].getBoundingClientRect().bottom > 0) { found = sentences[mid]; hi = mid - 1; }
      else lo = mid + 1;
    }
    return found ? parseInt(found.id.slice(1), 10) : null;
  }

  function onScreen(s) {
    const sentence = document.getElementById("s" + s);
    if (!sentence) return false;
    const r = sentence.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }

  // Scrolling stopped: the last word opened if it is still in view, else the top sentence.
  function settled() {
    timer = null;
    if (opened !== null && !onScreen(opened)) opened = null;
    remember(opened !== null ? opened : topSentence());
  }

  function open(word) {
    opened = parseInt(word.dataset.s, 10);
    remember(opened);
  }

  function resume(el) {
    const s = parseInt(el.dataset.resumeS || "", 10);
    saved = isNaN(s) ? null : s;
    // A link to a place in the text (#s12), or a page the browser scrolled back itself, wins.
    if (isNaN(s) || s <= 0 || location.hash || window.scrollY > 0) return;
    const sentence = document.getElementById("s" + s);
    if (!sentence) return;
    sentence.scrollIntoView({ block: "start" });
    sentence.classList.add("resumed");
  }

  document.addEventListener("DOMContentLoaded", function () {
    const el = article();
    if (!el || !el.dataset.positionUrl) return;
    resume(el);
    window.addEventListener("scroll", function () {
      clearTimeout(timer);
      timer = setTimeout(settled, SETTLED_AFTER_MS);
    }, { passive: true });
    // A word opened (click, tap, Enter or Space): its sentence is where the reader is.
    el.addEventListener("click", function (e) {
      const word = e.target.closest(".w[data-s]");
      if (word) open(word);
    });
    el.addEventListener("keydown", function (e) {
      const word = e.target.closest(".w[data-s]");
      if (word && (e.key === "Enter" || e.key === " ")) open(word);
    });
    // Leaving before scrolling settled: where the screen is now.
    window.addEventListener("pagehide", function () {
      if (timer !== null) { clearTimeout(timer); settled(); } else send();
    });
  });
})();
