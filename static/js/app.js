// Small enhancements; every page works without them.
(function () {
  "use strict";
  // "Lire à voix haute": the browser's own speech synthesis, shown only where it exists.
  document.querySelectorAll("[data-read-aloud]").forEach(function (button) {
    if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") return;
    var wrapper = button.closest("[hidden]");
    if (wrapper) wrapper.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      if (window.speechSynthesis.speaking) {
        window.speechSynthesis.cancel();
        button.textContent = label;
        return;
      }
      var target = document.getElementById(button.dataset.readAloud);
      var utterance = new SpeechSynthesisUtterance(target.innerText);
      utterance.lang = target.lang || document.documentElement.lang || "fr";
      utterance.onend = function () { button.textContent = label; };
      button.textContent = button.dataset.labelStop;
      window.speechSynthesis.speak(utterance);
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  window.addEventListener("pagehide", function () {
    if ("speechSynthesis" in window) window.speechSynthesis.cancel();
  });
})();
