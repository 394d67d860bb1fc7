/* "Read aloud": reads the main content with the browser's own speech synthesis, in the page's
   language. Progressive enhancement: the button stays hidden when the browser cannot speak
   or has no voice for this language. No inline script (the CSP forbids it). */
(function () {
  "use strict";
  var box = document.querySelector("[data-read-aloud]");
  if (!box || !("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) {
    return;
  }
  var button = box.querySelector("button");
  var lang = document.documentElement.lang || "nl";
  var speaking = false;

  function voiceFor(language) {
    var voices = window.speechSynthesis.getVoices();
    for (var i = 0; i < voices.length; i += 1) {
      var code = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (code === language || code.indexOf(language + "-") === 0) {
        return voices[i];
      }
    }
    return null;
  }

  function label(reading) {
    speaking = reading;
    button.textContent = reading ? box.dataset.stopLabel : box.dataset.readLabel;
    button.setAttribute("aria-pressed", reading ? "true" : "false");
  }

  function text() {
    var main = document.getElementById("main").cloneNode(true);
    main.querySelectorAll("[data-read-aloud], script, style, [hidden], .portal-visually-hidden")
      .forEach(function (node) { node.remove(); });
    return main.innerText || main.textContent || "";
  }

  function offer() {
    var voice = voiceFor(lang);
    box.hidden = !voice;
    return voice;
  }

  button.addEventListener("click", function () {
    if (speaking) {
      window.speechSynthesis.cancel();
      label(false);
      return;
    }
    var voice = offer();
    if (!voice) {
      return;
    }
    var utterance = new window.SpeechSynthesisUtterance(text());
    utterance.lang = lang;
    utterance.voice = voice;
    utterance.onend = function () { label(false); };
    utterance.onerror = function () { label(false); };
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
    label(true);
  });

  offer();
  if ("onvoiceschanged" in window.speechSynthesis) {
    window.speechSynthesis.addEventListener("voiceschanged", offer);
  }
  window.addEventListener("pagehide", function () { window.speechSynthesis.cancel(); });
}());
