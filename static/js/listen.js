// Listen: the browser's own speech synthesis reads German aloud, a word, a sentence, or the
// article from any sentence on, one sentence at a time with that sentence highlighted.
// Nothing is sent anywhere. Without a German voice every control stays hidden and a short note
// says why: <html data-speech="yes|no"> decides, through CSS (.speech-only, .speech-none), so
// the popover's buttons, swapped in later by htmx, follow too.
(function () {
  "use strict";
  const RATE = "randnotiz.speechRate";
  // Chromium fills getVoices() a moment after load and says so by `voiceschanged`; a browser
  // that never does has none.
  const WAIT_FOR_VOICES_MS = 1500;
  const synth = window.speechSynthesis;
  const root = document.documentElement;
  let voice = null;
  let reading = null;  // {sentences, index, only}: what is being read aloud, or null

  function germanVoice() {
    const voices = (synth && synth.getVoices()) || [];
    return voices.find((v) => /^de[-_]DE/i.test(v.lang)) || voices.find((v) => /^de([-_]|$)/i.test(v.lang)) || null;
  }

  function decide(final) {
    voice = germanVoice();
    if (voice) root.dataset.speech = "yes";
    else if (final) root.dataset.speech = "no";
  }

  function rate() {
    const input = document.getElementById("listen-rate");
    const value = parseFloat(input ? input.value : "1");
    return value >= 0.5 && value <= 2 ? value : 1;
  }

  function showRate() {
    const input = document.getElementById("listen-rate");
    const out = document.getElementById("listen-rate-value");
    if (input && out) out.textContent = parseFloat(input.value).toFixed(1) + "×";
  }

  function unmark() {
    document.querySelectorAll(".s.speaking").forEach((s) => s.classList.remove("speaking"));
  }

  function showReading() {
    const stop = document.querySelector("[data-listen-stop]");
    if (stop) stop.disabled = !reading;
  }

  function utter(text, done) {
    const u = new SpeechSynthesisUtterance(text);
    u.lang = voice.lang;
    u.voice = voice;
    u.rate = rate();
    if (done) { u.addEventListener("end", done); u.addEventListener("error", done); }
    synth.speak(u);
  }

  function stop() {
    reading = null;
    if (synth) synth.cancel();
    unmark();
    showReading();
  }

  function sentences() { return Array.from(document.querySelectorAll(".text .s")); }

  // Read sentence `index` and, unless `only`, every one after it.
  function readFrom(index, only) {
    stop();
    const all = sentences();
    if (!all[index]) return;
    const r = { sentences: all, index: index, only: !!only };
    reading = r;
    showReading();
    next(r);
  }

  function next(r) {
    // A cancelled utterance still ends (or errs): only the current reading moves on.
    if (reading !== r) return;
    unmark();
    const s = r.sentences[r.index];
    if (!s) { stop(); return; }
    s.classList.add("speaking");
    const box = s.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) s.scrollIntoView({ block: "center" });
    utter(s.textContent.replace(/\s+/g, " ").trim(), function () {
      if (reading !== r) return;
      if (r.only) { stop(); return; }
      r.index += 1;
      next(r);
    });
  }

  function indexOf(id) { return sentences().findIndex((s) => s.id === "s" + id); }

  document.addEventListener("click", function (e) {
    const button = e.target.closest && e.target.closest("[data-speak], [data-listen-article], [data-listen-stop]");
    if (!button || !voice) return;
    if (button.matches("[data-listen-stop]")) { stop(); return; }
    if (button.matches("[data-listen-article]")) { readFrom(0); return; }
    const what = button.dataset.speak;
    if (what === "word") { stop(); utter(button.dataset.text); }
    else if (what === "sentence") readFrom(indexOf(button.dataset.s), true);
    else if (what === "from") readFrom(indexOf(button.dataset.s));
  });

  document.addEventListener("input", function (e) {
    if (e.target.id !== "listen-rate") return;
    showRate();
    try { localStorage.setItem(RATE, e.target.value); } catch (err) { /* private mode */ }
  });

  document.addEventListener("keydown", function (e) {
    // Escape closes the popover (reader.js) and stops the reading too.
    if (e.key === "Escape" && reading) stop();
  });

  document.addEventListener("DOMContentLoaded", function () {
    const input = document.getElementById("listen-rate");
    let kept = null;
    try { kept = localStorage.getItem(RATE); } catch (err) { /* private mode */ }
    if (input && kept) input.value = kept;
    showRate();
    showReading();
  });

  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") { root.dataset.speech = "no"; return; }
  decide(false);
  if (!voice) {
    synth.addEventListener("voiceschanged", function () { decide(false); });
    setTimeout(function () { decide(true); }, WAIT_FOR_VOICES_MS);
  }
  window.addEventListener("pagehide", function () { if (synth) synth.cancel(); });
})();
